"""The curated Cypher library: ``graph/queries/*.cypher``, one documented question a file.

Each file opens with a header of ``//`` lines::

    // title: Firms that bridge two clusters
    // question: Which firms are members of both cluster $a and cluster $b?
    //   (an indented comment line continues the one before)
    // param a: the id of the first cluster (example: "S1")
    // param limit: the most rows to return (default: 100)

A parameter with a ``(default: JSON)`` is optional; the others are required. Library queries
run through ``graph.guard.run_read_only`` like any analyst's query: they cannot write either.

This is the one reader of the library's files (the statements the code itself runs are
``graph.catalog``'s). The API lists, shows and runs these queries; its Cypher page fills its
form with a query's ``statement`` (the text without its header).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from graph.errors import InvalidInput, NotFound

LIBRARY_DIR = Path(__file__).parent / "queries"
_HEADER = re.compile(r"^//\s*(title|question|param\s+(\w+))\s*:\s*(.*)$")
_EXTRA = re.compile(r"\((example|default):\s*(.+?)\)\s*$")


@dataclass
class Parameter:
    name: str
    description: str = ""
    example: Any = None
    default: Any = None
    required: bool = True


@dataclass
class CuratedQuery:
    name: str
    title: str = ""
    question: str = ""
    parameters: list[Parameter] = field(default_factory=list)
    text: str = ""

    @property
    def statement(self) -> str:
        """The query without its ``//`` header lines, as the Cypher form shows it."""
        return "\n".join(ln for ln in self.text.splitlines() if not ln.startswith("//"))


def _value(raw: str) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return raw.strip()


def parse(name: str, source: str) -> CuratedQuery:
    q = CuratedQuery(name=name)
    last: Parameter | str | None = None
    for line in source.splitlines():
        stripped = line.strip()
        if not stripped.startswith("//"):
            continue
        m = _HEADER.match(stripped)
        if m:
            key, pname, rest = m.group(1), m.group(2), m.group(3).strip()
            if pname:
                last = Parameter(pname)
                q.parameters.append(last)
                _describe(last, rest)
            else:
                setattr(q, key, rest)
                last = key
        elif last is not None and line.startswith("//  "):
            more = stripped[2:].strip()
            if isinstance(last, Parameter):
                _describe(last, f"{last.description} {more}")
            else:
                setattr(q, last, f"{getattr(q, last)} {more}")
    q.text = source.strip()
    return q


def _describe(p: Parameter, text: str) -> None:
    m = _EXTRA.search(text)
    if m:
        text = text[: m.start()].rstrip()
        if m.group(1) == "default":
            p.default, p.required = _value(m.group(2)), False
            p.example = p.default
        else:
            p.example = _value(m.group(2))
    p.description = text


@lru_cache(maxsize=1)
def library() -> dict[str, CuratedQuery]:
    return {
        p.stem: parse(p.stem, p.read_text(encoding="utf-8"))
        for p in sorted(LIBRARY_DIR.glob("*.cypher"))
    }


def get(name: str) -> CuratedQuery:
    try:
        return library()[name]
    except KeyError:
        raise NotFound(f"No curated query named {name!r}; GET /queries lists them.") from None


def bind(query: CuratedQuery, given: dict[str, Any]) -> dict[str, Any]:
    """The parameters to run ``query`` with: defaults filled, unknown or missing refused."""
    known = {p.name: p for p in query.parameters}
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise InvalidInput(
            f"{query.name} has no parameter {unknown[0]!r}; it takes {', '.join(known) or 'none'}."
        )
    missing = [p.name for p in query.parameters if p.required and given.get(p.name) is None]
    if missing:
        raise InvalidInput(
            f"{query.name} needs the parameter {missing[0]!r} ({known[missing[0]].description})."
        )
    return {name: given.get(name, p.default) for name, p in known.items()}
