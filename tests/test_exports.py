"""Exports neutralise formula cells (OWASP, CSV injection): one writer, ``graph.output``.

A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
``'`` in every CSV the CLI or the service writes; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io

import pytest

from analytics.matching import export_match, save_match
from graph.output import render, safe_cell, write_csv

from .test_api_graph import Service, service_fixture  # noqa: F401

HOSTILE = ["=1+1", '=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)"]
HOSTILE += ["\t=1", "\r=1"]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_formula_text_is_neutralised(text):
    assert safe_cell(text) == "'" + text
    rows = list(csv.reader(io.StringIO(render([{"v": text}], "csv"), newline="")))
    assert rows == [["v"], ["'" + text]]


def test_harmless_cells_stay_as_they_are():
    assert [safe_cell(v) for v in ("Imec", "a=b", "1+1", "", None)] == [
        "Imec",
        "a=b",
        "1+1",
        "",
        "",
    ]
    assert [safe_cell(v) for v in (-0.5, -3, 0, True)] == [-0.5, -3, 0, True]
    assert safe_cell(["=a", "b"]) == "'=a|b"  # a list is one text cell, checked as a whole
    assert safe_cell(["a", "=b"]) == "a|=b"  # not at the start: a spreadsheet shows it as text
    buf = io.StringIO()
    write_csv(buf, [{"n": -1.5, "name": "=1+1"}], ["=col", "n", "name"])
    assert buf.getvalue() == "'=col,n,name\n,-1.5,'=1+1\n"


def test_a_saved_match_export_is_neutralised(tmp_path):
    partners = [
        {
            "rank": 1,
            "id": "=1+1",
            "name": "@SUM(A1)",
            "kind": "firm",
            "score": 0.5,
            "explanation": ["+cmd|' /C calc'!A0"],
        },
    ]
    mid = save_match(kind="partners", request={}, result=partners, name="evil", folder=tmp_path)
    out = export_match(mid, tmp_path / "evil.csv", folder=tmp_path)
    row = next(csv.DictReader(out.open(encoding="utf-8")))
    assert (row["id"], row["name"], row["score"]) == ("'=1+1", "'@SUM(A1)", "0.5")
    assert row["explanation"] == "'+cmd|' /C calc'!A0"


@pytest.mark.live
def test_service_exports_are_neutralised(service: Service):
    """``/cypher`` as CSV, a library query as CSV and a saved match's CSV."""
    r = service.post(
        "/cypher", role="analyst", json={"query": "RETURN '=1+1' AS a, -1 AS b", "format": "csv"}
    )
    assert r.status_code == 200 and r.text == "a,b\n'=1+1,-1\n"
    folder = service.app.state.settings.home / "matches"
    partners = [{"rank": 1, "id": "x", "name": "=1+1", "kind": "firm", "score": 0.5}]
    mid = save_match(kind="partners", request={}, result=partners, name="evil", folder=folder)
    r = service.get(f"/match/saved/{mid}/csv", role="manager")
    assert r.status_code == 200, r.text
    assert next(csv.DictReader(io.StringIO(r.text)))["name"] == "'=1+1"
