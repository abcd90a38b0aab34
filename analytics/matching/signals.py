"""The signals of the matching score: one vector over every organisation per component.

A *query* is a set of seed organisations (the organisation asking, or the partners already in
a consortium) and/or a topic vector (a TF-IDF row: the seed's profile, a theme, a call text).
Each signal scores every organisation of the model for that query; ``scoring`` turns each
signal into a ranking and fuses the rankings.

=================  =========================================================================
signal             value for candidate ``c``
=================  =========================================================================
shared_partners    common neighbours: partners of the seeds that ``c`` has worked with
network            personalised PageRank of ``c`` for the organisation -> project ->
                   organisation walk restarting at the seeds (restart 0.15, three steps;
                   ``proximity.project_walk``)
peer_partners      collaborative filtering on profiles: sum of the topical similarity of the
                   1,000 organisations most similar to the topic vector that have worked with
                   ``c`` ("the partners of organisations like you")
topic_activity     sum over ``c``'s projects of their cosine with the topic vector ("how much
                   ``c`` works on this")
topical            cosine of ``c``'s profile with the topic vector
activity           projects of ``c`` weighted by recency (1/2 per year before the latest)
popularity         number of distinct partners of ``c``
complementarity    log lift of the (kind, NACE section) pair of seed and ``c`` among existing
                   collaborations (cross-sector pairs that collaborate more than chance)
geography          log lift of the (country, or Belgian province) pair of seed and ``c``
bridging           clusters of ``c`` that no seed is in: ``k / (1 + k)``
cluster_fit        1 when ``c`` is a member of one of the requested clusters
=================  =========================================================================

Lift of an attribute pair ``(a, b)``: the share of collaboration edges joining an ``a`` and a
``b`` end over the product of the shares of edge ends carrying ``a`` and ``b`` (Newman,
"Mixing patterns in networks", Phys. Rev. E 67, 2003), add-one smoothed, log, clipped to
[-2, 2]. References for the neighbourhood signals are in ``proximity``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

from analytics.matching import proximity
from analytics.matching.match_model import MatchModel
from analytics.matching.text import normalize_rows, query_tokens

SIGNALS = (
    "shared_partners",
    "network",
    "peer_partners",
    "topic_activity",
    "topical",
    "activity",
    "popularity",
    "complementarity",
    "geography",
    "bridging",
    "cluster_fit",
)
PEERS = 1000  # organisations whose partners feed peer_partners
WALK_RESTART = 0.15  # network: restart probability of the project walk
WALK_STEPS = 3  # network: organisation steps of the project walk


@dataclass
class Query:
    """What a ranking is for: seeds, a topic, the clusters asked for, who is left out."""

    seeds: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    topic: sp.csr_matrix | None = None
    clusters: list[int] = field(default_factory=list)
    exclude: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    allowed: np.ndarray | None = None  # boolean mask of admissible candidates
    theme: sp.csr_matrix | None = None  # a call's or theme's own terms (coverage is counted on)
    fit: np.ndarray | None = None  # cluster_fit over all organisations (members, inferred fit)
    cover: Any = None  # cluster_fit.Cover of a call: how each required cluster is covered


def theme_vector(model: MatchModel, text: str | Sequence[str] | None) -> sp.csr_matrix | None:
    """The TF-IDF row of a free text or a list of themes (None when nothing is known)."""
    if not text:
        return None
    parts = [text] if isinstance(text, str) else list(text)
    row = model.profiles.vector(query_tokens(parts), query=True)
    return row if row.nnz else None


RELATIVE = 0.45  # a text counts as on topic from 45 % of the best text's cosine


def on_topic(
    sims: np.ndarray,
    coverage: np.ndarray,
    theme: sp.csr_matrix,
    among: np.ndarray | None = None,
) -> np.ndarray:
    """Cosines of the texts that are on a theme, 0 for the others: a text must share
    ``need(theme)`` distinct terms of it and reach ``RELATIVE`` of the best cosine among the
    texts ``among`` (those of admissible organisations: a synthetic project's short title
    must not set the bar), so that a project sharing two common words of a long call is
    not about it."""
    out = np.where(coverage >= need(theme), sims, 0.0)
    pool = out if among is None else out[among]
    top = float(pool.max()) if pool.size else 0.0
    out[out < RELATIVE * top] = 0.0
    return out


def need(theme: sp.csr_matrix) -> int:
    """Distinct terms of a theme a text must share to count as on topic: two (one for a
    one-term theme), so that no match rests on one word alone."""
    return min(2, theme.nnz)


TOPIC_TERMS = 64  # the topic vector keeps its heaviest terms only


def _prune(row: sp.csr_matrix | None, keep: int = TOPIC_TERMS) -> sp.csr_matrix | None:
    """The row with only its ``keep`` heaviest terms (cosine rankings barely move; matching
    a broad profile's hundreds of terms against every organisation is what costs)."""
    if row is None or row.nnz <= keep:
        return row
    top = np.argpartition(-row.data, keep - 1)[:keep]
    top = top[np.argsort(row.indices[top])]
    return sp.csr_matrix((row.data[top], row.indices[top], np.array([0, keep])), shape=row.shape)


def topic_for(
    model: MatchModel, seeds: np.ndarray, theme: sp.csr_matrix | None, theme_share: float = 0.75
) -> sp.csr_matrix | None:
    """The topic vector of a query: the seeds' mean profile, blended with a theme, pruned to
    its ``TOPIC_TERMS`` heaviest terms."""
    return _prune(_topic(model, seeds, theme, theme_share))


def _topic(
    model: MatchModel, seeds: np.ndarray, theme: sp.csr_matrix | None, theme_share: float
) -> sp.csr_matrix | None:
    base = None
    if len(seeds) == 1:
        base = model.profiles.X[int(seeds[0])]
        base = base if base.nnz else None
    elif len(seeds):
        base = normalize_rows(sp.csr_matrix(model.profiles.X[seeds].sum(axis=0)))
        base = base if base.nnz else None
    if theme is None:
        return base
    if base is None:
        return theme
    return normalize_rows((1 - theme_share) * base + theme_share * theme).tocsr()


# -- cached model-level tables ------------------------------------------------------------------
def _cached(model: MatchModel, key: str, make: Any) -> Any:
    value = model.__dict__.get(key)
    if value is None:
        value = make()
        model.__dict__[key] = value
    return value


def _codes(values: np.ndarray) -> tuple[np.ndarray, list[str]]:
    labels = sorted(set(values.tolist()))
    pos = {v: i for i, v in enumerate(labels)}
    return np.fromiter((pos[v] for v in values.tolist()), dtype=np.int64, count=len(values)), labels


def pair_lift(model: MatchModel, attribute: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(L, code)``: ``L[code[a], code[b]]`` is the clipped log lift of the pair among edges."""
    code, labels = _codes(attribute)
    m = len(labels)
    A = model.A_bin.tocoo()
    obs = np.zeros((m, m))
    np.add.at(obs, (code[A.row], code[A.col]), 1.0)
    obs += 1.0
    ends = obs.sum(axis=1)
    expected = np.outer(ends, ends) / obs.sum()
    L = np.clip(np.log(obs / expected), -2.0, 2.0)
    unseen = ends <= m + 0.5  # a value never seen on an edge carries no information
    L[unseen, :] = 0.0
    L[:, unseen] = 0.0
    return L, code


def geography_table(model: MatchModel) -> tuple[np.ndarray, np.ndarray]:
    def make() -> tuple[np.ndarray, np.ndarray]:
        place = np.asarray(
            [
                f"BE/{p}" if c == "BE" and p else (c or "?")
                for c, p in zip(model.countries.tolist(), model.provinces.tolist(), strict=True)
            ],
            dtype=object,
        )
        return pair_lift(model, place)

    return _cached(model, "_geo_lift", make)


def sector_labels(model: MatchModel) -> np.ndarray:
    return np.asarray(
        [
            f"{k}/{s}" if s else str(k)
            for k, s in zip(model.kinds.tolist(), model.nace_section.tolist(), strict=True)
        ],
        dtype=object,
    )


def complementarity_table(model: MatchModel) -> tuple[np.ndarray, np.ndarray]:
    return _cached(model, "_sector_lift", lambda: pair_lift(model, sector_labels(model)))


STATIC = ("activity", "popularity")  # signals that do not depend on the query


def static_orders(model: MatchModel) -> dict[str, np.ndarray]:
    """Every organisation ranked once by each query-independent signal (ties: popularity, id)."""

    def make() -> dict[str, np.ndarray]:
        out = {}
        for name, v in (("activity", model.recent_projects), ("popularity", model.degree)):
            idx = np.arange(model.n_orgs)
            out[name] = idx[np.lexsort((idx, -model.degree, -v))]
        return out

    return _cached(model, "_static_orders", make)


def projects_of_allowed(model: MatchModel, allowed: np.ndarray | None) -> np.ndarray | None:
    """Projects with at least one admissible organisation (None: every project)."""
    if allowed is None:
        return None
    return np.asarray(model.P.T @ allowed.astype(np.float32)).ravel() > 0


def project_members(model: MatchModel) -> sp.csr_matrix:
    """Projects x organisations (row-sliceable member lists)."""
    return _cached(model, "_project_members", lambda: model.P.T.tocsr())


def cluster_members(model: MatchModel) -> sp.csr_matrix:
    """Clusters x organisations (row-sliceable membership lists)."""
    return _cached(model, "_cluster_members", lambda: model.M.T.tocsr())


def warm(model: MatchModel) -> MatchModel:
    """Precompute every table a query needs (the first query is then as fast as the next)."""
    model.warm()
    geography_table(model)
    complementarity_table(model)
    proximity.walk_operators(model)
    cluster_members(model)
    project_members(model)
    static_orders(model)
    model.profiles.XT  # noqa: B018
    return model


# -- signals ------------------------------------------------------------------------------------
def compute(
    model: MatchModel, query: Query, which: Sequence[str] = SIGNALS
) -> dict[str, np.ndarray]:
    """The requested signals for one query, each a float vector over all organisations.

    Signals that need seeds (``shared_partners``, ``network``, ``complementarity``,
    ``geography``, ``bridging``) or a topic are left out when the query has none.
    """
    out: dict[str, np.ndarray] = {}
    seeds = np.asarray(query.seeds, dtype=np.int64)
    has_seeds = len(seeds) > 0
    # the order signals are added in is the order scoring sums them in: keep it
    if query.topic is not None:
        _topic_signals(model, query.topic, seeds, which, out, query.theme, query.allowed)
    if has_seeds:
        _neighbourhood_signals(model, seeds, which, out)
    if "activity" in which:
        out["activity"] = model.recent_projects
    if "popularity" in which:
        out["popularity"] = model.degree
    for name, table in (("complementarity", complementarity_table), ("geography", geography_table)):
        if has_seeds and name in which:
            L, code = table(model)
            out[name] = L[code[seeds]].mean(axis=0)[code]
    if model.M.shape[1]:
        _cluster_signals(model, query, seeds, which, out)
    return out


def _topic_signals(
    model: MatchModel,
    topic: sp.csr_matrix,
    seeds: np.ndarray,
    which: Sequence[str],
    out: dict[str, np.ndarray],
    theme: sp.csr_matrix | None = None,
    allowed: np.ndarray | None = None,
) -> None:
    """``topical``, ``peer_partners`` and ``topic_activity`` into ``out``.

    With a ``theme`` (a call or theme text), a profile or project counts only when it shares
    ``need(theme)`` distinct terms of it (coordination level matching)."""
    prof = model.profiles
    if any(s in which for s in ("topical", "peer_partners")):
        topical = prof.similarity_to(topic).astype(np.float64)
        if theme is not None:
            topical = on_topic(topical, prof.coverage(theme), theme, allowed)
        if "topical" in which:
            out["topical"] = topical
        if "peer_partners" in which:
            s = topical.copy()
            s[seeds] = 0.0
            top = (
                np.argpartition(-s, min(PEERS, len(s) - 1))[:PEERS]
                if len(s) > PEERS
                else np.arange(len(s))
            )
            top = top[s[top] > 0]
            if top.size:
                out["peer_partners"] = proximity.combine_rows(model.A_bin, top, s[top])
    if "topic_activity" in which:
        psim = prof.project_similarity_to(topic)
        if theme is not None:
            among = projects_of_allowed(model, allowed)
            psim = on_topic(psim, prof.coverage(theme, projects=True), theme, among)
        nz = np.flatnonzero(psim)
        out["topic_activity"] = proximity.combine_rows(project_members(model), nz, psim[nz])


def _neighbourhood_signals(
    model: MatchModel, seeds: np.ndarray, which: Sequence[str], out: dict[str, np.ndarray]
) -> None:
    """``shared_partners`` and ``network`` into ``out``."""
    if "shared_partners" in which:
        row = proximity.combine_rows(model.A_bin, seeds, np.ones(len(seeds)))
        nz = np.flatnonzero(row)
        out["shared_partners"] = proximity.combine_rows(model.A_bin, nz, row[nz])
    if "network" in which:
        out["network"] = proximity.project_walk(
            model, seeds, restart=WALK_RESTART, steps=WALK_STEPS
        )


def _cluster_signals(
    model: MatchModel,
    query: Query,
    seeds: np.ndarray,
    which: Sequence[str],
    out: dict[str, np.ndarray],
) -> None:
    """``bridging`` and ``cluster_fit`` into ``out``."""
    if len(seeds) and "bridging" in which:
        seed_clusters = np.unique(np.concatenate([model.clusters_of(int(s)) for s in seeds]))
        shared = proximity.combine_rows(
            cluster_members(model), seed_clusters, np.ones(len(seed_clusters))
        )
        extra = model.n_clusters - shared
        out["bridging"] = extra / (1.0 + extra)
    if "cluster_fit" in which and query.fit is not None:
        out["cluster_fit"] = query.fit
    elif "cluster_fit" in which and query.clusters:
        fit = np.asarray(model.M[:, list(query.clusters)].sum(axis=1)).ravel()
        out["cluster_fit"] = (fit > 0).astype(np.float64)
