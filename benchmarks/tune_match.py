"""The inner splits the ranking is tuned on; nothing from 2016 on is read (``innograph
evaluate --split-year 2016`` is the held-out test). ``--cut 2015-01-01`` (default): projects
starting in 2014 train, those starting in 2015 are the truth. ``--cut 2015-07-01``: projects
starting before July 2015 train (a year and a half, closer to the test's two years), those
starting in the second half of 2015 are the truth. ``--weight name=value`` tries other weights.

    .venv/bin/python benchmarks/tune_match.py [--country BE|all] [--cut 2015-07-01]
        [--sample 1500] [--weight network_boost=0 ...]
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import random  # noqa: E402

from analytics.matching import History, Weights, backtest  # noqa: E402
from analytics.matching.history import coparticipants, from_history  # noqa: E402
from innograph.cli_match import read_history  # noqa: E402

CORDIS = ROOT / "ingest" / "data" / "cordis" / "h2020_2014_2016"


def inner_history(until: date = date(2016, 1, 1)) -> History:
    """The training years only: rows of projects starting before ``until``."""
    full = read_history(CORDIS, "training")
    rows = [r for r in full.rows if r.get("start") is not None and r["start"] < until]
    return History(full.name + ":inner", full.label + " (before 2016)", rows)


def cut_split(history: History, cut: date, country: str, sample: int) -> backtest.Split:
    """Projects starting before ``cut`` train, those from ``cut`` to 2016 are the truth (the
    queries and truths as ``backtest.make_split`` builds them), ``sample`` queries at most
    (a fixed random sample: the all-country split has too many to rank quickly)."""
    train = from_history(history, until_year=cut)
    pairs = coparticipants(history, since=cut)
    queries, truths = [], []
    for i, oid in enumerate(train.org_ids):
        if country and train.countries[i] != country:
            continue
        known = {train.org_ids[j] for j in train.partners(i)} | {oid}
        seen = {train.index[o] for o in pairs.get(oid, set()) - known if o in train.index}
        if seen:
            queries.append(i)
            truths.append(seen)
    if sample and len(queries) > sample:
        keep = sorted(random.Random(1).sample(range(len(queries)), sample))
        queries, truths = [queries[i] for i in keep], [truths[i] for i in keep]
    return backtest.Split(train, queries, truths)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--country", default="BE")
    ap.add_argument("--weight", action="append", default=[])
    ap.add_argument("--methods", default="")
    ap.add_argument("--cut", default="2015-01-01")
    ap.add_argument("--sample", type=int, default=1500)
    args = ap.parse_args()
    history = inner_history()
    country = "" if args.country == "all" else args.country
    cut = date.fromisoformat(args.cut)
    if cut == date(2015, 1, 1):
        split = backtest.make_split(history, split_year=2015, country=country)
    else:
        split = cut_split(history, cut, country, args.sample)
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
