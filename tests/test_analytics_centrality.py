"""Known answers for centrality: star hub, agreement with networkx, sampling error, views."""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pytest

from analytics.centrality import betweenness, centrality, pagerank, rows, top_by_cluster
from analytics.network import adjacency, degree, org_network, strength, to_networkx
from analytics.projection import from_rows


def from_graph(g: nx.Graph):
    """One two-organisation project per edge: the project view is ``g`` itself."""
    ids = {v: f"o{v:04d}" for v in g}
    edges = list(g.edges())
    return from_rows(
        orgs=[{"id": i} for i in ids.values()],
        projects=[{"id": f"p{k:05d}"} for k in range(len(edges))],
        participations=[
            {"project": f"p{k:05d}", "organisations": [ids[u], ids[v]]}
            for k, (u, v) in enumerate(edges)
        ],
    ), ids


def hypergraph(seed: int = 1, n: int = 90, n_projects: int = 45, n_clusters: int = 5):
    rnd = random.Random(seed)
    orgs = [f"o{i:03d}" for i in range(n)]
    return from_rows(
        orgs=[{"id": o} for o in orgs],
        clusters=[{"id": f"c{k}"} for k in range(n_clusters)],
        memberships=[
            {"organisation": o, "cluster": f"c{rnd.randrange(n_clusters)}"}
            for o in orgs
            if rnd.random() < 0.6
        ]
        + [
            {"organisation": o, "cluster": f"c{rnd.randrange(n_clusters)}"}
            for o in orgs
            if rnd.random() < 0.2
        ],
        projects=[{"id": f"p{k:03d}"} for k in range(n_projects)],
        participations=[
            {"project": f"p{k:03d}", "organisations": rnd.sample(orgs, rnd.randint(1, 7))}
            for k in range(n_projects)
        ],
    )


def test_star_hub_has_highest_betweenness_equal_to_networkx():
    star = nx.star_graph(6)  # hub 0
    p, ids = from_graph(star)
    r = centrality(p, "projects")
    hub = p.org_index[ids[0]]
    assert int(np.argmax(r.betweenness.values)) == hub
    assert r.betweenness.exact
    ref = nx.betweenness_centrality(star)
    for v, i in ids.items():
        assert r.betweenness.values[p.org_index[i]] == pytest.approx(ref[v], abs=1e-12)
    assert r.degree[hub] == 6 and rows(p, r)[0]["id"] == ids[0]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_exact_betweenness_and_pagerank_equal_networkx_on_simple_graphs(seed):
    g = nx.gnm_random_graph(70, 160, seed=seed)
    p, ids = from_graph(g)
    net = org_network(p, "projects")
    b = betweenness(net)
    pr = pagerank(net)
    ref_b, ref_pr = nx.betweenness_centrality(g), nx.pagerank(g)
    for v, i in ids.items():
        k = p.org_index[i]
        assert b.values[k] == pytest.approx(ref_b[v], abs=1e-12)
        assert pr[k] == pytest.approx(ref_pr[v], abs=1e-6)


@pytest.mark.parametrize("view", ["projects", "clusters", "both"])
def test_weighted_views_agree_with_materialised_networkx(view):
    p = hypergraph()
    net = org_network(p, view)
    g = to_networkx(net, p.org_ids)
    ref_pr = nx.pagerank(g, weight="weight")
    pr, s, d = pagerank(net), strength(net), degree(net)
    for i, o in enumerate(p.org_ids):
        assert pr[i] == pytest.approx(ref_pr[o], abs=1e-6)
        assert s[i] == pytest.approx(g.degree(o, weight="weight"))
        assert d[i] == g.degree(o)


