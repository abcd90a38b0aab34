"""``innograph purge`` against the real server: known answers on hand-built graphs, and the
acceptance check that a purge of the synthetic and example data leaves the counts of a graph
that never had them (analytics recomputed, earlier runs dropped)."""

from __future__ import annotations

import json

import pytest

from analytics import runs
from graph import purge as purging
from graph.errors import InnographError
from graph.load import graph_counts, write_records
from graph.records import Node, Records, Rel, SourceInfo
from graph.version import graph_version
from ingest import landscape, pipeline, sectors, synthetic
from ingest.data import DATA_DIR
from tests.conftest import run_cli

pytestmark = pytest.mark.live

SEEDS = "seeds/a.txt"
CORDIS = "cordis:h2020/organization.csv"


def two_sources() -> tuple[Records, Records]:
    """KU Leuven from both sources (CORDIS adds legal_name), ACME and its project from CORDIS
    only, and one synthetic organisation a member of the curated cluster."""
    curated = Records(
        nodes=[
            Node("Organisation", "ORG:kul", {"name": "KU Leuven"}, SEEDS, "row 1"),
            Node("Cluster", "sim", {"name": "SIM"}, SEEDS, "row 2"),
        ],
        rels=[Rel("MEMBER_OF", "Organisation", "ORG:kul", "Cluster", "sim", {}, SEEDS, "r")],
        sources=[SourceInfo(SEEDS, "seed", "document")],
    )
    cordis = Records(
        nodes=[
            Node("Organisation", "ORG:kul", {"legal_name": "KU LEUVEN", "pic": "1"}, CORDIS, "1"),
            Node("Organisation", "PIC:2", {"name": "ACME NV"}, CORDIS, "2"),
            Node("Project", "P1", {"title": "Coatings"}, CORDIS, "3"),
        ],
        rels=[
            Rel("PARTICIPATES_IN", "Organisation", "PIC:2", "Project", "P1", {}, CORDIS, "3"),
            Rel("PARTICIPATES_IN", "Organisation", "ORG:kul", "Project", "P1", {}, CORDIS, "3"),
        ],
        sources=[SourceInfo(CORDIS, "CORDIS", "cordis")],
    )
    return curated, cordis


def props(db, label: str, id: str) -> dict | None:
    rows = db.run_read(f"MATCH (n:{label} {{id: $id}}) RETURN properties(n) AS p", {"id": id})
    return rows[0]["p"] if rows else None


def test_purge_a_source_deletes_what_only_it_supports_and_strips_the_rest(db):
    for records in two_sources():
        write_records(db, records)
    dry = purging.purge(db, source="cordis", dry_run=True)
    assert dict(dry.nodes) == {"Organisation": 1, "Project": 1, "Source": 1}
    assert dict(dry.relationships) == {"PARTICIPATES_IN": 2}
    assert dry.stripped_nodes == 1 and dry.sources == [CORDIS]
    assert props(db, "Project", "P1") is not None  # a dry run deletes nothing

    done = purging.purge(db, source="cordis", batch_size=1)  # one row a transaction
    assert (done.nodes, done.relationships) == (dry.nodes, dry.relationships)
    kul = props(db, "Organisation", "ORG:kul")
    assert kul is not None and kul["name"] == "KU Leuven"
    assert "legal_name" not in kul and "pic" not in kul and "field_sources" not in kul
    assert kul["sources"] == [SEEDS] and kul["source"] == SEEDS
    assert props(db, "Organisation", "PIC:2") is None and props(db, "Project", "P1") is None
    assert props(db, "Source", CORDIS) is None
    assert graph_counts(db) == {
        "node:Cluster": 1,
        "node:Organisation": 1,
        "node:SchemaVersion": 1,
        "node:Source": 1,
        "relationship:MEMBER_OF": 1,
    }
    version = graph_version(db)
    # idempotent: the source is gone, so a second purge of it is an error with a hint, and a
    # purge of the flags finds nothing
    with pytest.raises(InnographError, match="No source named 'cordis'"):
        purging.purge(db, source="cordis")
    again = purging.purge(db, synthetic=True, examples=True)
    assert again.changed == 0 and graph_version(db) == version


