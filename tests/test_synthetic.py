"""The synthetic generator: deterministic, calibrated to the report, never touching real orgs."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from graph import nace
from graph.keys import name_key
from ingest.landscape import build_landscape
from ingest.synthetic import generate

SPEARHEADS = {"catalisti", "sim", "flux50", "vil", "flanders-food", "blauwe-cluster", "medvia"}


@pytest.fixture(scope="module")
def big():
    return generate(20_000, seed=7)


@pytest.fixture(scope="module")
def firms(big):
    return [n for n in big.nodes if n.label == "Organisation" and n.props["kind"] == "firm"]


def shares(values):
    counts = Counter(values)
    total = sum(counts.values())
    return {k: v / total for k, v in counts.items()}


def test_deterministic_for_a_seed():
    assert generate(3_000, seed=11) == generate(3_000, seed=11)
    assert generate(3_000, seed=11) != generate(3_000, seed=12)


def test_sme_share(firms):
    assert shares(n.props["size"] for n in firms)["sme"] == pytest.approx(0.81, abs=0.02)


def test_sector_shares(firms):
    got = shares(n.props["sector_group"] for n in firms)
    for group, want in {
        "industry": 0.445,
        "services": 0.355,
        "trade": 0.193,
        "primary": 0.006,
    }.items():
        assert got.get(group, 0) == pytest.approx(want, abs=0.015), group


def test_nace_codes_are_real_divisions_of_their_sector(firms):
    section = {s.code: s.section for s in nace.sectors().values() if s.level == 2}
    groups = {"primary": "A", "industry": "BCDEF", "trade": "G", "services": "HIJKLMNPQRS"}
    for n in firms:
        assert section[n.props["nace"]] in groups[n.props["sector_group"]]


def test_ownership_shares(firms):
    got = shares(n.props["ownership"] for n in firms)
    for kind, want in {
        "domestic": 0.37,
        "belgian_multinational": 0.27,
        "foreign_multinational": 0.34,
    }.items():
        assert got[kind] == pytest.approx(want, abs=0.015), kind


def test_provinces(big):
    got = shares(n.props["province"] for n in big.nodes if n.label == "Organisation")
    total = 3 * 0.8 + 2 * 0.5
    for region, weight in {
        "BE-VAN": 0.8,
        "BE-VOV": 0.8,
        "BE-VBR": 0.8,
        "BE-VWV": 0.5,
        "BE-VLI": 0.5,
    }.items():
        assert got[region] == pytest.approx(weight / total, abs=0.02), region


def test_memberships(big):
    spearhead_of = defaultdict(set)
    for r in big.rels:
        if r.type == "MEMBER_OF" and r.end_id in SPEARHEADS:
            spearhead_of[r.start_id].add(r.end_id)
    multi = sum(len(c) >= 2 for c in spearhead_of.values()) / len(spearhead_of)
    assert multi == pytest.approx(0.05, abs=0.01)
    sizes = Counter(c for cs in spearhead_of.values() for c in cs)
    assert set(sizes) == SPEARHEADS
    assert 5 <= max(sizes.values()) / min(sizes.values()) <= 9  # 100 to 700 members, scaled
    counts = big.counts()
    assert counts["MEMBER_OF"] / 20_000 == pytest.approx(1.5, abs=0.05)
    assert counts["PARTICIPATES_IN"] / 20_000 == pytest.approx(8.0, abs=0.4)
    assert {r.end_id for r in big.rels if r.type == "MEMBER_OF"} - SPEARHEADS  # IBNs too


def test_projects_follow_the_instrument_rules(big):
    nodes = {n.id: n for n in big.nodes}
    members = defaultdict(list)
    for r in big.rels:
        if r.type == "PARTICIPATES_IN":
            members[r.end_id].append((nodes[r.start_id].props["kind"], r.props["role"]))
    projects = [n for n in big.nodes if n.label == "Project"]
    for p in projects:
        year, instrument = p.props["year"], p.props["instrument_id"]
        assert 2016 <= year <= 2024 and p.props["themes"] and p.props["title"]
        assert not (instrument == "vis" and year > 2017)
        assert not (instrument == "coock" and year < 2018)
        assert not (instrument == "moonshot-sbo" and year < 2019)
        # Tabel 6 and fn 17: feasibility studies until 2017, R&D projects from 2018
        assert not (instrument == "feasibility" and year > 2017)
        assert not (instrument in ("oo-research", "oo-development") and year < 2018)
        roles = [role for _, role in members[p.id]]
        assert roles.count("coordinator") == (1 if roles else 0)
    three_firms = [
        sum(k == "firm" for k, _ in members[p.id]) >= 3
        for p in projects
        if p.props["instrument_id"] in ("icon", "feasibility", "oo-research", "oo-development")
    ]
    assert sum(three_firms) / len(three_firms) > 0.98

    def led_by_institution(p) -> bool:
        return ("knowledge_institution", "coordinator") in members[p.id]

    moonshot = [
        led_by_institution(p) for p in projects if p.props["instrument_id"] == "moonshot-sbo"
    ]
    assert moonshot and all(moonshot)  # §3.3: the Moonshot's leads are all institutions
    # §3.3 says it of the Moonshot only: c-SBO and the others are led by firms too
    csbo = [led_by_institution(p) for p in projects if p.props["instrument_id"] == "csbo"]
    assert 0 < sum(csbo) < len(csbo)


def test_cluster_years_follow_the_line_ups_and_calls(big):
    """SIM left the 2024 line-up (004): no member or project of SIM after 2023; second-call IBNs
    (Tabel 3, at most 3 years of support, Tabel 1) have members and projects from 2018 only."""
    second_call = {
        "ibn-smart-cities-vlaanderen",
        "ibn-flanders-health",
        "ibn-space-4-0",
        "ibn-smart-buildings-in-use",
        "ibn-the-beacon",
    }
    sim = [r.props for r in big.rels if r.type == "MEMBER_OF" and r.end_id == "sim"]
    assert sim and max(m["since"] for m in sim) <= 2023 and {m["until"] for m in sim} == {2023}
    later = [
        r.props["since"] for r in big.rels if r.type == "MEMBER_OF" and r.end_id in second_call
    ]
    assert later and min(later) == 2018
    led = [n.props for n in big.nodes if n.label == "Project"]
    assert max(p["year"] for p in led if p["cluster"] == "sim") <= 2023
    assert min(p["year"] for p in led if p["cluster"] in second_call) >= 2018


def test_everything_is_synthetic_and_no_real_organisation_is_touched(big):
    assert [(s.kind, s.synthetic, s.id) for s in big.sources] == [
        ("synthetic", True, "synthetic:seed=7")
    ]
    assert {n.label for n in big.nodes} == {"Organisation", "Project"}
    real = build_landscape()
    real_keys = {(n.label, n.id) for n in real.nodes}
    synthetic_keys = {(n.label, n.id) for n in big.nodes}
    assert not real_keys & synthetic_keys
    all_keys = synthetic_keys | real_keys
    for n in big.nodes:
        assert n.props["synthetic"] is True and n.source == "synthetic:seed=7" and n.ref
        assert n.id.startswith("SYN:")
        assert "Synthetic" in n.props.get("name", n.props.get("title", ""))
    for r in big.rels:
        assert r.props["synthetic"] is True and r.source == "synthetic:seed=7"
        assert (r.start_label, r.start_id) in synthetic_keys
        assert (r.end_label, r.end_id) in all_keys
        assert r.end_label != "Organisation"


def test_names_descriptions_and_keys(big):
    orgs = [n for n in big.nodes if n.label == "Organisation"][:500]
    for n in orgs:
        assert n.props["name_key"] == name_key(n.props["name"])
        assert n.props["description"].count(",") >= 1 or "working on" in n.props["description"]
    assert orgs[42].props["name"].startswith("Synthetic ") and "00042" in orgs[42].props["name"]


def test_chosen_clusters_only():
    records = generate(500, seed=3, clusters=["vil", "ibn-air-cargo-belgium"])
    assert {r.end_id for r in records.rels if r.type == "MEMBER_OF"} == {
        "vil",
        "ibn-air-cargo-belgium",
    }
    with pytest.raises(ValueError, match="unknown cluster"):
        generate(10, clusters=["no-such-cluster"])


def test_two_spearhead_clusters():
    """With two spearheads a member is in one or both (an IndexError once: a third was drawn)."""
    records = generate(2000, seed=5, clusters=["catalisti", "flux50"])
    spearhead_of = defaultdict(set)
    for r in records.rels:
        if r.type == "MEMBER_OF":
            spearhead_of[r.start_id].add(r.end_id)
    assert set().union(*spearhead_of.values()) == {"catalisti", "flux50"}
    assert Counter(len(c) for c in spearhead_of.values()).keys() == {1, 2}


def test_scale_100k_has_about_a_million_memberships_and_participations():
    # How fast it generates is measured in benchmarks/bench_ingest.py, not timed here.
    records = generate(100_000)
    counts = records.counts()
    assert 0.9e6 <= counts["MEMBER_OF"] + counts["PARTICIPATES_IN"] <= 1.05e6
