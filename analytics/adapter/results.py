"""The analyses' side of the adapter: read the projection, write the results back.

Only ``graph.db.Database`` methods are used (``read``, ``write``, ``write_rows``), with the
catalogued statements (``read_organisations``, ``merge_overlaps``, ``set_centrality``...);
no driver here. Every write carries the id
of an ``AnalyticsRun`` node and a timestamp. Re-running replaces earlier results:

* ``OVERLAPS`` (one per cluster pair, from the smaller id to the larger) and ``SECTOR_LINK``
  (one per sector pair, via and level) are MERGEd and SET, then the ones the run did not
  write are deleted - so a pair that no longer overlaps disappears, and there are never two
  copies (no window without results either: the old values stay until the new ones are in);
* node properties (centrality on ``Organisation``, ranking, cross-sector share and helix mix
  on ``Cluster``, helix mix on ``Project``) are overwritten with SET.

Every result carries its provenance (``analytics.provenance``): ``from_synthetic`` and
``synthetic_share`` on ``OVERLAPS`` and ``SECTOR_LINK``; on nodes one pair per analysis, as
several write onto one node: ``centrality_from_synthetic``/``centrality_synthetic_share``
(``Organisation``), ``helix_…``, ``cross_sector_…`` and ``top_organisations_…``
(``Cluster``; ``helix_…`` on ``Project`` too).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from analytics import provenance
from analytics.centrality import Centrality, top_by_cluster
from analytics.cross_sector import SectorMatrix, sector_links
from analytics.overlap import Overlap
from analytics.projection import Projection, from_rows

if TYPE_CHECKING:
    from graph.db import Batch

BATCH_SIZE = 20_000
Progress = Callable[[int], None] | None


class DatabaseLike(Protocol):
    """What the adapter needs of ``graph.db.Database``."""

    def read(self, name: str, **params: Any) -> list[dict[str, Any]]: ...

    def write(self, name: str, **params: Any) -> list[dict[str, Any]]: ...

    def write_rows(
        self,
        name: str,
        rows: Sequence[dict[str, Any]],
        params: dict[str, Any] | None = None,
        batch_size: int = ...,
        progress: Callable[[int], None] | None = None,
    ) -> list[Batch]: ...


def _now() -> datetime:
    return datetime.now(UTC)


# -- read ----------------------------------------------------------------------------------------
def _themes(row: dict[str, Any]) -> list[str]:
    prop = row.get("theme_property")
    if isinstance(prop, str):
        prop = prop.split("|")
    return sorted(
        {
            str(t).strip()
            for t in [*(prop or []), *(row.get("theme_names") or [])]
            if t is not None and str(t).strip()
        }
    )


def read_projection(db: DatabaseLike, real_only: bool = False) -> Projection:
    """Read organisations, clusters, projects and their incidences into a ``Projection``;
    with ``real_only`` without the synthetic and example data (``provenance.real_part``)."""
    projects = [
        {
            "id": r["id"],
            "year": r.get("year"),
            "themes": _themes(r),
            "synthetic": r.get("synthetic"),
            "example": r.get("example"),
        }
        for r in db.read("read_projects_with_themes")
    ]
    proj = from_rows(
        orgs=db.read("read_organisations"),
        clusters=db.read("read_clusters"),
        memberships=db.read("read_cluster_member_ids"),
        projects=projects,
        participations=db.read("read_project_participant_ids"),
        cluster_participations=db.read("read_cluster_participations"),
    )
    return provenance.real_part(proj) if real_only else proj


# -- runs ----------------------------------------------------------------------------------------
@dataclass
class Run:
    """One analytics run: its id and start time go onto everything it writes."""

    id: str
    kind: str
    started_at: datetime
    params: dict[str, Any] = field(default_factory=dict)
    results: dict[str, Any] = field(default_factory=dict)

    @property
    def at(self) -> str:
        return self.started_at.isoformat()


def new_run(kind: str, params: dict[str, Any] | None = None) -> Run:
    """A run id like ``overlap-20250101T120000Z-1a2b3c4d`` (time plus a random suffix)."""
    started = _now()
    run_id = f"{kind}-{started:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"
    return Run(run_id, kind, started, dict(params or {}))


def start_run(db: DatabaseLike, kind: str, params: dict[str, Any] | None = None) -> Run:
    """Create the ``AnalyticsRun`` node and return the run."""
    run = new_run(kind, params)
    db.write(
        "merge_analytics_run",
        id=run.id,
        kind=kind,
        started_at=run.at,
        params=json.dumps(run.params, sort_keys=True, default=str),
    )
    return run


def finish_run(db: DatabaseLike, run: Run) -> None:
    db.write(
        "finish_analytics_run",
        id=run.id,
        finished_at=_now().isoformat(),
        results=json.dumps(run.results, sort_keys=True),
    )


def _batches(
    db: DatabaseLike,
    name: str,
    rows: list[dict[str, Any]],
    params: dict[str, Any],
    progress: Progress = None,
) -> int:
    """Write ``rows`` with the statement ``name``; the number of rows it wrote."""
    if not rows:
        return 0
    done = db.write_rows(name, rows, params, BATCH_SIZE, progress)
    return int(sum(r.get("written", 0) or 0 for b in done for r in b.result))


# -- write ---------------------------------------------------------------------------------------
def overlap_write_rows(proj: Projection, ov: Overlap) -> list[dict[str, Any]]:
    """The rows ``merge_overlaps`` takes (cluster ids in ``a < b`` order)."""
    return [
        {
            "a": proj.cluster_ids[int(ov.a[k])],
            "b": proj.cluster_ids[int(ov.b[k])],
            "shared": int(ov.shared[k]),
            "jaccard": float(ov.jaccard[k]),
            "overlap_coefficient": float(ov.overlap_coefficient[k]),
            "shared_ids": ov.shared_ids(proj, k),
            "sector_jaccard": float(ov.sector_jaccard[k]),
            "theme_jaccard": float(ov.theme_jaccard[k]),
            **provenance.fields(ov.synthetic_share, k),
        }
        for k in range(len(ov))
    ]


def write_overlap(
    db: DatabaseLike, proj: Projection, ov: Overlap, run: Run, progress: Progress = None
) -> int:
    """MERGE one ``OVERLAPS`` per pair, then delete those of earlier runs; returns #written."""
    n = _batches(
        db,
        "merge_overlaps",
        overlap_write_rows(proj, ov),
        {"run_id": run.id, "computed_at": run.at},
        progress,
    )
    deleted = db.write("delete_stale_overlaps", run_id=run.id)
    run.results["overlaps"] = n
    run.results["overlaps_deleted"] = int(sum(r.get("deleted", 0) for r in deleted))
    return n


