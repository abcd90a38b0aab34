"""Back-test on real consortia: who did organisations team up with next, and did we see it coming?

Protocol (``innograph evaluate``):

1. The *training* model is built from the training CORDIS data alone (``from_history``; the
   interface reads the folders into a ``history.History``); with
   ``split_year`` only the projects starting before 1 January of that year. Nothing from the
   test period reaches the model, its profiles or its statistics.
2. *Test pairs*: organisations taking part in the same test project (starting in or after
   ``split_year`` when given).
3. *Queries*: organisations of the chosen country that are in the training model and gain at
   least one *new* partner in the test period, i.e. one they share no training project with.
4. *Ground truth* of a query: those new partners that exist in the training model. A method
   can only rank organisations it knows, so partners first seen in the test period are left
   out for every method alike (``Split.unseen`` counts them).
5. Every method ranks all training organisations except the query and its training
   partners; Hits@k, Recall@k, Recall@deep and MRR (``metrics``) are averaged over queries,
   overall and per group: firms (CORDIS activity type PRC) and knowledge institutions (HES,
   REC).
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from analytics.matching import baselines, metrics, scoring
from analytics.matching import signals as sig
from analytics.matching.history import History, coparticipants, from_history
from analytics.matching.match_model import MatchModel
from graph.output import write_csv

GROUPS = {"firms": ("firm",), "knowledge_institutions": ("knowledge_institution",)}
METHODS = ("innograph", *baselines.BASELINES)


@dataclass
class Split:
    """A training model, the queries and their ground truth."""

    train: MatchModel
    queries: list[int]
    truths: list[set[int]]
    unseen: int = 0  # the queries' new partners that no method can rank
    description: dict[str, Any] = field(default_factory=dict)

    def group(self, name: str) -> list[int]:
        kinds = GROUPS[name]
        return [i for i, q in enumerate(self.queries) if self.train.kinds[q] in kinds]


def make_split(
    train_data: History,
    test_data: History | None = None,
    split_year: int | None = None,
    country: str | None = "BE",
) -> Split:
    """Build the training model and the queries of a back-test.

    ``split_year`` with one folder: projects starting before the year train, the others test.
    With two folders and ``split_year``: training projects before the year, test projects
    from the year on. ``country`` None or "" takes queries from every country.
    """
    test_data = test_data if test_data is not None else train_data
    if split_year is None and test_data is train_data:
        raise ValueError("give a test folder or a split year")
    train = from_history(train_data, until_year=split_year)
    if split_year is not None:
        late = train.project_years[train.project_years >= split_year]
        assert late.size == 0, "training model holds projects from the test period"
    test_pairs = coparticipants(test_data, since=split_year)
    queries, truths, unseen = [], [], 0
    country = (country or "").upper() or None
    for i, oid in enumerate(train.org_ids):
        if country and train.countries[i] != country:
            continue
        new = test_pairs.get(oid, set()) - {oid}
        if not new:
            continue
        known = {train.org_ids[j] for j in train.partners(i)}
        new -= known
        seen = {train.index[o] for o in new if o in train.index}
        if seen:
            unseen += len(new) - len(seen)
            queries.append(i)
            truths.append(seen)
    years = train.project_years[train.project_years > 0]
    desc = {
        "train": train_data.label,
        "test": test_data.label,
        "split_year": split_year,
        "country": country or "all",
        "train_projects": int(len(train.project_ids)),
        "train_organisations": int(train.n_orgs),
        "train_years": [int(years.min()), int(years.max())] if years.size else [],
        "new_partners_in_training": int(sum(len(t) for t in truths)),
        "new_partners_unseen_in_training": int(unseen),
    }
    return Split(train, queries, truths, unseen, desc)


def innograph_order(
    model: MatchModel, q: int, weights: scoring.Weights | None = None
) -> np.ndarray:
    """innograph's full ranking for one query organisation (what ``match_partners`` ranks)."""
    seeds = np.asarray([q], dtype=np.int64)
    query = sig.Query(seeds=seeds, topic=sig.topic_for(model, seeds, None))
    return scoring.rank(model, query, scoring.partner_weights(model, q, weights), full=True).order


def _summary(
    orders: Sequence[list[int]], truths: Sequence[set[int]], k: int, deep: int
) -> dict[str, float]:
    s = metrics.summarise(orders, truths, k=k, deep=deep)
    return {key: (round(v, 4) if isinstance(v, float) else v) for key, v in s.items()}


