"""Rank partners: each signal becomes a ranking, the rankings are fused with weights.

``score(c) = sum_s  w_s / (K + rank_s(c))``  (weighted reciprocal rank fusion, ``K = 60``)

where ``rank_s(c)`` is ``c``'s position (1 = best) among the admissible candidates by signal
``s`` (``signals.SIGNALS``). A candidate earns nothing from a signal on which it scores zero or
less, or on which it is not among the ``DEPTH`` best. Ties in a signal, and candidates with
equal fused score, are ordered by popularity (number of partners), then by id.

Why ranks and not a weighted sum of values: the signals live on unrelated scales (counts,
probabilities, cosines, lifts) whose spread changes with the graph's size and density, so
weights fitted for one graph do not carry over to another; ranks do. Reciprocal rank fusion
(Cormack, Clarke & Büttcher, SIGIR 2009) rewards candidates that several signals put near
the top. On the CORDIS back-test it beat logistic regression and gradient boosting trained on
the same signals (``docs/matchmaking.md`` records the experiments).

>>> Weights().shared_partners, Weights.parse(["topical=2"]).topical
(1.0, 2.0)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import numpy as np

from analytics.matching import signals as sig
from analytics.matching.eligibility import candidates_mask
from analytics.matching.mapping_file import read_mapping
from analytics.matching.match_model import MatchModel
from graph.errors import InnographError

K = 60
DEPTH = 2000


@dataclass(frozen=True)
class Weights:
    """Weight of each signal in the fused score (0 switches a signal off).

    The first four carry the ranking on real collaboration data (validated on CORDIS); the
    others express what cluster managers ask for and are our documented choice.
    """

    shared_partners: float = 1.0
    network: float = 1.0
    peer_partners: float = 1.0
    topic_activity: float = 1.0
    topical: float = 0.5
    activity: float = 1.0
    complementarity: float = 0.1
    bridging: float = 0.5
    cluster_fit: float = 0.5
    geography: float = 0.0
    popularity: float = 1.0

    def as_dict(self) -> dict[str, float]:
        return asdict(self)

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any], base: Weights | None = None) -> Weights:
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - names)
        if unknown:
            raise InnographError(
                f"Unknown weight(s) {', '.join(unknown)}; the weights are "
                f"{', '.join(sorted(names))}."
            )
        out: dict[str, float] = {}
        for k, v in values.items():
            try:
                out[k] = float(v)
            except (TypeError, ValueError):
                raise InnographError(f"Weight {k}={v!r} is not a number.") from None
            if out[k] < 0 or not np.isfinite(out[k]):
                raise InnographError(f"Weight {k}={v!r} must be a finite number >= 0.")
        return replace(base or cls(), **out)

    @classmethod
    def parse(cls, assignments: Iterable[str] = (), file: str | Path | None = None) -> Weights:
        """Weights from a JSON/YAML file (a mapping) and ``name=value`` overrides."""
        w = cls()
        if file:
            w = cls.from_mapping(read_mapping(file, "weights file", "of name: value"), w)
        pairs: dict[str, str] = {}
        for a in assignments:
            if "=" not in a:
                raise InnographError(f"--weight {a!r} is not of the form name=value.")
            k, v = a.split("=", 1)
            pairs[k.strip()] = v.strip()
        return cls.from_mapping(pairs, w)


def topic_weights(weights: Weights | None = None) -> Weights:
    """The weights of a query with a call or theme text: what it is about leads.

    ``activity`` and ``popularity`` carry link prediction between organisations (the
    back-test, where they were tuned); for a call they would put the most active
    organisations first whatever they work on, so they keep issue 6's 0.25 and 0 unless the
    caller sets weights."""
    return weights or replace(Weights(), activity=0.25, popularity=0.0)


@dataclass
class Ranking:
    """The fused ranking of one query."""

    order: np.ndarray  # candidate positions, best first
    score: np.ndarray  # fused score of every organisation (0 if none)
    parts: dict[str, tuple[np.ndarray, np.ndarray]]  # per signal: (positions sorted, w/(K+rank))
    values: dict[str, np.ndarray]  # the raw signals
    candidates: np.ndarray  # boolean mask of admissible candidates

    def contributions_of(self, c: int) -> dict[str, float]:
        """What each signal adds to candidate ``c``'s score (signals adding nothing left out)."""
        out = {}
        for name, (pos, val) in self.parts.items():
            j = np.searchsorted(pos, c)
            if j < len(pos) and pos[j] == c:
                out[name] = float(val[j])
        return out


