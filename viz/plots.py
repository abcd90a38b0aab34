"""Static figures for reports: the cluster overlap heatmap and the NACE sector x sector matrix.

Drawn with matplotlib's object API on an Agg canvas (no pyplot, no display, no global state),
written as PNG or SVG according to the file's suffix. SVGs are reproducible (fixed hash salt,
no date) and embed their glyphs as paths, so they look the same everywhere.

>>> import networkx as nx, tempfile, pathlib
>>> G = nx.Graph()
>>> G.add_node("a", kind="cluster_spearhead", name="A", members=4)
>>> G.add_node("b", kind="cluster_ibn", name="B", members=2)
>>> G.add_edge("a", "b", shared=1, jaccard=0.2)
>>> names, M = overlap_matrix(G)
>>> names, M.tolist()
(['A', 'B'], [[4.0, 1.0], [1.0, 2.0]])
>>> out = overlap_heatmap(G, pathlib.Path(tempfile.mkdtemp()) / "o.svg")
>>> out.suffix, out.stat().st_size > 0
('.svg', True)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import matplotlib
import networkx as nx
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import PowerNorm
from matplotlib.figure import Figure

from viz import notice, style

FORMATS = (".png", ".svg")
MEASURES = {
    "shared": "shared members",
    "jaccard": "Jaccard index",
    "overlap_coefficient": "overlap coefficient",
}


def _check_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{path.name}: write a .png or an .svg file")
    return suffix[1:]


def overlap_matrix(G: nx.Graph, measure: str = "shared") -> tuple[list[str], np.ndarray]:
    """(cluster names, square matrix) of a cluster overlap graph (``viz.reshape.overlap_graph``
    or ``viz.graphs.overlap_graph_from_rows``). Clusters are ordered spearhead clusters first,
    then IBNs, each by name. The diagonal holds the member count for ``shared`` and 1 otherwise."""
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    clusters = [n for n, a in G.nodes(data=True) if style.is_cluster(a)]
    clusters.sort(
        key=lambda n: (
            style.kind_of(G.nodes[n]) != "cluster_spearhead",
            _natural(str(G.nodes[n].get("name") or n)),
            str(n),
        )
    )
    index = {c: i for i, c in enumerate(clusters)}
    M = np.zeros((len(clusters), len(clusters)))
    for c, i in index.items():
        members = G.nodes[c].get("members")
        M[i, i] = float(members or 0) if measure == "shared" else 1.0
    for u, v, a in G.edges(data=True):
        if u in index and v in index and u != v:
            M[index[u], index[v]] = M[index[v], index[u]] = float(a.get(measure) or 0)
    return [str(G.nodes[c].get("name") or c) for c in clusters], M


def sector_matrix(rows: Iterable[Mapping[str, Any]]) -> tuple[list[str], np.ndarray]:
    """(sector codes, symmetric matrix) of rows ``{a, b, links}`` (``graph.map_data.sector_links``).
    Codes are sorted (A..U or 01..99); only sectors with links appear."""
    totals: dict[tuple[str, str], float] = {}
    for r in rows:
        a, b = sorted((str(r["a"]), str(r["b"])))
        totals[(a, b)] = totals.get((a, b), 0.0) + float(r.get("links") or 0)
    codes = sorted({c for pair in totals for c in pair})
    index = {c: i for i, c in enumerate(codes)}
    M = np.zeros((len(codes), len(codes)))
    for (a, b), n in totals.items():
        M[index[a], index[b]] = M[index[b], index[a]] = n
    return codes, M


def overlap_heatmap(
    G: nx.Graph,
    path: str | Path,
    *,
    measure: str = "shared",
    annotate: bool | None = None,
    title: str = "Overlap between clusters",
) -> Path:
    """Write the clusters x clusters heatmap of ``measure`` to ``path`` (.png or .svg), with
    a notice under it when synthetic or example data contributed (``viz.notice``)."""
    names, M = overlap_matrix(G, measure)
    # the diagonal (a cluster with itself: its members, up to thousands) would set the colour
    # scale and wash out every pair; it is left blank and the member counts go in the labels
    members = [int(M[i, i]) for i in range(len(names))] if measure == "shared" else []
    labels = [_short(n) + (f" ({members[i]:,})" if members else "") for i, n in enumerate(names)]
    return _heatmap(
        M,
        labels,
        labels,
        Path(path),
        title=title,
        warning=notice.text(notice.share_of_graph(G)),
        colourbar=MEASURES[measure]
        + (" (pairs only; members in brackets)" if members else " (pairs only)"),
        diagonal_apart=True,
        annotate=annotate,
        integer=measure == "shared",
        cmap="Blues",
    )


def sector_heatmap(
    rows: Iterable[Mapping[str, Any]],
    path: str | Path,
    *,
    annotate: bool | None = None,
    title: str = "Collaboration between NACE sections",
) -> Path:
    """Write the NACE sector x sector matrix (links between sectors) to ``path``, with a
    notice under it when synthetic or example data contributed."""
    rows = list(rows)
    codes, M = sector_matrix(rows)
    labels = [_short(style.section_label(c), 44) if len(c) == 1 else c for c in codes]
    return _heatmap(
        M,
        labels,
        codes,
        Path(path),
        title=title,
        warning=notice.text(notice.share_of_rows(rows)),
        colourbar="links",
        annotate=annotate,
        integer=True,
        cmap="Purples",
    )


def _natural(text: str) -> list[Any]:
    """Sort key that puts ``IBN 6`` before ``IBN 10``."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text.lower())]


