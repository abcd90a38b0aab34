"""The figures people read: the overlap heatmap's colour scale leaves out the diagonal (the
member counts go into the labels), and cell numbers stay at most four characters wide."""

from __future__ import annotations

import networkx as nx
import numpy as np

from viz import plots


def _overlaps() -> nx.Graph:
    G = nx.Graph()
    G.add_node("a", kind="cluster_spearhead", name="Flux50", members=4763)
    G.add_node("b", kind="cluster_spearhead", name="SIM", members=900)
    G.add_node("c", kind="cluster_ibn", name="IBN 6", members=40)
    G.add_edge("a", "b", shared=155)
    G.add_edge("b", "c", shared=7)
    return G


def test_the_diagonal_does_not_set_the_colour_scale():
    names, M = plots.overlap_matrix(_overlaps())
    assert names == ["Flux50", "SIM", "IBN 6"] and M[0, 0] == 4763
    shown, top = plots.colour_scale(M, diagonal_apart=True)
    assert top == 155  # the largest pair, not 4,763 members
    assert np.isnan(np.diag(shown)).all()
    assert shown[1, 2] == 7 and shown[0, 2] == 0
    _, with_diagonal = plots.colour_scale(M, diagonal_apart=False)
    assert with_diagonal == 4763


def test_the_heatmap_shows_member_counts_in_its_labels_not_its_cells(tmp_path):
    out = plots.overlap_heatmap(_overlaps(), tmp_path / "o.svg", annotate=True)
    svg = out.read_text(encoding="utf-8")
    # SVG text is drawn as glyph paths; matplotlib keeps each text as a comment
    assert "Flux50 (4,763)" in svg and "SIM (900)" in svg
    assert "<!-- 155 -->" in svg and "<!-- 7 -->" in svg
    assert "<!-- 4763 -->" not in svg and "<!-- 4.8k -->" not in svg  # no diagonal cell


def test_cell_numbers_are_at_most_four_characters():
    values = [0.4, 7, 987, 1448, 9999, 14487, 711619, 4_763_000]
    texts = [plots.compact(v) for v in values]
    assert texts == ["0", "7", "987", "1.4k", "10k", "14k", "712k", "4.8M"]
    assert all(len(t) <= 4 for t in texts)


def test_sector_matrix_numbers_do_not_run_together(tmp_path):
    rows = [
        {"a": "C", "b": "J", "links": 14487},
        {"a": "C", "b": "M", "links": 1161},
        {"a": "J", "b": "M", "links": 9},
    ]
    svg = plots.sector_heatmap(rows, tmp_path / "s.svg", annotate=True).read_text("utf-8")
    assert "<!-- 14k -->" in svg and "<!-- 1.2k -->" in svg and "<!-- 9 -->" in svg
    assert "14487" not in svg
