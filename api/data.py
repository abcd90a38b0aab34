"""Reads for the API: catalogued ``graph/cypher`` statements (``list_clusters``,
``get_organisation``...) turned into models.

Analytics results (overlaps, centralities, sector links, helix properties) are read as
analytics wrote them back to the graph; nothing here recomputes them.

Small groups: ``reveal_from`` is the smallest group whose members may be named to the caller
(``min_group_size`` for a viewer, 0 for a manager and up); below it only the count is shown.
"""

from __future__ import annotations

import re
from typing import Any

from api import models as m
from graph.db import Database
from graph.errors import InnographError, NotFound
from graph.keys import EnterpriseNumberError, normalise_enterprise_number
from graph.output import plain

NAMES = 50  # shared organisations named per overlapping pair, by default
_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
_NUMBERISH = re.compile(r"^\s*(BE)?[\s0-9.\-/]{9,}$", re.IGNORECASE)


def _one(rows: list[dict[str, Any]], what: str, key: str) -> dict[str, Any]:
    if not rows:
        raise NotFound(f"No {what} with id {key!r}.")
    return plain(rows[0])


def _page(row: dict[str, Any], model: type, limit: int, offset: int) -> m.Page:
    return m.Page[model](  # type: ignore[valid-type]
        total=row["total"],
        limit=limit,
        offset=offset,
        items=[model(**plain(i)) for i in row["items"]],
    )


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def provenance(share: float | None, what: str = "inputs") -> dict[str, Any]:
    """``from_synthetic``, ``synthetic_share`` and the notice of a derived figure whose
    ``share`` of inputs (its members, for a cluster) are synthetic or example data."""
    s = float(share or 0.0)
    if s <= 0:
        return {"from_synthetic": False, "synthetic_share": 0.0, "notice": None}
    return {
        "from_synthetic": True,
        "synthetic_share": round(s, 4),
        "notice": f"Computed in part from synthetic or example demo data ({s:.0%} of its {what}).",
    }


def _members_share(row: dict[str, Any]) -> float:
    """A cluster's share of synthetic or example members (all of them for a demo cluster)."""
    if row.get("demo"):
        return 1.0
    return _share(row.get("demo_members") or 0, row.get("members") or 0) or 0.0


def _marked(row: dict[str, Any], what: str = "inputs") -> dict[str, Any]:
    """A row of a derived fact with its notice (``from_synthetic``/``synthetic_share`` as the
    analytics wrote them)."""
    share = row.get("synthetic_share")
    if row.get("from_synthetic") and not share:
        share = 1e-4
    return {**row, **provenance(share, what)}


def lucene_query(text: str) -> str | None:
    """A Lucene query matching every word of ``text`` as a word or a word prefix; Lucene's
    operators and special characters in ``text`` are escaped.

    >>> lucene_query("Battery recyc")
    '(battery OR battery*) AND (recyc OR recyc*)'
    """
    words = [w.lower() for w in text.split() if w.strip()]
    parts = []
    for w in words[:20]:
        esc = _LUCENE_SPECIAL.sub(r"\\\1", w)
        parts.append(f"({esc} OR {esc}*)")
    return " AND ".join(parts) or None


def enterprise_number_of(text: str | None) -> str | None:
    """The normalised enterprise number in ``text``; 400 (``InnographError``) when it is not one."""
    if not text:
        return None
    try:
        return normalise_enterprise_number(text)
    except EnterpriseNumberError as e:  # 400: the schema cannot state the mod-97 check
        raise InnographError(f"{e}.") from None


def looks_like_enterprise_number(text: str) -> bool:
    return bool(_NUMBERISH.match(text)) and sum(c.isdigit() for c in text) >= 9


def sector_prefix(code: str | None) -> str | None:
    return re.sub(r"[\s.]", "", code).upper() if code else None


# -- clusters ------------------------------------------------------------------------------------
def list_clusters(
    db: Database, type: str | None, q: str | None, limit: int, offset: int
) -> m.Page[m.ClusterSummary]:
    (row,) = db.read("list_clusters", type=type, q=q or None, skip=offset, limit=limit)
    items = [{**i, **provenance(_members_share(i), "members")} for i in row["items"]]
    return _page({**row, "items": items}, m.ClusterSummary, limit, offset)


def get_cluster(db: Database, cluster_id: str) -> m.ClusterDetail:
    row = _one(db.read("get_cluster", id=cluster_id), "cluster", cluster_id)
    c = row["cluster"]
    return m.ClusterDetail(
        **{
            k: c.get(k)
            for k in ("id", "name", "type", "domain", "description", "source", "source_ref")
        },
        members=row["members"] or 0,
        projects=row["projects"],
        firms=row["firms"],
        sme_share=_share(row["smes"], row["firms"]),
        helix=row["helix"],
        linked=row["linked"],
        managers=row["managers"],
        themes=row["themes"],
        properties=c,
        **provenance(
            1.0
            if c.get("synthetic") or c.get("example")
            else _share(row["demo_members"], row["members"] or 0),
            "members",
        ),
    )


def cluster_members(
    db: Database, cluster_id: str, kind: str | None, limit: int, offset: int
) -> m.Page[m.Member]:
    row = _one(
        db.read("list_cluster_members", id=cluster_id, kind=kind, skip=offset, limit=limit),
        "cluster",
        cluster_id,
    )
    return _page(row, m.Member, limit, offset)


def cluster_projects(
    db: Database, cluster_id: str, limit: int, offset: int, members: bool = True
) -> m.Page[m.ClusterProject]:
    """The cluster's own projects, and with ``members`` those of its members too."""
    name = "list_cluster_projects" if members else "list_cluster_own_projects"
    row = _one(db.read(name, id=cluster_id, skip=offset, limit=limit), "cluster", cluster_id)
    return _page(row, m.ClusterProject, limit, offset)


