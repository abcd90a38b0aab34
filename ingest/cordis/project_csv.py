"""CORDIS's ``project.csv``: one ``CordisProject`` per row that reads.

Columns are selected by header name (never by position); ``id`` is the grant number and
``rcn`` the record number, one of which must be given. Dates are ISO (``2016-01-01``, a time
after it ignored), amounts take ``,`` or ``.`` as decimal mark.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from graph.errors import Problem
from ingest.tables import (
    Row,
    TableSpec,
    missing_columns,
    open_csv,
    parse_iso_date,
    parse_list,
    parse_number,
)

PROJECT_COLUMNS = ("id", "rcn", "acronym", "title", "startDate", "endDate")
PROJECT_SPEC = TableSpec(
    "project",
    PROJECT_COLUMNS,
    (
        "objective",
        "frameworkProgramme",
        "fundingScheme",
        "topics",
        "legalBasis",
        "subCall",
        "totalCost",
        "ecMaxContribution",
        "status",
    ),
    fold=False,
    text=("title", "objective"),
)


@dataclass(frozen=True)
class CordisProject:
    key: str  # grant number, or "rcn:<rcn>" where the grant number is unknown
    grant_id: str | None
    rcn: str | None
    acronym: str | None
    title: str | None
    objective: str | None
    programme: str | None  # frameworkProgramme, e.g. H2020
    funding_scheme: str | None
    topics: tuple[str, ...]
    legal_basis: tuple[str, ...]
    sub_call: str | None
    start_date: date | None
    end_date: date | None
    total_cost: float | None
    ec_max_contribution: float | None
    status: str | None
    line: int

    @property
    def year(self) -> int | None:
        return self.start_date.year if self.start_date else None


def text_or_none(text: str) -> str | None:
    return text.strip() or None


def split_values(text: str) -> tuple[str, ...]:
    """A CORDIS list (``T-1;T-2`` or ``T-1,T-2``) as its parts."""
    return tuple(parse_list(text, ";,"))


def amount(row: Row, column: str, bad: list[Problem]) -> float | None:
    """A number cell (None when empty); a problem in ``bad`` when it is not a number."""
    text = row.get(column)
    if not text:
        return None
    try:
        return float(parse_number(text))
    except ValueError:
        bad.append(Problem(row.file, row.line, column, f"{text!r} is not a number"))
        return None


def _date(row: Row, column: str, bad: list[Problem]) -> date | None:
    text = row.get(column)
    if not text:
        return None
    try:
        return parse_iso_date(text[:10])
    except ValueError:
        reason = f"{text!r} is not a date of the form YYYY-MM-DD"
        bad.append(Problem(row.file, row.line, column, reason))
        return None


def width_problem(row: Row, header: list[str]) -> Problem | None:
    if row.width == len(header):
        return None
    return Problem(
        row.file, row.line, "-", f"{row.width} fields where the header has {len(header)}"
    )


def read_projects(
    path: Path,
    problems: list[Problem],
    file: str | None = None,
    rejected: dict[str, int] | None = None,
) -> list[CordisProject]:
    """The projects of a ``project.csv``; bad rows go to ``problems`` (and their grant
    numbers and RCNs to ``rejected``, so participations can say why they have no project)."""
    file = file or path.name
    rejected = {} if rejected is None else rejected
    table, unreadable = open_csv(path, PROJECT_SPEC, file)
    if table is None or missing_columns(table):
        problems += unreadable if table is None else missing_columns(table)
        return []
    out: list[CordisProject] = []
    for row in table.rows:
        bad: list[Problem] = list(row.problems)  # the limits every cell is read against
        project = None if bad else _project(row, table.header, bad)
        if project is None:
            problems += bad
            grant, rcn = text_or_none(row.get("id")), text_or_none(row.get("rcn"))
            for key in (grant, rcn and f"rcn:{rcn}"):
                if key:
                    rejected.setdefault(key, row.line)
            continue
        out.append(project)
    return out


def _project(row: Row, header: list[str], bad: list[Problem]) -> CordisProject | None:
    g = row.get
    grant, rcn = text_or_none(g("id")), text_or_none(g("rcn"))
    width = width_problem(row, header)
    if width is not None:
        bad.append(width)
    elif not grant and not rcn:
        bad.append(Problem(row.file, row.line, "id", "neither id nor rcn is given"))
    start, end = _date(row, "startDate", bad), _date(row, "endDate", bad)
    total, ec_max = amount(row, "totalCost", bad), amount(row, "ecMaxContribution", bad)
    if bad:
        return None
    return CordisProject(
        key=grant if grant else f"rcn:{rcn}",
        grant_id=grant,
        rcn=rcn,
        acronym=text_or_none(g("acronym")),
        title=text_or_none(g("title")),
        objective=text_or_none(g("objective")),
        programme=text_or_none(g("frameworkProgramme")),
        funding_scheme=text_or_none(g("fundingScheme")),
        topics=split_values(g("topics")),
        legal_basis=split_values(g("legalBasis")),
        sub_call=text_or_none(g("subCall")),
        start_date=start,
        end_date=end,
        total_cost=total,
        ec_max_contribution=ec_max,
        status=text_or_none(g("status")),
        line=row.line,
    )
