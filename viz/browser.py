"""Open a map in headless Chromium with networking off, and report what it drew and when.

Used by the browser tests and ``benchmarks/bench_maps.py``. Needs Playwright's Python package
(the ``dev`` extra) and Debian's ``chromium`` (``make browser``); Playwright's own browser
download is never used. The page runs in an ``offline`` context, every request that is not a
``file:`` or ``data:`` URL is aborted, and every such attempt is reported, so a map that
needed the network would both fail to draw and be caught.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
]
VIEWPORT = {"width": 1280, "height": 800}


class BrowserMissing(RuntimeError):
    """Chromium or Playwright is not installed."""


def chromium_path() -> str:
    """The path of Debian's ``chromium``; ``BrowserMissing`` with the fix when absent."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise BrowserMissing(
            "chromium is not on PATH: install Debian's chromium "
            "(`make browser`, or `apt-get install chromium`)."
        )
    return path


@contextmanager
def offline_chromium() -> Iterator[Any]:
    """A headless Chromium (Playwright ``Browser``) started from Debian's binary."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as e:  # pragma: no cover - the dev extra is missing
        raise BrowserMissing("Playwright is not installed: pip install -e '.[dev]'.") from e
    executable = chromium_path()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


_SETTLED = "() => window.innograph && window.innograph.settled !== null"
_MEASURE = """() => {
  const s = window.innograph, net = window.network;
  const canvas = document.querySelector('#mynetwork canvas');
  let inked = 0, total = 0;
  if (canvas) {
    const ctx = canvas.getContext('2d');
    const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    total = canvas.width * canvas.height;
    for (let i = 0; i < px.length; i += 4) {
      if (px[i + 3] > 0 && (px[i] < 245 || px[i + 1] < 245 || px[i + 2] < 245)) inked++;
    }
  }
  const ids = net.body.data.nodes.getIds();
  const positions = net.getPositions();
  return {
    nodes: net.body.data.nodes.length,
    edges: net.body.data.edges.length,
    positioned: ids.filter(id => positions[id] && isFinite(positions[id].x)).length,
    physics_on: net.physics.physicsEnabled,
    physics: s.physics,
    first_draw_ms: s.firstDraw,
    settled_ms: s.settled,
    canvas: canvas ? [canvas.width, canvas.height] : null,
    inked_pixels: inked,
    canvas_pixels: total,
    legend: !!document.getElementById('legend'),
  };
}"""


def open_map(browser: Any, path: str | Path, timeout_s: float = 60.0) -> dict[str, Any]:
    """Load a map file offline, wait until its layout has settled, and measure it.

    Returns ``nodes``/``edges`` (vis-network's data sets), ``positioned`` nodes,
    ``first_draw_ms`` (first ``afterDrawing``), ``settled_ms`` (physics stopped, or first
    draw without physics) and ``interactive_ms`` (the later of the two), all from navigation
    start, ``inked_pixels`` of the canvas,
    ``load_ms`` (the ``load`` event), ``blocked`` (requests the page tried to make that were
    not ``file:``/``data:``) and ``errors`` (uncaught page errors).
    """
    url = Path(path).resolve().as_uri()
    context = browser.new_context(offline=True, viewport=VIEWPORT, service_workers="block")
    blocked: list[str] = []
    errors: list[str] = []

    def gate(route: Any) -> None:
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            route.abort()

    def seen(request: Any) -> None:
        if not request.url.startswith(("file:", "data:")) and request.url not in blocked:
            blocked.append(request.url)

    try:
        context.route("**/*", gate)
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", seen)
        page.goto(url, wait_until="load", timeout=timeout_s * 1000)
        page.wait_for_function(_SETTLED, timeout=timeout_s * 1000)
        result = page.evaluate(_MEASURE)
        result["interactive_ms"] = max(result["first_draw_ms"] or 0, result["settled_ms"] or 0)
        result["load_ms"] = page.evaluate(
            "() => performance.getEntriesByType('navigation')[0].loadEventEnd"
        )
        result["blocked"] = blocked
        result["errors"] = errors
        return result
    finally:
        context.close()


def hover_text(browser: Any, path: str | Path, node_id: str, timeout_s: float = 30.0) -> str:
    """The tooltip a map shows when the mouse rests on node ``node_id`` (offline)."""
    context = browser.new_context(offline=True, viewport=VIEWPORT, service_workers="block")
    try:
        context.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(("file:", "data:"))
                else route.abort()
            ),
        )
        page = context.new_page()
        page.goto(Path(path).resolve().as_uri(), wait_until="load", timeout=timeout_s * 1000)
        page.wait_for_function(_SETTLED, timeout=timeout_s * 1000)
        x, y = page.evaluate(
            """id => {
          const p = window.network.getPositions([id])[id];
          const d = window.network.canvasToDOM(p);
          const box = document.getElementById('mynetwork').getBoundingClientRect();
          return [box.left + d.x, box.top + d.y];
        }""",
            node_id,
        )
        page.mouse.move(x - 30, y - 30)
        page.mouse.move(x, y, steps=5)
        tooltip = page.locator(".vis-tooltip")
        page.wait_for_function(
            "() => { const t = document.querySelector('.vis-tooltip');"
            " return t && t.style.visibility !== 'hidden' && t.innerText.length > 0; }",
            timeout=timeout_s * 1000,
        )
        return tooltip.inner_text()
    finally:
        context.close()
