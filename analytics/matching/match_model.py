"""The match model: organisations, projects, clusters and who takes part in what, in memory.

Built once per graph version from plain rows (``model_build.from_rows``: what
``adapter.read_rows`` reads from Neo4j) or from the participations of a ``History``
(``history.from_history``: the back-test on CORDIS, which never touches the database).
Everything the scorer needs is precomputed as numpy arrays and scipy sparse matrices indexed by
organisation position (ids sorted, so results never depend on the order rows arrive in):

* ``P``  organisations x projects, 1 where the organisation takes part (``P_edge`` holds the
  index of the participation row, for provenance in explanations);
* ``M``  organisations x clusters, 1 for a membership (``M_edge`` likewise);
* ``A``  organisations x organisations, the number of shared projects (zero diagonal);
* ``profiles`` TF-IDF profiles of names, descriptions, project titles, themes and topics.

Row formats (missing keys are None):

* organisation: ``id, name, kind, size, country, nace, province, region, description,
  synthetic, example, aliases, enterprise_number, pic``
* participation: ``org, project, title, acronym, grant, year, instrument, themes, topics,
  role, source, source_ref``
* membership: ``org, cluster, cluster_name, cluster_type, role, since, until, source,
  source_ref``
* instrument: ``id, name, min_firms, min_research_partners, requires_sme, eligibility,
  min_countries, rules_text, source, source_ref``
* source: ``id, title, path, kind`` (what explanations cite)
* cluster: ``id, name, type, domain, description, aliases, texts`` (``texts``: the names and
  themes of its IBNs and the titles of its intercluster projects: its domain, for inferred fit)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import scipy.sparse as sp

from analytics.matching.text import Profiles
from analytics.names import NameIndex
from graph.errors import NotFound
from graph.keys import name_key

_NO_NAME = re.compile(r"^(PIC|SYN|ORG)[: ]|^cordis:", re.IGNORECASE)


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
    examples: np.ndarray
    regions: np.ndarray
    aliases: list[list[str]]
    enterprise_numbers: list[str]
    pics: list[str]
    descriptions: list[str]
    project_ids: list[str]
    project_titles: list[str]
    project_years: np.ndarray  # 0 where unknown
    project_instruments: list[str]
    project_themes: list[tuple[str, ...]]
    project_acronyms: list[str]
    project_grants: list[str]
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
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)  # Source id -> title, path
    cluster_docs: list[list[str]] = field(default_factory=list)  # domain terms per cluster
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
    def names_index(self) -> NameIndex:
        """The one resolver of organisation names (``analytics.names``)."""
        return NameIndex(
            self.org_ids,
            self.names,
            aliases=self.aliases,
            enterprise_numbers=self.enterprise_numbers,
            pics=self.pics,
            hidden=self.hidden,
            kinds=[str(k) for k in self.kinds],
            countries=[str(c) for c in self.countries],
        )

    @cached_property
    def hidden(self) -> np.ndarray:
        """Synthetic or example organisations: left out of answers unless asked for."""
        return self.synthetic | self.examples

    @cached_property
    def named(self) -> np.ndarray:
        """Organisations with a name of their own (not only an id such as ``PIC:…``)."""
        return np.fromiter(
            (
                bool(n) and n != o and not _NO_NAME.match(n)
                for n, o in zip(self.names, self.org_ids, strict=True)
            ),
            dtype=bool,
            count=self.n_orgs,
        )

    def resolve(self, org: str) -> int:
        """Position of an organisation as people type it (``NameIndex.lookup``); raises
        ``graph.errors.UnknownName`` with the closest names when none or several fit."""
        return self.names_index.lookup(org)

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
            "region": self.regions[i] or None,
            "synthetic": bool(self.synthetic[i]),
            "example": bool(self.examples[i]),
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
            "hidden",
            "named",
            "names_index",
        ):
            getattr(self, name)
        proximity.walk_operators(self)
        self.names_index.warm()
        return self
