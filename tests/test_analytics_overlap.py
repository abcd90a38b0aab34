"""Known answers for intercluster overlap and brokers, and agreement with networkx."""

from __future__ import annotations

import random

import networkx as nx
import pytest
from networkx.algorithms import bipartite

from analytics.overlap import brokers, cluster_overlap, overlap_rows
from analytics.projection import from_rows


def landscape(members: dict[str, str], nace: dict[str, str] | None = None):
    orgs = sorted({o for ms in members.values() for o in ms})
    return from_rows(
        orgs=[{"id": o, "nace": (nace or {}).get(o)} for o in orgs],
        clusters=[{"id": c, "name": f"Cluster {c}"} for c in members],
        memberships=[{"organisation": o, "cluster": c} for c, ms in members.items() for o in ms],
    )


def test_two_clusters_known_answer():
    p = landscape({"X": "abc", "Y": "bcd"})
    ov = cluster_overlap(p)
    assert len(ov) == 1
    assert (int(ov.shared[0]), float(ov.jaccard[0])) == (2, 0.5)
    assert ov.overlap_coefficient[0] == pytest.approx(2 / 3)
    [row] = overlap_rows(p, ov)
    assert row["a"] == "X" and row["b"] == "Y"
    assert row["shared"] == 2 and row["jaccard"] == 0.5
    assert row["overlap_coefficient"] == pytest.approx(2 / 3)
    assert row["shared_ids"] == ["b", "c"]
    assert row["a_name"] == "Cluster X"


def test_only_pairs_with_shared_members_and_nested_cluster():
    p = landscape({"X": "abc", "Y": "de", "Z": "ab"})
    rows = overlap_rows(p, cluster_overlap(p))
    assert [(r["a"], r["b"]) for r in rows] == [("X", "Z")]
    assert rows[0]["overlap_coefficient"] == 1.0  # Z inside X
    assert rows[0]["jaccard"] == pytest.approx(2 / 3)


def test_sector_and_theme_overlap():
    p = from_rows(
        orgs=[
            {"id": "a", "nace": "20.1"},
            {"id": "b", "nace": "62.0"},
            {"id": "c", "nace": "20.5"},
            {"id": "d"},
        ],
        clusters=[{"id": "X"}, {"id": "Y"}],
        memberships=[{"organisation": o, "cluster": "X"} for o in "ab"]
        + [{"organisation": o, "cluster": "Y"} for o in "bcd"],
        projects=[
            {"id": "p1", "themes": ["ai", "health"]},
            {"id": "p2", "themes": ["ai"]},
            {"id": "p3", "themes": ["food"]},
        ],
        participations=[
            {"project": "p1", "organisation": "a"},
            {"project": "p2", "organisation": "c"},
        ],
        cluster_participations=[{"cluster": "Y", "project": "p3"}],
    )
    ov = cluster_overlap(p)
    # divisions: X {20, 62}, Y {62, 20} -> 1.0 ; sections: C, J both -> 1.0
    assert ov.sector_jaccard[0] == 1.0
    # themes: X {ai, health}; Y {ai (member c), food (own project)} -> 1/3
    assert ov.theme_jaccard[0] == pytest.approx(1 / 3)


def test_agrees_with_networkx_on_random_memberships():
    rnd = random.Random(5)
    members = {
        f"C{k:02d}": "".join(rnd.sample("abcdefghijklmnopqrstuvwxyz", rnd.randint(1, 12)))
        for k in range(15)
    }
    p = landscape(members)
    ov = cluster_overlap(p)
    g = nx.Graph()
    g.add_nodes_from(members, bipartite=0)
    g.add_edges_from((c, o) for c, ms in members.items() for o in ms)
    jac = bipartite.overlap_weighted_projected_graph(g, list(members), jaccard=True)
    coef = bipartite.overlap_weighted_projected_graph(g, list(members), jaccard=False)
    got = {(r["a"], r["b"]): r for r in overlap_rows(p, ov)}
    assert set(got) == {tuple(sorted(e)) for e in jac.edges()}
    for (a, b), r in got.items():
        assert r["jaccard"] == pytest.approx(jac[a][b]["weight"])
        assert r["overlap_coefficient"] == pytest.approx(coef[a][b]["weight"])
        assert r["shared_ids"] == sorted(set(members[a]) & set(members[b]))


def test_brokers_ranked_by_clusters_then_projects():
    p = from_rows(
        orgs=[{"id": x} for x in "abcd"],
        clusters=[{"id": c} for c in "XYZ"],
        memberships=[
            {"organisation": o, "cluster": c}
            for o, cs in {"a": "XY", "b": "XYZ", "c": "XZ", "d": "X"}.items()
            for c in cs
        ],
        projects=[{"id": "p1"}, {"id": "p2"}],
        participations=[
            {"project": "p1", "organisations": ["c"]},
            {"project": "p2", "organisations": ["c", "a"]},
        ],
    )
    ranked = brokers(p)
    assert [r["id"] for r in ranked] == ["b", "c", "a"]
    assert ranked[0]["clusters"] == 3 and ranked[0]["cluster_pairs"] == 3
    assert ranked[1]["projects"] == 2
    assert ranked[0]["cluster_ids"] == ["X", "Y", "Z"]


def test_deterministic_and_input_not_mutated():
    members = {"X": "abc", "Y": "bcd", "Z": "cde"}
    rows = [{"organisation": o, "cluster": c} for c, ms in members.items() for o in ms]
    orgs = [{"id": o} for o in "abcde"]
    snapshot = ([dict(r) for r in rows], [dict(o) for o in orgs])
    p1 = from_rows(orgs, [{"id": c} for c in members], rows)
    shuffled = rows[::-1]
    p2 = from_rows(orgs[::-1], [{"id": c} for c in reversed(members)], shuffled)
    assert overlap_rows(p1, cluster_overlap(p1)) == overlap_rows(p2, cluster_overlap(p2))
    assert (rows, orgs) == snapshot
    m_before = p1.memberships.copy()
    cluster_overlap(p1)
    assert (p1.memberships == m_before).all()
