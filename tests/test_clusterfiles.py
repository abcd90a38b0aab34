"""Cluster managers' files (ingest.clusterfiles): formats, validation, records.

The fixture ``tests/data/clusterfiles/members/`` is a comma-delimited folder without BOM; the
other notations are derived from it in a temporary folder of the same name, so every variant
must give exactly the same records.
"""

from __future__ import annotations

import csv
import shutil

import pytest
from openpyxl import Workbook

from graph.errors import Problem
from ingest import clusterfiles
from ingest.clusterfiles import build_records, instrument_id, is_cluster_files
from ingest.resolve import OrgIndex
from tests.clusterfiles_helpers import (
    CLU,
    EXAMPLES,
    KNOWN,
    MEM,
    MEMBERS,
    ORG,
    PAR,
    PRO,
    load,
    problems_of,
    shape,
    variant,
)


def test_valid_folder_records():
    records = load(MEMBERS)
    assert records.counts() == {
        "Cluster": 1,
        "Organisation": 3,
        "Project": 2,
        "Instrument": 2,
        "Theme": 3,
        "Sector": 3,
        "Region": 3,
        "LINKED_TO": 1,
        "IN_SECTOR": 3,
        "LOCATED_IN": 3,
        "FUNDED_BY": 2,
        "HAS_THEME": 3,
        "MEMBER_OF": 4,
        "PARTICIPATES_IN": 5,
    }
    assert records.rejected == [] and records.problems == []
    nodes = {(n.label, n.id): n for n in records.nodes}
    alpha = nodes["Organisation", "BE1999999052"]
    assert alpha.props == {
        "name": "Alpha Coatings BV",
        "name_key": "alpha coatings",
        "kind": "firm",
        "country": "BE",
        "enterprise_number": "1999999052",
        "nace": "20.30",
        "nace_bel": "20300",
        "province": "BE-VOV",
        "region": "BE-VLG",
        "size": "sme",
        "description": "A test firm",
        "external_ids": ["clusterfiles:members:o1"],
        "example": None,
    }
    assert (alpha.source, alpha.ref) == ("clusterfiles:" + ORG, "line 2")
    assert nodes["Organisation", "BE1999999151"].props["description"] == "A test lab, with a comma"
    assert nodes["Organisation", "ORG:gamma parts"].props["province"] == "BE-VWV"
    assert nodes["Cluster", "test-ibn"].props == {
        "name": "Test Network",
        "name_key": "test network",
        "type": "ibn",
        "domain": "coatings",
        "start_date": "2022-03-01",
        "end_date": "2025-02-28",
        "example": None,
    }
    p1 = nodes["Project", "clusterfiles:members:p1"].props
    assert (p1["instrument"], p1["year"], p1["total_budget_eur"], p1["themes"], p1["kind"]) == (
        "icon",
        2023,
        1250000.0,
        ["coatings", "circular economy"],
        "cluster_project",
    )
    assert nodes["Project", "clusterfiles:members:p2"].props["total_budget_eur"] == 85000.5
    rels = {(r.type, r.start_id, r.end_id): r for r in records.rels}
    assert rels["LINKED_TO", "test-ibn", "catalisti"].props == {"relation": "parent"}
    assert rels["MEMBER_OF", "BE1999999052", "test-ibn"].props == {
        "since": "2022-03-01",
        "until": None,
        "role": "founding member",
    }
    assert rels["MEMBER_OF", "BE1999999052", "test-ibn"].ref == "line 3"
    assert rels["MEMBER_OF", "ORG:gamma parts", "sim"].props["until"] == "2023-12-31"
    assert rels["PARTICIPATES_IN", "test-ibn", "clusterfiles:members:p1"].start_label == "Cluster"
    assert rels["PARTICIPATES_IN", "sim", "clusterfiles:members:p2"].props == {"role": "cluster"}
    assert ("IN_SECTOR", "BE1999999052", "20.30") in rels
    assert ("LOCATED_IN", "BE1999999151", "BE-VAN") in rels
    assert ("FUNDED_BY", "clusterfiles:members:p2", "feasibility") in rels
    assert ("HAS_THEME", "clusterfiles:members:p1", "theme-circular-economy") in rels
    assert [s.id for s in records.sources] == [
        "clusterfiles:" + f for f in (ORG, CLU, MEM, PRO, PAR)
    ] + ["nace:rev2", "iso-3166-2:BE"]
    assert all(s.kind == "cluster_files" for s in records.sources[:5])


