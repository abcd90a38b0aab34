"""Live: the match model read from Neo4j with the catalogued statements, and the CLI on it.

Loads a hand-built graph with the real writer (``graph.load.write_records``), then asks for
partners and a call through ``analytics.matching`` (on the model an
``analytics.adapter.ModelCache`` reads) and through ``innograph match``.
"""

from __future__ import annotations

import json

import pytest

from analytics.adapter import ModelCache
from analytics.matching import match_call, match_partners
from graph.load import write_records
from graph.records import Node, Records, Rel, SourceInfo
from tests.conftest import run_cli

pytestmark = pytest.mark.live
SOURCE = "test:matching"


def toy() -> Records:
    orgs = {
        "me": ("Me NV", "firm", "sme"),
        "p1": ("Partner One", "knowledge_institution", None),
        "x": ("Xylo Recycling", "firm", "sme"),
        "y": ("Yellow Cheese", "firm", "sme"),
        "z": ("Zed Consulting", "firm", "large"),
        "u": ("Uni Gent", "knowledge_institution", None),
    }
    nodes = [
        Node(
            "Organisation",
            o,
            {"name": n, "kind": k, "size": s, "country": "BE"},
            SOURCE,
            f"orgs {o}",
        )
        for o, (n, k, s) in orgs.items()
    ]
    nodes += [
        Node("Cluster", "catalisti", {"name": "Catalisti", "type": "spearhead"}, SOURCE),
        Node("Cluster", "food", {"name": "Flanders' FOOD", "type": "spearhead"}, SOURCE),
        Node(
            "Instrument",
            "icon",
            {"name": "ICON", "min_firms": 2, "assumed_min_research_partners": 1},
            SOURCE,
        ),
    ]
    titles = {
        "A": "battery recycling pilot",
        "B": "recycling of lithium batteries",
        "C": "battery recycling at scale",
        "D": "cheese ripening",
        "E": "consulting on food recycling",
    }
    nodes += [
        Node("Project", p, {"title": t, "year": 2020 + i, "themes": ["recycling"]}, SOURCE)
        for i, (p, t) in enumerate(titles.items())
    ]
    parts = [
        ("me", "A"),
        ("p1", "A"),
        ("p1", "B"),
        ("x", "B"),
        ("p1", "C"),
        ("x", "C"),
        ("y", "D"),
        ("z", "E"),
        ("u", "E"),
    ]
    rels = [
        Rel(
            "PARTICIPATES_IN",
            "Organisation",
            o,
            "Project",
            p,
            {"role": "participant"},
            SOURCE,
            f"line {n}",
        )
        for n, (o, p) in enumerate(parts, start=1)
    ]
    rels += [
        Rel(
            "MEMBER_OF", "Organisation", o, "Cluster", c, {"role": "member"}, SOURCE, f"members {o}"
        )
        for o, c in [
            ("x", "catalisti"),
            ("x", "food"),
            ("y", "food"),
            ("me", "catalisti"),
            ("z", "catalisti"),
            ("u", "food"),
        ]
    ]
    return Records(nodes, rels, [SourceInfo(SOURCE, "matching live test", "curated")])


def test_partners_and_call_from_the_graph(db):
    write_records(db, toy())
    models = ModelCache(check_every=0)  # every get reads the graph's version
    model = models.get(db)
    assert model.n_orgs == 6 and model.instruments["icon"]["min_research_partners"] == 1
    top = match_partners(model, "me", k=2)
    assert top[0].id == "x"
    assert (
        top[0]
        .explanation[0]
        .startswith("Worked with Partner One, a partner of Me NV, on 2 projects")
    )
    assert "Source: matching live test, line" in top[0].explanation[0]
    result = match_call(
        models.get(db),
        {"text": "recycling", "clusters": ["catalisti", "food"], "instrument": "icon"},
    )
    assert result.instrument_rules.min_firms == 2 and result.consortia
    for c in result.consortia:
        assert c.satisfied and set(c.clusters) == {"catalisti", "food"}
    assert models.get(db) is model  # cached: the graph did not change


def test_match_command_prints_json(db, cli_env):
    write_records(db, toy())
    proc = run_cli(
        ["match", "--for", "Me NV", "--k", "2", "--format", "json", "--save", "mine"],
        cli_env,
        check=True,
    )
    rows = json.loads(proc.stdout)
    assert rows[0]["id"] == "x" and rows[0]["explanation"] and "score" in rows[0]
    listed = run_cli(["match", "--list", "--format", "json"], cli_env, check=True)
    assert json.loads(listed.stdout)[0]["id"] == "mine"
