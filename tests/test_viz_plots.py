"""Static figures: the overlap heatmap and the sector matrix as PNG and SVG."""

from __future__ import annotations

import numpy as np
import pytest

from viz import plots
from viz.reshape import overlap_graph

from .test_viz_helpers import ecosystem, snapshot

PNG = b"\x89PNG\r\n\x1a\n"


def test_overlap_matrix_orders_spearheads_first_and_is_symmetric():
    G = overlap_graph(ecosystem())
    names, M = plots.overlap_matrix(G)
    assert names == ["Catalisti", "Bio Base IBN"]
    assert M.tolist() == [[6.0, 2.0], [2.0, 2.0]]  # members on the diagonal
    names, J = plots.overlap_matrix(G, "jaccard")
    assert np.allclose(J, J.T) and J[0, 1] == pytest.approx(2 / 6, abs=1e-4) and J[0, 0] == 1
    with pytest.raises(ValueError):
        plots.overlap_matrix(G, "cosine")


def test_sector_matrix_sums_both_directions():
    codes, M = plots.sector_matrix(
        [
            {"a": "J", "b": "C", "links": 3},
            {"a": "C", "b": "J", "links": 2},
            {"a": "C", "b": "C", "links": 4},
        ]
    )
    assert codes == ["C", "J"] and M.tolist() == [[4.0, 5.0], [5.0, 0.0]]


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_overlap_heatmap_writes_png_and_svg(tmp_path, suffix):
    G = overlap_graph(ecosystem())
    before = snapshot(G)
    out = plots.overlap_heatmap(G, tmp_path / f"overlap{suffix}")
    assert snapshot(G) == before
    data = out.read_bytes()
    if suffix == ".png":
        assert data.startswith(PNG) and len(data) > 5_000
    else:
        text = data.decode()
        assert text.lstrip().startswith("<?xml") and "<svg" in text
        assert 'href="http' not in text and "url(http" not in text  # nothing to fetch


def test_svg_is_reproducible(tmp_path):
    G = overlap_graph(ecosystem())
    a = plots.overlap_heatmap(G, tmp_path / "a.svg", measure="jaccard").read_bytes()
    b = plots.overlap_heatmap(G, tmp_path / "b.svg", measure="jaccard").read_bytes()
    assert a == b


def test_sector_heatmap(tmp_path):
    rows = [
        {"a": a, "b": b, "links": i + 1}
        for i, (a, b) in enumerate([("C", "C"), ("C", "J"), ("C", "M"), ("J", "M"), ("M", "M")])
    ]
    out = plots.sector_heatmap(rows, tmp_path / "sectors.svg")
    text = out.read_text()
    assert "<svg" in text
    assert plots.sector_heatmap(rows, tmp_path / "s.png").read_bytes().startswith(PNG)


def test_bad_suffix_and_empty_input_are_refused(tmp_path):
    G = overlap_graph(ecosystem())
    with pytest.raises(ValueError, match="png or an .svg"):
        plots.overlap_heatmap(G, tmp_path / "x.jpg")
    with pytest.raises(ValueError, match="empty"):
        plots.sector_heatmap([], tmp_path / "x.png")
