"""CORDIS (ingest.cordis): the reader on the real extract and the native sample, malformed
folders, and the records."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest

from graph.errors import DataError, Problem
from ingest import cordis
from ingest.cordis import build_records, read_cordis
from ingest.data import CORDIS_H2020
from ingest.resolve import OrgIndex

EXTRACT = CORDIS_H2020  # gzip-packed, read as it is
SAMPLE = Path(__file__).resolve().parent / "data" / "cordis" / "native_sample"

PROJECT_HEADER = (
    '"acronym";"ecMaxContribution";"endDate";"frameworkProgramme";"fundingScheme";'
    '"id";"rcn";"startDate";"title";"topics";"totalCost"'
)
ORG_HEADER = (
    '"SME";"activityType";"country";"ecContribution";"name";"organisationID";'
    '"projectID";"rcn";"role";"shortName";"vatNumber"'
)


@pytest.fixture(scope="module")
def extract():
    return read_cordis(EXTRACT)


def test_the_real_extract(extract):
    assert extract.problems == []
    assert len(extract.projects) == 10_030
    assert len(extract.participations) == 47_973
    assert Counter(p.year for p in extract.projects) == {2014: 379, 2015: 4706, 2016: 4945}
    assert len({p.pic for p in extract.participations}) == 17_428
    assert len({p.pic for p in extract.participations if p.country == "BE"}) == 733
    assert sum(p.country == "NA" for p in extract.participations) == 5  # Namibia, not null
    assert sum(p.grant_id is not None for p in extract.projects) == 7_380


def test_the_real_extract_records(extract):
    start = time.perf_counter()
    records = build_records(extract, OrgIndex())
    assert time.perf_counter() - start < 20  # about 1.5 s on a laptop
    assert records.counts() == {
        "Project": 10_030,
        "Programme": 1,
        "Organisation": 17_428,
        "IN_PROGRAMME": 10_030,
        "PARTICIPATES_IN": 47_973,
    }
    orgs = [n for n in records.nodes if n.label == "Organisation"]
    belgian = [n for n in orgs if n.props.get("country") == "BE"]
    assert len(belgian) == 733 and len({n.id for n in belgian}) == 733
    assert len({n.id for n in orgs}) == 17_428
    ku = next(n for n in orgs if n.props.get("pic") == "999991334")
    assert ku.id == "PIC:999991334"
    assert ku.props["name"] == "KATHOLIEKE UNIVERSITEIT LEUVEN"
    assert ku.props["kind"] == "knowledge_institution"
    assert ku.props["alias_keys"] == ["ku leuven"]
    assert sum(r.start_id == ku.id for r in records.rels if r.type == "PARTICIPATES_IN") == 153
    project = next(n for n in records.nodes if n.id == "cordis:632927")
    assert project.props["acronym"] == "ERC-EuropePMC-1-2014"
    assert project.props["programme"] == "H2020" and project.props["kind"] == "eu"
    assert (project.props["start_date"], project.props["year"]) == ("2014-01-01", 2014)
    assert project.source == "cordis:h2020_2014_2016/project.csv" and project.ref == "line 2"
    assert sum(n.id.startswith("cordis:rcn:") for n in records.nodes) == 10_030 - 7_380
    assert {s.id for s in records.sources} == {
        "cordis:h2020_2014_2016/project.csv",
        "cordis:h2020_2014_2016/organization.csv",
    }


def test_belgian_organisations_resolve_to_curated_nodes(extract):
    index = OrgIndex.from_rows(
        [
            {
                "id": "ORG:ku leuven",
                "name_key": "ku leuven",
                "alias_keys": ["katholieke universiteit leuven", "k u leuven"],
            },
            {
                "id": "ORG:imec",
                "name_key": "imec",
                "alias_keys": ["interuniversitair micro electronicacentrum imec"],
            },
            {"id": "ORG:ugent", "name_key": "ugent", "alias_keys": ["universiteit gent"]},
        ]
    )
    records = build_records(extract, index)
    orgs = {n.props.get("pic"): n for n in records.nodes if n.label == "Organisation"}
    assert orgs["999991334"].id == "ORG:ku leuven"
    assert orgs["999981149"].id == "ORG:imec"
    assert orgs["999986096"].id == "ORG:ugent"
    assert "name" not in orgs["999991334"].props  # the curated name stays
    belgian = {
        n.id
        for n in records.nodes
        if n.label == "Organisation" and (n.props.get("country") == "BE" or n.id.startswith("ORG:"))
    }
    assert len(belgian) == 733


def test_the_native_sample():
    data = read_cordis(SAMPLE)
    assert data.problems == []
    assert len(data.participations) == 1076 and len(data.projects) == 26
    assert Counter(p.programme for p in data.projects) == {"H2020": 25, "FP7": 1}
    assert Counter(p.role for p in data.participations)["thirdparty"] == 46
    assert sum(p.country == "BE" for p in data.participations) == 45
    assert {p.country for p in data.participations if p.pic == "998387051"} == {"FI"}  # "FI;FI"
    records = build_records(data, OrgIndex())
    assert records.counts() == {
        "Project": 26,
        "Programme": 2,
        "Organisation": 765,
        "Region": 8,
        "IN_PROGRAMME": 26,
        "LOCATED_IN": 32,
        "PARTICIPATES_IN": 1075,
    }
    orgs = {n.props["pic"]: n for n in records.nodes if n.label == "Organisation"}
    assert orgs["999991334"].id == "BE0419052173"  # VAT -> enterprise number
    # places from the postcode (Statbel's lists): Flanders, Brussels and Wallonia apart
    place = ("postcode", "municipality", "province", "region")
    assert [orgs[pic].props.get(k) for pic in ("999991334",) for k in place] == [
        "3000",
        "Leuven",
        "BE-VBR",
        "BE-VLG",
    ]
    regions = Counter(n.props.get("region") for n in orgs.values() if n.props["country"] == "BE")
    # hand-checked by the postcode ranges: 1000-1299 Brussels, 1300-1499 and 4000-7999 Wallonia
    assert regions == {"BE-VLG": 17, "BE-BRU": 13, "BE-WAL": 2}
    assert orgs["950837069"].props["size"] == "sme"
    assert {n.id for n in records.nodes if n.label == "Programme"} == {"h2020", "fp7"}
    # listed twice in one project (participant and third party): one relationship
    metso = [
        r for r in records.rels if r.start_id == "PIC:998387051" and r.end_id == "cordis:737459"
    ]
    assert len(metso) == 1
    assert metso[0].props == {
        "role": "participant",
        "ec_contribution": 21576.45,
        "roles": ["participant", "thirdparty"],
    }


def _folder(tmp_path: Path, projects: list[str], orgs: list[str]) -> Path:
    folder = tmp_path / "eu"
    folder.mkdir()
    (folder / "project.csv").write_text("\n".join([PROJECT_HEADER, *projects]) + "\n")
    (folder / "organization.csv").write_text("\n".join([ORG_HEADER, *orgs]) + "\n")
    return folder


GOOD_PROJECT = (
    '"A1";"1000";"2018-12-31";"H2020";"RIA";"100";"9001";"2016-01-01";"{title}";"T-1";"2000"'
)


def test_malformed_folder_gives_every_problem(tmp_path):
    folder = _folder(
        tmp_path,
        [
            GOOD_PROJECT.format(title="A title\non two lines"),  # lines 2-3
            '"B2";"1000";"2018-31-12";"H2020";"RIA";"200";"9002";"2016-01-01";"B";"T";"x"',  # 4
            '"C3";"1000";"2018-12-31";"H2020";"RIA";"100";"9003";"2016-01-01";"C";"T";"1"',  # 5
        ],
        [
            '"";"PRC";"BE";"10";"ALPHA";"900000001";"100";"9001";"coordinator";"A";""',  # 2
            '"";"XYZ";"BE";"1,5";"BETA";"900000002";"100";"9001";"participant";"B";""',  # 3
            '"";"PRC";"DE";"10";"GAMMA";"P-1";"100";"9001";"participant";"";""',  # 4
            '"";"PRC";"DE";"10";"DELTA";"900000004";"200";"9002";"participant";"";""',  # 5
            '"";"PRC";"DE";"10";"EPS";"900000005";"";"7777";"participant";"";""',  # 6
        ],
    )
    data = read_cordis(folder)
    assert data.problems == [
        Problem(
            "eu/project.csv", 4, "endDate", "'2018-31-12' is not a date of the form YYYY-MM-DD"
        ),
        Problem("eu/project.csv", 4, "totalCost", "'x' is not a number"),
        Problem("eu/project.csv", 5, "id", "project 100 repeats line 2"),
        Problem(
            "eu/organization.csv", 3, "activityType", "'XYZ' is not one of PRC, HES, REC, PUB, OTH"
        ),
        Problem("eu/organization.csv", 4, "organisationID", "PIC 'P-1' is not a number"),
        Problem(
            "eu/organization.csv", 5, "projectID", "project '200' was rejected (project.csv line 4)"
        ),
        Problem("eu/organization.csv", 6, "rcn", "no project '7777' in project.csv"),
    ]
    assert [p.line for p in data.projects] == [2]
    assert data.projects[0].title == "A title\non two lines"
    with pytest.raises(DataError):
        build_records(data, OrgIndex())
    records = build_records(data, OrgIndex(), skip_invalid=True)
    assert records.counts() == {
        "Project": 1,
        "Programme": 1,
        "Organisation": 1,
        "IN_PROGRAMME": 1,
        "PARTICIPATES_IN": 1,
    }
    assert [(r.file, r.line) for r in records.rejected] == [
        ("eu/project.csv", 4),
        ("eu/project.csv", 4),
        ("eu/project.csv", 5),
        ("eu/organization.csv", 3),
        ("eu/organization.csv", 4),
        ("eu/organization.csv", 5),
        ("eu/organization.csv", 6),
    ]


def test_missing_files_and_columns(tmp_path):
    (tmp_path / "empty").mkdir()
    assert read_cordis(tmp_path / "empty").problems == [
        Problem("empty/project.csv", 0, "-", "file not found"),
        Problem("empty/organization.csv", 0, "-", "file not found"),
    ]
    folder = _folder(tmp_path, [GOOD_PROJECT.format(title="T")], [])
    (folder / "organization.csv").write_text('"organisationID";"country"\n"1";"BE"\n')
    assert [(p.line, p.column) for p in read_cordis(folder).problems] == [
        (1, "activityType"),
        (1, "role"),
        (1, "rcn"),
        (1, "projectID"),
    ]


def test_numbers_in_both_notations(tmp_path):
    folder = _folder(
        tmp_path,
        [GOOD_PROJECT.format(title="T").replace('"2000"', '"1.234,5"')],
        [
            '"true";"PRC;PRC";"BE;BE";"1,5";"ALPHA NV";"900000001";"100";"9001";"coordinator";"";'
            '"BE0403170701"',
        ],
    )
    data = read_cordis(folder)
    assert data.projects[0].total_cost == 1234.5
    x = data.participations[0]
    assert (x.ec_contribution, x.activity_type, x.country, x.sme) == (1.5, "PRC", "BE", True)
    records = build_records(data, OrgIndex(), source_name="sample")
    org = next(n for n in records.nodes if n.label == "Organisation")
    assert org.id == "BE0403170701" and org.props["enterprise_number"] == "0403170701"
    assert org.source == "cordis:sample/organization.csv" and org.ref == "line 2"


def test_most_frequent_name_wins(tmp_path):
    row = '"";"PRC";"BE";"";"{name}";"900000001";"100";"9001";"participant";"";""'
    projects = [
        GOOD_PROJECT.format(title="T"),
        GOOD_PROJECT.format(title="U").replace('"100"', '"101"').replace("9001", "9004"),
        GOOD_PROJECT.format(title="V").replace('"100"', '"102"').replace("9001", "9005"),
    ]
    folder = _folder(
        tmp_path,
        projects,
        [
            row.format(name="OLD NAME"),
            row.format(name="NEW NAME").replace('"100";"9001"', '"101";"9004"'),
            row.format(name="NEW NAME").replace('"100";"9001"', '"102";"9005"'),
        ],
    )
    records = build_records(read_cordis(folder), OrgIndex())
    assert next(n for n in records.nodes if n.label == "Organisation").props["name"] == "NEW NAME"


def test_is_cordis_folder(tmp_path):
    folder = _folder(tmp_path, [], [])
    assert cordis.is_cordis_folder(folder) and not cordis.is_cordis_folder(tmp_path)
