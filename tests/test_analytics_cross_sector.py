"""Known answers for the cross-sector matrix and the clusters' cross-sector shares."""

from __future__ import annotations

import itertools
import random
from collections import Counter

import numpy as np
import pytest

from analytics.cross_sector import cluster_cross_sector_share, sector_links, sector_matrix
from analytics.projection import from_rows
from graph import nace


def two_sector_toy():
    """Chemistry firms c1, c2 (NACE 20, section C) and IT firms i1, i2 (62, section J).

    Project p1: c1, c2, i1 -> links C-C 1, C-J 2. Project p2: c1, i1, i2 -> C-J 2, J-J 1.
    Project p3: c1, i1 (again) -> C-J 1. Cluster K: c1, c2, i2 -> C-C 1, C-J 2.
    """
    orgs = {"c1": "20.14", "c2": "20.59", "i1": "62.01", "i2": "62.09", "x": None}
    return from_rows(
        orgs=[{"id": o, "nace": code} for o, code in orgs.items()],
        clusters=[{"id": "K"}],
        memberships=[{"organisation": o, "cluster": "K"} for o in ("c1", "c2", "i2", "x")],
        projects=[{"id": p} for p in ("p1", "p2", "p3")],
        participations=[
            {"project": "p1", "organisations": ["c1", "c2", "i1", "x"]},
            {"project": "p2", "organisations": ["c1", "i1", "i2"]},
            {"project": "p3", "organisations": ["c1", "i1"]},
        ],
    )


def test_two_sector_toy_exact_matrix():
    p = two_sector_toy()
    m = sector_matrix(p, "section", "projects")
    assert m.sectors == ["C", "J"]
    assert m.links.tolist() == [[1, 5], [5, 1]]
    assert m.cross_links == 5 and m.within_links == 2
    c = sector_matrix(p, "section", "clusters")
    assert c.links.tolist() == [[1, 2], [2, 0]]
    d = sector_matrix(p, "division", "projects")
    assert d.sectors == ["20", "62"] and d.links.tolist() == [[1, 5], [5, 1]]
    assert sector_links(m) == [
        {
            "sector_a": "C",
            "sector_b": "J",
            "links": 5,
            "via": "projects",
            "level": "section",
            "label_a": nace.label("C"),
            "label_b": nace.label("J"),
            "from_synthetic": False,
            "synthetic_share": 0.0,
        }
    ]
    everything = sector_links(m, cross_only=False)
    assert [(r["sector_a"], r["sector_b"], r["links"]) for r in everything] == [
        ("C", "J", 5),
        ("C", "C", 1),
        ("J", "J", 1),
    ]


def test_cluster_cross_sector_share():
    [k] = cluster_cross_sector_share(two_sector_toy(), "section")
    # members with a sector: c1, c2 (C), i2 (J): 3 ties, 2 across
    assert (k["members"], k["with_sector"], k["ties"], k["cross_ties"]) == (4, 3, 3, 2)
    assert k["share"] == pytest.approx(2 / 3)


def test_matches_pair_counting_on_random_data():
    rnd = random.Random(8)
    codes = ["01.1", "20.1", "21.2", "46.3", "62.0", "72.1", None]
    orgs = [{"id": f"o{i:02d}", "nace": rnd.choice(codes)} for i in range(40)]
    projects = {f"p{k}": rnd.sample([o["id"] for o in orgs], rnd.randint(1, 8)) for k in range(30)}
    p = from_rows(
        orgs,
        projects=[{"id": k} for k in projects],
        participations=[{"project": k, "organisations": v} for k, v in projects.items()],
    )
    sector = {o["id"]: nace.section_of(o["nace"]) for o in orgs}
    expected: Counter = Counter()
    for members in projects.values():
        for u, v in itertools.combinations(sorted(set(members)), 2):
            if sector[u] and sector[v]:
                expected[tuple(sorted((sector[u], sector[v])))] += 1
    m = sector_matrix(p, "section")
    got = {(r["sector_a"], r["sector_b"]): r["links"] for r in sector_links(m, cross_only=False)}
    assert got == dict(expected)
    assert np.array_equal(m.links, m.links.T)


def test_rejects_unknown_level_and_via():
    p = two_sector_toy()
    with pytest.raises(ValueError):
        sector_matrix(p, "group")
    with pytest.raises(ValueError):
        sector_matrix(p, "section", "friends")
