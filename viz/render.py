"""Write a styled networkx graph as one self-contained interactive HTML page.

The nodes and edges go into a pyvis ``Network`` built explicitly (``add_node``/``add_edge``;
``Network.from_nx`` would mutate the caller's graph). The page is rendered from our own
template, ``viz/map.html``, not from pyvis's: pyvis 0.3.2's template links Bootstrap
from a CDN even with ``cdn_resources="in_line"``. Ours inlines vis-network's script and
stylesheet from the pyvis wheel, so a map opens with no network at all;
``external_resources`` checks a page for anything it would load, and the tests assert that
the list is empty.

Small graphs settle with vis-network's physics, which then stops
(``stabilizationIterationsDone`` -> ``setOptions({physics: false})``). Above ``PHYSICS_LIMIT``
nodes the positions are computed here (``viz.layout.anchored_layout``) and physics is off,
so even a 5,000-node map draws at once.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network

from viz import notice, style
from viz.elements import add_edge, add_node, default_anchors, disc_order, spacing
from viz.layout import anchored_layout

TEMPLATES = Path(__file__).parent  # map.html sits in the package: package-data "*.html"
VIS_VERSION = "9.1.2"
VIS_DIR = Path(pyvis.__file__).parent / "lib" / f"vis-{VIS_VERSION}"
PHYSICS_LIMIT = 600  # above this many nodes: precomputed layout, no physics
LABEL_LIMIT = 200  # above this many organisations, only the largest keep a label


@dataclass
class MapInfo:
    """What ``render_map`` wrote."""

    path: Path
    nodes: int
    edges: int
    physics: bool
    bytes: int = 0
    legend: dict[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """(script, stylesheet) of vis-network as shipped in the pyvis wheel."""
    js = (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    css = (VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():
        raise RuntimeError(f"{VIS_DIR} cannot be inlined: it closes its own tag")
    return js, css


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        keep_trailing_newline=True,
    )


def render_map(G: nx.Graph, path: str | Path, **options: Any) -> MapInfo:
    """Write ``G`` as an interactive map at ``path`` (options as for ``build_page``)."""
    path = Path(path)
    html, info = build_page(G, **options)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    info.path, info.bytes = path, path.stat().st_size
    return info


def build_page(
    G: nx.Graph,
    *,
    title: str,
    subtitle: str = "",
    color_by: str = "kind",
    size_by: str = "pagerank",
    notes: Iterable[str] = (),
    anchors: Iterable[Hashable] | None = None,
    edge_widths: Mapping[tuple[Hashable, Hashable], float] | None = None,
    physics: bool | None = None,
) -> tuple[str, MapInfo]:
    """The HTML text of ``G`` as an interactive map, and what it holds; ``G`` is read, never
    modified.

    Parameters
    ----------
    G : a styled graph (see ``viz``): node ``kind`` picks colour and shape.
    title, subtitle : the page's header.
    color_by : ``kind`` or ``sector`` (NACE section of organisations and groups).
    size_by : node attribute measuring centrality (``pagerank``, ``degree``, ``betweenness``).
    notes : sentences added under the legend.
    anchors : the nodes the precomputed layout is organised around (default: clusters,
        calls, consortia and ``role == "focus"`` nodes).
    edge_widths : width per edge ``(u, v)``; default the edge's ``width`` attribute, else by
        ``count`` for groups, else 1.
    physics : force physics on or off; default on up to ``PHYSICS_LIMIT`` nodes.
    """
    if color_by not in ("kind", "sector"):
        raise ValueError(f"color_by must be 'kind' or 'sector', not {color_by!r}")
    n = G.number_of_nodes()
    use_physics = n <= PHYSICS_LIMIT if physics is None else physics
    sizes, size_note = style.node_sizes(G, size_by)
    positions = (
        None
        if use_physics
        else anchored_layout(
            G,
            default_anchors(G) if anchors is None else anchors,
            order=disc_order(G, sizes),
            spacing=spacing(sizes),
            centre=next((v for v, a in G.nodes(data=True) if a.get("role") == "focus"), None),
        )
    )
    labelled = _labelled(G, sizes)

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    for node in sorted(G.nodes, key=str):
        add_node(
            net,
            G,
            node,
            sizes[node],
            color_by,
            node in labelled,
            positions.get(node) if positions else None,
        )
    widths = dict(edge_widths or {})
    top_count = max((float(a.get("count") or 0) for *_, a in G.edges(data=True)), default=0.0)
    for u, v, a in sorted(G.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        width = widths.get((u, v), widths.get((v, u), a.get("width")))
        if not isinstance(width, (int, float)):
            width = (
                style.edge_width(float(a.get("count") or 0), top_count, 1, 8)
                if a.get("type") == "GROUP"
                else 1.0
            )
        add_edge(net, G, u, v, a, width, big=n > PHYSICS_LIMIT)
    net.options = vis_options(n, use_physics)

    warning = notice.text(notice.share_of_graph(G))
    legend = legend_entries(G, color_by, [*([warning] if warning else []), size_note, *notes])
    if warning:
        subtitle = f"{subtitle} · {warning}" if subtitle else warning
    html = render_page(net, title=title, subtitle=subtitle, legend=legend, physics=use_physics)
    return html, MapInfo(
        Path(), len(net.nodes), len(net.edges), use_physics, len(html.encode("utf-8")), legend
    )


def _labelled(G: nx.Graph, sizes: Mapping[Hashable, float]) -> set[Hashable]:
    """Nodes that show their label: all but the smaller organisations of a large map."""
    orgs = [
        n
        for n, a in G.nodes(data=True)
        if style.kind_of(a) in style.ORGANISATION_KINDS and a.get("role") != "focus"
    ]
    everyone = set(G.nodes)
    if len(orgs) <= LABEL_LIMIT:
        return everyone
    quiet = sorted(orgs, key=lambda n: (-sizes[n], str(n)))[LABEL_LIMIT:]
    return everyone - set(quiet)


def vis_options(n: int, physics: bool) -> dict[str, Any]:
    """vis-network options: physics that settles in a bounded number of iterations."""
    iterations = 300 if n <= 150 else 200 if n <= 350 else 120
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": n <= 100},
        "nodes": {
            "font": {"size": 14, "face": "Segoe UI, Roboto, Arial, sans-serif"},
            "scaling": {"label": {"enabled": False}},
        },
        "edges": {
            "smooth": False if n > 150 else {"type": "continuous"},
            "color": {"inherit": False},
            "selectionWidth": 2,
            "hoverWidth": 1.5,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "keyboard": {"enabled": True},
            "hideEdgesOnDrag": n > PHYSICS_LIMIT,
            "hideEdgesOnZoom": n > PHYSICS_LIMIT,
            "multiselect": True,
        },
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -60,
                "centralGravity": 0.01,
                "springLength": 110,
                "springConstant": 0.06,
                "damping": 0.5,
                "avoidOverlap": 0.4,
            },
            "minVelocity": 1.0,
            "stabilization": {
                "enabled": physics,
                "iterations": iterations,
                "updateInterval": 20,
                "fit": True,
            },
        },
    }


def legend_entries(G: nx.Graph, color_by: str, notes: Iterable[str]) -> dict[str, Any]:
    """The legend: one line per colour key and edge type present, then the notes."""
    keys = Counter(style.legend_key(a, color_by) for _, a in G.nodes(data=True))
    order = [*style.KINDS, "mixed"]

    def rank(key: str) -> tuple:
        prefix, _, rest = key.partition(":")
        if prefix == "section":
            return (2, rest)
        if prefix == "group":
            return (1, str(order.index(rest)).zfill(2))
        return (0, str(order.index(key)).zfill(2))

    nodes = []
    for key in sorted(keys, key=rank):
        shape = "dot" if ":" in key else style.KINDS[key].shape  # square: the plain swatch
        nodes.append(
            {
                "label": style.legend_label(key),
                "colour": style.key_colour(key),
                "shape": shape,
                "count": keys[key],
            }
        )
    edge_types = Counter(str(a.get("type") or "") for *_, a in G.edges(data=True))
    edges = [
        {
            "label": style.edge_style({"type": t}).label,
            "colour": style.edge_style({"type": t}).colour,
            "dashes": style.edge_style({"type": t}).dashes,
            "count": edge_types[t],
        }
        for t in sorted(edge_types)
    ]
    notes = list(notes)
    if any(a.get("synthetic") or a.get("example") for _, a in G.nodes(data=True)):
        notes.append(
            "Dashed border: synthetic or example record (generated or fictional, not a real "
            "organisation)."
        )
    notes.append("Hover a node or an edge for its facts and their sources.")
    return {"nodes": nodes, "edges": edges, "notes": notes}


def render_page(
    net: Network, *, title: str, subtitle: str, legend: Mapping[str, Any], physics: bool
) -> str:
    """The HTML text of a built pyvis ``Network`` in innograph's self-contained template."""
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    js, css = vis_assets()
    return (
        _environment()
        .get_template("map.html")
        .render(
            title=title,
            subtitle=subtitle,
            nodes=nodes,
            edges=edges,
            options=json.loads(options),
            legend=legend,
            physics=physics,
            node_count=len(nodes),
            vis_js=js,
            vis_css=css,
            vis_version=VIS_VERSION,
            pyvis_version=getattr(pyvis, "__version__", "0.3.2"),
        )
    )


