"""How much of each derived fact rests on synthetic or example data.

The analyses run on whatever the graph holds; in a demo that is the real landscape plus
thousands of synthetic members (and perhaps the fictional example files). A figure computed
from them is not a fact about the real ecosystem, so every derived fact carries
``from_synthetic`` (true when synthetic or example inputs contributed) and ``synthetic_share``
(the share of its contributing inputs that were synthetic or example, 0 to 1). The inputs of
each kind of fact:

* cluster statistics and helix mix (members, kinds, SME share): the cluster's members; for a
  project, its participants;
* an overlap of clusters A and B (shared, Jaccard, overlap coefficient, sector and theme
  overlap): the members of A or B (``|A ∪ B|``), the sets every measure is computed from;
* centrality (degree, weighted degree, betweenness, PageRank): the organisations of its
  connected component in the organisation network, which are the ones that can change it;
* a cluster's most central members: the organisations of every component its members lie in;
* sector links and a cluster's cross-sector share (counts of ties): the ties; the share is
  ``1 - (count among real organisations only) / count``.

``real_part`` is the projection without synthetic and example data (organisations, clusters,
projects and whatever touches them): the analytics run on it when asked for real data only.

>>> from analytics.projection import from_rows
>>> p = from_rows(orgs=[{"id": "a"}, {"id": "b"}, {"id": "s", "synthetic": True}],
...               clusters=[{"id": "X"}, {"id": "Y"}],
...               memberships=[{"organisation": o, "cluster": c}
...                            for c, m in (("X", "abs"), ("Y", "b")) for o in m])
>>> unit_shares(p, "clusters").round(4).tolist()
[0.3333, 0.0]
>>> real_part(p).org_ids, flag(1 / 3)
(['a', 'b'], (True, 0.3333))
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from analytics.network import OrgNetwork
from analytics.projection import Projection


def flag(share: float | None) -> tuple[bool, float]:
    """``(from_synthetic, synthetic_share)`` of a share (rounded to 4 places; None is 0)."""
    exact = float(share or 0.0)
    rounded = round(exact, 4)
    if exact > 0 and rounded == 0:  # a trace of synthetic data still counts
        rounded = 0.0001
    return exact > 0, rounded


def fields(shares: np.ndarray, k: int) -> dict[str, bool | float]:
    """``{from_synthetic, synthetic_share}`` of entry ``k`` of an array of shares."""
    found, share = flag(float(shares[k]) if len(shares) > k else 0.0)
    return {"from_synthetic": found, "synthetic_share": share}


def _ratio(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    part, whole = np.asarray(part, dtype=float), np.asarray(whole, dtype=float)
    return np.divide(part, whole, out=np.zeros(whole.shape), where=whole > 0)


def unit_shares(proj: Projection, unit: str = "clusters") -> np.ndarray:
    """Per cluster (its members) or project (its participants): the share that is demo data.

    A unit that is itself synthetic or example data counts as entirely so."""
    incidence = proj.membership_matrix if unit == "clusters" else proj.participation_matrix
    demo = proj.org_demo.astype(float)
    members = np.asarray(incidence.sum(axis=0)).ravel()
    shares = _ratio(incidence.T @ demo, members)
    own = proj.cluster_demo if unit == "clusters" else proj.project_demo
    return np.where(own, 1.0, shares)


def overlap_shares(proj: Projection, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per cluster pair ``(a[k], b[k])``: the demo share of the members of either cluster."""
    m = proj.membership_matrix
    demo = proj.org_demo.astype(float)
    sizes = np.asarray(m.sum(axis=0)).ravel()
    demo_sizes = m.T @ demo
    shared = np.asarray((m.T @ m).tocsr()[a, b]).ravel() if len(a) else np.zeros(0)
    shared_demo = (
        np.asarray((m.T @ sp.diags(demo) @ m).tocsr()[a, b]).ravel() if len(a) else np.zeros(0)
    )
    union = sizes[a] + sizes[b] - shared
    shares = _ratio(demo_sizes[a] + demo_sizes[b] - shared_demo, union)
    return np.where(proj.cluster_demo[a] | proj.cluster_demo[b], 1.0, shares)


def components(net: OrgNetwork) -> np.ndarray:
    """Each organisation's connected component in the network (hyperedges of weight > 0)."""
    n = net.n
    inc = net.incidence.tocsc()[:, np.flatnonzero(net.weights > 0)].tocsr()
    bipartite = sp.bmat([[None, inc], [inc.T, None]], format="csr") if inc.shape[1] else None
    if bipartite is None or n == 0:
        return np.arange(n)
    _, labels = connected_components(bipartite, directed=False)
    return labels[:n]


