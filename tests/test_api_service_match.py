"""The service's matching, maps, uploads and ``innograph serve`` against the real (throwaway)
Neo4j: known answers on the hand-built graph of ``test_api_graph`` (split from test_api_service)."""

from __future__ import annotations

import pytest

from graph.load import graph_counts
from graph.server import free_port
from viz.render import external_resources

from .test_api_graph import EN, Service, service_fixture, service_settings  # noqa: F401
from .test_api_service import ids, ok

pytestmark = pytest.mark.live


# -- matchmaking ---------------------------------------------------------------------------------
def test_partner_search_obvious_partner_first(service: Service):
    r = ok(service.get("/match/partners", params={"org": "F1", "theme": "hydrogen"}))
    assert r["org"] == {"id": "F1", "name": "Alpha Chemicals NV", "kind": "firm"}
    first = r["partners"][0]
    assert first["id"] == "F2"  # Beta Energy: hydrogen projects, Flux50, partner of a partner
    assert any("hydrogen" in e.lower() for e in first["explanation"])
    found = ids(r["partners"])
    assert "F5" not in found and "K1" not in found  # F1 already works with them (P1)
    r = ok(service.get("/match/partners", params={"org": "F1", "clusters": "S3", "k": 5}))
    assert set(ids(r["partners"])) <= {"F3", "K2"}
    r = service.get("/match/partners", params={"org": "NOPE"})
    assert r.status_code == 404 and "'NOPE'" in r.json()["detail"]


def test_call_matchmaking_and_saved_matches(service: Service):
    body = {
        "text": "Hydrogen storage and valleys",
        "themes": ["hydrogen"],
        "clusters": ["S2", "S3"],
        "instrument": "ICON",
        "consortia": 3,
        "save": True,
    }
    r = ok(service.post("/match/call", json=body))
    assert r["candidates"] and r["consortia"]
    assert ids(r["candidates"])[0] == "F2"
    for c in r["consortia"]:
        assert c["members"]
        if c["satisfied"]:
            assert set(c["clusters"]) == {"S2", "S3"}
    saved = ok(service.get("/match/saved"))
    assert [s["id"] for s in saved] == [r["id"]]
    one = ok(service.get(f"/match/saved/{r['id']}"))
    assert one["request"]["clusters"] == ["S2", "S3"]
    assert one["result"]["candidates"][0]["id"] == "F2"
    csv = service.get(f"/match/saved/{r['id']}/csv")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    lines = csv.text.splitlines()
    assert lines[0] == "section,consortium,rank,id,name,kind,role,score,explanation"
    assert lines[1].startswith("candidate,,1,F2,Beta Energy BV,firm")
    assert service.get("/match/saved/nothing-here").status_code == 404
    r = service.post("/match/call", json={"themes": ["x"], "clusters": ["NOPE"]})
    assert r.status_code == 404
    r = service.post("/match/call", json={"themes": ["x"], "k": 0})
    assert r.status_code == 422


# -- maps ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "path, expect",
    [
        ("/maps/ecosystem", ["Catalisti", "Power-to-Gas", "essenscia"]),
        ("/maps/overlap", ["Catalisti", "Flux50"]),
        ("/maps/cluster/S1", ["Catalisti", "Alpha Chemicals NV"]),
        ("/maps/match?org=F1&theme=hydrogen", ["Alpha Chemicals NV", "Beta Energy BV"]),
        ("/maps/call?themes=hydrogen&clusters=S2", ["Beta Energy BV"]),
    ],
)
def test_maps_are_html_with_graph_data(service: Service, path, expect):
    r = service.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    for name in expect:
        assert name in r.text, name
    assert external_resources(r.text) == []  # self-contained: opens offline


def test_cluster_map_for_a_viewer_shows_counts_not_names(service: Service):
    r = service.get("/maps/cluster/S1", role="viewer")
    assert r.status_code == 200 and "Catalisti" in r.text
    for name in ("Alpha Chemicals NV", "Delta Materials", "Zeta Recycling", "KU Leuven"):
        assert name not in r.text
    assert "essenscia" in r.text  # tied to the cluster: a public role, drawn by name


