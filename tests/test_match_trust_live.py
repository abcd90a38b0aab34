"""Live: the match model kept on disk per graph version, and names resolved by every interface.

The toy graph of ``test_match_live`` (all Belgian); the cache folder is the test's own.
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from analytics.adapter import ModelCache, ModelStore, disk_build
from analytics.adapter import match_rows as rows_module
from api.app import create_app
from graph.load import write_records
from graph.records import Node, Records, SourceInfo
from graph.settings import Settings
from graph.version import graph_version
from tests.conftest import run_cli
from tests.test_match_live import SOURCE, toy

pytestmark = pytest.mark.live


def test_the_model_on_disk_is_reused_on_an_unchanged_graph_and_rebuilt_after_a_load(
    db, tmp_path, monkeypatch
):
    write_records(db, toy())
    reads: list[str] = []
    real = rows_module.read_model
    monkeypatch.setattr(
        "analytics.adapter.model_store.read_model",
        lambda d, v: reads.append(v) or real(d, v),
    )
    folder = tmp_path / "cache"
    first = ModelCache(build=disk_build(folder), check_every=0).get(db)
    assert len(reads) == 1 and ModelStore(folder).path(first.version).exists()
    # a new cache (a new process) on the same graph: read from disk, not from the graph
    again = ModelCache(build=disk_build(folder), check_every=0).get(db)
    assert len(reads) == 1 and again.org_ids == first.org_ids and again is not first
    before = graph_version(db)
    extra = Node("Organisation", "new", {"name": "New Firm NV", "kind": "firm"}, SOURCE)
    write_records(db, Records([extra], [], [SourceInfo(SOURCE, "matching live test", "curated")]))
    assert graph_version(db) != before  # a load changes the version ...
    rebuilt = ModelCache(build=disk_build(folder), check_every=0).get(db)
    assert len(reads) == 2 and "new" in rebuilt.org_ids  # ... and the next answer rebuilds


def test_the_cli_resolves_names_and_suggests_on_a_typo(db, cli_env):
    write_records(db, toy())
    ok = run_cli(["match", "--for", "me n.v.", "--k", "2", "--format", "json"], cli_env)
    assert ok.returncode == 0, ok.stderr
    rows = json.loads(ok.stdout)
    assert rows[0]["id"] == "x" and 0 <= rows[-1]["fit"] <= rows[0]["fit"] == 100
    assert {"synthetic", "example", "country"} <= set(rows[0])
    bad = run_cli(["match", "--for", "Xylo Recyclin", "--k", "2"], cli_env)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
    assert "Did you mean Xylo Recycling" in bad.stderr + bad.stdout


def test_the_api_and_the_page_accept_names_and_offer_suggestions(db, tmp_path):
    write_records(db, toy())
    app = create_app(Settings(INNOGRAPH_HOME=str(tmp_path / "home")), db=db)
    key = app.state.keys.create("manager", "test")[1]
    auth = {"X-API-Key": key}
    with TestClient(app, raise_server_exceptions=False) as client:
        app.state.warming.join(60)  # the start-up warm built the model
        assert app.state.models.version == graph_version(db)
        r = client.get("/match/partners", params={"org": "ME NV", "k": 2}, headers=auth)
        assert r.status_code == 200 and r.json()["org"]["id"] == "me"
        assert r.json()["partners"][0]["fit"] == 100
        r = client.get("/match/partners", params={"org": "Xylo Recyclin"}, headers=auth)
        assert r.status_code == 404
        assert r.json()["suggestions"][0]["name"] == "Xylo Recycling"
        page = client.get("/ui/partners", params={"org": "Xylo Recyclin"}, headers=auth)
        assert page.status_code == 200 and "Did you mean" in page.text
        assert "/ui/partners?" in page.text and "org=x" in page.text
        page = client.get("/ui/partners", params={"org": "Me NV"}, headers=auth)
        assert page.status_code == 200 and "Xylo Recycling" in page.text
