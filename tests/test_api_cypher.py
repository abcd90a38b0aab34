"""Read-only Cypher over HTTP: writes and schema changes refused with the graph unchanged,
formats, row limit, timeout; and every curated library query with its known answers."""

from __future__ import annotations

import html
import json
import re

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph import library
from graph.load import graph_counts
from graph.settings import Settings

from .test_api_graph import Service, build_graph, service_fixture  # noqa: F401

pytestmark = pytest.mark.live

WRITES = [
    "CREATE (n:Organisation {id: 'ORG:new'}) RETURN n",
    "create (n)",
    "// a comment first\nCREATE (n)",
    "MERGE (n:Organisation {id: 'F1'}) SET n.name = 'x'",
    "MATCH (n:Organisation {id: 'F1'}) SET n.name = 'hacked'",
    "MATCH (n) WITH n LIMIT 1 SET n.x = 1 RETURN n",
    "MATCH (n:Organisation {id: 'F1'}) DELETE n",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n:Organisation) REMOVE n.name",
    "MATCH (n:Organisation) REMOVE n:Organisation",
    "FOREACH (i IN [1] | CREATE (:X))",
    "UNWIND [1] AS i CALL (i) { CREATE (:X) } RETURN i",
    "MATCH (n) CALL { WITH n SET n.x = 1 } IN TRANSACTIONS RETURN count(*)",
    "CREATE INDEX nope IF NOT EXISTS FOR (n:Organisation) ON (n.nope)",
    "CREATE CONSTRAINT nope IF NOT EXISTS FOR (n:X) REQUIRE n.id IS UNIQUE",
    "DROP CONSTRAINT organisation_id",
    "DROP INDEX organisation_names",
    "CALL db.createLabel('Nope')",
    "CALL db.createProperty('nope')",
    "CALL db.clearQueryCaches()",
    "CREATE USER mallory SET PASSWORD 'secret123'",
    "CREATE DATABASE other",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "PROFILE CREATE (n)",
]


def snapshot(db) -> tuple:
    counts = graph_counts(db)
    (row,) = db.run_read("MATCH (o:Organisation {id: 'F1'}) RETURN properties(o) AS p")
    indexes = db.run_read("SHOW INDEXES YIELD name RETURN collect(name) AS names")
    labels = db.run_read("CALL db.labels() YIELD label RETURN collect(label) AS labels")
    return counts, row["p"], indexes, labels


@pytest.mark.parametrize("query", WRITES)
def test_cypher_refuses_writes_and_schema_changes(service: Service, query):
    before = snapshot(service.db)
    r = service.post("/cypher", role="analyst", json={"query": query})
    assert r.status_code == 400, r.text
    detail = r.json()["detail"]
    assert "Refused" in detail or "rejected" in detail, detail
    assert "Traceback" not in r.text
    assert snapshot(service.db) == before


def test_refusal_message_is_clear(service: Service):
    r = service.post("/cypher", role="analyst", json={"query": "CREATE (n)"})
    assert r.json()["detail"] == (
        "Refused: this query writes; only read-only queries are allowed here."
    )
    r = service.post("/cypher", role="analyst", json={"query": "DROP INDEX organisation_names"})
    assert r.json()["detail"] == (
        "Refused: this query changes the schema; only read-only queries are allowed here."
    )
    r = service.post("/cypher", role="analyst", json={"query": "CALL dbms.listConfig()"})
    assert r.json()["detail"].startswith(
        "Refused: the procedure dbms.listConfig is not allowed here"
    )
    assert "changes the schema" not in r.json()["detail"]


def test_cypher_reads_in_three_formats(service: Service):
    body = {
        "query": "MATCH (c:Cluster {type: $type}) RETURN c.id AS id, c.name AS name ORDER BY id",
        "parameters": {"type": "ibn"},
    }
    r = service.post("/cypher", role="analyst", json=body)
    assert r.json() == {
        "columns": ["id", "name"],
        "truncated": False,
        "truncated_by": None,
        "row_limit": 10_000,
        "byte_limit": 10_000_000,
        "rows": [{"id": "I1", "name": "Power-to-Gas"}, {"id": "I2", "name": "Composieten"}],
    }
    r = service.post("/cypher", role="analyst", json={**body, "format": "csv"})
    assert r.headers["content-type"].startswith("text/csv")
    assert r.text == "id,name\nI1,Power-to-Gas\nI2,Composieten\n"
    r = service.post("/cypher", role="analyst", json={**body, "format": "table"})
    assert r.headers["content-type"].startswith("text/plain")
    assert "Power-to-Gas" in r.text and "Composieten" in r.text


def test_cypher_values_are_plain_json(service: Service):
    r = service.post(
        "/cypher",
        role="analyst",
        json={
            "query": "MATCH (o:Organisation {id: 'F1'}) RETURN o, o.loaded_at AS at, [1, 2] AS xs"
        },
    )
    row = r.json()["rows"][0]
    assert row["o"]["name"] == "Alpha Chemicals NV" and isinstance(row["at"], str)
    assert row["xs"] == [1, 2]


