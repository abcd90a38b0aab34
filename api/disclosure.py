"""The viewer rule, in one place: which member-level data a caller may see.

Member-level data (who is a member of which cluster, who two clusters share) is for managers
and up. A viewer sees clusters and aggregates: a group of organisations is named to a viewer
only when it holds at least ``INNOGRAPH_MIN_GROUP_SIZE`` members, below that only its count.
Organisations with a public role (they manage, are tied to or are linked with a cluster)
may be named with that role, never with their memberships.

Every route that serves member-level data goes through this module:

* ``reveal_from``: the smallest group whose members the caller may see named, for the rows
  of ``api.data`` (the shared members of ``/overlaps``, ``/clusters/{id}/overlaps`` and
  their pages);
* ``map_graph``: a map's graph as the caller may see it (``/maps/ecosystem``,
  ``/maps/cluster/{id}`` and the pages that show them): for a viewer every organisation is
  folded into counted groups per cluster and kind, except the public-role ones, which keep
  only their public-role edges.

The member routes themselves (members, organisations, centrality, matchmaking, exports of
saved matches, Cypher) require the manager role or more (``api.deps``), so a viewer gets 403
there. ``tests/test_viewer_rule.py`` sweeps every route with a viewer key.
"""

from __future__ import annotations

import networkx as nx

from api.auth import Principal, Role
from graph.settings import Settings
from viz import style
from viz.reshape import aggregate_members

PUBLIC_ROLES = ("TIED_TO", "MANAGES", "LINKED_TO")


def sees_members(principal: Principal) -> bool:
    """Whether the caller may see member-level data (manager and up)."""
    return principal.can(Role.manager)


def reveal_from(principal: Principal, settings: Settings) -> int:
    """The smallest group whose members the caller may see named (0: any)."""
    return 0 if sees_members(principal) else settings.min_group_size


def _public(G: nx.Graph, node) -> bool:
    return any(G.edges[node, c].get("type") in PUBLIC_ROLES for c in G.neighbors(node))


def folded(G: nx.Graph) -> nx.Graph:
    """``G`` with every organisation folded into counted groups, except those with a public
    role, which keep only their public-role edges (no memberships)."""
    keep = [n for n, a in G.nodes(data=True) if not style.is_organisation(a) or _public(G, n)]
    H = aggregate_members(G, keep, by_section=False)
    private = [
        (u, v)
        for u, v, a in H.edges(data=True)
        if a.get("type") not in PUBLIC_ROLES
        and (style.is_organisation(H.nodes[u]) or style.is_organisation(H.nodes[v]))
    ]
    H.remove_edges_from(private)
    return H


def map_graph(G: nx.Graph, principal: Principal) -> nx.Graph:
    """A map's graph as ``principal`` may see it: whole for a manager, folded for a viewer."""
    return G if sees_members(principal) else folded(G)
