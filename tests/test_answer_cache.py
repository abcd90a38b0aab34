"""Answers and pages kept per graph version (``api.answer_cache``), on the hand-built graph of
``test_api_graph``: the same answer while the graph is unchanged, a fresh one after a load,
and a viewer never served a page or map kept for a manager."""

from __future__ import annotations

import pytest

from analytics import matching
from graph.load import write_records
from graph.records import Node, Records, Rel, SourceInfo

from .test_api_graph import SRC, Service, service_fixture  # noqa: F401

pytestmark = pytest.mark.live


def fresh(service: Service) -> None:
    """Look at the graph's version on every request (the service looks every 5 s)."""
    service.app.state.answers.check_every = 0
    service.app.state.models.check_every = 0


def partner_ids(service: Service, **params) -> list[str]:
    r = service.get("/match/partners", params={"org": "F1", **params}, role="manager")
    assert r.status_code == 200, r.text
    return [p["id"] for p in r.json()["partners"]]


def test_unchanged_graph_same_answer_computed_once(service: Service, monkeypatch):
    fresh(service)
    calls = []
    real = matching.match_partners
    monkeypatch.setattr(
        matching, "match_partners", lambda *a, **k: calls.append(1) or real(*a, **k)
    )
    first = partner_ids(service, theme="hydrogen")
    assert first[0] == "F2"  # the known answer (test_api_service)
    assert partner_ids(service, theme="hydrogen") == first
    assert len(calls) == 1  # the second came from the cache
    partner_ids(service, theme="food")  # another question is another answer
    assert len(calls) == 2
    a = service.get("/ui/clusters/S1", role="manager").text
    assert service.get("/ui/clusters/S1", role="manager").text == a
    assert service.app.state.answers.hits >= 2


def test_a_load_changes_the_version_and_the_answer(service: Service):
    fresh(service)
    before = partner_ids(service, theme="hydrogen")
    assert "F2" in before
    page = service.get("/ui/clusters/S1", role="manager").text
    assert "Theta Batteries" not in page
    version = service.app.state.answers.version
    # F1 joins P3 (with F2 and F5): F2 now works with F1 and is no partner to propose;
    # Theta Batteries joins S1
    records = Records(sources=[SourceInfo(SRC, "Hand-built service test graph", "curated")])
    records.nodes.append(
        Node("Organisation", "F7", {"name": "Theta Batteries", "kind": "firm"}, SRC, "F7")
    )
    records.rels += [
        Rel("PARTICIPATES_IN", "Organisation", "F1", "Project", "P3", {"role": "partner"}, SRC),
        Rel("MEMBER_OF", "Organisation", "F7", "Cluster", "S1", {"role": "member"}, SRC, "S1/F7"),
    ]
    write_records(service.db, records)
    after = partner_ids(service, theme="hydrogen")
    assert service.app.state.answers.version != version
    assert "F2" not in after and after != before
    assert "Theta Batteries" in service.get("/ui/clusters/S1", role="manager").text


def test_ingest_through_the_service_clears_the_kept_answers(service: Service):
    service.get("/ui/clusters/S1", role="manager")
    assert len(service.app.state.answers) > 0
    csv = "id,name,kind\nF9,Iota Labs,firm\n"
    r = service.post("/ingest", files=[("files", ("organisations.csv", csv.encode()))])
    assert r.status_code == 200, r.text
    assert len(service.app.state.answers) == 0


@pytest.mark.parametrize("path", ["/ui/clusters/S1", "/maps/cluster/S1"])
def test_a_viewer_never_gets_a_managers_kept_page(service: Service, path):
    fresh(service)
    manager = service.get(path, role="manager")
    assert manager.status_code == 200 and "Zeta Recycling" in manager.text  # a member of S1
    viewer = service.get(path, role="viewer")
    assert viewer.status_code == 200
    assert "Zeta Recycling" not in viewer.text and "Delta Materials" not in viewer.text
    # and the other way round: a viewer's page first, then a manager's
    service.app.state.answers.clear()
    assert "Zeta Recycling" not in service.get(path, role="viewer").text
    assert "Zeta Recycling" in service.get(path, role="manager").text
