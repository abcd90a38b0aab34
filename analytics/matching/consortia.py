"""Partners for a call: ranked candidates and 3-5 complete consortia that satisfy the rules.

A call (``calls.Call``, read from YAML or JSON by ``calls.load_call``) gives free text and/or
themes, a transition priority, the clusters that must take part (two or more for an
intercluster call, ``rules.MIN_INTERCLUSTER_CLUSTERS``), the instrument and optionally the
partners already in.

1. *Candidates* are ranked like partners of an organisation (``scoring.rank``): the call's
   text and themes are the topic (blended with the profiles of partners already in), the
   partners already in are the seeds, and ``cluster_fit`` rewards members of the required
   clusters. When clusters are required, candidates are their members plus any knowledge
   institution (research partners are often not cluster members).
2. *Consortia* are built greedily from the ranked candidates (``greedy``): first one member for each
   required cluster not yet covered, then research partners, SMEs and firms up to the
   instrument's minimums (``rules``), then the best remaining candidates up to the target
   size. Each consortium starts from a different anchor and candidates already used lose half
   their score per use, so the proposals differ. Every proposal is checked with
   ``composition.check_consortium``; one that fails is never returned (the result says why instead).
3. Each member comes with its role, its explanation and up to three *alternatives*: the
   best other candidates of the same kind that could take its place while the consortium
   still passes.

A member's value in the greedy choice is its fused score, times ``1 + 0.5 n`` where ``n``
counts the unmet needs it meets at once (an SME firm in an uncovered cluster meets three),
plus ``COHESION_BONUS`` of the best score for every member it has already worked with.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from analytics.matching import composition as comp
from analytics.matching import scoring
from analytics.matching import signals as sig
from analytics.matching.calls import Call
from analytics.matching.cluster_fit import Cover, cover_for
from analytics.matching.eligibility import candidates_mask, eligible, rule_sentence
from analytics.matching.explain import Context, explain_candidate
from analytics.matching.greedy import COHESION_BONUS, build, candidate_pool
from analytics.matching.match_model import MatchModel
from analytics.matching.rules import MIN_INTERCLUSTER_CLUSTERS, InstrumentRules, rules_for
from graph.errors import InnographError

POOL = 300  # ranked candidates the builder draws from


@dataclass
class Member:
    id: str
    name: str
    kind: str
    size: str | None
    clusters: list[str]
    role: str
    score: float
    fixed: bool = False
    explanation: list[str] = field(default_factory=list)
    alternatives: list[dict[str, Any]] = field(default_factory=list)
    country: str | None = None
    synthetic: bool = False
    example: bool = False

    def as_row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "size": self.size,
            "country": self.country,
            "synthetic": self.synthetic,
            "example": self.example,
            "clusters": self.clusters,
            "role": self.role,
            "score": round(self.score, 6),
            "fixed": self.fixed,
            "explanation": self.explanation,
            "alternatives": self.alternatives,
        }


@dataclass
class Consortium:
    members: list[Member]
    score: float
    cohesion: float  # share of member pairs that already share a project
    composition: dict[str, Any]
    explanation: list[str]
    clusters: list[str] = field(default_factory=list)  # required clusters covered (ids)
    satisfied: bool = True  # always: others are not proposed
    alternatives: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # by member id

    def as_dict(self) -> dict[str, Any]:
        return {
            "score": round(self.score, 6),
            "cohesion": round(self.cohesion, 4),
            "satisfied": self.satisfied,
            "clusters": self.clusters,
            "composition": self.composition,
            "explanation": self.explanation,
            "members": [m.as_row() for m in self.members],
            "alternatives": self.alternatives,
        }


@dataclass
class CallResult:
    call: Call
    instrument_rules: InstrumentRules
    candidates: list[scoring.Match]
    consortia: list[Consortium]
    problems: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)  # the rules, as sentences
    eligibility: str = ""  # the eligibility rule applied, as a sentence
    international: list[scoring.Match] = field(default_factory=list)  # non-funded partners
    cluster_fit: list[dict[str, Any]] = field(default_factory=list)  # per required cluster

    def as_dict(self) -> dict[str, Any]:
        return {
            "call": self.call.as_dict(),
            "rules": self.rules,
            "eligibility": self.eligibility,
            "instrument_rules": self.instrument_rules.as_dict(),
            "cluster_fit": self.cluster_fit,
            "candidates": [m.as_row() for m in self.candidates],
            "international_partners": [m.as_row() for m in self.international],
            "consortia": [c.as_dict() for c in self.consortia],
            "problems": self.problems,
        }

    model_dump = as_dict  # plain rows, like a pydantic model (the API dumps results this way)


# -- matching a call ----------------------------------------------------------------------------
@dataclass
class _Plan:
    """A call resolved against the model: what ``match_call`` ranks and builds from."""

    call: Call
    rules: InstrumentRules
    clusters: list[int]
    fixed: list[int]
    query: sig.Query
    notes: list[str]
    cover: Cover
    eligible: np.ndarray


def _plan(model: MatchModel, call: Call) -> _Plan:
    """Resolve the call's clusters, partners and topic; refuse a call that cannot be met."""
    if not 1 <= call.consortia <= 10:
        raise InnographError("A call asks for 1 to 10 consortia (3 to 5 is usual).")
    rules = rules_for(call.instrument or "open", model.instruments, call.rules or None)
    clusters = [model.resolve_cluster(c) for c in call.clusters]
    intercluster = call.intercluster if call.intercluster is not None else len(clusters) >= 2
    if intercluster and len(set(clusters)) < MIN_INTERCLUSTER_CLUSTERS:
        raise InnographError(
            f"An intercluster call needs at least {MIN_INTERCLUSTER_CLUSTERS} "
            f"different clusters; the call names {len(set(clusters))}."
        )
    fixed = [model.resolve(p) for p in call.partners]
    exclude = [model.resolve(p) for p in call.exclude]
    seeds = np.asarray(sorted(set(fixed)), dtype=np.int64)
    theme = sig.theme_vector(model, call.topic_text())
    notes: list[str] = []
    if not call.topic_text() and not len(seeds) and not clusters:
        raise InnographError("The call needs a text, themes, clusters or partners to match on.")
    if call.topic_text() and theme is None:
        notes.append(
            "None of the call's words occur in the graph's profiles: candidates are "
            "ranked on clusters, activity and the partners already in."
        )
    eligible = candidates_mask(model, rules.eligibility, call.include_synthetic)
    cover = cover_for(model, clusters, eligible, call.include_synthetic)
    for c in clusters:
        if not cover.known[c]:
            notes.append(
                f"{model.cluster_names[c]} has no known real members in the graph (a cluster "
                "manager loads the member list with `innograph ingest`): organisations are "
                f"ranked by their inferred fit to {model.cluster_names[c]}'s domain, which is "
                "not membership."
            )
    query = sig.Query(
        seeds=seeds,
        topic=sig.topic_for(model, seeds, theme),
        clusters=clusters,
        exclude=np.asarray(exclude, dtype=np.int64),
        allowed=eligible,
        theme=theme,
        fit=cover.fit(model.n_orgs),
        cover=cover,
    )
    return _Plan(call, rules, clusters, fixed, query, notes, cover, eligible)


