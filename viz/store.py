"""Read what the maps and plots draw, through ``graph.db`` (``graph/cypher/viz_*.cypher``).

The only module of ``viz`` that reads the graph; it never imports the driver either: it takes
a connected ``graph.db.Database`` and calls ``db.read(name, **params)``. Each function returns
a networkx graph (``viz.graphs``) or plain rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

import networkx as nx

from graph.errors import NotFound
from viz import graphs


class Reader(Protocol):
    """What ``viz.store`` needs of ``graph.db.Database``."""

    def read(self, name: str, **params: Any) -> list[dict[str, Any]]: ...


def ecosystem_graph(db: Reader, max_organisations: int = 150) -> nx.Graph:
    """Clusters, their links, the organisations drawn one by one (managers, tied
    organisations, the most central non-firm members) and every other member counted in
    groups per cluster, kind and NACE division — aggregated in Neo4j, so the graph stays
    small whatever the number of members."""
    clusters = db.read("viz_clusters")
    links = db.read("viz_cluster_links")
    organisations = db.read("viz_ecosystem_organisations", limit=int(max_organisations))
    org_links = [{"org": o["id"], **link} for o in organisations for link in o["links"]]
    groups = db.read("viz_member_groups", exclude=[o["id"] for o in organisations])
    return graphs.ecosystem_graph(clusters, links, organisations, org_links, groups)


def cluster_graph(db: Reader, cluster_id: str) -> nx.Graph:
    """A cluster's ego-network; ``NotFound`` when there is no such cluster."""
    rows = db.read("viz_cluster", id=cluster_id)
    if not rows:
        raise NotFound(
            f"There is no cluster with id {cluster_id!r} (list them with "
            "`innograph cypher 'MATCH (c:Cluster) RETURN c.id, c.name'`)."
        )
    neighbours = db.read("viz_cluster_neighbours", id=cluster_id)
    bridges = db.read("viz_cluster_bridges", id=cluster_id)
    return graphs.cluster_graph(rows[0], neighbours, bridges)


def overlap_graph(db: Reader, min_shared: int = 1) -> nx.Graph:
    """Clusters and their overlaps: the ``OVERLAPS`` analytics wrote, or, when there are none,
    overlaps counted from ``MEMBER_OF``."""
    clusters = db.read("viz_clusters")
    rows = [r for r in db.read("viz_overlaps") if (r.get("shared") or 0) >= min_shared]
    if not rows:
        rows = [
            {**r, "source": "computed from MEMBER_OF"}
            for r in db.read("viz_overlaps_computed", min_shared=int(min_shared))
        ]
    return graphs.overlap_graph_from_rows(clusters, rows)


def sector_links(
    db: Reader, level: str = "section", via: str | None = "projects"
) -> list[dict[str, Any]]:
    """Rows ``{a, b, links}`` of the sector x sector matrix: the ``SECTOR_LINK`` analytics
    wrote at ``level`` for ``via`` (else for any ``via``, summed), or, when there are none,
    section links counted from projects."""
    rows = db.read("viz_sector_links", level=level, via=via)
    if not rows and via is not None:
        rows = db.read("viz_sector_links", level=level, via=None)
    if not rows and level == "section":
        rows = db.read("viz_sector_links_computed")
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for r in rows:
        a, b = sorted((str(r["a"]), str(r["b"])))
        totals[(a, b)] += int(r.get("links") or 0)
    return [{"a": a, "b": b, "links": n} for (a, b), n in sorted(totals.items())]


def organisations(db: Reader, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Organisation rows by id (also found by enterprise number), with their clusters."""
    wanted = sorted({str(i) for i in ids})
    out: dict[str, dict[str, Any]] = {}
    for row in db.read("viz_organisations", ids=wanted):
        out[row["id"]] = row
        if row.get("enterprise_number"):
            out[row["enterprise_number"]] = row
    return out


def match_graph(db: Reader, result: Any, focus: str | None = None) -> nx.Graph:
    """A match result (``innograph match --format json``) as a graph, completed from the
    graph: kind, sector, centrality and clusters of the focus and of every partner."""
    partners = _partners(result)
    known = organisations(db, [*(str(p["id"]) for p in partners), *([focus] if focus else [])])
    if focus and focus not in known and not _is_call(result):
        raise NotFound(f"There is no organisation with id or enterprise number {focus!r}.")
    enriched = [{**_plain(known.get(str(p["id"]), {})), **_clean(p)} for p in partners]
    head: Any = None
    if focus:
        head = {**_plain(known[focus])} if focus in known else focus
    if isinstance(result, list):
        return graphs.match_graph(enriched, focus=head)
    return graphs.match_graph({**result, "partners": enriched}, focus=head)


def _partners(result: Any) -> list[Mapping[str, Any]]:
    if isinstance(result, list):
        return result
    return result.get("partners") or result.get("candidates") or result.get("results") or []


def _is_call(result: Any) -> bool:
    return isinstance(result, Mapping) and "call" in result


def _plain(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if v is not None and k != "enterprise_number"}


def _clean(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if v is not None}
