"""Maps for people: each spearhead cluster its own colour; a cluster and its manager as one
node (``viz.reshape.merge_managers``, which the ecosystem and cluster maps apply)."""

from __future__ import annotations

import networkx as nx

from viz import reshape, style

SPEARHEADS = ["Catalisti", "SIM", "Flux50", "VIL", "Flanders' FOOD", "De Blauwe Cluster", "MEDVIA"]


def test_each_spearhead_has_its_own_stable_colour():
    colours = [style.node_colour({"kind": "cluster_spearhead", "name": n}) for n in SPEARHEADS]
    assert len(set(colours)) == 7
    assert style.node_colour({"kind": "cluster_spearhead", "name": "flux50"}) == colours[2]
    assert style.node_colour({"kind": "firm"}) == style.KINDS["firm"].colour


def test_a_cluster_and_its_manager_are_one_node():
    G = nx.Graph()
    G.add_node("flux50", kind="cluster_spearhead", name="Flux50")
    G.add_node("mgr", kind="other", name="Flux50 vzw")
    G.add_node("shared", kind="other", name="Manages two")
    G.add_node("sim", kind="cluster_spearhead", name="SIM")
    G.add_node("f", kind="federation", name="Agoria")
    G.add_edge("mgr", "flux50", type="MANAGES")
    G.add_edge("mgr", "f", type="TIED_TO")
    G.add_edge("shared", "flux50", type="MANAGES")
    G.add_edge("shared", "sim", type="MANAGES")
    H = reshape.merge_managers(G)
    assert "mgr" not in H and "mgr" in G  # the input is untouched
    assert H.nodes["flux50"]["manager"] == "Flux50 vzw"
    assert H.has_edge("flux50", "f")
    assert "shared" in H  # managing two clusters: stays apart
    assert [n for n, a in H.nodes(data=True) if "flux50" in str(a.get("name")).lower()] == [
        "flux50"
    ]
