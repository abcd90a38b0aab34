"""``innograph demo`` writes into ``./out`` of the working directory, or into ``--out``, and
never into the installed package's folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.live

SAMPLE = ROOT / "tests" / "data" / "cordis" / "native_sample"


def demo(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("innograph")
    cmd = [str(exe), "demo", "--synthetic", "40", "--no-analyze", "--cordis", str(SAMPLE)]
    return subprocess.run(cmd + args, env=env, cwd=cwd, capture_output=True, text=True, timeout=600)


def test_demo_writes_into_the_working_directory_or_out(db, cli_env, tmp_path):
    package_out = ROOT / "out"
    before = sorted(package_out.rglob("*")) if package_out.exists() else None
    work = tmp_path / "work"
    work.mkdir()
    proc = demo([], cli_env, work)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert (work / "out" / "ecosystem.html").is_file()
    elsewhere = tmp_path / "maps here"
    proc = demo(["--out", str(elsewhere)], cli_env, work)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert (elsewhere / "ecosystem.html").is_file() and (elsewhere / "overlap.html").is_file()
    after = sorted(package_out.rglob("*")) if package_out.exists() else None
    assert after == before  # the repository's (the package's) out/ untouched
