"""Screenshots of the pages at a phone's and a desktop's width: re-run with

    .venv/bin/python docs/screenshots/make.py

It starts a throwaway Neo4j (its own temporary instance and ports; only the jar cache is
shared), loads the small hand-built graph of the tests (tests/test_api_graph.py), serves the
app on a free loopback port and has Debian's Chromium write, at 390 and 1400 px, the partner
results, a cluster page and a cluster map as PNGs next to this file. Nothing leaves the machine.
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

import uvicorn  # noqa: E402

from api.app import create_app  # noqa: E402
from graph import schema  # noqa: E402
from graph.db import open_database  # noqa: E402
from graph.server import free_port  # noqa: E402
from graph.throwaway import throwaway_server  # noqa: E402
from tests.test_api_graph import build_graph, service_settings  # noqa: E402
from viz.browser import offline_chromium  # noqa: E402

WIDTHS = (390, 1400)
SHOTS = {  # file name -> page
    "partner-results": "/ui/partners?text=Hydrogen+storage+for+industrial+clusters"
    "&themes=hydrogen&clusters=S2&clusters=S3&instrument=ICON",
    "cluster-page": "/ui/clusters/S2",
    "cluster-map": "/maps/cluster/S2",
}
SETTLED = "() => window.innograph && window.innograph.settled !== null"


def serve(app) -> tuple[uvicorn.Server, str]:
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline:
            raise SystemExit("uvicorn did not start")
        time.sleep(0.1)
    return server, f"http://127.0.0.1:{port}"


def shoot(url: str, key: str) -> list[Path]:
    written = []
    with offline_chromium() as browser:
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            page.goto(url + "/ui/login")
            page.fill("#key", key)
            page.click("button[type=submit]")
            page.wait_for_load_state()
            for name, path in SHOTS.items():
                page.goto(url + path)
                page.wait_for_load_state("load")
                if path.startswith("/maps/"):
                    page.wait_for_function(SETTLED, timeout=60_000)
                out = HERE / f"{name}-{width}.png"
                page.screenshot(path=str(out), full_page=not path.startswith("/maps/"))
                written.append(out)
            context.close()
    return written


def main() -> None:
    with (
        tempfile.TemporaryDirectory(prefix="innograph-shots-") as tmp,
        throwaway_server("innograph-shots-neo4j-", "768m", "256m", log=print) as neo4j,
    ):
        db = open_database(neo4j.uri, "neo4j", neo4j.password() or "")
        try:
            schema.apply(db)
            build_graph(db)
            app = create_app(service_settings(Path(tmp) / "home"), db=db)
            key = app.state.keys.create("manager", "screenshots")[1]
            server, url = serve(app)
            try:
                for out in shoot(url, key):
                    print(out.relative_to(ROOT))
            finally:
                server.should_exit = True
        finally:
            db.close()


if __name__ == "__main__":
    main()
