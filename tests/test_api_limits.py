"""Bounded resources, over real HTTP: analysts' queries cannot starve the service.

* With 24 endless queries running (6 analyst keys, 4 each: the per-key limit), ``/health``
  answers within 1 s and the pages answer (within 5 s: their own statements share Neo4j's
  CPU with the 24 endless ones, which no service can avoid; they wait for no thread, where
  the 15 s of the queries' timeout would show); a fifth query of one key gets 429.
* With Neo4j down, ``/clusters`` answers 503 within 2 s and ``/health`` within 1 s.
* A response stops at the byte limit as well as at the row limit.

The service runs under uvicorn on a free port of its own (not the test client), so requests
really are concurrent.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from api.app import create_app
from graph.server import free_port
from graph.settings import Settings

from .test_api_graph import Service, build_graph, service_fixture, service_settings  # noqa: F401

pytestmark = pytest.mark.live

# Pages read through statements Neo4j has planned before (a service that has been running):
# planning new statements competes for Neo4j's CPU with the endless queries, which no service
# can avoid; the service itself must not make them wait.
PAGES = ("/", "/ui/clusters/S1", "/ui/overlaps", "/clusters", "/maps/cluster/S1")
ENDLESS = "UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 1 RETURN count(*) AS n"


class Served:
    """An app under uvicorn on 127.0.0.1:<free port>, in a thread."""

    def __init__(self, app):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert self.server.started, "uvicorn did not start"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(30)


def timed_get(url: str, key: str | None = None) -> tuple[int, float]:
    headers = {"X-API-Key": key} if key else {}
    t = time.monotonic()
    r = httpx.get(url, headers=headers, timeout=30)
    return r.status_code, time.monotonic() - t


def test_health_and_pages_answer_while_24_endless_queries_run(db, tmp_path):
    build_graph(db)
    settings = service_settings(tmp_path / "home", INNOGRAPH_CYPHER_TIMEOUT=15)
    app = create_app(settings, db=db)
    analysts = [app.state.keys.create("analyst", f"analyst {i}")[1] for i in range(6)]
    viewer = app.state.keys.create("viewer", "viewer")[1]
    served = Served(app)
    pool = ThreadPoolExecutor(24)
    try:
        for path in PAGES:  # a running service: Neo4j has planned the pages' statements
            assert timed_get(served.url + path, viewer)[0] == 200
        running = [
            pool.submit(
                httpx.post,
                f"{served.url}/cypher",
                headers={"X-API-Key": key},
                json={"query": ENDLESS},
                timeout=60,
            )
            for key in analysts
            for _ in range(4)
        ]
        deadline = time.monotonic() + 10
        while app.state.analysts.running() < 24 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert app.state.analysts.running() == 24
        time.sleep(1.0)  # the queries are on the server now

        one_more = httpx.post(
            f"{served.url}/cypher",
            headers={"X-API-Key": analysts[0]},
            json={"query": "RETURN 1 AS one"},
            timeout=10,
        )
        assert one_more.status_code == 429 and one_more.headers["Retry-After"] == "5"
        assert "4 queries at once" in one_more.json()["detail"]

        for _ in range(5):
            status, seconds = timed_get(f"{served.url}/health")
            assert status == 200 and seconds < 1.0, (status, seconds)
        for path in PAGES:  # they wait for no thread; their own queries share Neo4j's CPU
            status, seconds = timed_get(served.url + path, viewer)  # with the 24 (2 cores here)
            assert status == 200 and seconds < 5.0, (path, status, seconds)
        assert all(not f.done() for f in running)  # still running all the while
        answers = [f.result(timeout=60) for f in running]
        assert {r.status_code for r in answers} == {400}
        assert all("timeout" in r.json()["detail"] for r in answers)
        assert app.state.analysts.running() == 0
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        served.stop()


def test_neo4j_down_answers_503_within_two_seconds(tmp_path):
    closed = free_port()  # nothing listens there
    settings = Settings(
        NEO4J_URI=f"bolt://127.0.0.1:{closed}",
        NEO4J_PASSWORD="nope",
        INNOGRAPH_HOME=str(tmp_path / "home"),
    )
    app = create_app(settings)
    key = app.state.keys.create("viewer")[1]
    with TestClient(app, raise_server_exceptions=False) as client:
        for path, most in (("/clusters", 2.0), ("/overlaps", 2.0), ("/health", 1.0)):
            t = time.monotonic()
            r = client.get(path, headers={"X-API-Key": key})
            seconds = time.monotonic() - t
            assert r.status_code == 503 and seconds < most, (path, r.status_code, seconds)
        r = client.get("/clusters", headers={"X-API-Key": key})
        assert r.json() == {"detail": "Neo4j does not answer; try again in a moment."}
        assert client.get("/health").json() == {"neo4j": "unavailable"}


def test_a_response_stops_at_the_byte_limit(service: Service):
    """1,000 rows of 131,072 characters would be 131 MB: the answer stops at 10 MB."""
    query = (
        "UNWIND range(1, 1000) AS i RETURN i, reduce(s = '', x IN range(1, 17) | s + s + 'x') AS s"
    )
    r = service.post("/cypher", role="analyst", json={"query": query})
    body = r.json()
    assert r.status_code == 200 and body["truncated"] and body["truncated_by"] == "bytes"
    assert len(body["rows"][0]["s"]) == 131_071
    assert 0 < len(body["rows"]) < 1000 and len(r.content) <= body["byte_limit"] + 1_000
    r = service.post("/cypher", role="analyst", json={"query": query, "format": "csv"})
    assert r.status_code == 200 and len(r.content) <= 10_000_000 + 1_000


def test_the_byte_limit_is_a_setting(db, tmp_path):
    build_graph(db)
    app = create_app(service_settings(tmp_path, INNOGRAPH_CYPHER_MAX_BYTES=2_000), db=db)
    key = app.state.keys.create("analyst")[1]
    with TestClient(app) as client:
        r = client.post(
            "/cypher",
            headers={"X-API-Key": key},
            json={"query": "UNWIND range(1, 100) AS i RETURN i, 'padding padding padding' AS p"},
        )
        body = r.json()
        assert body["truncated_by"] == "bytes" and body["byte_limit"] == 2_000
        assert [row["i"] for row in body["rows"]] == list(range(1, len(body["rows"]) + 1))
        assert 40 < len(body["rows"]) < 100
