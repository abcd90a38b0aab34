"""The organisation network, kept factored as a hypergraph so that big clusters do not explode.

Two organisations are linked when they share a project (view ``projects``), a cluster
(view ``clusters``) or either (view ``both``). Each shared project or cluster is a
*hyperedge* ``e`` with a weight ``w_e`` per pair it joins, and the weighted adjacency is

.. math:: W = B \\operatorname{diag}(w) B^T - \\operatorname{diag}(B\\,w)

where ``B`` is the organisations × hyperedges incidence matrix (0/1). Weights:

* a shared project counts 1, so in view ``projects`` ``W[u, v]`` is the number of projects
  u and v share;
* a shared cluster counts ``1 / (|C| - 1)`` (``cluster_weight="newman"``, the default, after
  Newman 2001): a membership adds weight 1 to an organisation's strength whatever the
  cluster's size, so a 700-member cluster does not swamp the project ties; with
  ``cluster_weight="count"`` it counts 1 like a project;
* view ``both`` adds the two.

The clique expansion ``W`` is never built for the large computations: strengths, PageRank
(``W x = B (w * (B^T x)) - (B w) * x``, two sparse products per iteration) and betweenness
(on the bipartite organisation-hyperedge graph) work on ``B`` directly, in ``O(nnz(B))``
memory, whereas the clique expansion of 27 clusters of 5,000 members has 300 million edges.
``adjacency`` and ``to_networkx`` materialise it for small graphs and for the baselines.

References
----------
M. E. J. Newman, "Scientific collaboration networks. II. Shortest paths, weighted networks,
and centrality", Phys. Rev. E 64, 016132 (2001).

>>> from analytics.projection import from_rows
>>> p = from_rows(orgs=[{"id": x} for x in "abc"], projects=[{"id": "p"}],
...               participations=[{"project": "p", "organisations": ["a", "b", "c"]}])
>>> net = org_network(p, "projects")
>>> strength(net).tolist(), degree(net).tolist()
([2.0, 2.0, 2.0], [2, 2, 2])
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import scipy.sparse as sp

from analytics.projection import Projection

VIEWS = ("projects", "clusters", "both")
CLUSTER_WEIGHTS = ("newman", "count")
_BLOCK_ROWS = 8192


@dataclass(frozen=True, eq=False)
class OrgNetwork:
    """A view of the organisation network as weighted hyperedges.

    ``incidence`` is organisations × hyperedges (0/1, CSR); the first ``n_projects`` columns
    are projects, the others clusters. ``weights[e]`` is the weight hyperedge ``e`` gives to
    each pair of its members (0 for hyperedges with fewer than two members).
    """

    view: str
    incidence: sp.csr_matrix
    weights: np.ndarray
    n_projects: int
    cluster_weight: str

    @property
    def n(self) -> int:
        return self.incidence.shape[0]

    @property
    def project_part(self) -> sp.csr_matrix:
        return self.incidence[:, : self.n_projects].tocsr()

    @property
    def cluster_part(self) -> sp.csr_matrix:
        return self.incidence[:, self.n_projects :].tocsr()


def org_network(proj: Projection, view: str = "both", cluster_weight: str = "newman") -> OrgNetwork:
    """The organisation network of ``proj`` in one view (see the module docstring).

    Parameters
    ----------
    proj : Projection
    view : {"projects", "clusters", "both"}
    cluster_weight : {"newman", "count"}
        Weight of one shared cluster: ``1/(|C|-1)`` or 1.

    Returns
    -------
    OrgNetwork
    """
    if view not in VIEWS:
        raise ValueError(f"view must be one of {VIEWS}, not {view!r}")
    if cluster_weight not in CLUSTER_WEIGHTS:
        raise ValueError(f"cluster_weight must be one of {CLUSTER_WEIGHTS}")
    parts, weights = [], []
    n_projects = 0
    if view in ("projects", "both"):
        b = proj.participation_matrix
        sizes = np.asarray(b.sum(axis=0)).ravel()
        parts.append(b)
        weights.append(np.where(sizes >= 2, 1.0, 0.0))
        n_projects = b.shape[1]
    if view in ("clusters", "both"):
        m = proj.membership_matrix
        sizes = np.asarray(m.sum(axis=0)).ravel()
        if cluster_weight == "newman":
            w = np.divide(1.0, sizes - 1, out=np.zeros(len(sizes)), where=sizes >= 2)
        else:
            w = np.where(sizes >= 2, 1.0, 0.0)
        parts.append(m)
        weights.append(w)
    incidence = sp.hstack(parts, format="csr", dtype=np.float64)
    incidence.sort_indices()
    w = np.concatenate(weights)
    w.setflags(write=False)
    return OrgNetwork(view, incidence, w, n_projects, cluster_weight)


def strength(net: OrgNetwork) -> np.ndarray:
    """Weighted degree: ``s_v = sum_u W[v, u] = sum_{e ∋ v} w_e (|e| - 1)``.

    >>> from analytics.projection import from_rows
    >>> p = from_rows(orgs=[{"id": x} for x in "abc"], clusters=[{"id": "c"}],
    ...               memberships=[{"organisation": x, "cluster": "c"} for x in "abc"])
    >>> strength(org_network(p, "clusters")).tolist()  # Newman: one membership, strength 1
    [1.0, 1.0, 1.0]
    """
    b = net.incidence
    sizes = np.asarray(b.sum(axis=0)).ravel()
    return b @ (net.weights * np.maximum(sizes - 1, 0))


def self_weight(net: OrgNetwork) -> np.ndarray:
    """The diagonal of ``B diag(w) B^T``, removed from ``W``: ``sum_{e ∋ v} w_e``."""
    return net.incidence @ net.weights


def matvec(net: OrgNetwork, x: np.ndarray) -> np.ndarray:
    """``W @ x`` without building ``W``: ``B (w * (B^T x)) - (B w) * x``."""
    b = net.incidence
    return b @ (net.weights * (b.T @ x)) - self_weight(net) * x


def adjacency(net: OrgNetwork) -> sp.csr_matrix:
    """The clique expansion ``W`` as a sparse matrix (small graphs: its size is sum |e|^2)."""
    b = net.incidence
    w = (b @ sp.diags(net.weights) @ b.T).tocsr()
    w.setdiag(0)
    w.eliminate_zeros()
    w.sort_indices()
    return w


def to_networkx(net: OrgNetwork, ids: list[str] | None = None) -> nx.Graph:
    """The clique expansion as a weighted ``networkx.Graph`` (attribute ``weight``).

    Every organisation is a node, also when it has no tie. Nodes are ``ids`` (default:
    indices).
    """
    w = sp.triu(adjacency(net), k=1).tocoo()
    names = ids if ids is not None else list(range(net.n))
    g = nx.Graph()
    g.add_nodes_from(names)
    g.add_weighted_edges_from(
        (names[i], names[j], float(x)) for i, j, x in zip(w.row, w.col, w.data, strict=True)
    )
    return g


# -- distinct neighbours -------------------------------------------------------------------------
def _signatures(b: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Group identical rows: (signature of each row, first row of each signature, counts)."""
    b = b.tocsr()
    b.sort_indices()
    ptr, idx = b.indptr, b.indices.astype(np.int64)
    keys = [idx[ptr[i] : ptr[i + 1]].tobytes() for i in range(b.shape[0])]
    index: dict[bytes, int] = {}
    sig = np.fromiter(
        (index.setdefault(k, len(index)) for k in keys), dtype=np.int64, count=len(keys)
    )
    first = np.full(len(index), -1, dtype=np.int64)
    first[sig[::-1]] = np.arange(len(sig) - 1, -1, -1)
    counts = np.bincount(sig, minlength=len(index))
    return sig, first, counts


