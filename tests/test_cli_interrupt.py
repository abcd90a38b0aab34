"""Ctrl-C during ``innograph demo``: one line, exit code 130, and a re-run completes.

Live: the demo loads into the throwaway test server. SIGINT is sent once the demo has
started writing (its first "... rows, ... new" line), as a terminal's Ctrl-C would.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.live

SAMPLE = ROOT / "tests" / "data" / "cordis" / "native_sample"


def _demo(out: Path) -> list[str]:
    exe = Path(sys.executable).with_name("innograph")
    return [str(exe), "demo", "--synthetic", "40", "--no-analyze", "--cordis", str(SAMPLE),
            "--out", str(out)]  # fmt: skip


def test_ctrl_c_during_the_demo_is_one_line_exit_130_and_a_rerun_completes(db, cli_env, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.Popen(
        _demo(out), env=cli_env, cwd=tmp_path, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert proc.stderr is not None
    seen = []
    deadline = time.monotonic() + 300
    for line in proc.stderr:  # wait until the first load has begun writing
        seen.append(line)
        if "rows," in line or time.monotonic() > deadline:
            break
    proc.send_signal(signal.SIGINT)
    rest = proc.stderr.read()  # what follows Ctrl-C (the same buffered reader)
    proc.wait(timeout=120)
    assert proc.returncode == 130, "".join(seen) + rest
    assert "Traceback" not in rest
    assert rest.strip().splitlines()[-1].startswith("Interrupted")
    assert len([x for x in rest.strip().splitlines() if "Interrupted" in x]) == 1
    again = subprocess.run(
        _demo(out), env=cli_env, cwd=tmp_path, capture_output=True, text=True, timeout=600
    )
    assert again.returncode == 0, again.stderr[-2000:]
    assert (out / "ecosystem.html").is_file()
    # nothing half-written: a third run finds every row already there
    third = subprocess.run(
        _demo(out), env=cli_env, cwd=tmp_path, capture_output=True, text=True, timeout=600
    )
    assert third.returncode == 0
    assert "NACE sectors" in third.stderr and " 0 new" in third.stderr
