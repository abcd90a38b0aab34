"""Cluster fit when no member list is known: members, or organisations that fit the domain.

The real clusters' member lists are not public data innograph holds; cluster managers load
theirs with ``innograph ingest``. For a required cluster the partner search therefore uses,
in this order:

1. its *known members*: real (not synthetic, not example) current memberships;
2. when it has none, its *inferred fit*: organisations whose projects match the cluster's
   domain (``read_cluster_domains``: its domain and description, its IBNs' names and themes,
   its intercluster projects' titles), scored like ``topic_activity`` (the sum over an
   organisation's projects of their cosine with the domain, each project sharing at least
   two domain terms), the ``FIT_POOL`` best kept. The answer labels them "fits Catalisti's
   domain (inferred)" and never calls them members.

>>> from analytics.matching import from_rows
>>> m = from_rows([{"id": o} for o in "abc"],
...     [{"org": "a", "project": "p", "title": "sustainable chemistry of plastics"},
...      {"org": "b", "project": "q", "title": "plastics recycling"},
...      {"org": "c", "project": "r", "title": "offshore wind"}],
...     clusters=[{"id": "cat", "name": "Catalisti",
...                "domain": "duurzame chemie en kunststofsector"}])
>>> fit = inferred_fit(m, 0, np.ones(3, bool))
>>> [m.org_ids[i] for i in np.flatnonzero(fit)]
['a']
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from analytics.matching import proximity
from analytics.matching.match_model import MatchModel

FIT_POOL = 40


def domain_vector(model: MatchModel, c: int):
    """The cluster's domain as a query row of the profile space (None when it has no text)."""
    docs = model.cluster_docs[c] if c < len(model.cluster_docs) else []
    row = model.profiles.vector(docs, query=True) if docs else None
    return row if row is not None and row.nnz else None


def known_members(model: MatchModel, c: int, include_hidden: bool = False) -> np.ndarray:
    """Positions of the current members of cluster ``c`` (real ones unless asked)."""
    col = model.M[:, c]
    members = col.nonzero()[0]
    if not include_hidden:
        members = members[~model.hidden[members]]
    return np.sort(members)


def inferred_fit(model: MatchModel, c: int, allowed: np.ndarray, pool: int = FIT_POOL):
    """A score over all organisations: their fit to cluster ``c``'s domain, the ``pool``
    best admissible ones only (0 elsewhere)."""
    out = np.zeros(model.n_orgs)
    row = domain_vector(model, c)
    if row is None:
        return out
    prof = model.profiles
    psim = prof.project_similarity_to(row)
    psim[prof.coverage(row, projects=True) < min(2, row.nnz)] = 0.0
    psim[~(np.asarray(model.P.T @ allowed.astype(np.float32)).ravel() > 0)] = 0.0
    nz = np.flatnonzero(psim)
    if nz.size == 0:
        return out
    score = proximity.combine_rows(model.P.T.tocsr(), nz, psim[nz]) * allowed
    best = np.flatnonzero(score > 0)
    if best.size > pool:
        best = best[np.argsort(-score[best], kind="stable")[:pool]]
    out[best] = score[best]
    return out


@dataclass
class Cover:
    """How each required cluster can be covered: by known members, or by inferred fit."""

    clusters: list[int] = field(default_factory=list)
    known: dict[int, set[int]] = field(default_factory=dict)
    inferred: dict[int, dict[int, float]] = field(default_factory=dict)

    def how(self, i: int, c: int) -> str | None:
        """``"member"``, ``"inferred"`` or None: how organisation ``i`` covers cluster ``c``."""
        if i in self.known.get(c, ()):
            return "member"
        if i in self.inferred.get(c, {}):
            return "inferred"
        return None

    def covered_by(self, i: int) -> set[int]:
        return {c for c in self.clusters if self.how(i, c)}

    def fit(self, n: int) -> np.ndarray:
        """The ``cluster_fit`` signal: 1 for a known member, below 1 for inferred fit."""
        out = np.zeros(n)
        for c in self.clusters:
            inf = self.inferred.get(c, {})
            if inf:
                top = max(inf.values())
                for i, v in inf.items():
                    out[i] = max(out[i], 0.5 * v / top)
            for i in self.known.get(c, ()):
                out[i] = 1.0
        return out


def cover_for(
    model: MatchModel, clusters: list[int], allowed: np.ndarray, include_hidden: bool = False
) -> Cover:
    """Known members of each required cluster, and inferred fit for those without any."""
    cover = Cover(list(clusters))
    for c in clusters:
        members = known_members(model, c, include_hidden)
        cover.known[c] = set(members.tolist())
        if not members.size:
            fit = inferred_fit(model, c, allowed)
            cover.inferred[c] = {int(i): float(fit[i]) for i in np.flatnonzero(fit)}
    return cover


def domain_words(model: MatchModel, c: int, i: int, n: int = 3) -> list[str]:
    """The domain terms of cluster ``c`` that organisation ``i``'s profile shares, best first."""
    row = domain_vector(model, c)
    if row is None:
        return []
    x = model.profiles.X[i]
    common = np.intersect1d(x.indices, row.indices)
    a = dict(zip(x.indices, x.data, strict=True))
    b = dict(zip(row.indices, row.data, strict=True))
    ranked = sorted(common, key=lambda t: -a[t] * b[t])
    return [
        str(model.profiles.vocabulary[t])
        for t in ranked
        if ":" not in str(model.profiles.vocabulary[t])
    ][:n]
