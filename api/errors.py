"""From exceptions to HTTP answers: the exception tree becomes 4xx, Neo4j being down 503.

::

    Unauthenticated (no or unknown key)        401  (pages: redirect to the login form)
    Forbidden (key without the role)           403
    graph.errors.NotFound                  404  the id is in the message
    InvalidInput, DataError                    422  DataError lists every file:line:column
    QueryRefused, guard.QueryFailed            400  the guard's sentence
    other InnographError                       400
    Unavailable (graph.db lost Neo4j)          503  one fixed sentence; the cause is logged
    other ServerError                          503
    anything else                              500  a generic message; the traceback is logged

A client never sees a stack trace. Page requests (``/`` and ``/ui/...``) get an HTML page.
"""

from __future__ import annotations

import logging
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from api.auth import Forbidden, Unauthenticated
from graph.errors import (
    DataError,
    InnographError,
    NotFound,
    QueryRefused,
    ServerError,
    Unavailable,
)
from graph.guard import QueryFailed

log = logging.getLogger("innograph.api")


class InvalidInput(InnographError):
    """A value the caller sent is not valid (422)."""


NEO4J_DOWN = "Neo4j does not answer; try again in a moment."


def is_page(request: Request) -> bool:
    path = request.url.path
    return path == "/" or path.startswith("/ui/")


def answer(
    request: Request,
    status: int,
    detail: str,
    extra: dict | None = None,
    headers: dict | None = None,
) -> Response:
    if is_page(request) and hasattr(request.app.state, "templates"):
        return request.app.state.templates.TemplateResponse(
            request,
            "error.html",
            {"status": status, "detail": detail},
            status_code=status,
            headers=headers,
        )
    return JSONResponse({"detail": detail, **(extra or {})}, status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(Unauthenticated)
    async def unauthenticated(request: Request, exc: Unauthenticated) -> Response:
        if is_page(request):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/ui/login?next={quote(target)}", status_code=303)
        return answer(request, 401, str(exc), headers={"WWW-Authenticate": "Bearer"})

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        return answer(request, 403, str(exc))

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return answer(request, 404, str(exc))

    @app.exception_handler(DataError)
    async def data_error(request: Request, exc: DataError) -> Response:
        return answer(request, 422, str(exc), {"problems": [str(p) for p in exc.problems]})

    @app.exception_handler(InvalidInput)
    async def invalid(request: Request, exc: InvalidInput) -> Response:
        return answer(request, 422, str(exc))

    @app.exception_handler(QueryRefused)
    async def refused(request: Request, exc: QueryRefused) -> Response:
        return answer(request, 400, str(exc))

    @app.exception_handler(QueryFailed)
    async def failed(request: Request, exc: QueryFailed) -> Response:
        return answer(request, 400, str(exc))

    @app.exception_handler(Unavailable)
    async def neo4j_down(request: Request, exc: Unavailable) -> Response:
        log.warning("Neo4j unavailable: %s", exc)
        return answer(request, 503, NEO4J_DOWN)

    @app.exception_handler(ServerError)
    async def server_error(request: Request, exc: ServerError) -> Response:
        return answer(request, 503, str(exc))

    @app.exception_handler(InnographError)
    async def innograph_error(request: Request, exc: InnographError) -> Response:
        return answer(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("Unexpected error on %s %s", request.method, request.url.path)
        return answer(request, 500, "Internal server error; the details are in the server log.")
