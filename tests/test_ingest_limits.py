"""Limits every cell is read against (``ingest.tables.limits``), before the first write.

A 60,000-character organisation name (too long for the ``organisation_id`` index), a
200,000-character description (over the CSV reader's own limit), a NUL byte and a control
character: each gives ``file:line:column: reason``, exit code 1 and no traceback through
the CLI, 422 through ``POST /ingest``; the graph and its schema version are unchanged (the
checksum covers every node, the ``SchemaVersion`` and its ``applied_at`` included).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.errors import DataError, Problem
from ingest.pipeline import ensure_landscape, ingest_paths
from ingest.tables import TableSpec, read_csv
from ingest.tables.limits import MAX_FIELD, MAX_KEY, cell_reason

from .conftest import ROOT, run_cli
from .test_api_graph import Service, service_fixture  # noqa: F401
from .test_guard_live import checksum

EXAMPLE = ROOT / "ingest" / "examples" / "clusterfiles"
# (column index in organisations.csv, column name, bad value, what the reason says)
BAD = {
    "long name": (1, "name", "N" * 60_000, "60,000 characters; a name, id or code"),
    "long field": (7, "description", "d" * 200_000, "200,000 characters; a cell may have"),
    "NUL byte": (1, "name", "Example\x00Coatings BV", "a NUL byte at character 8"),
    "control character": (1, "name", "Example\x1bCoatings", "control character U+001B"),
}


def bad_folder(tmp_path: Path, case: str) -> Path:
    """The example cluster files with one bad cell on line 2 of organisations.csv."""
    index, _, value, _ = BAD[case]
    folder = tmp_path / "clusterfiles"
    shutil.copytree(EXAMPLE, folder)
    path = folder / "organisations.csv"
    lines = path.read_text(encoding="utf-8-sig").split("\n")
    fields = lines[1].split(";")
    fields[index] = value
    lines[1] = ";".join(fields)
    path.write_text("\n".join(lines), encoding="utf-8")
    return folder


def test_cell_reasons():
    assert cell_reason("x" * MAX_KEY, key=True) is None
    assert "at most 1,000" in (cell_reason("x" * (MAX_KEY + 1), key=True) or "")
    assert cell_reason("x" * MAX_FIELD, key=False) is None
    assert "at most 100,000" in (cell_reason("x" * (MAX_FIELD + 1), key=False) or "")
    assert cell_reason("line\none\ttab\r", key=True) is None
    assert cell_reason("del\x7f", key=False) == "control character U+007F at character 4: remove it"


def test_a_field_over_the_csv_readers_limit_is_a_problem_not_an_exception(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,text\na,short\nb," + "x" * 200_000 + "\n", encoding="utf-8")
    table, problems = read_csv(path, TableSpec("t", ("id", "text")), "t.csv")
    assert table is not None and problems == []
    assert table.rows[0].problems == []
    (p,) = table.rows[1].problems
    assert (p.file, p.line, p.column) == ("t.csv", 3, "text")
    assert str(p).startswith("t.csv:3:text: the value has 200,000 characters")
    assert isinstance(p, Problem)


@pytest.mark.live
@pytest.mark.parametrize("case", list(BAD))
def test_cli_refuses_and_writes_nothing(case, db, cli_env, tmp_path):
    ensure_landscape(db)
    run_cli(["ingest", str(EXAMPLE)], cli_env, check=True)  # a loaded graph, a schema version
    before = checksum(db)
    _, column, _, reason = BAD[case]
    proc = run_cli(["ingest", str(bad_folder(tmp_path, case))], cli_env)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert f"organisations.csv:2:{column}: " in out and reason in out, out[:2000]
    assert "Traceback" not in out and "too large" not in out
    assert checksum(db) == before


@pytest.mark.live
def test_post_ingest_answers_422_and_writes_nothing(service: Service, tmp_path):
    ensure_landscape(service.db)
    before = checksum(service.db)
    for case, (_, column, _, reason) in BAD.items():
        folder = bad_folder(tmp_path / case.replace(" ", "-"), case)
        files = [
            ("files", (p.name, p.read_bytes(), "text/csv")) for p in sorted(folder.glob("*.csv"))
        ]
        r = service.post("/ingest", files=files)
        assert r.status_code == 422, (case, r.status_code, r.text[:500])
        problems = r.json()["problems"]
        assert any(f"organisations.csv:2:{column}: " in p and reason in p for p in problems), (
            case,
            problems[:3],
        )
        assert checksum(service.db) == before, case


@pytest.mark.live
def test_a_bad_second_source_writes_nothing_of_the_first(db, cli_env, tmp_path):
    """Several sources: every one is validated before the first write of any."""
    ensure_landscape(db)
    before = checksum(db)
    bad = bad_folder(tmp_path, "long name")
    proc = run_cli(["ingest", str(EXAMPLE), str(bad)], cli_env)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert "organisations.csv:2:name: " in out and "Traceback" not in out, out[:2000]
    assert checksum(db) == before  # the good first source was not written either
    # the same through the pipeline's own entry point (what POST /ingest calls)
    with pytest.raises(DataError):
        ingest_paths(db, [EXAMPLE, bad])
    assert checksum(db) == before
    # and both good: both are written, the second resolved against the first
    ingest_paths(db, [EXAMPLE, EXAMPLE])
    assert checksum(db) != before
