"""Read the native CORDIS ``project.csv`` and ``organization.csv`` of one folder.

Both the EU portal's files and the extract in ``shared/data/cordis/`` are accepted: ``;`` or
``,`` as delimiter (sniffed from the header), UTF-8 with or without BOM, columns selected by
header name (never by position), ``,`` or ``.`` as decimal separator, the string ``NA`` kept
as Namibia. Participations join to projects by ``projectID`` -> ``project.id`` when present,
otherwise by ``organization.rcn`` -> ``project.rcn`` (see the data README).

``read_cordis(folder)`` returns projects, participations and the problems found; it never
raises on a bad row, so a caller can decide between refusing everything and skipping.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from innograph.errors import Problem

PROJECT_COLUMNS = ("id", "rcn", "acronym", "title", "startDate", "endDate")
ORGANISATION_COLUMNS = ("organisationID", "activityType", "country", "role", "rcn", "projectID")
ACTIVITY_TYPES = ("PRC", "HES", "REC", "PUB", "OTH")
ROLES = ("coordinator", "participant", "partner", "thirdparty", "associatedpartner",
         "internationalpartner")


@dataclass(frozen=True)
class CordisProject:
    key: str                    # grant number, or "rcn:<rcn>" where the grant number is unknown
    grant_id: str | None
    rcn: str | None
    acronym: str | None
    title: str | None
    objective: str | None
    programme: str | None       # frameworkProgramme, e.g. H2020
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


@dataclass
class CordisData:
    folder: Path
    projects: list[CordisProject]
    participations: list[CordisParticipation]
    problems: list[Problem]


def _open_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (line number, fields) of a CSV file, delimiter sniffed from the header."""
    text = path.read_text(encoding="utf-8-sig")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    header: list[str] = []
    for i, fields in enumerate(reader):
        if i == 0:
            header = [h.strip() for h in fields]
            continue
        if not any(f.strip() for f in fields):
            continue
        # reader.line_num is the line where the record ENDS; records may span lines
        rows.append((reader.line_num, fields))
    return header, rows


def _number(text: str) -> float | None:
    text = (text or "").strip()
    if not text:
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    else:
        text = text.replace(",", "")
    return float(text)


def _date(text: str) -> date | None:
    text = (text or "").strip()
    return date.fromisoformat(text[:10]) if text else None


def _bool(text: str) -> bool | None:
    t = (text or "").strip().lower()
    return {"true": True, "false": False, "1": True, "0": False}.get(t)


