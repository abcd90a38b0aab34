"""Maps in headless Chromium with networking disabled: they draw their nodes, fetch nothing.

Debian's chromium drives these tests (``make browser`` installs it); when it is missing they
fail, with the fix in the message, rather than skip.
"""

from __future__ import annotations

import pytest

from viz import maps
from viz.browser import BrowserMissing, hover_text, offline_chromium, open_map

from .test_viz_helpers import ecosystem, star

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chromium():
    """A headless Chromium for the module; fails with the fix when it is not installed."""
    try:
        with offline_chromium() as browser:
            yield browser
    except BrowserMissing as e:
        pytest.fail(str(e))


def assert_drew(result: dict, nodes: int) -> None:
    assert result["errors"] == [], result["errors"]
    assert result["blocked"] == [], f"the page tried to fetch {result['blocked']}"
    assert result["nodes"] == nodes and result["positioned"] == nodes
    assert result["legend"]
    assert not result["physics_on"]  # settled, then stopped
    width, height = result["canvas"]
    assert width > 0 and height > 0
    # nodes and edges leave ink: well above nothing, well below a filled canvas
    assert 0.002 * width * height < result["inked_pixels"] < 0.9 * width * height


def test_small_map_settles_and_draws_offline(chromium, tmp_path):
    G = ecosystem()
    info = maps.cluster_map(G, "SH", tmp_path / "sh.html")
    result = open_map(chromium, info.path)
    assert info.physics and result["physics"]  # drawn with physics, which then stopped
    assert_drew(result, G.number_of_nodes() - 1)  # the manager MGR is the cluster's node
    assert result["settled_ms"] > 0 and result["first_draw_ms"] > 0


def test_large_map_draws_offline_without_physics(chromium, tmp_path):
    G, centre = star(3000, others=20)
    info = maps.cluster_map(G, centre, tmp_path / "big.html")
    result = open_map(chromium, info.path)
    assert not info.physics and not result["physics"]
    assert_drew(result, G.number_of_nodes())
    assert result["interactive_ms"] < 10_000  # the benchmark holds the 3 s target


def test_a_page_that_needs_the_network_is_caught(chromium, tmp_path):
    page = tmp_path / "cdn.html"
    info = maps.cluster_map(ecosystem(), "SH", tmp_path / "sh.html")
    html = info.path.read_text(encoding="utf-8").replace(
        "<head>", '<head><link rel="stylesheet" href="https://cdn.jsdelivr.net/x.css">', 1
    )
    page.write_text(html, encoding="utf-8")
    result = open_map(chromium, page)
    assert result["blocked"] == ["https://cdn.jsdelivr.net/x.css"]


def test_hovering_a_node_shows_its_facts_and_source(chromium, tmp_path):
    info = maps.cluster_map(ecosystem(), "SH", tmp_path / "sh.html")
    text = hover_text(chromium, info.path, "F0")
    assert "Firm 0" in text and "NACE: 20.13" in text
    assert "source: cluster files (line 2)" in text