def _pattern(m: sp.csr_matrix) -> sp.csr_matrix:
    m = m.tocsr()
    m.data = np.ones_like(m.data)
    return m


def _reach(b: sp.csr_matrix) -> np.ndarray:
    """For each row: how many rows share a column with it (itself included when non-empty).

    Identical rows are grouped first (twins), so a view with a few large clusters costs
    (number of distinct membership sets)^2, not n^2; the product is taken in row blocks to
    bound memory.
    """
    sig, first, counts = _signatures(b)
    s = _pattern(b[first])
    st = s.T.tocsr()
    weights = counts.astype(np.float64)
    reach_sig = np.empty(s.shape[0])
    for start in range(0, s.shape[0], _BLOCK_ROWS):
        stop = min(start + _BLOCK_ROWS, s.shape[0])
        reach_sig[start:stop] = _pattern(s[start:stop] @ st) @ weights
    return np.rint(reach_sig[sig]).astype(np.int64)


def degree(net: OrgNetwork) -> np.ndarray:
    """Number of distinct neighbours of each organisation in the clique expansion.

    A pair sharing several projects or clusters counts once. Computed without building the
    clique expansion of the clusters: rows with the same cluster set are grouped (in view
    ``both``: ``|N_p ∪ N_c| = |N_p| + |N_c| - |N_p ∩ N_c|``, the last term checked pair by
    pair over the project ties only).

    >>> from analytics.projection import from_rows
    >>> p = from_rows(orgs=[{"id": x} for x in "abcd"], clusters=[{"id": "c"}],
    ...               memberships=[{"organisation": x, "cluster": "c"} for x in "abc"],
    ...               projects=[{"id": "p"}],
    ...               participations=[{"project": "p", "organisations": ["a", "d"]}])
    >>> degree(org_network(p, "both")).tolist()
    [3, 2, 2, 1]
    """
    live = net.weights > 0
    bp = net.incidence[:, : net.n_projects][:, live[: net.n_projects]].tocsr()
    bc = net.incidence[:, net.n_projects :][:, live[net.n_projects :]].tocsr()
    out = np.zeros(net.n, dtype=np.int64)
    has_c = bc.shape[1] > 0 and bc.nnz > 0
    if has_c:
        reach = _reach(bc)
        in_any = np.diff(bc.indptr) > 0
        out += np.where(in_any, reach - 1, 0)
    if bp.shape[1] == 0 or bp.nnz == 0:
        return out
    if not has_c:
        reach = _reach(bp)
        return out + np.where(np.diff(bp.indptr) > 0, reach - 1, 0)
    # both: add the project neighbours that share no cluster, block by block
    bits = _bitsets(bc)
    bt = bp.T.tocsr()
    for start in range(0, net.n, _BLOCK_ROWS):
        stop = min(start + _BLOCK_ROWS, net.n)
        block = _pattern(bp[start:stop] @ bt).tocoo()
        rows = block.row.astype(np.int64) + start
        mask = rows != block.col
        rows, cols = rows[mask], block.col[mask]
        shares_cluster = (bits[rows] & bits[cols]).any(axis=1)
        out[start:stop] += np.bincount(rows[~shares_cluster] - start, minlength=stop - start)
    return out


def _bitsets(m: sp.csr_matrix) -> np.ndarray:
    """Each row's set of columns as bits: an (n, ceil(cols / 64)) uint64 array."""
    c = m.tocoo()
    bits = np.zeros((m.shape[0], max(1, -(-m.shape[1] // 64))), dtype=np.uint64)
    words = (c.col // 64).astype(np.int64)
    one = np.left_shift(np.uint64(1), (c.col % 64).astype(np.uint64))
    np.bitwise_or.at(bits, (c.row.astype(np.int64), words), one)
    return bits
