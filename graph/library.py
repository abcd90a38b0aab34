"""The curated Cypher library: ``graph/queries/*.cypher``, one documented question a file.

Each file opens with a header of ``//`` lines::

    // title: Firms that bridge two clusters
    // question: Which firms are members of both cluster $a and cluster $b?
    //   (an indented comment line continues the one before)
    // param a: the id of the first cluster (example: "catalisti")
    // param limit: the most rows to return (default: 100)
    // pick: MATCH (a:Cluster)<-[:MEMBER_OF]-(:Organisation)-[:MEMBER_OF]->(b:Cluster)
    //   WHERE a.id < b.id RETURN a.id AS a, b.id AS b, count(*) AS n
    //   ORDER BY n DESC LIMIT 1

A ``pick`` is a read-only statement that returns one row of parameter values for which the
query has an answer *on the graph at hand*: ``examples`` runs it at request time, so the
Cypher page is prefilled with real ids, not with the header's static examples (which are
the ids of the bundled landscape, shown where there is no graph). Columns of the pick that
are not parameters (such as ``n``) are ignored.

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

from graph.db import Database
from graph.errors import InnographError, InvalidInput, NotFound

LIBRARY_DIR = Path(__file__).parent / "queries"
_HEADER = re.compile(r"^//\s*(title|question|pick|param\s+(\w+))\s*:\s*(.*)$")
PICK_TIMEOUT = 10.0  # seconds; a pick is one small aggregate, it should never take this long
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
    pick: str = ""

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


def examples(db: Database, query: CuratedQuery) -> dict[str, Any]:
    """Values for every parameter: the header's, overlaid with the row of the query's
    ``pick`` run on ``db`` now (real ids of this graph). A pick that finds nothing, or
    fails, leaves the header's examples."""
    values = {p.name: p.example for p in query.parameters}
    if query.pick:
        try:
            rows = db.run_read(query.pick, {}, timeout=PICK_TIMEOUT)
        except InnographError:
            rows = []
        for name, value in (rows[0] if rows else {}).items():
            if name in values and value is not None:
                values[name] = value
    return values


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
