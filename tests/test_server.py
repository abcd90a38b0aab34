"""`innograph neo4j start | stop | status` on a server of its own (own home, ports, data)."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from graph.server import free_port
from graph.settings import default_home

from .conftest import run_cli

pytestmark = pytest.mark.live


@pytest.fixture
def server_env(tmp_path) -> dict[str, str]:
    home = Path(os.environ.get("INNOGRAPH_HOME") or default_home())
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(
        INNOGRAPH_HOME=str(tmp_path / "home"),
        INNOGRAPH_NEO4J_LIB=os.environ.get("INNOGRAPH_NEO4J_LIB") or str(home / "neo4j-lib"),
        INNOGRAPH_BOLT_PORT=str(free_port()),
        INNOGRAPH_HTTP_PORT=str(free_port()),
        INNOGRAPH_NEO4J_HEAP="512m",
        INNOGRAPH_NEO4J_PAGECACHE="64m",
    )
    yield env
    run_cli(["neo4j", "stop"], env)


def listening_addresses(port: int) -> set[str]:
    """Local addresses listening on ``port`` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            addr, p = local.split(":")
            if state == "0A" and int(p, 16) == port:
                found.add(addr)
    return found


LOOPBACK = {"0100007F", "0000000000000000FFFF00000100007F", "00000000000000000000000001000000"}


def test_start_status_stop_and_offline_restart(server_env, tmp_path):
    bolt, http = int(server_env["INNOGRAPH_BOLT_PORT"]), int(server_env["INNOGRAPH_HTTP_PORT"])
    status = run_cli(["neo4j", "status"], server_env)
    assert status.returncode == 3 and "running: no" in status.stdout

    run_cli(["neo4j", "start"], server_env, check=True)
    status = run_cli(["neo4j", "status"], server_env, check=True)
    assert f"uri: bolt://127.0.0.1:{bolt}" in status.stdout and "answers: yes" in status.stdout
    for port in (bolt, http):
        addrs = listening_addresses(port)
        assert addrs and addrs <= LOOPBACK, f"port {port} listens on {addrs}"
    password = tmp_path / "home" / "instance" / "password"
    assert oct(password.stat().st_mode & 0o777) == "0o600"
    import urllib.request

    with urllib.request.urlopen(f"http://127.0.0.1:{http}/browser/", timeout=10) as r:
        assert r.status == 200 and b"<html" in r.read().lower()

    assert "stopped" in run_cli(["neo4j", "stop"], server_env, check=True).stderr
    assert run_cli(["neo4j", "status"], server_env).returncode == 3

    # The second start needs no network and no Maven: the jars are cached.
    offline = dict(server_env, PATH=_path_without("mvn"))
    run_cli(["neo4j", "start"], offline, check=True)
    assert "answers: yes" in run_cli(["neo4j", "status"], offline, check=True).stdout


def _path_without(program: str) -> str:
    import shutil

    bad = Path(shutil.which(program) or "/nonexistent").parent
    return os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if Path(p) != bad)


def test_port_taken_gives_one_clear_sentence(server_env):
    with socket.socket() as s:
        s.bind(("127.0.0.1", int(server_env["INNOGRAPH_BOLT_PORT"])))
        s.listen(1)
        proc = run_cli(["neo4j", "start"], server_env)
    assert proc.returncode != 0
    assert "already taken" in proc.stderr and "Traceback" not in proc.stderr


def test_missing_java_gives_one_clear_sentence(server_env):
    proc = run_cli(["neo4j", "start"], dict(server_env, PATH="/nonexistent"))
    assert proc.returncode != 0
    assert "Java is not installed" in proc.stderr and "Traceback" not in proc.stderr


def test_external_server_is_used_when_neo4j_uri_is_set(cli_env):
    proc = run_cli(["neo4j", "start"], cli_env, check=True)
    assert "NEO4J_URI is set" in proc.stderr
    proc = run_cli(["neo4j", "status"], cli_env, check=True)
    assert "managed: no" in proc.stdout and "answers: yes" in proc.stdout


def test_generated_passwords_are_never_taken_for_options():
    from graph.server import new_password

    passwords = {new_password() for _ in range(2000)}
    assert len(passwords) == 2000
    assert not any(p.startswith("-") for p in passwords)
    assert all(len(p) >= 20 for p in passwords)