def test_cypher_bad_input(service: Service):
    r = service.post("/cypher", role="analyst", json={"query": "MATCH (n RETURN n"})
    assert r.status_code == 400 and "cannot parse" in r.json()["detail"]
    r = service.post(
        "/cypher", role="analyst", json={"query": "RETURN $x", "parameters": {"x": 2**70}}
    )
    assert r.status_code == 400  # fits the schema, refused: 400 (422: breaks the schema)
    assert service.post("/cypher", role="analyst", json={"query": ""}).status_code == 422
    assert service.post("/cypher", role="analyst", json={}).status_code == 422
    r = service.post("/cypher", role="analyst", json={"query": "RETURN 1", "format": "xml"})
    assert r.status_code == 422


def test_cypher_row_limit_and_timeout_from_settings(db, tmp_path):
    build_graph(db)
    settings = Settings(
        INNOGRAPH_HOME=str(tmp_path), INNOGRAPH_CYPHER_ROW_LIMIT=3, INNOGRAPH_CYPHER_TIMEOUT=1
    )
    app = create_app(settings, db=db)
    key = app.state.keys.create("analyst")[1]
    with TestClient(app) as client:
        r = client.post(
            "/cypher",
            headers={"X-API-Key": key},
            json={"query": "MATCH (o:Organisation) RETURN o.id AS id ORDER BY id"},
        )
        assert r.json()["rows"] == [{"id": "E1"}, {"id": "F1"}, {"id": "F2"}]
        assert r.json()["truncated"] and r.json()["row_limit"] == 3
        assert r.json()["truncated_by"] == "rows"
        slow = "UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 1 RETURN count(*) AS n"
        r = client.post("/cypher", headers={"X-API-Key": key}, json={"query": slow})
        assert r.status_code == 400 and "timeout" in r.json()["detail"]


def test_cypher_page(service: Service):
    r = service.post(
        "/ui/cypher",
        role="analyst",
        data={"query": "MATCH (c:Cluster) RETURN c.name AS name ORDER BY name", "params": "{}"},
    )
    assert r.status_code == 200 and "Catalisti" in r.text and "5 rows" in r.text
    before = snapshot(service.db)
    r = service.post("/ui/cypher", role="analyst", data={"query": "CREATE (n)", "params": "{}"})
    assert r.status_code == 400 and "Refused: this query writes" in r.text
    r = service.post("/ui/cypher", role="analyst", data={"query": "RETURN 1", "params": "{x"})
    assert r.status_code == 400 and "not valid JSON" in r.text
    assert snapshot(service.db) == before


# -- the curated library -------------------------------------------------------------------------
KNOWN = {
    "firms_bridging_two_clusters": ({"a": "S1", "b": "S2"}, ["id"], [["F1"]]),
    "bridging_firms": ({}, ["id", "clusters"], [["F2", 2], ["F5", 2], ["F1", 2], ["F4", 2]]),
    "ibn_spearhead_overlap": (
        {},
        ["ibn", "spearhead", "shared", "jaccard", "overlap_coefficient"],
        [["I1", "S2", 2, 0.5, 1.0], ["I2", "S1", 1, 0.25, 1.0]],
    ),
    # K2: P2 (kind intercluster) and P4 (its participants F2, K2 are members of S2, I1, S3)
    "institutions_in_intercluster_projects": (
        {},
        ["id", "projects", "synthetic"],
        [["K2", 2, False], ["K1", 2, False]],
    ),
    "cluster_cross_sector_ties": (
        {"cluster": "S1"},
        ["sector_a", "sector_b", "ties"],
        [["20", "85", 2], ["10", "85", 1]],
    ),
    "members_without_projects": ({"cluster": "S1"}, ["id"], [["F4"], ["F6"]]),
    "members_by_province": (
        {"cluster": "S1"},
        ["province", "members"],
        [["BE-VBR", 2], ["BE-VAN", 1], ["BE-VLI", 1]],
    ),
    "clusters_of_organisation": (
        {"org": "E1"},
        ["id", "relationship", "role"],
        [["S1", "TIED_TO", "founder"]],
    ),
    "projects_of_theme": ({"theme": "HYDRO"}, ["id", "organisations"], [["P4", 2], ["P3", 2]]),
    "central_members": ({"cluster": "S3", "limit": 2}, ["id"], [["K1"], ["K2"]]),
    "strongest_overlaps": (
        {"min_shared": 2},
        ["a", "b", "shared"],
        [["I1", "S2", 2], ["S1", "S2", 2]],
    ),
}


def test_every_library_query_has_a_known_answer():
    assert set(library.library()) == set(KNOWN)
    for q in library.library().values():
        assert q.title and q.question, q.name
        for p in q.parameters:
            assert p.description, (q.name, p.name)
            assert f"${p.name}" in q.text, (q.name, p.name)


