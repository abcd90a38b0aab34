"""``innograph analyze overlap|brokers|centrality|cross-sector|helix|all``.

Each command reads the projection from Neo4j, computes (``analytics``), writes the results
back under a new ``AnalyticsRun`` (unless ``--no-write``) and prints them with
``graph.output.emit``: a table, JSON (an array of objects) or CSV. Progress goes to
stderr, so ``--format json`` output can be piped.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from graph.output import Format, emit
from innograph.choices import Level, Via, View


class Unit(StrEnum):
    clusters = "clusters"
    projects = "projects"


FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="table, json or csv")]
TopOpt = Annotated[
    int | None,
    typer.Option(
        "--top", help="Rows to print (default: all for json/csv, 30 for a table; 0 = all)"
    ),
]
WriteOpt = Annotated[
    bool, typer.Option("--write/--no-write", help="Write the results back to the graph")
]
ViewOpt = Annotated[
    View, typer.Option("--view", help="Organisations linked by shared projects, clusters or both")
]
LevelOpt = Annotated[Level, typer.Option("--level", help="NACE level: section or division")]
PivotsOpt = Annotated[
    int | None,
    typer.Option(
        "--pivots",
        help="Betweenness sources to sample (default: exact up to 5,000 organisations, else 512)",
    ),
]
SeedOpt = Annotated[int, typer.Option("--seed", help="Seed of the betweenness sample")]
RealOpt = Annotated[
    bool,
    typer.Option(
        "--real-only", help="Leave synthetic and example data out (real organisations only)"
    ),
]


def _limit(top: int | None, fmt: Format) -> int | None:
    if top is None:
        return 30 if fmt is Format.table else None
    return top or None


@contextmanager
def _session() -> Iterator[tuple[Any, Any]]:
    """(database, step callback) with a spinner on stderr; the database stays open."""
    from graph.db import connect
    from innograph.console import err

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("connecting to Neo4j")

        def step(text: str) -> None:
            bar.update(task, description=text)

        with connect() as db:
            yield db, step


def _read(db: Any, step: Any, real_only: bool = False) -> Any:
    from analytics.adapter import read_projection

    step("reading the projection")
    return read_projection(db, real_only=real_only)


def _no_members(row: dict[str, Any]) -> dict[str, Any]:
    """A helix row of a unit without members: its figures say "no known members"."""
    if row.get("members"):
        return row
    return {
        k: ("no known members" if k.startswith("helix_") or k == "sme_share" else v)
        for k, v in row.items()
    }


def _notice(rows: list[dict[str, Any]]) -> None:
    """The notice under a table (and on stderr for JSON/CSV, whose rows carry the columns
    ``from_synthetic`` and ``synthetic_share``) when synthetic or example data contributed."""
    from innograph.console import say

    marked = [r for r in rows if r.get("from_synthetic")]
    if marked:
        top = max(float(r.get("synthetic_share") or 0) for r in marked)
        say(
            f"Notice: {len(marked)} of {len(rows)} rows are computed in part from synthetic "
            f"or example data (up to {top:.0%} of their inputs; columns from_synthetic, "
            "synthetic_share). Run with --real-only for real data only, or see "
            "`innograph purge --help`."
        )


def _done(run: Any) -> None:
    from innograph.console import say

    if run is not None:
        say(f"Written to the graph as run {run.id}.")


def _counts(res: Any) -> dict[str, int]:
    """The rows each analysis of ``analyze all`` wrote to the graph (the counts the run
    recorded from Neo4j's answers), or computed when nothing was written (``--no-write``):
    overlapping cluster pairs, ranked organisations, sector pairs with links (the
    ``SECTOR_LINK`` rows of every level and via, not the sum of their links), helix nodes."""
    from analytics.cross_sector import sector_links

    done = res.run.results if res.run is not None else {}
    sectors = [k for k in done if k.startswith("sector_links_")]
    return {
        "overlap": int(done.get("overlaps", len(res.overlap))),
        "centrality": int(done.get("organisations", res.projection.n_orgs)),
        "cross-sector": int(sum(done[k] for k in sectors))
        if sectors
        else sum(len(sector_links(m, cross_only=False)) for m in res.sector_matrices),
        "helix": int(done.get("helix_nodes", len(res.helix_clusters) + len(res.helix_projects))),
    }


def register(app: typer.Typer) -> None:
    analyze = typer.Typer(
        no_args_is_help=True, help="Overlap, brokers, centrality, cross-sector links, helix mix."
    )
    app.add_typer(analyze, name="analyze")

    @analyze.command("overlap")
    def overlap(
        fmt: FormatOpt = Format.table,
        top: TopOpt = None,
        level: LevelOpt = Level.division,
        write: WriteOpt = True,
        real_only: RealOpt = False,
    ) -> None:
        """Shared members, Jaccard and overlap coefficient of every pair of clusters."""
        from analytics.overlap import overlap_rows
        from analytics.runs import run_overlap

        with _session() as (db, step):
            proj = _read(db, step, real_only)
            ov, run = run_overlap(proj, db if write else None, sector_level=level.value, say=step)
        rows = overlap_rows(proj, ov, _limit(top, fmt), with_ids=fmt is not Format.table)
        emit(rows, fmt, title="Cluster overlap (pairs sharing members)")
        _notice(rows)
        _done(run)

    @analyze.command("brokers")
    def brokers_cmd(
        fmt: FormatOpt = Format.table, top: TopOpt = None, real_only: RealOpt = False
    ) -> None:
        """Organisations in two or more clusters, by clusters then projects (read only)."""
        from analytics.overlap import brokers

        with _session() as (db, step):
            proj = _read(db, step, real_only)
        emit(brokers(proj, _limit(top, fmt)), fmt, title="Brokers")

    @analyze.command("centrality")
    def centrality_cmd(
        fmt: FormatOpt = Format.table,
        top: TopOpt = None,
        view: ViewOpt = View.both,
        pivots: PivotsOpt = None,
        seed: SeedOpt = 0,
        write: WriteOpt = True,
        real_only: RealOpt = False,
    ) -> None:
        """Degree, weighted degree, betweenness and PageRank of organisations."""
        from analytics.centrality import rows
        from analytics.runs import run_centrality
        from innograph.console import say

        with _session() as (db, step):
            proj = _read(db, step, real_only)
            result, run = run_centrality(
                proj, db if write else None, view=view.value, pivots=pivots, seed=seed, say=step
            )
        out = rows(proj, result, _limit(top, fmt))
        emit(out, fmt, title=f"Centrality ({view.value} view), by PageRank")
        _notice(out)
        b = result.betweenness
        if not b.exact:
            say(
                f"Betweenness sampled from {b.pivots} of {proj.n_orgs} organisations (seed "
                f"{b.seed}): largest standard error {b.max_standard_error:.2e}; every value "
                f"within {b.error_bound:.3f} with probability {1 - b.delta:.0%}."
            )
        _done(run)

    @analyze.command("cross-sector")
    def cross_sector(
        fmt: FormatOpt = Format.table,
        top: TopOpt = None,
        level: LevelOpt = Level.section,
        via: Annotated[
            Via, typer.Option("--via", help="Links through shared projects, clusters or both")
        ] = Via.both,
        write: WriteOpt = True,
        real_only: RealOpt = False,
    ) -> None:
        """Links between NACE sectors through shared projects and clusters, most first."""
        from analytics.cross_sector import sector_links
        from analytics.runs import run_cross_sector

        vias = ("projects", "clusters") if via is Via.both else (via.value,)
        with _session() as (db, step):
            proj = _read(db, step, real_only)
            mats, _, run = run_cross_sector(
                proj, db if write else None, levels=(level.value,), vias=vias, say=step
            )
        out = [r for m in mats for r in sector_links(m)]
        out.sort(key=lambda r: (-r["links"], r["via"], r["sector_a"], r["sector_b"]))
        limit = _limit(top, fmt)
        shown = out[:limit] if limit else out
        emit(
            shown,
            fmt,
            ["sector_a", "sector_b", "links", "via", "level", "label_a", "label_b"]
            + ["from_synthetic", "synthetic_share"],
            title=f"Cross-sector links ({level.value})",
        )
        _notice(shown)
        _done(run)

    @analyze.command("helix")
    def helix(
        fmt: FormatOpt = Format.table,
        top: TopOpt = None,
        unit: Annotated[
            Unit, typer.Option("--unit", help="Print clusters or projects (both are written)")
        ] = Unit.clusters,
        write: WriteOpt = True,
        real_only: RealOpt = False,
    ) -> None:
        """The mix of firms, knowledge institutions, government, federations, others; SMEs."""
        from analytics.runs import run_helix

        with _session() as (db, step):
            proj = _read(db, step, real_only)
            clusters, projects, run = run_helix(proj, db if write else None, say=step)
        out = clusters if unit is Unit.clusters else projects
        limit = _limit(top, fmt)
        shown = [_no_members(r) for r in (out[:limit] if limit else out)]
        emit(shown, fmt, title=f"Helix mix per {unit.value[:-1]}")
        _notice(shown)
        _done(run)

    @analyze.command("all")
    def all_cmd(
        fmt: FormatOpt = Format.table,
        view: ViewOpt = View.both,
        pivots: PivotsOpt = None,
        seed: SeedOpt = 0,
        write: WriteOpt = True,
        real_only: RealOpt = False,
    ) -> None:
        """Run the four analyses, write everything under one run, print a summary."""
        from analytics.provenance import demo_share
        from analytics.runs import run_all

        with _session() as (db, step):
            res = run_all(
                db,
                view=view.value,
                pivots=pivots,
                seed=seed,
                write=write,
                real_only=real_only,
                say=step,
            )
        b = res.centrality.betweenness
        p = res.projection
        counts = _counts(res)
        summary: list[dict[str, Any]] = [
            {
                "analysis": "overlap",
                "results": counts["overlap"],
                "note": "cluster pairs sharing members",
            },
            {
                "analysis": "centrality",
                "results": counts["centrality"],
                "note": f"organisations ranked, {view.value} view; betweenness "
                + (
                    "exact"
                    if b.exact
                    else f"from {b.pivots} pivots, max SE {b.max_standard_error:.1e}"
                ),
            },
            {
                "analysis": "cross-sector",
                "results": counts["cross-sector"],
                "note": "sector pairs with links (section and division, via projects and "
                f"clusters; {sum(m.cross_links for m in res.sector_matrices)} cross-sector "
                "links in all)",
            },
            {
                "analysis": "helix",
                "results": counts["helix"],
                "note": f"{len(res.helix_clusters)} clusters and "
                f"{len(res.helix_projects)} projects",
            },
        ]
        for row in summary:
            row["seconds"] = round(
                sum(v for k, v in res.timings.seconds.items() if k.startswith(row["analysis"])), 3
            )
        summary.insert(
            0,
            {
                "analysis": "read projection",
                "results": p.n_orgs,
                "seconds": round(res.timings.seconds.get("read projection", 0), 3),
                "note": f"{p.n_memberships} memberships, {p.n_participations} participations",
            },
        )
        emit(
            summary,
            fmt,
            ["analysis", "results", "seconds", "note"],
            title=f"innograph analyze all ({p.n_orgs} organisations, {p.n_clusters} "
            f"clusters, {p.n_projects} projects)",
        )
        share = demo_share(p)
        _notice([{"from_synthetic": share > 0, "synthetic_share": share}])
        _done(res.run)
