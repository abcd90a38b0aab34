"""Hostile Cypher against the real server: the two bypasses the hostile review found, and more
than forty forms of our own, each refused by ``graph.guard`` (through ``POST /cypher``, as an
analyst sends them) with the reason it names, and each checked for no side effect:

* a local HTTP listener receives no request (``LOAD CSV`` reached nothing);
* a second session's open transaction survives (nothing terminated or killed it);
* the graph's checksum (every node and relationship with its properties, labels, types,
  indexes and constraints) is unchanged.

The last tests show the managed server's own locks (``graph.server.SECURITY``) without the
guard: with the admin's credentials, ``LOAD CSV`` reaches neither the network nor files.
"""

from __future__ import annotations

import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import GraphDatabase
from neo4j.exceptions import ClientError

from api.app import create_app

from .conftest import wipe
from .test_api_graph import build_graph, service_settings

pytestmark = pytest.mark.live


class Listener:
    """A local HTTP server that records every request it gets."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        seen = self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the stdlib's name
                seen.append(self.path)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"a,b\n1,2\n")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/secret.csv"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Victim:
    """Another client's session with an open transaction, as an admin's long query would be."""

    def __init__(self, uri: str, user: str, password: str, admin) -> None:
        self.driver = GraphDatabase.driver(uri, auth=(user, password), user_agent="victim/1")
        self.session = self.driver.session()
        self.tx = self.session.begin_transaction(metadata={"app": "victim"})
        self.tx.run("MATCH (n) RETURN count(n) AS n").consume()
        (row,) = admin.run_auto(
            "SHOW TRANSACTIONS YIELD transactionId, connectionId, metaData "
            "WHERE metaData.app = 'victim' RETURN transactionId, connectionId"
        )
        self.tx_id, self.connection_id = row["transactionId"], row["connectionId"]

    def alive(self) -> bool:
        try:
            return self.tx.run("RETURN 1 AS one").single()["one"] == 1
        except Exception:  # noqa: BLE001 - any failure means the transaction is gone
            return False

    def close(self) -> None:
        if self.alive():
            self.tx.commit()
        self.session.close()
        self.driver.close()


def checksum(db) -> str:
    """Every node and relationship with its labels/type and properties, and the schema."""
    nodes = db.run_read(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props ORDER BY elementId(n)"
    )
    rels = db.run_read(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, b.id AS b, "
        "properties(r) AS props ORDER BY elementId(r)"
    )
    schema = db.run_auto("SHOW INDEXES YIELD name RETURN collect(name) AS names")
    schema += db.run_auto("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names")
    schema += db.run_auto("CALL db.labels() YIELD label RETURN collect(label) AS names")
    text = json.dumps([nodes, rels, schema], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture(scope="module")
def hostile(_schema_db, neo4j_credentials, tmp_path_factory):
    """The service on the hand-built graph, a listener, a victim transaction, the checksum."""
    db = _schema_db
    wipe(db)
    build_graph(db)
    app = create_app(service_settings(tmp_path_factory.mktemp("guard-home")), db=db)
    key = app.state.keys.create("analyst", "hostile analyst")[1]
    listener = Listener()
    victim = Victim(*neo4j_credentials, admin=db)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield {
            "client": client,
            "key": key,
            "listener": listener,
            "victim": victim,
            "db": db,
            "before": checksum(db),
        }
    victim.close()
    listener.close()


def forms(url: str, tx: str, conn: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(query, the reason the refusal must name, parameters)."""
    load = f"LOAD CSV FROM '{url}' AS l RETURN l"
    lcsv, kill, admin = "LOAD CSV is not allowed", "dbms.killConnection ", "administration command"
    in_tx, profile = "CALL { } IN TRANSACTIONS", "PROFILE runs the query"
    return [
        # 1. the review's first bypass: a comment marker inside a string literal
        (f"WITH '/*' AS a {load} //*/' AS b RETURN b", lcsv, {}),
        (f"WITH '/*' AS a CALL dbms.killConnection('{conn}') YIELD message "
         f"RETURN message //*/' AS b RETURN b", kill, {}),
        # 2. the review's second: SHOW ... TERMINATE, never plan-checked before
        (f"SHOW TRANSACTIONS YIELD transactionId AS t WHERE t = '{tx}' "
         "TERMINATE TRANSACTIONS t YIELD message RETURN message", "TERMINATE TRANSACTIONS", {}),
        ("SHOW TRANSACTIONS YIELD currentQuery, parameters RETURN *", "SHOW TRANSACTIONS", {}),
        # string literals holding comment markers
        (f"WITH '//' AS a {load}", lcsv, {}),
        ('WITH "/*" AS a CALL db.clearQueryCaches() YIELD value RETURN value //*/"',
         "db.clearQueryCaches", {}),
        (f"WITH '\\'/*' AS a {load} //*/", lcsv, {}),
        (f'WITH "*/" AS a {load}', lcsv, {}),
        (f"RETURN '/* */' AS a UNION ALL {load.replace('RETURN l', 'RETURN l[0] AS a')}", lcsv, {}),
        # comments that hide nothing from the planner
        (f"// harmless\n{load}", lcsv, {}),
        ("/* CALL db.labels() */ CALL dbms.listConfig()", "dbms.listConfig", {}),
        # backtick-quoted procedure names
        ("CALL `db`.`clearQueryCaches`()", "db.clearQueryCaches", {}),
        ("CALL `dbms`.`listConfig`() YIELD name RETURN name", "dbms.listConfig", {}),
        ("CALL `tx`.`setMetaData`({evil: true})", "tx.setMetaData", {}),
        (f"CALL `dbms`.`killConnection`('{conn}')", kill, {}),
        # mixed case
        (f"lOaD cSv FrOm '{url}' aS l ReTuRn l", lcsv, {}),
        ("cAlL dbms.listConnections()", "dbms.listConnections", {}),
        (f"tErMiNaTe TrAnSaCtIoNs '{tx}'", "TERMINATE TRANSACTIONS", {}),
        ("sHoW sEtTiNgS", "SHOW SETTINGS", {}),
        # unicode and other whitespace
        (load.replace("LOAD CSV", "LOAD\u00a0CSV"), lcsv, {}),
        (load.replace("LOAD CSV", "LOAD\u2028CSV"), lcsv, {}),
        (load.replace("LOAD CSV FROM", "LOAD\tCSV\nFROM"), lcsv, {}),
        ("CALL\u3000dbms.listConnections()", "dbms.listConnections", {}),
        # EXPLAIN / PROFILE prefixes and query options
        (f"EXPLAIN {load}", lcsv, {}),
        (f"PROFILE {load}", profile, {}),
        (f"PROFILE CALL dbms.killConnection('{conn}')", profile, {}),
        ("explain CALL dbms.listConfig()", "dbms.listConfig", {}),
        (f"CYPHER runtime=slotted {load}", lcsv, {}),
        ("CYPHER 5 CALL dbms.listConnections()", "dbms.listConnections", {}),
        # nested subqueries and unions
        (f"CALL {{ {load} }} RETURN l", lcsv, {}),
        (f"CALL () {{ CALL dbms.killConnection('{conn}') YIELD message RETURN message }} "
         "RETURN message", kill, {}),
        ("MATCH (n) WHERE EXISTS { CALL db.clearQueryCaches() YIELD value RETURN value } "
         "RETURN n", "db.clearQueryCaches", {}),
        (f"RETURN COLLECT {{ {load} }} AS x", lcsv, {}),
        (f"RETURN COUNT {{ {load} }} AS x", lcsv, {}),
        (f"MATCH (c:Cluster) CALL (c) {{ LOAD CSV FROM '{url}?' + c.id AS l RETURN l }} "
         "RETURN l", lcsv, {}),
        ("RETURN 1 AS x UNION CALL dbms.listConfig() YIELD name RETURN name AS x",
         "dbms.listConfig", {}),
        ("CALL db.labels() YIELD label WITH label CALL db.clearQueryCaches() YIELD value "
         "RETURN value", "db.clearQueryCaches", {}),
        # URLs from parameters and expressions; file URLs
        ("LOAD CSV FROM $url AS l RETURN l", lcsv, {"url": url}),
        ("WITH 'http://127.0.0.1:' AS u LOAD CSV FROM u + $port + '/p' AS l RETURN l", lcsv,
         {"port": url.split(":")[2].split("/")[0]}),
        ("LOAD CSV WITH HEADERS FROM 'file:///etc/passwd' AS l RETURN l", lcsv, {}),
        ("LOAD CSV FROM 'file:///' + 'password' AS l RETURN l", lcsv, {}),
        # procedures beyond read-only introspection
        ("CALL tx.setMetaData({evil: true})", "tx.setMetaData", {}),
        (f"CALL dbms.killConnections(['{conn}'])", "dbms.killConnections", {}),
        ("CALL dbms.components()", "dbms.components", {}),
        ("CALL dbms.queryJmx('*:*')", "dbms.queryJmx", {}),
        ("CALL dbms.showCurrentUser()", "dbms.showCurrentUser", {}),
        ("CALL db.createLabel('Evil')", "db.createLabel", {}),
        ("MATCH (n) WITH n LIMIT 1 CALL db.createProperty('evil') RETURN n",
         "db.createProperty", {}),
        ("CALL db.index.fulltext.queryNodes('organisation_names', 'Alpha') YIELD node "
         "RETURN node", "db.index.fulltext.queryNodes", {}),
        ("CALL db.awaitIndexes(1)", "db.awaitIndexes", {}),
        ("CALL db.stats.retrieve('GRAPH COUNTS')", "db.stats.retrieve", {}),
        ("USE system CALL dbms.listConfig()", "dbms.listConfig", {}),
        # SHOW, TERMINATE and administration commands
        (f"TERMINATE TRANSACTIONS '{tx}'", "TERMINATE TRANSACTIONS", {}),
        ("SHOW PROCEDURES", "SHOW PROCEDURES", {}),
        ("SHOW INDEXES", "SHOW INDEXES", {}),
        ("SHOW USERS", admin, {}),
        ("SHOW CURRENT USER", admin, {}),
        ("SHOW DATABASES", admin, {}),
        ("CREATE USER mallory SET PASSWORD 'secret123456'", admin, {}),
        ("ALTER USER neo4j SET PASSWORD 'hijacked12345'", admin, {}),
        ("STOP DATABASE neo4j", admin, {}),
        ("GRANT ROLE admin TO mallory", admin, {}),
        # CALL { } IN TRANSACTIONS, with and without writes
        ("MATCH (n) CALL (n) { SET n.evil = 1 } IN TRANSACTIONS RETURN count(*) AS c", in_tx, {}),
        ("UNWIND [1] AS x CALL (x) { RETURN x AS y } IN TRANSACTIONS OF 1 ROW RETURN y", in_tx, {}),
        ("UNWIND [1] AS x CALL (x) { RETURN x AS y } IN CONCURRENT TRANSACTIONS RETURN y",
         in_tx, {}),
        # plain writes and schema changes
        ("FOREACH (x IN [1] | CREATE (:Evil))", "this query writes", {}),
        ("MATCH (o:Organisation {id: 'F1'}) SET o.name = 'hacked' RETURN o", "writes", {}),
        ("CREATE INDEX evil FOR (n:Evil) ON (n.x)", "changes the schema", {}),
        ("DROP CONSTRAINT organisation_id", "changes the schema", {}),
    ]  # fmt: skip


