"""Organisation resolution (ingest.resolve.OrgIndex) and the same organisation across sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import clusterfiles, cordis
from ingest.resolve import OrgIndex
from ingest.tables import write_csv

DATA = Path(__file__).parent / "data" / "clusterfiles" / "members"

GRAPH = [
    {
        "id": "ORG:ku leuven",
        "enterprise_number": None,
        "pic": None,
        "name_key": "ku leuven",
        "alias_keys": ["katholieke universiteit leuven", "kuleuven"],
    },
    {
        "id": "BE0403170701",
        "enterprise_number": "0403170701",
        "pic": None,
        "name_key": "agoria",
        "alias_keys": None,
    },
    {
        "id": "PIC:999645238",
        "enterprise_number": None,
        "pic": "999645238",
        "name_key": "vito",
        "alias_keys": [],
    },
    {
        "id": "ORG:twin a",
        "enterprise_number": None,
        "pic": None,
        "name_key": "twin",
        "alias_keys": None,
    },
    {
        "id": "ORG:twin b",
        "enterprise_number": None,
        "pic": None,
        "name_key": "twin b",
        "alias_keys": ["twin"],
    },
]


@pytest.fixture
def index() -> OrgIndex:
    return OrgIndex.from_rows(GRAPH)


def test_enterprise_number_first_in_any_notation(index):
    assert (
        index.resolve(enterprise_number="BE 0403.170.701", name="Something else") == "BE0403170701"
    )


def test_then_pic(index):
    assert index.resolve(pic="999645238", name="VLAAMSE INSTELLING") == "PIC:999645238"


def test_then_name_key_or_alias_key(index):
    assert index.resolve(name="KU Leuven") == "ORG:ku leuven"
    assert (
        index.resolve(name="KATHOLIEKE UNIVERSITEIT LEUVEN", pic="999991334", country="BE")
        == "ORG:ku leuven"
    )
    assert index.resolve(name="Agoria vzw") == "BE0403170701"
    assert index.resolve(name="Unknown Name", aliases=["KULeuven"]) == "ORG:ku leuven"


def test_an_ambiguous_name_gives_no_match(index):
    assert index.find(name="Twin") is None
    # the new id is the name key id, which here is an existing node's id
    assert index.resolve(name="Twin") == "ORG:twin"


def test_different_numbers_mean_different_organisations(index):
    # same name, another enterprise number: another legal entity
    assert index.resolve(enterprise_number="1999999052", name="Agoria") == "BE1999999052"
    # the VITO node has a PIC; another PIC with the same name is another entity
    assert index.resolve(pic="111111111", name="VITO") == "PIC:111111111"


def test_country_must_agree_where_known():
    index = OrgIndex.from_rows([{"id": "ORG:acme", "name_key": "acme", "country": "DE"}])
    assert index.resolve(name="Acme", country="BE") == "ORG:acme"  # new id: same text
    assert index.find(name="Acme", country="BE") is None
    assert index.find(name="Acme", country="DE") == "ORG:acme"
    assert index.find(name="Acme") == "ORG:acme"


def test_no_match_gives_a_new_id(index):
    assert index.resolve(enterprise_number="1999999151") == "BE1999999151"
    assert index.resolve(pic="123456789") == "PIC:123456789"
    assert index.resolve(name="Gamma Parts NV") == "ORG:gamma parts"
    with pytest.raises(ValueError):
        index.resolve(enterprise_number="1999999053")


def test_add_makes_records_of_one_load_resolve_to_each_other():
    index = OrgIndex()
    first = index.resolve(enterprise_number="1999999052", name="Example Coatings BV")
    index.add(first, enterprise_number="1999999052", name="Example Coatings BV", country="BE")
    assert index.resolve(name="EXAMPLE COATINGS") == "BE1999999052"
    assert index.resolve(pic="555", name="Example Coatings", country="BE") == "BE1999999052"
    index.add("BE1999999052", pic="555")
    assert index.resolve(pic="555") == "BE1999999052"
    assert index.pic_of("BE1999999052") == "555"
    assert index.by_enterprise_number("1999.999.052") == "BE1999999052"
    assert "BE1999999052" in index and len(index) == 1


def test_owned_by():
    index = OrgIndex.from_rows(
        [
            {"id": "A", "name_key": "a"},  # sources unknown
            {"id": "B", "name_key": "b", "sources": ["cordis:x/organization.csv"]},
            # created by the landscape, enriched by CORDIS: still the landscape's
            {"id": "D", "source": "seeds/000.txt", "sources": ["seeds/000.txt", "cordis:x/o.csv"]},
        ]
    )
    assert index.owned_by("D", "seeds/000.txt") and not index.owned_by("D", "cordis:x/o.csv")
    assert not index.owned_by("A", "cordis:x/organization.csv")
    assert index.owned_by("B", "cordis:x/organization.csv")
    assert not index.owned_by("B", "clusterfiles:y/organisations.csv")
    assert index.owned_by("NEW", "anything")
    index.add("C", name="c", source="clusterfiles:y/organisations.csv")
    assert index.owned_by("C", "clusterfiles:y/organisations.csv")
    assert not index.owned_by("C", "cordis:x/organization.csv")
    assert index.in_graph("A") and not index.in_graph("C")


def test_rows_with_plain_aliases():
    # the curated landscape stores ``aliases`` (names), not ``alias_keys``
    aliases = ["IMEC", "Interuniversitair Micro-Electronicacentrum IMEC"]
    index = OrgIndex.from_rows(
        [{"id": "ORG:imec", "name": "imec", "country": "BE", "aliases": aliases}]
    )
    assert (
        index.resolve(name="INTERUNIVERSITAIR MICRO-ELECTRONICACENTRUM IMEC VZW", country="BE")
        == "ORG:imec"
    )


def test_a_stored_number_that_fails_the_check_does_not_break_the_index():
    index = OrgIndex.from_rows([{"id": "X", "enterprise_number": "0123456789", "name_key": "x"}])
    assert index.enterprise_number_of("X") == "0123456789"


def _cordis_folder(folder: Path) -> Path:
    """A tiny CORDIS folder whose Belgian participants are the test cluster file's members."""
    folder.mkdir()
    write_csv(
        folder / "project.csv",
        ["id", "rcn", "acronym", "title", "startDate", "endDate", "frameworkProgramme"],
        [["900001", "1", "TESTPROJ", "A test project", "2020-01-01", "2022-12-31", "H2020"]],
        delimiter=";",
    )
    write_csv(
        folder / "organization.csv",
        [
            "organisationID",
            "activityType",
            "country",
            "role",
            "rcn",
            "projectID",
            "name",
            "shortName",
            "vatNumber",
            "ecContribution",
        ],
        [
            [
                "900000001",
                "PRC",
                "BE",
                "coordinator",
                "1",
                "900001",
                "ALPHA COATINGS",
                "ALPHA",
                "BE1999999052",
                "100000",
            ],
            [
                "900000002",
                "PRC",
                "BE",
                "participant",
                "1",
                "900001",
                "GAMMA PARTS NV",
                "",
                "",
                "50000",
            ],
            ["900000003", "HES", "BE", "participant", "1", "900001", "KU LEUVEN", "", "", ""],
            ["900000004", "PRC", "DE", "participant", "1", "900001", "Gamma Parts", "", "", ""],
        ],
        delimiter=";",
    )
    return folder


