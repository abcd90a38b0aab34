"""The match model: organisations, projects, clusters and who takes part in what, in memory.

Built once per graph version from plain rows (``from_rows``: what ``adapter.read_rows`` reads
from Neo4j) or from the participations of a ``History`` (``history.from_history``: the
back-test on CORDIS, which never touches the database). Everything the scorer needs is
precomputed as numpy arrays and scipy sparse matrices indexed by organisation position (ids
sorted, so results never depend on the order rows arrive in):

* ``P``  organisations x projects, 1 where the organisation takes part (``P_edge`` holds the
  index of the participation row, for provenance in explanations);
* ``M``  organisations x clusters, 1 for a membership (``M_edge`` likewise);
* ``A``  organisations x organisations, the number of shared projects (zero diagonal);
* ``profiles`` TF-IDF profiles of names, descriptions, project titles, themes and topics.

Row formats (missing keys are None):

* organisation: ``id, name, kind, size, country, nace, province, description, synthetic``
* participation: ``org, project, title, year, instrument, themes, topics, role, source,
  source_ref``
* membership: ``org, cluster, cluster_name, cluster_type, role, since, until, source,
  source_ref``
* instrument: ``id, name, min_firms, min_research_partners, requires_sme, rules_text, source``
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import scipy.sparse as sp

from analytics.matching.text import Profiles, label_tokens, tokens
from graph.errors import NotFound
from graph.keys import name_key
from graph.model import ORG_KINDS


@dataclass(eq=False)
class MatchModel:
    """The in-memory collaboration model every matching function works on."""

    org_ids: list[str]
    names: list[str]
    kinds: np.ndarray
    sizes: np.ndarray
    countries: np.ndarray
    nace: np.ndarray
    provinces: np.ndarray
    synthetic: np.ndarray
    descriptions: list[str]
    project_ids: list[str]
    project_titles: list[str]
    project_years: np.ndarray  # 0 where unknown
    project_instruments: list[str]
    project_themes: list[tuple[str, ...]]
    cluster_ids: list[str]
    cluster_names: list[str]
    cluster_types: list[str]
    P: sp.csr_matrix
    P_edge: sp.csr_matrix
    edge_source: list[str]
    edge_ref: list[str]
    M: sp.csr_matrix
    M_edge: sp.csr_matrix
    member_source: list[str]
    member_ref: list[str]
    profiles: Profiles
    instruments: dict[str, dict[str, Any]] = field(default_factory=dict)
    version: str = ""

    # -- sizes and lookups ----------------------------------------------------------------------
    @property
    def n_orgs(self) -> int:
        return len(self.org_ids)

    @cached_property
    def index(self) -> dict[str, int]:
        return {o: i for i, o in enumerate(self.org_ids)}

    @cached_property
    def project_index(self) -> dict[str, int]:
        return {p: i for i, p in enumerate(self.project_ids)}

    @cached_property
    def cluster_index(self) -> dict[str, int]:
        return {c: i for i, c in enumerate(self.cluster_ids)}

    @cached_property
    def _name_keys(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for i, n in enumerate(self.names):
            out.setdefault(name_key(n), []).append(i)
        return out

    def resolve(self, org: str) -> int:
        """Position of an organisation given by id or by name (exact id first, then name key)."""
        if org in self.index:
            return self.index[org]
        hits = self._name_keys.get(name_key(org), [])
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            ids = ", ".join(self.org_ids[i] for i in hits[:5])
            raise NotFound(f"The name {org!r} fits {len(hits)} organisations ({ids}); give an id.")
        raise NotFound(f"No organisation with id or name {org!r} in the graph.")

    def resolve_cluster(self, cluster: str) -> int:
        """Position of a cluster given by id or by name (case and punctuation ignored)."""
        if cluster in self.cluster_index:
            return self.cluster_index[cluster]
        key = name_key(cluster)
        for i, (cid, name) in enumerate(zip(self.cluster_ids, self.cluster_names, strict=True)):
            if key in (name_key(name), name_key(cid)):
                return i
        raise NotFound(f"No cluster with id or name {cluster!r} in the graph.")

    # -- derived matrices -----------------------------------------------------------------------
    @cached_property
    def A(self) -> sp.csr_matrix:
        """Shared projects between organisations (symmetric, zero diagonal)."""
        A = (self.P @ self.P.T).tocsr()
        A.setdiag(0)
        A.eliminate_zeros()
        return A.astype(np.float32)

    @cached_property
    def A_bin(self) -> sp.csr_matrix:
        B = self.A.copy()
        B.data[:] = 1.0
        return B

    @cached_property
    def degree(self) -> np.ndarray:
        """Number of distinct partners (organisations sharing at least one project)."""
        return np.diff(self.A.indptr).astype(np.float64)

    @cached_property
    def n_projects(self) -> np.ndarray:
        return np.diff(self.P.indptr).astype(np.float64)

    @cached_property
    def project_sizes(self) -> np.ndarray:
        return np.asarray(self.P.sum(axis=0)).ravel().astype(np.float64)

    @cached_property
    def reference_year(self) -> int:
        years = self.project_years[self.project_years > 0]
        return int(years.max()) if years.size else 0

    @cached_property
    def recent_projects(self) -> np.ndarray:
        """Projects per organisation weighted by recency: weight 1/2 per year before the latest."""
        w = np.where(
            self.project_years > 0,
            0.5 ** np.clip(self.reference_year - self.project_years, 0, 30),
            0.25,
        )
        return np.asarray(self.P @ w).ravel()

    @cached_property
    def n_clusters(self) -> np.ndarray:
        return np.diff(self.M.indptr).astype(np.float64)

    @cached_property
    def cluster_sizes(self) -> np.ndarray:
        return np.asarray(self.M.sum(axis=0)).ravel()

    @cached_property
    def nace_section(self) -> np.ndarray:
        """First letter or two digits of the NACE code: the coarse sector used for mixing."""
        out = []
        for code in self.nace:
            code = (code or "").strip()
            out.append(code[:1].upper() if code[:1].isalpha() else code.replace(".", "")[:2])
        return np.asarray(out, dtype=object)

    def partners(self, i: int) -> np.ndarray:
        A = self.A
        return A.indices[A.indptr[i] : A.indptr[i + 1]]

    def projects_of(self, i: int) -> np.ndarray:
        return self.P.indices[self.P.indptr[i] : self.P.indptr[i + 1]]

    def clusters_of(self, i: int) -> np.ndarray:
        return self.M.indices[self.M.indptr[i] : self.M.indptr[i + 1]]

    def participation(self, i: int, p: int) -> int:
        """Row index of organisation ``i``'s participation in project ``p``."""
        lo, hi = self.P_edge.indptr[i], self.P_edge.indptr[i + 1]
        cols = self.P_edge.indices[lo:hi]
        k = np.searchsorted(cols, p)
        return int(self.P_edge.data[lo + k]) - 1

    def membership(self, i: int, c: int) -> int:
        lo, hi = self.M_edge.indptr[i], self.M_edge.indptr[i + 1]
        cols = self.M_edge.indices[lo:hi]
        k = np.searchsorted(cols, c)
        return int(self.M_edge.data[lo + k]) - 1

    def org(self, i: int) -> dict[str, Any]:
        """The attributes of organisation ``i`` as a plain dict."""
        return {
            "id": self.org_ids[i],
            "name": self.names[i],
            "kind": str(self.kinds[i]),
            "size": self.sizes[i] or None,
            "country": self.countries[i] or None,
            "nace": self.nace[i] or None,
            "province": self.provinces[i] or None,
            "synthetic": bool(self.synthetic[i]),
        }

    def warm(self) -> MatchModel:
        """Compute every lazy matrix now (so the first query is as fast as the next)."""
        from analytics.matching import proximity

        for name in (
            "index",
            "A",
            "A_bin",
            "degree",
            "n_projects",
            "project_sizes",
            "recent_projects",
            "n_clusters",
            "cluster_sizes",
            "nace_section",
            "_name_keys",
        ):
            getattr(self, name)
        proximity.walk_operators(self)
        return self


