"""Intercluster overlap (shared members, Jaccard, overlap coefficient, sectors, themes) and brokers.

All pairs at once from the sparse membership matrix ``M`` (organisations × clusters):
``M^T M`` holds the shared-member counts of every pair of clusters and, on its diagonal,
the cluster sizes, in one sparse product (``O(sum over organisations of m_i^2)`` for
``m_i`` memberships) instead of a set intersection per pair.

>>> from analytics.projection import from_rows
>>> p = from_rows(orgs=[{"id": x} for x in "abcd"], clusters=[{"id": "X"}, {"id": "Y"}],
...               memberships=[{"organisation": o, "cluster": c}
...                            for c, members in (("X", "abc"), ("Y", "bcd")) for o in members])
>>> ov = cluster_overlap(p)
>>> ov.shared.tolist(), ov.jaccard.tolist(), round(float(ov.overlap_coefficient[0]), 4)
([2], [0.5], 0.6667)
>>> ov.shared_ids(p, 0)
['b', 'c']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

from analytics import provenance
from analytics.projection import Projection


@dataclass(frozen=True, eq=False)
class Overlap:
    """Every pair of clusters ``a < b`` (by index, i.e. by id) that shares a member.

    Parallel arrays, one entry per pair, sorted by ``(a, b)``. The organisations a pair
    shares are ``shared_orgs[shared_ptr[k]:shared_ptr[k + 1]]`` (organisation indices,
    sorted). Pairs without a shared member are left out: their Jaccard index and overlap
    coefficient are 0 (their sector and theme overlap may not be, but this is a table of
    shared members).
    """

    a: np.ndarray
    b: np.ndarray
    shared: np.ndarray
    jaccard: np.ndarray
    overlap_coefficient: np.ndarray
    sector_jaccard: np.ndarray
    theme_jaccard: np.ndarray
    shared_ptr: np.ndarray = field(repr=False)
    shared_orgs: np.ndarray = field(repr=False)
    sector_level: str = "division"
    # per pair: the share of the two clusters' members that are synthetic or example data
    synthetic_share: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False)

    def __len__(self) -> int:
        return len(self.a)

    def shared_ids(self, proj: Projection, k: int) -> list[str]:
        """Ids of the organisations pair ``k`` shares."""
        idx = self.shared_orgs[self.shared_ptr[k] : self.shared_ptr[k + 1]]
        return [proj.org_ids[i] for i in idx.tolist()]


def _jaccard(pattern: sp.csr_matrix, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Jaccard index of the row sets of a 0/1 matrix, for the row pairs (a[k], b[k])."""
    pattern = pattern.tocsr()
    pattern.data = np.ones_like(pattern.data)
    if len(a) == 0:
        return np.zeros(0)
    inter = np.asarray((pattern @ pattern.T).tocsr()[a, b]).ravel()
    size = np.asarray(pattern.sum(axis=1)).ravel()
    union = size[a] + size[b] - inter
    return np.divide(inter, union, out=np.zeros(len(a)), where=union > 0)