def fuse(
    values: Mapping[str, np.ndarray],
    weights: Weights,
    candidates: np.ndarray,
    tiebreak: np.ndarray,
    depth: int = DEPTH,
    full: bool = False,
    top: int = 10,
    orders: Mapping[str, np.ndarray] | None = None,
) -> Ranking:
    """Weighted reciprocal rank fusion of the signals over the admissible ``candidates``.

    ``orders`` may give, for signals that do not depend on the query, every organisation
    ranked once and for all (best first, ties as here); the admissible ones are then read
    off that order instead of sorting again. Returns the ``top`` best candidates (all of
    them, best first, with ``full``).
    """
    n = len(candidates)
    score = np.zeros(n)
    parts: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    w = weights.as_dict()
    n_cand = int(candidates.sum())
    for name, v in values.items():
        wt = w.get(name, 0.0)
        if wt <= 0 or n_cand == 0:
            continue
        if orders and name in orders:
            glob = orders[name]
            head = glob[: depth + (n - n_cand)]
            ranked = head[candidates[head] & (v[head] > 0)][:depth]
            if ranked.size == 0:
                continue
            contrib = wt / (K + np.arange(1, len(ranked) + 1))
            score[ranked] += contrib
            by_pos = np.argsort(ranked, kind="stable")
            parts[name] = (ranked[by_pos], contrib[by_pos])
            continue
        pos = np.flatnonzero(v > 0)
        pos = pos[candidates[pos]]
        if pos.size == 0:
            continue
        pv = v[pos]
        if n_cand > 1 and pos.size == n_cand and pv.min() == pv.max():
            continue  # the same for everyone: says nothing
        if pos.size > depth:
            keep = np.argpartition(-pv, depth - 1)[:depth]
            pos, pv = pos[keep], pv[keep]
        order = np.lexsort((pos, -tiebreak[pos], -pv))
        ranked = pos[order]
        contrib = wt / (K + np.arange(1, len(ranked) + 1))
        score[ranked] += contrib
        by_pos = np.argsort(ranked, kind="stable")
        parts[name] = (ranked[by_pos], contrib[by_pos])
    idx = np.flatnonzero(candidates)
    scored = np.flatnonzero(score > 0)
    if full:
        rest = idx[score[idx] <= 0]
        a = scored[np.lexsort((scored, -tiebreak[scored], -score[scored]))]
        b = rest[np.lexsort((rest, -tiebreak[rest]))]
        order_all = np.concatenate([a, b])
    else:
        pool = scored
        if pool.size > top:
            cut = np.partition(score[pool], pool.size - top)[pool.size - top]
            pool = pool[score[pool] >= cut]  # the top ones and anyone tied with them
        if pool.size < top:  # fill with the most popular admissible ones
            rest = idx[score[idx] <= 0]
            if rest.size > top:
                rest = rest[np.argpartition(-tiebreak[rest], top - 1)[:top]]
            pool = np.concatenate([pool, rest])
        order_all = pool[np.lexsort((pool, -tiebreak[pool], -score[pool]))][:top]
    return Ranking(order_all, score, parts, dict(values), candidates)


def _unit(x: np.ndarray) -> np.ndarray:
    m = float(np.max(x)) if x.size else 0.0
    return x / m if m > 0 else x


def candidates_for(model: MatchModel, query: sig.Query) -> np.ndarray:
    """Admissible candidates: allowed, not a seed, not excluded, not a partner of a seed."""
    mask = np.ones(model.n_orgs, dtype=bool) if query.allowed is None else query.allowed.copy()
    mask[query.seeds] = False
    mask[query.exclude] = False
    for s in query.seeds:
        mask[model.partners(int(s))] = False
    return mask


def rank(
    model: MatchModel,
    query: sig.Query,
    weights: Weights | None = None,
    top: int = 10,
    full: bool = False,
) -> Ranking:
    """Rank the admissible candidates of a query (the engine under every partner list)."""
    weights = weights or Weights()
    wanted = [s for s, v in weights.as_dict().items() if v > 0]
    values = sig.compute(model, query, wanted)
    return fuse(
        values,
        weights,
        candidates_for(model, query),
        model.degree,
        top=top,
        full=full,
        orders=sig.static_orders(model),
    )