def component_shares(proj: Projection, labels: np.ndarray) -> np.ndarray:
    """Per organisation: the demo share of the organisations of its component."""
    if not len(labels):
        return np.zeros(0)
    size = np.bincount(labels)
    demo = np.bincount(labels, weights=proj.org_demo.astype(float), minlength=len(size))
    return (demo / size)[labels]


def ranking_shares(proj: Projection, labels: np.ndarray) -> np.ndarray:
    """Per cluster: the demo share of the organisations of the components of its members."""
    size = np.bincount(labels) if len(labels) else np.zeros(0)
    demo = np.bincount(labels, weights=proj.org_demo.astype(float), minlength=len(size))
    out = np.zeros(proj.n_clusters)
    m = proj.membership_matrix.tocsc()
    for c in range(proj.n_clusters):
        comps = np.unique(labels[m.indices[m.indptr[c] : m.indptr[c + 1]]])
        whole = size[comps].sum()
        out[c] = demo[comps].sum() / whole if whole else 0.0
    return np.where(proj.cluster_demo, 1.0, out)


def count_shares(full: np.ndarray, real: np.ndarray) -> np.ndarray:
    """``1 - real / full`` where ``full > 0`` (a count's share that rests on demo data)."""
    full, real = np.asarray(full, dtype=float), np.asarray(real, dtype=float)
    return np.clip(1.0 - _ratio(real, full), 0.0, 1.0) * (full > 0)


def real_part(proj: Projection) -> Projection:
    """The projection without synthetic and example organisations, clusters and projects
    (and the memberships and participations that touch them); ``proj`` itself when it has
    none."""
    if not (proj.org_demo.any() or proj.cluster_demo.any() or proj.project_demo.any()):
        return proj
    keep_o = np.flatnonzero(~proj.org_demo)
    keep_c = np.flatnonzero(~proj.cluster_demo)
    keep_p = np.flatnonzero(~proj.project_demo)

    def remap(keep: np.ndarray, n: int) -> np.ndarray:
        new = np.full(n, -1, dtype=np.int64)
        new[keep] = np.arange(len(keep))
        return new

    o, c, p = (
        remap(keep_o, proj.n_orgs),
        remap(keep_c, proj.n_clusters),
        remap(keep_p, proj.n_projects),
    )

    def pairs(arr: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        if not len(arr):
            return arr
        x, y = left[arr[:, 0]], right[arr[:, 1]]
        ok = (x >= 0) & (y >= 0)
        return _frozen(np.column_stack([x[ok], y[ok]]))

    def pick(values: list, keep: np.ndarray) -> list:
        return [values[i] for i in keep.tolist()]

    org_ids, cluster_ids, project_ids = (
        pick(proj.org_ids, keep_o),
        pick(proj.cluster_ids, keep_c),
        pick(proj.project_ids, keep_p),
    )
    return Projection(
        org_ids=org_ids,
        org_name=pick(proj.org_name, keep_o),
        org_kind=pick(proj.org_kind, keep_o),
        org_size=pick(proj.org_size, keep_o),
        org_nace=pick(proj.org_nace, keep_o),
        org_synthetic=_frozen(np.zeros(len(keep_o), dtype=bool)),
        org_example=_frozen(np.zeros(len(keep_o), dtype=bool)),
        cluster_ids=cluster_ids,
        cluster_name=pick(proj.cluster_name, keep_c),
        cluster_type=pick(proj.cluster_type, keep_c),
        memberships=pairs(proj.memberships, o, c),
        project_ids=project_ids,
        project_year=pick(proj.project_year, keep_p),
        project_themes=pick(proj.project_themes, keep_p),
        participations=pairs(proj.participations, o, p),
        cluster_participations=pairs(proj.cluster_participations, c, p),
        org_index={k: i for i, k in enumerate(org_ids)},
        cluster_index={k: i for i, k in enumerate(cluster_ids)},
        project_index={k: i for i, k in enumerate(project_ids)},
        cluster_demo=_frozen(np.zeros(len(keep_c), dtype=bool)),
        project_demo=_frozen(np.zeros(len(keep_p), dtype=bool)),
    )


def _frozen(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)
    return a


def demo_share(proj: Projection) -> float:
    """The share of the projection's organisations that are synthetic or example data."""
    return float(proj.org_demo.mean()) if proj.n_orgs else 0.0
