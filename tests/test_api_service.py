"""Every endpoint answers with data from the real (throwaway) Neo4j: known answers on the
hand-built graph of ``test_api_graph``; clear 4xx; ``/health`` 503 when Neo4j is down."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.server import free_port
from viz.render import external_resources

from .test_api_graph import EN, Service, service_fixture, service_settings  # noqa: F401

pytestmark = pytest.mark.live


def ok(response) -> dict | list:
    assert response.status_code == 200, response.text
    return response.json()


def ids(items) -> list[str]:
    return [i["id"] for i in items]


# -- docs ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_docs_use_only_the_apps_own_assets(service: Service, path):
    page = service.client.get(path)
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    found = [item.split("=", 1)[1].rstrip(">") for item in external_resources(page.text)]
    assert found and all(url.startswith("/static-docs/") for url in found), found
    assert "cdn" not in page.text and "fonts.googleapis" not in page.text
    for url in found:  # every asset is there
        assert service.client.get(url).status_code == 200, url
    assert "cdn.redoc.ly" not in service.client.get("/static-docs/redoc.standalone.js").text


# -- health --------------------------------------------------------------------------------------
def test_health_ok(service: Service):
    assert ok(service.client.get("/health")) == {"neo4j": "ok"}


def test_health_503_when_neo4j_is_down(tmp_path):
    port = free_port()  # nothing listens there
    settings = service_settings(tmp_path, NEO4J_URI=f"bolt://127.0.0.1:{port}", NEO4J_PASSWORD="x")
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        r = client.get("/health")
        assert r.status_code == 503
        assert r.json() == {"neo4j": "unavailable"}
        assert "Traceback" not in r.text


def test_neo4j_down_gives_503_not_a_trace(tmp_path, monkeypatch):
    from graph.db import Database
    from graph.errors import Unavailable

    def down(*a, **k):
        raise Unavailable("Neo4j does not answer at bolt://127.0.0.1:1.")

    settings = service_settings(tmp_path, NEO4J_URI=f"bolt://127.0.0.1:{free_port()}")
    app = create_app(settings)
    key = app.state.keys.create("viewer")[1]
    monkeypatch.setattr(Database, "run_read", down)  # skip the driver's 30 s of retries
    with TestClient(app, raise_server_exceptions=False) as client:
        r = client.get("/clusters", headers={"X-API-Key": key})
    assert r.status_code == 503
    assert r.json() == {"detail": "Neo4j does not answer; try again in a moment."}


def test_unexpected_error_is_500_without_trace(service: Service, monkeypatch):
    from api import data

    def boom(*a, **k):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(data, "list_clusters", boom)
    r = service.get("/clusters")
    assert r.status_code == 500
    assert "secret" not in r.text and "Traceback" not in r.text
    assert r.json()["detail"].startswith("Internal server error")


# -- clusters ------------------------------------------------------------------------------------
def test_clusters_list_paged_and_filtered(service: Service):
    page = ok(service.get("/clusters"))
    assert page["total"] == 5 and ids(page["items"]) == ["S1", "I2", "S3", "S2", "I1"]
    s1 = page["items"][0]
    assert s1 == {
        "id": "S1",
        "name": "Catalisti",
        "type": "spearhead",
        "domain": "chemistry and plastics",
        "members": 4,
        "projects": 2,
        "from_synthetic": False,
        "synthetic_share": 0.0,
        "notice": None,
    }
    page = ok(service.get("/clusters", params={"limit": 2, "offset": 1}))
    assert page["total"] == 5 and page["limit"] == 2 and page["offset"] == 1
    assert ids(page["items"]) == ["I2", "S3"]
    assert ids(ok(service.get("/clusters", params={"type": "ibn"}))["items"]) == ["I2", "I1"]
    assert ids(ok(service.get("/clusters", params={"q": "flux"}))["items"]) == ["S2"]


def test_cluster_detail(service: Service):
    c = ok(service.get("/clusters/S2"))
    assert (c["name"], c["members"], c["projects"], c["firms"]) == ("Flux50", 4, 1, 3)
    assert c["sme_share"] == pytest.approx(2 / 3, abs=1e-3)
    assert c["helix"] == [
        {"kind": "firm", "count": 3},
        {"kind": "knowledge_institution", "count": 1},
    ]
    assert c["linked"] == [
        {
            "id": "I1",
            "name": "Power-to-Gas",
            "type": "ibn",
            "relation": "parent",
            "direction": "from",
        }
    ]
    assert c["source"] == "test:api-graph"


def test_unknown_cluster_is_404_with_the_id(service: Service):
    for path in (
        "/clusters/NOPE",
        "/clusters/NOPE/members",
        "/clusters/NOPE/projects",
        "/clusters/NOPE/overlaps",
        "/clusters/NOPE/central",
        "/helix?cluster=NOPE",
        "/maps/cluster/NOPE",
    ):
        r = service.get(path)
        assert r.status_code == 404, path
        assert "'NOPE'" in r.json()["detail"], path


def test_cluster_members_and_projects(service: Service):
    page = ok(service.get("/clusters/S1/members"))
    assert page["total"] == 4
    assert [m["name"] for m in page["items"]] == [
        "Alpha Chemicals NV",
        "Delta Materials",
        "KU Leuven",
        "Zeta Recycling",
    ]
    assert page["items"][0]["since"] == "2019-01-01"
    page = ok(service.get("/clusters/S1/members", params={"kind": "knowledge_institution"}))
    assert ids(page["items"]) == ["K1"]
    k2 = ok(service.get("/clusters/S3/members", params={"kind": "knowledge_institution"}))
    assert k2["items"][0]["id"] == "K2"  # stored as a number and a Neo4j date: shown as text
    assert (k2["items"][0]["since"], k2["items"][0]["until"]) == ("2018", "2025-12-31")
    projects = ok(service.get("/clusters/S2/projects"))
    # P1 itself; P2 through K1, P3 through F2 and F5, P4 through F2; newest first
    assert ids(projects["items"]) == ["P4", "P2", "P1", "P3"]
    by_id = {p["id"]: p for p in projects["items"]}
    assert by_id["P1"]["direct"] and by_id["P1"]["members"] == 3
    assert not by_id["P3"]["direct"] and by_id["P3"]["members"] == 2


def test_cluster_overlaps_and_central(service: Service):
    overlaps = ok(service.get("/clusters/S2/overlaps"))
    assert [(o["id"], o["shared"]) for o in overlaps] == [("S1", 2), ("I1", 2), ("S3", 1)]
    s1 = overlaps[0]
    assert s1["jaccard"] == pytest.approx(1 / 3) and s1["overlap_coefficient"] == 0.5
    assert ids(s1["shared_members"]) == ["F1", "K1"]
    central = ok(service.get("/clusters/S1/central", params={"limit": 2}))
    assert ids(central) == ["K1", "F1"] and central[0]["pagerank"] == 0.3


# -- organisations -------------------------------------------------------------------------------
def test_organisation_search_by_name(service: Service):
    page = ok(service.get("/organisations", params={"q": "hydrogen"}))
    assert ids(page["items"])[0] == "F5"  # "Epsilon Hydrogen": in its name
    assert set(ids(page["items"])) == {"F5", "F2", "K2"}
    page = ok(service.get("/organisations", params={"q": "alph"}))  # a prefix
    assert ids(page["items"]) == ["F1"]
    page = ok(service.get("/organisations", params={"q": 'chem (AND "x'}))  # Lucene syntax
    assert page["total"] == 0


NOTATIONS = {
    "digits": lambda n: n,
    "dotted": lambda n: f"{n[:4]}.{n[4:7]}.{n[7:]}",
    "vat": lambda n: f"BE{n}",
    "spaced vat": lambda n: f"BE {n[:4]} {n[4:7]} {n[7:]}",
    "old 9 digits": lambda n: n[1:],
}


@pytest.mark.parametrize("notation", NOTATIONS)
def test_organisation_search_by_enterprise_number(service: Service, notation):
    q = NOTATIONS[notation](EN["F1"])
    assert ids(ok(service.get("/organisations", params={"q": q}))["items"]) == ["F1"]
    page = ok(service.get("/organisations", params={"enterprise_number": q}))
    assert ids(page["items"]) == ["F1"]


def test_bad_enterprise_number_is_400(service: Service):
    # fits the schema (a string), refused: 400; 422 is for a request that breaks its schema
    bad = EN["F1"][:-1] + str((int(EN["F1"][-1]) + 1) % 10)
    r = service.get("/organisations", params={"q": bad})
    assert r.status_code == 400 and "mod-97" in r.json()["detail"]
    r = service.get("/organisations", params={"enterprise_number": "12"})
    assert r.status_code == 400


def test_organisation_filters(service: Service):
    def found(**params):
        return ids(ok(service.get("/organisations", params=params))["items"])

    assert found(kind="knowledge_institution") == ["K2", "K1"]
    assert found(sector="20") == ["F1", "F5"]
    assert found(sector="20.14") == ["F1"]
    assert found(province="BE-VAN") == ["F1", "F5"]
    assert found(cluster="I1") == ["F2", "F5"]
    assert found(cluster="S2", kind="firm", province="BE-VAN") == ["F1", "F5"]
    assert found(q="hydrogen", kind="firm") == ["F5", "F2"]
    page = ok(service.get("/organisations", params={"limit": 3, "offset": 3}))
    assert page["total"] == 10 and len(page["items"]) == 3
    assert service.get("/organisations", params={"kind": "alien"}).status_code == 422
    assert service.get("/organisations", params={"limit": 0}).status_code == 422


def test_organisation_detail_and_projects(service: Service):
    o = ok(service.get("/organisations/F1"))
    assert o["name"] == "Alpha Chemicals NV" and o["enterprise_number"] == EN["F1"]
    assert ids(o["clusters"]) == ["S1", "S2"] and o["projects"] == 1
    assert o["sectors"] == [{"id": "20", "level": "division", "label": "Manufacture of chemicals"}]
    e1 = ok(service.get("/organisations/E1"))
    assert e1["ties"] == [
        {"id": "S1", "name": "Catalisti", "type": "spearhead", "relation": "founder"}
    ]
    projects = ok(service.get("/organisations/F5/projects"))
    assert ids(projects["items"]) == ["P1", "P3"]
    r = service.get("/organisations/ORG:nobody")
    assert r.status_code == 404 and "'ORG:nobody'" in r.json()["detail"]


# -- analytics results ---------------------------------------------------------------------------
def test_overlap_matrix(service: Service):
    m = ok(service.get("/overlaps"))
    assert [c["id"] for c in m["clusters"]] == ["S1", "S3", "S2", "I2", "I1"]
    pairs = {(p["a"], p["b"]): p for p in m["pairs"]}
    assert set(pairs) == {("I1", "S2"), ("S1", "S2"), ("I2", "S1"), ("S1", "S3"), ("S2", "S3")}
    assert pairs[("S1", "S2")]["jaccard"] == pytest.approx(2 / 6)
    assert pairs[("I1", "S2")]["overlap_coefficient"] == 1.0
    m = ok(service.get("/overlaps", params={"min_shared": 2, "type": "spearhead"}))
    assert [(p["a"], p["b"]) for p in m["pairs"]] == [("S1", "S2")]


def test_results_as_analytics_writes_them(service: Service):
    """Replace the hand-written results by a real analytics run; the API serves the same."""
    from analytics.runs import run_all

    service.db.run_write("MATCH ()-[r:OVERLAPS|SECTOR_LINK]->() DELETE r")
    run_all(service.db)
    pairs = {(p["a"], p["b"]): p for p in ok(service.get("/overlaps"))["pairs"]}
    assert {
        k: (p["shared"], round(p["jaccard"], 6), round(p["overlap_coefficient"], 6))
        for k, p in pairs.items()
    } == {
        ("S1", "S2"): (2, round(2 / 6, 6), 0.5),
        ("I1", "S2"): (2, 0.5, 1.0),
        ("S1", "S3"): (1, round(1 / 6, 6), round(1 / 3, 6)),
        ("S2", "S3"): (1, round(1 / 6, 6), round(1 / 3, 6)),
        ("I2", "S1"): (1, 0.25, 1.0),
    }
    assert [m["id"] for m in pairs[("S1", "S2")]["shared_members"]] == ["F1", "K1"]
    ranking = ok(service.get("/centrality"))
    assert ranking["total"] >= 8 and all(o["pagerank"] for o in ranking["items"])
    helix = {h["id"]: h for h in ok(service.get("/helix"))}
    assert helix["S3"]["stored"]["helix_knowledge_institution"] == pytest.approx(2 / 3)
    links = ok(service.get("/cross-sector", params={"level": "division"}))
    assert links and all(x["links"] > 0 for x in links)


def test_overlap_matrix_empty_before_analytics(service: Service):
    service.db.run_write("MATCH ()-[r:OVERLAPS]->() DELETE r")
    m = ok(service.get("/overlaps"))
    assert m["pairs"] == [] and "innograph analyze overlap" in m["note"]


def test_centrality_ranking(service: Service):
    page = ok(service.get("/centrality"))
    assert page["total"] == 8 and ids(page["items"])[:3] == ["K1", "F1", "F5"]
    page = ok(service.get("/centrality", params={"cluster": "S3", "metric": "pagerank"}))
    assert ids(page["items"]) == ["K1", "K2", "F3"]
    page = ok(service.get("/centrality", params={"metric": "degree", "kind": "firm"}))
    assert ids(page["items"])[0] == "F1"
    assert service.get("/centrality", params={"metric": "size"}).status_code == 422


def test_cross_sector_and_helix(service: Service):
    links = ok(service.get("/cross-sector"))
    assert [(x["sector_a"], x["sector_b"], x["links"]) for x in links] == [
        ("20", "35", 3),
        ("10", "85", 2),
    ]
    assert links[0]["label_a"] == "Manufacture of chemicals"
    assert ok(service.get("/cross-sector", params={"level": "section"})) == []
    helix = ok(service.get("/helix"))
    s3 = next(h for h in helix if h["id"] == "S3")
    assert s3["counts"] == [
        {"kind": "firm", "count": 1},
        {"kind": "knowledge_institution", "count": 2},
    ]
    assert (s3["members"], s3["firms"], s3["smes"], s3["sme_share"]) == (3, 1, 1, 1.0)
    assert [h["id"] for h in ok(service.get("/helix", params={"cluster": "I1"}))] == ["I1"]


def test_a_query_parameter_given_twice_is_422_but_a_page_s_checkboxes_may_repeat(service: Service):
    twice = service.get("/clusters", params=[("limit", "1"), ("limit", "2")])
    assert twice.status_code == 422
    assert twice.json()["problems"] == ["query.limit: given more than once; give it once"]
    form = [("text", "hydrogen"), ("clusters", "S2"), ("clusters", "S3")]
    page = service.get("/ui/partners", role="manager", params=form)
    assert page.status_code == 200 and "given more than once" not in page.text
