"""Test fixtures: a throwaway Neo4j server for the whole session, cleaned between tests.

The server has its own instance directory (a temporary folder) and its own free ports, so
tests never touch the user's database. It shares only the jar cache with the user's server.
``NEO4J_TEST_URI`` (with ``NEO4J_TEST_USER``/``NEO4J_TEST_PASSWORD``) points the tests at a
server of your own instead: its database is wiped, so never point it at real data.
Live tests never skip: when the server cannot start they fail.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph import schema
from graph.db import Database, open_database
from graph.throwaway import throwaway_server

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def neo4j_credentials():
    """(uri, user, password) of the throwaway test server."""
    uri = os.environ.get("NEO4J_TEST_URI")
    if uri:
        yield (
            uri,
            os.environ.get("NEO4J_TEST_USER", "neo4j"),
            os.environ.get("NEO4J_TEST_PASSWORD", ""),
        )
        return
    with throwaway_server(
        "innograph-test-neo4j-", "768m", "256m", log=lambda m: print(m, file=sys.stderr)
    ) as server:
        yield (server.uri, "neo4j", server.password() or "")


@pytest.fixture(scope="session")
def _schema_db(neo4j_credentials):
    uri, user, password = neo4j_credentials
    db = open_database(uri, user, password)
    wipe(db)
    schema.apply(db)
    yield db
    db.close()


def wipe(db: Database) -> None:
    db.run_auto(
        "MATCH (n) WHERE NOT n:SchemaVersion "
        "CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
    )


@pytest.fixture
def db(_schema_db) -> Database:
    """A connected ``Database`` on an empty graph (schema applied)."""
    wipe(_schema_db)
    return _schema_db


@pytest.fixture
def cli_env(neo4j_credentials, tmp_path) -> dict[str, str]:
    """Environment for running the ``innograph`` CLI against the test server."""
    uri, user, password = neo4j_credentials
    env = dict(os.environ)
    env.update(
        NEO4J_URI=uri,
        NEO4J_USER=user,
        NEO4J_PASSWORD=password,
        INNOGRAPH_HOME=str(tmp_path / "home"),
    )
    env.pop("NEO4J_DATABASE", None)
    return env


def run_cli(
    args: list[str], env: dict[str, str], check: bool = False, timeout: float = 600
) -> subprocess.CompletedProcess:
    """Run ``innograph ARGS`` in a subprocess, as a user would."""
    exe = Path(sys.executable).with_name("innograph")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "innograph.cli"]
    proc = subprocess.run(
        cmd + args, env=env, capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )
    if check and proc.returncode != 0:
        raise AssertionError(
            f"innograph {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
        )
    return proc


def pytest_collection_modifyitems(config, items):
    """A test that needs the server is ``live`` whatever its module says, so ``make test-fast``
    (``-m "not live and not browser"``) never starts Neo4j."""
    for item in items:
        if "neo4j_credentials" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.live)
