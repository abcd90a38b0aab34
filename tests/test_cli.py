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


def test_no_arguments_shows_the_help(env):
    proc = run_cli([], env, timeout=60)
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "Usage: innograph" in proc.stderr + proc.stdout
    assert "cypher" in proc.stderr + proc.stdout
