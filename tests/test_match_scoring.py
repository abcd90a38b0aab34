"""Partners for an organisation on a hand-built model: the obvious partner first, explained."""

from __future__ import annotations

import numpy as np
import pytest

from analytics.matching import Weights, from_rows, match_partners
from analytics.matching.signals import pair_lift
from graph.errors import InnographError, NotFound

SRC = "test:match"


def tiny():
    """``me`` worked with ``p1``; ``x`` worked twice with ``p1`` on battery recycling and sits in
    Catalisti and Flanders' FOOD; ``y`` makes cheese alone; ``z`` is far away."""
    orgs = [
        {"id": "me", "name": "Me NV", "kind": "firm", "size": "sme", "nace": "C20.1"},
        {"id": "p1", "name": "Partner One", "kind": "knowledge_institution"},
        {"id": "x", "name": "Xylo Recycling", "kind": "firm", "size": "sme", "nace": "E38.3"},
        {"id": "y", "name": "Yellow Cheese", "kind": "firm", "size": "sme", "nace": "C10.5"},
        {"id": "z", "name": "Zed Consulting", "kind": "firm", "size": "large", "nace": "M70"},
        {"id": "w", "name": "Wide Works", "kind": "other"},
    ]

    def part(org, project, title, year, line):
        return {
            "org": org,
            "project": project,
            "title": title,
            "year": year,
            "source": SRC,
            "source_ref": f"line {line}",
        }

    parts = [
        part("me", "A", "battery recycling pilot", 2020, 1),
        part("p1", "A", "battery recycling pilot", 2020, 2),
        part("p1", "B", "recycling of lithium batteries", 2021, 3),
        part("x", "B", "recycling of lithium batteries", 2021, 4),
        part("p1", "C", "battery recycling at scale", 2022, 5),
        part("x", "C", "battery recycling at scale", 2022, 6),
        part("y", "D", "cheese ripening", 2022, 7),
        part("z", "E", "management consulting", 2019, 8),
        part("w", "E", "management consulting", 2019, 9),
    ]
    mems = [
        {
            "org": "x",
            "cluster": "catalisti",
            "cluster_name": "Catalisti",
            "source": SRC,
            "source_ref": "members.csv line 2",
        },
        {
            "org": "x",
            "cluster": "food",
            "cluster_name": "Flanders' FOOD",
            "source": SRC,
            "source_ref": "members.csv line 3",
        },
        {
            "org": "y",
            "cluster": "food",
            "cluster_name": "Flanders' FOOD",
            "source": SRC,
            "source_ref": "members.csv line 4",
        },
        {
            "org": "me",
            "cluster": "catalisti",
            "cluster_name": "Catalisti",
            "source": SRC,
            "source_ref": "members.csv line 1",
        },
    ]
    return from_rows(orgs, parts, mems, version="tiny")


def test_obvious_partner_first_with_the_right_explanation():
    m = tiny()
    got = match_partners(m, "me", k=3)
    assert got[0].id == "x"
    why = got[0].explanation
    assert why[0] == (
        'Worked with Partner One, a partner of Me NV, on 2 projects, e.g. "battery '
        'recycling at scale" (2022). Source: test:match, line 6.'
    )
    assert "Member of Catalisti and Flanders' FOOD. Source: test:match, members.csv line 2." in why
    assert any(line.startswith("Works on battery recycling: project") for line in why)
    assert got[0].fit == 100 and 0 <= got[-1].fit < 100
    assert got[0].score == pytest.approx(sum(got[0].components.values()))
    assert {"shared_partners", "network", "topic_activity"} <= set(got[0].components)


def test_existing_partners_and_self_are_never_proposed():
    m = tiny()
    ids = [p.id for p in match_partners(m, "me", k=10)]
    assert "me" not in ids and "p1" not in ids
    assert len(ids) == len(set(ids)) == m.n_orgs - 2


def test_resolves_a_name_and_refuses_an_unknown_organisation():
    m = tiny()
    assert match_partners(m, "ME nv", k=1)[0].id == "x"
    with pytest.raises(NotFound):
        match_partners(m, "nobody", k=1)


def test_theme_brings_the_topic_forward():
    m = tiny()
    got = match_partners(m, "me", theme="cheese ripening", k=3)
    assert got[0].id == "y"
    assert any(
        line.startswith('Works on cheese ripening: project "cheese ripening"')
        for line in got[0].explanation
    )


def test_clusters_restrict_the_candidates():
    m = tiny()
    got = match_partners(m, "me", clusters=["Flanders' FOOD"], k=5)
    assert {p.id for p in got} == {"x", "y"}
    with pytest.raises(NotFound):
        match_partners(m, "me", clusters=["no such cluster"])


def test_weights_parse_validate_and_change_the_ranking(tmp_path):
    f = tmp_path / "w.yaml"
    f.write_text("topical: 3\nnetwork: 0\n", encoding="utf-8")
    w = Weights.parse(["shared_partners=0.5"], f)
    assert (w.topical, w.network, w.shared_partners, w.peer_partners) == (3.0, 0.0, 0.5, 1.0)
    with pytest.raises(InnographError):
        Weights.parse(["nonsense=1"])
    with pytest.raises(InnographError):
        Weights.parse(["topical=-1"])
    only_network = Weights(**dict.fromkeys(Weights().as_dict(), 0.0) | {"network": 1.0})
    got = match_partners(tiny(), "me", k=1, weights=only_network)
    assert got[0].id == "x" and set(got[0].components) == {"network"}


def test_pair_lift_is_positive_for_pairs_that_collaborate_more_than_chance():
    m = tiny()
    L, code = pair_lift(m, m.kinds)
    firm, ki = code[m.index["me"]], code[m.index["p1"]]
    assert L[firm, ki] > 0 and np.all(np.abs(L) <= 2)
