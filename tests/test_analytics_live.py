"""Live: known answers written to Neo4j by ``run_all``, and a re-run replaces them.

Loads a hand-built graph with the real writer (``graph.load.write_records``), runs every
analysis twice and reads the results back with Cypher.
"""

from __future__ import annotations

import pytest

from analytics import adapter
from analytics.runs import run_all
from graph.load import graph_counts, write_records
from graph.records import Node, Records, Rel, SourceInfo

pytestmark = pytest.mark.live
SOURCE = "test:analytics"


def toy() -> Records:
    orgs = {
        "a": ("firm", "sme", "20.14"),
        "b": ("firm", "large", "62.01"),
        "c": ("knowledge_institution", None, "72.19"),
        "d": ("firm", "sme", "20.16"),
        "h": ("firm", "sme", "62.02"),
        "l1": ("firm", "sme", "20.11"),
        "l2": ("firm", "sme", "20.12"),
        "l3": ("firm", "sme", "20.13"),
    }
    nodes = [
        Node("Organisation", o, {"name": o.upper(), "kind": k, "size": s, "nace": n}, SOURCE)
        for o, (k, s, n) in orgs.items()
    ]
    nodes += [
        Node("Cluster", "X", {"name": "Cluster X", "type": "spearhead"}, SOURCE),
        Node("Cluster", "Y", {"name": "Cluster Y", "type": "ibn"}, SOURCE),
    ]
    nodes += [
        Node("Project", f"p{i}", {"year": 2020 + i, "themes": ["ai"]}, SOURCE) for i in (1, 2, 3)
    ]
    rels = [
        Rel("MEMBER_OF", "Organisation", o, "Cluster", c, {}, SOURCE)
        for c, members in (("X", "abc"), ("Y", "bcd"))
        for o in members
    ]
    rels += [
        Rel("PARTICIPATES_IN", "Organisation", o, "Project", f"p{i}", {}, SOURCE)
        for i in (1, 2, 3)
        for o in ("h", f"l{i}")
    ]  # a star around h
    return Records(nodes, rels, [SourceInfo(SOURCE, "analytics live test", "curated")])


def test_results_in_the_graph_and_rerun_replaces(db):
    write_records(db, toy())
    first = run_all(db, view="projects")
    [pair] = adapter.read_overlaps(db)
    assert (pair["a"], pair["b"], pair["shared"], pair["jaccard"]) == ("X", "Y", 2, 0.5)
    assert pair["overlap_coefficient"] == pytest.approx(2 / 3)
    assert pair["shared_ids"] == ["b", "c"] and pair["run_id"] == first.run.id
    top = db.run_read(
        "MATCH (o:Organisation) RETURN o.id AS id ORDER BY o.betweenness DESC, o.id LIMIT 1"
    )
    assert top == [{"id": "h"}]
    links = db.run_read(
        "MATCH (a:Sector)-[r:SECTOR_LINK {via: 'projects', level: 'section'}]"
        "->(b:Sector) RETURN a.id AS a, b.id AS b, r.links AS links"
    )
    assert {(r["a"], r["b"]): r["links"] for r in links} == {("C", "J"): 3}
    helix = db.run_read(
        "MATCH (c:Cluster {id: 'X'}) RETURN c.helix_firm AS firm, c.sme_share AS sme"
    )
    assert helix[0]["firm"] == pytest.approx(2 / 3) and helix[0]["sme"] == 0.5
    assert adapter.read_cluster_ranking(db, "X", 3)[0]["pagerank"] > 0

    before = graph_counts(db)
    second = run_all(db, view="projects")
    after = graph_counts(db)
    assert second.run.id != first.run.id
    assert {k: v for k, v in after.items() if "AnalyticsRun" not in k} == {
        k: v for k, v in before.items() if "AnalyticsRun" not in k
    }
    [pair] = adapter.read_overlaps(db)
    assert pair["run_id"] == second.run.id
