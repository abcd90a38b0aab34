"""Partners for a call: ranked candidates and 3-5 complete consortia that satisfy the rules.

A call (``Call``, read from YAML or JSON by ``load_call``) gives free text and/or themes, a
transition priority, the clusters that must take part (two or more for an intercluster call,
``rules.MIN_INTERCLUSTER_CLUSTERS``), the instrument and optionally the partners already in.

1. *Candidates* are ranked like partners of an organisation (``scoring.rank``): the call's
   text and themes are the topic (blended with the profiles of partners already in), the
   partners already in are the seeds, and ``cluster_fit`` rewards members of the required
   clusters. When clusters are required, candidates are their members plus any knowledge
   institution (research partners are often not cluster members).
2. *Consortia* are built greedily from the ranked candidates: first one member for each
   required cluster not yet covered, then research partners, SMEs and firms up to the
   instrument's minimums (``rules``), then the best remaining candidates up to the target
   size. Each consortium starts from a different anchor and candidates already used lose half
   their score per use, so the proposals differ. Every proposal is checked with
   ``check_consortium``; one that fails is never returned (the result says why instead).
3. Each member comes with its role, its explanation and up to three *alternatives*: the
   best other candidates of the same kind that could take its place while the consortium
   still passes.

A member's value in the greedy choice is its fused score, times ``1 + 0.5 n`` where ``n``
counts the unmet needs it meets at once (an SME firm in an uncovered cluster meets three),
plus ``COHESION_BONUS`` of the best score for every member it has already worked with.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from analytics.matching import scoring
from analytics.matching import signals as sig
from analytics.matching.explain import cite, shared_projects
from analytics.matching.model import MatchModel
from analytics.matching.rules import MIN_INTERCLUSTER_CLUSTERS, InstrumentRules, rules_for
from graph.errors import InnographError

POOL = 300  # ranked candidates the builder draws from
COHESION_BONUS = 0.1
REUSE_PENALTY = 0.5
ALTERNATIVES = 3


@dataclass
class Call:
    """A call for projects, as a cluster manager describes it."""

    title: str = ""
    text: str = ""
    themes: list[str] = field(default_factory=list)
    transition_priority: str = ""
    clusters: list[str] = field(default_factory=list)
    instrument: str = ""  # "" or none: no instrument (size and clusters only)
    intercluster: bool | None = None  # default: True when two or more clusters are given
    partners: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    size: int | None = None
    consortia: int = 3
    candidates: int = 20
    rules: dict[str, int] = field(default_factory=dict)

    ALIASES = {"priority": "transition_priority", "k": "candidates", "description": "text"}

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Call:
        """A call from a mapping (a call file, or the API's request: ``priority``, ``k``)."""
        data = {cls.ALIASES.get(k, k): v for k, v in data.items() if k != "save"}
        data = {
            k: ("" if k == "instrument" else v) if v is None else v
            for k, v in data.items()
            if v is not None or k == "instrument"
        }
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(data) - known)
        if unknown:
            raise InnographError(
                f"Unknown field(s) in the call: {', '.join(unknown)}; "
                f"known: {', '.join(sorted(known))}."
            )
        d = dict(data)
        for key in ("themes", "clusters", "partners", "exclude"):
            v = d.get(key)
            if isinstance(v, str):
                d[key] = [t.strip() for t in v.split(",") if t.strip()]
        return cls(**d)

    def topic_text(self) -> list[str]:
        return [t for t in [self.title, self.text, self.transition_priority, *self.themes] if t]

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def load_call(path: str | Path) -> Call:
    """Read a call from a YAML or JSON file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise InnographError(f"Cannot read the call file {path}: {e.strerror}.") from e
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text)
    except Exception as e:
        raise InnographError(
            f"{path} is not valid {'JSON' if path.suffix == '.json' else 'YAML'}: {e}"
        ) from e
    if not isinstance(data, dict):
        raise InnographError(f"{path} must hold a mapping (title, text, clusters, instrument…).")
    return Call.from_mapping(data)


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

    def as_row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "size": self.size,
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

    def as_dict(self) -> dict[str, Any]:
        return {
            "call": self.call.as_dict(),
            "rules": self.rules,
            "instrument_rules": self.instrument_rules.as_dict(),
            "candidates": [m.as_row() for m in self.candidates],
            "consortia": [c.as_dict() for c in self.consortia],
            "problems": self.problems,
        }

    model_dump = as_dict  # plain rows, like a pydantic model (the API dumps results this way)


# -- rules ---------------------------------------------------------------------------------------
def is_research(model: MatchModel, i: int) -> bool:
    return model.kinds[i] == "knowledge_institution"


def is_firm(model: MatchModel, i: int) -> bool:
    return model.kinds[i] == "firm"


def is_sme(model: MatchModel, i: int) -> bool:
    return is_firm(model, i) and model.sizes[i] == "sme"


def composition(model: MatchModel, members: list[int], clusters: list[int]) -> dict[str, Any]:
    ms = set(members)
    return {
        "members": len(members),
        "firms": sum(is_firm(model, i) for i in members),
        "smes": sum(is_sme(model, i) for i in members),
        "research_partners": sum(is_research(model, i) for i in members),
        "clusters": {
            model.cluster_names[c]: sorted(
                model.org_ids[i] for i in ms if c in set(model.clusters_of(i).tolist())
            )
            for c in clusters
        },
    }


def check_consortium(
    model: MatchModel, members: list[int], rules: InstrumentRules, clusters: list[int]
) -> list[str]:
    """Every rule the consortium breaks (an empty list when it satisfies them all)."""
    out: list[str] = []
    if len(set(members)) != len(members):
        out.append("a member appears twice")
    c = composition(model, members, clusters)
    if c["members"] < rules.min_members:
        out.append(f"{c['members']} members, {rules.name} needs at least {rules.min_members}")
    if c["members"] > rules.max_members:
        out.append(f"{c['members']} members, {rules.name} allows at most {rules.max_members}")
    if c["firms"] < rules.min_firms:
        out.append(f"{c['firms']} firms, {rules.name} needs at least {rules.min_firms}")
    if c["research_partners"] < rules.min_research:
        out.append(
            f"{c['research_partners']} research partners, {rules.name} needs at least "
            f"{rules.min_research}"
        )
    if c["smes"] < rules.min_sme:
        out.append(f"{c['smes']} SMEs, {rules.name} needs at least {rules.min_sme}")
    for name, ids in c["clusters"].items():
        if not ids:
            out.append(f"no member of {name}")
    return out


# -- building ------------------------------------------------------------------------------------
def _needs(
    model: MatchModel, members: list[int], rules: InstrumentRules, clusters: list[int]
) -> dict[str, int]:
    c = composition(model, members, clusters)
    needs = {
        "research": rules.min_research - c["research_partners"],
        "sme": rules.min_sme - c["smes"],
        "firm": rules.min_firms - c["firms"],
    }
    for cl in clusters:
        if not c["clusters"][model.cluster_names[cl]]:
            needs[f"cluster:{cl}"] = 1
    return {k: v for k, v in needs.items() if v > 0}


def _meets(model: MatchModel, i: int, need: str, member_clusters: dict[int, set[int]]) -> bool:
    if need == "research":
        return is_research(model, i)
    if need == "sme":
        return is_sme(model, i)
    if need == "firm":
        return is_firm(model, i)
    return int(need.split(":")[1]) in member_clusters[i]


def _role(model: MatchModel, i: int, met: list[str], rules: InstrumentRules) -> str:
    cl = [model.cluster_names[int(n.split(":")[1])] for n in met if n.startswith("cluster:")]
    if is_research(model, i):
        base = rules.research_role
    elif is_sme(model, i):
        base = f"{rules.firm_role} (SME)"
    elif is_firm(model, i):
        base = rules.firm_role
    else:
        base = "partner"
    return base + (f" for {' and '.join(cl)}" if cl else "")


def _build(
    model: MatchModel,
    pool: list[int],
    score: dict[int, float],
    fixed: list[int],
    rules: InstrumentRules,
    clusters: list[int],
    target: int,
    anchor: int | None,
    used: dict[int, int],
    member_clusters: dict[int, set[int]],
) -> tuple[list[int], dict[int, list[str]]]:
    """One consortium, greedily (see the module docstring); vectorised over the pool."""
    members = list(fixed)
    met: dict[int, list[str]] = {i: [] for i in fixed}
    arr = np.asarray(pool, dtype=np.int64)
    base = np.asarray([score[i] * REUSE_PENALTY ** used.get(i, 0) for i in pool])
    best = max(score.values()) if score else 1.0
    free = np.ones(len(arr), dtype=bool)
    position = {int(i): k for k, i in enumerate(arr)}
    ties = np.zeros(len(arr))  # members each candidate has worked with
    meets_cache: dict[str, np.ndarray] = {}

    def meets(need: str) -> np.ndarray:
        got = meets_cache.get(need)
        if got is None:
            got = np.fromiter(
                (_meets(model, int(i), need, member_clusters) for i in arr),
                dtype=bool,
                count=len(arr),
            )
            meets_cache[need] = got
        return got

    def add(i: int) -> None:
        needs = _needs(model, members, rules, clusters)
        met[i] = [nd for nd in needs if _meets(model, i, nd, member_clusters)]
        members.append(i)
        if i in position:
            free[position[i]] = False
        nb = model.partners(i)
        ties[:] += np.isin(arr, nb)

    for i in fixed:
        if i in position:
            free[position[i]] = False
        ties[:] += np.isin(arr, model.partners(i))

    def pick(mask: np.ndarray, needs: dict[str, int]) -> int | None:
        ok = free & mask
        if not ok.any():
            return None
        n_met = sum(meets(nd).astype(float) for nd in needs) if needs else 0.0
        value = base * (1 + 0.5 * n_met) + COHESION_BONUS * best * ties
        value = np.where(ok, value, -np.inf)
        top = np.flatnonzero(value == value.max())
        return int(arr[top[np.argmin(arr[top])]])  # ties: the smaller position

    if anchor is not None and anchor not in members:
        add(anchor)
    while True:  # needs first, the scarcest kind first
        needs = _needs(model, members, rules, clusters)
        if not needs or len(members) >= rules.max_members:
            break
        need = min(needs, key=lambda nd: int((meets(nd) & free).sum()))
        choice = pick(meets(need), needs)
        if choice is None:
            break
        add(choice)
    while len(members) < target:  # then the best remaining
        choice = pick(np.ones(len(arr), dtype=bool), {})
        if choice is None:
            break
        add(choice)
    return members, met


def _alternatives(
    model: MatchModel,
    members: list[int],
    i: int,
    pool: list[int],
    score: dict[int, float],
    rules: InstrumentRules,
    clusters: list[int],
) -> list[dict[str, Any]]:
    out = []
    for j in pool:
        if j in members or model.kinds[j] != model.kinds[i]:
            continue
        swapped = [j if m == i else m for m in members]
        if check_consortium(model, swapped, rules, clusters):
            continue
        out.append({"id": model.org_ids[j], "name": model.names[j], "score": round(score[j], 6)})
        if len(out) >= ALTERNATIVES:
            break
    return out


def _cohesion(model: MatchModel, members: list[int]) -> tuple[float, list[tuple[int, int]]]:
    pairs = [(a, b) for x, a in enumerate(members) for b in members[x + 1 :]]
    tied = [(a, b) for a, b in pairs if model.A[a, b] > 0]
    return (len(tied) / len(pairs) if pairs else 0.0), tied


def _explain_consortium(
    model: MatchModel,
    members: list[int],
    rules: InstrumentRules,
    clusters: list[int],
    tied: list[tuple[int, int]],
) -> list[str]:
    c = composition(model, members, clusters)
    lines = [
        f"{c['firms']} firm{'s' if c['firms'] != 1 else ''} ({c['smes']} SME"
        f"{'s' if c['smes'] != 1 else ''}), {c['research_partners']} research partner"
        f"{'s' if c['research_partners'] != 1 else ''}, {c['members']} members: meets "
        f"{rules.describe()} (rules: {rules.source})"
    ]
    if clusters:
        cover = []
        for cl in clusters:
            names = [model.names[model.index[i]] for i in c["clusters"][model.cluster_names[cl]]]
            cover.append(f"{model.cluster_names[cl]} ({', '.join(names[:3])})")
        lines.append("covers " + "; ".join(cover))
    for a, b in tied[:2]:
        p = shared_projects(model, a, b)
        e = model.participation(a, int(p[0]))
        src = cite(model.edge_source[e], model.edge_ref[e]) if e >= 0 else ""
        lines.append(
            f"{model.names[a]} and {model.names[b]} already share {len(p)} project"
            f"{'s' if len(p) != 1 else ''}" + (f" ({src})" if src else "")
        )
    sectors = sorted({str(s) for s in model.nace_section[members] if s})
    if len(sectors) > 1:
        lines.append(f"spans NACE sectors {', '.join(sectors)}")
    return lines


def match_call(
    model: MatchModel | Any, call: Call | dict[str, Any], weights: scoring.Weights | None = None
) -> CallResult:
    """Rank candidates for a call and propose complete consortia (see the module docstring).

    ``model`` may be a ``graph.db.Database`` (its cached model is used) and ``call`` a mapping
    (a parsed call file or the API's request).
    """
    model = scoring.as_model(model)
    if not isinstance(call, Call):
        call = Call.from_mapping(dict(call))
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
    allowed = None
    if clusters:
        allowed = (np.asarray(model.M[:, clusters].sum(axis=1)).ravel() > 0) | (
            model.kinds == "knowledge_institution"
        )
    query = sig.Query(
        seeds=seeds,
        topic=sig.topic_for(model, seeds, theme),
        clusters=clusters,
        exclude=np.asarray(exclude, dtype=np.int64),
        allowed=allowed,
    )
    ranking = scoring.rank(model, query, weights, top=max(POOL, call.candidates))
    candidates = scoring.to_matches(model, ranking, query, call.candidates)
    pool = _pool(model, ranking, clusters)
    score = {i: float(ranking.score[i]) for i in pool}
    for i in fixed:
        score.setdefault(i, 0.0)
    member_clusters = {i: set(model.clusters_of(i).tolist()) for i in set(pool) | set(fixed)}
    need_total = max(rules.min_members, rules.min_firms + rules.min_research, len(clusters))
    target = min(rules.max_members, max(call.size or rules.typical_size, need_total, len(fixed)))

    from analytics.matching.explain import Context

    ctx = Context(model, query, ranking)
    consortia: list[Consortium] = []
    problems: list[str] = list(notes)
    seen: set[tuple[int, ...]] = set()
    used: dict[int, int] = {}
    anchors = [None, *[i for i in pool if i not in fixed]]
    for anchor in anchors:
        if len(consortia) >= call.consortia:
            break
        members, met = _build(
            model, pool, score, fixed, rules, clusters, target, anchor, used, member_clusters
        )
        key = tuple(sorted(members))
        if key in seen:
            continue
        broken = check_consortium(model, members, rules, clusters)
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
            if i not in fixed:
                used[i] = used.get(i, 0) + 1
        cohesion, tied = _cohesion(model, members)
        out_members: list[Member] = []
        for i in members:
            o = model.org(i)
            role = _role(model, i, met.get(i, []), rules)
            out_members.append(
                Member(
                    id=o["id"],
                    name=o["name"],
                    kind=o["kind"],
                    size=o["size"],
                    clusters=[model.cluster_names[c] for c in model.clusters_of(i)],
                    role=role + (" (already in)" if i in fixed else ""),
                    score=score.get(i, 0.0),
                    fixed=i in fixed,
                    explanation=[]
                    if i in fixed
                    else _member_explanation(model, query, i, ranking, ctx),
                    alternatives=[]
                    if i in fixed
                    else _alternatives(model, members, i, pool, score, rules, clusters),
                )
            )
        total = sum(score[i] for i in members if i not in fixed)
        n_free = max(1, sum(1 for i in members if i not in fixed))
        consortia.append(
            Consortium(
                members=out_members,
                score=total / n_free + COHESION_BONUS * cohesion * max(score.values() or [0.0]),
                cohesion=cohesion,
                composition=composition(model, members, clusters),
                explanation=_explain_consortium(model, members, rules, clusters, tied),
                clusters=[model.cluster_ids[c] for c in clusters],
                alternatives={m.id: m.alternatives for m in out_members if m.alternatives},
            )
        )
    if 0 < len(consortia) < call.consortia:
        n = len(consortia)
        problems.append(
            f"Only {n} distinct consorti{'um satisfies' if n == 1 else 'a satisfy'} "
            f"the rules with these candidates (asked for {call.consortia})."
        )
    sentences = [
        rules.describe()
        + f" (source: {rules.source}"
        + ("; our assumption, check the call text)" if rules.assumption else ")")
    ]
    if clusters:
        sentences.append(
            "every required cluster covered: " + ", ".join(model.cluster_names[c] for c in clusters)
        )
    return CallResult(call, rules, candidates, consortia, problems, sentences)


def _pool(
    model: MatchModel, ranking: scoring.Ranking, clusters: list[int], extra: int = 20
) -> list[int]:
    """The ranked candidates plus the best admissible ones of every scarce category.

    A small cluster's members or the SMEs may all rank below the top ``POOL``; the builder
    still needs a few of each to satisfy the rules.
    """
    pool = [int(i) for i in ranking.order]
    have = set(pool)
    idx = np.flatnonzero(ranking.candidates)
    cats = [
        model.kinds[idx] == "knowledge_institution",
        (model.kinds[idx] == "firm") & (model.sizes[idx] == "sme"),
        model.kinds[idx] == "firm",
    ]
    for c in clusters:
        cats.append(np.asarray(model.M[idx][:, c].todense()).ravel() > 0)
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


def _member_explanation(
    model: MatchModel, query: sig.Query, i: int, ranking: Any, ctx: Any = None
) -> list[str]:
    from analytics.matching.explain import explain_candidate

    return explain_candidate(model, query, i, ranking, ctx)[:3]
