"""How a node or an edge looks on a map: colour, shape, size, tooltip, legend entry.

Everything here is a pure function of the attributes of a networkx graph (see ``viz``).
Tooltips are plain text (vis-network shows a string title as text, never as HTML), so names
from the data can never inject markup into a page.

>>> kind_of({"kind": "cluster_ibn"}), node_colour({"kind": "firm", "nace": "20.13"}, "sector")
('cluster_ibn', '#ff7f0e')
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import networkx as nx

from graph.model import ORG_KINDS
from viz.palette import spearhead_colour


@dataclass(frozen=True)
class KindStyle:
    label: str  # legend text
    colour: str
    shape: str  # a vis-network shape


KINDS: dict[str, KindStyle] = {
    "firm": KindStyle("Firm", "#4c78a8", "dot"),
    "knowledge_institution": KindStyle("Knowledge institution", "#59a14f", "dot"),
    "federation": KindStyle("Federation", "#f28e2b", "dot"),
    "government": KindStyle("Government", "#b07aa1", "dot"),
    "other": KindStyle("Other organisation", "#9d9d9d", "dot"),
    "cluster_spearhead": KindStyle("Spearhead cluster", "#e15759", "diamond"),
    "cluster_ibn": KindStyle("Innovative business network (IBN)", "#edc948", "square"),
    "project": KindStyle("Project", "#76b7b2", "triangle"),
    "call": KindStyle("Call", "#ff9da7", "star"),
    "consortium": KindStyle("Proposed consortium", "#9c755f", "box"),
    "group": KindStyle("Group of organisations (aggregated)", "#aec7e8", "dot"),
}
ORGANISATION_KINDS = ORG_KINDS  # graph.model: the legend lists them in this order
CLUSTER_KINDS = ("cluster_spearhead", "cluster_ibn")

# 21 NACE Rev. 2 sections A-U; matplotlib's tab20 plus one.
SECTION_COLOURS: dict[str, str] = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTU",
        (
            "#1f77b4",
            "#aec7e8",
            "#ff7f0e",
            "#ffbb78",
            "#2ca02c",
            "#98df8a",
            "#d62728",
            "#ff9896",
            "#9467bd",
            "#c5b0d5",
            "#8c564b",
            "#c49c94",
            "#e377c2",
            "#f7b6d2",
            "#7f7f7f",
            "#c7c7c7",
            "#bcbd22",
            "#dbdb8d",
            "#17becf",
            "#9edae5",
            "#393b79",
        ),
        strict=True,
    )
)
UNKNOWN_SECTION = "#d9d9d9"


@dataclass(frozen=True)
class EdgeStyle:
    label: str
    colour: str
    dashes: bool = False
    arrow: bool = False


EDGES: dict[str, EdgeStyle] = {
    "MEMBER_OF": EdgeStyle("member of", "#b8b8b8"),
    "TIED_TO": EdgeStyle("tied to (federation, institution)", "#f28e2b", dashes=True),
    "MANAGES": EdgeStyle("manages the cluster", "#555555", arrow=True),
    "LINKED_TO": EdgeStyle("IBN linked to spearhead cluster", "#e15759", arrow=True),
    "PARTICIPATES_IN": EdgeStyle("takes part in project", "#76b7b2"),
    "OVERLAPS": EdgeStyle("shared members (width)", "#7f7f7f"),
    "GROUP": EdgeStyle("members, aggregated (width = count)", "#c8c8c8"),
    "PARTNER": EdgeStyle("proposed partner (width = score)", "#4e79a7"),
    "CONSORTIUM": EdgeStyle("in proposed consortium", "#9c755f"),
}
OTHER_EDGE = EdgeStyle("related", "#c0c0c0")

MIN_SIZE, MAX_SIZE = 8.0, 40.0


def kind_of(attrs: Mapping[str, Any]) -> str:
    """The node's kind, ``other`` when missing or unknown."""
    kind = attrs.get("kind")
    return kind if kind in KINDS else "other"


def is_cluster(attrs: Mapping[str, Any]) -> bool:
    return kind_of(attrs) in CLUSTER_KINDS


def is_organisation(attrs: Mapping[str, Any]) -> bool:
    return kind_of(attrs) in ORGANISATION_KINDS


# -- sectors -------------------------------------------------------------------------------------
@lru_cache(maxsize=4096)
def section_of_code(code: str | None) -> str | None:
    """The NACE section letter of a code at any level, or None (``graph.nace`` knows them)."""
    if not code:
        return None
    from graph.nace import sector_of

    try:
        return sector_of(str(code))[0]
    except ValueError:
        return None


