"""Run every benchmark script in turn (``--quick`` for a short pass), each in its own process.

    .venv/bin/python benchmarks/run_all.py [--quick] [--only ingest,analytics]

Each script prints its table and writes ``benchmarks/results/<area>.json``; see
``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
AREAS = {
    "ingest": ["bench_ingest.py"],
    "analytics": ["bench_analytics.py", "--neo4j"],
    "match": ["bench_match.py"],
    "service": ["bench_service.py"],
    "maps": ["bench_maps.py"],
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only", default="", help="comma-separated areas: " + ", ".join(AREAS))
    args = ap.parse_args()
    chosen = [a for a in args.only.split(",") if a] or list(AREAS)
    failed = []
    for area in chosen:
        script, *extra = AREAS[area]
        if not (HERE / script).exists():
            print(f"== {area}: {script} is missing, skipped")
            continue
        cmd = [sys.executable, str(HERE / script), *extra] + (["--quick"] if args.quick else [])
        print(f"== {area}: {' '.join(cmd[1:])}", flush=True)
        if subprocess.run(cmd).returncode != 0:
            failed.append(area)
    if failed:
        print("failed: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
