"""Access control: hashed keys in a 0600 file, roles per endpoint (no key 401, wrong role 403),
the login cookie of the pages, small groups hidden from viewers, and `innograph keys`."""

from __future__ import annotations

import json
import stat

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.auth import COOKIE, KeyStore, Role
from graph.errors import InnographError, NotFound

from .conftest import run_cli
from .test_api_graph import ROLES, Service, service_fixture, service_settings  # noqa: F401

pytestmark = pytest.mark.live

CALL = {"themes": ["hydrogen"], "clusters": ["S2"]}
CSV = [("files", ("memberships.csv", "organisation_id,cluster_id,since,until,role\n", "text/csv"))]
# (method, path, least role, request keywords): every endpoint of the API.
ENDPOINTS = [
    ("GET", "/me", "viewer", {}),
    ("GET", "/clusters", "viewer", {}),
    ("GET", "/clusters/S1", "viewer", {}),
    ("GET", "/clusters/S1/projects", "viewer", {}),
    ("GET", "/clusters/S1/overlaps", "viewer", {}),
    ("GET", "/overlaps", "viewer", {}),
    ("GET", "/cross-sector", "viewer", {}),
    ("GET", "/helix", "viewer", {}),
    ("GET", "/maps", "viewer", {}),
    ("GET", "/maps/ecosystem", "viewer", {}),
    ("GET", "/maps/overlap", "viewer", {}),
    ("GET", "/maps/cluster/S1", "viewer", {}),
    ("GET", "/clusters/S1/members", "manager", {}),
    ("GET", "/clusters/S1/central", "manager", {}),
    ("GET", "/organisations", "manager", {}),
    ("GET", "/organisations/F1", "manager", {}),
    ("GET", "/organisations/F1/projects", "manager", {}),
    ("GET", "/centrality", "manager", {}),
    ("GET", "/match/partners?org=F1", "manager", {}),
    ("POST", "/match/call", "manager", {"json": CALL}),
    ("GET", "/match/saved", "manager", {}),
    ("GET", "/maps/match?org=F1", "manager", {}),
    ("GET", "/maps/call?themes=hydrogen", "manager", {}),
    ("POST", "/cypher", "analyst", {"json": {"query": "RETURN 1 AS one"}}),
    ("GET", "/queries", "analyst", {}),
    ("GET", "/queries/members_by_province", "analyst", {}),
    (
        "POST",
        "/queries/members_by_province",
        "analyst",
        {"json": {"parameters": {"cluster": "S1"}}},
    ),
    ("POST", "/ingest?dry_run=true", "admin", {"files": CSV}),
]
PAGES = [
    ("/", "viewer"),
    ("/ui/clusters/S1", "viewer"),
    ("/ui/overlaps", "viewer"),
    ("/ui/maps", "viewer"),
    ("/ui/partners", "manager"),
    ("/ui/organisations/F1", "manager"),
    ("/ui/cypher", "analyst"),
]


def test_every_route_is_in_the_role_table(service: Service):
    """A new endpoint must be added to ENDPOINTS (and so get its access tests)."""
    from .test_viewer_rule import app_routes  # the included routers' routes too

    routes = set(app_routes(service.app))
    assert len(routes) > 40
    api = {
        (m, p)
        for m, p in routes
        if not p.startswith(("/ui", "/docs", "/redoc", "/openapi"))
        and p not in ("/", "/health", "/static")
    }
    listed = {(m, p.split("?")[0]) for m, p, *_ in ENDPOINTS}
    templated = {
        "/clusters/{cluster_id}": "/clusters/S1",
        "/clusters/{cluster_id}/members": "/clusters/S1/members",
        "/clusters/{cluster_id}/projects": "/clusters/S1/projects",
        "/clusters/{cluster_id}/overlaps": "/clusters/S1/overlaps",
        "/clusters/{cluster_id}/central": "/clusters/S1/central",
        "/organisations/{org_id}": "/organisations/F1",
        "/organisations/{org_id}/projects": "/organisations/F1/projects",
        "/maps/cluster/{cluster_id}": "/maps/cluster/S1",
        "/queries/{name}": "/queries/members_by_province",
        "/match/saved/{match_id}": None,
        "/match/saved/{match_id}/csv": None,
    }
    missing = {
        (m, p)
        for m, p in api
        if (m, templated.get(p, p)) not in listed and templated.get(p, p) is not None
    }
    assert not missing


@pytest.mark.parametrize(
    "method, path, least, kw", ENDPOINTS, ids=[f"{m} {p}" for m, p, *_ in ENDPOINTS]
)
def test_roles(service: Service, method, path, least, kw):
    r = service.client.request(method, path, **kw)
    assert r.status_code == 401, r.text
    assert "API key" in r.json()["detail"] and r.headers["www-authenticate"] == "Bearer"
    r = service.client.request(method, path, headers={"X-API-Key": "ig_00000000_wrong"}, **kw)
    assert r.status_code == 401
    for role in ROLES:
        r = service.client.request(method, path, headers=service.auth(role), **kw)
        if Role[role] < Role[least]:
            assert r.status_code == 403, (role, r.text)
            assert f"needs the {least} role" in r.json()["detail"]
        else:
            assert r.status_code == 200, (role, r.text)


def test_open_paths_need_no_key(service: Service):
    for path in ("/health", "/docs", "/openapi.json", "/static/style.css", "/ui/login"):
        assert service.client.get(path).status_code == 200, path


def test_both_headers_work(service: Service):
    key = service.keys["viewer"]
    assert service.client.get("/me", headers={"X-API-Key": key}).json()["role"] == "viewer"
    assert service.client.get("/me", headers={"Authorization": f"Bearer {key}"}).status_code == 200
    assert service.client.get("/me", headers={"Authorization": f"bearer {key}"}).status_code == 200
    assert service.client.get("/me", headers={"Authorization": f"Basic {key}"}).status_code == 401