# -- building ------------------------------------------------------------------------------------
def _s(v: Any) -> str:
    return "" if v is None else str(v).strip()


def _labels(v: Any) -> tuple[str, ...]:
    if v is None:
        return ()
    if isinstance(v, str):
        return tuple(t.strip() for t in v.replace("|", ";").split(";") if t.strip())
    return tuple(_s(t) for t in v if _s(t))


def _incidence(
    rows: list[int], cols: list[int], shape: tuple[int, int]
) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """A 0/1 csr matrix and one whose entries are 1 + the index of the row that made them."""
    r = np.asarray(rows, dtype=np.int64)
    c = np.asarray(cols, dtype=np.int64)
    edge = sp.csr_matrix((np.arange(1, len(r) + 1, dtype=np.int64), (r, c)), shape=shape)
    # duplicates: keep the first row's index
    if edge.nnz < len(r):
        order = np.lexsort((np.arange(len(r)), c, r))
        r, c = r[order], c[order]
        first = np.ones(len(r), bool)
        first[1:] = (r[1:] != r[:-1]) | (c[1:] != c[:-1])
        edge = sp.csr_matrix((order[first] + 1, (r[first], c[first])), shape=shape)
    edge.sort_indices()
    binary = edge.copy().astype(np.float32)
    binary.data[:] = 1.0
    return binary, edge


