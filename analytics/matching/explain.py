"""Explanations a cluster manager can check: sentences built from graph paths and their sources.

Each sentence names the organisations, projects and clusters on a path from the query to the
candidate and cites the ``source`` (and ``source_ref``) of the relationship it rests on, e.g.::

    shares 2 projects with KU Leuven, a partner of imec (e.g. "Smart grids", 2015; source
    cordis:h2020_2014_2016/organization.csv, line 812)
    member of Catalisti and Flanders' FOOD (source seeds/000_da5ac1ebd3a3b6da.txt, Tabel 10)
    works on battery, recycling in project "Re2LiVe" (2019; source …)

Sentences come in the order of the signals' share of the score.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from analytics.matching.match_model import MatchModel
from analytics.matching.proximity import row_dot

# words that say nothing about what an organisation works on (left out of explanations only)
DULL = frozenset(
    "based using new novel towards toward development developing innovative "
    "advanced approach approaches high low integrated european europe research "
    "innovation project projects solutions solution systems system technologies "
    "technology synthetic working".split()
)
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


def cite(source: str, ref: str) -> str:
    if not source:
        return ""
    return f"source {source}, {ref}" if ref else f"source {source}"


def _project_phrase(model: MatchModel, org: int, p: int) -> str:
    e = model.participation(org, p)
    title = model.project_titles[p]
    year = int(model.project_years[p])
    bits = [f"{year}"] if year else []
    c = cite(model.edge_source[e], model.edge_ref[e]) if e >= 0 else ""
    if c:
        bits.append(c)
    name = f'"{_short(title)}"' if title else f"project {model.project_ids[p]}"
    return name + (f" ({'; '.join(bits)})" if bits else "")


def _short(text: str, n: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


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
            self._project_sims = (
                self.model.profiles.project_similarity_to(self.query.topic)
                if self.query.topic is not None
                else np.zeros(len(self.model.project_ids))
            )
        return self._project_sims

    @property
    def topical(self) -> np.ndarray:
        if self._topical is None:
            got = self.ranking.values.get("topical") if self.ranking is not None else None
            if got is None and self.query.topic is not None:
                got = self.model.profiles.similarity_to(self.query.topic)
            self._topical = got if got is not None else np.zeros(self.model.n_orgs)
        return self._topical


def _named(model: MatchModel, orgs: np.ndarray) -> np.ndarray:
    """Organisations with a real name first (CORDIS has unnamed ones: "PIC 123...")."""
    unnamed = np.fromiter(
        (model.names[int(i)].startswith("PIC ") for i in orgs), dtype=bool, count=len(orgs)
    )
    return np.concatenate([orgs[~unnamed], orgs[unnamed]])


def _shared_partner_lines(ctx: Context, c: int, limit: int = 2) -> list[str]:
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
    for z in via[order][:limit]:
        z = int(z)
        projs = shared_projects(model, z, c)
        n = len(projs)
        s = int(ctx.first_seed[z])
        lines.append(
            f"shares {n} project{'s' if n != 1 else ''} with {model.names[z]}, a partner "
            f"of {model.names[s]} (e.g. {_project_phrase(model, c, int(projs[0]))})"
        )
    if via.size > limit:
        who = _join([model.names[int(s)] for s in ctx.seeds[:2]])
        lines.append(f"has worked with {via.size} of {who}'s partners in all")
    return lines


def _path_line(ctx: Context, c: int) -> list[str]:
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
    p = shared_projects(model, z2, c)
    return [
        f"close in the collaboration network: {model.names[z1]} (a partner of "
        f"{model.names[int(ctx.first_seed[z1])]}) worked with {model.names[z2]}, who worked "
        f"with this organisation on {_project_phrase(model, c, int(p[0]))}"
    ]


def _peer_line(ctx: Context, c: int) -> list[str]:
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
    names = [model.names[int(i)] for i in _named(model, best)[:2]]
    return [f"partner of organisations with a similar profile, such as {_join(names)}"]


def _topic_line(ctx: Context, c: int) -> list[str]:
    model, query = ctx.model, ctx.query
    if query.topic is None:
        return []
    projs = model.projects_of(c)
    prof = model.profiles
    if projs.size:
        sims = ctx.project_sims[projs]
        j = int(np.argmax(sims))
        if sims[j] > 0:
            p = int(projs[j])
            terms = _terms(prof, _row(prof.Xp, p), query.topic)
            what = f"works on {_join(terms)} in project " if terms else "works in project "
            return [what + _project_phrase(model, c, p)]
    terms = _terms(prof, _row(prof.X, c), query.topic)
    if terms:
        return [f"profile mentions {_join(terms)}"]
    return []


def _row(M: Any, i: int) -> tuple[np.ndarray, np.ndarray]:
    lo, hi = M.indptr[i], M.indptr[i + 1]
    return M.indices[lo:hi], M.data[lo:hi]


def _terms(prof: Any, row: tuple[np.ndarray, np.ndarray], topic: Any, n: int = 3) -> list[str]:
    indices, data = row
    common = np.intersect1d(indices, topic.indices)
    if common.size == 0:
        return []
    a = dict(zip(indices, data, strict=True))
    b = dict(zip(topic.indices, topic.data, strict=True))
    ranked = sorted(common, key=lambda t: -a[t] * b[t])
    words = [
        str(prof.vocabulary[t])
        for t in ranked
        if ":" not in str(prof.vocabulary[t]) and str(prof.vocabulary[t]) not in DULL
    ]
    if not words:  # only programme codes in common
        words = ["programme line " + str(prof.vocabulary[t])[2:].upper() for t in ranked[:1]]
    return words[:n]


def _clusters_line(model: MatchModel, c: int, only: list[int] | None = None) -> list[str]:
    cl = [int(x) for x in model.clusters_of(c)]
    if only is not None:
        cl = [x for x in cl if x in only] or cl
    if not cl:
        return []
    cl.sort(key=lambda x: model.cluster_names[x])
    names = [model.cluster_names[x] for x in cl[:4]]
    e = model.membership(c, cl[0])
    src = cite(model.member_source[e], model.member_ref[e]) if e >= 0 else ""
    more = f" (+{len(cl) - 4} more)" if len(cl) > 4 else ""
    return [f"member of {_join(names)}{more}" + (f" ({src})" if src else "")]


def _lift_line(model: MatchModel, seeds: np.ndarray, c: int, which: str) -> list[str]:
    from analytics.matching import signals as sig

    if not len(seeds):
        return []
    s = int(seeds[0])
    if which == "complementarity":
        L, code = sig.complementarity_table(model)
        lift = float(np.exp(L[code[s], code[c]]))
        sect = model.nace_section[c]
        what = KIND_LABELS.get(str(model.kinds[c]), "organisation")
        what += f" (NACE {sect})" if sect else ""
        mine = KIND_LABELS.get(str(model.kinds[s]), "organisation")
        if model.kinds[c] == model.kinds[s] and model.nace_section[c] == model.nace_section[s]:
            return []
        return [
            f"a {what} next to a {mine}: such pairs work together {lift:.1f}x as often as "
            f"chance would have it"
        ]
    L, code = sig.geography_table(model)
    lift = float(np.exp(L[code[s], code[c]]))
    place = model.provinces[c] or model.countries[c]
    return (
        [
            f"based in {place}: partners from there work with {model.names[s]}'s region "
            f"{lift:.1f}x as often as chance"
        ]
        if place
        else []
    )


def explain_candidate(
    model: MatchModel, query: Any, c: int, ranking: Any, ctx: Context | None = None
) -> list[str]:
    """Sentences explaining why candidate ``c`` ranks where it does, strongest reason first.

    Pass one ``Context`` for all candidates of a query to compute its shared parts once.
    """
    ctx = ctx or Context(model, query, ranking)
    seeds = ctx.seeds
    contrib = ranking.contributions_of(c)
    lines: list[str] = []
    done: set[str] = set()
    for name in sorted(
        contrib,
        key=lambda k: (
            -round(contrib[k], 12),
            PRIORITY.index(k) if k in PRIORITY else len(PRIORITY),
        ),
    ):
        if name in ("shared_partners", "network") and "path" not in done:
            got = _shared_partner_lines(ctx, c) or _path_line(ctx, c)
            lines += got
            done.add("path")
        elif name in ("topic_activity", "topical") and "topic" not in done:
            lines += _topic_line(ctx, c)
            done.add("topic")
        elif name == "peer_partners":
            lines += _peer_line(ctx, c)
        elif name in ("cluster_fit", "bridging") and "clusters" not in done:
            lines += _clusters_line(model, c, list(query.clusters) or None)
            done.add("clusters")
        elif name == "activity":
            projs = model.projects_of(c)
            if projs.size:
                last = int(model.project_years[projs].max())
                lines.append(
                    f"active: {projs.size} project{'s' if projs.size != 1 else ''}"
                    + (f", the latest starting in {last}" if last else "")
                )
        elif name in ("complementarity", "geography"):
            lines += _lift_line(model, seeds, c, name)
        elif name == "popularity":
            lines.append(f"well connected: {int(model.degree[c])} partners")
    if "clusters" not in done and model.clusters_of(c).size:
        lines += _clusters_line(model, c)
    return lines