def section_of(attrs: Mapping[str, Any]) -> str | None:
    """A node's NACE section: its ``section`` attribute, else derived from ``nace``."""
    section = attrs.get("section")
    if isinstance(section, str) and section.upper() in SECTION_COLOURS:
        return section.upper()
    return section_of_code(attrs.get("nace"))


@lru_cache(maxsize=32)
def section_label(letter: str) -> str:
    """``C`` -> ``C  Manufacturing``."""
    from graph.nace import sectors

    sector = sectors().get(letter)
    return f"{letter}  {sector.label_en}" if sector else letter


# -- colour and legend key ----------------------------------------------------------------------
def legend_key(attrs: Mapping[str, Any], color_by: str) -> str:
    """The legend entry a node belongs to: its kind, ``group:KIND`` for a group of
    organisations of one kind, or ``section:X`` for organisations coloured by sector."""
    kind = kind_of(attrs)
    if color_by == "sector" and (kind in ORGANISATION_KINDS or kind == "group"):
        return f"section:{section_of(attrs) or '?'}"
    if kind == "group":
        member_kind = attrs.get("member_kind")
        return f"group:{member_kind if member_kind in _GROUP_NOUNS else 'mixed'}"
    return kind


_GROUP_NOUNS = {
    "firm": "firms",
    "knowledge_institution": "knowledge institutions",
    "federation": "federations",
    "government": "government bodies",
    "other": "other organisations",
    "mixed": "members of several kinds",
}


def legend_label(key: str) -> str:
    prefix, _, rest = key.partition(":")
    if prefix == "section":
        return "Sector unknown" if rest == "?" else section_label(rest)
    if prefix == "group":
        return f"Group of {_GROUP_NOUNS[rest]} (aggregated)"
    return KINDS[key].label


def key_colour(key: str) -> str:
    prefix, _, rest = key.partition(":")
    if prefix == "section":
        return SECTION_COLOURS.get(rest, UNKNOWN_SECTION)
    if prefix == "group":
        return lighten(KINDS[rest].colour if rest in KINDS else "#7f7f7f")
    return KINDS[key].colour


def node_colour(attrs: Mapping[str, Any], color_by: str = "kind") -> str:
    """The fill colour of a node coloured by ``kind`` or by NACE ``sector``; each spearhead
    cluster has its own colour (``spearhead_colour``)."""
    if kind_of(attrs) == "cluster_spearhead" and attrs.get("name"):
        return spearhead_colour(str(attrs["name"]))
    return key_colour(legend_key(attrs, color_by))


