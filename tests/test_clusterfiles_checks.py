"""Cluster managers' files (ingest.clusterfiles): every problem a bad row or file gives, with its
file, line, column and reason, and skip mode (valid rows kept, the others reported)."""

from __future__ import annotations

import csv

import pytest

from graph.errors import DataError, Problem
from ingest.clusterfiles import load_folder
from ingest.rejects import write_report
from ingest.resolve import OrgIndex
from tests.clusterfiles_helpers import (
    CLU,
    MEM,
    MEMBERS,
    ORG,
    PAR,
    PRO,
    edit,
    load,
    problems_of,
    variant,
)


def test_wrong_checksum(tmp_path):
    folder = variant(tmp_path, organisations=edit("organisations", "1999.999.052", "1999.999.053"))
    assert problems_of(folder) == [
        Problem(
            ORG,
            2,
            "enterprise_number",
            "'1999.999.053' fails the mod-97 check (expected check digits 52)",
        )
    ]


def test_a_name_without_letters_is_a_problem_not_a_crash(tmp_path):
    """A name whose key is empty gave no id (a ValueError from the resolver once)."""
    folder = variant(tmp_path, organisations=edit("organisations", "Gamma Parts", "+++ / ---"))
    problems = problems_of(folder)
    assert [p for p in problems if p.file == ORG] == [
        Problem(ORG, 4, "name", "'+++ / ---' has no letters or digits")
    ]


def test_missing_column(tmp_path):
    text = "\n".join(
        ",".join(line.split(",")[:2] + line.split(",")[3:])
        for line in (MEMBERS / "organisations.csv").read_text().splitlines()
    )
    folder = variant(tmp_path, organisations=text)
    # the rows that name o1..o3 fail because of it: not listed as problems of their own
    assert problems_of(folder) == [Problem(ORG, 1, "kind", "missing column 'kind'")]


def test_bad_dates(tmp_path):
    folder = variant(
        tmp_path,
        memberships=edit("memberships", "o1,test-ibn,01/03/2022", "o1,test-ibn,2022-02-30").replace(
            "2023-12-31", "31-12-2023"
        ),
    )
    assert problems_of(folder) == [
        Problem(MEM, 3, "since", "'2022-02-30' is not a date in the calendar"),
        Problem(MEM, 5, "until", "'31-12-2023' is not a date (YYYY-MM-DD or DD/MM/YYYY)"),
    ]


def test_until_before_since(tmp_path):
    folder = variant(tmp_path, memberships=edit("memberships", "2023-12-31", "2020-12-31"))
    assert problems_of(folder) == [
        Problem(MEM, 5, "until", "until 2020-12-31 is before since 2021-09-01")
    ]


def test_unknown_cluster(tmp_path):
    folder = variant(
        tmp_path,
        memberships=edit("memberships", "o3,sim", "o3,simm"),
        clusters=edit("clusters", "catalisti", "katalisti"),
    )
    assert problems_of(folder) == [
        Problem(
            CLU,
            2,
            "parent_id",
            "unknown cluster 'katalisti': not in clusters.csv, nor in "
            "the graph or the curated landscape",
        ),
        Problem(
            MEM,
            5,
            "cluster_id",
            "unknown cluster 'simm': not in clusters.csv, nor in the "
            "graph or the curated landscape",
        ),
    ]


def test_a_cluster_known_to_the_caller_is_found_case_insensitively(tmp_path):
    folder = variant(tmp_path, memberships=edit("memberships", "o3,sim", "o3,SIM"))
    rels = {(r.type, r.start_id, r.end_id) for r in load(folder).rels}
    assert ("MEMBER_OF", "ORG:gamma parts", "sim") in rels


