"""Known answers for the curated landscape (pure: no Neo4j).

The expected values below were checked by hand against the seed document
``ingest/data/seeds/000_da5ac1ebd3a3b6da.txt``
(Tabel 3, Tabel 10, Tabel 11, §2.5, §3.3) and ``004_fcc77dbab908c948.txt``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pytest

from graph.keys import name_key
from graph.model import ORG_KINDS
from ingest.landscape import build_landscape

IBNS = {  # Tabel 3: the 19 networks it names (it counts 20), with their call
    "ibn-power-to-gas": "first",
    "ibn-air-cargo-belgium": "first",
    "ibn-b-hive": "first",
    "ibn-bim": "first",
    "ibn-digitising-manufacturing": "first",
    "ibn-euka": "first",
    "ibn-composieten": "first",
    "ibn-smart-digital-farming": "first",
    "ibn-innovatieve-coatings": "first",
    "ibn-bouwindustrialisatie": "first",
    "ibn-offshore-energy": "first",
    "ibn-flag": "first",
    "ibn-groen-licht-vlaanderen": "first",
    "ibn-flanders-bike-valley": "first",
    "ibn-smart-cities-vlaanderen": "second",
    "ibn-flanders-health": "second",
    "ibn-space-4-0": "second",
    "ibn-smart-buildings-in-use": "second",
    "ibn-the-beacon": "second",
}

PARTICIPANTS = {  # Tabel 10 and 11: project -> {cluster: participation status}
    "ic-voedingsverpakking-van-de-toekomst": {
        "flanders-food": "active",
        "vil": "active",
        "sim": "active",
        "catalisti": "active",
    },
    "ic-corona": {"sim": "active", "catalisti": "active"},
    "ic-applisurf": {"sim": "active", "catalisti": "active"},
    "ic-lifebat": {"sim": "active", "flux50": "active"},
    "ic-brightfields": {"flux50": "active", "ibn-power-to-gas": "active"},
    "ic-safelife": {"sim": "active", "ibn-offshore-energy": "active"},
    "ic-futureproofrail": {"catalisti": "active", "ibn-composieten": "active"},
    "ic-datasharing-in-luchtvrachtlogistiek": {"vil": "active", "ibn-air-cargo-belgium": "active"},
    "ic-corset": {"sim": "active", "catalisti": "withdrawn"},
    "ic-data-solanea": {"ibn-smart-digital-farming": "active", "flanders-food": "active"},
    "ic-effsep": {"flanders-food": "active", "catalisti": "active"},
    "ic-smart-wateruse": {"flanders-food": "active", "blauwe-cluster": "active"},
    "ic-re2live": {"vil": "active", "sim": "active", "flux50": "active"},
    "ic-prometheus": {"flanders-food": "active", "catalisti": "active"},
    "ic-logigrid": {"vil": "active", "flux50": "active"},
}

PROJECTS = {  # project -> (instrument id, year, table)
    "ic-voedingsverpakking-van-de-toekomst": ("vis", 2017, "Tabel 10"),
    "ic-corona": ("vis", 2017, "Tabel 10"),
    "ic-applisurf": ("vis", 2017, "Tabel 10"),
    "ic-lifebat": ("vis", 2017, "Tabel 10"),
    "ic-brightfields": ("icon", 2017, "Tabel 10"),
    "ic-safelife": ("icon", 2017, "Tabel 10"),
    "ic-futureproofrail": ("coop-plus", 2017, "Tabel 10"),
    "ic-datasharing-in-luchtvrachtlogistiek": ("vis", 2017, "Tabel 10"),
    "ic-corset": ("icon", 2018, "Tabel 10"),
    "ic-data-solanea": ("cooperative", 2018, "Tabel 10"),
    "ic-effsep": ("sbo", 2019, "Tabel 11"),
    "ic-smart-wateruse": ("coock", 2019, "Tabel 11"),
    "ic-re2live": ("coock", 2019, "Tabel 11"),
    "ic-prometheus": ("icon", 2019, "Tabel 11"),
    "ic-logigrid": ("coock", 2019, "Tabel 11"),
}


@pytest.fixture(scope="module")
def records():
    return build_landscape()


@pytest.fixture(scope="module")
def nodes(records):
    return {(n.label, n.id): n for n in records.nodes}


def rels(records, type_):
    return [r for r in records.rels if r.type == type_]


def label_ids(records, label, **props):
    return {
        n.id
        for n in records.nodes
        if n.label == label and all(n.props.get(k) == v for k, v in props.items())
    }


# --- clusters and line-ups ----------------------------------------------------------------


def test_spearhead_clusters(records, nodes):
    assert label_ids(records, "Cluster", type="spearhead") == {
        "catalisti",
        "flux50",
        "vil",
        "flanders-food",
        "blauwe-cluster",
        "sim",
        "medvia",
    }
    assert nodes["Cluster", "flanders-food"].props["name"] == "Flanders' FOOD"
    assert nodes["Cluster", "blauwe-cluster"].props["name"] == "De Blauwe Cluster"
    for cid in ("catalisti", "sim", "flux50", "vil"):
        assert nodes["Cluster", cid].props["start_year"] == 2017
        assert nodes["Cluster", cid].props["term_end"] == "2026-12-31"
    for cid in ("flanders-food", "blauwe-cluster"):
        assert nodes["Cluster", cid].props["start_year"] == 2018
        assert nodes["Cluster", cid].props["term_end"] == "2027-12-31"
    medvia = nodes["Cluster", "medvia"].props
    assert medvia["domain"] == "healthtech" and medvia.get("start_year") is None
    assert nodes["Cluster", "sim"].props["status"] == "not_in_2024_lineup"


def test_ibns_of_tabel_3_with_their_call(records, nodes):
    assert label_ids(records, "Cluster", type="ibn") == set(IBNS)
    assert {i: nodes["Cluster", i].props["call"] for i in IBNS} == IBNS
    assert Counter(IBNS.values()) == {"first": 14, "second": 5}  # the table counts 14 and 6
    assert nodes["Cluster", "ibn-offshore-energy"].props["end_date"] == "2020-02-29"
    assert nodes["Cluster", "ibn-the-beacon"].props["end_date"] == "2021-12-31"
    stated = nodes["Statistic", "stat-tabel-3-ibn-count"].props["value"]
    assert stated == 20 and len(IBNS) == 19  # recorded as stated; no IBN invented


def test_lineups(records):
    listed = defaultdict(dict)
    for r in rels(records, "LISTED_IN"):
        listed[r.end_id][r.start_id] = r.props
    assert set(listed["lineup-2020"]) == {
        "catalisti",
        "sim",
        "flux50",
        "vil",
        "flanders-food",
        "blauwe-cluster",
    }
    assert set(listed["lineup-2024"]) == {
        "catalisti",
        "blauwe-cluster",
        "flanders-food",
        "flux50",
        "medvia",
        "vil",
    }
    ending_2026 = {c for c, p in listed["lineup-2024"].items() if p.get("term_end_year") == 2026}
    assert ending_2026 == {"catalisti", "flux50", "vil"}
    lineup_2024 = next(n for n in records.nodes if n.id == "lineup-2024")
    assert lineup_2024.props["not_listed"] == ["sim"]
    assert lineup_2024.source == "seeds/004_fcc77dbab908c948.txt"


def test_ibn_spearhead_links(records):
    links = {(r.start_id, r.end_id): r.props["relation"] for r in rels(records, "LINKED_TO")}
    assert links == {
        ("ibn-air-cargo-belgium", "vil"): "related",
        ("ibn-power-to-gas", "flux50"): "related",
        ("ibn-composieten", "sim"): "integrated_into",
        ("ibn-offshore-energy", "blauwe-cluster"): "integration_planned",  # §3.3: steps only
        ("ibn-innovatieve-coatings", "sim"): "related",
    }
    assert all(r.ref for r in rels(records, "LINKED_TO"))


# --- intercluster projects ----------------------------------------------------------------


def test_intercluster_projects(records, nodes):
    assert label_ids(records, "Project", kind="intercluster") == set(PROJECTS)
    funded = {r.start_id: r.end_id for r in rels(records, "FUNDED_BY")}
    for pid, (instrument, year, table) in PROJECTS.items():
        node = nodes["Project", pid]
        assert (funded[pid], node.props["year"], node.ref) == (instrument, year, table)
        # Tabel 10: ten applications, approval unknown per row (§3.3); Tabel 11: approved
        status = ("applied", "unknown") if table == "Tabel 10" else ("approved", "approved")
        assert node.props["title"] and (node.props["status"], node.props["approval"]) == status


def test_participants_of_every_intercluster_project(records):
    found = defaultdict(dict)
    for r in rels(records, "PARTICIPATES_IN"):
        assert r.start_label == "Cluster"
        found[r.end_id][r.start_id] = r.props["status"]
    assert dict(found) == PARTICIPANTS
    withdrawn = [
        (r.start_id, r.end_id)
        for r in rels(records, "PARTICIPATES_IN")
        if r.props["status"] == "withdrawn"
    ]
    assert withdrawn == [("catalisti", "ic-corset")]


def test_sources_that_disagree_keep_their_own_figures(nodes):
    # Tabel 5 counts 6 approved intercluster projects in 2018; Tabel 10 lists 2 for 2018.
    assert nodes["Statistic", "stat-tabel-5-intercluster-projects-2018"].props["value"] == 6
    assert (
        sum(1 for (label, _), n in nodes.items() if label == "Project" and n.props["year"] == 2018)
        == 2
    )
    assert nodes["Statistic", "stat-s3-3-intercluster-approved"].props["value"] == 7


def test_transition_priorities_of_tabel_11(records):
    serves = {(r.start_id, r.end_id) for r in rels(records, "SERVES")}
    tabel_11 = {p for p, (_, _, table) in PROJECTS.items() if table == "Tabel 11"}
    assert {p for p, tp in serves if tp == "tp-visie-2050"} == tabel_11
    assert ("moonshot", "tp-klimaat-en-energie") in serves


# --- moonshot, organisations, instruments -------------------------------------------------


def test_moonshot(records):
    themes = {r.end_id for r in rels(records, "HAS_THEME") if r.start_id == "moonshot"}
    assert themes == {
        "theme-biogebaseerde-chemie",
        "theme-circulariteit-van-koolstof-in-materialen",
        "theme-elektrificatie-en-procestransformatie",
        "theme-energie-innovatie",
    }
    coordinates = {(r.start_label, r.start_id, r.end_id) for r in rels(records, "COORDINATES")}
    assert coordinates == {("Cluster", "catalisti", "moonshot")}


def test_organisations(records, nodes):
    orgs = {n.props["name"]: n for n in records.nodes if n.label == "Organisation"}
    for name in (
        "UGent",
        "KU Leuven",
        "UAntwerpen",
        "VUB",
        "UHasselt",
        "imec",
        "VITO",
        "Flanders Make",
        "VIB",
        "Centexbel",
        "Flamac",
        "Essenscia",
        "Fevia",
        "Transport & Logistiek Vlaanderen",
        "Agoria",
        "Sirris",
        "VLAIO",
        "FIT",
        "VEA",
        "MOW",
        "EWI",
    ):
        assert name in orgs, name
    for name, node in orgs.items():
        assert node.id == "ORG:" + name_key(name)
        assert node.props["kind"] in ORG_KINDS
    assert "Katholieke Universiteit Leuven" in orgs["KU Leuven"].props["aliases"]
    assert "Interuniversitair Micro-Electronica Centrum" in orgs["imec"].props["aliases"]
    ties = {(r.start_id, r.end_id): r.props["relation"] for r in rels(records, "TIED_TO")}
    assert ties["ORG:essenscia", "catalisti"] == "sector_federation"
    assert ties["ORG:fevia", "flanders-food"] == "sector_federation"
    assert ties["ORG:transport and logistiek vlaanderen", "vil"] == "sector_federation"
    managed = {r.end_id for r in rels(records, "MANAGES")}
    assert managed == label_ids(records, "Cluster", type="spearhead")


def test_instrument_rules_only_from_the_sources(nodes):
    for iid in ("icon", "feasibility", "oo-research", "oo-development"):
        assert nodes["Instrument", iid].props["min_firms"] == 3
        assert nodes["Instrument", iid].props["min_firms_source_ref"]
    for iid in (
        "icon",
        "coock",
        "csbo",
        "oo-research",
        "oo-development",
        "vis",
        "feasibility",
        "moonshot-sbo",
    ):
        props = nodes["Instrument", iid].props
        assert "requires_sme" not in props and "min_research_partners" not in props
    coock = nodes["Instrument", "coock"].props
    assert coock["assumed_requires_sme"] is True
    assert coock["assumed_requires_sme_source"] == "innograph-assumption"


def test_earmarked_funding_tables_add_up(nodes):
    def value(sid):
        return nodes["Statistic", sid].props["value"]

    for year in (2017, 2018, 2019):
        parts = [
            n.props["value"]
            for (label, sid), n in nodes.items()
            if label == "Statistic"
            and sid.startswith("stat-tabel-7-")
            and sid.endswith(f"-vlaio-support-{year}")
            and "-total-" not in sid
        ]
        assert sum(parts) == value(f"stat-tabel-7-total-vlaio-support-{year}")
        assert value(f"stat-tabel-7-total-vlaio-support-{year}") == value(
            f"stat-tabel-5-earmarked-support-{year}"
        )
        counts = [
            n.props["value"]
            for (label, sid), n in nodes.items()
            if label == "Statistic"
            and re.fullmatch(rf"stat-tabel-6-[a-z-]+-projects-{year}", sid)
            and "-total-" not in sid
            and "vis-tp" not in sid
        ]
        assert sum(counts) == value(f"stat-tabel-6-total-projects-{year}")


def test_regions(records):
    parts = {(r.start_id, r.end_id) for r in rels(records, "PART_OF")}
    for province in ("BE-VAN", "BE-VOV", "BE-VWV", "BE-VLI", "BE-VBR"):
        assert (province, "BE-VLG") in parts
    assert ("BE-VLG", "BE") in parts and ("BE-BRU", "BE") in parts
