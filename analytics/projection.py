"""The projection every analysis reads: organisations, clusters, projects and who joins what.

A ``Projection`` is plain Python data (lists and read-only numpy arrays), built by
``from_rows`` from lists of dicts - the rows ``analytics.adapter`` reads from Neo4j, or rows a
test writes by hand. Ids are sorted before they are numbered, so the same rows in any order
give the same projection, index for index.

Row shapes (extra keys are ignored):

* organisations: ``id, name, kind, size, nace, synthetic, example``
* clusters: ``id, name, type`` (``synthetic``, ``example``)
* memberships: ``organisation, cluster``, or ``organisations`` (a list) ``, cluster``
* projects: ``id, year, themes`` (a list of theme names; ``synthetic``, ``example``)
* participations: ``organisation, project``, or ``organisations`` (a list) ``, project``
* cluster_participations: ``cluster, project``

Duplicate pairs count once. A pair that names an unknown id raises ``ValueError``.

>>> p = from_rows(
...     orgs=[{"id": "b", "kind": "firm", "nace": "20.14"}, {"id": "a"}],
...     clusters=[{"id": "c1", "type": "spearhead"}],
...     memberships=[{"organisation": "a", "cluster": "c1"},
...                  {"organisation": "b", "cluster": "c1"}],
... )
>>> p.org_ids, p.org_kind, p.n_memberships
(['a', 'b'], ['other', 'firm'], 2)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import scipy.sparse as sp

from graph import nace
from graph.model import ORG_KINDS, SIZES

Rows = Iterable[Mapping[str, Any]]


def _frozen(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)
    return a


def _pairs(a: Sequence[int] | np.ndarray, b: Sequence[int] | np.ndarray) -> np.ndarray:
    """Unique (a, b) index pairs, sorted, as a read-only (n, 2) int64 array."""
    arr = np.column_stack([np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)])
    arr = arr.reshape(-1, 2)
    if len(arr):
        arr = np.unique(arr, axis=0)
    return _frozen(arr)


def _incidence(pairs: np.ndarray, n_rows: int, n_cols: int) -> sp.csr_matrix:
    data = np.ones(len(pairs), dtype=np.float64)
    m = sp.csr_matrix((data, (pairs[:, 0], pairs[:, 1])), shape=(n_rows, n_cols))
    m.sum_duplicates()
    return m


@dataclass(frozen=True, eq=False)
class Projection:
    """Organisations, clusters and projects, numbered by sorted id, with their incidences.

    Organisation ``i`` has id ``org_ids[i]`` and attributes ``org_name[i]``, ``org_kind[i]``
    (one of ``ORG_KINDS``), ``org_size[i]`` (``sme``, ``large`` or None), ``org_nace[i]``
    (the code as stored, or None), ``org_synthetic[i]`` and ``org_example[i]``; ``org_demo``,
    ``cluster_demo`` and ``project_demo`` say which are synthetic or example data (see
    ``analytics.provenance``). ``memberships`` is an (m, 2)
    array of (organisation, cluster) indices; ``participations`` (organisation, project);
    ``cluster_participations`` (cluster, project). All arrays are read-only.
    """

    org_ids: list[str]
    org_name: list[str]
    org_kind: list[str]
    org_size: list[str | None]
    org_nace: list[str | None]
    org_synthetic: np.ndarray
    org_example: np.ndarray
    cluster_ids: list[str]
    cluster_name: list[str]
    cluster_type: list[str | None]
    memberships: np.ndarray
    project_ids: list[str]
    project_year: list[int | None]
    project_themes: list[tuple[str, ...]]
    participations: np.ndarray
    cluster_participations: np.ndarray
    org_index: dict[str, int] = field(repr=False)
    cluster_index: dict[str, int] = field(repr=False)
    project_index: dict[str, int] = field(repr=False)
    cluster_demo: np.ndarray = field(repr=False)
    project_demo: np.ndarray = field(repr=False)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    # -- sizes --------------------------------------------------------------------------------
    @property
    def n_orgs(self) -> int:
        return len(self.org_ids)

    @property
    def n_clusters(self) -> int:
        return len(self.cluster_ids)

    @property
    def n_projects(self) -> int:
        return len(self.project_ids)

    @property
    def n_memberships(self) -> int:
        return len(self.memberships)

    @property
    def n_participations(self) -> int:
        return len(self.participations)

    @property
    def org_demo(self) -> np.ndarray:
        """True for the organisations that are synthetic or example data."""
        return self.org_synthetic | self.org_example

    # -- sparse incidence matrices (cached; treat as read-only) -------------------------------
    @cached_property
    def membership_matrix(self) -> sp.csr_matrix:
        """M, organisations × clusters, ``M[i, c] = 1`` when organisation i is a member of c."""
        return _incidence(self.memberships, self.n_orgs, self.n_clusters)

    @cached_property
    def participation_matrix(self) -> sp.csr_matrix:
        """B, organisations × projects, ``B[i, p] = 1`` when organisation i takes part in p."""
        return _incidence(self.participations, self.n_orgs, self.n_projects)

    @cached_property
    def cluster_participation_matrix(self) -> sp.csr_matrix:
        """Clusters × projects, 1 when the cluster itself takes part in the project."""
        return _incidence(self.cluster_participations, self.n_clusters, self.n_projects)

    @cached_property
    def themes(self) -> list[str]:
        """Every theme name, sorted."""
        return sorted({t for ts in self.project_themes for t in ts})

    @cached_property
    def theme_matrix(self) -> sp.csr_matrix:
        """Projects × themes (``themes`` order), 1 when the project has the theme."""
        index = {t: i for i, t in enumerate(self.themes)}
        rows = [p for p, ts in enumerate(self.project_themes) for _ in ts]
        cols = [index[t] for ts in self.project_themes for t in ts]
        return _incidence(_pairs(rows, cols), self.n_projects, len(index))

    def sectors(self, level: str) -> tuple[list[str], np.ndarray]:
        """(sector codes sorted, each organisation's sector index or -1 when unknown).

        ``level`` is ``section`` (``C``) or ``division`` (``20``); see ``graph.nace``.
        """
        key = f"sectors:{level}"
        if key not in self._memo:
            by_code: dict[str | None, str | None] = {}
            codes = []
            for c in self.org_nace:
                if c not in by_code:
                    by_code[c] = nace.sector_at(c, level)
                codes.append(by_code[c])
            names = sorted({c for c in codes if c is not None})
            index = {c: i for i, c in enumerate(names)}
            self._memo[key] = (
                names,
                _frozen(
                    np.array([index[c] if c is not None else -1 for c in codes], dtype=np.int64)
                ),
            )
        names, idx = self._memo[key]
        return list(names), idx


def _get(row: Mapping[str, Any], *keys: str) -> Any:
    for k in keys:
        if k in row and row[k] is not None:
            return row[k]
    return None


def _kind(value: Any) -> str:
    v = (str(value).strip().lower() if value is not None else "") or "other"
    return v if v in ORG_KINDS else "other"


def _size(value: Any) -> str | None:
    v = str(value).strip().lower() if value is not None else ""
    return v if v in SIZES else None


def _themes(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split("|")
    return tuple(sorted({str(t).strip() for t in value if t is not None and str(t).strip()}))


def _year(value: Any) -> int | None:
    try:
        return int(value) if value is not None and value != "" else None
    except (TypeError, ValueError):
        return None


def _lookup(index: dict[str, int], key: Any, what: str) -> int:
    try:
        return index[str(key)]
    except KeyError:
        raise ValueError(f"unknown {what} id {key!r}") from None


def from_rows(
    orgs: Rows,
    clusters: Rows = (),
    memberships: Rows = (),
    projects: Rows = (),
    participations: Rows = (),
    cluster_participations: Rows = (),
) -> Projection:
    """Build a ``Projection`` from rows (lists of dicts); the rows are not modified.

    Parameters
    ----------
    orgs, clusters, projects : iterables of dicts with an ``id`` (see the module docstring)
    memberships, participations, cluster_participations : iterables of dicts naming ids

    Returns
    -------
    Projection
        Entities numbered in sorted id order; pair arrays sorted and without duplicates.
    """
    org_rows = sorted({str(r["id"]): r for r in orgs}.items())
    cluster_rows = sorted({str(r["id"]): r for r in clusters}.items())
    project_rows = sorted({str(r["id"]): r for r in projects}.items())
    org_index = {k: i for i, (k, _) in enumerate(org_rows)}
    cluster_index = {k: i for i, (k, _) in enumerate(cluster_rows)}
    project_index = {k: i for i, (k, _) in enumerate(project_rows)}

    m_org, m_cl = [], []
    for r in memberships:
        cluster = _lookup(cluster_index, _get(r, "cluster", "cluster_id"), "cluster")
        many = r.get("organisations")
        for o in many if many is not None else [_get(r, "organisation", "organisation_id", "org")]:
            m_org.append(_lookup(org_index, o, "organisation"))
            m_cl.append(cluster)
    p_org, p_pr = [], []
    for r in participations:
        project = _lookup(project_index, _get(r, "project", "project_id"), "project")
        many = r.get("organisations")
        members = (
            many
            if many is not None
            else [_get(r, "organisation", "organisation_id", "participant_id", "org")]
        )
        for o in members:
            p_org.append(_lookup(org_index, o, "organisation"))
            p_pr.append(project)
    c_cl, c_pr = [], []
    for r in cluster_participations:
        c_cl.append(
            _lookup(cluster_index, _get(r, "cluster", "cluster_id", "participant_id"), "cluster")
        )
        c_pr.append(_lookup(project_index, _get(r, "project", "project_id"), "project"))

    def text(v: Any) -> str | None:
        return None if v is None or str(v).strip() == "" else str(v).strip()

    return Projection(
        org_ids=[k for k, _ in org_rows],
        org_name=[text(r.get("name")) or k for k, r in org_rows],
        org_kind=[_kind(r.get("kind")) for _, r in org_rows],
        org_size=[_size(r.get("size")) for _, r in org_rows],
        org_nace=[text(r.get("nace")) for _, r in org_rows],
        org_synthetic=_flags(org_rows, "synthetic"),
        org_example=_flags(org_rows, "example"),
        cluster_ids=[k for k, _ in cluster_rows],
        cluster_name=[text(r.get("name")) or k for k, r in cluster_rows],
        cluster_type=[text(r.get("type")) for _, r in cluster_rows],
        memberships=_pairs(m_org, m_cl),
        project_ids=[k for k, _ in project_rows],
        project_year=[_year(r.get("year")) for _, r in project_rows],
        project_themes=[_themes(r.get("themes")) for _, r in project_rows],
        participations=_pairs(p_org, p_pr),
        cluster_participations=_pairs(c_cl, c_pr),
        org_index=org_index,
        cluster_index=cluster_index,
        project_index=project_index,
        cluster_demo=_flags(cluster_rows, "synthetic", "example"),
        project_demo=_flags(project_rows, "synthetic", "example"),
    )


def _flags(rows: list[tuple[str, Mapping[str, Any]]], *keys: str) -> np.ndarray:
    return _frozen(np.array([any(bool(r.get(k)) for k in keys) for _, r in rows], dtype=bool))


def from_arrays(
    org_ids: Sequence[str],
    *,
    org_kind: Sequence[str] | None = None,
    org_size: Sequence[str | None] | None = None,
    org_nace: Sequence[str | None] | None = None,
    cluster_ids: Sequence[str] = (),
    cluster_type: Sequence[str | None] | None = None,
    project_ids: Sequence[str] = (),
    project_themes: Sequence[Sequence[str]] | None = None,
    memberships: np.ndarray | None = None,
    participations: np.ndarray | None = None,
    cluster_participations: np.ndarray | None = None,
) -> Projection:
    """A ``Projection`` straight from index arrays (fast path for generators and benchmarks).

    The id lists must already be sorted and unique; pairs index into them.
    """
    for name, ids in (
        ("org_ids", org_ids),
        ("cluster_ids", cluster_ids),
        ("project_ids", project_ids),
    ):
        if list(ids) != sorted(set(ids)):
            raise ValueError(f"{name} must be sorted and unique")
    n, c, p = len(org_ids), len(cluster_ids), len(project_ids)

    def pairs(a: np.ndarray | None, rows: int, cols: int, what: str) -> np.ndarray:
        if a is None:
            return _pairs([], [])
        a = np.asarray(a, dtype=np.int64).reshape(-1, 2)
        if len(a) and (a.min() < 0 or a[:, 0].max() >= rows or a[:, 1].max() >= cols):
            raise ValueError(f"{what} index out of range")
        return _pairs(a[:, 0], a[:, 1])

    return Projection(
        org_ids=list(org_ids),
        org_name=list(org_ids),
        org_kind=[_kind(k) for k in (org_kind or ["other"] * n)],
        org_size=[_size(s) for s in (org_size or [None] * n)],
        org_nace=[None if v is None else str(v) for v in (org_nace or [None] * n)],
        org_synthetic=_frozen(np.ones(n, dtype=bool)),
        org_example=_frozen(np.zeros(n, dtype=bool)),
        cluster_ids=list(cluster_ids),
        cluster_name=list(cluster_ids),
        cluster_type=list(cluster_type or [None] * c),
        memberships=pairs(memberships, n, c, "membership"),
        project_ids=list(project_ids),
        project_year=[None] * p,
        project_themes=[_themes(t) for t in (project_themes or [()] * p)],
        participations=pairs(participations, n, p, "participation"),
        cluster_participations=pairs(cluster_participations, c, p, "cluster participation"),
        org_index={k: i for i, k in enumerate(org_ids)},
        cluster_index={k: i for i, k in enumerate(cluster_ids)},
        project_index={k: i for i, k in enumerate(project_ids)},
        cluster_demo=_frozen(np.zeros(c, dtype=bool)),
        project_demo=_frozen(np.zeros(p, dtype=bool)),
    )
