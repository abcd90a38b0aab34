"""The foundation against the real server: schema, constraints, read-only Cypher, the writer."""

from __future__ import annotations

import json

import pytest

from graph import schema
from graph.errors import GraphError, QueryRefused
from graph.guard import run_read_only
from graph.load import graph_counts, write_records
from graph.records import Node, Records, Rel, SourceInfo

from .conftest import run_cli

pytestmark = pytest.mark.live


def constraint_names(db) -> set[str]:
    return {r["name"] for r in db.run_read("SHOW CONSTRAINTS YIELD name RETURN name")}


def test_schema_apply_twice_is_idempotent(db):
    before = constraint_names(db)
    assert {"organisation_id", "cluster_id", "organisation_enterprise_number"} <= before
    indexes = db.run_read("SHOW INDEXES YIELD name, type RETURN name, type")
    version = schema.apply(db)
    assert version == schema.current_version()
    assert constraint_names(db) == before
    assert db.run_read("SHOW INDEXES YIELD name, type RETURN name, type") == indexes
    assert {"name": "organisation_names", "type": "FULLTEXT"} in indexes
    (row,) = db.run_read("MATCH (v:SchemaVersion) RETURN v.version AS version, count(*) AS n")
    assert row == {"version": schema.current_version(), "n": 1}


def test_constraint_rejects_duplicate_key(db):
    db.run_write("CREATE (:Organisation {id: 'ORG:x', name: 'X'})")
    with pytest.raises(GraphError, match="already exists") as info:
        db.run_write("CREATE (:Organisation {id: 'ORG:x', name: 'X again'})")
    assert info.value.code == "Neo.ClientError.Schema.ConstraintValidationFailed"
    with pytest.raises(GraphError) as info:
        db.run_write(
            "CREATE (:Organisation {id: 'ORG:a', enterprise_number: '0123456749'}),"
            " (:Organisation {id: 'ORG:b', enterprise_number: '0123456749'})"
        )
    assert info.value.code == "Neo.ClientError.Schema.ConstraintValidationFailed"
    (row,) = db.run_read("MATCH (o:Organisation) RETURN count(o) AS n")
    assert row["n"] == 1


@pytest.mark.parametrize(
    "query",
    [
        "CREATE (n) RETURN n",
        "MERGE (n:Organisation {id: 'x'}) RETURN n",
        "MATCH (n) SET n.touched = true",
        "MATCH (n) DETACH DELETE n",
        "MATCH (n) REMOVE n.name",
        "CREATE INDEX nope IF NOT EXISTS FOR (n:Organisation) ON (n.nope)",
        "DROP CONSTRAINT organisation_id",
        "CALL db.createLabel('Nope')",
        "CREATE USER mallory SET PASSWORD 'secret123'",
        "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
        "MATCH (n) CALL { WITH n SET n.x = 1 } IN TRANSACTIONS RETURN count(*)",
    ],
)
def test_read_only_guard_refuses_writes(db, query):
    db.run_write("CREATE (:Organisation {id: 'ORG:keep', name: 'Keep'})")
    before = graph_counts(db)
    with pytest.raises(QueryRefused):
        run_read_only(db, query)
    assert graph_counts(db) == before
    (row,) = db.run_read("MATCH (o:Organisation {id: 'ORG:keep'}) RETURN properties(o) AS p")
    assert row["p"] == {"id": "ORG:keep", "name": "Keep"}


def test_read_only_guard_runs_reads_with_row_limit(db):
    db.run_write("UNWIND range(1, 5) AS i CREATE (:Organisation {id: 'ORG:' + i, n: i})")
    res = run_read_only(db, "MATCH (o:Organisation) RETURN o.n AS n ORDER BY n", limit=3)
    assert res.columns == ["n"] and [r["n"] for r in res.rows] == [1, 2, 3] and res.truncated
    res = run_read_only(db, "MATCH (o:Organisation) WHERE o.n > $m RETURN count(*) AS c", {"m": 3})
    assert res.rows == [{"c": 2}] and not res.truncated


