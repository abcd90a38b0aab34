"""Centrality of organisations: degree, weighted degree, PageRank and betweenness, per view.

``centrality(proj, view)`` computes all four on the organisation network of
``analytics.network`` and returns them as arrays in organisation order. PageRank is the
power iteration of ``networkx.pagerank`` on the factored adjacency (same start, update and
stopping rule, so the values agree to about 1e-12). Betweenness is exact (Brandes) up to
``exact_threshold`` organisations and estimated from seeded random pivots above it, with its
error stated (see ``betweenness``).

>>> from analytics.projection import from_rows
>>> star = from_rows(orgs=[{"id": x} for x in "hxyz"],
...                  projects=[{"id": f"p{x}"} for x in "xyz"],
...                  participations=[{"project": f"p{x}", "organisations": ["h", x]}
...                                  for x in "xyz"])
>>> r = centrality(star, "projects")
>>> r.betweenness.values.tolist(), r.degree.tolist()
([1.0, 0.0, 0.0, 0.0], [3, 1, 1, 1])
"""

from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from analytics import provenance
from analytics.brandes import dependencies
from analytics.network import OrgNetwork, degree, matvec, org_network, strength
from analytics.projection import Projection

EXACT_THRESHOLD = 5_000
DEFAULT_PIVOTS = 512
BATCH = 32  # sources per sparse product: 32 keeps the n x 32 blocks in cache best


class PowerIterationFailedConvergence(RuntimeError):
    """PageRank did not converge within ``max_iter`` iterations."""


def pagerank(
    net: OrgNetwork, alpha: float = 0.85, max_iter: int = 100, tol: float = 1e-6
) -> np.ndarray:
    """PageRank of every organisation on the weighted network, without building it.

    Parameters
    ----------
    net : OrgNetwork
    alpha : float
        Damping factor.
    max_iter, tol : int, float
        Stop when ``sum |x - x_last| < n * tol`` (the rule of ``networkx.pagerank``).

    Returns
    -------
    numpy.ndarray
        Scores summing to 1, in organisation order.

    Notes
    -----
    ``x <- alpha * (W D^-1 x + (sum of x over dangling nodes) / n) + (1 - alpha) / n`` with
    ``D`` the strengths; ``W D^-1 x`` is ``matvec(net, x / s)``, two sparse products with the
    incidence matrix. Organisations without ties are dangling nodes and spread their score
    uniformly, as in networkx.

    References
    ----------
    L. Page, S. Brin, R. Motwani, T. Winograd, "The PageRank citation ranking: bringing order
    to the web", Stanford InfoLab (1999).

    Examples
    --------
    >>> from analytics.projection import from_rows
    >>> p = from_rows(orgs=[{"id": x} for x in "abc"], projects=[{"id": "p"}, {"id": "q"}],
    ...               participations=[{"project": "p", "organisations": ["a", "b"]},
    ...                               {"project": "q", "organisations": ["a", "c"]}])
    >>> [round(x, 4) for x in pagerank(org_network(p, "projects")).tolist()]
    [0.4865, 0.2568, 0.2568]
    """
    n = net.n
    if n == 0:
        return np.zeros(0)
    s = strength(net)
    inv = np.divide(1.0, s, out=np.zeros(n), where=s > 0)
    dangling = s <= 0
    p = np.full(n, 1.0 / n)
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = alpha * (matvec(net, x * inv) + x[dangling].sum() * p) + (1 - alpha) * p
        if np.abs(x - last).sum() < n * tol:
            return x
    raise PowerIterationFailedConvergence(f"PageRank did not converge in {max_iter} iterations")


@dataclass(frozen=True)
class Betweenness:
    """Betweenness of every organisation, normalised as ``networkx.betweenness_centrality``.

    ``exact`` tells whether every organisation was a source; otherwise ``pivots`` random
    sources (drawn with ``seed``) were used, and ``standard_error`` (per organisation) and
    ``error_bound`` (one number for all organisations at once, holding with probability at
    least ``1 - delta``) state the sampling error on the same normalised scale.
    """

    values: np.ndarray
    exact: bool
    pivots: int
    seed: int | None = None
    standard_error: np.ndarray | None = field(default=None, repr=False)
    error_bound: float = 0.0
    delta: float = 0.05

    @property
    def max_standard_error(self) -> float:
        return 0.0 if self.standard_error is None else float(self.standard_error.max(initial=0))


def _path_matrices(net: OrgNetwork, dtype: type) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """``B`` without the hyperedges that join fewer than two organisations, and ``B^T``."""
    b = net.incidence[:, np.flatnonzero(net.weights > 0)].astype(dtype).tocsr()
    return b, b.T.tocsr()