def test_weights_of_views():
    p = from_rows(
        orgs=[{"id": x} for x in "abcd"],
        clusters=[{"id": "C"}],
        memberships=[{"organisation": x, "cluster": "C"} for x in "abcd"],
        projects=[{"id": "p1"}, {"id": "p2"}],
        participations=[{"project": q, "organisations": ["a", "b"]} for q in ("p1", "p2")],
    )
    i, j = p.org_index["a"], p.org_index["b"]
    assert adjacency(org_network(p, "projects"))[i, j] == 2  # two shared projects
    assert adjacency(org_network(p, "clusters"))[i, j] == pytest.approx(1 / 3)  # Newman
    assert adjacency(org_network(p, "clusters", "count"))[i, j] == 1
    assert adjacency(org_network(p, "both"))[i, j] == pytest.approx(2 + 1 / 3)
    with pytest.raises(ValueError):
        org_network(p, "friends")


def test_bipartite_betweenness_equals_networkx_subset_on_star_expansion():
    p = hypergraph(seed=3)
    for view in ("projects", "both"):
        net = org_network(p, view)
        n = net.n
        star = nx.Graph()
        star.add_nodes_from(range(n))
        inc = net.incidence.tocoo()
        star.add_edges_from(
            (int(r), n + int(c))
            for r, c in zip(inc.row, inc.col, strict=True)
            if net.weights[c] > 0
        )
        ref = nx.betweenness_centrality_subset(star, range(n), range(n), normalized=False)
        got = betweenness(net).values
        for v in range(n):
            assert got[v] == pytest.approx(ref[v] * 2 / ((n - 1) * (n - 2)), abs=1e-12)


def test_sampled_betweenness_error_is_within_the_stated_bounds():
    g = nx.barabasi_albert_graph(400, 3, seed=11)
    p, _ = from_graph(g)
    net = org_network(p, "projects")
    exact = betweenness(net).values
    est = betweenness(net, pivots=100, seed=4)
    assert not est.exact and est.pivots == 100
    err = np.abs(est.values - exact)
    assert (err <= est.error_bound).all()
    # the standard error is the typical error: root mean squares agree within a factor 2
    se = est.standard_error
    assert se is not None and se.shape == exact.shape
    rms_err, rms_se = np.sqrt(np.mean(err**2)), np.sqrt(np.mean(se**2))
    assert rms_se / 2 <= rms_err <= 2 * rms_se
    more = betweenness(net, pivots=300, seed=4)
    assert more.max_standard_error < est.max_standard_error
    # and ranking the top node right
    assert int(np.argmax(est.values)) == int(np.argmax(exact))


def test_sampling_is_deterministic_for_a_seed():
    p, _ = from_graph(nx.gnm_random_graph(300, 900, seed=2))
    net = org_network(p, "projects")
    a = betweenness(net, pivots=40, seed=9)
    b = betweenness(net, pivots=40, seed=9, workers=1)
    c = betweenness(net, pivots=40, seed=10)
    assert np.array_equal(a.values, b.values)
    assert not np.array_equal(a.values, c.values)


def test_top_by_cluster_and_determinism():
    p = hypergraph(seed=4)
    r1 = centrality(p, "both")
    r2 = centrality(p, "both")
    assert np.array_equal(r1.pagerank, r2.pagerank)
    assert np.array_equal(r1.betweenness.values, r2.betweenness.values)
    tops = top_by_cluster(p, r1.pagerank, k=3)
    members = {c: set() for c in range(p.n_clusters)}
    for o, c in p.memberships.tolist():
        members[c].add(o)
    for c, top in enumerate(tops):
        assert set(top) <= members[c] and len(top) == min(3, len(members[c]))
        best = sorted(members[c], key=lambda o: (-r1.pagerank[o], o))[:3]
        assert top == best


def test_isolated_and_tiny_graphs():
    p = from_rows(orgs=[{"id": "a"}, {"id": "b"}])
    r = centrality(p, "both")
    assert r.degree.tolist() == [0, 0]
    assert r.pagerank.tolist() == pytest.approx([0.5, 0.5])
    assert r.betweenness.values.tolist() == [0.0, 0.0]
