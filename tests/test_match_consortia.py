"""Partners for a call: every proposed consortium satisfies its instrument's rules and covers
every required cluster, on several random small models."""

from __future__ import annotations

import json

import numpy as np
import pytest

from analytics.matching import RULES, Call, from_rows, load_call, match_call, rules_for
from analytics.matching.composition import check_consortium
from graph.errors import InnographError

WORDS = [
    "battery",
    "recycling",
    "hydrogen",
    "food",
    "packaging",
    "logistics",
    "sensor",
    "coating",
    "biomass",
    "offshore",
    "wind",
    "water",
]
CLUSTERS = [
    ("catalisti", "Catalisti"),
    ("food", "Flanders' FOOD"),
    ("vil", "VIL"),
    ("flux50", "Flux50"),
    ("sim", "SIM"),
]


def random_model(seed: int, n: int = 60):
    rng = np.random.default_rng(seed)
    kinds = rng.choice(
        ["firm", "knowledge_institution", "other", "federation"], n, p=[0.7, 0.12, 0.12, 0.06]
    )
    orgs = []
    for i in range(n):
        size = rng.choice(["sme", "large"], p=[0.7, 0.3]) if kinds[i] == "firm" else None
        orgs.append(
            {
                "id": f"o{i:03d}",
                "name": f"Org {i}",
                "kind": str(kinds[i]),
                "size": None if size is None else str(size),
                "nace": str(rng.choice(["C20", "C10", "H52", "M72", "D35"])),
                "description": " ".join(rng.choice(WORDS, 3)),
            }
        )
    parts = []
    for p in range(n // 2):
        members = rng.choice(n, int(rng.integers(2, 6)), replace=False)
        title = " ".join(rng.choice(WORDS, 3))
        for o in members:
            parts.append(
                {
                    "org": f"o{o:03d}",
                    "project": f"P{p}",
                    "title": title,
                    "year": int(rng.integers(2015, 2024)),
                    "source": "test",
                    "source_ref": f"row {len(parts)}",
                }
            )
    mems = []
    for i in range(n):
        for c in rng.choice(len(CLUSTERS), int(rng.integers(0, 3)), replace=False):
            cid, name = CLUSTERS[c]
            mems.append(
                {
                    "org": f"o{i:03d}",
                    "cluster": cid,
                    "cluster_name": name,
                    "source": "test",
                    "source_ref": f"member {i}",
                }
            )
    return from_rows(orgs, parts, mems)


def count(model, ids):
    idx = [model.index[i] for i in ids]
    firms = sum(model.kinds[i] == "firm" for i in idx)
    smes = sum(model.kinds[i] == "firm" and model.sizes[i] == "sme" for i in idx)
    research = sum(model.kinds[i] == "knowledge_institution" for i in idx)
    return firms, smes, research


@pytest.mark.parametrize("seed", range(8))
def test_every_consortium_satisfies_its_rules_and_covers_the_clusters(seed):
    model = random_model(seed)
    rng = np.random.default_rng(100 + seed)
    instrument = str(rng.choice(sorted(RULES)))
    clusters = [CLUSTERS[c][1] for c in rng.choice(len(CLUSTERS), 2, replace=False)]
    call = Call(
        text=" ".join(rng.choice(WORDS, 4)), clusters=clusters, instrument=instrument, consortia=4
    )
    result = match_call(model, call)
    rules = rules_for(instrument)
    assert result.consortia or result.problems
    keys = set()
    for c in result.consortia:
        ids = [m.id for m in c.members]
        assert len(ids) == len(set(ids))
        firms, smes, research = count(model, ids)
        assert firms >= rules.min_firms and smes >= rules.min_sme
        assert research >= rules.min_research
        assert rules.min_members <= len(ids) <= rules.max_members
        for name in clusters:
            cid = model.cluster_ids[model.resolve_cluster(name)]
            assert any(
                cid in [model.cluster_ids[x] for x in model.clusters_of(model.index[i])]
                for i in ids
            ), f"{name} not covered"
        assert (
            check_consortium(
                model,
                [model.index[i] for i in ids],
                rules,
                [model.resolve_cluster(n) for n in clusters],
            )
            == []
        )
        for m in c.members:
            for alt in m.alternatives:  # every alternative keeps the consortium valid
                swapped = [alt["id"] if i == m.id else i for i in ids]
                assert (
                    check_consortium(
                        model,
                        [model.index[i] for i in swapped],
                        rules,
                        [model.resolve_cluster(n) for n in clusters],
                    )
                    == []
                )
        keys.add(tuple(sorted(ids)))
        assert c.explanation and c.explanation[0].startswith(f"{firms} firm")
    assert len(keys) == len(result.consortia)  # proposals differ


def test_unmeetable_rules_give_no_consortium_but_a_reason():
    model = random_model(3)
    call = Call(
        text="battery recycling",
        clusters=["Catalisti", "VIL"],
        instrument="icon",
        rules={"min_research": 10, "max_members": 30},
    )
    result = match_call(model, call)
    assert result.consortia == []
    assert "research partners" in result.problems[0]


def test_partners_already_in_stay_in_every_consortium():
    model = random_model(5)
    fixed = model.org_ids[0]
    result = match_call(
        model,
        Call(
            text="battery",
            instrument="oo-research",
            partners=[fixed],
            clusters=["Catalisti", "SIM"],
        ),
    )
    for c in result.consortia:
        assert c.members[0].id == fixed and c.members[0].fixed


def test_intercluster_needs_two_clusters_and_known_instruments():
    model = random_model(1)
    with pytest.raises(InnographError):
        match_call(model, Call(text="x", clusters=["Catalisti"], intercluster=True))
    with pytest.raises(InnographError):
        match_call(model, Call(text="x", instrument="nope"))
    with pytest.raises(InnographError):
        Call.from_mapping({"text": "x", "colour": "red"})


def test_instrument_nodes_override_the_table():
    rules = rules_for(
        "icon",
        {
            "icon": {
                "min_firms": 5,
                "min_research_partners": 2,
                "requires_sme": False,
                "source": "graph",
            }
        },
    )
    assert (rules.min_firms, rules.min_research, rules.min_sme) == (5, 2, 0)
    assert rules_for("c-SBO").id == "csbo" and rules_for("ICON").min_firms == 3


def test_call_files_in_yaml_and_json(tmp_path):
    y = tmp_path / "call.yaml"
    y.write_text(
        "title: Batteries\ntext: recycling of lithium batteries\n"
        "clusters: [Catalisti, VIL]\ninstrument: COOCK\nconsortia: 5\n",
        encoding="utf-8",
    )
    j = tmp_path / "call.json"
    j.write_text(
        json.dumps(
            {
                "themes": ["hydrogen"],
                "clusters": "Flux50, SIM",
                "priority": "energy transition",
                "k": 7,
            }
        ),
        encoding="utf-8",
    )
    a, b = load_call(y), load_call(j)
    assert (a.instrument, a.clusters, a.consortia) == ("COOCK", ["Catalisti", "VIL"], 5)
    assert (b.clusters, b.transition_priority, b.candidates) == (
        ["Flux50", "SIM"],
        "energy transition",
        7,
    )
    result = match_call(random_model(2), a)
    assert result.as_dict()["rules"][0].startswith("COOCK")
