"""The notice every map and figure shows when synthetic or example data contributed.

The graph's derived facts carry ``from_synthetic`` and ``synthetic_share`` (see
``analytics.provenance``); its organisations ``synthetic`` or ``example``; group nodes the
number of synthetic members among those they count. ``share_of_graph`` reads all three from a
styled graph, ``share_of_rows`` from figure rows, and ``text`` words the notice.

>>> import networkx as nx
>>> G = nx.Graph()
>>> G.add_edge("a", "b", shared=3, from_synthetic=True, synthetic_share=0.8)
>>> text(share_of_graph(G))[:68]
'Notice: computed in part from synthetic or example demo data (up to '
>>> "80% of the inputs" in text(share_of_graph(G))
True
>>> text(0.0) is None
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from viz import style


def _share(a: Mapping[str, Any]) -> float:
    value = float(a.get("synthetic_share") or 0.0)
    return max(value, 1e-4) if a.get("from_synthetic") and value == 0 else value


def share_of_rows(rows: Iterable[Mapping[str, Any]]) -> float:
    """The largest ``synthetic_share`` of the rows (0 when none is marked)."""
    return max((_share(r) for r in rows), default=0.0)


def share_of_graph(G: nx.Graph) -> float:
    """The largest share of synthetic or example inputs among what ``G`` draws: an edge's
    ``synthetic_share``, or the share of organisations (group members included) that are
    synthetic or example data."""
    edges = share_of_rows(a for *_, a in G.edges(data=True))
    orgs = demo = 0
    for _, a in G.nodes(data=True):
        if style.kind_of(a) == "group":
            orgs += int(a.get("count") or 0)
            demo += int(a.get("synthetic_count") or 0)
        elif style.is_organisation(a):
            orgs += 1
            demo += bool(a.get("synthetic") or a.get("example"))
    return max(edges, demo / orgs if orgs else 0.0)


def text(share: float) -> str | None:
    """The notice for a share of synthetic or example inputs; None when there is none."""
    if share <= 0:
        return None
    return (
        f"Notice: computed in part from synthetic or example demo data (up to {share:.0%} "
        "of the inputs), not only from real organisations."
    )