@pytest.mark.parametrize("name", sorted(KNOWN))
def test_library_query_known_answer(service: Service, name):
    params, columns, expected = KNOWN[name]
    before = snapshot(service.db)
    r = service.post(f"/queries/{name}", role="analyst", json={"parameters": params})
    assert r.status_code == 200, r.text
    rows = [[row[c] for c in columns] for row in r.json()["rows"]]
    assert rows == expected
    assert snapshot(service.db) == before


def test_library_listing_and_errors(service: Service):
    listing = service.get("/queries", role="analyst").json()
    assert {q["name"] for q in listing} == set(KNOWN)
    one = service.get("/queries/firms_bridging_two_clusters", role="analyst").json()
    assert one["title"] == "Firms that bridge two clusters"
    assert [p["name"] for p in one["parameters"]] == ["a", "b"]
    assert one["parameters"][0]["example"] == "catalisti"  # the bundled landscape's id
    r = service.post(
        "/queries/firms_bridging_two_clusters", role="analyst", json={"parameters": {"a": "S1"}}
    )
    assert r.status_code == 400 and "'b'" in r.json()["detail"]
    r = service.post(
        "/queries/members_by_province",
        role="analyst",
        json={"parameters": {"cluster": "S1", "evil": 1}},
    )
    assert r.status_code == 400 and "'evil'" in r.json()["detail"]
    assert service.post("/queries/nope", role="analyst", json={}).status_code == 404
    r = service.post(
        "/queries/members_by_province",
        role="analyst",
        json={"parameters": {"cluster": "S1"}, "format": "csv"},
    )
    assert r.text.splitlines()[0] == "province,members,firms"


def test_library_readme_lists_every_query():
    readme = (library.LIBRARY_DIR / "README.md").read_text()
    for name, q in library.library().items():
        assert f"{name}.cypher" in readme and q.title in readme, name


# the values each pick finds on the hand-built graph, worked out by hand from its drawing:
# firms bridging a pair: (S1,S2) F1; (I1,S2) F2 F5; (I2,S1) F4 -> I1, S2. Members: S1 and S2
# have 4 each (S1 first by id), also counting those with a PageRank; without projects: S1
# F4 F6, I2 F4 -> S1. Themes: "hydrogen" on P3 and P4, every other theme once.
PICKED = {
    "firms_bridging_two_clusters": {"a": "I1", "b": "S2"},
    "members_by_province": {"cluster": "S1"},
    "central_members": {"cluster": "S1", "limit": 10},
    "members_without_projects": {"cluster": "S1"},
    "projects_of_theme": {"theme": "hydrogen"},
}


def prefilled(service: Service, name: str) -> tuple[str, str]:
    """The query and parameters the Cypher page's form holds for a curated query."""
    r = service.get(f"/ui/cypher?name={name}", role="analyst")
    assert r.status_code == 200, r.text
    query, params = (
        html.unescape(m)
        for m in re.findall(r'<textarea id="(?:query|params)"[^>]*>(.*?)</textarea>', r.text, re.S)
    )
    return query, params


@pytest.mark.parametrize("name", sorted(KNOWN))
def test_library_query_prefilled_with_real_values_has_rows(service: Service, name):
    """Every curated query, as the page fills it in (its pick run on this graph), answers."""
    query, params = prefilled(service, name)
    values = json.loads(params)
    if name in PICKED:
        assert values == PICKED[name]
    r = service.post(f"/queries/{name}", role="analyst", json={"parameters": values})
    assert r.status_code == 200, r.text
    assert len(r.json()["rows"]) >= 1
    r = service.post("/ui/cypher", role="analyst", data={"query": query, "params": params})
    assert r.status_code == 200 and " 0 rows" not in r.text
    assert re.search(r'<span class="count">\d+ rows?', r.text)


def test_pick_falls_back_to_the_header_example(service: Service):
    """On a graph where the pick finds nothing, the header's (bundled landscape) ids remain."""
    q = library.get("firms_bridging_two_clusters")
    empty = library.CuratedQuery(q.name, parameters=q.parameters, pick="RETURN 1 AS n LIMIT 0")
    assert library.examples(service.db, empty) == {"a": "catalisti", "b": "flux50"}


def test_cypher_page_formats_numbers_and_keeps_apostrophes(service: Service):
    query = (
        "MATCH (c:Cluster {id: 'S3'}) RETURN c.name AS name, 2.0 / 3 AS share, 7 AS n, "
        "[1.0 / 3, c.name] AS xs, {jaccard: 1.0 / 6} AS m"
    )
    r = service.post("/ui/cypher", role="analyst", data={"query": query, "params": "{}"})
    assert r.status_code == 200, r.text
    (body,) = re.findall(r"<tbody>(.*?)</tbody>", r.text, re.S)
    assert "\\u0027" not in body  # the full value stays in the cell's title
    cells = [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td>(.*?)</td>", body)]
    assert cells == [
        "Flanders' FOOD",
        "0.6667",
        "7",
        '[0.3333, "Flanders\' FOOD"]',
        '{"jaccard": 0.1667}',
    ]