def from_rows(
    organisations: Iterable[Mapping[str, Any]],
    participations: Iterable[Mapping[str, Any]] = (),
    memberships: Iterable[Mapping[str, Any]] = (),
    instruments: Iterable[Mapping[str, Any]] = (),
    version: str = "",
) -> MatchModel:
    """Build a ``MatchModel`` from plain rows (see the module docstring for their keys).

    Organisations that only appear in participation or membership rows are added with their
    id as name. Rows are sorted by id first, so the model does not depend on row order.
    """
    orgs: dict[str, dict[str, Any]] = {}
    for row in organisations:
        oid = _s(row.get("id"))
        if oid and oid not in orgs:
            orgs[oid] = dict(row)
    parts = [dict(r) for r in participations if _s(r.get("org")) and _s(r.get("project"))]
    mems = [dict(r) for r in memberships if _s(r.get("org")) and _s(r.get("cluster"))]
    for r in parts + mems:
        orgs.setdefault(_s(r["org"]), {"id": _s(r["org"])})
    org_ids = sorted(orgs)
    index = {o: i for i, o in enumerate(org_ids)}

    def col(name: str) -> list[str]:
        return [_s(orgs[o].get(name)) for o in org_ids]

    kinds = np.asarray([k if k in ORG_KINDS else "other" for k in col("kind")], dtype=object)

    # projects
    proj_rows: dict[str, dict[str, Any]] = {}
    for r in parts:
        proj_rows.setdefault(_s(r["project"]), r)
    project_ids = sorted(proj_rows)
    pindex = {p: i for i, p in enumerate(project_ids)}
    titles = [_s(proj_rows[p].get("title")) for p in project_ids]
    years = np.asarray([int(proj_rows[p].get("year") or 0) for p in project_ids], dtype=np.int32)
    instruments_ = [_s(proj_rows[p].get("instrument")) for p in project_ids]
    themes = [_labels(proj_rows[p].get("themes")) for p in project_ids]
    topics = [_labels(proj_rows[p].get("topics")) for p in project_ids]
    P, P_edge = _incidence(
        [index[_s(r["org"])] for r in parts],
        [pindex[_s(r["project"])] for r in parts],
        (len(org_ids), len(project_ids)),
    )

    # clusters
    crow: dict[str, dict[str, Any]] = {}
    for r in mems:
        crow.setdefault(_s(r["cluster"]), r)
    cluster_ids = sorted(crow)
    cindex = {c: i for i, c in enumerate(cluster_ids)}
    M, M_edge = _incidence(
        [index[_s(r["org"])] for r in mems],
        [cindex[_s(r["cluster"])] for r in mems],
        (len(org_ids), len(cluster_ids)),
    )
    cluster_names = [_s(crow[c].get("cluster_name")) or c for c in cluster_ids]

    # text profiles: the organisation's own words, its clusters' names, its projects' words
    names = [n or o for n, o in zip(col("name"), org_ids, strict=True)]
    descriptions = col("description")
    org_docs = [tokens(n) + tokens(d) for n, d in zip(names, descriptions, strict=True)]
    project_docs = [
        tokens(t) + label_tokens(th) + label_tokens(tp) + ([f"i:{ins.lower()}"] if ins else [])
        for t, th, tp, ins in zip(titles, themes, topics, instruments_, strict=True)
    ]
    profiles = Profiles(org_docs, project_docs, P)

    instr: dict[str, dict[str, Any]] = {}
    for ins in instruments:
        iid = _s(ins.get("id")).lower()
        if iid:
            instr[iid] = {k: v for k, v in dict(ins).items() if v is not None}

    return MatchModel(
        org_ids=org_ids,
        names=names,
        kinds=kinds,
        sizes=np.asarray([s.lower() for s in col("size")], dtype=object),
        countries=np.asarray([c.upper() for c in col("country")], dtype=object),
        nace=np.asarray(col("nace"), dtype=object),
        provinces=np.asarray(col("province"), dtype=object),
        synthetic=np.asarray([bool(orgs[o].get("synthetic")) for o in org_ids], dtype=bool),
        descriptions=descriptions,
        project_ids=project_ids,
        project_titles=titles,
        project_years=years,
        project_instruments=instruments_,
        project_themes=[th + tp for th, tp in zip(themes, topics, strict=True)],
        cluster_ids=cluster_ids,
        cluster_names=cluster_names,
        cluster_types=[_s(crow[c].get("cluster_type")) for c in cluster_ids],
        P=P,
        P_edge=P_edge,
        edge_source=[_s(r.get("source")) for r in parts],
        edge_ref=[_s(r.get("source_ref")) for r in parts],
        M=M,
        M_edge=M_edge,
        member_source=[_s(r.get("source")) for r in mems],
        member_ref=[_s(r.get("source_ref")) for r in mems],
        profiles=profiles,
        instruments=instr,
        version=version,
    )
