"""Known answers for the helix mix and the SME share."""

from __future__ import annotations

import pytest

from analytics.helix import helix_mix
from analytics.projection import from_rows


def tiny():
    orgs = [
        {"id": "f1", "kind": "firm", "size": "sme"},
        {"id": "f2", "kind": "firm", "size": "sme"},
        {"id": "f3", "kind": "firm", "size": "large"},
        {"id": "f4", "kind": "firm"},
        {"id": "u1", "kind": "knowledge_institution"},
        {"id": "g1", "kind": "government"},
        {"id": "v1", "kind": "federation"},
        {"id": "o1", "kind": "association"},  # unknown kinds count as other
    ]
    return from_rows(
        orgs=orgs,
        clusters=[{"id": "X", "name": "X cluster", "type": "spearhead"}, {"id": "Y"}],
        memberships=[{"organisation": o["id"], "cluster": "X"} for o in orgs],
        projects=[{"id": "p", "year": 2021}],
        participations=[{"project": "p", "organisations": ["f1", "u1"]}],
    )


def test_cluster_helix_shares():
    x, y = helix_mix(tiny(), "clusters")
    assert x["id"] == "X" and x["members"] == 8
    assert (
        x["firm"],
        x["knowledge_institution"],
        x["government"],
        x["federation"],
        x["other"],
    ) == (4, 1, 1, 1, 1)
    assert x["helix_firm"] == 0.5 and x["helix_other"] == 0.125
    assert (x["smes"], x["firms_with_size"]) == (2, 3)
    assert x["sme_share"] == pytest.approx(2 / 3)
    assert y["members"] == 0 and y["helix_firm"] is None and y["sme_share"] is None


def test_project_helix_shares():
    [p] = helix_mix(tiny(), "projects")
    assert p["year"] == 2021 and p["members"] == 2
    assert p["helix_firm"] == 0.5 and p["helix_knowledge_institution"] == 0.5
    assert p["sme_share"] == 1.0


def test_unknown_unit():
    with pytest.raises(ValueError):
        helix_mix(tiny(), "regions")