def _moments(
    net: OrgNetwork, sources: np.ndarray, dtype: type, workers: int
) -> tuple[np.ndarray, np.ndarray]:
    """(sum over sources of delta_s(v), sum of delta_s(v)^2), batch by batch in order."""
    b, bt = _path_matrices(net, dtype)
    groups = [g for g in np.array_split(sources, -(-len(sources) // BATCH)) if len(g)]

    def run(group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        d = dependencies(b, bt, group.tolist(), dtype).astype(np.float64)
        return d.sum(axis=1), np.square(d).sum(axis=1)

    if workers > 1 and len(groups) > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            parts = list(pool.map(run, groups))  # in order: the sums do not depend on timing
    else:
        parts = [run(g) for g in groups]
    total, squares = np.zeros(net.n), np.zeros(net.n)
    for s1, s2 in parts:
        total += s1
        squares += s2
    return total, squares


def betweenness(
    net: OrgNetwork,
    pivots: int | None = None,
    *,
    exact_threshold: int = EXACT_THRESHOLD,
    seed: int = 0,
    delta: float = 0.05,
    workers: int | None = None,
) -> Betweenness:
    """Shortest-path betweenness of the organisations, exact or from seeded pivots.

    Parameters
    ----------
    net : OrgNetwork
    pivots : int, optional
        Number of source organisations to sample. Default: exact when ``net.n <=
        exact_threshold``, else ``DEFAULT_PIVOTS``. ``pivots >= n`` means exact.
    seed : int
        Seed of the pivot sample (numpy ``default_rng``): the same seed, the same result.
    delta : float
        ``error_bound`` holds for every organisation at once with probability ``1 - delta``.
    workers : int, optional
        Threads for the batches (default: up to 2 CPUs); the result does not depend on it.

    Returns
    -------
    Betweenness

    Notes
    -----
    ``b(v) = 2 / ((n-1)(n-2)) * sum_{s<t} sigma_st(v) / sigma_st`` over pairs of
    organisations, with hops as path length (weights are tie strengths, not distances).
    Paths run over the bipartite organisation-hyperedge graph with organisations as the only
    end points (two-mode data, Borgatti & Everett 1997), so a shared project or cluster is
    one step and a pair sharing ``k`` of them has ``k`` parallel steps: ``sigma`` counts
    paths in the multigraph whose edge multiplicities are the numbers of shared projects and
    clusters. When no pair shares more than one project or cluster and every project joins
    two organisations, this is networkx's betweenness of the simple graph. Brandes's
    algorithm runs as sparse products (``analytics.brandes``), from every organisation
    (exact, float64) or from ``k`` pivots drawn without replacement and scaled by ``n / k``
    (Brandes & Pich 2007; float32, relative rounding error about 1e-6).

    Sampling error: pivot ``s`` contributes ``X_s(v) = n * delta_s(v) / ((n-1)(n-2))`` and
    ``b_hat(v)`` is the mean of the ``X_s(v)``. ``standard_error[v]`` is their sample
    standard deviation over ``sqrt(k)``, with the finite-population factor
    ``sqrt((n-k)/(n-1))``: the typical error (on a scale-free test graph its root mean
    square matches that of the actual errors; for an organisation that few pivots reach, the
    contributions are skewed and the sample estimate can understate it). ``X_s(v)`` lies in
    ``[0, n/(n-1)]``, so
    Hoeffding's inequality (valid for sampling without replacement) and a union bound over
    the ``n`` organisations give ``|b_hat(v) - b(v)| <= n/(n-1) * sqrt(ln(2n/delta) / (2k))``
    for every ``v`` at once with probability at least ``1 - delta``: ``error_bound``, a
    worst case that is loose when betweenness values are small.

    References
    ----------
    U. Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociol. 25 (2001).
    U. Brandes, C. Pich, "Centrality estimation in large networks", Int. J. Bifurcation and
    Chaos 17 (2007). S. P. Borgatti, M. G. Everett, "Network analysis of 2-mode data",
    Social Networks 19 (1997). W. Hoeffding, "Probability inequalities for sums of bounded
    random variables", JASA 58 (1963).

    Examples
    --------
    >>> from analytics.projection import from_rows
    >>> path = from_rows(orgs=[{"id": x} for x in "abc"], projects=[{"id": "p"}, {"id": "q"}],
    ...                  participations=[{"project": "p", "organisations": ["a", "b"]},
    ...                                  {"project": "q", "organisations": ["b", "c"]}])
    >>> betweenness(org_network(path, "projects")).values.tolist()
    [0.0, 1.0, 0.0]
    """
    n = net.n
    workers = workers or min(2, os.cpu_count() or 1)
    scale = 1.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0  # ordered pairs
    if pivots is None:
        pivots = n if n <= exact_threshold else DEFAULT_PIVOTS
    if n <= 2 or pivots >= n:
        total, _ = (
            _moments(net, np.arange(n), np.float64, workers) if n > 2 else (np.zeros(n), None)
        )
        return Betweenness(total * scale, exact=True, pivots=n)
    k = max(2, int(pivots))
    sample = np.random.default_rng(seed).choice(n, size=k, replace=False)
    total, squares = _moments(net, sample, np.float32, workers)
    x_sum, x_sq = total * n * scale, squares * (n * scale) ** 2
    mean = x_sum / k
    var = np.maximum(x_sq - k * mean**2, 0.0) / (k - 1)
    se = np.sqrt(var / k * (n - k) / (n - 1))
    bound = n / (n - 1) * math.sqrt(math.log(2 * n / delta) / (2 * k))
    return Betweenness(
        mean, exact=False, pivots=k, seed=seed, standard_error=se, error_bound=bound, delta=delta
    )


@dataclass(frozen=True)
class Centrality:
    """Centrality of every organisation in one view, in organisation order."""

    view: str
    cluster_weight: str
    degree: np.ndarray
    weighted_degree: np.ndarray
    pagerank: np.ndarray
    betweenness: Betweenness
    # each organisation's connected component, and the share of that component's
    # organisations that are synthetic or example data (``analytics.provenance``)
    components: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    synthetic_share: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def ranking(self) -> np.ndarray:
        """Organisation indices by PageRank (highest first), ties by index."""
        return np.lexsort((np.arange(len(self.pagerank)), -self.pagerank))


def centrality(
    proj: Projection,
    view: str = "both",
    *,
    cluster_weight: str = "newman",
    pivots: int | None = None,
    exact_threshold: int = EXACT_THRESHOLD,
    seed: int = 0,
    alpha: float = 0.85,
) -> Centrality:
    """Degree, weighted degree, PageRank and betweenness of every organisation.

    Parameters
    ----------
    proj : Projection
    view : {"projects", "clusters", "both"}
        Which shared relation links two organisations (``analytics.network``).
    cluster_weight : {"newman", "count"}
    pivots, exact_threshold, seed : see ``betweenness``
    alpha : float
        PageRank damping factor.

    Returns
    -------
    Centrality
    """
    net = org_network(proj, view, cluster_weight)
    labels = provenance.components(net)
    return Centrality(
        view=view,
        cluster_weight=cluster_weight,
        degree=degree(net),
        weighted_degree=strength(net),
        pagerank=pagerank(net, alpha=alpha),
        betweenness=betweenness(net, pivots, exact_threshold=exact_threshold, seed=seed),
        components=labels,
        synthetic_share=provenance.component_shares(proj, labels),
    )


def top_by_cluster(proj: Projection, scores: np.ndarray, k: int = 10) -> list[list[int]]:
    """The ``k`` members of each cluster with the highest ``scores`` (ties by id).

    >>> from analytics.projection import from_rows
    >>> p = from_rows(orgs=[{"id": x} for x in "abc"], clusters=[{"id": "c"}],
    ...               memberships=[{"organisation": x, "cluster": "c"} for x in "abc"])
    >>> top_by_cluster(p, np.array([0.1, 0.5, 0.4]), k=2)
    [[1, 2]]
    """
    m = proj.memberships
    if len(m) == 0:
        return [[] for _ in range(proj.n_clusters)]
    order = np.lexsort((m[:, 0], -scores[m[:, 0]], m[:, 1]))
    ranked = m[order]
    starts = np.searchsorted(ranked[:, 1], np.arange(proj.n_clusters + 1))
    return [
        ranked[starts[c] : min(starts[c + 1], starts[c] + k), 0].tolist()
        for c in range(proj.n_clusters)
    ]


def rows(proj: Projection, result: Centrality, top: int | None = None) -> list[dict]:
    """One dict per organisation, by PageRank: id, name, degree, weighted_degree, betweenness,
    pagerank, from_synthetic, synthetic_share (and the betweenness standard error when
    sampled)."""
    order = result.ranking()
    if top:
        order = order[:top]
    b = result.betweenness
    out = []
    for i in order.tolist():
        row = {
            "id": proj.org_ids[i],
            "name": proj.org_name[i],
            "kind": proj.org_kind[i],
            "degree": int(result.degree[i]),
            "weighted_degree": float(result.weighted_degree[i]),
            "betweenness": float(b.values[i]),
            "pagerank": float(result.pagerank[i]),
            **provenance.fields(result.synthetic_share, i),
        }
        if not b.exact and b.standard_error is not None:
            row["betweenness_se"] = float(b.standard_error[i])
        out.append(row)
    return out
