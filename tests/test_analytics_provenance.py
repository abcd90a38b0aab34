"""Provenance of derived facts on a hand-built graph (``analytics.provenance``).

Organisations a, b, c are real, s1 and s2 synthetic, e example. Clusters X = {a, b, s1},
Y = {b, c, s1, s2}, Z = {c}. Projects P1 = {a, c}, P2 = {a, s2}, P3 = {b, e} (P3 itself
synthetic). Sectors: a, b, s1 in C; c, s2, e in J. Every expected share is counted by hand.
"""

from __future__ import annotations

import pytest

from analytics import provenance
from analytics.centrality import centrality
from analytics.cross_sector import cluster_cross_sector_share, sector_links, sector_matrix
from analytics.helix import helix_mix
from analytics.overlap import cluster_overlap, overlap_rows
from analytics.projection import from_rows


@pytest.fixture(scope="module")
def proj():
    return from_rows(
        orgs=[
            {"id": "a", "kind": "firm", "nace": "20"},
            {"id": "b", "kind": "firm", "nace": "21"},
            {"id": "c", "kind": "firm", "nace": "62"},
            {"id": "s1", "kind": "firm", "nace": "22", "synthetic": True},
            {"id": "s2", "kind": "firm", "nace": "63", "synthetic": True},
            {"id": "e", "kind": "firm", "nace": "62", "example": True},
        ],
        clusters=[{"id": "X"}, {"id": "Y"}, {"id": "Z"}],
        memberships=[
            {"cluster": "X", "organisations": ["a", "b", "s1"]},
            {"cluster": "Y", "organisations": ["b", "c", "s1", "s2"]},
            {"cluster": "Z", "organisations": ["c"]},
        ],
        projects=[{"id": "P1"}, {"id": "P2"}, {"id": "P3", "synthetic": True}],
        participations=[
            {"project": "P1", "organisations": ["a", "c"]},
            {"project": "P2", "organisations": ["a", "s2"]},
            {"project": "P3", "organisations": ["b", "e"]},
        ],
    )


def test_cluster_and_project_statistics(proj):
    assert provenance.unit_shares(proj, "clusters").round(4).tolist() == [0.3333, 0.5, 0.0]
    assert provenance.unit_shares(proj, "projects").tolist() == [0.0, 0.5, 1.0]  # P3 is synthetic
    rows = {r["id"]: r for r in helix_mix(proj, "clusters")}
    assert (rows["X"]["from_synthetic"], rows["X"]["synthetic_share"]) == (True, 0.3333)
    assert (rows["Z"]["from_synthetic"], rows["Z"]["synthetic_share"]) == (False, 0.0)


def test_overlaps_count_the_members_of_either_cluster(proj):
    ov = cluster_overlap(proj)
    pairs = {(r["a"], r["b"]): (r["shared"], r["synthetic_share"]) for r in overlap_rows(proj, ov)}
    # X-Y share b and s1; of a, b, c, s1, s2 two are synthetic. Y-Z share c; b, c, s1, s2
    assert pairs == {("X", "Y"): (2, 0.4), ("Y", "Z"): (1, 0.5)}


def test_centrality_rests_on_the_connected_component(proj):
    result = centrality(proj, "projects")
    share = dict(zip(proj.org_ids, result.synthetic_share.round(4).tolist(), strict=True))
    # components: {a, c, s2} through P1 and P2, {b, e} through P3, {s1} alone
    assert share == {"a": 0.3333, "c": 0.3333, "s2": 0.3333, "b": 0.5, "e": 0.5, "s1": 1.0}
    ranking = provenance.ranking_shares(proj, result.components)
    # X's members lie in {a,c,s2}, {b,e}, {s1}: 6 organisations, 3 of them demo data
    assert ranking.round(4).tolist() == [0.5, 0.5, 0.3333]


def test_sector_links_and_cross_sector_shares_are_counts_without_the_demo_ties(proj):
    links = sector_links(sector_matrix(proj, "section", "projects"))
    # C-J: P1 (a-c, real), P2 (a-s2), P3 (b-e): one of three links is real
    assert [(r["sector_a"], r["sector_b"], r["links"], r["synthetic_share"]) for r in links] == [
        ("C", "J", 3, 0.6667)
    ]
    shares = {r["id"]: (r["ties"], r["synthetic_share"]) for r in cluster_cross_sector_share(proj)}
    # X: a-b, a-s1, b-s1 (one real); Y: 6 ties, one real (b-c); Z: none
    assert shares == {"X": (3, 0.6667), "Y": (6, 0.8333), "Z": (0, 0.0)}


def test_real_part_drops_synthetic_and_example_data(proj):
    real = provenance.real_part(proj)
    assert real.org_ids == ["a", "b", "c"] and real.project_ids == ["P1", "P2"]
    assert real.memberships.tolist() == [[0, 0], [1, 0], [1, 1], [2, 1], [2, 2]]
    assert real.participations.tolist() == [[0, 0], [0, 1], [2, 0]]
    assert provenance.real_part(real) is real  # nothing left to drop
    assert not any(r["from_synthetic"] for r in overlap_rows(real, cluster_overlap(real)))


def test_flag_keeps_a_trace():
    assert provenance.flag(None) == (False, 0.0)
    assert provenance.flag(0.00001) == (True, 0.0001)