def test_cli_cypher_json_introspects_and_refuses_show_and_create(db, cli_env):
    db.run_write("CREATE (:Cluster {id: 'c1'})")
    proc = run_cli(["cypher", "CALL db.labels()", "--format", "json"], cli_env, check=True)
    assert {row["label"] for row in json.loads(proc.stdout)} >= {"Cluster"}
    proc = run_cli(["cypher", "SHOW CONSTRAINTS", "--format", "json"], cli_env)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "SHOW CONSTRAINTS is an administration command" in proc.stderr
    db.run_write("MATCH (c:Cluster) DETACH DELETE c")
    proc = run_cli(["cypher", "CREATE (n) RETURN n"], cli_env)
    assert proc.returncode != 0
    assert "Refused" in proc.stderr and "Traceback" not in proc.stderr
    (row,) = db.run_read("MATCH (n) WHERE NOT n:SchemaVersion RETURN count(n) AS n")
    assert row["n"] == 0


def test_cli_cypher_params_and_csv(db, cli_env):
    db.run_write("CREATE (:Cluster {id: 'c1', name: 'One'}), (:Cluster {id: 'c2', name: 'Two'})")
    proc = run_cli(
        [
            "cypher",
            "MATCH (c:Cluster) WHERE c.id = $id RETURN c.id AS id, c.name AS name",
            "--param",
            "id=c2",
            "--format",
            "csv",
        ],
        cli_env,
        check=True,
    )
    assert proc.stdout.strip().splitlines() == ["id,name", "c2,Two"]


def small_records(source: str = "test:a") -> Records:
    return Records(
        nodes=[
            Node("Organisation", "ORG:a", {"name": "A", "kind": "firm"}, source, "line 2"),
            Node(
                "Organisation",
                "ORG:b",
                {"name": "B", "kind": "firm", "size": None},
                source,
                "line 3",
            ),
            Node("Cluster", "c1", {"name": "C1", "type": "spearhead"}, source, "line 2"),
        ],
        rels=[
            Rel(
                "MEMBER_OF",
                "Organisation",
                "ORG:a",
                "Cluster",
                "c1",
                {"since": "2019-01-01"},
                source,
                "line 2",
            ),
            Rel("MEMBER_OF", "Organisation", "ORG:b", "Cluster", "c1", {}, source, "line 3"),
        ],
        sources=[SourceInfo(source, "Test source", "test")],
    )


def test_writer_is_idempotent_and_keeps_provenance(db):
    first = write_records(db, small_records())
    assert first.counts("Organisation").created == 2
    assert first.counts("MEMBER_OF").created == 2
    counts = graph_counts(db)
    second = write_records(db, small_records(), batch_size=1)
    assert graph_counts(db) == counts
    assert second.changed == 0 and second.counts("Organisation").unchanged == 2
    (row,) = db.run_read(
        "MATCH (o:Organisation {id: 'ORG:a'})-[r:MEMBER_OF]->(c:Cluster) "
        "RETURN o.source AS s, o.source_ref AS ref, o.sources AS ss, r.source AS rs, "
        "r.source_ref AS rref, r.loaded_at IS NOT NULL AS stamped, "
        "exists { (:Source {id: 'test:a'}) } AS has_source"
    )
    assert row == {
        "s": "test:a",
        "ref": "line 2",
        "ss": ["test:a"],
        "rs": "test:a",
        "rref": "line 2",
        "stamped": True,
        "has_source": True,
    }
    # A second source of the same rank adds itself to `sources`, without duplicates, but does
    # not change a field the first one set (graph.precedence: only a higher rank changes it).
    recs = small_records("test:b")
    recs.nodes[0] = Node("Organisation", "ORG:a", {"name": "A renamed"}, "test:b", "row 9")
    third = write_records(db, recs)
    assert third.counts("Organisation").updated == 2
    (row,) = db.run_read(
        "MATCH (o:Organisation {id: 'ORG:a'}) RETURN o.name AS name, o.source AS s, o.sources AS ss"
    )
    assert row == {"name": "A", "s": "test:a", "ss": ["test:a", "test:b"]}
    assert graph_counts(db) == {**counts, "node:Source": 2}


def test_writer_counts_missing_endpoints(db):
    recs = Records(
        rels=[Rel("MEMBER_OF", "Organisation", "ORG:none", "Cluster", "c9", {}, "t", "")]
    )
    summary = write_records(db, recs)
    assert summary.counts("MEMBER_OF").missing == 1
    (row,) = db.run_read("MATCH ()-[r]->() RETURN count(r) AS n")
    assert row["n"] == 0
