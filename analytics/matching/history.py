"""Who took part in which project, and when: the plain rows a back-test learns from.

A ``History`` is what an interface reads from a CORDIS folder (``innograph evaluate`` and the
benchmarks read it with ``ingest.cordis``, which also knows the organisation kinds of the
activity types) and hands to the back-test: analytics never reads the files itself.

One row per participation, in file order::

    org            the organisation's id (``PIC:<pic>``)
    name           its name in this row (the source's, or a placeholder such as ``PIC 123``)
    named          True when ``name`` is the source's (a later named row replaces a placeholder)
    kind, activity_type, country, size     the organisation (size ``sme``, ``large`` or None)
    project, title, acronym, year, start   the project (``start``: its start date or None)
    instrument, themes, topics, role       what the model profiles and explains
    source, source_ref                     provenance (``cordis:<folder>/organization.csv``)

>>> from datetime import date
>>> rows = [{"org": o, "name": o, "named": True, "kind": "firm", "project": p,
...          "start": date(y, 1, 1), "year": y} for o, p, y in
...         [("a", "p1", 2014), ("b", "p1", 2014), ("b", "p2", 2016), ("c", "p2", 2016)]]
>>> early = from_history(History("toy", "toy", rows), until_year=2015)
>>> early.org_ids, early.project_ids
(['a', 'b'], ['p1'])
>>> sorted(coparticipants(History("toy", "toy", rows), since=2015).items())
[('b', {'c'}), ('c', {'b'})]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from analytics.matching.match_model import MatchModel
from analytics.matching.model_build import from_rows

Bound = int | date | None
ORG_KEYS = ("kind", "activity_type", "country", "size")
PART_KEYS = (
    "project",
    "title",
    "year",
    "instrument",
    "themes",
    "topics",
    "role",
    "source",
    "source_ref",
    "acronym",
)


@dataclass(frozen=True)
class History:
    """The participations of one data set (see the module docstring for the row keys)."""

    name: str  # names the models built from it, e.g. ``cordis:h2020_2014_2016``
    label: str  # how a report names it, e.g. the folder as given
    rows: list[dict[str, Any]] = field(default_factory=list)


def _as_date(bound: Bound) -> date | None:
    if bound is None or isinstance(bound, date):
        return bound
    return date(int(bound), 1, 1)


def window(history: History, until: Bound = None, since: Bound = None) -> list[dict[str, Any]]:
    """The rows of the projects starting in ``[since, until)``, in order.

    A bound is a year (``2016`` means 1 January 2016) or a date. With a bound, projects
    without a start date are left out: they cannot be placed in time.
    """
    lo, hi = _as_date(since), _as_date(until)
    if lo is None and hi is None:
        return list(history.rows)
    return [r for r in history.rows if _inside(r.get("start"), lo, hi)]


def _inside(start: date | None, lo: date | None, hi: date | None) -> bool:
    if start is None:
        return False
    return (hi is None or start < hi) and (lo is None or start >= lo)


def model_rows(
    rows: Iterable[dict[str, Any]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Organisation and participation rows (``match_model.from_rows``) of history rows: an
    organisation takes its fields from its first row, its name from its first named row."""
    orgs: dict[str, dict[str, Any]] = {}
    placeholder: set[str] = set()
    parts: list[dict[str, Any]] = []
    for r in rows:
        oid = r["org"]
        o = orgs.get(oid)
        if o is None:
            orgs[oid] = {"id": oid, "name": r["name"], **{k: r.get(k) for k in ORG_KEYS}}
            if not r.get("named"):
                placeholder.add(oid)
        elif oid in placeholder and r.get("named"):
            o["name"] = r["name"]
            placeholder.discard(oid)
        parts.append({"org": oid, **{k: r.get(k) for k in PART_KEYS}})
    return list(orgs.values()), parts


def from_history(
    history: History, until_year: Bound = None, since_year: Bound = None
) -> MatchModel:
    """A ``MatchModel`` of the projects starting in ``[since_year, until_year)``.

    A bound is a year (``until_year=2016``: projects starting before 1 January 2016) or a
    ``datetime.date``; with a bound, projects without a start date are left out.
    """
    orgs, parts = model_rows(window(history, until=until_year, since=since_year))
    version = f"{history.name}:{since_year or ''}-{until_year or ''}"
    return from_rows(orgs, parts, version=version)


def coparticipants(
    history: History, since: Bound = None, until: Bound = None
) -> dict[str, set[str]]:
    """Organisation -> the organisations it shares a project with, for projects in a window."""
    members: dict[str, set[str]] = defaultdict(set)
    for r in window(history, until=until, since=since):
        members[r["project"]].add(r["org"])
    out: dict[str, set[str]] = defaultdict(set)
    for m in members.values():
        for a in m:
            out[a] |= m - {a}
    return dict(out)
