"""Interactive maps of the ecosystem: networkx graph in, self-contained HTML file out.

Each function reads its graph (never modifies it), picks and reshapes what it draws
(``viz.graphs``), and writes one HTML page (``viz.render``) that opens with no network:

* ``ecosystem_map``  clusters, IBNs, federations, knowledge institutions, cluster managers;
  member firms folded into one bubble per cluster (or per cluster and NACE section);
* ``cluster_map``    a cluster's ego-network: its members, ties, linked clusters, projects,
  and the other clusters its members belong to;
* ``overlap_map``    clusters linked by shared members (edge width = shared members);
* ``match_map``      an organisation or a call with its ranked partners and consortia;
* ``html``           any styled graph as it is, returned as text (for the API's pages).

Colour by kind (default) or by NACE section (``color_by="sector"``); size by centrality
(``pagerank``, else ``degree``, as analytics writes them; else the degree in the graph).
Maps above ``MAX_NODES`` nodes are aggregated; above ``render.PHYSICS_LIMIT`` they are laid
out here and drawn without physics.

>>> import networkx as nx, tempfile, pathlib
>>> G = nx.Graph([("o1", "c1"), ("o2", "c1")])
>>> nx.set_node_attributes(G, {"c1": {"kind": "cluster_spearhead", "name": "Catalisti"},
...     "o1": {"kind": "firm"}, "o2": {"kind": "knowledge_institution"}})
>>> info = cluster_map(G, "c1", pathlib.Path(tempfile.mkdtemp()) / "c1.html")
>>> info.nodes, info.edges, info.physics
(3, 2, True)
"""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path

import networkx as nx

from viz import style
from viz.render import MapInfo, build_page, render_map
from viz.reshape import (
    aggregate_members,
    central_organisations,
    ego_network,
    merge_managers,
    overlap_graph,
)

MAX_NODES = 5000


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _count(G: nx.Graph, kinds: tuple[str, ...]) -> int:
    return sum(1 for _, a in G.nodes(data=True) if style.kind_of(a) in kinds)


def _possible_groups(G: nx.Graph) -> int:
    """How many (cluster, kind, section) groups aggregating every organisation would make."""
    seen: set[tuple] = set()
    for n, a in G.nodes(data=True):
        if style.is_organisation(a):
            kind, section = style.kind_of(a), style.section_of(a)
            seen.update((c, kind, section) for c in G.neighbors(n) if style.is_cluster(G.nodes[c]))
    return len(seen)


def ecosystem_map(
    G: nx.Graph,
    path: str | Path,
    *,
    color_by: str = "kind",
    size_by: str = "pagerank",
    max_organisations: int = 150,
    group_by_sector: bool | None = None,
    title: str = "Flemish innovation ecosystem",
) -> MapInfo:
    """Map the whole ecosystem, member firms aggregated so it stays legible.

    Drawn one by one: every cluster and IBN, every organisation that manages a cluster or is
    tied to one, and up to ``max_organisations`` more non-firm organisations (the most
    central). Every other member is counted in a group node per cluster: one for firms and
    one for the rest, or with ``group_by_sector`` (the default when colouring by sector) one
    per NACE section. Group nodes already in ``G`` (as ``graphs.ecosystem_graph`` builds
    them) are merged the same way.
    """
    by_section = color_by == "sector" if group_by_sector is None else group_by_sector
    G = merge_managers(G)  # a cluster and its managing organisation are one node
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    clusters = [n for n, a in G.nodes(data=True) if style.is_cluster(a)]
    anchored: set[Hashable] = set()
    linked: set[Hashable] = set()
    for _c, n, rel in U.edges(clusters, data="type"):
        linked.add(n)
        if rel in ("MANAGES", "TIED_TO"):
            anchored.add(n)
    central = central_organisations(
        G,
        max_organisations,
        kinds=[k for k in style.ORGANISATION_KINDS if k != "firm"],
        size_by=size_by,
        among=linked - anchored,
    )
    H = aggregate_members(
        G,
        [*clusters, *anchored, *central],
        by_section=by_section,
        separate=() if by_section else ("firm",),
    )
    drawn = _count(H, style.ORGANISATION_KINDS)
    grouped = sum(
        int(a.get("count") or 0) for _, a in H.nodes(data=True) if style.kind_of(a) == "group"
    )
    notes = [
        "Members not drawn one by one are counted in bubbles: per cluster and NACE section"
        if by_section
        else "Members not drawn one by one are counted in "
        "bubbles: per cluster, firms apart from the others.",
        "An organisation in several clusters counts in each cluster's bubble.",
    ]
    unlinked = sum(1 for n, a in G.nodes(data=True) if style.is_organisation(a) and n not in linked)
    if unlinked:
        notes.append(f"{_plural(unlinked, 'organisation')} without a cluster link not shown.")
    subtitle = (
        f"{_plural(len(clusters), 'cluster')} · {_plural(drawn, 'organisation')} "
        f"drawn · {grouped:,} memberships in {_count(H, ('group',))} groups"
    )
    return render_map(
        H, path, title=title, subtitle=subtitle, color_by=color_by, size_by=size_by, notes=notes
    )


