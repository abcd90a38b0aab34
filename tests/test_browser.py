"""The pages in headless Chromium (Debian's, driven by Playwright) against a real server.

The app runs under uvicorn in a background thread on a free loopback port, on the hand-built
graph in the throwaway Neo4j. The browser may reach that server and nothing else: every
other request is aborted and recorded, so a page or map that needed the internet fails.
These tests never skip: without chromium they fail and say how to install it.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
import uvicorn

from api.app import create_app
from graph.server import free_port
from viz.browser import BrowserMissing, chromium_path, offline_chromium

from .test_api_graph import ROLES, build_graph, service_settings

pytestmark = [pytest.mark.live, pytest.mark.browser]

# Resolves once the map's layout has settled (viz.render sets window.innograph.settled).
SETTLED = "() => window.innograph && window.innograph.settled !== null"
DRAWN = """() => {
  const net = window.network, canvas = document.querySelector('#mynetwork canvas');
  let inked = 0;
  if (canvas) {
    const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 0; i < px.length; i += 4)
      if (px[i + 3] > 0 && (px[i] < 245 || px[i + 1] < 245 || px[i + 2] < 245)) inked++;
  }
  const ids = net.body.data.nodes.getIds(), pos = net.getPositions();
  return {nodes: ids.length, edges: net.body.data.edges.length, inked: inked,
          positioned: ids.filter(id => pos[id] && isFinite(pos[id].x)).length};
}"""


@dataclass
class Live:
    url: str
    keys: dict[str, str]


@pytest.fixture
def live(db, tmp_path):
    """The service on a free loopback port, served by uvicorn in a background thread."""
    build_graph(db)
    app = create_app(service_settings(tmp_path / "home"), db=db)
    keys = {role: app.state.keys.create(role, f"browser {role}")[1] for role in ROLES}
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise AssertionError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield Live(f"http://127.0.0.1:{port}", keys)
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="module")
def browser():
    try:
        chromium_path()
    except BrowserMissing as e:
        pytest.fail(str(e), pytrace=False)
    with offline_chromium() as b:
        yield b


@pytest.fixture
def page(browser, live):
    """A page that may reach the live server only; ``page.blocked`` lists anything else."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    origin = urlsplit(live.url).netloc
    blocked: list[str] = []

    def gate(route):
        url = route.request.url
        if urlsplit(url).netloc == origin or url.startswith(("data:", "about:", "blob:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", gate)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.blocked, pg.errors = blocked, errors
    yield pg
    context.close()


def login(page, live: Live, role: str, target: str = "/") -> None:
    page.goto(live.url + target)
    assert "/ui/login" in page.url  # redirected: no key yet
    page.fill("#key", live.keys[role])
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert urlsplit(page.url).path == urlsplit(target).path


def wait_for_map(frame) -> dict:
    frame.wait_for_function(SETTLED, timeout=60_000)
    return frame.evaluate(DRAWN)


def test_home_page_lists_clusters_and_searches(page, live):
    login(page, live, "manager")
    assert page.title() == "Home · innograph"
    rows = page.locator("table tbody tr")
    assert "Catalisti" in rows.first.inner_text()
    assert rows.count() == 5
    page.fill("#q", "hydrogen")
    page.click("form.search button")
    page.wait_for_load_state()
    text = page.locator("main").inner_text()
    assert "Epsilon Hydrogen" in text and "Beta Energy BV" in text
    page.click("text=Epsilon Hydrogen")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("Epsilon Hydrogen")
    assert not page.blocked and not page.errors


def test_partner_search_ranks_explains_proposes_and_maps(page, live):
    login(page, live, "manager", "/ui/partners")
    page.fill("#text", "Hydrogen storage for industrial clusters")
    page.fill("#themes", "hydrogen")
    page.check("input[name=clusters][value=S2]")
    page.check("input[name=clusters][value=S3]")
    page.select_option("#instrument", "ICON")
    page.click("#search")
    page.wait_for_load_state()
    first = page.locator("#ranked tbody tr").first.inner_text()
    assert "Beta Energy BV" in first and "hydrogen" in first.lower()  # ranked and explained
    assert page.locator(".consortium").count() >= 1
    assert "Consortium 1" in page.locator(".consortium").first.inner_text()
    frame = page.locator("#match-map").element_handle().content_frame()
    drawn = wait_for_map(frame)
    assert drawn["nodes"] >= 3 and drawn["positioned"] == drawn["nodes"]
    assert drawn["inked"] > 500, drawn
    assert not page.blocked and not page.errors


def test_map_opens_and_draws_its_nodes(page, live):
    login(page, live, "viewer", "/ui/maps")
    page.click("text=Catalisti")
    page.wait_for_load_state()
    assert urlsplit(page.url).path == "/maps/cluster/S1"
    drawn = wait_for_map(page)
    assert drawn["nodes"] >= 3 and drawn["edges"] >= 2 and drawn["inked"] > 500, drawn
    assert not page.blocked, page.blocked  # everything is inline: no CDN, no fonts
    assert not page.errors
    page.goto(live.url + "/maps/ecosystem")
    drawn = wait_for_map(page)
    assert drawn["nodes"] >= 5 and drawn["inked"] > 500


def test_cluster_page_and_overlap_heatmap(page, live):
    login(page, live, "viewer", "/ui/clusters/S2")
    text = page.locator("main").inner_text()
    assert "Flux50" in text and "Power-to-Gas" in text
    assert "Beta Energy BV" in text  # 2 shared with Power-to-Gas: a group of min size 2
    drawn = wait_for_map(page.locator("iframe.map").element_handle().content_frame())
    assert drawn["nodes"] >= 3
    page.goto(live.url + "/ui/overlaps")
    cells = page.locator("table.heatmap td[title]:not(.diag)")
    assert cells.count() == 10  # 5 pairs, both halves of the matrix
    assert "shared" in cells.first.get_attribute("title")
    assert not page.blocked and not page.errors


def test_cypher_page_runs_a_query_and_refuses_a_write(page, live):
    login(page, live, "analyst", "/ui/cypher")
    page.fill("#query", "MATCH (c:Cluster {type: 'ibn'}) RETURN c.name AS name ORDER BY name")
    page.click("#run")
    page.wait_for_load_state()
    assert page.locator("#result tbody tr").all_inner_texts() == ["Composieten", "Power-to-Gas"]
    page.fill("#query", "MATCH (n) DETACH DELETE n")
    page.click("#run")
    page.wait_for_load_state()
    assert "Refused" in page.locator("#cypher-error").inner_text()
    page.goto(live.url + "/ui/clusters/S1")
    assert "Catalisti" in page.locator("h1").inner_text()  # nothing was deleted


def test_docs_and_redoc_render_with_the_network_off(page, live):
    """/docs and /redoc draw the API from the app's own assets: every request that is not
    to the live server is aborted (``page`` fixture), and none is even attempted."""
    page.goto(live.url + "/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=30_000)
    assert "innograph" in page.locator(".swagger-ui .info .title").inner_text()
    page.wait_for_selector(".opblock-summary-path", timeout=30_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/match/partners" in paths and "/cypher" in paths
    page.goto(live.url + "/redoc")
    page.wait_for_selector("h1", timeout=30_000)
    assert page.locator("h1").first.inner_text().startswith("innograph")
    assert "/match/partners" in page.locator("body").inner_text()
    assert not page.blocked, page.blocked
    assert not page.errors, page.errors


PAGES = (
    "/",
    "/?q=hydrogen",
    "/ui/clusters/S1",
    "/ui/clusters/S2",
    "/ui/organisations/F2",
    "/ui/partners",
    "/ui/partners?text=Hydrogen+storage&themes=hydrogen&clusters=S2&clusters=S3&instrument=ICON",
    "/ui/overlaps",
    "/ui/maps",
    "/ui/cypher",
    "/docs",
)
WIDE = "() => [document.documentElement.scrollWidth, window.innerWidth]"


@pytest.mark.parametrize("width", [390, 1400])
def test_every_page_fits_its_width_without_sideways_scroll(browser, live, width):
    """At a phone's 390 px and a desktop's 1400 px no page is wider than the window."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    pg = context.new_page()
    try:
        pg.goto(live.url + "/ui/login")
        pg.fill("#key", live.keys["analyst"])
        pg.click("button[type=submit]")
        pg.wait_for_load_state()
        too_wide = {}
        for path in PAGES:
            pg.goto(live.url + path)
            pg.wait_for_load_state("load")
            scroll, inner = pg.evaluate(WIDE)
            if scroll > inner:
                too_wide[path] = scroll
        assert not too_wide, f"wider than {width} px: {too_wide}"
        pg.goto(live.url + "/ui/clusters/S2")  # the map and key figures first, tables after
        tops = pg.evaluate(
            "() => ['dl.facts', 'iframe.map', 'main table'].map("
            "s => document.querySelector(s).getBoundingClientRect().top)"
        )
        assert tops == sorted(tops), tops
        assert "showing 1–" in pg.locator("main").inner_text()
    finally:
        context.close()


def test_a_403_page_keeps_the_menu(page, live):
    login(page, live, "viewer", "/ui/maps")
    response = page.goto(live.url + "/ui/partners")
    assert response is not None and response.status == 403
    assert "needs the manager role" in page.locator("main").inner_text()
    nav = page.locator("nav[aria-label=Main]").inner_text()
    assert "Clusters" in nav and "Maps" in nav and "Partner search" not in nav
    assert "viewer" in page.locator(".who").inner_text()
