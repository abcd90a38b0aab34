"""CORDIS's ``organization.csv``: one ``CordisParticipation`` per row, joined to its project.

A row joins its project by ``projectID`` -> ``project.id`` when given, otherwise by
``organization.rcn`` -> ``project.rcn`` (see the data README). ``organisationID`` is the PIC.
Values the portal repeats per role (``PRC;PRC``, ``FI;FI``) count once; the country code
``NA`` is Namibia.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graph.errors import Problem
from ingest.cordis import project_csv as cells
from ingest.cordis.project_csv import CordisProject
from ingest.tables import Row, TableSpec, missing_columns, open_csv, parse_bool

ORGANISATION_COLUMNS = ("organisationID", "activityType", "country", "role", "rcn", "projectID")
ORGANISATION_SPEC = TableSpec(
    "organization",
    ORGANISATION_COLUMNS,
    ("name", "shortName", "ecContribution", "SME", "vatNumber", "city", "postCode"),
    fold=False,
)
ACTIVITY_TYPES = ("PRC", "HES", "REC", "PUB", "OTH")


@dataclass(frozen=True)
class CordisParticipation:
    project_key: str
    pic: str
    name: str | None
    short_name: str | None
    activity_type: str | None
    country: str | None
    role: str | None
    ec_contribution: float | None
    sme: bool | None
    vat_number: str | None
    city: str | None
    line: int
    postcode: str | None = None


def single(text: str) -> str | None:
    """A value the portal repeats per role (``PRC;PRC``, ``FI;FI``) as one value."""
    parts = cells.split_values(text)
    return parts[0] if parts and len(set(parts)) == 1 else cells.text_or_none(text)


def _flag(text: str) -> bool | None:
    """The SME flag: true or false, None when empty or unreadable."""
    try:
        return parse_bool(text) if text else None
    except ValueError:
        return None


class _Join:
    """Finds the project of a row, or says why there is none."""

    def __init__(self, projects: list[CordisProject], rejected: dict[str, int], project_file: str):
        self.by_grant = {p.grant_id: p.key for p in projects if p.grant_id}
        self.by_rcn = {p.rcn: p.key for p in projects if p.rcn}
        self.rejected, self.project_file = rejected, project_file

    def key(self, row: Row, bad: list[Problem]) -> str | None:
        grant, rcn = cells.text_or_none(row.get("projectID")), cells.text_or_none(row.get("rcn"))
        key = self.by_grant.get(grant) if grant else self.by_rcn.get(rcn or "")
        if key is None:
            column, ref = ("projectID", grant) if grant else ("rcn", rcn)
            was = self.rejected.get(grant or f"rcn:{rcn}")
            reason = (
                f"project {ref!r} was rejected ({self.project_file} line {was})"
                if was
                else f"no project {ref!r} in {self.project_file}"
            )
            bad.append(Problem(row.file, row.line, column, reason))
        return key


def read_participations(
    path: Path,
    projects: list[CordisProject],
    problems: list[Problem],
    file: str | None = None,
    rejected: dict[str, int] | None = None,
    project_file: str = "project.csv",
) -> list[CordisParticipation]:
    """The participations of an ``organization.csv`` joined to ``projects``."""
    file = file or path.name
    table, unreadable = open_csv(path, ORGANISATION_SPEC, file)
    if table is None or missing_columns(table):
        problems += unreadable if table is None else missing_columns(table)
        return []
    join = _Join(projects, rejected or {}, project_file)
    out: list[CordisParticipation] = []
    for row in table.rows:
        width = cells.width_problem(row, table.header)
        if width is not None:
            problems.append(width)
            continue
        bad: list[Problem] = list(row.problems)  # the limits every cell is read against
        participation = None if bad else _participation(row, join, bad)
        if participation is None:
            problems += bad
        else:
            out.append(participation)
    return out


def _participation(row: Row, join: _Join, bad: list[Problem]) -> CordisParticipation | None:
    g = row.get
    pic = cells.text_or_none(g("organisationID"))
    if not pic or not pic.isdigit():
        bad.append(Problem(row.file, row.line, "organisationID", f"PIC {pic!r} is not a number"))
    key = join.key(row, bad)
    activity = single(g("activityType"))
    if activity and activity.upper() not in ACTIVITY_TYPES:
        reason = f"{activity!r} is not one of {', '.join(ACTIVITY_TYPES)}"
        bad.append(Problem(row.file, row.line, "activityType", reason))
    contribution = cells.amount(row, "ecContribution", bad)
    if bad:
        return None
    assert pic and key
    return CordisParticipation(
        project_key=key,
        pic=pic,
        name=cells.text_or_none(g("name")),
        short_name=cells.text_or_none(g("shortName")),
        activity_type=activity.upper() if activity else None,
        country=single(g("country")),
        role=(cells.text_or_none(g("role")) or "").lower() or None,
        ec_contribution=contribution,
        sme=_flag(g("SME")),
        vat_number=cells.text_or_none(g("vatNumber")),
        city=cells.text_or_none(g("city")),
        line=row.line,
        postcode=cells.text_or_none(g("postCode")),
    )