def _international(
    model: MatchModel, plan: _Plan, weights: scoring.Weights | None
) -> list[scoring.Match]:
    """Foreign candidates of a Flemish call, ranked the same way, labelled non-funded."""
    if plan.rules.eligibility == "any" or not plan.call.international:
        return []
    foreign = ~eligible(model, plan.rules.eligibility) & model.named
    if not plan.call.include_synthetic:
        foreign &= ~model.hidden
    query = replace(plan.query, allowed=foreign)
    ranking = scoring.rank(model, query, weights, top=plan.call.candidates)
    out = scoring.to_matches(model, ranking, query, plan.call.candidates, funded=False)
    for m in out:
        m.explanation.insert(
            0,
            f"Non-funded international partner: {plan.rules.name} funds only partners "
            "active in Flanders.",
        )
    return out


def _cluster_fit_rows(model: MatchModel, plan: _Plan) -> list[dict[str, Any]]:
    return [
        {
            "cluster": model.cluster_ids[c],
            "name": model.cluster_names[c],
            "known_members": len(plan.cover.known[c]),
            "inferred": not plan.cover.known[c],
            "label": f"fits {model.cluster_names[c]}'s domain (inferred)"
            if not plan.cover.known[c]
            else f"member of {model.cluster_names[c]}",
        }
        for c in plan.clusters
    ]


def match_call(
    model: MatchModel, call: Call | dict[str, Any], weights: scoring.Weights | None = None
) -> CallResult:
    """Rank candidates for a call and propose complete consortia (see the module docstring).

    ``call`` may be a mapping (a parsed call file or the API's request).
    """
    if not isinstance(call, Call):
        call = Call.from_mapping(dict(call))
    plan = _plan(model, call)
    weights = scoring.topic_weights(weights) if plan.query.theme is not None else weights
    ranking = scoring.rank(model, plan.query, weights, top=max(POOL, call.candidates))
    candidates = scoring.to_matches(model, ranking, plan.query, call.candidates)
    consortia, problems = _Proposals(model, plan, ranking).propose()
    if 0 < len(consortia) < call.consortia:
        n = len(consortia)
        problems.append(
            f"Only {n} distinct consorti{'um satisfies' if n == 1 else 'a satisfy'} "
            f"the rules with these candidates (asked for {call.consortia})."
        )
    return CallResult(
        call,
        plan.rules,
        candidates,
        consortia,
        problems,
        _sentences(model, plan),
        rule_sentence(plan.rules),
        _international(model, plan, weights),
        _cluster_fit_rows(model, plan),
    )


