"""Rows read from the graph -> networkx graphs for the maps, and the pure reshaping they need.

Row builders (``*_graph``) take the plain dicts ``viz.store`` reads with the
``graph/cypher/viz_*.cypher`` statements; reshapers (``ego_network``, ``aggregate_members``,
``overlap_graph``) take a graph and return a new one. None of them modifies its input, and
node lists are sorted before anything depends on their order, so the same rows always give
the same graph.

>>> G = ecosystem_graph(
...     clusters=[{"id": "c1", "name": "Catalisti", "type": "spearhead", "members": 2}],
...     organisations=[{"id": "o1", "name": "KU Leuven", "kind": "knowledge_institution"}],
...     org_links=[{"org": "o1", "cluster": "c1", "type": "TIED_TO", "relation": "academic"}],
...     member_groups=[{"cluster": "c1", "kind": "firm", "section": "C", "count": 2}])
>>> sorted(G.nodes), G.nodes["group:c1:firm:C"]["count"]
(['c1', 'group:c1:firm:C', 'o1'], 2)
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import networkx as nx

from viz import style

ORG_FIELDS = (
    "name",
    "kind",
    "size",
    "nace",
    "section",
    "province",
    "country",
    "synthetic",
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
        _add_group(G, gid, g["cluster"], g["kind"], g["section"], g["count"], g["synthetic"])
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


def _add_group(
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
    consortia: list[Any] = []
    if isinstance(result, list):
        partners, head = result, None
    else:
        partners = result.get("partners") or result.get("candidates") or result.get("results") or []
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


# -- reshapers -----------------------------------------------------------------------------------
def ego_network(G: nx.Graph, centre: Hashable, radius: int = 1, bridges: bool = True) -> nx.Graph:
    """The nodes within ``radius`` of ``centre`` (edges read both ways), and with ``bridges``
    also the clusters one step beyond them, with every edge of ``G`` among these nodes.
    Returns a new graph (a copy); the centre gets ``role="focus"``."""
    if centre not in G:
        raise KeyError(centre)
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    keep = set(nx.single_source_shortest_path_length(U, centre, cutoff=radius))
    if bridges:
        keep |= {
            m
            for n in list(keep)
            if style.is_organisation(G.nodes[n])
            for m in U.neighbors(n)
            if style.is_cluster(G.nodes[m])
        }
    H = nx.Graph()
    H.add_nodes_from((n, dict(G.nodes[n])) for n in sorted(keep, key=str))
    H.add_edges_from(
        (u, v, dict(a)) for u, v, a in U.edges(keep, data=True) if u in keep and v in keep
    )
    H.nodes[centre]["role"] = "focus"
    return H


def aggregate_members(
    G: nx.Graph,
    keep: Iterable[Hashable],
    *,
    by_section: bool = True,
    separate: Iterable[str] = style.ORGANISATION_KINDS,
) -> nx.Graph:
    """``G`` with every organisation not in ``keep`` folded into group nodes.

    An organisation that is not kept adds one to the group ``(cluster, kind, section)`` of each
    cluster it is linked to (an organisation in two clusters counts in both groups) and
    disappears with its other edges. Kinds not in ``separate`` share one group per cluster
    (``member_kind="mixed"``); without ``by_section`` sectors share one too. Group nodes
    already in ``G`` are folded the same way, weighted by their ``count``, so coarser groups
    can be made from finer ones. Clusters stay; other nodes stay only if kept. A group's
    tooltip lists what it holds by kind and by sector. Returns a new graph.

    >>> G = nx.Graph([("o1", "c"), ("o2", "c")])
    >>> nx.set_node_attributes(G, {"o1": {"kind": "firm"}, "o2": {"kind": "firm"},
    ...                            "c": {"kind": "cluster_spearhead"}})
    >>> H = aggregate_members(G, keep=["c"], by_section=False)
    >>> sorted(H.nodes), H.nodes["group:c:firm"]["count"]
    (['c', 'group:c:firm'], 2)
    """
    kept = set(keep)
    apart = set(separate)
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    clusters = {n for n, a in G.nodes(data=True) if style.is_cluster(a)}
    H = nx.Graph()
    drawn = [n for n in kept if n in G and n not in clusters]
    for n in sorted([*clusters, *drawn], key=str):
        H.add_node(n, **dict(G.nodes[n]))
    # every edge of H touches a cluster or a drawn node
    H.add_edges_from(
        (u, v, dict(a)) for u, v, a in U.edges([*clusters, *drawn], data=True) if v in H
    )

    linked_to: dict[Hashable, list[Hashable]] = defaultdict(list)
    for c in clusters:  # 1 view per cluster instead of 1 per organisation
        for m in U[c]:
            linked_to[m].append(c)
    # (cluster, kind, section) -> [members, synthetic members]; folded into groups below
    raw: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for n, a in G.nodes(data=True):
        if n in H or n not in linked_to:
            continue
        kind = style.kind_of(a)
        if kind == "group":
            weight, fake = int(a.get("count") or 0), int(a.get("synthetic_count") or 0)
            kind = str(a.get("member_kind") or "other")
            anchors = [a["anchor"]] if a.get("anchor") in clusters else linked_to[n]
        elif kind in style.ORGANISATION_KINDS:
            weight, fake = 1, int(bool(a.get("synthetic")))
            anchors = linked_to[n]
        else:
            continue
        section = style.section_of(a)
        for c in anchors:
            tally = raw[(c, kind, section)]
            tally[0] += weight
            tally[1] += fake
    counts: Counter[tuple] = Counter()
    synthetic: Counter[tuple] = Counter()
    kinds: dict[tuple, Counter[str]] = defaultdict(Counter)
    sectors: dict[tuple, Counter[str]] = defaultdict(Counter)
    for (c, kind, section), (weight, fake) in raw.items():
        key = (c, kind if kind in apart else "mixed", section if by_section else None)
        counts[key] += weight
        synthetic[key] += fake
        kinds[key][kind] += weight
        sectors[key][section or "?"] += weight
    for key in sorted(counts, key=lambda k: (str(k[0]), k[1], k[2] or "")):
        c, kind, section = key
        breakdown = []
        if kind == "mixed":
            breakdown.append("by kind: " + _top(kinds[key], lambda k: style.KINDS[k].label))
        if not by_section:
            breakdown.append("by sector: " + _top(sectors[key], str))
        _add_group(
            H, group_id(c, kind, section), c, kind, section, counts[key], synthetic[key], breakdown
        )
    return H


def _top(counter: Counter[str], label: Any, n: int = 8) -> str:
    items = sorted(counter.items(), key=lambda x: (-x[1], x[0]))
    text = ", ".join(f"{label(k) if k != '?' else 'unknown'} {v:,}" for k, v in items[:n])
    return text + (", …" if len(items) > n else "")


def central_organisations(
    G: nx.Graph,
    limit: int,
    *,
    kinds: Iterable[str] | None = None,
    size_by: str = "pagerank",
    among: Iterable[Hashable] | None = None,
) -> list[Hashable]:
    """The ``limit`` most central organisations of ``G`` (of ``kinds``, and ``among`` these
    nodes when given), by ``size_by`` then degree; ties broken by id."""
    wanted = set(kinds or style.ORGANISATION_KINDS)
    pool = None if among is None else set(among)
    ranked = []
    degree = G.degree
    for n, a in G.nodes(data=True):
        if (pool is None or n in pool) and style.kind_of(a) in wanted:
            v = a.get(size_by)
            ranked.append((-(v if isinstance(v, (int, float)) else 0.0), -degree[n], str(n), n))
    return [n for *_, n in heapq.nsmallest(max(limit, 0), ranked)]


def overlap_graph(G: nx.Graph, min_shared: int = 1) -> nx.Graph:
    """Clusters linked by their shared members, from a membership graph.

    Uses the ``OVERLAPS`` edges when ``G`` has them; otherwise counts, for each pair of
    clusters, the organisations that are members of both (``MEMBER_OF`` edges, or edges
    without a type; ties and managers are not members) (``shared``), with
    ``jaccard = shared / |A ∪ B|`` and ``overlap_coefficient = shared / min(|A|, |B|)``.
    Cluster nodes get ``members``. Returns a new graph of clusters only.

    >>> G = nx.Graph([("o1", "a"), ("o1", "b"), ("o2", "a")])
    >>> nx.set_node_attributes(G, {"a": {"kind": "cluster_spearhead"},
    ...     "b": {"kind": "cluster_ibn"}, "o1": {"kind": "firm"}, "o2": {"kind": "firm"}})
    >>> H = overlap_graph(G)
    >>> H.edges["a", "b"]["shared"], H.edges["a", "b"]["jaccard"]
    (1, 0.5)
    """
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    clusters = sorted((n for n, a in G.nodes(data=True) if style.is_cluster(a)), key=str)
    members = {
        c: {
            m
            for m in U.neighbors(c)
            if style.is_organisation(G.nodes[m])
            and U.edges[m, c].get("type", "MEMBER_OF") == "MEMBER_OF"
        }
        for c in clusters
    }
    H = nx.Graph()
    for c in clusters:
        attrs = dict(G.nodes[c])
        attrs.setdefault("members", len(members[c]))
        H.add_node(c, **attrs)
    given = [(u, v, a) for u, v, a in U.edges(data=True) if a.get("type") == "OVERLAPS"]
    if given:
        for u, v, a in given:
            if u in H and v in H and float(a.get("shared") or 0) >= min_shared:
                H.add_edge(u, v, **dict(a))
        return H
    pairs: Counter[tuple[Hashable, Hashable]] = Counter()
    of: dict[Hashable, list[Hashable]] = defaultdict(list)
    for c in clusters:
        for m in members[c]:
            of[m].append(c)
    for org in sorted(of, key=str):
        mine = of[org]  # in cluster order already
        for i, a in enumerate(mine):
            for b in mine[i + 1 :]:
                pairs[(a, b)] += 1
    for (a, b), shared in sorted(pairs.items(), key=lambda x: (str(x[0][0]), str(x[0][1]))):
        if shared < min_shared:
            continue
        na, nb = len(members[a]), len(members[b])
        H.add_edge(
            a,
            b,
            type="OVERLAPS",
            shared=shared,
            jaccard=round(shared / (na + nb - shared), 4),
            overlap_coefficient=round(shared / min(na, nb), 4),
        )
    return H