# The forms are built from the listener's URL and the victim's ids, known once the fixture runs;
# each test takes its form by number.
COUNT = len(forms("http://127.0.0.1:1/x", "t", "c"))


def test_there_are_the_two_bypasses_and_more_than_forty_others():
    assert COUNT >= 42


@pytest.mark.parametrize("number", range(COUNT))
def test_hostile_form_is_refused_without_side_effect(hostile, number):
    victim, listener = hostile["victim"], hostile["listener"]
    query, reason, parameters = forms(listener.url, victim.tx_id, victim.connection_id)[number]
    r = hostile["client"].post(
        "/cypher",
        headers={"X-API-Key": hostile["key"]},
        json={"query": query, "parameters": parameters},
    )
    effects = {
        "the listener got a request": listener.requests != [],
        "the victim's transaction is gone": not victim.alive(),
        "the graph changed": checksum(hostile["db"]) != hostile["before"],
    }
    assert [what for what, happened in effects.items() if happened] == [], query
    assert r.status_code == 400, (query, r.text)
    detail = r.json()["detail"]
    assert detail.startswith("Refused: ") and reason in detail, (query, detail)


def test_the_same_text_runs_when_the_plan_only_reads(hostile):
    """A query whose string literal holds comment markers runs as written (nothing stripped)."""
    r = hostile["client"].post(
        "/cypher",
        headers={"X-API-Key": hostile["key"]},
        json={"query": "WITH '/*' AS a MATCH (c:Cluster {id: 'S1'}) RETURN a, c.name AS b //*/'"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["rows"] == [{"a": "/*", "b": "Catalisti"}]


def test_the_managed_server_refuses_load_csv_itself(hostile, neo4j_credentials):
    """Without the guard, with the admin's own credentials: no network, no files."""
    listener = hostile["listener"]
    uri, user, password = neo4j_credentials
    with GraphDatabase.driver(uri, auth=(user, password)) as driver:
        for url in (listener.url, f"http://localhost:{listener.port}/", "file:///etc/passwd"):
            with pytest.raises(ClientError) as e:
                driver.execute_query(f"LOAD CSV FROM '{url}' AS l RETURN l")
            assert e.value.code == "Neo.ClientError.Statement.ExternalResourceFailed"
    assert listener.requests == []
