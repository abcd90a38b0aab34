"""The adapter and the CLI against a recording fake database (no server needed)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from analytics import adapter
from analytics.runs import run_all
from graph import catalog
from graph.db import Batch

CYPHER = Path(__file__).resolve().parents[1] / "graph" / "cypher"
# the statements analytics.adapter.results reads and writes with
STATEMENTS = [
    "delete_stale_overlaps",
    "delete_stale_sector_links",
    "finish_analytics_run",
    "merge_analytics_run",
    "merge_overlaps",
    "merge_sector_links",
    "rank_cluster_members_by_pagerank",
    "read_cluster_member_ids",
    "read_cluster_participations",
    "read_clusters",
    "read_organisations",
    "read_overlaps",
    "read_project_participant_ids",
    "read_projects_with_themes",
    "set_centrality",
    "set_cluster_cross_sector",
    "set_cluster_helix",
    "set_cluster_ranking",
    "set_project_helix",
]

ORGS = [
    {"id": o, "name": o.upper(), "kind": k, "size": s, "nace": n, "synthetic": False}
    for o, k, s, n in [
        ("a", "firm", "sme", "20.1"),
        ("b", "firm", "large", "62.0"),
        ("c", "knowledge_institution", None, "72.1"),
        ("d", "firm", "sme", "20.3"),
    ]
]


class FakeDb:
    """Serves the analytics read statements from rows; records every write."""

    def __init__(self) -> None:
        self.rows = {
            "read_organisations": ORGS,
            "read_clusters": [
                {"id": "X", "name": "Cluster X", "type": "spearhead"},
                {"id": "Y", "name": "Cluster Y", "type": "ibn"},
            ],
            "read_cluster_member_ids": [
                {"cluster": "X", "organisations": ["a", "b", "c"]},
                {"cluster": "Y", "organisations": ["b", "c", "d"]},
            ],
            "read_projects_with_themes": [
                {"id": "p1", "year": 2020, "theme_property": ["ai"], "theme_names": ["health"]},
                {"id": "p2", "year": None, "theme_property": "food", "theme_names": []},
            ],
            "read_project_participant_ids": [
                {"project": "p1", "organisations": ["a", "d"]},
                {"project": "p2", "organisations": ["b", "c"]},
            ],
            "read_cluster_participations": [{"cluster": "Y", "project": "p2"}],
        }
        self.writes: list[tuple[str, dict[str, Any]]] = []
        self.batches: list[tuple[str, list[dict[str, Any]], dict[str, Any]]] = []

    def read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        return [dict(r) for r in self.rows.get(name, [])]

    def write(self, name: str, **params: Any) -> list[dict[str, Any]]:
        self.writes.append((name, params))
        return [{"deleted": 0}]

    def write_rows(self, name, rows, params=None, batch_size=10_000, progress=None):
        self.batches.append((name, list(rows), dict(params or {})))
        return [Batch(len(rows), [{"written": len(rows)}])]

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None

    def batch(self, name: str):
        catalog.load(name)  # the statement exists in graph/cypher
        return [b for b in self.batches if b[0] == name]


def test_cypher_files_name_their_parameters():
    files = [CYPHER / f"{name}.cypher" for name in STATEMENTS]
    assert len(files) >= 15
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("//"), path.name
        header = " ".join(ln for ln in lines if ln.startswith("//"))
        body = "\n".join(ln for ln in lines if not ln.startswith("//"))
        assert "Parameters" in header, path.name
        for param in set(re.findall(r"\$(\w+)", body)):
            assert f"${param}" in header, f"{path.name}: ${param} not named in the comment"
        assert ";" not in body, f"{path.name}: one statement per file"


def test_read_projection_from_rows():
    p = adapter.read_projection(FakeDb())
    assert p.org_ids == ["a", "b", "c", "d"] and p.cluster_ids == ["X", "Y"]
    assert p.project_themes == [("ai", "health"), ("food",)]
    assert p.n_memberships == 6 and p.n_participations == 4
    assert p.cluster_participations.tolist() == [[1, 1]]


def test_run_all_writes_everything_under_one_run():
    db = FakeDb()
    res = run_all(db, view="both")
    run_id = res.run.id
    names = [n for n, _ in db.writes]
    assert names[0] == "merge_analytics_run" and names[-1] == "finish_analytics_run"
    assert "delete_stale_overlaps" in names
    assert names.count("delete_stale_sector_links") == 4  # 2 levels x 2 vias
    [(_, rows, params)] = db.batch("merge_overlaps")
    assert params["run_id"] == run_id
    assert rows == [
        {
            "a": "X",
            "b": "Y",
            "shared": 2,
            "jaccard": 0.5,
            "overlap_coefficient": pytest.approx(2 / 3),
            "shared_ids": ["b", "c"],
            "sector_jaccard": 1.0,
            "theme_jaccard": 1.0,
            "from_synthetic": False,
            "synthetic_share": 0.0,
        }
    ]
    [(_, rows, params)] = db.batch("set_centrality")
    assert params["view"] == "both" and params["run_id"] == run_id
    assert [r["id"] for r in rows] == ["a", "b", "c", "d"]
    assert set(rows[0]) == {
        "id",
        "degree",
        "weighted_degree",
        "betweenness",
        "betweenness_se",
        "pagerank",
        "from_synthetic",
        "synthetic_share",
    }
    links = db.batch("merge_sector_links")
    assert {(p["level"], p["via"]) for _, _, p in links} == {
        ("section", "projects"),
        ("section", "clusters"),
        ("division", "projects"),
        ("division", "clusters"),
    }
    [(_, rows, _)] = db.batch("set_cluster_helix")
    assert rows[0]["id"] == "X" and rows[0]["sme_share"] == 0.5
    assert len(db.batch("set_project_helix")[0][1]) == 2
    finish = dict(db.writes[-1][1])
    assert json.loads(finish["results"])["overlaps"] == 1


def test_run_all_without_write_writes_nothing():
    db = FakeDb()
    run_all(db, write=False)
    assert db.writes == [] and db.batches == []


@pytest.fixture
def cli(monkeypatch):
    import graph.db
    from innograph.cli import app

    db = FakeDb()
    monkeypatch.setattr(graph.db, "connect", lambda *a, **k: db)
    runner = CliRunner()

    def invoke(*args: str):
        result = runner.invoke(app, ["analyze", *args])
        assert result.exit_code == 0, result.output
        return result

    invoke.db = db  # type: ignore[attr-defined]
    return invoke


def test_cli_json_outputs(cli):
    overlap = json.loads(cli("overlap", "--format", "json", "--no-write").stdout)
    assert overlap[0]["a"] == "X" and overlap[0]["b"] == "Y"
    assert overlap[0]["shared"] == 2 and overlap[0]["jaccard"] == 0.5
    assert overlap[0]["overlap_coefficient"] == pytest.approx(2 / 3)
    cen = json.loads(cli("centrality", "--format", "json", "--view", "projects").stdout)
    assert {"id", "name", "degree", "weighted_degree", "betweenness", "pagerank"} <= set(cen[0])
    assert len(cen) == 4
    cross = json.loads(cli("cross-sector", "--format", "json", "--via", "projects").stdout)
    assert cross and {"sector_a", "sector_b", "links", "via", "level"} <= set(cross[0])
    helix = json.loads(cli("helix", "--format", "json").stdout)
    assert [h["id"] for h in helix] == ["X", "Y"]
    brokers = json.loads(cli("brokers", "--format", "json").stdout)
    assert [b["id"] for b in brokers] == ["b", "c"]
    summary = json.loads(cli("all", "--format", "json").stdout)
    assert [s["analysis"] for s in summary] == [
        "read projection",
        "overlap",
        "centrality",
        "cross-sector",
        "helix",
    ]
    assert cli.db.batch("set_centrality")


def test_cli_table_and_csv(cli):
    assert "Cluster X" in cli("overlap").stdout
    csv_out = cli("cross-sector", "--format", "csv", "--level", "division").stdout
    assert csv_out.splitlines()[0] == (
        "sector_a,sector_b,links,via,level,label_a,label_b,from_synthetic,synthetic_share"
    )