def cluster_map(
    G: nx.Graph,
    cluster_id: Hashable,
    path: str | Path,
    *,
    radius: int = 1,
    bridges: bool = True,
    color_by: str = "kind",
    size_by: str = "pagerank",
    max_nodes: int = MAX_NODES,
    title: str | None = None,
) -> MapInfo:
    """Map a cluster's ego-network: every node within ``radius`` of the cluster, and with
    ``bridges`` the other clusters its members belong to.

    Above ``max_nodes`` nodes the least central organisations are counted in group nodes
    (per cluster, kind and NACE section) so the map stays interactive.
    Raises ``KeyError`` when the cluster is not in ``G``.
    """
    H = ego_network(merge_managers(G), cluster_id, radius=radius, bridges=bridges)
    notes = []
    if H.number_of_nodes() > max_nodes:
        others = [n for n, a in H.nodes(data=True) if not style.is_organisation(a)]
        budget = max_nodes - len(others) - _possible_groups(H)
        keep = central_organisations(H, max(budget, 0), size_by=size_by)
        total = _count(H, style.ORGANISATION_KINDS)
        H = aggregate_members(H, [*others, *keep], by_section=True)
        notes.append(
            f"The {len(keep):,} most central of {total:,} organisations are drawn; "
            "the others are counted in group bubbles per cluster, kind and sector."
        )
    a = H.nodes[cluster_id]
    name = str(a.get("name") or cluster_id)
    members = sum(
        1 for n in H.neighbors(cluster_id) if H.edges[n, cluster_id].get("type") == "MEMBER_OF"
    )
    other = _count(H, style.CLUSTER_KINDS) - 1
    subtitle = (
        f"{style.KINDS[style.kind_of(a)].label} · {_plural(members, 'member')} drawn · "
        f"{_plural(other, 'other cluster')} reached through members and links"
    )
    if bridges:
        notes.append("Other clusters appear when members of this cluster also belong to them.")
    return render_map(
        H,
        path,
        title=title or f"{name} — ego-network",
        subtitle=subtitle,
        color_by=color_by,
        size_by=size_by,
        notes=notes,
    )


def overlap_map(
    G: nx.Graph,
    path: str | Path,
    *,
    min_shared: int = 1,
    measure: str = "shared",
    title: str = "Overlap between clusters",
) -> MapInfo:
    """Map the clusters linked by shared members; edge width grows with ``measure``
    (``shared`` members, ``jaccard`` or ``overlap_coefficient``), node size with members.

    ``G`` may be a membership graph (overlaps are counted) or a cluster graph with
    ``OVERLAPS`` edges (as analytics writes them); pairs sharing fewer than ``min_shared``
    members are left out.
    """
    if measure not in ("shared", "jaccard", "overlap_coefficient"):
        raise ValueError(f"measure must be shared, jaccard or overlap_coefficient, not {measure!r}")
    H = overlap_graph(G, min_shared=min_shared)
    top = max((float(a.get(measure) or 0) for *_, a in H.edges(data=True)), default=0.0)
    widths = {}
    for u, v, a in H.edges(data=True):
        value = float(a.get(measure) or 0)
        widths[(u, v)] = style.edge_width(value, top, 1, 14)
        a["strength"] = value / top if top else 0.0  # H is our own copy
    total = sum(int(a.get("shared") or 0) for *_, a in H.edges(data=True))
    subtitle = (
        f"{_plural(H.number_of_nodes(), 'cluster')} · "
        f"{_plural(H.number_of_edges(), 'overlapping pair')} · "
        f"{total:,} shared memberships"
    )
    label = {
        "shared": "shared members",
        "jaccard": "Jaccard index",
        "overlap_coefficient": "overlap coefficient",
    }[measure]
    notes = [
        f"Edge width: {label} (pairs with at least {min_shared} shared).",
        "Jaccard = shared / members of either; overlap coefficient = shared / smaller.",
    ]
    return render_map(
        H, path, title=title, subtitle=subtitle, size_by="members", notes=notes, edge_widths=widths
    )


def match_map(
    G: nx.Graph, path: str | Path, *, title: str | None = None, color_by: str = "kind"
) -> MapInfo:
    """Map a match result (``viz.graphs.match_graph``): the organisation or call in the middle,
    its ranked partners (edge width = score), the proposed consortia and the partners'
    clusters. Hover a partner for its score and explanation."""
    focus = [n for n, a in G.nodes(data=True) if a.get("role") == "focus"]
    if not focus:
        raise ValueError("a match graph needs one node with role='focus' (the org or the call)")
    a = G.nodes[focus[0]]
    name = str(a.get("name") or focus[0])
    partners = sum(1 for *_, e in G.edges(data=True) if e.get("type") == "PARTNER")
    consortia = _count(G, ("consortium",))
    subtitle = _plural(partners, "ranked partner") + (
        f" · {consortia} proposed consorti{'um' if consortia == 1 else 'a'}" if consortia else ""
    )
    what = "Consortia for" if style.kind_of(a) == "call" else "Partners for"
    notes = ["Edge width: match score. Hover a partner for its rank, score and explanation."]
    return render_map(
        G, path, title=title or f"{what} {name}", subtitle=subtitle, color_by=color_by, notes=notes
    )


def html(
    G: nx.Graph,
    *,
    title: str = "innograph map",
    subtitle: str = "",
    color_by: str = "kind",
    size_by: str = "pagerank",
) -> str:
    """Any styled graph (see ``viz``) drawn as it is, as the text of a self-contained page.

    No selection or aggregation: the caller decides what is drawn (the API's map pages use
    this with their own graphs). Above ``render.PHYSICS_LIMIT`` nodes the layout is
    precomputed.
    """
    page, _info = build_page(G, title=title, subtitle=subtitle, color_by=color_by, size_by=size_by)
    return page
