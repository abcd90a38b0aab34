"""Rows read from the graph -> networkx graphs for the maps.

The builders (``*_graph``) take the plain rows ``graph.map_data`` reads through the
catalogue (its bundles are their keyword arguments:
``ecosystem_graph(**map_data.ecosystem_rows(db))``); ``viz.reshape`` turns a graph into
another. Node lists are sorted before anything depends on their order, so the same rows
always give the same graph.

>>> G = ecosystem_graph(
...     clusters=[{"id": "c1", "name": "Catalisti", "type": "spearhead", "members": 2}],
...     organisations=[{"id": "o1", "name": "KU Leuven", "kind": "knowledge_institution"}],
...     org_links=[{"org": "o1", "cluster": "c1", "type": "TIED_TO", "relation": "academic"}],
...     member_groups=[{"cluster": "c1", "kind": "firm", "section": "C", "count": 2}])
>>> sorted(G.nodes), G.nodes["group:c1:firm:C"]["count"]
(['c1', 'group:c1:firm:C', 'o1'], 2)
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import networkx as nx

from graph.errors import NotFound
from viz import style

ORG_FIELDS = (
    "name",
    "kind",
    "size",
    "nace",
    "section",
    "province",
    "region",
    "country",
    "synthetic",
    "example",
    "pagerank",
    "degree",
    "betweenness",
    "source",
    "source_ref",
)
CLUSTER_FIELDS = (
    "name",
    "domain",
    "members",
    "pagerank",
    "degree",
    "betweenness",
    "source",
    "source_ref",
)
REL_FIELDS = (
    "relation",
    "role",
    "since",
    "shared",
    "jaccard",
    "overlap_coefficient",
    "count",
    "source",
    "source_ref",
    "from_synthetic",
    "synthetic_share",
)


def _props(row: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    return {f: row[f] for f in fields if row.get(f) is not None}


def organisation_attrs(row: Mapping[str, Any]) -> dict[str, Any]:
    """Node attributes of an ``Organisation`` row (kind checked, section derived)."""
    attrs = _props(row, ORG_FIELDS)
    attrs["kind"] = row.get("kind") if row.get("kind") in style.ORGANISATION_KINDS else "other"
    section = style.section_of(attrs)
    if section:
        attrs["section"] = section
    return attrs


def cluster_attrs(row: Mapping[str, Any]) -> dict[str, Any]:
    """Node attributes of a ``Cluster`` row: kind ``cluster_spearhead`` or ``cluster_ibn``."""
    attrs = _props(row, CLUSTER_FIELDS)
    ctype = str(row.get("type") or "spearhead").lower()
    attrs["kind"] = "cluster_ibn" if ctype == "ibn" else "cluster_spearhead"
    attrs["type"] = ctype
    return attrs


def node_attrs(row: Mapping[str, Any]) -> dict[str, Any]:
    """Attributes of a node row carrying a ``label`` (Organisation, Cluster or Project)."""
    label = row.get("label")
    if label == "Cluster":
        return cluster_attrs(row)
    if label == "Project":
        attrs = _props(row, ("year", "instrument", "source", "source_ref"))
        attrs.update(kind="project", name=row.get("title") or row.get("name") or row["id"])
        return attrs
    return organisation_attrs(row)


def group_id(anchor: Hashable, kind: str, section: str | None) -> str:
    return f"group:{anchor}:{kind}" + (f":{section}" if section else "")


def group_name(count: int, kind: str, section: str | None) -> str:
    """``12 member firms (C)``, ``3 knowledge institutions``, ``40 members (J)``."""
    noun = {
        "firm": "member firm",
        "knowledge_institution": "knowledge institution",
        "federation": "federation",
        "government": "government body",
        "other": "other organisation",
    }.get(kind, "member")
    plural = noun.replace("body", "bodies") if noun.endswith("body") else noun + "s"
    text = f"{count:,} {noun if count == 1 else plural}"
    return f"{text} ({section})" if section else text


# -- row builders --------------------------------------------------------------------------------
def ecosystem_graph(
    clusters: Iterable[Mapping[str, Any]],
    cluster_links: Iterable[Mapping[str, Any]] = (),
    organisations: Iterable[Mapping[str, Any]] = (),
    org_links: Iterable[Mapping[str, Any]] = (),
    member_groups: Iterable[Mapping[str, Any]] = (),
) -> nx.Graph:
    """The ecosystem: clusters and IBNs, the organisations drawn one by one (federations,
    knowledge institutions, cluster managers...), and the other members as group nodes.

    Rows: clusters ``{id, name, type, domain, members, ...}``; cluster_links ``{start, end,
    type, relation, source, source_ref}``; organisations ``{id, name, kind, ...}``; org_links
    ``{org, cluster, type, relation, role, source, source_ref}``; member_groups ``{cluster,
    kind, section, count, synthetic}`` (members not drawn one by one, counted).
    """
    G = nx.Graph()
    for row in sorted(clusters, key=lambda r: r["id"]):
        G.add_node(row["id"], **cluster_attrs(row))
    _add_cluster_links(G, cluster_links)
    for row in sorted(organisations, key=lambda r: r["id"]):
        G.add_node(row["id"], **organisation_attrs(row))
    for row in org_links:
        if row["org"] in G and row["cluster"] in G:
            G.add_edge(
                row["org"],
                row["cluster"],
                type=row.get("type") or "MEMBER_OF",
                **_props(row, REL_FIELDS),
            )
    groups: dict[str, dict[str, Any]] = {}
    for row in member_groups:
        if row["cluster"] not in G:
            continue
        kind = str(row["kind"]) if row.get("kind") in style.ORGANISATION_KINDS else "other"
        section = style.section_of(row)
        gid = group_id(row["cluster"], kind, section)
        g = groups.setdefault(
            gid,
            {
                "cluster": row["cluster"],
                "kind": kind,
                "section": section,
                "count": 0,
                "synthetic": 0,
            },
        )
        g["count"] += int(row.get("count") or 0)
        g["synthetic"] += int(row.get("synthetic") or 0)
    for gid in sorted(groups):
        g = groups[gid]
        add_group(G, gid, g["cluster"], g["kind"], g["section"], g["count"], g["synthetic"])
    return G


def _add_cluster_links(G: nx.Graph, rows: Iterable[Mapping[str, Any]]) -> None:
    for row in rows:
        if row["start"] in G and row["end"] in G and row["start"] != row["end"]:
            G.add_edge(
                row["start"],
                row["end"],
                type=row.get("type") or "LINKED_TO",
                **_props(row, REL_FIELDS),
            )


def add_group(
    G: nx.Graph,
    gid: str,
    anchor: Hashable,
    kind: str,
    section: str | None,
    count: int,
    synthetic: int = 0,
    breakdown: Iterable[str] = (),
) -> None:
    """A group node counting ``count`` members of ``anchor`` (a cluster), linked to it."""
    attrs: dict[str, Any] = {
        "kind": "group",
        "member_kind": kind,
        "count": count,
        "name": group_name(count, kind, section),
        "anchor": anchor,
        "synthetic_count": synthetic,
        "breakdown": list(breakdown),
    }
    if section:
        attrs["section"] = section
    if synthetic:
        attrs["breakdown"].append(f"of which synthetic: {synthetic:,}")
        attrs["synthetic"] = synthetic >= count
    G.add_node(gid, **attrs)
    G.add_edge(anchor, gid, type="GROUP", count=count)


def cluster_graph(
    cluster: Mapping[str, Any],
    neighbours: Iterable[Mapping[str, Any]],
    bridges: Iterable[Mapping[str, Any]] = (),
) -> nx.Graph:
    """A cluster's ego-network: the cluster, every node one relationship away (members, ties,
    managers, linked clusters, projects) and the other clusters its members belong to.

    Rows: cluster ``{id, name, type, ...}``; neighbours ``{id, label, name, kind|type, ...,
    rel_type, rel}`` (``rel`` holds the relationship's properties); bridges ``{org, cluster,
    name, type, source, source_ref}`` (a member's membership of another cluster).
    """
    G = nx.Graph()
    cid = cluster["id"]
    G.add_node(cid, **cluster_attrs(cluster), role="focus")
    rows = sorted(neighbours, key=lambda r: (r["id"], r.get("rel_type") or ""))
    for row in rows:
        if row["id"] not in G:
            G.add_node(row["id"], **node_attrs(row))
    for row in rows:
        if row["id"] != cid:
            G.add_edge(
                row["id"],
                cid,
                type=row.get("rel_type") or "MEMBER_OF",
                **_props(row.get("rel") or {}, REL_FIELDS),
            )
    for row in sorted(bridges, key=lambda r: (r["cluster"], r["org"])):
        if row["org"] not in G or row["cluster"] == cid:
            continue
        if row["cluster"] not in G:
            G.add_node(row["cluster"], **cluster_attrs({**row, "id": row["cluster"]}))
        G.add_edge(row["org"], row["cluster"], type="MEMBER_OF", **_props(row, REL_FIELDS))
    return G


def overlap_graph_from_rows(
    clusters: Iterable[Mapping[str, Any]], overlaps: Iterable[Mapping[str, Any]]
) -> nx.Graph:
    """Clusters linked by their overlaps: rows ``{a, b, shared, jaccard, overlap_coefficient,
    source, source_ref}`` (as analytics writes ``OVERLAPS``, or computed from ``MEMBER_OF``)."""
    G = nx.Graph()
    for row in sorted(clusters, key=lambda r: r["id"]):
        G.add_node(row["id"], **cluster_attrs(row))
    for row in overlaps:
        if row["a"] in G and row["b"] in G and row["a"] != row["b"]:
            G.add_edge(row["a"], row["b"], type="OVERLAPS", **_props(row, REL_FIELDS))
    return G


def match_graph(result: Any, focus: Mapping[str, Any] | str | None = None) -> nx.Graph:
    """A match result as a graph: the focus (an organisation or a call), its ranked partners
    and the proposed consortia.

    ``result`` is what ``innograph match ... --format json`` prints: either a list of partners
    ``{id, name, score, explanation, kind?, rank?, clusters?}`` or an object with ``partners``
    (or ``candidates``/``results``), and optionally ``for``/``org``/``call`` (the focus) and
    ``consortia`` (``{members: [id | {id, role}], score?, explanation?}``). Partners' clusters
    (``clusters``: ids, names or ``{id, name, type}``) are drawn too, to show the bridges.
    """
    partners = _partners(result)
    consortia: list[Any] = []
    head = None
    if not isinstance(result, list):
        consortia = result.get("consortia") or []
        head = result.get("for") or result.get("org") or result.get("call") or result.get("query")
    head = focus or head or {"id": "call", "name": "Call", "kind": "call"}
    if isinstance(head, str):
        head = {"id": head, "name": head}
    is_call = head.get("kind") == "call" or "call" in (result if isinstance(result, dict) else {})
    fid = str(head.get("id") or ("call" if is_call else head.get("name")) or "focus")
    G = nx.Graph()
    attrs = (
        organisation_attrs(head)
        if not is_call
        else {"kind": "call", **_props(head, ("name", "instrument", "source", "source_ref"))}
    )
    attrs.setdefault("name", fid)
    themes = head.get("themes") or head.get("text")
    if is_call and themes:
        attrs["explanation"] = [f"call: {style.fmt(themes)}"]
    G.add_node(fid, **attrs, role="focus")
    _add_clusters(G, fid, head.get("clusters"))
    top = max((float(p.get("score") or 0) for p in partners), default=0.0)
    for rank, p in enumerate(partners, start=1):
        pid = str(p["id"])
        if pid == fid:
            continue
        pa = organisation_attrs(p)
        pa.update(
            rank=p.get("rank") or rank,
            score=p.get("score"),
            explanation=p.get("explanation") or p.get("reasons"),
        )
        G.add_node(pid, **{k: v for k, v in pa.items() if v is not None})
        score = float(p.get("score") or 0)
        G.add_edge(
            fid,
            pid,
            type="PARTNER",
            score=p.get("score"),
            explanation=p.get("explanation") or p.get("reasons"),
            width=style.edge_width(score, top, 1, 10),
            strength=score / top if top > 0 else 0.5,
        )
        _add_clusters(G, pid, p.get("clusters"))
    for i, c in enumerate(consortia, start=1):
        kid = f"consortium:{i}"
        members = c.get("members") or c.get("organisations") or []
        G.add_node(
            kid, kind="consortium", name=f"Consortium {i}", **_props(c, ("score", "explanation"))
        )
        G.add_edge(fid, kid, type="CONSORTIUM", score=c.get("score"))
        for m in members:
            m = m if isinstance(m, Mapping) else {"id": str(m)}
            mid = str(m["id"])
            if mid not in G:
                G.add_node(mid, **organisation_attrs(m))
            G.add_edge(kid, mid, type="CONSORTIUM", **_props(m, ("role",)))
    return G


def _add_clusters(G: nx.Graph, org: str, clusters: Any) -> None:
    """Clusters of a match's organisation: ids, names or ``{id, name, type}``."""
    for c in clusters or []:
        c = c if isinstance(c, Mapping) else {"id": str(c), "name": str(c)}
        if c.get("id") is None:
            continue
        cid = str(c["id"])
        if cid not in G:
            G.add_node(cid, **cluster_attrs(c))
        if style.is_cluster(G.nodes[cid]):
            G.add_edge(org, cid, type="MEMBER_OF")


# -- a match result completed from the graph ----------------------------------------------------
def match_ids(result: Any, focus: str | None = None) -> list[str]:
    """The organisations a match map needs from the graph: every partner, and the focus."""
    return [*(str(p["id"]) for p in _partners(result)), *([focus] if focus else [])]


def completed_match_graph(
    result: Any, known: Mapping[str, Mapping[str, Any]], focus: str | None = None
) -> nx.Graph:
    """``match_graph`` of a match result (``innograph match --format json``) completed from
    the graph: ``known`` holds the organisation rows of ``match_ids(result, focus)`` by id or
    enterprise number (``graph.map_data.organisations``): kind, sector, centrality and
    clusters of the focus and of every partner. ``NotFound`` when the focus of a partner
    search is not known."""
    partners = _partners(result)
    if focus and focus not in known and not _is_call(result):
        raise NotFound(f"There is no organisation with id or enterprise number {focus!r}.")
    enriched = [{**_plain(known.get(str(p["id"]), {})), **_clean(p)} for p in partners]
    head: Any = None
    if focus:
        head = {**_plain(known[focus])} if focus in known else focus
    if isinstance(result, list):
        return match_graph(enriched, focus=head)
    return match_graph({**result, "partners": enriched}, focus=head)


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
