"""Read the native CORDIS ``project.csv`` and ``organization.csv`` of one folder.

Both the EU portal's files and the extract in ``ingest/data/cordis/`` are accepted, plain or
gzip-packed (``project.csv.gz``, read as it is, never unpacked to disk): ``;`` or
``,`` as delimiter (sniffed from the header), UTF-8 with or without BOM, columns selected by
header name (never by position), ``,`` or ``.`` as decimal separator, the string ``NA`` kept
as Namibia. Participations join to projects by ``projectID`` -> ``project.id`` when present,
otherwise by ``organization.rcn`` -> ``project.rcn`` (see the data README).

``read_cordis(folder)`` returns projects, participations and the problems found; it never
raises on a bad row, so a caller can decide between refusing everything and skipping.
Problems name the file as ``<folder name>/project.csv`` and the physical line where the
record starts (the header is line 1; 167 titles of the extract span several lines).

``build_records(data, resolver)`` turns them into records:

* one ``Organisation`` per PIC (``pic``, ``name``, ``short_name``, ``country``,
  ``activity_type``, ``kind`` from the activity type: PRC firm, HES and REC
  knowledge_institution, PUB government, OTH other; ``size: 'sme'`` when the SME flag is
  true). Where rows of one PIC disagree, the most frequent non-empty value wins, ties going to
  the first seen. Belgian organisations (country ``BE``) are resolved against the graph by
  enterprise number (from the VAT number), PIC, then name key of the name or short name
  (``ingest.resolve.OrgIndex``), so the curated "KU Leuven" receives "KATHOLIEKE UNIVERSITEIT
  LEUVEN"; others by PIC only. A node another source made keeps its name, kind and country.
* one ``Project`` per project, id ``cordis:<grant number>`` or ``cordis:rcn:<rcn>``, with
  ``kind: 'eu'`` and ``IN_PROGRAMME`` its framework programme (``h2020``, ``fp7``...);
* one ``PARTICIPATES_IN {role, ec_contribution}`` per organisation and project; the rare
  organisation listed twice in one project (participant and third party) gets one
  relationship with the first role, ``roles`` listing all, and the contributions summed.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from graph.errors import DataError, Problem
from graph.keys import belgian_vat_to_enterprise_number, name_key, slug
from ingest.records import Node, Rel, SourceInfo
from ingest.resolve import OrgIndex
from ingest.validate import BuildResult, Rejected

PROJECT_COLUMNS = ("id", "rcn", "acronym", "title", "startDate", "endDate")
ORGANISATION_COLUMNS = ("organisationID", "activityType", "country", "role", "rcn", "projectID")
ACTIVITY_TYPES = ("PRC", "HES", "REC", "PUB", "OTH")
ROLES = (
    "coordinator",
    "participant",
    "partner",
    "thirdparty",
    "associatedpartner",
    "internationalpartner",
)
KINDS = {
    "PRC": "firm",
    "HES": "knowledge_institution",
    "REC": "knowledge_institution",
    "PUB": "government",
    "OTH": "other",
}
PROGRAMMES = {
    "h2020": "Horizon 2020",
    "fp7": "Seventh Framework Programme (FP7)",
    "horizon": "Horizon Europe",
    "fp6": "Sixth Framework Programme (FP6)",
}
LICENCE = "CC BY 4.0, (c) European Union, CORDIS"


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
    """Header and (start line, fields) of a CSV file, delimiter sniffed from the header."""
    if path.suffix == ".gz":
        text = gzip.decompress(path.read_bytes()).decode("utf-8-sig")
    else:
        text = path.read_text(encoding="utf-8-sig")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    header: list[str] | None = None
    end = 0
    for fields in reader:
        start, end = end + 1, reader.line_num  # a record may span lines: keep where it starts
        if header is None:
            header = [h.strip() for h in fields]
            continue
        if any(f.strip() for f in fields):
            rows.append((start, fields))
    return header or [], rows


class _Fields:
    """One row's fields by column name."""

    def __init__(self, columns: dict[str, int], fields: list[str]):
        self.columns, self.fields = columns, fields

    def __call__(self, name: str) -> str:
        i = self.columns.get(name)
        return self.fields[i] if i is not None and i < len(self.fields) else ""


def _number(text: str) -> float | None:
    """``1234.5``, ``1234,5``, ``1,234.5`` or ``1.234,5``; None when empty."""
    text = (text or "").strip()
    if not text:
        return None
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        text = text.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif "," in text:
        text = text.replace(",", ".")
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


