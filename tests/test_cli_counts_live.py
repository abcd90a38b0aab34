"""The CLI's reports against the real server: ``analyze all`` prints the counts it wrote,
and a Cypher syntax error is placed in the user's own text (not in the guard's ``EXPLAIN``).

The toy graph is the hand-checked one of ``test_ingest_live``: clusters X {a, b, c} and
Y {b, c, d}; projects p1 {c, a}, p2 {c, b}, p3 {c, d}; sections a, b: C (20.x), c: M (72.x),
d: G (46.x).
"""

from __future__ import annotations

import json

import pytest

from graph.guard import QueryFailed, run_read_only

from .conftest import run_cli
from .test_ingest_live import GOOD, write_files

pytestmark = pytest.mark.live

TOY = {
    **GOOD,
    "projects.csv": "id,title,instrument,year,total_budget_eur,themes\n"
    "p1,One,ICON,2020,100000,ai\np2,Two,COOCK,2021,,ai|bio\np3,Three,ICON,2022,,bio\n",
    "participations.csv": "project_id,participant_id,role\n"
    "p1,c,coordinator\np1,a,partner\np2,c,coordinator\np2,b,partner\n"
    "p3,c,coordinator\np3,d,partner\n",
}
# hand-counted: 1 overlapping pair (X, Y); sector pairs with links: via projects C-M, G-M
# (section) and 20-72, 46-72 (division); via clusters C-C, C-M, C-G, G-M and 20-20, 20-72,
# 20-46, 46-72: 12 SECTOR_LINK rows (the curated landscape ingest loads adds no sectors).
# Every organisation is ranked and every cluster and project gets its helix mix: those are
# the toy's 4 organisations and 2 + 3 nodes plus the landscape's, counted in the graph.
KNOWN = {"overlap": 1, "cross-sector": 12}
EVERY = {
    "centrality": "MATCH (o:Organisation) RETURN count(o) AS n",
    "helix": "MATCH (n) WHERE n:Cluster OR n:Project RETURN count(n) AS n",
}
IN_GRAPH = {
    "overlap": "MATCH (:Cluster)-[r:OVERLAPS]->(:Cluster) RETURN count(r) AS n",
    "centrality": "MATCH (o:Organisation) WHERE o.pagerank IS NOT NULL RETURN count(o) AS n",
    "cross-sector": "MATCH ()-[r:SECTOR_LINK]->() RETURN count(r) AS n",
    "helix": "MATCH (n) WHERE n.helix_run_id IS NOT NULL RETURN count(n) AS n",
}


def test_analyze_all_reports_the_rows_it_wrote(db, cli_env, tmp_path):
    run_cli(["ingest", str(write_files(tmp_path / "toy", TOY))], cli_env, check=True)
    known = {**KNOWN, **{k: db.run_read(q)[0]["n"] for k, q in EVERY.items()}}
    assert known["centrality"] > 4 and known["helix"] > 5  # the landscape is there too
    for write in ("--no-write", "--write"):
        out = run_cli(["analyze", "all", "--format", "json", write], cli_env, check=True)
        results = {r["analysis"]: r["results"] for r in json.loads(out.stdout)}
        assert {k: results[k] for k in known} == known, write
        assert results["read projection"] == known["centrality"]
    written = {k: db.run_read(q)[0]["n"] for k, q in IN_GRAPH.items()}
    assert written == known


# the error is at line 2, column 5 of the user's text: 'RETRN'
LINE_2_COLUMN_5 = "MATCH (n)\n    RETRN n"


def test_a_syntax_error_is_placed_in_the_user_s_query(db):
    with pytest.raises(QueryFailed) as e:
        run_read_only(db, LINE_2_COLUMN_5)
    assert "(line 2, column 5 (offset: 14))" in str(e.value)
    with pytest.raises(QueryFailed) as e:
        run_read_only(db, "RETURN 1 +")  # the end of the user's 10 characters
    assert "(line 1, column 11 (offset: 10))" in str(e.value)
    with pytest.raises(QueryFailed) as e:
        run_read_only(db, "MATCH (n)\nRETURN nosuch(n)")  # refused at plan time, not a parse
    assert "(line 2, column 8 (offset: 17))" in str(e.value)
    assert "EXPLAIN" not in str(e.value)


def test_the_cypher_command_places_a_syntax_error_in_the_user_s_query(db, cli_env):
    proc = run_cli(["cypher", LINE_2_COLUMN_5], cli_env)
    assert proc.returncode == 1
    assert "(line 2, column 5 (offset: 14))" in proc.stderr + proc.stdout
    assert "Traceback" not in proc.stderr
