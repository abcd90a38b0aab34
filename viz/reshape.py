"""Graph in, new graph out: ego-networks, members folded into counted groups, the most
central organisations, and the cluster overlap projection of a membership graph.

None of these functions modifies its input; node lists are sorted before anything depends on
their order.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from typing import Any

import networkx as nx

from viz import style
from viz.graphs import add_group, group_id


def merge_managers(G: nx.Graph) -> nx.Graph:
    """``G`` with each cluster and the organisation that manages it as one node: the cluster
    keeps its id and kind, takes over the manager's other edges, and records ``manager``
    (the organisation's name) and ``manager_id``; a search for "Flux50" then finds one node.
    An organisation managing several clusters stays apart. Returns a new graph.

    >>> G = nx.Graph([("m", "c", {"type": "MANAGES"}), ("m", "k", {"type": "TIED_TO"})])
    >>> nx.set_node_attributes(G, {"c": {"kind": "cluster_spearhead", "name": "Flux50"},
    ...     "m": {"kind": "other", "name": "Flux50 vzw"}, "k": {"kind": "federation"}})
    >>> H = merge_managers(G)
    >>> sorted(H.nodes), H.nodes["c"]["manager"], H.has_edge("c", "k")
    (['c', 'k'], 'Flux50 vzw', True)
    """
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    managed: dict[Hashable, list[Hashable]] = defaultdict(list)
    for u, v, rel in U.edges(data="type"):
        if rel != "MANAGES":
            continue
        org, cluster = (u, v) if style.is_cluster(G.nodes[v]) else (v, u)
        if style.is_cluster(G.nodes[cluster]) and not style.is_cluster(G.nodes[org]):
            managed[org].append(cluster)
    H = nx.Graph(U)
    for org, clusters in sorted(managed.items(), key=lambda x: str(x[0])):
        if len(clusters) != 1 or org not in H:
            continue
        cluster = clusters[0]
        a = H.nodes[cluster]
        a["manager"] = str(G.nodes[org].get("name") or org)
        a["manager_id"] = org
        for other, edge in list(H[org].items()):
            if other != cluster and not H.has_edge(cluster, other):
                H.add_edge(cluster, other, **dict(edge))
        H.remove_node(org)
    return H


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
    clusters = {n for n, a in G.nodes(data=True) if style.is_cluster(a)}
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    H = _clusters_and_kept(G, U, clusters, set(keep))
    _fold(H, _tally(G, U, H, clusters), set(separate), by_section)
    return H


def _clusters_and_kept(
    G: nx.Graph, U: nx.Graph, clusters: set[Hashable], kept: set[Hashable]
) -> nx.Graph:
    """The clusters and the kept nodes of ``G`` with every edge among them."""
    H = nx.Graph()
    drawn = [n for n in kept if n in G and n not in clusters]
    for n in sorted([*clusters, *drawn], key=str):
        H.add_node(n, **dict(G.nodes[n]))
    # every edge of H touches a cluster or a drawn node
    H.add_edges_from(
        (u, v, dict(a)) for u, v, a in U.edges([*clusters, *drawn], data=True) if v in H
    )
    return H


def _tally(
    G: nx.Graph, U: nx.Graph, H: nx.Graph, clusters: set[Hashable]
) -> dict[tuple, list[int]]:
    """``(cluster, kind, section) -> [members, synthetic members]`` of the nodes not in ``H``
    that are linked to a cluster (group nodes weighted by their count)."""
    linked_to: dict[Hashable, list[Hashable]] = defaultdict(list)
    for c in clusters:  # 1 view per cluster instead of 1 per organisation
        for m in U[c]:
            linked_to[m].append(c)
    raw: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for n, a in G.nodes(data=True):
        if n in H or n not in linked_to:
            continue
        folded = _weight(a, clusters, linked_to[n])
        if folded is None:
            continue
        kind, weight, fake, anchors = folded
        section = style.section_of(a)
        for c in anchors:
            tally = raw[(c, kind, section)]
            tally[0] += weight
            tally[1] += fake
    return raw


def _weight(
    a: dict[str, Any], clusters: set[Hashable], linked: list[Hashable]
) -> tuple[str, int, int, list[Hashable]] | None:
    """(kind, members, synthetic members, clusters) one node adds; None for a non-member."""
    kind = style.kind_of(a)
    if kind == "group":
        anchors = [a["anchor"]] if a.get("anchor") in clusters else linked
        kind = str(a.get("member_kind") or "other")
        return kind, int(a.get("count") or 0), int(a.get("synthetic_count") or 0), anchors
    if kind in style.ORGANISATION_KINDS:
        return kind, 1, int(bool(a.get("synthetic"))), linked
    return None


def _fold(H: nx.Graph, raw: dict[tuple, list[int]], apart: set[str], by_section: bool) -> None:
    """Add to ``H`` one group node per (cluster, kind or mixed, section or none)."""
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
        add_group(
            H, group_id(c, kind, section), c, kind, section, counts[key], synthetic[key], breakdown
        )


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