def _short(text: str, limit: int = 34) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _heatmap(
    M: np.ndarray,
    labels: list[str],
    columns: list[str],
    path: Path,
    *,
    title: str,
    colourbar: str,
    annotate: bool | None,
    integer: bool,
    cmap: str,
    warning: str | None = None,
    diagonal_apart: bool = False,
) -> Path:
    fmt = _check_suffix(path)
    n = len(labels)
    if n == 0:
        raise ValueError("nothing to draw: the matrix is empty")
    annotate = n <= 30 if annotate is None else annotate
    side = min(max(4.0, 0.32 * n + 3.0), 30.0)
    fig = Figure(figsize=(side + 1.5, side), dpi=150, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    shown, top = colour_scale(M, diagonal_apart=diagonal_apart)
    colours = matplotlib.colormaps[cmap].with_extremes(bad="#eeeeee")
    image = ax.imshow(
        np.ma.masked_invalid(shown),
        cmap=colours,
        norm=PowerNorm(0.5, vmin=0, vmax=max(top, 1e-9)),
        interpolation="nearest",
    )
    ax.set_xticks(range(n), columns, rotation=90 if columns is labels else 0, fontsize=_font(n))
    ax.set_yticks(range(n), labels, fontsize=_font(n))
    ax.set_title(title, fontsize=12)
    if warning:  # under the figure, in red: synthetic or example data contributed
        fig.text(
            0.5, 0.003, warning, ha="center", va="bottom", fontsize=8, color="#a50026", wrap=True
        )
    ax.tick_params(length=0)
    fig.colorbar(image, ax=ax, shrink=0.8, label=colourbar)
    if annotate:
        _annotate(ax, shown, top, integer, _font(n) - 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    with matplotlib.rc_context({"svg.hashsalt": "innograph"}):
        # the notice also goes into the file's description, for readers that cannot see it
        metadata: dict[str, Any] = {"Date": None} if fmt == "svg" else {}
        if warning:
            metadata["Description"] = warning
        fig.savefig(path, format=fmt, metadata=metadata or None)
    return path


def colour_scale(M: np.ndarray, *, diagonal_apart: bool) -> tuple[np.ndarray, float]:
    """(the cells drawn, the top of the colour scale). With ``diagonal_apart`` the diagonal
    is blank (NaN) and does not count towards the scale.

    >>> shown, top = colour_scale(np.array([[4763.0, 7], [7, 155.0]]), diagonal_apart=True)
    >>> top, bool(np.isnan(shown[0, 0]))
    (7.0, True)
    """
    shown = np.array(M, dtype=float)
    if diagonal_apart:
        np.fill_diagonal(shown, np.nan)
    top = float(np.nanmax(shown)) if np.isfinite(shown).any() else 0.0
    return shown, top


def _annotate(ax: Any, shown: np.ndarray, top: float, integer: bool, size: float) -> None:
    """Write each non-zero cell's value, at most four characters wide (``987``, ``1.4k``,
    ``14k``) so neighbouring numbers never run into each other; blank cells stay blank."""
    n = shown.shape[0]
    for i in range(n):
        for j in range(n):
            value = shown[i, j]
            if not np.isfinite(value) or value == 0:
                continue
            text = compact(value) if integer else f"{value:.2f}".lstrip("0")
            ax.text(
                j,
                i,
                text,
                ha="center",
                va="center",
                fontsize=size,
                color="white" if value > 0.45 * top else "#222222",
            )


def compact(value: float) -> str:
    """A count in at most four characters: ``987``, ``1.4k``, ``14k``, ``1.2M``.

    >>> compact(987), compact(1448), compact(14487), compact(1_200_000)
    ('987', '1.4k', '14k', '1.2M')
    """
    for limit, unit in ((1e6, "M"), (1e3, "k")):
        if value >= limit:
            scaled = value / limit
            return f"{scaled:.1f}{unit}" if round(scaled, 1) < 10 else f"{scaled:.0f}{unit}"
    return f"{value:.0f}"


def _font(n: int) -> float:
    return 9 if n <= 15 else 8 if n <= 25 else 7 if n <= 40 else 6