def _masked(members: list[dict[str, Any]], shared: int, reveal_from: int) -> list | None:
    return members if shared >= reveal_from else None


def cluster_overlaps(
    db: Database, cluster_id: str, reveal_from: int, names: int = NAMES
) -> list[m.ClusterOverlap]:
    row = _one(db.read("list_cluster_overlaps", id=cluster_id, names=names), "cluster", cluster_id)
    out = []
    for o in row["overlaps"]:
        shared = o.get("shared") or 0
        out.append(
            m.ClusterOverlap(
                **{
                    **_marked(o, "members"),
                    "shared": shared,
                    "shared_members": _masked(o["shared_members"], shared, reveal_from),
                }
            )
        )
    return out


def cluster_central(db: Database, cluster_id: str, metric: str, limit: int) -> list[m.CentralOrg]:
    row = _one(
        db.read("rank_cluster_members_by_centrality", id=cluster_id, metric=metric, limit=limit),
        "cluster",
        cluster_id,
    )
    return [m.CentralOrg(**_marked(o, "network")) for o in row["central"]]


def cluster_refs(db: Database, type: str | None = None) -> list[m.ClusterSize]:
    return [m.ClusterSize(**r) for r in db.read("list_cluster_sizes", type=type)]


# -- organisations -------------------------------------------------------------------------------
def search_organisations(
    db: Database,
    *,
    q: str | None,
    kind: str | None,
    sector: str | None,
    province: str | None,
    cluster: str | None,
    enterprise_number: str | None,
    limit: int,
    offset: int,
) -> m.Page[m.OrgSummary]:
    """By enterprise number (any notation, in ``q`` or ``enterprise_number``), by name
    (the ``organisation_names`` full-text index), or by the filters alone."""
    q = (q or "").strip() or None
    number = enterprise_number_of(enterprise_number)
    if q and looks_like_enterprise_number(q):
        number, q = enterprise_number_of(q), None
    filters = {
        "kind": kind,
        "sector": sector_prefix(sector),
        "province": province or None,
        "cluster": cluster or None,
        "skip": offset,
        "limit": limit,
    }
    text = lucene_query(q) if q else None
    if text:
        (row,) = db.read("search_organisations", text=text, **filters)
    else:
        (row,) = db.read("list_organisations", enterprise_number=number, **filters)
    return _page(row, m.OrgSummary, limit, offset)


def get_organisation(db: Database, org_id: str) -> m.OrgDetail:
    row = _one(db.read("get_organisation", id=org_id), "organisation", org_id)
    o = row["organisation"]
    return m.OrgDetail(
        **{
            **o,
            "projects": row["projects"],
            "clusters": row["clusters"],
            "ties": row["ties"],
            "sectors": row["sectors"],
            "regions": row["regions"],
            "properties": o,
        }
    )


def organisation_projects(
    db: Database, org_id: str, limit: int, offset: int
) -> m.Page[m.OrgProject]:
    row = _one(
        db.read("list_organisation_projects", id=org_id, skip=offset, limit=limit),
        "organisation",
        org_id,
    )
    return _page(row, m.OrgProject, limit, offset)


# -- analytics results ---------------------------------------------------------------------------
def overlap_matrix(
    db: Database, type: str | None, min_shared: int, reveal_from: int, names: int = NAMES
) -> m.OverlapMatrix:
    pairs = []
    for r in db.read("list_overlap_pairs", type=type, min_shared=min_shared, names=names):
        r = plain(r)
        shared = r.get("shared") or 0
        pairs.append(
            m.OverlapPair(
                **{
                    **_marked(r, "members"),
                    "shared": shared,
                    "shared_members": _masked(r["shared_members"], shared, reveal_from),
                }
            )
        )
    note = (
        None
        if pairs
        else ("No overlaps in the graph yet: run `innograph analyze overlap` to compute them.")
    )
    worst = max((p.synthetic_share or 0.0 for p in pairs if p.from_synthetic), default=0.0)
    return m.OverlapMatrix(
        clusters=cluster_refs(db, type),
        pairs=pairs,
        min_group_size=reveal_from,
        note=note,
        **provenance(worst, "members, at most, of a pair"),
    )


def centrality(
    db: Database, metric: str, cluster: str | None, kind: str | None, limit: int, offset: int
) -> m.Page[m.CentralOrg]:
    (row,) = db.read(
        "rank_organisations_by_centrality",
        metric=metric,
        cluster=cluster,
        kind=kind,
        skip=offset,
        limit=limit,
    )
    items = [_marked(i, "network") for i in row["items"]]
    return _page({**row, "items": items}, m.CentralOrg, limit, offset)


def cross_sector(
    db: Database, level: str | None, via: str | None, limit: int
) -> list[m.SectorLink]:
    return [
        m.SectorLink(**_marked(plain(r), "links"))
        for r in db.read("list_sector_links", level=level, via=via, limit=limit)
    ]


def helix(db: Database, cluster_id: str | None = None) -> list[m.HelixRow]:
    rows = db.read("list_helix_mix", id=cluster_id)
    if cluster_id and not rows:
        raise NotFound(f"No cluster with id {cluster_id!r}.")
    out = []
    for r in rows:
        props = plain(r.pop("props"))
        stored = {k: v for k, v in props.items() if k.startswith("helix_") or k == "sme_share"}
        share = 1.0 if props.get("synthetic") or props.get("example") else _members_share(r)
        out.append(
            m.HelixRow(
                **r,
                sme_share=_share(r["smes"], r["firms"]),
                stored=stored,
                **provenance(share, "members"),
            )
        )
    return out
