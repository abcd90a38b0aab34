"""The back-test on a tiny CORDIS folder: the split leaks nothing, the report has its shape,
and ``innograph evaluate`` runs without a database."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from analytics.matching import backtest
from ingest.cordis import read_cordis
from innograph.cli import app
from innograph.cli_match import history_of

P_COLS = [
    "acronym",
    "contentUpdateDate",
    "ecMaxContribution",
    "ecSignatureDate",
    "endDate",
    "frameworkProgramme",
    "fundingScheme",
    "id",
    "legalBasis",
    "masterCall",
    "nature",
    "objective",
    "rcn",
    "startDate",
    "status",
    "subCall",
    "title",
    "topics",
    "totalCost",
]
O_COLS = [
    "SME",
    "active",
    "activityType",
    "city",
    "contactForm",
    "contentUpdateDate",
    "country",
    "ecContribution",
    "endOfParticipation",
    "geolocation",
    "name",
    "netEcContribution",
    "nutsCode",
    "order",
    "organisationID",
    "organizationURL",
    "postCode",
    "projectAcronym",
    "projectID",
    "rcn",
    "role",
    "shortName",
    "street",
    "totalCost",
    "vatNumber",
]

# project: (start, title, legal basis, members as (pic, activity type, country))
PROJECTS = {
    "1": (
        "2014-03-01",
        "battery recycling",
        "H2020-EU.3.4.",
        [("101", "PRC", "BE"), ("201", "HES", "BE"), ("301", "REC", "DE")],
    ),
    "2": (
        "2015-02-01",
        "battery recycling plant",
        "H2020-EU.3.4.",
        [("201", "HES", "BE"), ("302", "PRC", "NL"), ("303", "REC", "FR")],
    ),
    "3": (
        "2015-06-01",
        "smart grids",
        "H2020-EU.3.3.",
        [("102", "PRC", "BE"), ("304", "HES", "NL")],
    ),
    "4": (
        "2016-01-01",
        "zeppelin batteries",
        "H2020-EU.3.4.",
        [("101", "PRC", "BE"), ("302", "PRC", "NL"), ("999", "PRC", "IT"), ("201", "HES", "BE")],
    ),
    "5": (
        "2016-05-01",
        "grid storage",
        "H2020-EU.3.3.",
        [("102", "PRC", "BE"), ("303", "REC", "FR"), ("301", "REC", "DE")],
    ),
}


def q(v: str) -> str:
    return '"' + v.replace('"', '""') + '"'


def write_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    plines, olines = [";".join(map(q, P_COLS))], [";".join(map(q, O_COLS))]
    for pid, (start, title, lb, members) in PROJECTS.items():
        p = dict.fromkeys(P_COLS, "")
        p.update(
            id=pid,
            rcn=f"9{pid}",
            startDate=start,
            title=title,
            legalBasis=lb,
            frameworkProgramme="H2020",
            fundingScheme="RIA",
            acronym=f"P{pid}",
        )
        plines.append(";".join(q(p[c]) for c in P_COLS))
        for n, (pic, at, country) in enumerate(members):
            o = dict.fromkeys(O_COLS, "")
            o.update(
                organisationID=pic,
                activityType=at,
                country=country,
                projectID=pid,
                rcn=f"9{pid}",
                role="coordinator" if n == 0 else "participant",
                name=f"Org {pic}",
            )
            olines.append(";".join(q(o[c]) for c in O_COLS))
    (folder / "project.csv").write_text("\n".join(plines) + "\n", encoding="utf-8")
    (folder / "organization.csv").write_text("\n".join(olines) + "\n", encoding="utf-8")
    return folder


def test_split_has_no_leakage_and_the_right_truth(tmp_path):
    data = read_cordis(write_folder(tmp_path / "cordis"))
    assert not data.problems
    split = backtest.make_split(history_of(data), split_year=2016, country="BE")
    train = split.train
    assert train.project_years.max() < 2016
    assert set(train.project_ids) == {"1", "2", "3"}
    assert "PIC:999" not in train.index  # first seen in 2016
    assert "zeppelin" not in set(train.profiles.vocabulary)  # a 2016-only title word
    got = {
        train.org_ids[q]: {train.org_ids[t] for t in truth}
        for q, truth in zip(split.queries, split.truths, strict=True)
    }
    # 101 meets 302 (new) and 201 (known), 999 is unseen; 201 meets 101 (known) and 302
    # (known); 102 meets 303 and 301 (both new)
    assert got == {"PIC:101": {"PIC:302"}, "PIC:102": {"PIC:303", "PIC:301"}}
    assert split.unseen == 1


def test_report_shape_and_rankings(tmp_path):
    data = read_cordis(write_folder(tmp_path / "cordis"))
    split = backtest.make_split(history_of(data), split_year=2016, country="BE")
    report, rankings = backtest.run(split, k=2, deep=3)
    assert report["queries"] == 2 and report["k"] == 2
    assert [m["method"] for m in report["methods"]] == list(backtest.METHODS)
    for m in report["methods"]:
        assert {"hits@2", "recall@2", "recall@3", "mrr", "groups"} <= set(m)
        assert set(m["groups"]) == {"firms", "knowledge_institutions"}
        assert m["groups"]["firms"]["queries"] == 2
    path = backtest.write_rankings(tmp_path / "r.jsonl", rankings)
    lines = [json.loads(x) for x in path.read_text().splitlines()]
    assert len(lines) == 2 * len(backtest.METHODS) and len(lines[0]["top"]) == 2


def test_two_folders_equal_one_split_folder(tmp_path):
    everything = history_of(read_cordis(write_folder(tmp_path / "all")))
    a = backtest.make_split(everything, split_year=2016)
    b = backtest.make_split(everything, everything, split_year=2016)
    assert a.queries == b.queries and a.truths == b.truths


def test_evaluate_command_prints_json_without_a_database(tmp_path, monkeypatch):
    folder = write_folder(tmp_path / "cordis")
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")  # would fail if it were used
    out = tmp_path / "rankings.csv"
    result = CliRunner().invoke(
        app,
        [
            "evaluate",
            "--train",
            str(folder),
            "--split-year",
            "2016",
            "--k",
            "2",
            "--format",
            "json",
            "--rankings",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout[result.stdout.index("{") :])
    assert report["queries"] == 2 and report["methods"][0]["method"] == "innograph"
    assert out.read_text().startswith("method,query_id,query_name,truth,rank,candidate_id")
