"""The command line's usage errors: the usage and one sentence, exit code 2, never a traceback.

Pure: none of these commands reaches Neo4j (the arguments are refused first).
"""

from __future__ import annotations

import os

import pytest

from .conftest import run_cli


@pytest.fixture(name="env")
def env_fixture(tmp_path) -> dict[str, str]:
    return {**os.environ, "INNOGRAPH_HOME": str(tmp_path / "home")}


@pytest.mark.parametrize(
    "args, reason",
    [
        (["nosuch"], "No such command 'nosuch'"),
        (["cypher"], "Missing argument 'query'"),
        (["cypher", "RETURN 1", "--format", "xml"], "'xml' is not one of"),
        (["keys", "create"], "Missing option '--role'"),
    ],
)
def test_a_usage_error_says_why_and_exits_2(env, args, reason):
    proc = run_cli(args, env, timeout=60)
    assert proc.returncode == 2
    assert "Usage: innograph" in proc.stderr and reason in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["injest"], "Error: No such command 'injest'. Did you mean 'ingest'?"),
        (["ingest"], "Error: Missing argument 'paths'."),
        (["match", "--k", "0"], "Error: Invalid value for '--k'"),
    ],
)
def test_the_issue_s_usage_errors_are_two_lines_and_exit_2(env, args, message):
    proc = run_cli(args, env, timeout=60)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 2, proc.stderr  # the usage line, then the reason
    assert lines[0].startswith("Usage: innograph")
    assert lines[1].startswith(message)
    assert "Traceback" not in proc.stderr + proc.stdout and proc.stdout == ""


def test_no_arguments_shows_the_help(env):
    proc = run_cli([], env, timeout=60)
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "Usage: innograph" in proc.stderr + proc.stdout
    assert "cypher" in proc.stderr + proc.stdout
