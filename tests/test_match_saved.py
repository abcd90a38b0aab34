"""Saved matches: JSON files in the user's data folder, listed and exported as CSV."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from analytics.matching import export_match, list_matches, load_match, save_match
from graph.errors import InnographError, NotFound
from graph.settings import get_settings
from innograph.cli import app

PARTNERS = [
    {
        "rank": 1,
        "id": "x",
        "name": "X",
        "kind": "firm",
        "score": 0.5,
        "explanation": ["shares 2 projects with P", "member of Catalisti"],
    }
]
CALL = {
    "candidates": PARTNERS,
    "consortia": [
        {
            "members": [
                {
                    "id": "x",
                    "name": "X",
                    "kind": "firm",
                    "role": "firm (SME)",
                    "score": 0.5,
                    "explanation": ["why"],
                    "alternatives": [{"id": "y", "name": "Y", "score": 0.4}],
                }
            ]
        }
    ],
}


def test_save_list_load_export(tmp_path):
    a = save_match(
        kind="partners",
        request={"for": "me"},
        result=PARTNERS,
        name="My Batteries",
        folder=tmp_path,
    )
    b = save_match(
        kind="call", request={"call": {}}, result=CALL, name="icon-call", folder=tmp_path
    )
    assert (a, b) == ("my-batteries", "icon-call")
    assert {m["id"] for m in list_matches(folder=tmp_path)} == {a, b}
    assert load_match(match_id=a, folder=tmp_path)["result"] == PARTNERS
    out = export_match(b, tmp_path / "out" / "call.csv", folder=tmp_path)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["section"] for r in rows] == ["candidate", "consortium"]
    assert rows[1]["role"] == "firm (SME)" and "alternatives: Y" in rows[1]["explanation"]
    with pytest.raises(NotFound):
        load_match(match_id="nope", folder=tmp_path)
    with pytest.raises(InnographError):
        load_match(match_id="../etc/passwd", folder=tmp_path)  # outside-repo: refused traversal
    unnamed = save_match(None, kind="partners", request={}, result=[], folder=tmp_path)
    assert (tmp_path / f"{unnamed}.json").is_file()


def test_match_list_and_export_commands(tmp_path, monkeypatch):
    monkeypatch.setenv("INNOGRAPH_HOME", str(tmp_path))
    get_settings.cache_clear()
    try:
        save_match(kind="partners", request={"for": "me"}, result=PARTNERS, name="first")
        runner = CliRunner()
        listed = runner.invoke(app, ["match", "--list", "--format", "json"])
        assert listed.exit_code == 0, listed.output
        assert json.loads(listed.stdout)[0]["id"] == "first"
        out = tmp_path / "first.csv"
        done = runner.invoke(app, ["match", "--export", "first", "--out", str(out)])
        assert done.exit_code == 0, done.output
        assert "shares 2 projects with P | member of Catalisti" in out.read_text()
        both = runner.invoke(app, ["match", "--list", "--export", "first"])
        assert both.exit_code != 0
    finally:
        get_settings.cache_clear()
