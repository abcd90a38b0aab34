"""The main job behind ``innograph demo``: every source, the analytics and the maps, in order.

Steps (each idempotent, so a second demo changes no counts):
1. schema; 2. NACE sectors; 3. the curated landscape from the seed documents;
4. the CORDIS extract (real EU projects); 5. synthetic members (marked ``synthetic``);
6. the analytics, written back; 7. the maps and plots in ``out/``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from graph import schema
from graph.db import Database
from graph.load import LoadSummary, total_rows
from graph.records import Records
from ingest import pipeline


def _said(what: str, records: Records, summary: LoadSummary, t0: float, say) -> None:
    created = sum(c.created for c in summary.per_type.values())
    say(
        f"{what}: {total_rows(records):,} rows, {created:,} new, "
        f"{summary.changed - created:,} updated ({time.monotonic() - t0:.1f} s)"
    )


def _load(db: Database, records: Records, what: str, progress_bar, say) -> LoadSummary:
    t0 = time.monotonic()
    summary = pipeline.write(db, records, what=what, progress_bar=progress_bar)
    _said(what, records, summary, t0, say)
    return summary


def load_sources(
    db: Database,
    *,
    synthetic: int,
    seed: int,
    cordis: Path | None,
    progress_bar,
    say: Callable[[str], None],
    out: Path = Path("out"),
) -> None:
    from ingest import landscape, sectors

    schema.apply(db)
    _load(db, sectors.build_sectors(), "NACE sectors", progress_bar, say)
    _load(db, landscape.build_landscape(), "Curated landscape (seed documents)", progress_bar, say)
    if cordis:
        t0, what = time.monotonic(), f"CORDIS extract ({cordis.name})"
        result = pipeline.ingest_path(
            db,
            cordis,
            "cordis",
            skip_invalid=True,
            report=out / "cordis.rejected.csv",
            progress_bar=progress_bar,
            what=what,
        )
        if result.report:
            say(f"CORDIS: {len(result.records.rejected)} rows rejected; reasons in {result.report}")
        assert result.summary is not None
        _said(what, result.records, result.summary, t0, say)
        if result.landscape is not None:
            say(f"CORDIS: {result.landscape.summary()}")
    else:
        say("CORDIS: no extract found (give --cordis DIR); skipped.")
    if synthetic > 0:
        from ingest import synthetic as synth

        _load(
            db,
            synth.generate(synthetic, seed=seed),
            f"Synthetic members (n={synthetic:,})",
            progress_bar,
            say,
        )


def warn_leftovers(db: Database, say: Callable[[str], None]) -> None:
    """After a real-only demo: say so if earlier loads left synthetic or example data."""
    from graph import purge

    left = purge.purge(db, synthetic=True, examples=True, dry_run=True)
    if left.deleted:
        say(
            f"The graph still holds {sum(left.nodes.values()):,} synthetic or example nodes "
            "from earlier loads: `innograph purge --synthetic --examples` removes them."
        )


def run_analytics(db: Database, say: Callable[[str], None]) -> dict[str, Any]:
    from analytics import runs

    t0 = time.monotonic()
    result = runs.run_all(db, say=lambda step: say(f"  analytics: {step}"))
    say(f"Analytics written back ({time.monotonic() - t0:.1f} s).")
    return {"result": result}


def write_maps(db: Database, out: Path, say: Callable[[str], None]) -> list[Path]:
    """The ecosystem, overlap and per-spearhead-cluster maps, and the two heatmaps."""
    from graph import map_data
    from viz import graphs, maps, plots

    out.mkdir(parents=True, exist_ok=True)
    written = []
    maps.ecosystem_map(
        graphs.ecosystem_graph(**map_data.ecosystem_rows(db)), out / "ecosystem.html"
    )
    written.append(out / "ecosystem.html")
    overlap = graphs.overlap_graph_from_rows(**map_data.overlap_rows(db, min_shared=1))
    maps.overlap_map(overlap, out / "overlap.html")
    written.append(out / "overlap.html")
    if overlap.number_of_nodes():
        for ext in ("png", "svg"):
            plots.overlap_heatmap(overlap, out / f"overlap_heatmap.{ext}")
            written.append(out / f"overlap_heatmap.{ext}")
    links = map_data.sector_links(db, level="section", via="projects")
    if links:
        for ext in ("png", "svg"):
            plots.sector_heatmap(links, out / f"sector_matrix.{ext}")
            written.append(out / f"sector_matrix.{ext}")
    spearheads = db.read("read_spearhead_ids")
    for row in spearheads:
        path = out / f"cluster_{row['id']}.html"
        cluster = graphs.cluster_graph(**map_data.cluster_rows(db, row["id"]))
        maps.cluster_map(cluster, row["id"], path)
        written.append(path)
    say(f"Maps and figures written to {out}/ ({len(written)} files).")
    return written


def run(
    db: Database,
    *,
    synthetic: int,
    seed: int,
    cordis: Path | None,
    out: Path,
    analyze: bool,
    maps: bool,
    progress_bar,
    say: Callable[[str], None],
) -> None:
    load_sources(
        db,
        synthetic=synthetic,
        seed=seed,
        cordis=cordis,
        progress_bar=progress_bar,
        say=say,
        out=out,
    )
    if analyze:
        run_analytics(db, say)
    if maps:
        write_maps(db, out, say)
