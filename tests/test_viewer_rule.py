"""The viewer rule on every route: a viewer never sees member-level data of a small group.

The hand-built graph (``test_api_graph``) with ``INNOGRAPH_MIN_GROUP_SIZE`` 5: every group is
smaller (S2 and I1 share two members, F2 and F5; S1 and S2 share F1 and K1). A viewer key then
calls every route of the app, API, pages and maps alike, one test per route: whatever the
route answers (200, 403, 404...), no member's name and no member's id appears in it. Only
organisations with a public role (VLAIO, essenscia: they manage or are tied to a cluster)
may be named. A manager, for contrast, does see the members on the member routes.
"""

from __future__ import annotations

import html
import json
import re

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import Settings

from .test_api_graph import MEMBERS, ORGS, build_graph

pytestmark = pytest.mark.live

MEMBER_IDS = sorted({o for members in MEMBERS.values() for o in members})
NAMES = [ORGS[o][0] for o in MEMBER_IDS]
# A value for every path parameter: the clusters of the 2-member group, a member, a query...
PATH_VALUES = {
    "cluster_id": "S2",
    "org_id": "F2",
    "match_id": "secret",
    "name": "cluster_members",
}
QUERY = {  # query strings that make routes answer with their data (the rest take defaults)
    "/": {"q": "a"},
    "/clusters": {"q": "Flux50"},
    "/helix": {"cluster": "S2"},
    "/maps/overlap": {"min_shared": 1},
    "/overlaps": {"min_shared": 1},
    "/ui/overlaps": {"min_shared": 1},
    "/match/partners": {"org": "F2"},
    "/maps/match": {"org": "F2"},
    "/ui/partners": {"org": "F2"},
}
APP = create_app(Settings(INNOGRAPH_HOME="/nonexistent/innograph-viewer"))


def app_routes(app) -> list[tuple[str, str]]:
    """(method, path) of every GET and POST route of ``app``, the included routers' too
    (FastAPI 0.165 keeps those behind ``_IncludedRouter`` entries of ``app.routes``)."""
    out = set()

    def walk(routes, prefix: str) -> None:
        for route in routes:
            context = getattr(route, "include_context", None)
            if context is not None:
                walk(route.original_router.routes, prefix + context.prefix)
                continue
            if route.path.startswith("/static-docs/"):
                continue  # a vendored asset (ReDoc's script), no data: its minified text holds
                # "F1"-like strings that are not ids
            for method in getattr(route, "methods", None) or ():
                if method in ("GET", "POST"):
                    out.add((method, prefix + route.path))

    walk(app.routes, "")
    return sorted(out)


ROUTES = app_routes(APP)


@pytest.fixture(scope="module")
def viewer_service(_schema_db, tmp_path_factory):
    from .conftest import wipe

    wipe(_schema_db)
    build_graph(_schema_db)
    settings = Settings(
        INNOGRAPH_HOME=str(tmp_path_factory.mktemp("viewer-home")), INNOGRAPH_MIN_GROUP_SIZE=5
    )
    app = create_app(settings, db=_schema_db)
    keys = {role: app.state.keys.create(role, role)[1] for role in ("viewer", "manager")}
    with TestClient(app, raise_server_exceptions=False, follow_redirects=False) as client:
        yield client, keys


def leaks(text: str) -> list[str]:
    """The member names and ids a response holds (also HTML- or JSON-escaped)."""
    found = []
    for oid, name in zip(MEMBER_IDS, NAMES, strict=True):
        forms = {name, html.escape(name), json.dumps(name)[1:-1]}
        if any(f in text for f in forms) or re.search(rf"(?<![\w-]){oid}(?![\w-])", text):
            found.append(f"{oid} {name}")
    return found


def call(client: TestClient, method: str, path: str, key: str):
    url = path
    for param, value in PATH_VALUES.items():
        url = url.replace("{" + param + "}", value)
    headers = {"X-API-Key": key}
    params = QUERY.get(path, {})
    if method == "GET":
        return client.get(url, headers=headers, params=params)
    body = {"query": "MATCH (o:Organisation) RETURN o.name AS name", "themes": ["hydrogen"]}
    return client.post(url, headers=headers, params=params, json=body)


def test_the_sweep_covers_the_routes():
    paths = {p for _, p in ROUTES}
    assert {"/maps/ecosystem", "/maps/cluster/{cluster_id}", "/overlaps", "/ui/overlaps"} <= paths
    assert {"/clusters/{cluster_id}/members", "/match/partners", "/cypher", "/"} <= paths
    assert len(ROUTES) >= 40


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
def test_a_viewer_sees_no_member_of_a_small_group(viewer_service, method, path):
    client, keys = viewer_service
    r = call(client, method, path, keys["viewer"])
    assert r.status_code < 500, (r.status_code, r.text[:300])
    body = r.text + json.dumps(dict(r.headers))
    assert leaks(body) == [], (r.status_code, leaks(body))


def test_a_manager_does_see_the_members(viewer_service):
    """The contrast: the rule hides from viewers what managers see (so the sweep can fail)."""
    client, keys = viewer_service
    r = call(client, "GET", "/clusters/{cluster_id}/members", keys["manager"])
    assert r.status_code == 200 and "F2 Beta Energy BV" in leaks(r.text)
    r = call(client, "GET", "/maps/ecosystem", keys["manager"])
    assert r.status_code == 200 and leaks(r.text)
