"""Rows -> networkx graphs, the reshapers (ego-network, aggregation, overlap) and the layout."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from viz import graphs, layout, reshape

from .test_viz_helpers import ecosystem, snapshot, star


def test_ecosystem_graph_from_rows():
    G = graphs.ecosystem_graph(
        clusters=[
            {"id": "SH", "name": "Catalisti", "type": "spearhead", "members": 3},
            {"id": "IBN", "name": "Bio Base", "type": "ibn", "members": 1},
        ],
        cluster_links=[
            {
                "start": "IBN",
                "end": "SH",
                "type": "LINKED_TO",
                "relation": "parent",
                "source": "report",
                "source_ref": "§3",
            },
            {"start": "IBN", "end": "GONE", "type": "LINKED_TO"},
        ],
        organisations=[
            {
                "id": "KUL",
                "name": "KU Leuven",
                "kind": "knowledge_institution",
                "nace": "85.42",
                "pagerank": None,
            }
        ],
        org_links=[{"org": "KUL", "cluster": "SH", "type": "TIED_TO", "relation": "academic"}],
        member_groups=[
            {"cluster": "SH", "kind": "firm", "nace": "20", "count": 2, "synthetic": 2},
            {"cluster": "SH", "kind": "firm", "nace": "21", "count": 1},
            {"cluster": "IBN", "kind": "weird", "nace": None, "count": 1},
        ],
    )
    assert G.nodes["SH"]["kind"] == "cluster_spearhead" and G.nodes["IBN"]["kind"] == "cluster_ibn"
    assert G.edges["IBN", "SH"]["relation"] == "parent" and "GONE" not in G
    assert G.nodes["KUL"]["section"] == "P" and "pagerank" not in G.nodes["KUL"]
    assert G.edges["KUL", "SH"]["type"] == "TIED_TO"
    # divisions 20 and 21 are both section C: one group of three
    group = G.nodes["group:SH:firm:C"]
    assert group["count"] == 3 and group["name"] == "3 member firms (C)"
    assert "of which synthetic: 2" in group["breakdown"] and not group["synthetic"]
    assert G.nodes["group:IBN:other"]["member_kind"] == "other"
    assert G.edges["SH", "group:SH:firm:C"] == {"type": "GROUP", "count": 3}


def test_cluster_graph_from_rows():
    G = graphs.cluster_graph(
        {"id": "SH", "name": "Catalisti", "type": "spearhead", "members": 2},
        [
            {
                "id": "F1",
                "label": "Organisation",
                "name": "Firm 1",
                "kind": "firm",
                "rel_type": "MEMBER_OF",
                "rel": {"since": "2019", "source": "files"},
            },
            {
                "id": "IBN",
                "label": "Cluster",
                "name": "Bio Base",
                "type": "ibn",
                "rel_type": "LINKED_TO",
                "rel": {"relation": "parent"},
            },
            {
                "id": "P1",
                "label": "Project",
                "title": "Coatings",
                "year": 2021,
                "rel_type": "PARTICIPATES_IN",
                "rel": {},
            },
        ],
        [
            {"org": "F1", "cluster": "OTHER", "name": "Other", "type": "ibn", "members": 9},
            {"org": "F1", "cluster": "SH", "name": "Catalisti", "type": "spearhead"},
        ],
    )
    assert G.nodes["SH"]["role"] == "focus"
    assert G.nodes["P1"] == {"year": 2021, "kind": "project", "name": "Coatings"}
    assert G.edges["F1", "SH"] == {"type": "MEMBER_OF", "since": "2019", "source": "files"}
    assert G.nodes["OTHER"]["members"] == 9 and G.edges["F1", "OTHER"]["type"] == "MEMBER_OF"
    assert sorted(G.nodes) == ["F1", "IBN", "OTHER", "P1", "SH"]


def test_overlap_graph_from_rows_and_from_memberships_agree():
    G = ecosystem()
    counted = reshape.overlap_graph(G)
    assert counted.edges["IBN", "SH"]["shared"] == 2  # F0 and F4
    # IBN has 2 members, SH 6 (KUL and five firms): Jaccard 2/6, overlap 2/2
    assert counted.edges["IBN", "SH"]["jaccard"] == pytest.approx(2 / 6, abs=1e-4)
    assert counted.edges["IBN", "SH"]["overlap_coefficient"] == 1.0
    read = graphs.overlap_graph_from_rows(
        [
            {"id": "SH", "type": "spearhead", "members": 6},
            {"id": "IBN", "type": "ibn", "members": 2},
        ],
        [{"a": "IBN", "b": "SH", "shared": 2, "jaccard": 0.3333, "overlap_coefficient": 1.0}],
    )
    assert read.edges["IBN", "SH"]["shared"] == counted.edges["IBN", "SH"]["shared"]
    # a graph with OVERLAPS edges keeps them as they are
    again = reshape.overlap_graph(read, min_shared=3)
    assert again.number_of_edges() == 0 and again.number_of_nodes() == 2


def test_ego_network_and_aggregation_do_not_mutate():
    G = ecosystem()
    before = snapshot(G)
    H = reshape.ego_network(G, "IBN")
    # IBN's members F0 and F4 bring SH in as a bridge, and SH is linked too
    assert set(H.nodes) == {"IBN", "F0", "F4", "SH"}
    assert H.nodes["IBN"]["role"] == "focus" and "role" not in G.nodes["IBN"]
    A = reshape.aggregate_members(G, keep=["KUL"], by_section=False)
    assert A.nodes["group:SH:firm"]["count"] == 5 and A.nodes["group:IBN:firm"]["count"] == 2
    assert A.nodes["group:SH:other"]["count"] == 1 and "KUL" in A
    B = reshape.aggregate_members(A, keep=[], by_section=False, separate=())
    assert B.nodes["group:SH:mixed"]["count"] == 8  # groups fold into coarser groups
    assert "by kind: Firm 5" in B.nodes["group:SH:mixed"]["breakdown"][0]
    assert snapshot(G) == before


def test_directed_graphs_are_read_both_ways():
    D = nx.DiGraph(ecosystem())
    D.remove_edges_from([("SH", "F0"), ("SH", "IBN")])  # keep one direction only
    assert set(reshape.ego_network(D, "SH")) == set(reshape.ego_network(ecosystem(), "SH"))
    assert reshape.overlap_graph(D).edges["IBN", "SH"]["shared"] == 2


def test_central_organisations_by_pagerank_then_degree():
    G = ecosystem()
    assert reshape.central_organisations(G, 3) == ["KUL", "F4", "F3"]
    assert reshape.central_organisations(G, 2, kinds=["federation", "other"]) == ["FED", "MGR"]
    assert reshape.central_organisations(G, 5, among=["F1", "F2", "SH"]) == ["F2", "F1"]


def test_match_graph_shapes():
    G = graphs.match_graph(
        {
            "org": {"id": "A", "name": "Firm A", "clusters": ["C1"]},
            "partners": [
                {"id": "B", "name": "B", "score": 1.0},
                {"id": "A", "name": "Firm A", "score": 9},
            ],
        }
    )
    assert G.nodes["A"]["role"] == "focus" and G.edges["A", "B"]["type"] == "PARTNER"
    assert G.nodes["B"]["rank"] == 1 and G.number_of_nodes() == 3  # A, B and cluster C1
    assert G.edges["A", "C1"]["type"] == "MEMBER_OF"


def _discs_overlap(pos, G, anchors) -> float:
    """Smallest distance between two nodes of the layout."""
    import numpy as np

    xy = np.array(list(pos.values()))
    d = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2))
    np.fill_diagonal(d, math.inf)
    return float(d.min())


def test_anchored_layout_is_deterministic_and_spreads_nodes():
    G, centre = star(2000, others=12)
    before = snapshot(G)
    anchors = [n for n, a in G.nodes(data=True) if a["kind"].startswith("cluster")]
    pos = layout.anchored_layout(G, anchors, spacing=18.0, centre=centre)
    assert snapshot(G) == before
    assert set(pos) == set(G.nodes)
    assert pos == layout.anchored_layout(G, anchors, spacing=18.0, centre=centre)
    assert pos[centre] == (0.0, 0.0)
    assert _discs_overlap(pos, G, anchors) > 10.0  # no two nodes on top of each other
    # a member shared with another cluster sits between the two clusters
    shared = "M00003"  # in C and O3
    d = lambda a, b: math.dist(pos[a], pos[b])  # noqa: E731
    assert d(shared, "O3") < d("M00001", "O3")


def test_anchored_layout_copes_with_many_anchor_sets_and_no_anchors():
    G = nx.Graph()
    clusters = [f"C{i}" for i in range(40)]
    G.add_nodes_from(clusters)
    for i in range(3000):  # every member in three clusters: thousands of anchor sets
        for j in (i % 40, (i * 7) % 40, (i * 13 + 1) % 40):
            G.add_edge(f"o{i}", clusters[j])
    pos = layout.anchored_layout(G, clusters, max_units=200)
    assert len(pos) == G.number_of_nodes()
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())
    lone = layout.anchored_layout(nx.path_graph(5), [])
    assert len(lone) == 5 and len(set(lone.values())) == 5
    assert layout.anchored_layout(nx.Graph(), []) == {}