def test_map_list(service: Service):
    r = ok(service.get("/maps", role="viewer"))
    assert {m["name"] for m in r["maps"]} == {"ecosystem", "overlap", "cluster", "match", "call"}


# -- ingest --------------------------------------------------------------------------------------
ORGS_CSV = (
    "id,name,kind,enterprise_number,nace,province,size,description\n"
    "u1,Upload One BV,firm,0403.170.701,20.14,Antwerpen,sme,An uploaded firm\n"
)
CLUSTERS_CSV = (
    "id,name,type,domain,parent_id,start_date,end_date\n"
    "up,Upload Cluster,spearhead,uploads,,2020-01-01,\n"
)
MEMBERS_CSV = "organisation_id,cluster_id,since,until,role\nu1,up,2021-01-01,,member\n"


def data_counts(db) -> dict[str, int]:
    """Node and relationship counts, without the schema version the pipeline records."""
    return {k: v for k, v in graph_counts(db).items() if k != "node:SchemaVersion"}


def with_landscape(db) -> None:
    """The curated landscape, as every real graph has it (cluster files may refer to its
    clusters; the pipeline loads it itself into a graph without it, even on a dry run)."""
    from ingest.pipeline import ensure_landscape

    ensure_landscape(db)


def test_ingest_upload_csvs(service: Service):
    with_landscape(service.db)
    files = [
        ("files", ("organisations.csv", ORGS_CSV, "text/csv")),
        ("files", ("clusters.csv", CLUSTERS_CSV, "text/csv")),
        ("files", ("memberships.csv", MEMBERS_CSV, "text/csv")),
    ]
    before = data_counts(service.db)
    r = ok(service.post("/ingest", params={"dry_run": True}, files=files))
    assert r["dry_run"] and data_counts(service.db) == before
    r = ok(service.post("/ingest", files=files))
    assert sorted(r["files"]) == ["clusters.csv", "memberships.csv", "organisations.csv"]
    assert r["results"][0]["records"]["MEMBER_OF"] == 1
    page = ok(service.get("/clusters", params={"q": "Upload"}))
    assert page["items"][0]["name"] == "Upload Cluster" and page["items"][0]["members"] == 1
    found = ok(service.get("/organisations", params={"q": "0403170701"}))
    assert [o["name"] for o in found["items"]] == ["Upload One BV"]


def test_ingest_bad_data_is_422_a_bad_file_400_and_nothing_changes(service: Service):
    with_landscape(service.db)
    bad = ORGS_CSV.replace("0403.170.701", "0403.170.702")
    files = [("files", ("organisations.csv", bad, "text/csv"))]
    before = data_counts(service.db)
    r = service.post("/ingest", files=files)
    assert r.status_code == 422
    assert any("organisations.csv:2:" in p for p in r.json()["problems"])
    assert data_counts(service.db) == before
    r = service.post("/ingest", files=[("files", ("evil.sh", "x", "text/plain"))])
    assert r.status_code == 400 and "not a cluster file" in r.json()["detail"]


# -- innograph serve -----------------------------------------------------------------------------
def test_cli_serve_runs_the_service(cli_env, db):
    import subprocess
    import sys
    import time
    from pathlib import Path

    import httpx

    port = free_port()
    exe = Path(sys.executable).with_name("innograph")
    proc = subprocess.Popen(
        [str(exe), "serve", "--port", str(port)],
        env=cli_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline, r = time.monotonic() + 60, None
        while time.monotonic() < deadline:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.3)
        assert r is not None and r.status_code == 200 and r.json() == {"neo4j": "ok"}
        assert httpx.get(f"http://127.0.0.1:{port}/clusters").status_code == 401
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert "innograph keys create --role admin" in err  # no key yet: says how to make one
