"""NACE sectors: the one table and its code parsing (graph.nace), the Sector records
(ingest.sectors)."""

from __future__ import annotations

import csv

import pytest

from graph import nace
from ingest import sectors
from ingest.data import NACE_SOURCES
from ingest.data.derive_nace import derive


def test_vendored_table_sizes():
    levels: dict[str, int] = {}
    for s in nace.sectors().values():
        levels[s.level_name] = levels.get(s.level_name, 0) + 1
    assert levels == {"section": 21, "division": 88, "group": 272, "class": 615}
    assert len(nace.subclasses()) == 943


def test_hierarchy_is_closed():
    table = nace.sectors()
    for s in table.values():
        if s.level == 1:
            assert s.parent is None
        else:
            parent = table[s.parent]
            assert parent.level == s.level - 1 and parent.section == s.section
    assert all(cls in table and table[cls].level == 4 for cls in nace.subclasses().values())


def test_labels():
    c = nace.sectors()["C"]
    assert (c.label_en, c.label_nl) == ("Manufacturing", "Industrie")
    assert nace.sectors()["20.13"].label_en == "Manufacture of other inorganic basic chemicals"


def test_vendored_tables_are_what_the_script_derives(tmp_path):
    derive(NACE_SOURCES, tmp_path)
    for name in ("nace_rev2.csv", "nacebel_2008_subclasses.csv"):
        assert (tmp_path / name).read_text() == (nace.DATA / name).read_text()


@pytest.mark.parametrize(
    "code, sector, nace_bel, section, division",
    [
        ("C", "C", None, "C", None),
        ("c", "C", None, "C", None),
        ("20", "20", None, "C", "20"),
        ("20.1", "20.1", None, "C", "20"),
        ("201", "20.1", None, "C", "20"),
        ("20.13", "20.13", None, "C", "20"),
        ("2013", "20.13", None, "C", "20"),
        ("20.130", "20.13", "20130", "C", "20"),
        ("20130", "20.13", "20130", "C", "20"),
        (" 62.010 ", "62.01", "62010", "J", "62"),
        ("01.110", "01.11", "01110", "A", "01"),
    ],
)
def test_parse_nace(code, sector, nace_bel, section, division):
    assert nace.parse_nace(code) == nace.NaceCode(sector, nace_bel, section, division)
    assert nace.sector_of(code) == (section, division)


@pytest.mark.parametrize(
    "code, reason",
    [
        ("99.999", "'99.999' is not a NACE-BEL 2008 subclass"),
        ("20.19", "'20.19' is not a NACE Rev. 2 class"),
        ("04", "'04' is not a NACE Rev. 2 division"),
        ("1.11", "'1.11' is not a NACE code (e.g. 20.13 or the NACE-BEL 20130)"),
        ("Z", "'Z' is not a NACE Rev. 2 section (A-U)"),
        ("2013001", "'2013001' is not a NACE code (e.g. 20.13 or the NACE-BEL 20130)"),
        ("", "'' is not a NACE code (e.g. 20.13 or the NACE-BEL 20130)"),
    ],
)
def test_invalid_codes_say_why(code, reason):
    with pytest.raises(ValueError) as e:
        nace.parse_nace(code)
    assert str(e.value) == reason


def test_build_sectors():
    records = sectors.build_sectors()
    assert records.counts() == {"Sector": 996, "PART_OF": 975}
    nodes = {n.id: n for n in records.nodes}
    assert nodes["20.13"].props["level"] == 4 and nodes["20.13"].props["section"] == "C"
    edges = {(r.start_id, r.end_id) for r in records.rels}
    assert {("20.13", "20.1"), ("20.1", "20"), ("20", "C")} <= edges
    assert [s.id for s in records.sources] == ["nace:rev2"]
    assert all(n.source == "nace:rev2" for n in records.nodes)


def test_every_subclass_in_the_bce_table_parses():
    with open(nace.DATA / "nacebel_2008_subclasses.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            assert nace.parse_nace(row["code"]).sector == row["class"]


@pytest.mark.parametrize(
    "code, section, division",
    [
        ("20.14", "C", "20"),
        ("62010", "J", "62"),
        ("C", "C", None),
        ("q", "Q", None),
        ("04", None, None),  # not a NACE Rev. 2 division
        ("20.19", "C", "20"),  # no such class, but its first two digits name a division
        ("C20", "C", "20"),
        ("BE 6201", None, None),
        ("", None, None),
        (None, None, None),
    ],
)
def test_the_division_and_section_of_a_stored_code(code, section, division):
    assert (nace.section_of(code), nace.division_of(code)) == (section, division)
    assert nace.sector_at(code, "section") == section
    assert nace.sector_at(code, "division") == division


def test_sector_at_names_its_levels():
    with pytest.raises(ValueError, match=r"level must be one of \('section', 'division'\)"):
        nace.sector_at("20", "class")


def test_labels_of_sections_and_divisions():
    assert nace.label("C") == "SECTION C -- MANUFACTURING"
    assert nace.label("J") == "SECTION J-- INFORMATION AND COMMUNICATION"  # as the source has it
    assert nace.label("20") == "Manufacture of chemicals and chemical products"
    assert nace.label("20.13") == "" and nace.label("c") == ""


def test_divisions_in_code_order():
    assert len(nace.divisions()) == 88 and nace.divisions()[:3] == ("01", "02", "03")
    assert nace.divisions("G") == ("45", "46", "47")
