"""The projection: sorted numbering, duplicates, grouped rows, NACE mapping, immutability."""

from __future__ import annotations

import numpy as np
import pytest

from analytics.projection import from_rows
from graph import nace


def test_sorted_ids_dedup_and_grouped_rows():
    p = from_rows(
        orgs=[{"id": "b", "kind": "FIRM", "size": "SME"}, {"id": "a", "kind": None}],
        clusters=[{"id": "Y"}, {"id": "X", "type": "ibn"}],
        memberships=[
            {"cluster": "Y", "organisations": ["b", "a", "b"]},
            {"organisation": "a", "cluster": "X"},
        ],
        projects=[{"id": "p", "year": "2020", "themes": "ai|health| ai"}],
        participations=[
            {"project": "p", "organisation": "a"},
            {"project": "p", "organisations": ["a", "b"]},
        ],
        cluster_participations=[{"cluster": "X", "project": "p"}],
    )
    assert p.org_ids == ["a", "b"] and p.cluster_ids == ["X", "Y"]
    assert p.org_kind == ["other", "firm"] and p.org_size == [None, "sme"]
    assert p.memberships.tolist() == [[0, 0], [0, 1], [1, 1]]
    assert p.participations.tolist() == [[0, 0], [1, 0]]
    assert p.project_year == [2020] and p.project_themes == [("ai", "health")]
    assert p.cluster_participations.tolist() == [[0, 0]]
    assert p.membership_matrix.toarray().tolist() == [[1, 1], [0, 1]]
    with pytest.raises(ValueError):
        p.memberships[0, 0] = 5  # read-only


def test_unknown_reference_raises():
    with pytest.raises(ValueError, match="unknown organisation id 'zz'"):
        from_rows(
            orgs=[{"id": "a"}],
            clusters=[{"id": "X"}],
            memberships=[{"organisation": "zz", "cluster": "X"}],
        )


def test_nace_levels():
    assert nace.division_of("20.14") == "20" and nace.section_of("20.14") == "C"
    assert nace.division_of("62010") == "62" and nace.section_of("62010") == "J"
    assert nace.section_of("C") == "C" and nace.division_of("C") is None
    assert nace.division_of("04") is None  # not a NACE Rev. 2 division
    assert nace.label("62").startswith("Computer programming")
    p = from_rows(
        orgs=[
            {"id": "a", "nace": "20.1"},
            {"id": "b", "nace": "62"},
            {"id": "c"},
            {"id": "d", "nace": "72.19"},
        ]
    )
    names, idx = p.sectors("section")
    assert names == ["C", "J", "M"] and idx.tolist() == [0, 1, -1, 2]
    names, idx = p.sectors("division")
    assert names == ["20", "62", "72"]
    names.append("zz")  # the caller's copy
    assert p.sectors("division")[0] == ["20", "62", "72"]
    assert isinstance(idx, np.ndarray)