def _none(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


def _split(text: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in (text or "").replace(",", ";").split(";") if t.strip())


def read_projects(path: Path, problems: list[Problem]) -> list[CordisProject]:
    header, rows = _open_rows(path)
    missing = [c for c in PROJECT_COLUMNS if c not in header]
    if missing:
        problems.append(Problem(path.name, 1, missing[0],
                                f"missing column(s) {', '.join(missing)} in project.csv"))
        return []
    col = {name: i for i, name in enumerate(header)}
    out: list[CordisProject] = []
    for line, f in rows:
        def g(name: str) -> str:
            i = col.get(name)
            return f[i] if i is not None and i < len(f) else ""

        if len(f) != len(header):
            problems.append(Problem(path.name, line, "-",
                                    f"{len(f)} fields where the header has {len(header)}"))
            continue
        grant, rcn = _none(g("id")), _none(g("rcn"))
        if not grant and not rcn:
            problems.append(Problem(path.name, line, "id", "neither id nor rcn is given"))
            continue
        try:
            start, end = _date(g("startDate")), _date(g("endDate"))
        except ValueError:
            problems.append(Problem(path.name, line, "startDate/endDate",
                                    "a date is not of the form YYYY-MM-DD"))
            continue
        try:
            total, ec_max = _number(g("totalCost")), _number(g("ecMaxContribution"))
        except ValueError:
            problems.append(Problem(path.name, line, "totalCost/ecMaxContribution",
                                    "an amount is not a number"))
            continue
        out.append(CordisProject(
            key=grant if grant else f"rcn:{rcn}", grant_id=grant, rcn=rcn,
            acronym=_none(g("acronym")), title=_none(g("title")), objective=_none(g("objective")),
            programme=_none(g("frameworkProgramme")), funding_scheme=_none(g("fundingScheme")),
            topics=_split(g("topics")), legal_basis=_split(g("legalBasis")),
            sub_call=_none(g("subCall")), start_date=start, end_date=end, total_cost=total,
            ec_max_contribution=ec_max, status=_none(g("status")), line=line,
        ))
    return out


def read_participations(path: Path, projects: list[CordisProject],
                        problems: list[Problem]) -> list[CordisParticipation]:
    header, rows = _open_rows(path)
    missing = [c for c in ORGANISATION_COLUMNS if c not in header]
    if missing:
        problems.append(Problem(path.name, 1, missing[0],
                                f"missing column(s) {', '.join(missing)} in organization.csv"))
        return []
    col = {name: i for i, name in enumerate(header)}
    by_grant = {p.grant_id: p.key for p in projects if p.grant_id}
    by_rcn = {p.rcn: p.key for p in projects if p.rcn}
    out: list[CordisParticipation] = []
    for line, f in rows:
        def g(name: str) -> str:
            i = col.get(name)
            return f[i] if i is not None and i < len(f) else ""

        if len(f) != len(header):
            problems.append(Problem(path.name, line, "-",
                                    f"{len(f)} fields where the header has {len(header)}"))
            continue
        pic = _none(g("organisationID"))
        if not pic or not pic.isdigit():
            problems.append(Problem(path.name, line, "organisationID",
                                    f"PIC {pic!r} is not a number"))
            continue
        grant, rcn = _none(g("projectID")), _none(g("rcn"))
        key = by_grant.get(grant) if grant else by_rcn.get(rcn or "")
        if key is None:
            problems.append(Problem(path.name, line, "projectID" if grant else "rcn",
                                    f"no project {grant or rcn!r} in project.csv"))
            continue
        activity = _none(g("activityType"))
        if activity and len(set(_split(activity))) == 1:  # the portal repeats it: "PRC;PRC"
            activity = _split(activity)[0]
        if activity and activity.upper() not in ACTIVITY_TYPES:
            problems.append(Problem(path.name, line, "activityType",
                                    f"{activity!r} is not one of {', '.join(ACTIVITY_TYPES)}"))
            continue
        try:
            contribution = _number(g("ecContribution"))
        except ValueError:
            problems.append(Problem(path.name, line, "ecContribution",
                                    f"{g('ecContribution')!r} is not a number"))
            continue
        out.append(CordisParticipation(
            project_key=key, pic=pic, name=_none(g("name")), short_name=_none(g("shortName")),
            activity_type=activity.upper() if activity else None,
            country=_none(g("country")), role=(_none(g("role")) or "").lower() or None,
            ec_contribution=contribution, sme=_bool(g("SME")), vat_number=_none(g("vatNumber")),
            city=_none(g("city")), line=line,
        ))
    return out


def read_cordis(folder: Path) -> CordisData:
    """Projects and participations of a CORDIS folder, with every problem found."""
    folder = Path(folder)
    problems: list[Problem] = []
    for name in ("project.csv", "organization.csv"):
        if not (folder / name).exists():
            problems.append(Problem(str(folder / name), 0, "-", "file not found"))
    if problems:
        return CordisData(folder, [], [], problems)
    projects = read_projects(folder / "project.csv", problems)
    seen: dict[str, int] = {}
    unique: list[CordisProject] = []
    for p in projects:
        if p.key in seen:
            problems.append(Problem("project.csv", p.line, "id",
                                    f"project {p.key} repeats line {seen[p.key]}"))
            continue
        seen[p.key] = p.line
        unique.append(p)
    participations = read_participations(folder / "organization.csv", unique, problems)
    return CordisData(folder, unique, participations, problems)