def test_the_same_organisation_from_two_sources_is_one_node(tmp_path):
    index = OrgIndex.from_rows(GRAPH)
    members = clusterfiles.load_folder(DATA, index, known_clusters={"catalisti", "sim"})
    eu = cordis.build_records(cordis.read_cordis(_cordis_folder(tmp_path / "eu")), index)
    member_ids = {n.id for n in members.nodes if n.label == "Organisation"}
    eu_orgs = {n.props.get("pic"): n for n in eu.nodes if n.label == "Organisation"}
    assert eu_orgs["900000001"].id == "BE1999999052"  # by VAT -> enterprise number
    assert eu_orgs["900000002"].id == "ORG:gamma parts"  # by name key
    assert eu_orgs["900000003"].id == "ORG:ku leuven"  # by the curated name key
    assert eu_orgs["900000004"].id == "PIC:900000004"  # not Belgian: by PIC only
    assert {"BE1999999052", "ORG:gamma parts"} <= member_ids
    # the cluster file's load made those nodes: CORDIS adds facts, keeps their names
    assert "name" not in eu_orgs["900000001"].props
    assert eu_orgs["900000001"].props["pic"] == "900000001"
    assert eu_orgs["900000004"].props["name"] == "Gamma Parts"


def test_the_other_order_gives_the_same_ids(tmp_path):
    index = OrgIndex.from_rows(GRAPH)
    eu = cordis.build_records(cordis.read_cordis(_cordis_folder(tmp_path / "eu")), index)
    members = clusterfiles.load_folder(DATA, index, known_clusters={"catalisti", "sim"})
    eu_ids = {n.props["pic"]: n.id for n in eu.nodes if n.label == "Organisation"}
    member_ids = [n.id for n in members.nodes if n.label == "Organisation"]
    assert eu_ids["900000001"] == "BE1999999052"  # VAT gives the enterprise number id
    assert eu_ids["900000002"] == "PIC:900000002"  # no number: the PIC id ...
    assert member_ids == ["BE1999999052", "BE1999999151", "PIC:900000002"]  # ... found by name
