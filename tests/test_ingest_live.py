"""Ingest against the real server, through the CLI as a user runs it.

Known answers: the curated landscape holds exactly the IBNs of Tabel 3 and the intercluster
projects of Tabel 10 and 11 with their participating clusters; every loader is idempotent;
every malformed input leaves the graph exactly as it was; cluster files in the cluster-files
format give the hand-computed overlap, betweenness and sector matrix through ingest → analyze.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from graph.load import graph_counts, write_records
from ingest import landscape, pipeline, sectors
from ingest.data import CORDIS_H2020

from .conftest import ROOT, run_cli

pytestmark = pytest.mark.live

CORDIS = CORDIS_H2020
EXAMPLE = ROOT / "ingest" / "examples" / "clusterfiles"

# Tabel 3 of seeds/000_da5ac1ebd3a3b6da.txt (hand-checked): 19 IBNs named, with their call.
TABEL_3_IBNS = {
    "ibn-air-cargo-belgium",
    "ibn-b-hive",
    "ibn-bim",
    "ibn-bouwindustrialisatie",
    "ibn-composieten",
    "ibn-digitising-manufacturing",
    "ibn-euka",
    "ibn-flag",
    "ibn-flanders-bike-valley",
    "ibn-flanders-health",
    "ibn-groen-licht-vlaanderen",
    "ibn-innovatieve-coatings",
    "ibn-offshore-energy",
    "ibn-power-to-gas",
    "ibn-smart-buildings-in-use",
    "ibn-smart-cities-vlaanderen",
    "ibn-smart-digital-farming",
    "ibn-space-4-0",
    "ibn-the-beacon",
}


def load_landscape(db) -> None:
    write_records(db, sectors.build_sectors())
    write_records(db, landscape.build_landscape())


def test_landscape_in_graph_matches_tabel_3_10_11(db):
    load_landscape(db)
    ibns = {r["id"] for r in db.run_read("MATCH (c:Cluster {type: 'ibn'}) RETURN c.id AS id")}
    assert ibns == TABEL_3_IBNS
    spearheads = {
        r["id"] for r in db.run_read("MATCH (c:Cluster {type: 'spearhead'}) RETURN c.id AS id")
    }
    assert spearheads == {
        "catalisti",
        "flux50",
        "vil",
        "flanders-food",
        "blauwe-cluster",
        "sim",
        "medvia",
    }
    rows = db.run_read(
        "MATCH (c:Cluster)-[r:PARTICIPATES_IN]->(p:Project {kind: 'intercluster'}) "
        "RETURN p.id AS project, p.source_ref AS table, collect(c.id) AS clusters, "
        "[x IN collect([c.id, r.status]) WHERE x[1] = 'withdrawn' | x[0]] AS withdrawn"
    )
    by_table: dict[str, int] = {}
    for r in rows:
        by_table[r["table"]] = by_table.get(r["table"], 0) + 1
        assert len(r["clusters"]) >= 2, r
    assert by_table == {"Tabel 10": 10, "Tabel 11": 5}
    withdrawn = [(r["project"], r["withdrawn"]) for r in rows if r["withdrawn"]]
    assert len(withdrawn) == 1 and withdrawn[0][1] == ["catalisti"]
    # The graph holds exactly the records' participations (the pure tests check them per row).
    expected = {
        (r.start_id, r.end_id)
        for r in landscape.build_landscape().rels
        if r.type == "PARTICIPATES_IN"
    }
    got = {(c, r["project"]) for r in rows for c in r["clusters"]}
    assert got == expected
    # Every node and relationship carries its provenance.
    (row,) = db.run_read(
        "MATCH (n) WHERE n.source IS NULL AND NOT n:SchemaVersion AND NOT n:Source "
        "RETURN count(n) AS n"
    )
    assert row["n"] == 0
    (row,) = db.run_read(
        "MATCH ()-[r]->() WHERE r.source IS NULL OR r.source_ref IS NULL RETURN count(r) AS n"
    )
    assert row["n"] == 0


def test_every_loader_is_idempotent(db, cli_env):
    load_landscape(db)
    run_cli(["ingest", str(EXAMPLE)], cli_env, check=True)
    from ingest import synthetic

    write_records(db, synthetic.generate(300, seed=3))
    first = graph_counts(db)
    load_landscape(db)
    proc = run_cli(["ingest", str(EXAMPLE), "--output", "json"], cli_env, check=True)
    summary = json.loads(proc.stdout)
    assert sum(r["created"] + r["updated"] for r in summary) == 0
    write_records(db, synthetic.generate(300, seed=3))
    assert graph_counts(db) == first


def test_cordis_extract_loads_once_per_belgian_organisation(db, cli_env):
    load_landscape(db)
    run_cli(["ingest", "--format", "cordis", str(CORDIS)], cli_env, check=True, timeout=900)
    (row,) = db.run_read("MATCH (p:Project {kind: 'eu'}) RETURN count(p) AS n")
    assert row["n"] == 10_030
    (row,) = db.run_read(
        "MATCH (o:Organisation) WHERE o.pic IS NOT NULL "
        "RETURN count(o) AS n, count(DISTINCT o.pic) AS pics"
    )
    assert row["n"] == row["pics"] == 17_428
    (row,) = db.run_read(
        "MATCH (o:Organisation {country: 'BE'}) WHERE o.pic IS NOT NULL RETURN count(o) AS n"
    )
    assert row["n"] == 733
    # Belgian CORDIS participants are matched to the curated real organisations.
    (row,) = db.run_read(
        "MATCH (o:Organisation) WHERE o.pic IS NOT NULL AND "
        "'seeds/000_da5ac1ebd3a3b6da.txt' IN o.sources RETURN count(o) AS n"
    )
    assert row["n"] >= 5
    before = graph_counts(db)
    run_cli(["ingest", str(CORDIS)], cli_env, check=True, timeout=900)
    assert graph_counts(db) == before


def write_files(folder: Path, files: dict[str, str], encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding=encoding)
    return folder


GOOD = {
    "clusters.csv": "id,name,type,domain,parent_id,start_date,end_date\n"
    "X,Cluster X,spearhead,chemistry,,2017-01-01,\n"
    "Y,Cluster Y,ibn,materials,X,2018-01-01,2021-12-31\n",
    "organisations.csv": "id,name,kind,enterprise_number,nace,province,size,description\n"
    "a,Alpha BV,firm,0123.456.749,20.14,Antwerpen,sme,solvents\n"
    "b,Beta NV,firm,,20.16,Limburg,large,plastics\n"
    "c,Gamma,knowledge_institution,,72.19,Vlaams-Brabant,,research\n"
    "d,Delta,firm,,46.75,Oost-Vlaanderen,sme,chemicals trade\n",
    "memberships.csv": "organisation_id,cluster_id,since,until,role\n"
    "a,X,2019-01-01,,member\nb,X,2019-01-01,,member\nc,X,2019-01-01,,member\n"
    "b,Y,2019-01-01,,member\nc,Y,2019-01-01,,member\nd,Y,2019-01-01,,member\n",
}


def test_cluster_files_known_answers_through_ingest_and_analyze(db, cli_env, tmp_path):
    folder = write_files(
        tmp_path / "toy",
        {
            **GOOD,
            # a star around c (the hub) in projects, and a two-sector toy: C (20.x) with M (72.x), G
            "projects.csv": "id,title,instrument,year,total_budget_eur,themes\n"
            "p1,One,ICON,2020,100000,ai\np2,Two,COOCK,2021,,ai|bio\n"
            "p3,Three,ICON,2022,,bio\n",
            "participations.csv": "project_id,participant_id,role\n"
            "p1,c,coordinator\np1,a,partner\np2,c,coordinator\np2,b,partner\n"
            "p3,c,coordinator\np3,d,partner\n",
        },
    )
    run_cli(["ingest", str(folder)], cli_env, check=True)
    overlap = json.loads(
        run_cli(["analyze", "overlap", "--format", "json"], cli_env, check=True).stdout
    )
    [pair] = [p for p in overlap if {p["a"], p["b"]} == {"X", "Y"}]
    assert pair["shared"] == 2 and pair["jaccard"] == 0.5
    assert pair["overlap_coefficient"] == pytest.approx(2 / 3)

    cent = json.loads(
        run_cli(
            ["analyze", "centrality", "--view", "projects", "--format", "json"], cli_env, check=True
        ).stdout
    )
    best = max(cent, key=lambda r: (r["betweenness"], r["id"]))
    # Gamma lies on the shortest path of the 3 pairs of its partners; the curated
    # landscape's organisations (loaded first) share no project, so they only normalise.
    n = len(cent)
    assert best["name"] == "Gamma"
    assert best["betweenness"] == pytest.approx(3 / ((n - 1) * (n - 2) / 2))
    assert all(r["betweenness"] == 0 for r in cent if r["name"] != "Gamma")

    cross = json.loads(
        run_cli(
            [
                "analyze",
                "cross-sector",
                "--level",
                "section",
                "--via",
                "projects",
                "--format",
                "json",
            ],
            cli_env,
            check=True,
        ).stdout
    )
    matrix = {
        tuple(sorted((r["sector_a"], r["sector_b"]))): r["links"]
        for r in cross
        if r["sector_a"] != r["sector_b"]
    }
    assert matrix == {("C", "M"): 2, ("G", "M"): 1}
    # the results are in the graph, and a re-run replaces them
    (row,) = db.run_read("MATCH (:Cluster)-[r:OVERLAPS]->(:Cluster) RETURN count(r) AS n")
    assert row["n"] == 1
    run_cli(["analyze", "overlap"], cli_env, check=True)
    (row,) = db.run_read("MATCH (:Cluster)-[r:OVERLAPS]->(:Cluster) RETURN count(r) AS n")
    assert row["n"] == 1


BAD_INPUTS = {
    "checksum": (
        {"organisations.csv": GOOD["organisations.csv"].replace("0123.456.749", "0123.456.748")},
        "organisations.csv:2:enterprise_number",
    ),
    "missing column": (
        {"organisations.csv": GOOD["organisations.csv"].replace(",kind,", ",")},
        "organisations.csv:1:kind",
    ),
    "bad date": (
        {"memberships.csv": GOOD["memberships.csv"].replace("a,X,2019-01-01", "a,X,2019-13-45")},
        "memberships.csv:2:since",
    ),
    "unknown cluster": (
        {"memberships.csv": GOOD["memberships.csv"] + "a,NOPE,2019-01-01,,\n"},
        "memberships.csv:8:cluster_id",
    ),
    "duplicate key": (
        {"organisations.csv": GOOD["organisations.csv"] + "a,Alpha again,firm,,,,,\n"},
        "organisations.csv:6:id",
    ),
    "wrong delimiter": (
        {"clusters.csv": GOOD["clusters.csv"].replace(",", "\t")},
        "clusters.csv:1:",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_malformed_input_changes_nothing(db, cli_env, tmp_path, case):
    load_landscape(db)
    before = graph_counts(db)
    override, where = BAD_INPUTS[case]
    folder = write_files(tmp_path / case, {**GOOD, **override})
    proc = run_cli(["ingest", str(folder)], cli_env)
    assert proc.returncode != 0, proc.stdout
    assert where in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    assert graph_counts(db) == before


def test_skip_invalid_loads_valid_rows_and_reports(db, cli_env, tmp_path):
    load_landscape(db)
    override, _ = BAD_INPUTS["checksum"]
    folder = write_files(tmp_path / "skip", {**GOOD, **override})
    report = tmp_path / "rejected.csv"
    run_cli(["ingest", str(folder), "--skip-invalid", "--report", str(report)], cli_env, check=True)
    text = report.read_text()
    assert "mod-97" in text and "organisations.csv" in text
    names = {
        r["n"]
        for r in db.run_read(
            "MATCH (o:Organisation) WHERE o.name IN ['Alpha BV', 'Beta NV'] RETURN o.name AS n"
        )
    }
    assert names == {"Beta NV"}


def test_semicolon_bom_and_xlsx_load_the_same_graph(db, cli_env, tmp_path):
    load_landscape(db)
    base = graph_counts(db)
    semi = {k: v.replace(",", ";") for k, v in GOOD.items()}
    run_cli(["ingest", str(write_files(tmp_path / "semi", semi, "utf-8-sig"))], cli_env, check=True)
    counts_semi = graph_counts(db)
    assert counts_semi != base
    from .conftest import wipe

    wipe(db)
    load_landscape(db)
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, text in GOOD.items():
        sheet = book.create_sheet(name.removesuffix(".csv"))
        for line in text.strip().splitlines():
            sheet.append(line.split(","))
    xlsx = tmp_path / "members.xlsx"
    book.save(xlsx)
    run_cli(["ingest", str(xlsx)], cli_env, check=True)
    without_sources = {k: v for k, v in graph_counts(db).items() if k != "node:Source"}
    assert without_sources == {k: v for k, v in counts_semi.items() if k != "node:Source"}


def test_dry_run_writes_nothing(db, cli_env, tmp_path):
    # on an empty graph: validating files that refer to the real clusters writes nothing
    before = graph_counts(db)
    proc = run_cli(["ingest", str(EXAMPLE), "--dry-run"], cli_env, check=True)
    assert "dry run" in proc.stdout
    assert graph_counts(db) == before
    run_cli(["ingest", str(EXAMPLE)], cli_env, check=True)  # a real load brings the landscape
    (row,) = db.run_read(
        "MATCH (c:Cluster {id: 'catalisti'})<-[:MEMBER_OF]-(o) RETURN count(o) AS n"
    )
    assert row["n"] > 0


def test_format_is_recognised(tmp_path):
    assert pipeline.detect_format(CORDIS) == "cordis"
    assert pipeline.detect_format(EXAMPLE) == "clusterfiles"
    shutil.copy(EXAMPLE / "organisations.csv", tmp_path / "organisations.csv")
    assert pipeline.detect_format(tmp_path) == "clusterfiles"