def test_keys_are_stored_hashed_in_a_private_file(tmp_path):
    store = KeyStore(tmp_path / "home" / "api_keys.json")
    rec, key = store.create("analyst", "Ann")
    assert key.startswith(f"ig_{rec.id}_") and len(key) > 40
    text = store.path.read_text()
    assert key not in text and key.split("_", 2)[2] not in text
    assert json.loads(text)["keys"][0]["hash"] == rec.hash
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert store.verify(key).role is Role.analyst
    assert store.verify(key[:-1] + ("A" if key[-1] != "A" else "B")) is None
    assert store.verify(f"ig_{rec.id}_") is None and store.verify("nonsense") is None
    store.revoke(rec.id)
    assert store.verify(key) is None
    with pytest.raises(NotFound):
        store.revoke("deadbeef")
    with pytest.raises(InnographError):
        store.create("superuser")


def test_revocation_takes_effect_on_a_running_service(service: Service):
    assert service.get("/me", role="manager").status_code == 200
    key_id = service.keys["manager"].split("_")[1]
    KeyStore(service.app.state.settings.keys_path).revoke(key_id)  # another process, say
    r = service.get("/me", role="manager")
    assert r.status_code == 401 and "revoked" in r.json()["detail"]


def test_small_groups_are_counts_only_for_viewers(service: Service):
    """min_group_size is 2 here: S1-S2 share 2 (names shown), S1-S3 share 1 (count only)."""
    viewer = {o["id"]: o for o in service.get("/clusters/S1/overlaps", role="viewer").json()}
    assert [m["id"] for m in viewer["S2"]["shared_members"]] == ["F1", "K1"]
    assert viewer["S3"]["shared"] == 1 and viewer["S3"]["shared_members"] is None
    manager = {o["id"]: o for o in service.get("/clusters/S1/overlaps", role="manager").json()}
    assert [m["id"] for m in manager["S3"]["shared_members"]] == ["K1"]
    pairs = service.get("/overlaps", role="viewer").json()["pairs"]
    hidden = {(p["a"], p["b"]) for p in pairs if p["shared_members"] is None}
    assert hidden == {("S1", "S3"), ("S2", "S3"), ("I2", "S1")}
    page = service.get("/ui/clusters/S1", role="viewer").text
    assert "KU Leuven" in page  # shared with Flux50 (2 >= 2)
    assert "Delta Materials" not in page  # alone in the overlap with Composieten
    assert "names shown for groups of 2 or more" in page


def test_default_min_group_size_is_five(db, tmp_path):
    from .test_api_graph import build_graph

    build_graph(db)
    app = create_app(service_settings(tmp_path).model_copy(update={"min_group_size": 5}), db=db)
    key = app.state.keys.create("viewer")[1]
    with TestClient(app) as client:
        overlaps = client.get("/clusters/S2/overlaps", headers={"X-API-Key": key}).json()
    assert all(o["shared_members"] is None for o in overlaps)


# -- pages ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("path, least", PAGES)
def test_pages_redirect_to_login_then_check_the_role(service: Service, path, least):
    r = service.client.get(path, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/ui/login?next=")
    for role in ROLES:
        r = service.client.get(path, headers=service.auth(role))
        expected = 403 if Role[role] < Role[least] else 200
        assert r.status_code == expected, (role, path)
        assert r.headers["content-type"].startswith("text/html")


def test_login_form_sets_a_private_cookie(service: Service):
    c = service.client
    r = c.post("/ui/login", data={"key": "ig_nope_nope", "next": "/ui/overlaps"})
    assert r.status_code == 401 and "unknown or revoked" in r.text
    r = c.post(
        "/ui/login",
        data={"key": service.keys["viewer"], "next": "/ui/overlaps"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/ui/overlaps"
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie
    assert "SameSite=strict" in cookie and "Path=/" in cookie
    assert c.get("/ui/overlaps").status_code == 200  # the client keeps the cookie
    assert c.get("/clusters").status_code == 200
    assert c.get("/ui/partners").status_code == 403  # a viewer's cookie
    r = c.post(
        "/ui/login",
        data={"key": service.keys["viewer"], "next": "//evil.example/"},
        follow_redirects=False,
    )
    assert r.headers["location"] == "/"
    c.post("/ui/logout", follow_redirects=False)
    c.cookies.clear()
    assert c.get("/ui/overlaps", follow_redirects=False).status_code == 303


# -- the CLI -------------------------------------------------------------------------------------
def test_cli_keys_create_list_revoke(cli_env, db, tmp_path):
    proc = run_cli(["keys", "create", "--role", "analyst", "--name", "Ann"], cli_env, check=True)
    key = proc.stdout.strip().splitlines()[-1]
    assert key.startswith("ig_")
    key_id = key.split("_")[1]
    listing = run_cli(["keys", "list"], cli_env, check=True).stdout
    assert key_id in listing and "analyst" in listing and key not in listing
    settings = service_settings(cli_env["INNOGRAPH_HOME"])
    with TestClient(create_app(settings, db=db)) as client:
        assert client.get("/me", headers={"X-API-Key": key}).json() == {
            "key_id": key_id,
            "name": "Ann",
            "role": "analyst",
        }
        run_cli(["keys", "revoke", key_id], cli_env, check=True)
        assert client.get("/me", headers={"X-API-Key": key}).status_code == 401
    bad = run_cli(["keys", "create", "--role", "root"], cli_env)
    assert bad.returncode != 0 and "not a role" in bad.stderr
    assert run_cli(["keys", "revoke", "00000000"], cli_env).returncode != 0
