"""Read, compute, write: the analyses as runs against a database (used by the CLI and benchmarks).

Each ``run_*`` function computes one analysis on a ``Projection`` and, when ``db`` is given,
writes it back under an ``AnalyticsRun`` (a new one, or the one passed in, as ``run_all``
does so that every result of ``analyze all`` carries the same run id). ``timings`` collects
seconds per step.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from analytics import adapter, provenance
from analytics.adapter.results import DatabaseLike, Run
from analytics.centrality import Centrality, centrality
from analytics.cross_sector import SectorMatrix, cluster_cross_sector_share, sector_matrix
from analytics.helix import helix_mix
from analytics.overlap import Overlap, cluster_overlap
from analytics.projection import Projection

Step = Callable[[str], None]


@dataclass
class Timings:
    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def step(self, name: str, say: Step | None = None):
        if say:
            say(name)
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - t0


def _write(
    db: DatabaseLike | None,
    run: Run | None,
    kind: str,
    params: dict[str, Any],
    step: tuple[Timings, Step | None],
    write: Callable[[DatabaseLike, Run], object],
) -> Run | None:
    """``write`` the result under ``run``, or under a run of its own that it starts and
    finishes; nothing without a database."""
    if db is None:
        return run
    own = run is None
    run = run or adapter.start_run(db, kind, params)
    with step[0].step(f"{kind}: write", step[1]):
        write(db, run)
    if own:
        adapter.finish_run(db, run)
    return run


def run_overlap(
    proj: Projection,
    db: DatabaseLike | None = None,
    run: Run | None = None,
    *,
    sector_level: str = "division",
    timings: Timings | None = None,
    say: Step | None = None,
) -> tuple[Overlap, Run | None]:
    t = timings or Timings()
    with t.step("overlap: compute", say):
        ov = cluster_overlap(proj, sector_level=sector_level)
    run = _write(
        db,
        run,
        "overlap",
        {"sector_level": sector_level},
        (t, say),
        lambda db, run: adapter.write_overlap(db, proj, ov, run),
    )
    return ov, run


def run_centrality(
    proj: Projection,
    db: DatabaseLike | None = None,
    run: Run | None = None,
    *,
    view: str = "both",
    pivots: int | None = None,
    seed: int = 0,
    top_k: int = 10,
    timings: Timings | None = None,
    say: Step | None = None,
) -> tuple[Centrality, Run | None]:
    t = timings or Timings()
    with t.step("centrality: compute", say):
        result = centrality(proj, view, pivots=pivots, seed=seed)

    def write(db: DatabaseLike, run: Run) -> None:
        run.results["betweenness_exact"] = int(result.betweenness.exact)
        run.results["betweenness_pivots"] = result.betweenness.pivots
        adapter.write_centrality(db, proj, result, run, top_k=top_k)

    params = {"view": view, "pivots": pivots, "seed": seed, "cluster_weight": result.cluster_weight}
    return result, _write(db, run, "centrality", params, (t, say), write)


def run_cross_sector(
    proj: Projection,
    db: DatabaseLike | None = None,
    run: Run | None = None,
    *,
    levels: tuple[str, ...] = ("section",),
    vias: tuple[str, ...] = ("projects", "clusters"),
    timings: Timings | None = None,
    say: Step | None = None,
) -> tuple[list[SectorMatrix], list[dict[str, Any]], Run | None]:
    t = timings or Timings()
    with t.step("cross-sector: compute", say):
        matrices = [sector_matrix(proj, level, via) for level in levels for via in vias]
        shares = cluster_cross_sector_share(proj, levels[0])

    def write(db: DatabaseLike, run: Run) -> None:
        for mat in matrices:
            adapter.write_sector_links(db, mat, run)
        adapter.write_cluster_cross_sector(db, shares, levels[0], run)

    params = {"levels": list(levels), "vias": list(vias)}
    return matrices, shares, _write(db, run, "cross-sector", params, (t, say), write)


def run_helix(
    proj: Projection,
    db: DatabaseLike | None = None,
    run: Run | None = None,
    *,
    timings: Timings | None = None,
    say: Step | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], Run | None]:
    t = timings or Timings()
    with t.step("helix: compute", say):
        clusters = helix_mix(proj, "clusters")
        projects = helix_mix(proj, "projects")
    run = _write(
        db,
        run,
        "helix",
        {},
        (t, say),
        lambda db, run: adapter.write_helix(db, clusters, projects, run),
    )
    return clusters, projects, run


@dataclass
class AllResults:
    projection: Projection
    overlap: Overlap
    centrality: Centrality
    sector_matrices: list[SectorMatrix]
    cross_sector_shares: list[dict[str, Any]]
    helix_clusters: list[dict[str, Any]]
    helix_projects: list[dict[str, Any]]
    run: Run | None
    timings: Timings


def run_all(
    db: DatabaseLike | None,
    proj: Projection | None = None,
    *,
    view: str = "both",
    pivots: int | None = None,
    seed: int = 0,
    top_k: int = 10,
    write: bool = True,
    real_only: bool = False,
    say: Step | None = None,
) -> AllResults:
    """Read the projection (unless given), run the four analyses, write them under one run.

    With ``write=False`` (or no ``db``) nothing is written. With ``real_only`` the analyses
    leave out synthetic and example data (``analytics.provenance.real_part``).
    """
    t = Timings()
    if proj is None:
        if db is None:
            raise ValueError("run_all needs a database or a projection")
        with t.step("read projection", say):
            proj = adapter.read_projection(db)
    if real_only:
        proj = provenance.real_part(proj)
    out = db if write else None
    run = None
    if out is not None:
        params = {"view": view, "pivots": pivots, "seed": seed, "real_only": real_only}
        run = adapter.start_run(out, "all", params)
        run.results["synthetic_share"] = round(provenance.demo_share(proj), 4)
    ov, _ = run_overlap(proj, out, run, timings=t, say=say)
    cen, _ = run_centrality(
        proj, out, run, view=view, pivots=pivots, seed=seed, top_k=top_k, timings=t, say=say
    )
    mats, shares, _ = run_cross_sector(
        proj, out, run, levels=("section", "division"), timings=t, say=say
    )
    hc, hp, _ = run_helix(proj, out, run, timings=t, say=say)
    if out is not None and run is not None:
        run.results["seconds"] = round(sum(t.seconds.values()), 3)
        adapter.finish_run(out, run)
    return AllResults(proj, ov, cen, mats, shares, hc, hp, run, t)