@dataclass
class Match:
    """One proposed partner."""

    id: str
    name: str
    score: float
    rank: int
    kind: str
    size: str | None
    country: str | None
    clusters: list[str] = field(default_factory=list)  # cluster ids
    components: dict[str, float] = field(default_factory=dict)  # score share per signal
    explanation: list[str] = field(default_factory=list)
    fit: int = 0  # 0-100, the score relative to the best candidate's
    synthetic: bool = False
    example: bool = False
    region: str | None = None
    evidence: list[dict[str, Any]] = field(default_factory=list)  # sources behind the reasons
    funded: bool = True  # False: a non-funded international partner

    def as_row(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "id": self.id,
            "name": self.name,
            "fit": self.fit,
            "score": round(self.score, 6),
            "kind": self.kind,
            "size": self.size,
            "country": self.country,
            "region": self.region,
            "synthetic": self.synthetic,
            "example": self.example,
            "funded": self.funded,
            "clusters": list(self.clusters),
            "components": {k: round(v, 6) for k, v in self.components.items()},
            "explanation": list(self.explanation),
            "evidence": list(self.evidence),
        }


class Matches(list):
    """A list of ``Match`` that dumps to plain rows (``model_dump``), like a pydantic model."""

    def model_dump(self) -> list[dict[str, Any]]:
        return [m.as_row() for m in self]


def to_matches(
    model: MatchModel,
    ranking: Ranking,
    query: sig.Query,
    k: int,
    explain: bool = True,
    funded: bool = True,
) -> Matches:
    from analytics.matching.explain import Context, explain_candidate

    out = Matches()
    ctx = Context(model, query, ranking) if explain else None
    top = ranking.order[:k]
    best = float(ranking.score[top].max()) if len(top) else 0.0
    for r, c in enumerate(top, start=1):
        c = int(c)
        o = model.org(c)
        reasons = explain_candidate(model, query, c, ranking, ctx) if ctx else []
        out.append(
            Match(
                id=o["id"],
                name=o["name"],
                score=float(ranking.score[c]),
                rank=r,
                kind=o["kind"],
                size=o["size"],
                country=o["country"],
                clusters=[model.cluster_ids[x] for x in model.clusters_of(c)],
                components=ranking.contributions_of(c),
                explanation=[x.sentence() for x in reasons],
                fit=int(round(100 * float(ranking.score[c]) / best)) if best > 0 else 0,
                synthetic=o["synthetic"],
                example=o["example"],
                region=o["region"],
                evidence=[x.evidence() for x in reasons if x.source],
                funded=funded,
            )
        )
    return out


def match_partners(
    model: MatchModel,
    org_id: str,
    theme: str | None = None,
    clusters: Sequence[str] | None = None,
    k: int = 10,
    weights: Weights | None = None,
    explain: bool = True,
    include_synthetic: bool = False,
) -> Matches:
    """The ``k`` best new partners for an organisation, explained.

    Parameters
    ----------
    model : the match model (``analytics.adapter`` reads it from the graph).
    org_id : an organisation id, or a name (resolved by exact id, then by name key).
    theme : free text or a programme code: only organisations whose profile shares a word or
        code with it are proposed (unless none does), and it weighs 75 % in the topic vector
        of the topical signals (the organisation's own profile 25 %).
    clusters : cluster ids or names; only their members are proposed.
    k : how many partners.
    weights : signal weights (``Weights()`` by default).
    include_synthetic : also propose synthetic and example organisations (never by default).

    Candidates never include the organisation itself nor anyone it already shares a project
    with. ``org_id`` is resolved by ``analytics.names`` (``UnknownName`` with suggestions).

    Returns
    -------
    list of ``Match`` (id, name, score, components, explanation), best first (a ``Matches``
    list, whose ``model_dump()`` gives plain rows).
    """
    if k < 1:
        raise InnographError("k must be at least 1.")
    q = model.resolve(org_id)
    cl = [model.resolve_cluster(c) for c in (clusters or [])]
    allowed = candidates_mask(model, "any", include_synthetic)
    if cl:
        allowed &= np.asarray(model.M[:, cl].sum(axis=1)).ravel() > 0
    seeds = np.asarray([q], dtype=np.int64)
    tv = sig.theme_vector(model, theme)
    if tv is not None:
        on_theme = allowed & (model.profiles.coverage(tv) >= sig.need(tv))
        if on_theme.any():
            allowed = on_theme
    query = sig.Query(
        seeds=seeds,
        topic=sig.topic_for(model, seeds, tv),
        clusters=cl,
        allowed=allowed,
        theme=tv,
    )
    ranking = rank(model, query, topic_weights(weights) if tv is not None else weights, top=k)
    return to_matches(model, ranking, query, k, explain=explain)