def _single(text: str | None) -> str | None:
    """A value the portal repeats per role (``PRC;PRC``, ``FI;FI``) as one value."""
    parts = _split(text or "")
    return parts[0] if parts and len(set(parts)) == 1 else _none(text)


def _missing(header: list[str], columns: Iterable[str], file: str) -> list[Problem]:
    return [Problem(file, 1, c, f"missing column '{c}'") for c in columns if c not in header]


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
    header, rows = _open_rows(path)
    missing = _missing(header, PROJECT_COLUMNS, file)
    if missing:
        problems += missing
        return []
    col = {name: i for i, name in enumerate(header)}
    out: list[CordisProject] = []
    for line, f in rows:
        g = _Fields(col, f)
        grant, rcn = _none(g("id")), _none(g("rcn"))
        bad: list[Problem] = []
        if len(f) != len(header):
            bad.append(
                Problem(file, line, "-", f"{len(f)} fields where the header has {len(header)}")
            )
        elif not grant and not rcn:
            bad.append(Problem(file, line, "id", "neither id nor rcn is given"))
        start = end = total = ec_max = None
        for column in ("startDate", "endDate"):
            try:
                value = _date(g(column))
            except ValueError:
                bad.append(
                    Problem(
                        file, line, column, f"{g(column)!r} is not a date of the form YYYY-MM-DD"
                    )
                )
                continue
            start, end = (value, end) if column == "startDate" else (start, value)
        for column in ("totalCost", "ecMaxContribution"):
            try:
                amount = _number(g(column))
            except ValueError:
                bad.append(Problem(file, line, column, f"{g(column)!r} is not a number"))
                continue
            total, ec_max = (amount, ec_max) if column == "totalCost" else (total, amount)
        if bad:
            problems += bad
            for key in (grant, rcn and f"rcn:{rcn}"):
                if key:
                    rejected.setdefault(key, line)
            continue
        out.append(
            CordisProject(
                key=grant if grant else f"rcn:{rcn}",
                grant_id=grant,
                rcn=rcn,
                acronym=_none(g("acronym")),
                title=_none(g("title")),
                objective=_none(g("objective")),
                programme=_none(g("frameworkProgramme")),
                funding_scheme=_none(g("fundingScheme")),
                topics=_split(g("topics")),
                legal_basis=_split(g("legalBasis")),
                sub_call=_none(g("subCall")),
                start_date=start,
                end_date=end,
                total_cost=total,
                ec_max_contribution=ec_max,
                status=_none(g("status")),
                line=line,
            )
        )
    return out


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
    rejected = rejected or {}
    header, rows = _open_rows(path)
    missing = _missing(header, ORGANISATION_COLUMNS, file)
    if missing:
        problems += missing
        return []
    col = {name: i for i, name in enumerate(header)}
    by_grant = {p.grant_id: p.key for p in projects if p.grant_id}
    by_rcn = {p.rcn: p.key for p in projects if p.rcn}
    out: list[CordisParticipation] = []
    for line, f in rows:
        g = _Fields(col, f)
        if len(f) != len(header):
            problems.append(
                Problem(file, line, "-", f"{len(f)} fields where the header has {len(header)}")
            )
            continue
        bad: list[Problem] = []
        pic = _none(g("organisationID"))
        if not pic or not pic.isdigit():
            bad.append(Problem(file, line, "organisationID", f"PIC {pic!r} is not a number"))
        grant, rcn = _none(g("projectID")), _none(g("rcn"))
        key = by_grant.get(grant) if grant else by_rcn.get(rcn or "")
        if key is None:
            column, ref = ("projectID", grant) if grant else ("rcn", rcn)
            was = rejected.get(grant or f"rcn:{rcn}")
            bad.append(
                Problem(
                    file,
                    line,
                    column,
                    f"project {ref!r} was rejected ({project_file} line {was})"
                    if was
                    else f"no project {ref!r} in {project_file}",
                )
            )
        activity = _single(g("activityType"))
        if activity and activity.upper() not in ACTIVITY_TYPES:
            bad.append(
                Problem(
                    file,
                    line,
                    "activityType",
                    f"{activity!r} is not one of {', '.join(ACTIVITY_TYPES)}",
                )
            )
        try:
            contribution = _number(g("ecContribution"))
        except ValueError:
            bad.append(
                Problem(file, line, "ecContribution", f"{g('ecContribution')!r} is not a number")
            )
        if bad:
            problems += bad
            continue
        assert pic and key
        out.append(
            CordisParticipation(
                project_key=key,
                pic=pic,
                name=_none(g("name")),
                short_name=_none(g("shortName")),
                activity_type=activity.upper() if activity else None,
                country=_single(g("country")),
                role=(_none(g("role")) or "").lower() or None,
                ec_contribution=contribution,
                sme=_bool(g("SME")),
                vat_number=_none(g("vatNumber")),
                city=_none(g("city")),
                line=line,
            )
        )
    return out