def paired_difference(
    a: np.ndarray, b: np.ndarray, resamples: int = 2000, seed: int = 0
) -> list[float]:
    """Mean of ``a - b`` over queries and its 95 % paired-bootstrap interval, rounded.

    >>> paired_difference(np.array([1.0, 1.0, 0.0]), np.array([0.0, 1.0, 0.0]))[0]
    0.3333
    """
    d = np.asarray(a, dtype=float) - np.asarray(b, dtype=float)
    if d.size == 0:
        return [0.0, 0.0, 0.0]
    rng = np.random.default_rng(seed)
    means = d[rng.integers(0, d.size, size=(resamples, d.size))].mean(axis=1)
    lo, hi = np.percentile(means, [2.5, 97.5])
    return [round(float(d.mean()), 4), round(float(lo), 4), round(float(hi), 4)]


def run(
    split: Split,
    k: int = 10,
    deep: int = 50,
    weights: scoring.Weights | None = None,
    methods: Sequence[str] = METHODS,
    batch: int = 256,
) -> tuple[dict[str, Any], list[dict]]:
    """Rank every query with every method; the report (JSON shape of the CLI) and top-k lists.

    When innograph is among the methods, every other method's entry also carries
    ``innograph_minus_this``: innograph's Hits@k and reciprocal rank minus this method's, per
    query, averaged, with a 95 % paired-bootstrap interval ``[mean, low, high]``.
    """
    model = split.train
    sig.warm(model)
    report: dict[str, Any] = {
        "queries": len(split.queries),
        "k": k,
        "deep": deep,
        "split": split.description,
        "methods": [],
    }
    rankings: list[dict[str, Any]] = []
    groups = {g: split.group(g) for g in GROUPS}
    per_query: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for method in methods:
        t0 = time.perf_counter()
        orders: list[list[int]] = []
        if method == "innograph":
            for q in split.queries:
                orders.append(innograph_order(model, q, weights).tolist())
        else:
            scorer = baselines.BASELINES[method]
            for start in range(0, len(split.queries), batch):
                qs = split.queries[start : start + batch]
                S = scorer(model, qs)
                for j, q in enumerate(qs):
                    orders.append(baselines.order(model, S[j], q).tolist())
        seconds = time.perf_counter() - t0
        entry: dict[str, Any] = {"method": method, **_summary(orders, split.truths, k, deep)}
        entry["groups"] = {
            g: _summary([orders[i] for i in idx], [split.truths[i] for i in idx], k, deep)
            for g, idx in groups.items()
        }
        entry["seconds"] = round(seconds, 3)
        per_query[method] = (
            np.asarray(
                [metrics.hits_at_k(o, t, k) for o, t in zip(orders, split.truths, strict=True)]
            ),
            np.asarray(
                [metrics.reciprocal_rank(o, t) for o, t in zip(orders, split.truths, strict=True)]
            ),
        )
        report["methods"].append(entry)
        for q, order, truth in zip(split.queries, orders, split.truths, strict=True):
            rankings.append(
                {
                    "method": method,
                    "query_id": model.org_ids[q],
                    "query_name": model.names[q],
                    "truth": len(truth),
                    "top": [
                        {
                            "rank": r,
                            "id": model.org_ids[c],
                            "name": model.names[c],
                            "new_partner": c in truth,
                        }
                        for r, c in enumerate(order[:k], start=1)
                    ],
                }
            )
    if "innograph" in per_query:
        mine = per_query["innograph"]
        for entry in report["methods"]:
            if entry["method"] != "innograph":
                other = per_query[entry["method"]]
                entry["innograph_minus_this"] = {
                    f"hits@{k}": paired_difference(mine[0], other[0]),
                    "mrr": paired_difference(mine[1], other[1]),
                }
    return report, rankings


def write_rankings(path: str | Path, rankings: list[dict[str, Any]]) -> Path:
    """Every query's top-k list: CSV (one row per proposed partner) or JSONL (one per query)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        with path.open("w", encoding="utf-8") as f:
            for r in rankings:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        return path
    columns = ["method", "query_id", "query_name", "truth", "rank"]
    columns += ["candidate_id", "candidate_name", "new_partner"]
    rows = (
        {
            **{c: r[c] for c in ("method", "query_id", "query_name", "truth")},
            "rank": t["rank"],
            "candidate_id": t["id"],
            "candidate_name": t["name"],
            "new_partner": int(t["new_partner"]),
        }
        for r in rankings
        for t in r["top"]
    )
    with path.open("w", encoding="utf-8", newline="") as f:
        write_csv(f, rows, columns)  # formula cells neutralised (graph.output)
    return path


def table_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The report as flat rows (method x group) for a table."""
    k, deep = report["k"], report["deep"]
    rows = []
    for m in report["methods"]:
        for group, s in [("all", m), *m["groups"].items()]:
            rows.append(
                {
                    "method": m["method"],
                    "group": group,
                    "queries": s["queries"],
                    f"hits@{k}": s[f"hits@{k}"],
                    f"recall@{k}": s[f"recall@{k}"],
                    f"recall@{deep}": s[f"recall@{deep}"],
                    "mrr": s["mrr"],
                }
            )
    return rows
