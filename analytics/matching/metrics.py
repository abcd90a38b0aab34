"""Ranking metrics of the back-test: Hits@k, Recall@k and the reciprocal rank.

For one query with ranking ``r`` (best first) and a non-empty set ``T`` of true partners:

* ``Hits@k   = 1 if r[:k] & T else 0``
* ``Recall@k = |r[:k] & T| / |T|``
* ``RR       = 1 / (position of the first true partner in r)``, 0 if none is ranked

The mean over queries gives Hits@k, Recall@k and MRR (Voorhees, TREC-8 QA track, 1999).

>>> hits_at_k(["a", "b", "c"], {"c"}, 2), hits_at_k(["a", "b", "c"], {"c"}, 3)
(0.0, 1.0)
>>> recall_at_k(["a", "b", "c"], {"a", "c", "z"}, 2)
0.3333333333333333
>>> reciprocal_rank(["a", "b", "c"], {"b", "c"})
0.5
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any


def hits_at_k(ranking: Sequence[Any], truth: Collection[Any], k: int) -> float:
    return 1.0 if any(x in truth for x in ranking[:k]) else 0.0


def recall_at_k(ranking: Sequence[Any], truth: Collection[Any], k: int) -> float:
    if not truth:
        return 0.0
    return sum(1 for x in ranking[:k] if x in truth) / len(truth)


def reciprocal_rank(ranking: Sequence[Any], truth: Collection[Any]) -> float:
    for pos, x in enumerate(ranking, start=1):
        if x in truth:
            return 1.0 / pos
    return 0.0


def summarise(
    rankings: Sequence[Sequence[Any]],
    truths: Sequence[Collection[Any]],
    k: int = 10,
    deep: int = 50,
) -> dict[str, float]:
    """Mean ``hits@k``, ``recall@k``, ``recall@deep`` and ``mrr`` over queries.

    >>> summarise([["a", "b"], ["c", "d"]], [{"b"}, {"x"}], k=1, deep=2)
    {'hits@1': 0.0, 'recall@1': 0.0, 'recall@2': 0.5, 'mrr': 0.25, 'queries': 2}
    """
    n = len(rankings)
    if n == 0:
        return {
            f"hits@{k}": 0.0,
            f"recall@{k}": 0.0,
            f"recall@{deep}": 0.0,
            "mrr": 0.0,
            "queries": 0,
        }
    return {
        f"hits@{k}": sum(hits_at_k(r, t, k) for r, t in zip(rankings, truths, strict=True)) / n,
        f"recall@{k}": sum(recall_at_k(r, t, k) for r, t in zip(rankings, truths, strict=True)) / n,
        f"recall@{deep}": sum(
            recall_at_k(r, t, deep) for r, t in zip(rankings, truths, strict=True)
        )
        / n,
        "mrr": sum(reciprocal_rank(r, t) for r, t in zip(rankings, truths, strict=True)) / n,
        "queries": n,
    }
