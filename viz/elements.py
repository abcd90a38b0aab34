"""The nodes and edges of a map's pyvis ``Network``, styled (``viz.style``), and the inputs
of the precomputed layout (anchors, disc order, spacing).

``add_node``/``add_edge`` add one styled element to a ``Network`` from a networkx node or edge;
``build_page`` (``viz.render``) calls them for every node and edge of the graph.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Mapping
from typing import Any

import networkx as nx
from pyvis.network import Network

from viz import style

MAX_LABEL = 40


def vis_id(node: Hashable) -> str | int:
    """The id a node gets in the page: itself when a str or int, else its JSON text."""
    if isinstance(node, (str, int)) and not isinstance(node, bool):
        return node
    return json.dumps(node, default=str, ensure_ascii=False)


def short(text: str, limit: int = MAX_LABEL) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def spacing(sizes: Mapping[Hashable, float]) -> float:
    """Spiral spacing for the precomputed layout: neighbours about one median node apart."""
    values = sorted(sizes.values())
    median = values[len(values) // 2] if values else style.MIN_SIZE
    return max(16.0, 1.2 * median)


def default_anchors(G: nx.Graph) -> list[Hashable]:
    return [
        n
        for n, a in G.nodes(data=True)
        if style.kind_of(a) in (*style.CLUSTER_KINDS, "call", "consortium")
        or a.get("role") == "focus"
    ]


def disc_order(G: nx.Graph, sizes: Mapping[Hashable, float]):
    kinds = list(style.KINDS)

    def key(node: Hashable) -> tuple:
        a = G.nodes[node]
        return (kinds.index(style.kind_of(a)), style.section_of(a) or "~", -sizes[node])

    return key


def add_node(
    net: Network,
    G: nx.Graph,
    node: Hashable,
    size: float,
    color_by: str,
    labelled: bool,
    xy: tuple[float, float] | None,
) -> None:
    a = G.nodes[node]
    kind = style.kind_of(a)
    name = str(a.get("label") or a.get("name") or node)
    options: dict[str, Any] = {
        "title": style.node_tooltip(node, a),
        "color": style.node_colour(a, color_by),
        "size": round(size, 2),
        "name": name,
        "kind": kind,
        "borderWidth": 3 if a.get("role") == "focus" else 1,
    }
    if a.get("synthetic") or a.get("example"):
        options["shapeProperties"] = {"borderDashes": [4, 3]}
    if kind in style.CLUSTER_KINDS or a.get("role") == "focus":
        options["font"] = {"size": 18, "strokeWidth": 4, "strokeColor": "#ffffff"}
    if xy is not None:
        options["x"], options["y"] = xy
    vid = vis_id(node)
    net.add_node(vid, label=short(name), shape=style.KINDS[kind].shape, **options)
    if not labelled:
        net.get_node(vid)["label"] = ""


def add_edge(
    net: Network,
    G: nx.Graph,
    u: Hashable,
    v: Hashable,
    a: Mapping[str, Any],
    width: float,
    big: bool,
) -> None:
    s = style.edge_style(a)
    names = tuple(str(G.nodes[x].get("name") or G.nodes[x].get("label") or x) for x in (u, v))
    options: dict[str, Any] = {"color": {"color": s.colour, "opacity": 0.55 if big else 0.8}}
    strength = a.get("strength")
    if isinstance(strength, (int, float)):  # 0..1: stronger ties darker and shorter
        strength = min(max(float(strength), 0.0), 1.0)
        options["color"]["opacity"] = round(0.15 + 0.75 * strength, 3)
        options["length"] = round(260 - 170 * strength)
    net.add_edge(
        vis_id(u),
        vis_id(v),
        width=width,
        title=style.edge_tooltip(a, names),  # type: ignore[arg-type]
        dashes=s.dashes,
        arrows={"to": {"enabled": s.arrow, "scaleFactor": 0.6}},
        type=str(a.get("type") or ""),
        **options,
    )