def _float(x: float) -> float | None:
    return None if not np.isfinite(x) else float(x)


def write_centrality(
    db: DatabaseLike,
    proj: Projection,
    result: Centrality,
    run: Run,
    top_k: int = 10,
    progress: Progress = None,
) -> int:
    """Centrality as ``Organisation`` properties and each cluster's top ``top_k`` members."""
    b = result.betweenness
    se = b.standard_error
    rows = [
        {
            "id": proj.org_ids[i],
            "degree": int(result.degree[i]),
            "weighted_degree": float(result.weighted_degree[i]),
            "betweenness": float(b.values[i]),
            "betweenness_se": None if se is None else _float(se[i]),
            "pagerank": float(result.pagerank[i]),
            **provenance.fields(result.synthetic_share, i),
        }
        for i in range(proj.n_orgs)
    ]
    n = _batches(
        db,
        "set_centrality",
        rows,
        {"view": result.view, "run_id": run.id, "computed_at": run.at},
        progress,
    )
    tops = top_by_cluster(proj, result.pagerank, top_k)
    shares = provenance.ranking_shares(proj, result.components)
    ranking = [
        {
            "id": proj.cluster_ids[c],
            "top_organisations": [proj.org_ids[i] for i in members],
            "top_pagerank": [float(result.pagerank[i]) for i in members],
            **provenance.fields(shares, c),
        }
        for c, members in enumerate(tops)
    ]
    _batches(db, "set_cluster_ranking", ranking, {"view": result.view, "run_id": run.id})
    run.results["organisations"] = n
    return n


def write_sector_links(db: DatabaseLike, mat: SectorMatrix, run: Run) -> int:
    """The matrix (cross- and within-sector links) as ``SECTOR_LINK``; stale ones deleted."""
    rows = [
        {
            "a": r["sector_a"],
            "b": r["sector_b"],
            "links": r["links"],
            "label_a": r["label_a"],
            "label_b": r["label_b"],
            "from_synthetic": r["from_synthetic"],
            "synthetic_share": r["synthetic_share"],
        }
        for r in sector_links(mat, cross_only=False)
    ]
    params = {"via": mat.via, "level": mat.level, "run_id": run.id}
    n = _batches(db, "merge_sector_links", rows, {**params, "computed_at": run.at})
    db.write("delete_stale_sector_links", **params)
    key = f"sector_links_{mat.level}_{mat.via}"
    run.results[key] = n
    return n


def write_cluster_cross_sector(
    db: DatabaseLike, rows: list[dict[str, Any]], level: str, run: Run
) -> int:
    """Each cluster's cross-sector share (rows of ``cluster_cross_sector_share``)."""
    return _batches(
        db,
        "set_cluster_cross_sector",
        [{k: r[k] for k in ("id", "ties", "cross_ties", "share", *PROVENANCE)} for r in rows],
        {"level": level, "run_id": run.id},
    )


_HELIX_KEYS = (
    "id",
    "members",
    "helix_firm",
    "helix_knowledge_institution",
    "helix_government",
    "helix_federation",
    "helix_other",
    "sme_share",
    "from_synthetic",
    "synthetic_share",
)
PROVENANCE = ("from_synthetic", "synthetic_share")


def write_helix(
    db: DatabaseLike,
    cluster_rows: list[dict[str, Any]],
    project_rows: list[dict[str, Any]],
    run: Run,
    progress: Progress = None,
) -> int:
    """The helix mix as ``Cluster`` and ``Project`` properties; returns #nodes written."""
    params = {"run_id": run.id, "computed_at": run.at}
    n = _batches(
        db,
        "set_cluster_helix",
        [{k: r[k] for k in _HELIX_KEYS} for r in cluster_rows],
        params,
    )
    n += _batches(
        db,
        "set_project_helix",
        [{k: r[k] for k in _HELIX_KEYS} for r in project_rows],
        params,
        progress,
    )
    run.results["helix_nodes"] = n
    return n


# -- read back -----------------------------------------------------------------------------------
def read_overlaps(
    db: DatabaseLike, min_shared: int = 1, limit: int = 100_000
) -> list[dict[str, Any]]:
    """The ``OVERLAPS`` relationships in the graph, most shared members first."""
    return db.read("read_overlaps", min_shared=min_shared, limit=limit)


def read_cluster_ranking(db: DatabaseLike, cluster: str, limit: int = 10) -> list[dict[str, Any]]:
    """A cluster's members by PageRank as stored by the latest centrality run."""
    return db.read("rank_cluster_members_by_pagerank", cluster=cluster, limit=limit)
