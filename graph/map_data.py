"""The rows each map and figure draws, read through the catalogue (``graph/cypher``).

``viz`` never reads the database: its callers (``api.map_service``, ``innograph map``, the
demo) read the rows here and hand them to ``viz.graphs``, whose builders take exactly these
bundles as keyword arguments::

    G = graphs.ecosystem_graph(**map_data.ecosystem_rows(db))
    G = graphs.cluster_graph(**map_data.cluster_rows(db, "catalisti"))
    G = graphs.overlap_graph_from_rows(**map_data.overlap_rows(db, min_shared=1))

Every function takes a connected ``graph.db.Database`` (anything with ``read``) and returns
plain dicts and lists.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, Protocol, TypedDict

from graph.errors import NotFound

Row = dict[str, Any]
LIST_CLUSTERS = "innograph cypher 'MATCH (c:Cluster) RETURN c.id, c.name'"  # cypher-example


class Reader(Protocol):
    """What the readers need of ``graph.db.Database``."""

    def read(self, name: str, **params: Any) -> list[Row]: ...


class EcosystemRows(TypedDict):
    clusters: list[Row]
    cluster_links: list[Row]
    organisations: list[Row]
    org_links: list[Row]
    member_groups: list[Row]


class ClusterRows(TypedDict):
    cluster: Row
    neighbours: list[Row]
    bridges: list[Row]


class OverlapRows(TypedDict):
    clusters: list[Row]
    overlaps: list[Row]


def ecosystem_rows(db: Reader, max_organisations: int = 150) -> EcosystemRows:
    """Clusters, their links, the organisations drawn one by one (managers, tied
    organisations, the ``max_organisations`` most central non-firm members) with their links
    to clusters, and every other member counted per cluster, kind and NACE division
    (aggregated in Neo4j, so the rows stay few whatever the number of members)."""
    clusters = db.read("read_cluster_nodes")
    links = db.read("read_cluster_links")
    organisations = db.read("read_prominent_organisations", limit=int(max_organisations))
    org_links = [{"org": o["id"], **link} for o in organisations for link in o["links"]]
    groups = db.read("count_member_groups", exclude=[o["id"] for o in organisations])
    return EcosystemRows(
        clusters=clusters,
        cluster_links=links,
        organisations=organisations,
        org_links=org_links,
        member_groups=groups,
    )


def cluster_rows(db: Reader, cluster_id: str) -> ClusterRows:
    """A cluster, everything one relationship away and its members' other clusters;
    ``NotFound`` when there is no such cluster."""
    rows = db.read("read_cluster_node", id=cluster_id)
    if not rows:
        raise NotFound(
            f"There is no cluster with id {cluster_id!r} (list them with `{LIST_CLUSTERS}`)."
        )
    return ClusterRows(
        cluster=rows[0],
        neighbours=db.read("read_cluster_neighbours", id=cluster_id),
        bridges=db.read("read_bridge_memberships", id=cluster_id),
    )


def overlap_rows(db: Reader, min_shared: int = 1) -> OverlapRows:
    """Clusters and their overlaps: the ``OVERLAPS`` analytics wrote (pairs sharing at least
    ``min_shared``), or, when there are none, overlaps counted from ``MEMBER_OF``."""
    clusters = db.read("read_cluster_nodes")
    rows = [r for r in db.read("read_overlap_edges") if (r.get("shared") or 0) >= min_shared]
    if not rows:
        rows = [
            {**r, "source": "computed from MEMBER_OF"}
            for r in db.read("count_shared_members", min_shared=int(min_shared))
        ]
    return OverlapRows(clusters=clusters, overlaps=rows)


def sector_links(db: Reader, level: str = "section", via: str | None = "projects") -> list[Row]:
    """Rows ``{a, b, links, from_synthetic, synthetic_share}`` (``a <= b``) of the sector x
    sector matrix: the ``SECTOR_LINK`` analytics wrote at ``level`` for ``via`` (else for any
    ``via``, summed), or, when there are none, section links counted from projects."""
    rows = db.read("read_sector_link_counts", level=level, via=via)
    if not rows and via is not None:
        rows = db.read("read_sector_link_counts", level=level, via=None)
    if not rows and level == "section":
        rows = db.read("count_project_sector_links")
    totals: dict[tuple[str, str], int] = defaultdict(int)
    demo: dict[tuple[str, str], float] = defaultdict(float)
    for r in rows:
        a, b = sorted((str(r["a"]), str(r["b"])))
        totals[(a, b)] += int(r.get("links") or 0)
        demo[(a, b)] += int(r.get("links") or 0) * float(r.get("synthetic_share") or 0)
    return [
        {
            "a": a,
            "b": b,
            "links": n,
            "from_synthetic": demo[(a, b)] > 0,
            "synthetic_share": round(demo[(a, b)] / n, 4) if n else 0.0,
        }
        for (a, b), n in sorted(totals.items())
    ]


def organisations(db: Reader, ids: Iterable[str]) -> dict[str, Row]:
    """Organisation rows by id, and by enterprise number too, with their clusters."""
    wanted = sorted({str(i) for i in ids})
    out: dict[str, Row] = {}
    for row in db.read("read_organisations_with_clusters", ids=wanted):
        out[row["id"]] = row
        if row.get("enterprise_number"):
            out[row["enterprise_number"]] = row
    return out
