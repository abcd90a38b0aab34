"""The FastAPI application: ``create_app(settings=None, db=None)``.

The lifespan owns the one ``Database`` (``graph.db.connect``) unless the caller injects one
(tests inject the throwaway server's); it connects lazily, so the service starts while Neo4j
is down and ``/health`` answers 503 until it comes up. Its driver gives up fast
(``graph.db.REQUEST_PATH``): a request answers 503 within 2 s when Neo4j is down. The
lifespan also owns the thread pools of ``api.throttle``: analysts' queries and the health
probe run there, never on the event loop or the pool the other routes share. Routers per
area live in ``api/routes``; pages in ``api/templates`` with ``api/static/style.css``.

Run it with ``innograph serve`` (``uvicorn`` on 127.0.0.1:8000 by default).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from analytics.adapter import ModelCache, disk_build
from api import handlers, match_service
from api.answer_cache import AnswerCache
from api.answers import ERRORS
from api.auth import KeyStore
from api.routes import (
    analytics,
    clusters,
    cypher,
    health,
    ingest,
    map_html,
    match,
    organisations,
    pages,
)
from api.routes.health import neo4j_answers
from api.throttle import AnalystQueries, Probe
from graph.db import Database, connect
from graph.errors import InnographError
from graph.output import cell_text
from graph.settings import Settings, get_settings

HERE = Path(__file__).parent
log = logging.getLogger("innograph.api")
# In this order: the first route that matches a path answers it.
ROUTERS = (health, clusters, organisations, analytics, match, map_html, cypher, ingest, pages)
DESCRIPTION = """The Flemish innovation ecosystem as a knowledge graph: clusters, IBNs, their
members and projects; overlaps, centralities, cross-sector links and the helix mix; partner
search and call matchmaking; maps; read-only Cypher for analysts.

Send an API key as `Authorization: Bearer KEY` or `X-API-Key: KEY` (create one with
`innograph keys create --role viewer|manager|analyst|admin`). Roles, each including the one
before: **viewer** (clusters, aggregates, maps), **manager** (+ member-level data and
matchmaking), **analyst** (+ Cypher and the query library), **admin** (+ uploading cluster
files). No key: 401; a key without the role: 403."""


def warm_model(app: FastAPI) -> threading.Thread:
    """Load (or build) the match model in the background, so that the first partner search
    answers at once; a search that comes earlier waits for the same build. Neo4j being
    down only logs a warning: the service starts anyway."""

    def work() -> None:
        try:
            match_service.warm(app.state.db, app.state.models)
        except InnographError as exc:
            log.warning("The match model could not be warmed: %s", exc)
        except Exception:  # noqa: BLE001 - a background thread: log it, the service goes on
            log.exception("The match model could not be warmed")

    thread = threading.Thread(target=work, name="warm-match-model", daemon=True)
    thread.start()
    app.state.warming = thread
    return thread


DOCS_ASSETS = "/static-docs"
REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


def install_docs(app: FastAPI) -> None:
    """/docs (Swagger UI) and /redoc (ReDoc) from assets the app serves itself, never a CDN:
    the JavaScript and CSS come from the PyPI package ``fastapi-offline`` (MIT), mounted at
    ``/static-docs``; ReDoc without Google Fonts, and its sidebar's Redocly logo (which the
    bundle fetches from cdn.redoc.ly) replaced by the local favicon as the script is served."""
    assets = files("fastapi_offline") / "static"
    redoc_js = (
        (assets / "redoc.standalone.js")
        .read_text(encoding="utf-8")
        .replace(REDOC_LOGO, f"{DOCS_ASSETS}/favicon.png")
    )

    @app.get(f"{DOCS_ASSETS}/redoc.standalone.js", include_in_schema=False)
    async def redoc_script() -> Response:  # before the mount: this route answers first
        return Response(redoc_js, media_type="text/javascript")

    app.mount(DOCS_ASSETS, StaticFiles(directory=str(assets)), name="static-docs")

    @app.get("/docs", include_in_schema=False)
    async def swagger(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(
            openapi_url=f"{root}{app.openapi_url}",
            title="innograph · API",
            swagger_js_url=f"{root}{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{root}{DOCS_ASSETS}/favicon.png",
        )

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_redoc_html(
            openapi_url=f"{root}{app.openapi_url}",
            title="innograph · API (ReDoc)",
            redoc_js_url=f"{root}{DOCS_ASSETS}/redoc.standalone.js",
            redoc_favicon_url=f"{root}{DOCS_ASSETS}/favicon.png",
            with_google_fonts=False,
        )


def create_app(settings: Settings | None = None, db: Database | None = None) -> FastAPI:
    """The innograph web service for ``settings`` (default: the environment's)."""
    cfg = settings or get_settings()
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        opened = None  # an injected database is not ours to open or close
        if app.state.db is None:
            opened = app.state.db = connect(cfg, check=False, requests=True)
        app.state.analysts = AnalystQueries(cfg.cypher_workers, cfg.cypher_per_key)
        app.state.probe = Probe(lambda: neo4j_answers(app.state.db))
        app.state.probe.start()  # watching from the start: /health never waits for a first ping
        warm_model(app)
        try:
            yield
        finally:
            app.state.analysts.close()
            app.state.probe.close()
            if opened is not None:
                opened.close()
                if app.state.db is opened:
                    app.state.db = None

    app = FastAPI(
        title="innograph",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served below from the app's own assets: the docs work offline
        redoc_url=None,
    )
    app.state.settings = cfg
    app.state.db = db
    app.state.keys = KeyStore(cfg.keys_path)
    # the match model: one per graph version, kept on disk, warmed at start-up
    app.state.models = ModelCache(build=disk_build(cfg.home / "cache"))
    app.state.answers = AnswerCache()  # partner lists and heavy pages, per graph version
    app.state.analysts = AnalystQueries(cfg.cypher_workers, cfg.cypher_per_key)
    app.state.probe = Probe(lambda: neo4j_answers(app.state.db))  # both replaced by the
    # lifespan's own; a probe starts watching at its first check
    app.state.templates = Jinja2Templates(directory=HERE / "templates")
    app.state.templates.env.filters["cell"] = cell_text  # floats to 4 digits, JSON unescaped
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    handlers.install(app)
    install_docs(app)

    @app.middleware("http")
    async def safety_headers(request, call_next):
        response = handlers.repeated_parameters(request) or await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")  # maps: our own iframes
        return response

    for module in ROUTERS:  # every error answer documented with its body (answers.ERRORS)
        app.include_router(module.router, responses=ERRORS)
    return app