def test_semicolon_bom_and_crlf_give_the_same_records(tmp_path):
    folder = tmp_path / "members"
    folder.mkdir()
    for path in MEMBERS.glob("*.csv"):
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        with open(folder / path.name, "w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f, delimiter=";", lineterminator="\r\n").writerows(rows)
    assert (folder / "organisations.csv").read_bytes().startswith(b"\xef\xbb\xbfid;name;kind")
    semicolon, comma = load(folder), load(MEMBERS)
    assert shape(semicolon) == shape(comma)
    assert [n.source for n in semicolon.nodes] == [n.source for n in comma.nodes]
    assert [s.id for s in semicolon.sources] == [s.id for s in comma.sources]


def test_xlsx_gives_the_same_records(tmp_path):
    book = Workbook()
    book.remove(book.active)
    for path in sorted(MEMBERS.glob("*.csv")):
        sheet = book.create_sheet(path.stem.upper())  # sheet names are case-insensitive
        with open(path, encoding="utf-8", newline="") as f:
            for i, row in enumerate(csv.reader(f)):
                cells: list = list(row)
                if path.stem == "projects" and i:
                    cells[3] = int(cells[3])  # a number cell
                    cells[4] = float(cells[4].replace(",", "."))
                sheet.append(cells)
    book.save(tmp_path / "members.xlsx")
    records = load(tmp_path / "members.xlsx")
    assert shape(records) == shape(load(MEMBERS))
    assert records.sources[0].id == "clusterfiles:members.xlsx[organisations]"


def test_the_example_folder_and_workbook():
    folder = load(EXAMPLES / "clusterfiles")
    book = load(EXAMPLES / "clusterfiles.xlsx")
    assert shape(folder) == shape(book)
    raw = (EXAMPLES / "clusterfiles" / "organisations.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid;name;kind;")
    orgs = [n for n in folder.nodes if n.label == "Organisation"]
    assert len(orgs) == 7 and all(n.props["example"] is True for n in orgs)
    assert all(n.id.startswith("BE1999999") or n.id.startswith("ORG:") for n in orgs)
    assert folder.counts()["MEMBER_OF"] == 11 and folder.counts()["PARTICIPATES_IN"] == 10
    clusters = {r.end_id for r in folder.rels if r.type == "MEMBER_OF"}
    assert {"catalisti", "sim"} <= clusters


def test_everything_resting_on_example_rows_is_marked():
    folder = load(EXAMPLES / "clusterfiles")
    # every relationship has an example end, also those to the real Catalisti and SIM
    assert all(r.props.get("example") is True for r in folder.rels)
    to_real = [r for r in folder.rels if KNOWN & {r.start_id, r.end_id}]
    assert len(to_real) == 10  # 6 memberships, 2 parent links, 2 participations of the clusters
    flagged = {(n.label, n.id) for n in folder.nodes if n.props.get("example")}
    unflagged = {n.label for n in folder.nodes if not n.props.get("example")}
    assert ("Theme", "theme-coatings") in flagged and ("Instrument", "icon") in flagged
    assert unflagged == {"Sector", "Region"}  # reference nodes of other sources: never flagged
    sources = {s.id: s.example for s in folder.sources}
    assert sources.pop("nace:rev2") is False and sources.pop("iso-3166-2:BE") is False
    assert set(sources.values()) == {True} and len(sources) == 5


def test_a_real_row_is_not_marked(tmp_path):
    folder = load(variant(tmp_path))  # the fixture folder has no example column
    assert not any(x.props.get("example") for x in (*folder.nodes, *folder.rels))
    assert not any(s.example for s in folder.sources)


# -- malformed inputs: exact problems, nothing built ----------------------------------------------
def test_a_re_join_keeps_the_latest_membership(tmp_path):
    folder = variant(
        tmp_path,
        memberships=(MEMBERS / "memberships.csv").read_text() + "o3,sim,2024-01-01,,member again\n",
    )
    rels = [r for r in load(folder).rels if r.type == "MEMBER_OF" and r.end_id == "sim"]
    assert [(r.props["since"], r.props["role"], r.ref) for r in rels] == [
        ("2024-01-01", "member again", "line 6")
    ]


def test_header_spellings_and_extra_columns(tmp_path):
    folder = variant(
        tmp_path,
        organisations=(
            "ID,Naam,Kind,Ondernemingsnummer,NACE code,Provincie,Size,Description,Website\n"
            "o1,Alpha Coatings BV,Bedrijf,BE 1999 999 052,20300,East Flanders,KMO,,https://a.example\n"
            "o2,Beta Lab vzw,knowledge institution,1999999151,72.19,Anvers,,,\n"
            "o3,Gamma Parts,firm,,25.99,West-Vlaanderen,large,,\n"
        ),
    )
    orgs = {n.id: n.props for n in load(folder).nodes if n.label == "Organisation"}
    assert orgs["BE1999999052"]["kind"] == "firm" and orgs["BE1999999052"]["size"] == "sme"
    assert orgs["BE1999999052"]["website"] == "https://a.example"
    assert orgs["BE1999999151"]["province"] == "BE-VAN"
    assert orgs["BE1999999151"]["kind"] == "knowledge_institution"


def test_line_numbers_count_physical_lines(tmp_path):
    folder = variant(
        tmp_path,
        projects=(
            "id,title,instrument,year,total_budget_eur,themes\n"
            'p1,"A title\nover two lines",ICON,2023,1250000,coatings\n'
            "p2,Test study,feasibility,20x4,,\n"
        ),
    )
    assert problems_of(folder) == [
        Problem(PRO, 4, "year", "'20x4' is not a year (four digits, 1900-2100)")
    ]


def test_not_utf8(tmp_path):
    folder = variant(tmp_path)
    (folder / "projects.csv").write_bytes(
        "id,title\np1,Caf\u00e9\np2,Cr\u00e8me\n".encode("cp1252")
    )
    assert problems_of(folder) == [
        Problem(
            PRO,
            2,
            "-",
            "the file is not UTF-8 text; save it as 'CSV UTF-8' (Excel) or 'Unicode (UTF-8)'",
        )
    ]


def test_empty_and_foreign_folders(tmp_path):
    (tmp_path / "empty").mkdir()
    assert problems_of(tmp_path / "empty")[0].reason.startswith("no cluster files: expected")
    assert not is_cluster_files(tmp_path / "empty")
    assert is_cluster_files(MEMBERS) and is_cluster_files(MEMBERS / "projects.csv")
    assert is_cluster_files(EXAMPLES / "clusterfiles.xlsx")


def test_a_folder_with_one_workbook(tmp_path):
    shutil.copy(EXAMPLES / "clusterfiles.xlsx", tmp_path / "export.xlsx")
    assert is_cluster_files(tmp_path)
    records = load(tmp_path)
    assert records.sources[0].id == "clusterfiles:export.xlsx[organisations]"
    assert records.counts() == load(EXAMPLES / "clusterfiles.xlsx").counts()
    assert "clusterfiles:export:p01" in {n.id for n in records.nodes}  # the workbook's stem


def test_a_single_file(tmp_path):
    records = load(MEMBERS / "organisations.csv")
    assert records.counts()["Organisation"] == 3
    assert records.sources[0].id == "clusterfiles:" + ORG


def test_build_path_takes_the_known_ids_as_one_dict():
    records = clusterfiles.build_path(MEMBERS, OrgIndex(), known={"clusters": KNOWN})
    assert records.counts()["Organisation"] == 3


def test_organisations_of_another_source_keep_their_name():
    index = OrgIndex.from_rows(
        [{"id": "ORG:gamma parts", "name_key": "gamma parts", "sources": ["seeds/x.txt"]}]
    )
    records = build_records(clusterfiles.read_folder(MEMBERS), index, known_clusters=KNOWN)
    gamma = next(n for n in records.nodes if n.id == "ORG:gamma parts")
    assert "name" not in gamma.props and "kind" not in gamma.props
    assert gamma.props["nace"] == "25.99" and gamma.props["size"] == "large"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ICON", "icon"),
        ("imec.icon", "icon"),
        ("ICON-project", "icon"),
        ("COOCK+", "coock"),
        ("cSBO", "csbo"),
        ("c-SBO", "csbo"),
        ("cluster-SBO", "csbo"),
        ("O&O onderzoeksproject", "oo-research"),
        ("O&O-onderzoeksproject", "oo-research"),
        ("Onderzoeksproject", "oo-research"),
        ("research project", "oo-research"),
        ("R&D research project", "oo-research"),
        ("O&O ontwikkelingsproject", "oo-development"),
        ("development project", "oo-development"),
        ("VIS", "vis"),
        ("VIS-traject", "vis"),
        ("Haalbaarheidsstudie", "feasibility"),
        ("feasibility study", "feasibility"),
        ("Moonshot SBO", "moonshot-sbo"),
        ("Moonshot cSBO", "moonshot-sbo"),
        ("O&O-project", None),
        ("Horizon Europe", None),
        ("project", None),
    ],
)
def test_instrument_spellings(text, expected):
    assert instrument_id(text) == expected