def test_duplicate_keys(tmp_path):
    text = (MEMBERS / "organisations.csv").read_text() + (
        "o1,Delta BV,firm,,,,,\n"  # line 5: the id o1 again
        "o4,Alpha Coatings NV,firm,BE1999999052,,,,\n"  # line 6: o1's enterprise number
        "o5,Gamma Parts BVBA,firm,,,,,\n"
    )  # line 7: o3's name key
    folder = variant(
        tmp_path,
        organisations=text,
        participations=(MEMBERS / "participations.csv").read_text() + "p1,o1,again\n",
    )
    assert problems_of(folder) == [
        Problem(ORG, 5, "id", "duplicate id 'o1' (first on line 2)"),
        Problem(
            ORG,
            6,
            "enterprise_number",
            "the same organisation as line 2 (enterprise number 1999999052)",
        ),
        Problem(ORG, 7, "name", "the same organisation as line 4 (name key 'gamma parts')"),
        Problem(PAR, 7, "participant_id", "the same participation as line 2"),
    ]


def test_wrong_delimiter(tmp_path):
    folder = variant(tmp_path, projects=(MEMBERS / "projects.csv").read_text().replace(",", "\t"))
    assert problems_of(folder) == [
        Problem(
            PRO,
            1,
            "-",
            "wrong delimiter or missing columns: the header does not split into the "
            "columns id, title with ',' or ';' (found 'id\\ttitle\\tinstrument\\tyear"
            "\\ttotal_budget_eur\\tthemes')",
        )
    ]


def test_every_value_is_checked(tmp_path):
    folder = variant(
        tmp_path,
        organisations=edit(
            "organisations",
            "o1,Alpha Coatings BV,firm,1999.999.052,20.300,Oost-Vlaanderen,sme",
            "o1,Alpha Coatings BV,startup,1999.999.052,99.999,Nowhere,tiny",
        ).replace("large,", "large,,extra"),
        clusters=edit("clusters", ",ibn,", ",cluster,"),
        projects=edit("projects", "2023,1250000", "23,1.250").replace("85000.50", "12 000 EUR"),
    )
    assert problems_of(folder) == [
        Problem(CLU, 2, "type", "unknown type 'cluster': one of spearhead, ibn"),
        Problem(
            ORG,
            2,
            "kind",
            "unknown kind 'startup': one of firm, knowledge_institution, "
            "federation, government, other",
        ),
        Problem(ORG, 2, "nace", "'99.999' is not a NACE-BEL 2008 subclass"),
        Problem(
            ORG,
            2,
            "province",
            "'Nowhere' is not a Belgian province (Antwerpen, Oost-Vlaanderen, West-Vlaanderen, "
            "Limburg, Vlaams-Brabant, Waals-Brabant, Henegouwen, Luik, Luxemburg, Namen), "
            "Brussels or its ISO code (BE-VAN, BE-VOV, BE-VWV, BE-VLI, BE-VBR, BE-WBR, BE-WHT, "
            "BE-WLG, BE-WLX, BE-WNA, BE-BRU)",
        ),
        Problem(ORG, 2, "size", "unknown size 'tiny': one of sme, large"),
        Problem(
            ORG, 4, "-", "9 fields where the header has 8: is a delimiter inside an unquoted value?"
        ),
        Problem(
            PRO,
            2,
            "total_budget_eur",
            "'1.250' is ambiguous (1250 or 1.250?): write amounts without a thousands separator",
        ),
        Problem(PRO, 2, "year", "'23' is not a year (four digits, 1900-2100)"),
    ]


def test_nothing_is_built_when_a_file_is_bad(tmp_path):
    folder = variant(tmp_path, organisations=edit("organisations", "1999.999.052", "1999.999.053"))
    index = OrgIndex()
    with pytest.raises(DataError) as e:
        load(folder, index)
    assert str(e.value).startswith(
        "1 problem in the input; nothing was written:\n"
        "members/organisations.csv:2:enterprise_number: "
    )


