"""``innograph ingest`` and ``innograph demo``."""

from __future__ import annotations

import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from graph.output import Format, emit
from ingest.data import CORDIS_H2020 as DEFAULT_CORDIS
from innograph.console import err, say

if TYPE_CHECKING:
    from ingest.pipeline import IngestResult

OUT = Path("out")  # the working directory's, never the installed package's
CYPHER_HINT = 'innograph cypher "MATCH (c:Cluster) RETURN c.name"'  # cypher-example


@contextmanager
def progress_bar(total: int, what: str):
    """A rich progress bar on stderr; yields the callback the writer calls per batch."""
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task(what, total=total)

        def advance(name: str, n: int) -> None:
            bar.update(task, advance=n, description=f"{what}: {name}")

        yield advance


def print_summary(summary, fmt: Format = Format.table, title: str = "") -> None:
    emit(
        summary.rows(),
        fmt,
        ["type", "created", "updated", "unchanged", "missing", "rejected"],
        title=title,
    )


def _show(result: IngestResult, dry_run: bool, out_format: Format) -> None:
    """What one ingested source gave: rejected rows, then its summary (or, on a dry run, the
    records it would write)."""
    if result.report:
        say(
            f"{len(result.records.rejected)} invalid rows "
            f"{'would be' if dry_run else 'were'} skipped; reasons in {result.report}."
        )
    title = f"{result.path} ({result.format})"
    if result.summary is None:
        emit(
            [{"type": k, "rows": v} for k, v in sorted(result.records.counts().items())],
            out_format,
            title=f"{title}: valid, nothing written (dry run)",
        )
    else:
        print_summary(result.summary, out_format, title=title)
    if result.landscape is not None:
        show_landscape(result.landscape, out_format)


def show_landscape(report, out_format: Format, limit: int = 30) -> None:
    """The CORDIS-to-landscape matching: the counts, then the unmatched with their closest
    landscape names (the first ``limit`` in a table; every one in JSON or CSV)."""
    say(report.summary())
    rows = report.rows()
    if not rows:
        return
    shown = rows if out_format is not Format.table else rows[:limit]
    emit(
        shown,
        out_format,
        ["id", "name", "closest"],
        title="Belgian CORDIS organisations not in the landscape, with the closest names",
    )
    if len(shown) < len(rows):
        say(f"... and {len(rows) - len(shown):,} more (all of them with --output csv or json).")


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest(
        paths: Annotated[list[Path], typer.Argument(help="Folders or .xlsx files to load")],
        fmt: Annotated[
            str | None,
            typer.Option(
                "--format", help="clusterfiles | cordis (recognised from the files when omitted)"
            ),
        ] = None,
        dry_run: Annotated[
            bool, typer.Option("--dry-run", help="Validate and report; write nothing")
        ] = False,
        skip_invalid: Annotated[
            bool,
            typer.Option(
                "--skip-invalid", help="Load the valid rows; write rejected rows to a report"
            ),
        ] = False,
        report: Annotated[
            Path | None, typer.Option(help="Where --skip-invalid writes rejects")
        ] = None,
        out_format: Annotated[
            Format, typer.Option("--output", help="Summary format")
        ] = Format.table,
    ) -> None:
        """Load cluster managers' files or a CORDIS folder (validated; idempotent)."""
        from graph.db import connect
        from ingest import pipeline

        with connect() as db:
            for result in pipeline.ingest_each(
                db,
                paths,
                fmt,
                dry_run=dry_run,
                skip_invalid=skip_invalid,
                report=report,
                progress_bar=progress_bar,
            ):
                _show(result, dry_run, out_format)

    @app.command("demo")
    def demo(
        synthetic: Annotated[int, typer.Option(help="Synthetic member organisations")] = 20_000,
        no_synthetic: Annotated[
            bool,
            typer.Option(
                "--no-synthetic",
                help="Real data only: no synthetic members (same as --synthetic 0)",
            ),
        ] = False,
        seed: Annotated[int, typer.Option(help="Seed of the synthetic generator")] = 7,
        cordis: Annotated[Path | None, typer.Option(help="CORDIS folder")] = None,
        out: Annotated[
            Path, typer.Option(help="Folder for the maps and the rejects report (./out)")
        ] = OUT,
        analyze: Annotated[bool, typer.Option(help="Run the analytics")] = True,
        maps: Annotated[bool, typer.Option(help="Write the maps")] = True,
    ) -> None:
        """The main job: curated landscape, CORDIS, synthetic members, analytics, maps.

        With --no-synthetic only real data is loaded (and the analytics see only real data,
        so no figure carries the synthetic notice)."""
        from graph.db import connect, managed_server
        from graph.settings import get_settings

        started = time.monotonic()
        cordis = cordis or (DEFAULT_CORDIS if DEFAULT_CORDIS.exists() else None)
        with connect() as db:
            from innograph import demo as demo_steps

            demo_steps.run(
                db,
                synthetic=0 if no_synthetic else synthetic,
                seed=seed,
                cordis=cordis,
                out=out,
                analyze=analyze,
                maps=maps,
                progress_bar=progress_bar,
                say=say,
            )
            if no_synthetic:
                demo_steps.warn_leftovers(db, say)
        s = get_settings()
        where = (
            f"{s.neo4j_uri}"
            if s.external
            else f"http://127.0.0.1:{s.http_port}/browser/ (user neo4j, password in "
            f"{managed_server(s).password_file})"
        )
        say(
            f"\nDone in {time.monotonic() - started:.0f} s. Open next:\n"
            f"  - Neo4j Browser: {where}\n"
            f"  - the maps: {out}/*.html (open them in any browser, also offline)\n"
            f"  - the web pages and API: `innograph serve`, then http://127.0.0.1:8000 "
            f"(create a key with `innograph keys create --role manager`)\n"
            f"  - Cypher from the terminal: {CYPHER_HINT}"
        )
