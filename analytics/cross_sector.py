"""Cross-sector links: the NACE sector × sector matrix of collaborations, per project or cluster.

How a link is counted: **once per pair of organisations per shared project** (``via=
"projects"``) or **per shared cluster** (``via="clusters"``). Two organisations that share
three projects give three links; a project of ``k`` organisations gives ``k(k-1)/2``.
Organisations without a known NACE code are left out. With ``S`` the organisations ×
sectors indicator matrix and ``B`` the organisations × projects (or clusters) incidence,
``Y = S^T B`` counts each sector in each project, and

.. math:: X = Y Y^T - \\operatorname{diag}(Y \\mathbf{1})

counts ordered pairs of distinct organisations: ``X[a, b]`` (``a != b``) is the number of
links between sectors ``a`` and ``b``, ``X[a, a] / 2`` the links inside sector ``a``. One
sparse product, whatever the size of the projects and clusters.

>>> from analytics.projection import from_rows
>>> p = from_rows(orgs=[{"id": "f1", "nace": "20.1"}, {"id": "f2", "nace": "20.5"},
...                     {"id": "u1", "nace": "85.4"}],
...               projects=[{"id": "p"}],
...               participations=[{"project": "p", "organisations": ["f1", "f2", "u1"]}])
>>> m = sector_matrix(p, "section")
>>> m.sectors, m.links.tolist()
(['C', 'P'], [[1, 2], [2, 0]])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from analytics import provenance
from analytics.projection import Projection
from graph import nace

VIAS = ("projects", "clusters")


@dataclass(frozen=True, eq=False)
class SectorMatrix:
    """Links between sectors: ``links[a, b]`` for ``a != b``, links inside ``a`` on the diagonal.

    Symmetric; ``sectors`` names the rows (sorted NACE codes at ``level``).
    """

    level: str
    via: str
    sectors: list[str]
    links: np.ndarray
    # per cell: the share of the links that involve synthetic or example data
    synthetic_share: np.ndarray | None = None

    @property
    def cross_links(self) -> int:
        """Links between different sectors."""
        return int(np.triu(self.links, k=1).sum())

    @property
    def within_links(self) -> int:
        return int(np.trace(self.links))


def _sector_incidence(proj: Projection, level: str) -> tuple[list[str], sp.csr_matrix]:
    names, sector = proj.sectors(level)
    known = np.flatnonzero(sector >= 0)
    s = sp.csr_matrix(
        (np.ones(len(known)), (known, sector[known])), shape=(proj.n_orgs, len(names))
    )
    return names, s


def sector_matrix(proj: Projection, level: str = "section", via: str = "projects") -> SectorMatrix:
    """The sector × sector matrix of links through shared projects or clusters.

    Parameters
    ----------
    proj : Projection
    level : {"section", "division"}
    via : {"projects", "clusters"}

    Returns
    -------
    SectorMatrix
        Integer counts (see the module docstring for how a link is counted).

    References
    ----------
    Eurostat, "NACE Rev. 2 - Statistical classification of economic activities in the
    European Community" (2008). M. E. J. Newman, "Mixing patterns in networks", Phys. Rev.
    E 67, 026126 (2003) (the mixing matrix this generalises to hyperedges).
    """
    if via not in VIAS:
        raise ValueError(f"via must be one of {VIAS}, not {via!r}")
    if level not in nace.COARSE_LEVELS:
        raise ValueError(f"level must be one of {nace.COARSE_LEVELS}, not {level!r}")
    names, links = _links(proj, level, via)
    real = provenance.real_part(proj)
    share = np.zeros(links.shape)
    if real is not proj:  # the links among real organisations only, in the same sector order
        real_names, real_links = _links(real, level, via)
        index = np.array([names.index(c) for c in real_names], dtype=np.int64)
        aligned = np.zeros(links.shape)
        aligned[np.ix_(index, index)] = real_links
        share = provenance.count_shares(links, aligned)
    share.setflags(write=False)
    return SectorMatrix(level, via, names, links, share)


def _links(proj: Projection, level: str, via: str) -> tuple[list[str], np.ndarray]:
    names, s = _sector_incidence(proj, level)
    b = proj.participation_matrix if via == "projects" else proj.membership_matrix
    y = (s.T @ b).tocsr()
    x = (y @ y.T).toarray() - np.diag(np.asarray(y.sum(axis=1)).ravel())
    links = np.rint(x).astype(np.int64)
    np.fill_diagonal(links, np.diag(links) // 2)
    links.setflags(write=False)
    return names, links


def sector_links(
    mat: SectorMatrix, cross_only: bool = True, top: int | None = None
) -> list[dict[str, Any]]:
    """The matrix as rows ``sector_a, sector_b, links, via, level, label_a, label_b,
    from_synthetic, synthetic_share`` (``a <= b``), most first.

    ``cross_only`` leaves out links inside one sector. Ties by sector codes.
    """
    k = 1 if cross_only else 0
    a, b = np.triu_indices(len(mat.sectors), k=k)
    links = mat.links[a, b]
    keep = links > 0
    a, b, links = a[keep], b[keep], links[keep]
    order = np.lexsort((b, a, -links))
    if top:
        order = order[:top]
    share = mat.synthetic_share[a, b] if mat.synthetic_share is not None else np.zeros(len(a))
    return [
        {
            "sector_a": mat.sectors[a[i]],
            "sector_b": mat.sectors[b[i]],
            "links": int(links[i]),
            "via": mat.via,
            "level": mat.level,
            "label_a": nace.label(mat.sectors[a[i]]),
            "label_b": nace.label(mat.sectors[b[i]]),
            **provenance.fields(share, i),
        }
        for i in order.tolist()
    ]


def cluster_cross_sector_share(proj: Projection, level: str = "section") -> list[dict[str, Any]]:
    """Each cluster's share of cross-sector ties among its members.

    A tie is a pair of members that both have a known sector; ``share = cross / ties``
    (None for a cluster with fewer than two such members). Rows ``id, name, members,
    with_sector, ties, cross_ties, share, level, from_synthetic, synthetic_share`` (the share of
    the ties that involve synthetic or example data), in cluster id order.

    >>> from analytics.projection import from_rows
    >>> p = from_rows(orgs=[{"id": "a", "nace": "20"}, {"id": "b", "nace": "21"},
    ...                     {"id": "c", "nace": "62"}], clusters=[{"id": "X"}],
    ...               memberships=[{"organisation": o, "cluster": "X"} for o in "abc"])
    >>> r = cluster_cross_sector_share(p, "section")[0]
    >>> r["ties"], r["cross_ties"], round(r["share"], 4)
    (3, 2, 0.6667)
    """
    out = _cross_shares(proj, level)
    real = provenance.real_part(proj)
    real_ties = {r["id"]: r["ties"] for r in _cross_shares(real, level)} if real is not proj else {}
    ties = np.array([r["ties"] for r in out], dtype=float)
    kept = np.array([real_ties.get(r["id"], 0 if real is not proj else r["ties"]) for r in out])
    shares = provenance.count_shares(ties, kept)
    for c, row in enumerate(out):
        row.update(provenance.fields(shares, c))
    return out


def _cross_shares(proj: Projection, level: str) -> list[dict[str, Any]]:
    _, s = _sector_incidence(proj, level)
    m = proj.membership_matrix
    y = (s.T @ m).toarray()  # sectors × clusters
    known = y.sum(axis=0)
    ties = known * (known - 1) / 2
    same = (y * (y - 1) / 2).sum(axis=0)
    members = np.diff(m.tocsc().indptr)
    out = []
    for c in range(proj.n_clusters):
        t = int(round(ties[c]))
        cross = int(round(ties[c] - same[c]))
        out.append(
            {
                "id": proj.cluster_ids[c],
                "name": proj.cluster_name[c],
                "members": int(members[c]),
                "with_sector": int(known[c]),
                "ties": t,
                "cross_ties": cross,
                "share": cross / t if t else None,
                "level": level,
            }
        )
    return out