def lighten(colour: str, amount: float = 0.45) -> str:
    """Mix a ``#rrggbb`` colour with white."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mix = (round(c + (255 - c) * amount) for c in (r, g, b))
    return "#" + "".join(f"{c:02x}" for c in mix)


def edge_style(attrs: Mapping[str, Any]) -> EdgeStyle:
    return EDGES.get(str(attrs.get("type") or ""), OTHER_EDGE)


# -- size ----------------------------------------------------------------------------------------
def size_measure(G: nx.Graph, size_by: str = "pagerank") -> str:
    """The attribute that sizes organisations: ``size_by`` when any node has it, else
    ``degree`` when any node has it, else the degree in ``G`` (``graph degree``)."""
    for name in (size_by, "degree"):
        if any(isinstance(a.get(name), (int, float)) for _, a in G.nodes(data=True)):
            return name
    return "graph degree"


def node_sizes(G: nx.Graph, size_by: str = "pagerank") -> tuple[dict[Any, float], str]:
    """The drawn size of every node, and a sentence for the legend.

    Organisations (and projects) are sized by centrality (``size_by``: the measure named, as
    analytics writes it, else the graph degree), clusters by their member count, groups by
    their count; each family is scaled on its own by the square root, between ``MIN_SIZE``
    and ``MAX_SIZE``, so the area grows with the value.
    """
    measure = size_measure(G, size_by)
    values: dict[str, dict[Any, float]] = {"centrality": {}, "members": {}, "count": {}}
    for n, a in G.nodes(data=True):
        kind = kind_of(a)
        if kind == "group":
            values["count"][n] = float(a.get("count") or 1)
        elif kind in CLUSTER_KINDS:
            members = a.get("members")
            values["members"][n] = float(
                members if isinstance(members, (int, float)) else G.degree(n)
            )
        else:
            v = G.degree(n) if measure == "graph degree" else a.get(measure)
            values["centrality"][n] = float(v) if isinstance(v, (int, float)) else 0.0
    sizes: dict[Any, float] = {}
    for family in values.values():
        sizes.update(_scale(family))
    for n, a in G.nodes(data=True):
        if kind_of(a) in ("call", "consortium") or a.get("role") == "focus":
            sizes[n] = MAX_SIZE
    described = {"pagerank": "PageRank", "graph degree": "links on this map"}.get(measure, measure)
    parts = [
        text
        for family, text in (
            ("centrality", f"{described} (organisations)"),
            ("members", "members (clusters)"),
            ("count", "count (groups)"),
        )
        if values[family]
    ]
    return sizes, "Size: " + ", ".join(parts) + "." if parts else ""


def _scale(values: Mapping[Any, float]) -> dict[Any, float]:
    if not values:
        return {}
    top = max(values.values())
    if top <= 0 or not math.isfinite(top):
        return dict.fromkeys(values, MIN_SIZE)
    return {
        n: MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(max(v, 0.0) / top)
        for n, v in values.items()
    }


def edge_width(value: float, top: float, low: float = 1.0, high: float = 12.0) -> float:
    """A width between ``low`` and ``high`` growing with the square root of ``value``."""
    if top <= 0:
        return low
    return round(low + (high - low) * math.sqrt(max(value, 0.0) / top), 2)


# -- tooltips ------------------------------------------------------------------------------------
_FACTS: tuple[tuple[str, str], ...] = (
    ("type", "type"),
    ("manager", "managed by"),
    ("domain", "domain"),
    ("size", "size"),
    ("nace", "NACE"),
    ("province", "province"),
    ("country", "country"),
    ("members", "members"),
    ("count", "count"),
    ("year", "year"),
    ("instrument", "instrument"),
    ("rank", "rank"),
    ("score", "score"),
    ("pagerank", "PageRank"),
    ("degree", "degree"),
    ("betweenness", "betweenness"),
)


def fmt(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(fmt(v) for v in value)
    return str(value)


def source_line(attrs: Mapping[str, Any]) -> str | None:
    """``source: FILE (REF)`` from the ``source``/``source_ref`` properties, if any."""
    source = attrs.get("source")
    if not source:
        return None
    ref = attrs.get("source_ref")
    return f"source: {source}" + (f" ({ref})" if ref else "")


def node_tooltip(node: Any, attrs: Mapping[str, Any]) -> str:
    """The plain-text tooltip of a node: name, kind, facts and where they come from."""
    kind = kind_of(attrs)
    lines = [
        str(attrs.get("name") or attrs.get("label") or node),
        legend_label(legend_key(attrs, "kind")),
    ]
    if attrs.get("id") or not isinstance(node, tuple):
        lines.append(f"id: {attrs.get('id') or node}")
    for key, label in _FACTS:
        value = attrs.get(key)
        if value is None or value == "" or (key == "type" and kind in CLUSTER_KINDS):
            continue
        lines.append(f"{label}: {fmt(value)}")
    section = section_of(attrs)
    if section and kind in ORGANISATION_KINDS + ("group",):
        lines.append(f"sector: {section_label(section)}")
    if attrs.get("synthetic"):
        lines.append("synthetic: yes (generated record, not a real organisation)")
    lines.extend(str(x) for x in _as_list(attrs.get("explanation")))
    lines.extend(str(x) for x in _as_list(attrs.get("breakdown")))
    src = source_line(attrs)
    if src:
        lines.append(src)
    return "\n".join(lines)


def edge_tooltip(attrs: Mapping[str, Any], ends: tuple[str, str]) -> str:
    """The plain-text tooltip of an edge: what it means, its figures and source."""
    style = edge_style(attrs)
    lines = [f"{ends[0]} — {ends[1]}", style.label]
    for key in (
        "relation",
        "role",
        "since",
        "shared",
        "jaccard",
        "overlap_coefficient",
        "count",
        "score",
    ):
        value = attrs.get(key)
        if value is not None and value != "":
            lines.append(f"{key.replace('_', ' ')}: {fmt(value)}")
    lines.extend(str(x) for x in _as_list(attrs.get("explanation")))
    src = source_line(attrs)
    if src:
        lines.append(src)
    return "\n".join(lines)


def _as_list(value: Any) -> Iterable[Any]:
    if value is None or value == "":
        return ()
    if isinstance(value, (list, tuple)):
        return value
    return (value,)
