"""Known answers for the curated landscape (pure: no Neo4j).

The expected values below were checked by hand against the seed document
``ingest/data/seeds/000_da5ac1ebd3a3b6da.txt``
(Tabel 3, Tabel 10, Tabel 11, §2.5, §3.3) and ``004_fcc77dbab908c948.txt``.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from graph.errors import DataError
from graph.keys import name_key
from graph.model import NODE_LABELS, ORG_KINDS, REL_TYPES
from ingest.data import SEEDS
from ingest.landscape import LANDSCAPE_DIR, build_landscape

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


# --- integrity of the records -------------------------------------------------------------


def test_every_node_and_relationship_names_its_source_and_ref(records):
    source_ids = {s.id for s in records.sources}
    for item in [*records.nodes, *records.rels]:
        assert item.source and item.ref, item
        assert item.source in source_ids, item.source
    assert {s.id for s in records.sources if s.kind == "document"} >= {
        f"seeds/{f}"
        for f in (
            "000_da5ac1ebd3a3b6da.txt",
            "003_74ba18d44d5e49c7.txt",
            "004_fcc77dbab908c948.txt",
        )
    }


def test_ids_unique_and_endpoints_exist(records):
    keys = Counter((n.label, n.id) for n in records.nodes)
    assert not [k for k, c in keys.items() if c > 1]
    pairs = Counter((r.type, r.start_id, r.end_id) for r in records.rels)
    assert not [k for k, c in pairs.items() if c > 1]
    sources = {s.id for s in records.sources}
    for r in records.rels:
        assert r.type in REL_TYPES
        assert (r.start_label, r.start_id) in keys, r
        is_source = r.end_label == "Source" and r.end_id in sources
        assert (r.end_label, r.end_id) in keys or is_source, r


def test_properties_are_storable(records):
    def storable(v):
        if isinstance(v, list):
            return len({type(x) for x in v}) <= 1 and all(
                isinstance(x, (str, int, float, bool)) for x in v
            )
        return v is None or isinstance(v, (str, int, float, bool))

    for item in [*records.nodes, *records.rels]:
        if hasattr(item, "label"):
            assert item.label in NODE_LABELS
        for k, v in item.props.items():
            assert storable(v), (item, k, v)


def test_deterministic():
    assert build_landscape() == build_landscape()


# --- the curated text against the seed documents ------------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _digits(x: float) -> str:
    return (f"{float(x):.6f}".rstrip("0").rstrip(".").replace(".", "")).lstrip("0") or "0"


def test_statistics_quote_their_source(records):
    docs = {}
    for n in records.nodes:
        if n.label != "Statistic":
            continue
        path = SEEDS / n.source.removeprefix("seeds/")
        docs.setdefault(path, _norm(path.read_text(encoding="utf-8")))
        assert _norm(n.props["as_stated"]) in docs[path], n.id
        stated_digits = re.sub(r"\D", "", n.props["as_stated"])
        for key in ("value", "value_min", "value_max"):
            if stated_digits and n.props.get(key) is not None:
                assert _digits(n.props[key]) in stated_digits, (n.id, key)


def test_names_and_titles_quote_the_report(records):
    report = _norm((SEEDS / "000_da5ac1ebd3a3b6da.txt").read_text(encoding="utf-8"))
    for n in records.nodes:
        if n.label == "Cluster" and n.props["type"] == "ibn":
            assert n.props["name"] in report, n.id
        if n.label == "Project":
            assert _norm(n.props["title"]) in report, n.id


# --- validation ---------------------------------------------------------------------------


@pytest.fixture()
def copy(tmp_path):
    folder = tmp_path / "landscape"
    shutil.copytree(LANDSCAPE_DIR, folder)
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(folder):
    with pytest.raises(DataError) as info:
        build_landscape(folder)
    return {(p.file, p.line, p.column) for p in info.value.problems}, info.value


def test_unknown_cluster_is_reported_with_its_line(copy):
    _edit(copy / "project_participants.csv", "ic-logigrid,flux50,", "ic-logigrid,flux-50,")
    found, err = _problems(copy)
    assert ("project_participants.csv", 34, "cluster_id") in found
    assert "unknown cluster 'flux-50'" in str(err)


def test_bad_cells_duplicates_and_missing_columns(copy):
    _edit(copy / "ibns.csv", "2019-08-31", "31/08/2019")
    _edit(copy / "intercluster_projects.csv", "ic-corona,CORONA", "ic-applisurf,CORONA")
    _edit(copy / "regions.csv", "id,name,name_nl", "id,name,dutch_name")
    found, _ = _problems(copy)
    assert ("ibns.csv", 2, "end_date") in found
    assert ("intercluster_projects.csv", 4, "id") in found  # the second 'ic-applisurf'
    assert ("regions.csv", 1, "name_nl") in found and ("regions.csv", 1, "dutch_name") in found


def test_a_statistic_needs_a_value_and_a_subject(copy):
    row = "stat-tabel-1-spearhead-count,Tabel 1,Number of spearhead clusters,,"
    _edit(copy / "statistics.csv", row + "6,", row + ",")
    found, _ = _problems(copy)
    assert ("statistics.csv", 2, "value") in found
