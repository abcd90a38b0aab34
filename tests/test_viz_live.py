"""Maps and figures from a real graph: ``graph.map_data``'s rows built by ``viz.graphs`` against
the throwaway Neo4j, and ``innograph map ...`` end to end, the cluster map opened in Chromium
with networking off."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph import map_data
from graph.errors import NotFound
from graph.load import write_records
from graph.records import Node, Records, Rel, SourceInfo
from viz import graphs
from viz.browser import open_map

from .conftest import run_cli
from .test_viz_browser import assert_drew, chromium  # noqa: F401  (fixture)

pytestmark = pytest.mark.live
SRC = "test:viz"


def tiny() -> Records:
    """A spearhead cluster SH with a manager, a tied federation, a knowledge institution and
    three firms (one also in the IBN linked to SH), a project, and NACE sectors."""

    def org(oid, name, kind, nace=None, **props):
        return Node(
            "Organisation",
            oid,
            {"name": name, "kind": kind, "nace": nace, **props},
            SRC,
            f"line {oid}",
        )

    def rel(rtype, a_label, a, b_label, b, **props):
        return Rel(rtype, a_label, a, b_label, b, props, SRC, f"{rtype} {a}")

    nodes = [
        Node(
            "Cluster",
            "SH",
            {"name": "Catalisti", "type": "spearhead", "domain": "chemistry"},
            SRC,
            "Tabel 10",
        ),
        Node("Cluster", "IBN", {"name": "Bio Base IBN", "type": "ibn"}, SRC, "Tabel 11"),
        org("MGR", "Catalisti vzw", "other"),
        org("FED", "essenscia", "federation", "94.11"),
        org("KUL", "KU Leuven", "knowledge_institution", "85.42", pagerank=0.4),
        org("F1", "Firm One", "firm", "20.13", pagerank=0.2, size="sme"),
        org("F2", "Firm Two", "firm", "62.01", pagerank=0.1),
        org("F3", "Firm Three", "firm", "20.14", synthetic=True),
        Node(
            "Project",
            "P1",
            {"title": "Bio-based coatings", "year": 2021, "instrument": "ICON"},
            SRC,
            "project 1",
        ),
        Node(
            "Sector", "C", {"section": "C", "level_name": "section", "name": "Manufacturing"}, SRC
        ),
        Node("Sector", "J", {"section": "J", "level_name": "section", "name": "ICT"}, SRC),
    ]
    rels = [
        rel("LINKED_TO", "Cluster", "IBN", "Cluster", "SH", relation="parent"),
        rel("MANAGES", "Organisation", "MGR", "Cluster", "SH"),
        rel("TIED_TO", "Organisation", "FED", "Cluster", "SH", relation="founder"),
        *(rel("MEMBER_OF", "Organisation", o, "Cluster", "SH") for o in ("KUL", "F1", "F2", "F3")),
        rel("MEMBER_OF", "Organisation", "F1", "Cluster", "IBN"),
        rel("MEMBER_OF", "Organisation", "F3", "Cluster", "IBN"),
        rel("PARTICIPATES_IN", "Organisation", "F1", "Project", "P1"),
        rel("PARTICIPATES_IN", "Organisation", "F2", "Project", "P1"),
        rel("PARTICIPATES_IN", "Cluster", "SH", "Project", "P1"),
        rel("IN_SECTOR", "Organisation", "F1", "Sector", "C"),
        rel("IN_SECTOR", "Organisation", "F2", "Sector", "J"),
    ]
    return Records(nodes, rels, [SourceInfo(SRC, "viz test graph", "test")])


@pytest.fixture
def loaded(db):
    summary = write_records(db, tiny())
    assert summary.counts("MEMBER_OF").missing == 0
    return db


def test_map_data_reads_the_cluster_ego_network(loaded):
    G = graphs.cluster_graph(**map_data.cluster_rows(loaded, "SH"))
    assert set(G.nodes) == {"SH", "IBN", "MGR", "FED", "KUL", "F1", "F2", "F3", "P1"}
    assert G.nodes["SH"]["members"] == 4 and G.nodes["SH"]["role"] == "focus"
    assert G.nodes["F1"]["section"] == "C" and G.nodes["F1"]["source_ref"] == "line F1"
    assert (
        G.edges["FED", "SH"]["type"] == "TIED_TO" and G.edges["FED", "SH"]["relation"] == "founder"
    )
    assert G.edges["F1", "IBN"]["type"] == "MEMBER_OF"  # a bridge
    assert G.nodes["P1"]["name"] == "Bio-based coatings"
    with pytest.raises(NotFound):
        map_data.cluster_rows(loaded, "NOPE")


def test_map_data_reads_the_ecosystem_aggregated(loaded):
    G = graphs.ecosystem_graph(**map_data.ecosystem_rows(loaded, max_organisations=1))
    # drawn: the clusters, the manager, the tied federation and the most central non-firm
    # member (KU Leuven); the firms are counted per cluster, kind and sector
    assert {"SH", "IBN", "MGR", "FED", "KUL"} <= set(G.nodes)
    groups = {n: a for n, a in G.nodes(data=True) if a["kind"] == "group"}
    assert {n: a["count"] for n, a in groups.items()} == {
        "group:SH:firm:C": 2,
        "group:SH:firm:J": 1,
        "group:IBN:firm:C": 2,
    }
    assert G.nodes["group:IBN:firm:C"]["synthetic_count"] == 1
    G0 = graphs.ecosystem_graph(**map_data.ecosystem_rows(loaded, max_organisations=0))
    assert "KUL" not in G0 and G0.nodes["group:SH:knowledge_institution:P"]["count"] == 1


def test_map_data_overlaps_computed_then_as_analytics_wrote_them(loaded):
    G = graphs.overlap_graph_from_rows(**map_data.overlap_rows(loaded))
    assert G.edges["IBN", "SH"]["shared"] == 2
    assert G.edges["IBN", "SH"]["jaccard"] == pytest.approx(0.5)  # 2 / (4 + 2 - 2)
    assert G.edges["IBN", "SH"]["overlap_coefficient"] == 1.0
    loaded.run_write(
        "MATCH (a:Cluster {id: 'IBN'}), (b:Cluster {id: 'SH'}) MERGE (a)"
        "-[:OVERLAPS {shared: 7, jaccard: 0.7, overlap_coefficient: 0.9}]->(b)"
    )
    G = graphs.overlap_graph_from_rows(**map_data.overlap_rows(loaded))
    assert G.edges["IBN", "SH"]["shared"] == 7


def test_map_data_sector_links_computed_then_as_analytics_wrote_them(loaded):
    assert map_data.sector_links(loaded) == [
        {"a": "C", "b": "J", "links": 1, "from_synthetic": False, "synthetic_share": 0.0}
    ]
    loaded.run_write(
        "MATCH (c:Sector {id: 'C'}), (j:Sector {id: 'J'}) "
        "MERGE (j)-[:SECTOR_LINK {via: 'projects', level: 'section', links: 5}]->(c)"
    )
    assert map_data.sector_links(loaded) == [
        {"a": "C", "b": "J", "links": 5, "from_synthetic": False, "synthetic_share": 0.0}
    ]


@pytest.mark.browser
def test_cli_cluster_map_opens_offline_in_chromium(loaded, cli_env, tmp_path, chromium):  # noqa: F811
    out = tmp_path / "maps" / "sh.html"
    proc = run_cli(["map", "cluster", "SH", "--out", str(out)], cli_env, check=True)
    assert proc.stdout.strip().splitlines()[-1] == str(out.resolve())
    # 8 nodes and 9 edges: the manager MGR and its MANAGES edge are the cluster's own node
    assert "8 nodes" in proc.stderr and "opens offline" in proc.stderr
    result = open_map(chromium, out)
    assert_drew(result, 8)
    assert result["edges"] == 9


def test_cli_other_maps_and_figures(loaded, cli_env, tmp_path):
    def run(*args: str) -> Path:
        proc = run_cli(["map", *args], cli_env, check=True)
        path = Path(proc.stdout.strip().splitlines()[-1])
        assert path.exists() and path.stat().st_size > 0
        return path

    eco = run("ecosystem", "--out", str(tmp_path / "eco.html"), "--color-by", "sector")
    assert "Flemish innovation ecosystem" in eco.read_text(encoding="utf-8")
    run("overlap", "--out", str(tmp_path / "overlap.html"), "--measure", "jaccard")
    assert run("heatmap", "--out", str(tmp_path / "h.png")).read_bytes()[:4] == b"\x89PNG"
    assert "<svg" in run("sectors", "--out", str(tmp_path / "s.svg")).read_text()

    saved = tmp_path / "match.json"
    saved.write_text(
        json.dumps(
            [
                {"id": "F2", "name": "Firm Two", "score": 0.8, "explanation": "shares project P1"},
                {
                    "id": "KUL",
                    "name": "KU Leuven",
                    "score": 0.5,
                    "explanation": ["member of Catalisti"],
                },
            ]
        )
    )
    page = run(
        "match", "--for", "F1", "--from-json", str(saved), "--out", str(tmp_path / "m.html")
    ).read_text(encoding="utf-8")
    assert "Partners for Firm One" in page and "shares project P1" in page
    assert "Catalisti" in page  # the partners' clusters come from the graph


def test_cli_map_errors_are_sentences(loaded, cli_env, tmp_path):
    proc = run_cli(["map", "cluster", "NOPE", "--out", str(tmp_path / "x.html")], cli_env)
    assert proc.returncode == 1 and "no cluster with id 'NOPE'" in proc.stderr
    proc = run_cli(["map", "overlap", "--out", str(tmp_path / "x.png")], cli_env)
    assert proc.returncode == 1 and "HTML file" in proc.stderr
    proc = run_cli(["map", "heatmap", "--out", str(tmp_path / "x.html")], cli_env)
    assert proc.returncode == 1 and ".png or an .svg" in proc.stderr
    proc = run_cli(["map", "match", "--out", str(tmp_path / "x.html")], cli_env)
    assert proc.returncode == 1 and "--for ORG" in proc.stderr
    assert "Traceback" not in proc.stderr
    # --for runs analytics.matching when it offers match_partners; until then a clear sentence
    proc = run_cli(["map", "match", "--for", "F1", "--out", str(tmp_path / "m.html")], cli_env)
    assert proc.returncode == 0 or "--from-json" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
