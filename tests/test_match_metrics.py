"""Hits@k, Recall@k and MRR on rankings checked by hand; the baselines' orders on a toy graph."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from analytics.matching import baselines, from_rows
from analytics.matching.metrics import hits_at_k, recall_at_k, reciprocal_rank, summarise


def test_metrics_by_hand():
    ranking = ["a", "b", "c", "d", "e"]
    assert hits_at_k(ranking, {"c"}, 2) == 0.0 and hits_at_k(ranking, {"c"}, 3) == 1.0
    assert recall_at_k(ranking, {"a", "d", "x", "y"}, 4) == 0.5
    assert recall_at_k(ranking, set(), 4) == 0.0
    assert reciprocal_rank(ranking, {"d", "e"}) == 0.25
    assert reciprocal_rank(ranking, {"z"}) == 0.0
    s = summarise([ranking, ["x", "c"]], [{"b"}, {"c", "q"}], k=1, deep=2)
    # query 1: first hit at 2 -> hits@1 0, recall@1 0, recall@2 1, rr 1/2
    # query 2: first hit at 2 -> hits@1 0, recall@1 0, recall@2 1/2, rr 1/2
    assert s == {"hits@1": 0.0, "recall@1": 0.0, "recall@2": 0.75, "mrr": 0.5, "queries": 2}


def toy():
    """q - h (a hub: x, h1, h2, h3) and q - l (a low-degree node: y); x also knows x1, x2."""
    edges = [
        ("q", "h"),
        ("q", "l"),
        ("h", "x"),
        ("l", "y"),
        ("h", "h1"),
        ("h", "h2"),
        ("h", "h3"),
        ("x", "x1"),
        ("x", "x2"),
    ]
    parts = [{"org": o, "project": f"{a}-{b}"} for a, b in edges for o in (a, b)]
    return from_rows([], parts), edges


def order(model, scorer):
    q = model.index["q"]
    s = scorer(model, [q])[0]
    return [model.org_ids[i] for i in baselines.order(model, s, q)]


def test_baseline_orders_on_a_toy_graph():
    m, _ = toy()
    # CN: x, y, h1, h2, h3 share one neighbour with q; ties by popularity (x has 3 partners),
    # then id; x1, x2 share none
    assert order(m, baselines.common_neighbours) == ["x", "h1", "h2", "h3", "y", "x1", "x2"]
    # AA and RA: the low-degree l (2 partners) counts more than the hub h (5 partners)
    assert order(m, baselines.adamic_adar) == ["y", "x", "h1", "h2", "h3", "x1", "x2"]
    assert order(m, baselines.resource_allocation) == ["y", "x", "h1", "h2", "h3", "x1", "x2"]
    aa = baselines.adamic_adar(m, [m.index["q"]])[0]
    assert aa[m.index["y"]] == pytest.approx(1 / np.log(2))
    assert aa[m.index["x"]] == pytest.approx(1 / np.log(5))
    assert order(m, baselines.popularity) == ["x", "h1", "h2", "h3", "x1", "x2", "y"]


def test_personalised_pagerank_matches_networkx():
    m, edges = toy()
    G = nx.Graph(edges)
    ref = nx.pagerank(G, alpha=0.85, personalization={"q": 1.0}, tol=1e-12, max_iter=1000)
    got = baselines.personalised_pagerank(m, [m.index["q"]])[0]
    for node, value in ref.items():
        assert got[m.index[node]] == pytest.approx(value, abs=1e-5)
    expected = [
        n
        for n in sorted(ref, key=lambda n: (-round(ref[n], 9), -G.degree(n), n))
        if n not in ("q", "h", "l")
    ]
    assert order(m, baselines.personalised_pagerank) == expected