def _shared_members(proj: Projection, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(pointer, organisations) of the members shared by each pair, pairs keyed a*C + b."""
    c = proj.n_clusters
    mem = proj.memberships  # sorted by (organisation, cluster)
    if len(mem) == 0 or len(keys) == 0:
        return np.zeros(len(keys) + 1, dtype=np.int64), np.zeros(0, dtype=np.int64)
    orgs, starts, counts = np.unique(mem[:, 0], return_index=True, return_counts=True)
    pair_key, pair_org = [], []
    for i in range(int(counts.max())):
        for j in range(i + 1, int(counts.max())):
            has = counts > j
            pair_key.append(mem[starts[has] + i, 1] * c + mem[starts[has] + j, 1])
            pair_org.append(orgs[has])
    key = np.concatenate(pair_key) if pair_key else np.zeros(0, dtype=np.int64)
    org = np.concatenate(pair_org) if pair_org else np.zeros(0, dtype=np.int64)
    order = np.lexsort((org, key))
    key, org = key[order], org[order]
    ptr = np.searchsorted(key, np.concatenate([keys, [keys[-1] + 1]]))
    return ptr.astype(np.int64), org.astype(np.int64)


def cluster_overlap(proj: Projection, *, sector_level: str = "division") -> Overlap:
    """Shared members, Jaccard, overlap coefficient, sector and theme overlap of cluster pairs.

    Parameters
    ----------
    proj : Projection
    sector_level : {"division", "section"}
        NACE level of the sector sets (``graph.nace``).

    Returns
    -------
    Overlap
        Only pairs that share at least one member.

    Notes
    -----
    For member sets ``A`` and ``B``: ``shared = |A ∩ B|``, ``jaccard = |A ∩ B| / |A ∪ B|``,
    ``overlap_coefficient = |A ∩ B| / min(|A|, |B|)`` (Szymkiewicz-Simpson; 1 when one
    cluster's members all belong to the other). ``sector_jaccard`` is the Jaccard index of
    the sets of NACE sectors of the two clusters' members (organisations without a known
    code left out); ``theme_jaccard`` that of their theme sets, a cluster's themes being
    those of the projects it takes part in itself and of its members' projects.

    References
    ----------
    P. Jaccard, "Étude comparative de la distribution florale dans une portion des Alpes et
    du Jura", Bull. Soc. Vaudoise Sci. Nat. 37 (1901). M. Vijaymeena, K. Kavitha, "A survey
    on similarity measures in text mining", MLAIJ 3 (2016) (overlap coefficient).
    """
    m = proj.membership_matrix
    counts = (m.T @ m).tocsr()
    sizes = counts.diagonal()
    upper = sp.triu(counts, k=1).tocoo()
    order = np.lexsort((upper.col, upper.row))
    a = upper.row[order].astype(np.int64)
    b = upper.col[order].astype(np.int64)
    shared = np.rint(upper.data[order]).astype(np.int64)
    keep = shared > 0
    a, b, shared = a[keep], b[keep], shared[keep]
    union = sizes[a] + sizes[b] - shared
    smaller = np.minimum(sizes[a], sizes[b])

    names, sector = proj.sectors(sector_level)
    known = np.flatnonzero(sector >= 0)
    org_sector = sp.csr_matrix(
        (np.ones(len(known)), (known, sector[known])), shape=(proj.n_orgs, len(names))
    )
    cluster_themes = (
        proj.cluster_participation_matrix + (m.T @ proj.participation_matrix)
    ) @ proj.theme_matrix
    ptr, orgs = _shared_members(proj, a * proj.n_clusters + b)
    return Overlap(
        a=a,
        b=b,
        shared=shared,
        jaccard=shared / union,
        overlap_coefficient=shared / smaller,
        sector_jaccard=_jaccard(m.T @ org_sector, a, b),
        theme_jaccard=_jaccard(sp.csr_matrix(cluster_themes), a, b),
        shared_ptr=ptr,
        shared_orgs=orgs,
        sector_level=sector_level,
        synthetic_share=provenance.overlap_shares(proj, a, b),
    )


def overlap_rows(
    proj: Projection, ov: Overlap, top: int | None = None, with_ids: bool = True
) -> list[dict[str, Any]]:
    """One dict per pair, most shared members first (ties by Jaccard, then ids).

    Keys: ``a, b, a_name, b_name, shared, jaccard, overlap_coefficient, sector_jaccard,
    theme_jaccard, from_synthetic, synthetic_share`` and ``shared_ids`` (when ``with_ids``).
    """
    order = np.lexsort((ov.b, ov.a, -ov.jaccard, -ov.shared))
    if top:
        order = order[:top]
    out = []
    for k in order.tolist():
        a, b = int(ov.a[k]), int(ov.b[k])
        row: dict[str, Any] = {
            "a": proj.cluster_ids[a],
            "b": proj.cluster_ids[b],
            "a_name": proj.cluster_name[a],
            "b_name": proj.cluster_name[b],
            "shared": int(ov.shared[k]),
            "jaccard": float(ov.jaccard[k]),
            "overlap_coefficient": float(ov.overlap_coefficient[k]),
            "sector_jaccard": float(ov.sector_jaccard[k]),
            "theme_jaccard": float(ov.theme_jaccard[k]),
            **provenance.fields(ov.synthetic_share, k),
        }
        if with_ids:
            row["shared_ids"] = ov.shared_ids(proj, k)
        out.append(row)
    return out


def brokers(proj: Projection, top: int | None = None) -> list[dict[str, Any]]:
    """Organisations in two or more clusters, by number of clusters, then of projects.

    Returns dicts ``id, name, kind, clusters`` (count), ``projects`` (count),
    ``cluster_pairs`` (pairs of clusters the organisation bridges, ``m(m-1)/2``) and
    ``cluster_ids``; ties broken by id.

    >>> from analytics.projection import from_rows
    >>> p = from_rows(orgs=[{"id": x} for x in "ab"], clusters=[{"id": "X"}, {"id": "Y"}],
    ...               memberships=[{"organisation": "a", "cluster": "X"},
    ...                            {"organisation": "a", "cluster": "Y"},
    ...                            {"organisation": "b", "cluster": "X"}])
    >>> [(r["id"], r["clusters"], r["cluster_ids"]) for r in brokers(p)]
    [('a', 2, ['X', 'Y'])]
    """
    m = proj.membership_matrix
    n_clusters = np.diff(m.indptr)
    n_projects = np.diff(proj.participation_matrix.indptr)
    cand = np.flatnonzero(n_clusters >= 2)
    order = cand[np.lexsort((cand, -n_projects[cand], -n_clusters[cand]))]
    if top:
        order = order[:top]
    return [
        {
            "id": proj.org_ids[i],
            "name": proj.org_name[i],
            "kind": proj.org_kind[i],
            "clusters": int(n_clusters[i]),
            "projects": int(n_projects[i]),
            "cluster_pairs": int(n_clusters[i] * (n_clusters[i] - 1) // 2),
            "cluster_ids": [proj.cluster_ids[c] for c in m.indices[m.indptr[i] : m.indptr[i + 1]]],
        }
        for i in order.tolist()
    ]
