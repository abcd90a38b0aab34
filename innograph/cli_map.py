"""``innograph map ecosystem|cluster ID|overlap|match|heatmap|sectors --out FILE``.

Interactive maps are single HTML files that open in any browser with no network (no CDN);
``heatmap`` and ``sectors`` write static PNG or SVG figures for reports. Each command reads
the rows it draws with ``graph.map_data``, builds the graph with ``viz.graphs``, draws with
``viz.maps`` / ``viz.plots``, prints the file's absolute path on stdout and a one-line
summary on stderr.

``map match`` draws a partner search: ``--for ORG`` runs ``analytics.matching``'s
``match_partners`` on the model ``analytics.adapter`` reads, and ``--from-json FILE`` draws a
saved result (what ``innograph match --for ORG --format json`` prints: a list of partners
with ``id``, ``name``, ``score``, ``explanation``, or an object with ``partners`` and
``consortia``), completed from the graph (kinds, sectors, clusters).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from graph.errors import InnographError
from graph.output import plain
from innograph.choices import ColorBy, Level, Measure
from innograph.console import err

map_app = typer.Typer(
    no_args_is_help=True, help="Interactive maps (self-contained HTML) and figures (PNG/SVG)."
)


OutHtml = Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write")]
OutFigure = Annotated[Path, typer.Option("--out", "-o", help="The .png or .svg file to write")]
ColorOpt = Annotated[ColorBy, typer.Option("--color-by", help="Colour by kind or NACE sector")]
SizeOpt = Annotated[
    str,
    typer.Option(
        "--size-by", help="Centrality that sizes organisations (pagerank, degree, betweenness)"
    ),
]


def _html_path(out: Path) -> Path:
    if out.suffix.lower() not in (".html", ".htm"):
        raise InnographError(f"--out {out}: a map is an HTML file; name it something.html.")
    return out


def _figure_path(out: Path) -> Path:
    if out.suffix.lower() not in (".png", ".svg"):
        raise InnographError(f"--out {out}: write a .png or an .svg file.")
    return out


def _done(info: Any, what: str) -> None:
    err.print(
        f"{what}: {info.nodes:,} nodes, {info.edges:,} edges, "
        f"{info.bytes / 1e6:.1f} MB; self-contained, opens offline in any browser.",
        highlight=False,
        soft_wrap=True,
    )
    typer.echo(str(info.path.resolve()))


def ecosystem(
    out: OutHtml,
    color_by: ColorOpt = ColorBy.kind,
    size_by: SizeOpt = "pagerank",
    max_organisations: Annotated[
        int, typer.Option(help="Non-firm organisations drawn one by one (the most central)")
    ] = 150,
    by_sector: Annotated[
        bool | None,
        typer.Option(
            "--by-sector/--by-kind",
            help="Group members per NACE section (default when colouring by sector)",
        ),
    ] = None,
) -> None:
    """The whole ecosystem: clusters, IBNs, federations, institutions; firms aggregated.

    Clusters, IBNs, cluster managers and tied organisations are drawn one by one, with the
    most central other non-firm members; every other member is counted in bubbles."""
    from graph import map_data
    from graph.db import connect
    from viz import graphs, maps

    out = _html_path(out)
    with connect() as db:
        G = graphs.ecosystem_graph(**map_data.ecosystem_rows(db, max_organisations))
    info = maps.ecosystem_map(
        G,
        out,
        color_by=color_by.value,
        size_by=size_by,
        max_organisations=max_organisations,
        group_by_sector=by_sector,
    )
    _done(info, "Ecosystem map")


def cluster(
    cluster_id: Annotated[str, typer.Argument(help="The cluster's id")],
    out: OutHtml,
    color_by: ColorOpt = ColorBy.kind,
    size_by: SizeOpt = "pagerank",
    max_nodes: Annotated[
        int, typer.Option(help="Above this, the least central members are aggregated")
    ] = 5000,
    bridges: Annotated[
        bool,
        typer.Option("--bridges/--no-bridges", help="Draw the other clusters members belong to"),
    ] = True,
) -> None:
    """A cluster's ego-network: its members, ties, links, projects and bridges.

    Bridges are the other clusters its members also belong to."""
    from graph import map_data
    from graph.db import connect
    from viz import graphs, maps

    out = _html_path(out)
    with connect() as db:
        G = graphs.cluster_graph(**map_data.cluster_rows(db, cluster_id))
    info = maps.cluster_map(
        G,
        cluster_id,
        out,
        color_by=color_by.value,
        size_by=size_by,
        max_nodes=max_nodes,
        bridges=bridges,
    )
    _done(info, f"Map of cluster {cluster_id}")


def overlap(
    out: OutHtml,
    min_shared: Annotated[int, typer.Option(help="Leave out pairs sharing fewer")] = 1,
    measure: Annotated[Measure, typer.Option(help="What edge width shows")] = Measure.shared,
) -> None:
    """Clusters linked by shared members (edge width = shared members)."""
    from graph import map_data
    from graph.db import connect
    from viz import graphs, maps

    out = _html_path(out)
    with connect() as db:
        G = graphs.overlap_graph_from_rows(**map_data.overlap_rows(db, min_shared))
    info = maps.overlap_map(G, out, min_shared=min_shared, measure=measure.value)
    _done(info, "Overlap map")


def match(
    out: OutHtml,
    org: Annotated[
        str | None, typer.Option("--for", help="The organisation (id or enterprise number)")
    ] = None,
    from_json: Annotated[
        Path | None,
        typer.Option(
            "--from-json",
            help="A saved match result (innograph match ... --format json)",
            exists=True,
            dir_okay=False,
            readable=True,
        ),
    ] = None,
    theme: Annotated[str | None, typer.Option(help="Theme of the search")] = None,
    k: Annotated[int, typer.Option("--k", help="Partners to draw")] = 10,
    color_by: ColorOpt = ColorBy.kind,
) -> None:
    """An organisation (or a call) with its ranked partners and proposed consortia."""
    from graph import map_data
    from graph.db import connect
    from viz import graphs, maps

    out = _html_path(out)
    if org is None and from_json is None:
        raise InnographError("Say whose partners to draw: --for ORG, or --from-json FILE.")
    with connect() as db:
        if from_json is not None:
            try:
                result = json.loads(from_json.read_text(encoding="utf-8"))
            except ValueError as e:
                raise InnographError(f"{from_json} is not JSON: {e}.") from e
        else:
            result = run_partner_search(db, org or "", theme=theme, k=k)
        known = map_data.organisations(db, graphs.match_ids(result, org))
        G = graphs.completed_match_graph(result, known, focus=org)
    info = maps.match_map(G, out, color_by=color_by.value)
    _done(info, "Match map")


def heatmap(
    out: OutFigure,
    measure: Annotated[Measure, typer.Option(help="What the cells show")] = Measure.shared,
    min_shared: Annotated[int, typer.Option(help="Leave out pairs sharing fewer")] = 1,
    annotate: Annotated[
        bool | None,
        typer.Option(
            "--annotate/--no-annotate", help="Write values in cells (default: up to 30 clusters)"
        ),
    ] = None,
) -> None:
    """The clusters x clusters overlap heatmap as PNG or SVG."""
    from graph import map_data
    from graph.db import connect
    from viz import graphs, plots

    out = _figure_path(out)
    with connect() as db:
        G = graphs.overlap_graph_from_rows(**map_data.overlap_rows(db, min_shared))
    if G.number_of_nodes() == 0:
        raise InnographError("There are no clusters in the graph: nothing to draw.")
    plots.overlap_heatmap(G, out, measure=measure.value, annotate=annotate)
    err.print(f"Overlap heatmap: {G.number_of_nodes()} clusters, {measure.value}.", highlight=False)
    typer.echo(str(out.resolve()))


def sectors(
    out: OutFigure,
    level: Annotated[Level, typer.Option(help="NACE level")] = Level.section,
    via: Annotated[
        str, typer.Option(help="Ties analytics counted (projects or clusters)")
    ] = "projects",
    annotate: Annotated[
        bool | None,
        typer.Option(
            "--annotate/--no-annotate", help="Write values in cells (default: up to 30 sectors)"
        ),
    ] = None,
) -> None:
    """The NACE sector x sector collaboration matrix as PNG or SVG."""
    from graph import map_data
    from graph.db import connect
    from viz import plots

    out = _figure_path(out)
    with connect() as db:
        rows = map_data.sector_links(db, level=level.value, via=via)
    if not rows:
        raise InnographError(
            "There are no cross-sector links in the graph: run "
            "`innograph analyze cross-sector` first (or load projects)."
        )
    plots.sector_heatmap(rows, out, annotate=annotate)
    err.print(
        f"Sector matrix: {len({r['a'] for r in rows} | {r['b'] for r in rows})} "
        f"{level.value}s, {sum(r['links'] for r in rows):,} links.",
        highlight=False,
    )
    typer.echo(str(out.resolve()))


# -- partner search through analytics.matching --------------------------------------------------
def run_partner_search(db: Any, org: str, *, theme: str | None, k: int) -> list[dict[str, Any]]:
    """Partners for ``org`` (``analytics.matching.match_partners``) as plain rows, on the
    model ``analytics.adapter`` reads from the graph."""
    from analytics.adapter import ModelCache
    from analytics.matching import match_partners

    model = ModelCache().get(db)
    return plain(match_partners(model, org, theme=theme, k=k).model_dump())


def register(app: typer.Typer) -> None:
    """Add ``innograph map ...`` to the command line."""
    map_app.command("ecosystem")(ecosystem)
    map_app.command("cluster")(cluster)
    map_app.command("overlap")(overlap)
    map_app.command("match")(match)
    map_app.command("heatmap")(heatmap)
    map_app.command("sectors")(sectors)
    app.add_typer(map_app, name="map")
