"""The textbook link-prediction baselines the back-test compares innograph's ranking with.

Each baseline scores every organisation for a batch of query organisations on the training
collaboration graph ``A`` (``MatchModel.A``: organisations linked by shared projects):

* ``popularity``            number of distinct partners of the candidate (preferential
                            attachment without the query's own degree, which is constant
                            for one query)
* ``common_neighbours``     ``|N(q) & N(c)|``
* ``adamic_adar``           ``sum 1 / log |N(z)|`` over common neighbours
* ``resource_allocation``   ``sum 1 / |N(z)|`` over common neighbours
* ``personalised_pagerank`` PageRank personalised on ``q``, damping 0.85, edges weighted by
                            shared projects (``networkx.pagerank`` semantics), solved exactly
                            by power iteration

Candidates and ties are handled exactly as for innograph's ranking (``scoring.fuse``): the
query and its existing partners are left out; equal scores are ordered by popularity, then
id — which makes the neighbourhood baselines "neighbourhood score, then popularity", a
stronger opponent than arbitrary tie-breaking.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from analytics.matching import proximity
from analytics.matching.match_model import MatchModel

Scorer = Callable[[MatchModel, Sequence[int]], np.ndarray]


def popularity(model: MatchModel, queries: Sequence[int]) -> np.ndarray:
    return np.broadcast_to(model.degree, (len(queries), model.n_orgs))


def common_neighbours(model: MatchModel, queries: Sequence[int]) -> np.ndarray:
    return proximity.common_neighbours(model.A_bin, queries, binary=True)


def adamic_adar(model: MatchModel, queries: Sequence[int]) -> np.ndarray:
    return proximity.adamic_adar(model.A_bin, queries, binary=True)


def resource_allocation(model: MatchModel, queries: Sequence[int]) -> np.ndarray:
    return proximity.resource_allocation(model.A_bin, queries, binary=True)


def personalised_pagerank(model: MatchModel, queries: Sequence[int]) -> np.ndarray:
    return proximity.pagerank_personalised(model.A, queries, alpha=0.85)


BASELINES: dict[str, Scorer] = {
    "popularity": popularity,
    "common_neighbours": common_neighbours,
    "adamic_adar": adamic_adar,
    "resource_allocation": resource_allocation,
    "personalised_pagerank": personalised_pagerank,
}


def order(model: MatchModel, scores: np.ndarray, query: int) -> np.ndarray:
    """All admissible candidates of ``query`` by ``scores``; ties by popularity, then id."""
    mask = np.ones(model.n_orgs, dtype=bool)
    mask[query] = False
    mask[model.partners(query)] = False
    idx = np.flatnonzero(mask)
    return idx[np.lexsort((idx, -model.degree[idx], -scores[idx]))]
