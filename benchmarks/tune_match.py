"""The inner split the ranking is tuned on: CORDIS projects starting before 2015 train, those
starting in 2015 are the truth; nothing from 2016 on is read (``innograph evaluate
--split-year 2016`` is the held-out test). ``--weight name=value`` tries other weights.

    .venv/bin/python benchmarks/tune_match.py [--country BE|all] [--weight topical=0.5 ...]
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analytics.matching import History, Weights, backtest  # noqa: E402
from innograph.cli_match import read_history  # noqa: E402

CORDIS = ROOT / "ingest" / "data" / "cordis" / "h2020_2014_2016"


def inner_history(until: date = date(2016, 1, 1)) -> History:
    """The training years only: rows of projects starting before ``until``."""
    full = read_history(CORDIS, "training")
    rows = [r for r in full.rows if r.get("start") is not None and r["start"] < until]
    return History(full.name + ":inner", full.label + " (before 2016)", rows)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--country", default="BE")
    ap.add_argument("--weight", action="append", default=[])
    ap.add_argument("--methods", default="")
    args = ap.parse_args()
    history = inner_history()
    split = backtest.make_split(
        history, split_year=2015, country="" if args.country == "all" else args.country
    )
    methods = tuple(m for m in args.methods.split(",") if m) or backtest.METHODS
    report, _ = backtest.run(split, weights=Weights.parse(args.weight), methods=methods)
    rows = backtest.table_rows(report)
    print(json.dumps({"queries": report["queries"]}))
    for r in rows:
        print(
            f"{r['method']:24s} {r['group']:24s} {r['queries']:5d} hits@10 {r['hits@10']:.3f} "
            f"mrr {r['mrr']:.3f} r@50 {r['recall@50']:.3f}"
        )


if __name__ == "__main__":
    main()