def _sentences(model: MatchModel, plan: _Plan) -> list[str]:
    """The rules the proposals satisfy, as sentences."""
    rules = plan.rules
    sentences = [
        rules.describe()
        + f" (source: {rules.source}"
        + ("; our assumption, check the call text)." if rules.assumption else ")."),
        rule_sentence(rules) + ".",
    ]
    if plan.clusters:
        sentences.append(
            "Every required cluster covered, by a known member or (labelled) inferred fit: "
            + ", ".join(model.cluster_names[c] for c in plan.clusters)
            + "."
        )
    return sentences


class _Proposals:
    """The consortia of one call: one greedy build per anchor until enough distinct ones
    satisfy the rules."""

    def __init__(self, model: MatchModel, plan: _Plan, ranking: scoring.Ranking):
        self.model, self.plan, self.ranking = model, plan, ranking
        rules, fixed = plan.rules, plan.fixed
        self.pool = candidate_pool(model, ranking, plan.cover)
        self.score = {i: float(ranking.score[i]) for i in self.pool}
        for i in fixed:
            self.score.setdefault(i, 0.0)
        self.member_clusters = {i: plan.cover.covered_by(i) for i in set(self.pool) | set(fixed)}
        need_total = max(
            rules.min_members, rules.min_firms + rules.min_research, len(plan.clusters)
        )
        self.target = min(
            rules.max_members, max(plan.call.size or rules.typical_size, need_total, len(fixed))
        )
        self.ctx = Context(model, plan.query, ranking)
        self.used: dict[int, int] = {}

    def propose(self) -> tuple[list[Consortium], list[str]]:
        plan, model = self.plan, self.model
        consortia: list[Consortium] = []
        problems: list[str] = list(plan.notes)
        seen: set[tuple[int, ...]] = set()
        for anchor in [None, *[i for i in self.pool if i not in plan.fixed]]:
            if len(consortia) >= plan.call.consortia:
                break
            members, met = build(
                model, self.pool, self.score, plan.fixed, plan.rules, plan.cover,
                self.target, anchor, self.used, self.member_clusters,
            )  # fmt: skip
            key = tuple(sorted(members))
            if key in seen:
                continue
            broken = comp.check_consortium(model, members, plan.rules, plan.cover)
            if broken:
                if anchor is None and not consortia:
                    problems.append(
                        "No consortium satisfies the rules from these candidates: "
                        + "; ".join(broken)
                        + "."
                    )
                    break
                continue
            seen.add(key)
            for i in members:
                if i not in plan.fixed:
                    self.used[i] = self.used.get(i, 0) + 1
            consortia.append(self.consortium(members, met))
        return consortia, problems

    def member(self, members: list[int], i: int, met: list[str]) -> Member:
        model, plan = self.model, self.plan
        o = model.org(i)
        fixed = i in plan.fixed
        role = comp.role_of(model, i, met, plan.rules, plan.cover)
        return Member(
            id=o["id"],
            name=o["name"],
            kind=o["kind"],
            size=o["size"],
            clusters=[model.cluster_names[c] for c in model.clusters_of(i)],
            role=role + (" (already in)" if fixed else ""),
            country=o["country"],
            synthetic=o["synthetic"],
            example=o["example"],
            score=self.score.get(i, 0.0),
            fixed=fixed,
            explanation=[]
            if fixed
            else _member_explanation(model, plan.query, i, self.ranking, self.ctx),
            alternatives=[]
            if fixed
            else comp.alternatives(
                model, members, i, self.pool, self.score, plan.rules, plan.cover
            ),
        )

    def consortium(self, members: list[int], met: dict[int, list[str]]) -> Consortium:
        model, plan, score = self.model, self.plan, self.score
        cohesion, tied = comp.cohesion(model, members)
        out_members = [self.member(members, i, met.get(i, [])) for i in members]
        total = sum(score[i] for i in members if i not in plan.fixed)
        n_free = max(1, sum(1 for i in members if i not in plan.fixed))
        return Consortium(
            members=out_members,
            score=total / n_free + COHESION_BONUS * cohesion * max(score.values() or [0.0]),
            cohesion=cohesion,
            composition=comp.composition(model, members, plan.cover),
            explanation=comp.explain_consortium(model, members, plan.rules, plan.cover, tied),
            clusters=[model.cluster_ids[c] for c in plan.clusters],
            alternatives={m.id: m.alternatives for m in out_members if m.alternatives},
        )


def _member_explanation(
    model: MatchModel, query: sig.Query, i: int, ranking: Any, ctx: Any = None
) -> list[str]:
    return [r.sentence() for r in explain_candidate(model, query, i, ranking, ctx)[:3]]
