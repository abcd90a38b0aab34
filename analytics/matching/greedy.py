"""The greedy consortium builder: the candidate pool, and one consortium from an anchor.

``build`` takes the fixed partners, adds the anchor, then while the instrument's minimums or
a required cluster are unmet picks the candidate meeting the scarcest need, then fills up to
the target size with the best remaining candidates. A candidate's value is its fused score
(times ``REUSE_PENALTY`` per consortium it is already in), times ``1 + 0.5 n`` where ``n``
counts the unmet needs it meets at once, plus ``COHESION_BONUS`` of the best score for every
member it has already worked with; ties go to the smaller position. Vectorised over the pool.
"""

from __future__ import annotations

import numpy as np

from analytics.matching import scoring
from analytics.matching.cluster_fit import Cover
from analytics.matching.composition import meets, needs
from analytics.matching.match_model import MatchModel
from analytics.matching.rules import InstrumentRules

COHESION_BONUS = 0.1
REUSE_PENALTY = 0.5


def candidate_pool(
    model: MatchModel, ranking: scoring.Ranking, cover: Cover, extra: int = 20
) -> list[int]:
    """The ranked candidates plus the best admissible ones of every scarce category.

    A small cluster's members or the SMEs may all rank below the top of the ranking; the
    builder still needs a few of each to satisfy the rules.
    """
    pool = [int(i) for i in ranking.order]
    have = set(pool)
    idx = np.flatnonzero(ranking.candidates)
    cats = [
        model.kinds[idx] == "knowledge_institution",
        (model.kinds[idx] == "firm") & (model.sizes[idx] == "sme"),
        model.kinds[idx] == "firm",
    ]
    for c in cover.clusters:
        cats.append(np.fromiter((cover.how(int(i), c) is not None for i in idx), bool, len(idx)))
    for mask in cats:
        cand = idx[mask]
        if cand.size == 0:
            continue
        order = cand[np.lexsort((cand, -model.degree[cand], -ranking.score[cand]))][:extra]
        for i in order.tolist():
            if i not in have:
                pool.append(i)
                have.add(i)
    return pool


class _Greedy:
    """One consortium being built from a pool: its members, and who is still free."""

    def __init__(
        self,
        model: MatchModel,
        pool: list[int],
        score: dict[int, float],
        fixed: list[int],
        rules: InstrumentRules,
        clusters: Cover,
        used: dict[int, int],
        member_clusters: dict[int, set[int]],
    ):
        self.model, self.rules, self.clusters = model, rules, clusters
        self.member_clusters = member_clusters
        self.members = list(fixed)
        self.met: dict[int, list[str]] = {i: [] for i in fixed}
        self.arr = np.asarray(pool, dtype=np.int64)
        self.base = np.asarray([score[i] * REUSE_PENALTY ** used.get(i, 0) for i in pool])
        self.best = max(score.values()) if score else 1.0
        self.free = np.ones(len(self.arr), dtype=bool)
        self.position = {int(i): k for k, i in enumerate(self.arr)}
        self.ties = np.zeros(len(self.arr))  # members each candidate has worked with
        self._meets: dict[str, np.ndarray] = {}
        for i in fixed:
            if i in self.position:
                self.free[self.position[i]] = False
            self.ties[:] += np.isin(self.arr, model.partners(i))

    def needs(self) -> dict[str, int]:
        return needs(self.model, self.members, self.rules, self.clusters)

    def meets(self, need: str) -> np.ndarray:
        """Which candidates of the pool meet ``need`` (cached per need)."""
        got = self._meets.get(need)
        if got is None:
            countries = self.countries()
            got = np.fromiter(
                (
                    meets(self.model, int(i), need, self.member_clusters, countries)
                    for i in self.arr
                ),
                dtype=bool,
                count=len(self.arr),
            )
            if need != "country":  # the countries still missing change with every member
                self._meets[need] = got
        return got

    def countries(self) -> set[str]:
        return {str(self.model.countries[i]) for i in self.members if self.model.countries[i]}

    def add(self, i: int) -> None:
        unmet = self.needs()
        countries = self.countries()
        self.met[i] = [
            nd for nd in unmet if meets(self.model, i, nd, self.member_clusters, countries)
        ]
        self.members.append(i)
        if i in self.position:
            self.free[self.position[i]] = False
        self.ties[:] += np.isin(self.arr, self.model.partners(i))

    def pick(self, mask: np.ndarray, unmet: dict[str, int]) -> int | None:
        """The free candidate in ``mask`` of the highest value, or None."""
        ok = self.free & mask
        if not ok.any():
            return None
        n_met = sum(self.meets(nd).astype(float) for nd in unmet) if unmet else 0.0
        value = self.base * (1 + 0.5 * n_met) + COHESION_BONUS * self.best * self.ties
        value = np.where(ok, value, -np.inf)
        top = np.flatnonzero(value == value.max())
        return int(self.arr[top[np.argmin(self.arr[top])]])  # ties: the smaller position

    def meet_needs(self) -> None:
        """Add members for the unmet needs, the scarcest first, while the size allows."""
        while True:
            unmet = self.needs()
            if not unmet or len(self.members) >= self.rules.max_members:
                return
            need = min(unmet, key=lambda nd: int((self.meets(nd) & self.free).sum()))
            choice = self.pick(self.meets(need), unmet)
            if choice is None:
                return
            self.add(choice)

    def fill(self, target: int) -> None:
        """Add the best remaining candidates up to ``target`` members."""
        while len(self.members) < target:
            choice = self.pick(np.ones(len(self.arr), dtype=bool), {})
            if choice is None:
                return
            self.add(choice)


def build(
    model: MatchModel,
    pool: list[int],
    score: dict[int, float],
    fixed: list[int],
    rules: InstrumentRules,
    clusters: Cover,
    target: int,
    anchor: int | None,
    used: dict[int, int],
    member_clusters: dict[int, set[int]],
) -> tuple[list[int], dict[int, list[str]]]:
    """One consortium (members, and the needs each met) greedily, from ``anchor``."""
    g = _Greedy(model, pool, score, fixed, rules, clusters, used, member_clusters)
    if anchor is not None and anchor not in g.members:
        g.add(anchor)
    g.meet_needs()
    g.fill(target)
    return g.members, g.met
