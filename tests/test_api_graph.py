"""The small hand-built graph the service tests run on, and checks that it loads as drawn.

::

    clusters   S1 Catalisti (spearhead)      members F1 F4 F6 K1
               S2 Flux50 (spearhead)         members F1 F2 F5 K1
               S3 Flanders' FOOD (spearhead) members F3 K1 K2
               I1 Power-to-Gas (ibn, LINKED_TO S2)  members F2 F5
               I2 Composieten (ibn, LINKED_TO S1)   members F4
    projects   P1 Battery recycling pilot (ICON 2021, intercluster: S1 S2) F1 F5 K1
               P2 Bio-based food packaging (COOCK 2022, intercluster: S1 S3) F3 K1 K2
               P3 Hydrogen storage in salt caverns (ICON 2020) F2 F5
               P4 Green hydrogen valley (ICON 2023) F2 K2
    overlaps   (as analytics writes them) S1-S2 shared F1 K1: 2, Jaccard 2/6, overlap 2/4;
               S2-I1 shared F2 F5: 2, 0.5, 1.0; S1-S3, S2-S3 shared K1: 1; S1-I2 shared F4: 1
    centrality pagerank K1 .30 > F1 .20 > F5 .12 > F2 .10 > ...

F6 (Zeta Recycling) is the one member of S1 in no project; F1 (Alpha Chemicals) is the one
firm that bridges S1 and S2; K1 (KU Leuven) the knowledge institution in most intercluster
projects (2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.load import graph_counts, write_records
from graph.records import Node, Records, Rel, SourceInfo
from graph.settings import Settings

pytestmark = pytest.mark.live

SRC = "test:api-graph"


def enterprise_number(body: int) -> str:
    return f"{body:08d}{97 - body % 97:02d}"


ORGS = {
    # id: name, kind, size, province, nace, description
    "F1": (
        "Alpha Chemicals NV",
        "firm",
        "sme",
        "BE-VAN",
        "20.14",
        "Speciality chemicals and battery recycling",
    ),
    "F2": ("Beta Energy BV", "firm", "large", "BE-VOV", "35.11", "Hydrogen and electricity"),
    "F3": ("Gamma Foods", "firm", "sme", "BE-VWV", "10.51", "Dairy and packaging"),
    "F4": ("Delta Materials", "firm", "sme", "BE-VLI", "22.21", "Composite materials"),
    "F5": (
        "Epsilon Hydrogen",
        "firm",
        "sme",
        "BE-VAN",
        "20.11",
        "Electrolysers and hydrogen storage",
    ),
    "F6": (
        "Zeta Recycling",
        "firm",
        "sme",
        "BE-VBR",
        "38.32",
        "Battery recycling and metal recovery from batteries",
    ),
    "K1": (
        "KU Leuven",
        "knowledge_institution",
        None,
        "BE-VBR",
        "85.42",
        "University: chemistry, energy, food",
    ),
    "K2": (
        "Ghent University",
        "knowledge_institution",
        None,
        "BE-VOV",
        "85.42",
        "University: food science and hydrogen",
    ),
    "G1": ("VLAIO", "government", None, "BE-VBR", None, "Flanders Innovation & Entrepreneurship"),
    "E1": ("essenscia", "federation", None, "BE-VBR", None, "Federation of the chemical industry"),
}
EN = {oid: enterprise_number(2_000_000 + i) for i, oid in enumerate(sorted(ORGS))}
CLUSTERS = {
    "S1": ("Catalisti", "spearhead", "chemistry and plastics"),
    "S2": ("Flux50", "spearhead", "energy"),
    "S3": ("Flanders' FOOD", "spearhead", "agrifood"),
    "I1": ("Power-to-Gas", "ibn", "hydrogen"),
    "I2": ("Composieten", "ibn", "composites"),
}
MEMBERS = {
    "S1": ["F1", "F4", "F6", "K1"],
    "S2": ["F1", "F2", "F5", "K1"],
    "S3": ["F3", "K1", "K2"],
    "I1": ["F2", "F5"],
    "I2": ["F4"],
}
PROJECTS = {
    # id: title, instrument, year, kind, themes, clusters, organisations
    "P1": (
        "Battery recycling pilot",
        "ICON",
        2021,
        "intercluster",
        ["battery recycling", "circularity"],
        ["S1", "S2"],
        ["F1", "F5", "K1"],
    ),
    "P2": (
        "Bio-based food packaging",
        "COOCK",
        2022,
        "intercluster",
        ["bio-based packaging"],
        ["S1", "S3"],
        ["F3", "K1", "K2"],
    ),
    "P3": (
        "Hydrogen storage in salt caverns",
        "ICON",
        2020,
        "icon",
        ["hydrogen"],
        [],
        ["F2", "F5"],
    ),
    "P4": ("Green hydrogen valley", "ICON", 2023, "icon", ["hydrogen"], [], ["F2", "K2"]),
}
# Sources store dates as they come: a year as a number, a date as a Neo4j Date.
MEMBERSHIP = {("S3", "K2"): {"since": 2018, "until": date(2025, 12, 31), "role": "founder"}}
OVERLAPS = [
    ("S1", "S2", ["F1", "K1"], 2 / 6, 2 / 4),
    ("S2", "I1", ["F2", "F5"], 2 / 4, 1.0),
    ("S1", "S3", ["K1"], 1 / 6, 1 / 3),
    ("S2", "S3", ["K1"], 1 / 6, 1 / 3),
    ("S1", "I2", ["F4"], 1 / 4, 1.0),
]
PAGERANK = {
    "K1": 0.30,
    "F1": 0.20,
    "F5": 0.12,
    "F2": 0.10,
    "K2": 0.09,
    "F3": 0.07,
    "F4": 0.05,
    "F6": 0.03,
}
SECTORS = {
    "20": "Manufacture of chemicals",
    "35": "Electricity, gas, steam",
    "10": "Manufacture of food products",
    "22": "Manufacture of rubber and plastic",
    "38": "Waste collection, treatment and disposal",
    "85": "Education",
}


def records() -> Records:
    r = Records(sources=[SourceInfo(SRC, "Hand-built service test graph", "curated")])
    _organisations(r)
    _clusters(r)
    _projects(r)
    _analytics(r)
    return r


def _organisations(r: Records) -> None:
    node, rel = r.nodes.append, r.rels.append
    for code, label in SECTORS.items():
        node(Node("Sector", code, {"level": "division", "label_en": label}, SRC))
    for prov in {o[3] for o in ORGS.values()}:
        node(Node("Region", prov, {"name": prov}, SRC))
    for oid, (name, kind, size, prov, nace, desc) in ORGS.items():
        node(
            Node(
                "Organisation",
                oid,
                {
                    "name": name,
                    "kind": kind,
                    "size": size,
                    "province": prov,
                    "nace": nace,
                    "description": desc,
                    "enterprise_number": EN[oid],
                    "country": "BE",
                    "pagerank": PAGERANK.get(oid),
                    "degree": int(PAGERANK.get(oid, 0) * 20) or None,
                },
                SRC,
                oid,
            )
        )
        rel(Rel("LOCATED_IN", "Organisation", oid, "Region", prov, {}, SRC))
        if nace:
            rel(Rel("IN_SECTOR", "Organisation", oid, "Sector", nace[:2], {}, SRC))


def _clusters(r: Records) -> None:
    node, rel = r.nodes.append, r.rels.append
    for cid, (name, ctype, domain) in CLUSTERS.items():
        node(Node("Cluster", cid, {"name": name, "type": ctype, "domain": domain}, SRC, cid))
        for oid in MEMBERS[cid]:
            rel(
                Rel(
                    "MEMBER_OF",
                    "Organisation",
                    oid,
                    "Cluster",
                    cid,
                    MEMBERSHIP.get((cid, oid), {"since": "2019-01-01", "role": "member"}),
                    SRC,
                    f"{cid}/{oid}",
                )
            )
    rel(Rel("LINKED_TO", "Cluster", "I1", "Cluster", "S2", {"relation": "parent"}, SRC))
    rel(Rel("LINKED_TO", "Cluster", "I2", "Cluster", "S1", {"relation": "parent"}, SRC))
    rel(Rel("TIED_TO", "Organisation", "E1", "Cluster", "S1", {"relation": "founder"}, SRC))


def _projects(r: Records) -> None:
    node, rel = r.nodes.append, r.rels.append
    for instrument in ("ICON", "COOCK"):
        node(Node("Instrument", instrument, {"name": instrument}, SRC))
    for pid, (title, instrument, year, kind, themes, clusters, orgs) in PROJECTS.items():
        node(
            Node(
                "Project",
                pid,
                {
                    "title": title,
                    "instrument": instrument,
                    "year": year,
                    "kind": kind,
                    "themes": themes,
                },
                SRC,
                pid,
            )
        )
        rel(Rel("FUNDED_BY", "Project", pid, "Instrument", instrument, {}, SRC))
        for theme in themes:
            node(Node("Theme", theme, {"name": theme}, SRC))
            rel(Rel("HAS_THEME", "Project", pid, "Theme", theme, {}, SRC))
        for cid in clusters:
            rel(_takes_part("Cluster", cid, pid, {"role": "partner", "status": "approved"}))
        for i, oid in enumerate(orgs):
            role = "coordinator" if i == 0 else "participant"
            rel(_takes_part("Organisation", oid, pid, {"role": role}))


def _takes_part(label: str, start: str, project: str, props: dict) -> Rel:
    return Rel("PARTICIPATES_IN", label, start, "Project", project, props, SRC)


def _analytics(r: Records) -> None:
    """What analytics writes back: overlaps and sector links."""
    rel = r.rels.append
    for a, b, shared, jaccard, oc in OVERLAPS:
        rel(
            Rel(
                "OVERLAPS",
                "Cluster",
                a,
                "Cluster",
                b,
                {
                    "shared": len(shared),
                    "jaccard": jaccard,
                    "overlap_coefficient": oc,
                    "shared_ids": shared,
                    "run_id": "test-run",
                },
                SRC,
            )
        )
    rel(
        Rel(
            "SECTOR_LINK",
            "Sector",
            "20",
            "Sector",
            "35",
            {"links": 3, "via": "projects", "level": "division"},
            SRC,
        )
    )
    rel(
        Rel(
            "SECTOR_LINK",
            "Sector",
            "10",
            "Sector",
            "85",
            {"links": 2, "via": "projects", "level": "division"},
            SRC,
        )
    )


def build_graph(db) -> None:
    """Load the hand-built graph into the (empty) test database."""
    write_records(db, records())


def test_hand_built_graph_loads_as_drawn(db):
    build_graph(db)
    counts = graph_counts(db)
    assert counts["node:Organisation"] == len(ORGS)
    assert counts["node:Cluster"] == len(CLUSTERS)
    assert counts["relationship:MEMBER_OF"] == sum(len(m) for m in MEMBERS.values())
    assert counts["relationship:OVERLAPS"] == len(OVERLAPS)
    build_graph(db)
    assert graph_counts(db) == counts


# -- the service on that graph (imported by the other test_api_* modules) -----------------------
ROLES = ("viewer", "manager", "analyst", "admin")


@dataclass
class Service:
    app: Any
    client: TestClient
    keys: dict[str, str]
    db: Any

    def get(self, path: str, role: str | None = "admin", **kw):
        return self.client.get(path, headers=self.auth(role), **kw)

    def post(self, path: str, role: str | None = "admin", **kw):
        return self.client.post(path, headers=self.auth(role), **kw)

    def auth(self, role: str | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[role]}"} if role else {}


def service_settings(home, **extra) -> Settings:
    return Settings(INNOGRAPH_HOME=str(home), INNOGRAPH_MIN_GROUP_SIZE=2, **extra)


@pytest.fixture(name="service")
def service_fixture(db, tmp_path) -> Service:
    """The app on the hand-built graph (min_group_size 2), with one key per role."""
    build_graph(db)
    app = create_app(service_settings(tmp_path / "home"), db=db)
    keys = {role: app.state.keys.create(role, f"test {role}")[1] for role in ROLES}
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Service(app, client, keys, db)
