"""``innograph purge``: delete by provenance, then recompute the derived facts."""

from __future__ import annotations

from typing import Annotated

import typer

from graph.output import Format, emit
from innograph.console import say


def register(app: typer.Typer) -> None:
    @app.command("purge")
    def purge(
        synthetic: Annotated[
            bool, typer.Option("--synthetic", help="Delete the synthetic demo data")
        ] = False,
        examples: Annotated[
            bool, typer.Option("--examples", help="Delete the fictional example data")
        ] = False,
        source: Annotated[
            str | None,
            typer.Option(
                "--source",
                help="Delete what only this source supports (a Source id, or a prefix such "
                "as cordis or clusterfiles:acme) and take it off the rest",
            ),
        ] = None,
        dry_run: Annotated[
            bool, typer.Option("--dry-run", help="Count what would go; delete nothing")
        ] = False,
        batch_size: Annotated[int, typer.Option(help="Rows per transaction")] = 10_000,
        recompute: Annotated[
            bool,
            typer.Option(
                help="Recompute the analytics after a purge that changed the graph (else their "
                "derived facts are removed)"
            ),
        ] = True,
        out_format: Annotated[Format, typer.Option("--output", help="Report format")] = (
            Format.table
        ),
    ) -> None:
        """Delete by provenance, in batches: synthetic data, example data or one source.

        Idempotent: a second purge finds nothing. Derived facts (overlaps, centralities, sector
        links, cluster statistics) that rested on the deleted data are recomputed, or removed
        with --no-recompute."""
        from graph import purge as purging
        from graph.db import connect

        with connect() as db:
            had_analytics = purging.analysed(db)
            report = purging.purge(
                db,
                synthetic=synthetic,
                examples=examples,
                source=source,
                dry_run=dry_run,
                batch_size=batch_size,
            )
            verb = "would be" if dry_run else "were"
            emit(report.rows(), out_format, ["what", "name", "deleted"], title="Purge")
            say(
                f"{sum(report.nodes.values()):,} nodes and {sum(report.relationships.values()):,} "
                f"relationships {verb} deleted; {report.stripped_nodes:,} nodes and "
                f"{report.stripped_relationships:,} relationships {verb} kept with the purged "
                f"sources taken off (sources: {', '.join(report.sources) or 'none'})."
            )
            if dry_run or not report.changed or not had_analytics:
                return
            _derived(db, recompute)


def _derived(db, recompute: bool) -> None:
    """Recompute every derived fact and drop the runs it replaces, or remove them all."""
    from graph import purge as purging

    if not recompute:
        n = purging.drop_derived(db)
        say(f"Derived facts removed ({n:,} runs and their results); run `innograph analyze all`.")
        return
    from analytics import runs

    result = runs.run_all(db, say=lambda step: say(f"  analytics: {step}"))
    assert result.run is not None
    dropped = purging.drop_runs_except(db, result.run.id)
    say(f"Analytics recomputed (run {result.run.id}; {dropped} earlier runs removed).")