# -- skip mode -------------------------------------------------------------------------------------
def test_skip_mode_keeps_valid_rows_and_rejects_dependents(tmp_path):
    folder = variant(tmp_path, organisations=edit("organisations", "1999.999.052", "1999.999.053"))
    records = load(folder, skip_invalid=True)
    assert {n.id for n in records.nodes if n.label == "Organisation"} == {
        "BE1999999151",
        "ORG:gamma parts",
    }
    assert records.counts()["MEMBER_OF"] == 2 and records.counts()["PARTICIPATES_IN"] == 4
    rejected = [(r.file, r.line, [p.reason for p in r.problems]) for r in records.rejected]
    gone = "organisation 'o1' was rejected (organisations.csv line 2)"
    assert rejected == [
        (ORG, 2, ["'1999.999.053' fails the mod-97 check (expected check digits 52)"]),
        (MEM, 2, [gone]),
        (MEM, 3, [gone]),
        (PAR, 2, [gone]),
    ]
    assert records.rejected[0].values["name"] == "Alpha Coatings BV"
    report = write_report(records.rejected, tmp_path / "rejected.csv")
    with open(report, encoding="utf-8") as f:
        lines = list(csv.reader(f))
    assert lines[0] == ["file", "line", "column", "reason", "row"]
    assert lines[1][:4] == [
        ORG,
        "2",
        "enterprise_number",
        "'1999.999.053' fails the mod-97 check (expected check digits 52)",
    ]
    assert len(lines) == 5


def test_skip_mode_with_an_unreadable_file(tmp_path):
    folder = variant(tmp_path, clusters="id;name\ntest-ibn;Test Network\n")
    records = load(folder, skip_invalid=True)
    assert [(p.file, p.line, p.column) for p in records.problems] == [
        (CLU, 1, "type"),  # the root cause ...
        (MEM, 3, "cluster_id"),
        (MEM, 4, "cluster_id"),  # ... and what depends on it
        (PAR, 4, "participant_id"),
    ]
    assert records.problems[1].reason == (
        "unknown cluster 'test-ibn' (clusters.csv could not be read)"
    )
    assert records.counts()["MEMBER_OF"] == 2


# -- references and other notations ----------------------------------------------------------------
def test_only_a_membership_file_with_known_organisations(tmp_path):
    folder = tmp_path / "new-members"
    folder.mkdir()
    (folder / "memberships.csv").write_text(
        "Organisation ID ; Cluster ID ; Since\n"
        "BE0403170701;catalisti;01/01/2024\n"  # a known organisation id
        "0403.170.701;sim;2024-02-01\n"  # an enterprise number of a known organisation
        "0419.052.173;sim;2024-02-01\n",  # valid, but no such organisation
        encoding="utf-8",
    )
    index = OrgIndex.from_rows(
        [{"id": "BE0403170701", "enterprise_number": "0403170701", "name_key": "agoria"}]
    )
    with pytest.raises(DataError) as e:
        load(folder, index)
    assert e.value.problems == [
        Problem(
            "new-members/memberships.csv",
            4,
            "organisation_id",
            "unknown organisation '0419.052.173': not an id in organisations.csv, nor an "
            "organisation in the graph",
        )
    ]
    records = load(folder, index, skip_invalid=True)
    assert [(r.start_id, r.end_id, r.props["since"]) for r in records.rels] == [
        ("BE0403170701", "catalisti", "2024-01-01"),
        ("BE0403170701", "sim", "2024-02-01"),
    ]
    assert records.nodes == []


def test_known_projects_and_ambiguous_participants(tmp_path):
    folder = variant(
        tmp_path,
        participations=(
            "project_id,participant_id,role\nIC-CORONA,o1,partner\np1,sim,cluster\np9,o1,partner\n"
        ),
        clusters=None,
    )
    with pytest.raises(DataError) as e:
        load_folder(
            folder,
            OrgIndex(),
            known_clusters={"catalisti", "sim", "o1"},
            known_projects={"ic-corona"},
        )
    assert e.value.problems == [
        Problem(
            MEM,
            3,
            "cluster_id",
            "unknown cluster 'test-ibn': not in clusters.csv, nor in "
            "the graph or the curated landscape",
        ),
        Problem(
            MEM,
            4,
            "cluster_id",
            "unknown cluster 'test-ibn': not in clusters.csv, nor in "
            "the graph or the curated landscape",
        ),
        Problem(PAR, 2, "participant_id", "'o1' names both an organisation and a cluster"),
        Problem(PAR, 4, "participant_id", "'o1' names both an organisation and a cluster"),
        Problem(
            PAR, 4, "project_id", "unknown project 'p9': not in projects.csv, nor in the graph"
        ),
    ]