# -- self-containedness --------------------------------------------------------------------------
_LOADING_ATTRS = {
    "src",
    "href",
    "data",
    "srcset",
    "poster",
    "background",
    "action",
    "formaction",
    "manifest",
    "xlink:href",
}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.I | re.S)


class _ResourceFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        for name, value in attrs:
            if not value:
                continue
            if name == "style":
                self.found.extend(_css_urls(value))
            # <a href> is a link a person may follow, not something the page loads
            elif name in _LOADING_ATTRS and not (tag == "a" and name == "href"):
                if not _inline(value):
                    self.found.append(f"<{tag} {name}={value}>")
            elif name == "http-equiv" and value.lower() == "refresh":
                self.found.append(f"<{tag} http-equiv=refresh>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.found.extend(_css_urls(data))


def _inline(url: str) -> bool:
    u = url.strip().lower()
    return u.startswith(("data:", "#", "javascript:void", "about:blank"))


def _css_urls(css: str) -> list[str]:
    out = []
    for m in _CSS_URL.finditer(css):
        url = m.group(2) if m.group(2) is not None else m.group(4)
        if url and not _inline(url):
            out.append(f"url({url})")
    return out


def external_resources(html: str) -> list[str]:
    """Everything a page would fetch: ``src``/``href`` of tags (except ``<a href>``), CSS
    ``url()`` and ``@import`` that are not ``data:`` URIs. Empty for a self-contained page."""
    finder = _ResourceFinder()
    finder.feed(html)
    finder.close()
    return finder.found