def cordis_file(folder: Path, name: str) -> Path | None:
    """``folder/name``, or its gzip-packed ``folder/name.gz``; None when neither is there."""
    for path in (folder / name, folder / f"{name}.gz"):
        if path.is_file():
            return path
    return None


def read_cordis(folder: Path) -> CordisData:
    """Projects and participations of a CORDIS folder, with every problem found."""
    folder = Path(folder)
    problems: list[Problem] = []
    paths = {name: cordis_file(folder, name) for name in ("project.csv", "organization.csv")}
    for name, path in paths.items():
        if path is None:
            problems.append(Problem(f"{folder.name}/{name}", 0, "-", "file not found"))
    project_path, org_path = paths["project.csv"], paths["organization.csv"]
    if project_path is None or org_path is None:
        return CordisData(folder, [], [], problems)
    project_file = f"{folder.name}/{project_path.name}"
    org_file = f"{folder.name}/{org_path.name}"
    rejected: dict[str, int] = {}
    projects = read_projects(project_path, problems, project_file, rejected)
    seen: dict[str, int] = {}
    unique: list[CordisProject] = []
    for p in projects:
        if p.key in seen:
            problems.append(
                Problem(project_file, p.line, "id", f"project {p.key} repeats line {seen[p.key]}")
            )
            continue
        seen[p.key] = p.line
        unique.append(p)
    participations = read_participations(
        org_path, unique, problems, org_file, rejected, project_path.name
    )
    return CordisData(folder, unique, participations, problems)


def is_cordis_folder(path: Path) -> bool:
    """True when ``path`` is a folder holding ``project.csv`` and ``organization.csv``
    (either may be gzip-packed)."""
    path = Path(path)
    return path.is_dir() and all(cordis_file(path, n) for n in ("project.csv", "organization.csv"))


# -- records -------------------------------------------------------------------------------------
def _most_frequent(values: Iterable[Any]) -> Any:
    """The most frequent non-empty value, ties to the first seen; None when there is none."""
    counts = Counter(v for v in values if v not in (None, ""))
    if not counts:
        return None
    best = max(counts.values())
    return next(v for v in counts if counts[v] == best)  # Counter keeps first-seen order


def build_records(
    data: CordisData, resolver: OrgIndex, source_name: str | None = None, skip_invalid: bool = False
) -> BuildResult:
    """The records of a CORDIS folder (see the module docstring for the mapping).

    Parameters
    ----------
    data : what ``read_cordis`` returned.
    resolver : the graph's organisations; it learns the CORDIS organisations.
    source_name : the folder name in source ids (``cordis:<source_name>/organization.csv``);
        by default ``data.folder``'s name.
    skip_invalid : build the valid rows and return the problems of ``read_cordis`` as
        ``rejected``, instead of raising ``DataError``.
    """
    if data.problems and not skip_invalid:
        raise DataError(data.problems)
    folder = source_name or data.folder.name
    project_source = f"cordis:{folder}/project.csv"
    org_source = f"cordis:{folder}/organization.csv"
    out = BuildResult(rejected=[Rejected(p.file, p.line, {}, [p]) for p in data.problems])
    out.sources += [
        SourceInfo(
            project_source,
            f"CORDIS projects ({folder})",
            "cordis",
            str(cordis_file(data.folder, "project.csv") or data.folder / "project.csv"),
            LICENCE,
        ),
        SourceInfo(
            org_source,
            f"CORDIS participations ({folder})",
            "cordis",
            str(cordis_file(data.folder, "organization.csv") or data.folder / "organization.csv"),
            LICENCE,
        ),
    ]
    programmes: dict[str, str] = {}
    for p in data.projects:
        pid = f"cordis:{p.key}"
        out.nodes.append(
            Node(
                "Project",
                pid,
                {
                    "title": p.title,
                    "acronym": p.acronym,
                    "programme": p.programme,
                    "funding_scheme": p.funding_scheme,
                    "topics": list(p.topics) or None,
                    "legal_basis": list(p.legal_basis) or None,
                    "sub_call": p.sub_call,
                    "objective": p.objective,
                    "status": p.status,
                    "year": p.year,
                    "start_date": p.start_date.isoformat() if p.start_date else None,
                    "end_date": p.end_date.isoformat() if p.end_date else None,
                    "total_cost": p.total_cost,
                    "ec_max_contribution": p.ec_max_contribution,
                    "grant_id": p.grant_id,
                    "rcn": p.rcn,
                    "kind": "eu",
                },
                project_source,
                f"line {p.line}",
            )
        )
        if p.programme:
            programme = slug(p.programme)
            programmes.setdefault(programme, p.programme)
            out.rels.append(
                Rel(
                    "IN_PROGRAMME",
                    "Project",
                    pid,
                    "Programme",
                    programme,
                    {},
                    project_source,
                    f"line {p.line}",
                )
            )
    for programme, text in programmes.items():
        out.nodes.append(
            Node(
                "Programme",
                programme,
                {"name": PROGRAMMES.get(programme, text), "kind": "eu_framework_programme"},
                project_source,
                "frameworkProgramme",
            )
        )
    org_of = _organisations(data.participations, resolver, org_source, out)
    _participations(data.participations, org_of, org_source, out)
    return out


