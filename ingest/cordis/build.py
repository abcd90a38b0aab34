"""The records of a CORDIS folder (see ``ingest.cordis`` for the mapping)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from graph.errors import DataError
from graph.keys import belgian_vat_to_enterprise_number, name_key, slug
from graph.records import Node, Rel, SourceInfo
from ingest import places
from ingest.cordis.extract import CordisData, cordis_file
from ingest.cordis.organization_csv import CordisParticipation
from ingest.cordis.project_csv import CordisProject
from ingest.rejects import BuildResult, Rejected
from ingest.resolve import OrgIndex
from ingest.vocab import REGION_SOURCE, region_node

KINDS = {  # CORDIS activity type -> organisation kind (graph.model.ORG_KINDS)
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


def kind_of(activity_type: str | None) -> str:
    """The organisation kind of a CORDIS activity type (``other`` when unknown or empty).

    >>> kind_of("HES"), kind_of(None)
    ('knowledge_institution', 'other')
    """
    return KINDS.get(activity_type or "", "other")


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
    """The records of a CORDIS folder (see ``ingest.cordis`` for the mapping).

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
    for name, source, title in (
        ("project.csv", project_source, f"CORDIS projects ({folder})"),
        ("organization.csv", org_source, f"CORDIS participations ({folder})"),
    ):
        path = cordis_file(data.folder, name) or data.folder / name
        out.sources.append(SourceInfo(source, title, "cordis", str(path), LICENCE))
    _projects(data.projects, project_source, out)
    org_of = _organisations(data.participations, resolver, org_source, out)
    _participations(data.participations, org_of, org_source, out)
    return out


def _projects(projects: list[CordisProject], source: str, out: BuildResult) -> None:
    """One node per project, ``IN_PROGRAMME`` its framework programme."""
    programmes: dict[str, str] = {}
    for p in projects:
        pid, ref = f"cordis:{p.key}", f"line {p.line}"
        out.nodes.append(Node("Project", pid, _project_props(p), source, ref))
        if p.programme:
            programme = slug(p.programme)
            programmes.setdefault(programme, p.programme)
            out.rels.append(
                Rel("IN_PROGRAMME", "Project", pid, "Programme", programme, {}, source, ref)
            )
    for programme, text in programmes.items():
        props = {"name": PROGRAMMES.get(programme, text), "kind": "eu_framework_programme"}
        out.nodes.append(Node("Programme", programme, props, source, "frameworkProgramme"))


def _project_props(p: CordisProject) -> dict[str, Any]:
    return {
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
    }


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
        vat = _most_frequent(x.vat_number for x in rows)
        belgian = country == "BE"
        number = belgian_vat_to_enterprise_number(vat) if belgian and vat else None
        aliases = [short] if belgian and short else []
        if belgian:
            oid = resolver.resolve(
                enterprise_number=number, pic=pic, name=name, country="BE", aliases=aliases
            )
        else:
            oid = resolver.resolve(pic=pic)
        org_of[pic] = oid
        if belgian:
            out.belgian.setdefault(oid, name)
        if oid in emitted:  # a second PIC of one organisation (same enterprise number)
            continue
        emitted.add(oid)
        props = _organisation_props(resolver, oid, pic, rows, source, number)
        resolver.add(
            oid,
            enterprise_number=number,
            pic=pic,
            name=name,
            country=country,
            aliases=aliases,
            source=source,
        )
        ref = f"line {rows[0].line}"
        out.nodes.append(Node("Organisation", oid, props, source, ref))
        if props.get("province"):
            out.rels.append(
                Rel("LOCATED_IN", "Organisation", oid, "Region", props["province"], {}, source, ref)
            )
    regions = sorted({r.end_id for r in out.rels if r.type == "LOCATED_IN"})
    if regions:
        out.sources.append(SourceInfo(REGION_SOURCE, "ISO 3166-2:BE codes", "curated"))
        out.nodes += [region_node(r) for r in regions]
    return org_of


def _organisation_props(
    resolver: OrgIndex,
    oid: str,
    pic: str,
    rows: list[CordisParticipation],
    source: str,
    number: str | None,
) -> dict[str, Any]:
    """An organisation's properties; name, kind and country only if no other source made it."""
    name = _most_frequent(x.name for x in rows)
    short = _most_frequent(x.short_name for x in rows)
    country = _most_frequent(x.country for x in rows)
    activity = _most_frequent(x.activity_type for x in rows)
    props: dict[str, Any] = {
        "legal_name": name,  # CORDIS's own field: the display name may come from a curated source
        "pic": pic if resolver.pic_of(oid) in (None, pic) else None,
        "short_name": short,
        "activity_type": activity,
        "vat_number": _most_frequent(x.vat_number for x in rows),
        "enterprise_number": number
        if resolver.enterprise_number_of(oid) in (None, number)
        else None,
        "size": "sme" if any(x.sme for x in rows) else None,
        "city": _most_frequent(x.city for x in rows),
        **(_place(_most_frequent(x.postcode for x in rows)) if country == "BE" else {}),
    }
    if resolver.owned_by(oid, source):
        key = name_key(name) if name else None
        alias = name_key(short) if country == "BE" and short else None
        props.update(
            {
                "name": name,
                "name_key": key,
                "country": country,
                "kind": kind_of(activity),
                "alias_keys": [alias] if alias and alias != key else None,
            }
        )
    return props


def _place(postcode: str | None) -> dict[str, str]:
    """A Belgian participant's municipality, province and region from its postcode
    (``ingest.places``); nothing when the postcode is missing or not in Statbel's list."""
    try:
        return places.place_props(postcode) if postcode else {}
    except ValueError:
        return {}


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