def test_purge_takes_a_creator_source_off_and_hands_the_node_over(db):
    curated, cordis = two_sources()
    write_records(db, cordis)  # CORDIS creates KU Leuven, the curated landscape adds its name
    write_records(db, curated)
    before = props(db, "Organisation", "ORG:kul")
    assert before is not None and before["source"] == CORDIS
    purging.purge(db, source=CORDIS)
    kul = props(db, "Organisation", "ORG:kul")
    assert kul is not None and kul["source"] == SEEDS and kul["sources"] == [SEEDS]
    assert kul["name"] == "KU Leuven" and "legal_name" not in kul and "pic" not in kul
    assert "source_ref" not in kul  # the row reference was CORDIS's


def test_unknown_source_names_close_ones(db):
    write_records(db, two_sources()[0])
    with pytest.raises(InnographError, match="Did you mean seeds/a.txt"):
        purging.purge(db, source="seeds/a.tx")
    with pytest.raises(InnographError, match="Say what to purge"):
        purging.purge(db)


def load_real(db) -> None:
    write_records(db, sectors.build_sectors())
    write_records(db, landscape.build_landscape())


def test_purge_synthetic_and_examples_leaves_a_real_graph(db, cli_env):
    load_real(db)
    runs.run_all(db)
    real = graph_counts(db)
    real_overlaps = db.run_read(
        "MATCH ()-[r:OVERLAPS]->() RETURN count(r) AS n, sum(r.shared) AS shared"
    )[0]

    pipeline.ingest_path(db, DATA_DIR.parent / "examples" / "clusterfiles")
    write_records(db, synthetic.generate(300, seed=3))
    runs.run_all(db)
    flagged = db.run_read("MATCH ()-[r:OVERLAPS]->() WHERE r.from_synthetic RETURN count(r) AS n")[
        0
    ]["n"]
    assert flagged > 0
    demo_nodes = db.run_read("MATCH (n) WHERE n.synthetic OR n.example RETURN count(n) AS n")[0][
        "n"
    ]

    dry = run_cli(["purge", "--synthetic", "--examples", "--dry-run", "--output", "json"], cli_env)
    assert dry.returncode == 0, dry.stderr
    rows = json.loads(dry.stdout)
    assert sum(r["deleted"] for r in rows if r["what"] == "node") == demo_nodes
    assert "would be deleted" in dry.stderr

    done = run_cli(["purge", "--synthetic", "--examples", "--batch-size", "500"], cli_env)
    assert done.returncode == 0, done.stderr
    assert "Analytics recomputed" in done.stderr and "2 earlier runs removed" in done.stderr
    assert graph_counts(db) == real
    after = db.run_read(
        "MATCH ()-[r:OVERLAPS]->() RETURN count(r) AS n, sum(r.shared) AS shared, "
        "sum(CASE WHEN r.from_synthetic THEN 1 ELSE 0 END) AS flagged"
    )[0]
    assert (after["n"], after["shared"], after["flagged"]) == (
        real_overlaps["n"],
        real_overlaps["shared"],
        0,
    )
    assert db.run_read("MATCH (c:Cluster) WHERE c.helix_from_synthetic RETURN count(c) AS n") == [
        {"n": 0}
    ]

    again = run_cli(["purge", "--synthetic", "--examples"], cli_env)
    assert again.returncode == 0 and "0 nodes and 0 relationships were deleted" in again.stderr
    assert "Analytics recomputed" not in again.stderr
    assert graph_counts(db) == real


def test_no_recompute_removes_the_derived_facts(db, cli_env):
    write_records(db, landscape.build_landscape())
    write_records(db, synthetic.generate(50, seed=1))
    runs.run_all(db)
    done = run_cli(["purge", "--synthetic", "--no-recompute"], cli_env)
    assert done.returncode == 0, done.stderr
    assert "Derived facts removed (1 runs" in done.stderr
    left = db.run_read(
        "CALL () { MATCH ()-[r:OVERLAPS|SECTOR_LINK]->() RETURN count(r) AS links } "
        "CALL () { MATCH (a:AnalyticsRun) RETURN count(a) AS runs } "
        "CALL () { MATCH (c:Cluster) WHERE c.helix_members IS NOT NULL RETURN count(c) AS helix } "
        "RETURN links, runs, helix"
    )
    assert left == [{"links": 0, "runs": 0, "helix": 0}]