def _organisations(
    participations: list[CordisParticipation], resolver: OrgIndex, source: str, out: BuildResult
) -> dict[str, str]:
    """One node per organisation; returns PIC -> organisation id."""
    by_pic: dict[str, list[CordisParticipation]] = {}
    for x in participations:
        by_pic.setdefault(x.pic, []).append(x)
    org_of: dict[str, str] = {}
    emitted: set[str] = set()
    for pic, rows in by_pic.items():
        name = _most_frequent(x.name for x in rows)
        short = _most_frequent(x.short_name for x in rows)
        country = _most_frequent(x.country for x in rows)
        activity = _most_frequent(x.activity_type for x in rows)
        vat = _most_frequent(x.vat_number for x in rows)
        belgian = country == "BE"
        number = belgian_vat_to_enterprise_number(vat) if belgian and vat else None
        if belgian:
            oid = resolver.resolve(
                enterprise_number=number,
                pic=pic,
                name=name,
                country="BE",
                aliases=[short] if short else [],
            )
        else:
            oid = resolver.resolve(pic=pic)
        org_of[pic] = oid
        if oid in emitted:  # a second PIC of one organisation (same enterprise number)
            continue
        emitted.add(oid)
        owned = resolver.owned_by(oid, source)
        props: dict[str, Any] = {
            "pic": pic if resolver.pic_of(oid) in (None, pic) else None,
            "short_name": short,
            "activity_type": activity,
            "vat_number": vat,
            "enterprise_number": number
            if resolver.enterprise_number_of(oid) in (None, number)
            else None,
            "size": "sme" if any(x.sme for x in rows) else None,
            "city": _most_frequent(x.city for x in rows),
        }
        if owned:
            key = name_key(name) if name else None
            alias = name_key(short) if belgian and short else None
            props.update(
                {
                    "name": name,
                    "name_key": key,
                    "country": country,
                    "kind": KINDS.get(activity or "", "other"),
                    "alias_keys": [alias] if alias and alias != key else None,
                }
            )
        resolver.add(
            oid,
            enterprise_number=number,
            pic=pic,
            name=name,
            country=country,
            aliases=[short] if belgian and short else [],
            source=source,
        )
        out.nodes.append(Node("Organisation", oid, props, source, f"line {rows[0].line}"))
    return org_of


def _participations(
    participations: list[CordisParticipation], org_of: dict[str, str], source: str, out: BuildResult
) -> None:
    """One ``PARTICIPATES_IN`` per organisation and project."""
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for x in participations:
        pair = (org_of[x.pic], f"cordis:{x.project_key}")
        m = merged.get(pair)
        if m is None:
            merged[pair] = {
                "role": x.role,
                "roles": [x.role] if x.role else [],
                "ec_contribution": x.ec_contribution,
                "line": x.line,
            }
            continue
        if x.role and x.role not in m["roles"]:
            m["roles"].append(x.role)
        if x.ec_contribution is not None:
            m["ec_contribution"] = (m["ec_contribution"] or 0.0) + x.ec_contribution
    for (oid, pid), m in merged.items():
        props = {
            "role": m["role"],
            "ec_contribution": m["ec_contribution"],
            "roles": m["roles"] if len(m["roles"]) > 1 else None,
        }
        out.rels.append(
            Rel(
                "PARTICIPATES_IN",
                "Organisation",
                oid,
                "Project",
                pid,
                props,
                source,
                f"line {m['line']}",
            )
        )
