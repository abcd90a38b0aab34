"""Explanations a cluster manager can check: one plain sentence per reason, with its source.

Each sentence names organisations by their display names and projects by acronym and title
(never an id), shows the matched words, and cites the relationship it rests on by document
title and table or by data set and project, e.g.::

    Worked with KU Leuven, a partner of imec, on 2 projects, e.g. HyFast "Fast hydrogen
    fueling and long range for fuel cell vehicles" (2014).
        source: CORDIS H2020 projects, project HyFast (https://cordis.europa.eu/project/id/…)
    Member of Catalisti and Flanders' FOOD.
        source: IDEA Consult / Technopolis, Een onderzoek naar clusterondersteuning … (2020),
        Tabel 10
    Works on hydrogen and fuel cell: project H2ME "Hydrogen Mobility Europe" (2015).

A topical reason needs two matched terms, or one phrase (``fuel cell``), unless the call
itself has one term: no reason rests on one generic word. Sentences come in the order of
the signals' share of the score; ``Reason.evidence()`` gives the source as a row (title,
reference, link) for the API and the pages.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from analytics.matching.citations import Reason, project_phrase, project_source, source_of
from analytics.matching.cluster_fit import domain_words
from analytics.matching.match_model import MatchModel
from analytics.matching.proximity import row_dot
from analytics.matching.signals import on_topic, projects_of_allowed
from analytics.matching.terms import is_phrase, shown
from analytics.matching.text import GENERIC

# the order of sentences when signals add the same to the score
PRIORITY = (
    "shared_partners",
    "network",
    "cluster_fit",
    "topic_activity",
    "topical",
    "bridging",
    "peer_partners",
    "complementarity",
    "geography",
    "activity",
    "popularity",
)
KIND_LABELS = {
    "firm": "firm",
    "knowledge_institution": "knowledge institution",
    "federation": "federation",
    "government": "government body",
    "other": "organisation",
}


def shared_projects(model: MatchModel, a: int, b: int) -> np.ndarray:
    """Projects that organisations ``a`` and ``b`` both take part in, most recent first."""
    common = np.intersect1d(model.projects_of(a), model.projects_of(b))
    return common[np.argsort(-model.project_years[common], kind="stable")]


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


class Context:
    """What every explanation of one query needs, computed once."""

    def __init__(self, model: MatchModel, query: Any, ranking: Any):
        self.model, self.query, self.ranking = model, query, ranking
        self.seeds = np.asarray(query.seeds, dtype=np.int64)
        self.seed_partner = np.zeros(model.n_orgs, dtype=bool)
        self.first_seed = np.full(model.n_orgs, -1, dtype=np.int64)
        for s in self.seeds[::-1]:
            nb = model.partners(int(s))
            self.seed_partner[nb] = True
            self.first_seed[nb] = int(s)
        self._topical: np.ndarray | None = None
        self._project_sims: np.ndarray | None = None

    @property
    def project_sims(self) -> np.ndarray:
        if self._project_sims is None:
            prof, q = self.model.profiles, self.query
            sims = np.zeros(len(self.model.project_ids))
            if q.topic is not None:
                sims = prof.project_similarity_to(q.topic)
            if q.theme is not None:  # the same projects the signal counted as on topic
                among = projects_of_allowed(self.model, q.allowed)
                sims = on_topic(sims, prof.coverage(q.theme, projects=True), q.theme, among)
            self._project_sims = sims
        return self._project_sims

    @property
    def topical(self) -> np.ndarray:
        if self._topical is None:
            got = self.ranking.values.get("topical") if self.ranking is not None else None
            if got is None and self.query.topic is not None:
                got = self.model.profiles.similarity_to(self.query.topic)
            self._topical = got if got is not None else np.zeros(self.model.n_orgs)
        return self._topical


def has_name(model: MatchModel, i: int) -> bool:
    """False for an organisation known by its id only (CORDIS has unnamed ones)."""
    return bool(model.named[i])


def _named(model: MatchModel, orgs: np.ndarray, only: bool = False) -> np.ndarray:
    """Organisations with a real name first (with ``only``, those alone)."""
    named = np.fromiter((has_name(model, int(i)) for i in orgs), dtype=bool, count=len(orgs))
    return orgs[named] if only else np.concatenate([orgs[named], orgs[~named]])


def _titled(model: MatchModel, projects: np.ndarray) -> int:
    """The first project with a title or an acronym (else the first)."""
    for p in projects:
        if model.project_titles[int(p)] or model.project_acronyms[int(p)]:
            return int(p)
    return int(projects[0])


def _shared_partner_lines(ctx: Context, c: int, limit: int = 2) -> list[Reason]:
    model = ctx.model
    A = model.A
    lo, hi = A.indptr[c], A.indptr[c + 1]
    nb, shared = A.indices[lo:hi], A.data[lo:hi]
    ok = ctx.seed_partner[nb]
    via, counts = nb[ok], shared[ok]
    if via.size == 0:
        return []
    order = np.lexsort((via, -counts))
    lines = []
    for z in _named(model, via[order], only=True)[:limit]:
        z = int(z)
        projs = shared_projects(model, z, c)
        n, p = len(projs), _titled(model, projs)
        s = int(ctx.first_seed[z])
        lines.append(
            Reason(
                f"Worked with {model.names[z]}, a partner of {model.names[s]}, on {n} "
                f"project{'s' if n != 1 else ''}, e.g. {project_phrase(model, c, p)}.",
                project_source(model, c, p),
            )
        )
    if via.size > limit:
        who = _join([model.names[int(s)] for s in ctx.seeds[:2]])
        lines.append(Reason(f"Has worked with {via.size} of {who}'s partners in all."))
    return lines


def _path_line(ctx: Context, c: int) -> list[Reason]:
    """A three-step path seed - z1 - z2 - c when there is no shared partner."""
    model = ctx.model
    if not ctx.seed_partner.any():
        return []
    z2s = model.partners(c)
    if z2s.size == 0:
        return []
    hits = row_dot(model.A_bin, z2s, ctx.seed_partner.astype(np.float64))
    if hits.max() <= 0:
        return []
    j = int(np.lexsort((z2s, -hits))[0])
    z2 = int(z2s[j])
    nb = model.partners(z2)
    z1 = int(nb[ctx.seed_partner[nb]][0])
    p = _titled(model, shared_projects(model, z2, c))
    if not (has_name(model, z1) and has_name(model, z2)):
        return []
    return [
        Reason(
            f"Close in the collaboration network: {model.names[z1]} (a partner of "
            f"{model.names[int(ctx.first_seed[z1])]}) worked with {model.names[z2]}, who "
            f"worked with this organisation on {project_phrase(model, c, p)}.",
            project_source(model, c, p),
        )
    ]


def _peer_line(ctx: Context, c: int) -> list[Reason]:
    model = ctx.model
    if ctx.query.topic is None:
        return []
    partners = model.partners(c)
    if partners.size == 0:
        return []
    sims = ctx.topical[partners]
    keep = partners[(sims > 0) & ~ctx.seed_partner[partners]]  # the others are said already
    if keep.size == 0:
        return []
    best = keep[np.lexsort((keep, -ctx.topical[keep]))][:8]
    names = [model.names[int(i)] for i in _named(model, best, only=True)[:2]]
    if not names:
        return []
    return [Reason(f"Works with organisations of a similar profile, such as {_join(names)}.")]


def enough(terms: list[str], theme: Any) -> bool:
    """A topical reason stands on two terms, or a phrase, or the one term of a one-term call."""
    if len(terms) >= 2 or any(is_phrase(t) for t in terms):
        return True
    return bool(terms) and theme is not None and theme.nnz == 1


def _topic_line(ctx: Context, c: int) -> list[Reason]:
    model, query = ctx.model, ctx.query
    if query.topic is None:
        return []
    prof = model.profiles
    focus = query.theme if query.theme is not None else query.topic
    projs = model.projects_of(c)
    if projs.size:
        sims = ctx.project_sims[projs]
        for j in np.argsort(-sims, kind="stable")[:5]:
            if sims[j] <= 0:
                break
            p = int(projs[j])
            terms = _terms(prof, _row(prof.Xp, p), focus)
            if enough(terms, query.theme):
                return [
                    Reason(
                        f"Works on {_join([shown(t, prof.display) for t in terms])}: project "
                        f"{project_phrase(model, c, p)}.",
                        project_source(model, c, p),
                    )
                ]
    terms = _terms(prof, _row(prof.X, c), focus)
    if enough(terms, query.theme):
        said = _join([shown(t, prof.display) for t in terms])
        return [Reason(f"Its projects and profile mention {said}.")]
    return []


def _row(M: Any, i: int) -> tuple[np.ndarray, np.ndarray]:
    lo, hi = M.indptr[i], M.indptr[i + 1]
    return M.indices[lo:hi], M.data[lo:hi]


def _terms(prof: Any, row: tuple[np.ndarray, np.ndarray], topic: Any, n: int = 3) -> list[str]:
    """The specific terms a text shares with the topic, best first (a phrase hides its words;
    programme codes and generic words are not shown)."""
    indices, data = row
    common = np.intersect1d(indices, topic.indices)
    if common.size == 0:
        return []
    a = dict(zip(indices, data, strict=True))
    b = dict(zip(topic.indices, topic.data, strict=True))
    ranked = [str(prof.vocabulary[t]) for t in sorted(common, key=lambda t: -a[t] * b[t])]
    words = [t for t in ranked if not t.startswith(("c:", "i:")) and t not in GENERIC]
    inside = {w for t in words if is_phrase(t) for w in t.split("_")}
    words = [t for t in words if is_phrase(t) or t not in inside]
    return words[:n]


def _clusters_line(model: MatchModel, c: int, cover: Any = None) -> list[Reason]:
    lines: list[Reason] = []
    cl = [int(x) for x in model.clusters_of(c)]
    if cl and not model.hidden[c]:
        cl.sort(key=lambda x: model.cluster_names[x])
        names = [model.cluster_names[x] for x in cl[:4]]
        e = model.membership(c, cl[0])
        src = (
            source_of(model, model.member_source[e], model.member_ref[e])
            if e >= 0 and model.member_source[e]
            else None
        )
        more = f" (and {len(cl) - 4} more)" if len(cl) > 4 else ""
        lines.append(Reason(f"Member of {_join(names)}{more}.", src))
    for x in getattr(cover, "clusters", []):
        if cover.how(c, x) == "inferred":
            words = [shown(t, model.profiles.display) for t in domain_words(model, x, c)]
            about = f": works on {_join(words)}" if words else ""
            lines.append(
                Reason(
                    f"Fits {model.cluster_names[x]}'s domain (inferred, not a known member){about}."
                )
            )
    return lines


def _lift_line(model: MatchModel, seeds: np.ndarray, c: int, which: str) -> list[Reason]:
    from analytics.matching import signals as sig

    if not len(seeds):
        return []
    s = int(seeds[0])
    if which == "complementarity":
        if model.kinds[c] == model.kinds[s] and model.nace_section[c] == model.nace_section[s]:
            return []
        L, code = sig.complementarity_table(model)
        lift = float(np.exp(L[code[s], code[c]]))
        sect = model.nace_section[c]
        what = KIND_LABELS.get(str(model.kinds[c]), "organisation")
        what += f" (NACE {sect})" if sect else ""
        mine = KIND_LABELS.get(str(model.kinds[s]), "organisation")
        return [
            Reason(
                f"A {what} next to a {mine}: such pairs work together {lift:.1f} times as "
                "often as chance would have it."
            )
        ]
    L, code = sig.geography_table(model)
    lift = float(np.exp(L[code[s], code[c]]))
    place = model.provinces[c] or model.countries[c]
    if not place:
        return []
    return [
        Reason(
            f"Based in {place}: partners from there work with {model.names[s]}'s region "
            f"{lift:.1f} times as often as chance would have it."
        )
    ]


def _activity_line(model: MatchModel, c: int) -> list[Reason]:
    projs = model.projects_of(c)
    if not projs.size:
        return []
    last = int(model.project_years[projs].max())
    n = projs.size
    latest = f", the latest starting in {last}" if last else ""
    return [Reason(f"Active: {n} project{'s' if n != 1 else ''}{latest}.")]


def explain_candidate(
    model: MatchModel, query: Any, c: int, ranking: Any, ctx: Context | None = None
) -> list[Reason]:
    """Reasons why candidate ``c`` ranks where it does, strongest first, one sentence each.

    Pass one ``Context`` for all candidates of a query to compute its shared parts once.
    """
    ctx = ctx or Context(model, query, ranking)
    contrib = ranking.contributions_of(c)
    lines: list[Reason] = []
    done: set[str] = set()
    group = {
        "shared_partners": "path",
        "network": "path",
        "topic_activity": "topic",
        "topical": "topic",
        "cluster_fit": "clusters",
        "bridging": "clusters",
    }
    for name in sorted(
        contrib,
        key=lambda k: (
            -round(contrib[k], 12),
            PRIORITY.index(k) if k in PRIORITY else len(PRIORITY),
        ),
    ):
        key = group.get(name, name)
        if key in done:
            continue
        done.add(key)
        lines += _lines(ctx, c, key)
    if "clusters" not in done:
        lines += _clusters_line(model, c, getattr(query, "cover", None))
    return lines


def _lines(ctx: Context, c: int, key: str) -> list[Reason]:
    model = ctx.model
    if key == "path":
        return _shared_partner_lines(ctx, c) or _path_line(ctx, c)
    if key == "topic":
        return _topic_line(ctx, c)
    if key == "peer_partners":
        return _peer_line(ctx, c)
    if key == "clusters":
        return _clusters_line(model, c, getattr(ctx.query, "cover", None))
    if key == "activity":
        return _activity_line(model, c)
    if key in ("complementarity", "geography"):
        return _lift_line(model, ctx.seeds, c, key)
    if key == "popularity":
        return [Reason(f"Well connected: {int(model.degree[c])} partners.")]
    return []
