"""Cypher statements live in ``graph/cypher/*.cypher`` (one statement a file, named verb_noun).

A few statements are templates over a *closed* set of labels and relationship types
(``__LABEL__``, ``__TYPE__``, ``__START__``, ``__END__``); those names come only from
``graph.model``, never from user text. Every value is a ``$parameter``.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

CYPHER_DIR = Path(__file__).parent / "cypher"
_PLACEHOLDER = re.compile(r"__([A-Z]+)__")


@cache
def load(name: str) -> str:
    """The text of ``graph/cypher/<name>.cypher``, without its comment lines."""
    path = CYPHER_DIR / f"{name}.cypher"
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(ln for ln in lines if not ln.lstrip().startswith("//")).strip()


@cache
def render(name: str, **names: str) -> str:
    """A template statement with its placeholders filled from the closed model set."""
    from graph.model import check_name

    def fill(m: re.Match[str]) -> str:
        value = names.get(m.group(1).lower())
        if value is None:
            raise ValueError(f"{name}.cypher: placeholder {m.group(0)} not filled")
        return check_name(value)

    return _PLACEHOLDER.sub(fill, load(name))
