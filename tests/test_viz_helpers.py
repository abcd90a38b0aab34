"""Hand-built graphs and HTML readers shared by the viz tests (and a test of them)."""

from __future__ import annotations

import json
import re
from typing import Any

import networkx as nx

_DATASET = re.compile(r"var (nodes|edges) = new vis\.DataSet\((.*?)\);\n")


def page_data(html: str) -> dict[str, list[dict[str, Any]]]:
    """The ``nodes`` and ``edges`` data sets a map page hands to vis-network."""
    found = {name: json.loads(text) for name, text in _DATASET.findall(html)}
    assert set(found) == {"nodes", "edges"}, "the page holds no vis data sets"
    return found


def snapshot(G: nx.Graph) -> tuple:
    """Everything about a graph, to check that a function left it as it was."""
    return (
        type(G),
        dict(G.graph),
        sorted(((repr(n), repr(sorted(a.items()))) for n, a in G.nodes(data=True))),
        sorted((repr(u), repr(v), repr(sorted(a.items()))) for u, v, a in G.edges(data=True)),
    )


def ecosystem() -> nx.Graph:
    """Two clusters (a spearhead and an IBN linked to it), a manager, a federation tied to
    the spearhead, a knowledge institution, five firms (one in both clusters) and a project.
    """
    G = nx.Graph()
    G.add_node(
        "SH",
        kind="cluster_spearhead",
        name="Catalisti",
        source="seeds/report.txt",
        source_ref="Tabel 10",
    )
    G.add_node("IBN", kind="cluster_ibn", name="Bio Base IBN", source="seeds/report.txt")
    G.add_edge(
        "IBN",
        "SH",
        type="LINKED_TO",
        relation="parent",
        source="seeds/report.txt",
        source_ref="§3.3",
    )
    G.add_node("MGR", kind="other", name="Catalisti vzw", source="cluster files")
    G.add_edge("MGR", "SH", type="MANAGES")
    G.add_node("FED", kind="federation", name="essenscia")
    G.add_edge("FED", "SH", type="TIED_TO", relation="founder")
    G.add_node("KUL", kind="knowledge_institution", name="KU Leuven", pagerank=0.3, nace="85.42")
    G.add_edge("KUL", "SH", type="MEMBER_OF")
    for i, nace in enumerate(["20.13", "20.14", "62.01", "46.75", "10.11"]):
        G.add_node(
            f"F{i}",
            kind="firm",
            name=f"Firm {i}",
            nace=nace,
            pagerank=0.01 * (i + 1),
            source="cluster files",
            source_ref=f"line {i + 2}",
            synthetic=i == 4,
        )
        G.add_edge(f"F{i}", "SH", type="MEMBER_OF", source="cluster files")
    G.add_edge("F0", "IBN", type="MEMBER_OF")
    G.add_edge("F4", "IBN", type="MEMBER_OF")
    G.add_node("P1", kind="project", name="Bio-based coatings", year=2021)
    G.add_edge("F0", "P1", type="PARTICIPATES_IN")
    G.add_edge("SH", "P1", type="PARTICIPATES_IN")
    return G


def star(n_members: int, others: int = 5) -> tuple[nx.Graph, str]:
    """A cluster with ``n_members`` firms, every third also in one of ``others`` clusters."""
    G = nx.Graph()
    G.add_node("C", kind="cluster_spearhead", name="Big cluster")
    for j in range(others):
        G.add_node(f"O{j}", kind="cluster_ibn", name=f"Other {j}")
    for i in range(n_members):
        G.add_node(
            f"M{i:05d}",
            kind="firm" if i % 7 else "knowledge_institution",
            name=f"Member {i}",
            nace="20.13" if i % 2 else "62.01",
            pagerank=1.0 / (i + 1),
        )
        G.add_edge(f"M{i:05d}", "C", type="MEMBER_OF")
        if i % 3 == 0:
            G.add_edge(f"M{i:05d}", f"O{i % others}", type="MEMBER_OF")
    return G, "C"


def test_helpers_read_a_page_and_see_a_change():
    from viz.maps import html

    G = ecosystem()
    data = page_data(html(G))
    assert len(data["nodes"]) == G.number_of_nodes()
    before = snapshot(G)
    G.nodes["SH"]["touched"] = True
    assert snapshot(G) != before
