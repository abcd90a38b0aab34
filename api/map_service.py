"""Maps for the API and the pages: rows from ``graph.map_data``, graphs from ``viz.graphs``,
pages from ``viz.maps`` (pyvis + inlined vis-network: self-contained HTML that works offline).

The service adds only what a web page needs on top: the match and call results of
``api.match_service`` completed from the graph (``viz.graphs.completed_match_graph``), and
the viewer rule (``api.disclosure.map_graph``): for a viewer the ecosystem and cluster maps
fold every member into counted groups; organisations that manage, are tied to or are linked
with a cluster stay with those public roles only.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from api import disclosure
from api import models as m
from api.auth import Principal
from graph import map_data
from graph.db import Database
from viz import graphs, maps

MAPS = {
    "ecosystem": "Clusters, IBNs and the federations, knowledge institutions and government "
    "bodies around them; member firms aggregated per cluster.",
    "overlap": "Clusters linked by shared members (edge width = shared members).",
    "cluster": "A cluster's ego-network: its members, ties, links, projects and the clusters "
    "its members also belong to (members as counts for a viewer).",
    "match": "An organisation and the partners the partner search proposes.",
    "call": "A call, its ranked candidates and the proposed consortia.",
}


def _page(write: Callable[[Path], object]) -> str:
    """Run a ``viz.maps`` writer into a private temporary file and return the page."""
    with tempfile.TemporaryDirectory(prefix="innograph-map-") as tmp:
        path = Path(tmp) / "map.html"
        write(path)
        return path.read_text(encoding="utf-8")


def _completed(db: Database, result: dict[str, Any], focus: str | None = None) -> nx.Graph:
    """A match or call result as a graph, completed with its organisations' rows."""
    known = map_data.organisations(db, graphs.match_ids(result, focus))
    return graphs.completed_match_graph(result, known, focus)


def ecosystem(db: Database, principal: Principal) -> str:
    G = disclosure.map_graph(graphs.ecosystem_graph(**map_data.ecosystem_rows(db)), principal)
    return _page(lambda path: maps.ecosystem_map(G, path))


def overlap(db: Database, min_shared: int = 1) -> str:
    G = graphs.overlap_graph_from_rows(**map_data.overlap_rows(db, min_shared))
    return _page(lambda path: maps.overlap_map(G, path, min_shared=min_shared))


def cluster(db: Database, cluster_id: str, principal: Principal) -> str:
    G = disclosure.map_graph(
        graphs.cluster_graph(**map_data.cluster_rows(db, cluster_id)), principal
    )
    return _page(lambda path: maps.cluster_map(G, cluster_id, path))


def match(db: Database, result: m.PartnerResult) -> str:
    G = _completed(
        db,
        {"org": result.org.model_dump(), "partners": [p.model_dump() for p in result.partners]},
        focus=result.org.id,
    )
    return _page(lambda path: maps.match_map(G, path))


def call(db: Database, request: m.CallRequest, result: m.CallResult) -> str:
    label = ", ".join(request.themes) or (request.text or "")[:80] or "the call"
    head = {
        "id": "call",
        "name": label,
        "kind": "call",
        "instrument": request.instrument,
        "themes": request.themes or request.text,
        "clusters": request.clusters,
    }
    G = _completed(
        db,
        {
            "call": head,
            "candidates": [p.model_dump() for p in result.candidates],
            "consortia": [c.model_dump() for c in result.consortia],
        },
    )
    return _page(lambda path: maps.match_map(G, path, title=f"Consortia for the call: {label}"))


def map_list() -> m.MapList:
    return m.MapList(
        maps=[
            m.MapInfo(name="ecosystem", url="/maps/ecosystem", description=MAPS["ecosystem"]),
            m.MapInfo(name="overlap", url="/maps/overlap", description=MAPS["overlap"]),
            m.MapInfo(name="cluster", url="/maps/cluster/{id}", description=MAPS["cluster"]),
            m.MapInfo(
                name="match", url="/maps/match?org={id}&theme=&clusters=", description=MAPS["match"]
            ),
            m.MapInfo(
                name="call",
                url="/maps/call?text=&themes=&clusters=&instrument=",
                description=MAPS["call"],
            ),
        ]
    )
