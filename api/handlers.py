"""From exceptions to HTTP answers: the exception tree becomes 4xx, Neo4j being down 503.

::

    Unauthenticated (no or unknown key)        401  (pages: redirect to the login form)
    Forbidden (key without the role)           403
    graph.errors.NotFound                      404  the id is in the message (UnknownName: and
                                                    ``suggestions``, the closest names)
    RequestValidationError (FastAPI)           422  ``problems``: ``query.k: reason``...
    InvalidInput, DataError                    422  DataError lists every file:line:column
    QueryRefused, guard.QueryFailed            400  the guard's sentence
    throttle.TooBusy (too many analyst queries) 429  with Retry-After
    other InnographError                       400
    Unavailable (graph.db lost Neo4j)          503  one fixed sentence; the cause is logged
    other ServerError                          503
    anything else                              500  a generic message; the traceback is logged

``STATUS`` holds the plain rows of that table (the exception's sentence, with a status); the
five rows that answer differently have a handler of their own. Starlette picks the handler
of the nearest class in the exception's MRO, so ``Unavailable`` wins over ``ServerError`` and
both over ``InnographError``. A client never sees a stack trace. Page requests (``/`` and
``/ui/...``) get an HTML page.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Route

from api.auth import Forbidden, Principal, Role, Unauthenticated
from api.throttle import TooBusy
from graph.errors import (
    DataError,
    InnographError,
    InvalidInput,
    NotFound,
    QueryRefused,
    ServerError,
    Unavailable,
    UnknownName,
)
from graph.guard import QueryFailed

log = logging.getLogger("innograph.api")

NEO4J_DOWN = "Neo4j does not answer; try again in a moment."

# The exceptions whose own sentence is the answer, with its status.
STATUS: dict[type[Exception], int] = {
    Forbidden: 403,
    NotFound: 404,
    InvalidInput: 422,
    QueryRefused: 400,
    QueryFailed: 400,
    ServerError: 503,
    InnographError: 400,
}

Handler = Callable[[Request, Exception], Awaitable[Response]]


def is_page(request: Request) -> bool:
    path = request.url.path
    return path == "/" or path.startswith("/ui/")


def answer(
    request: Request,
    status: int,
    detail: str,
    extra: dict | None = None,
    headers: dict | None = None,
    me: Principal | None = None,
) -> Response:
    if is_page(request) and hasattr(request.app.state, "templates"):
        return request.app.state.templates.TemplateResponse(
            request,
            "error.html",
            {"status": status, "detail": detail, "me": me, "Role": Role},
            status_code=status,
            headers=headers,
        )
    return JSONResponse({"detail": detail, **(extra or {})}, status_code=status, headers=headers)


def says(status: int) -> Handler:
    """A handler answering ``status`` with the exception's sentence."""

    async def handler(request: Request, exc: Exception) -> Response:
        return answer(request, status, str(exc))

    return handler


async def forbidden(request: Request, exc: Exception) -> Response:
    """403: the page keeps the caller's menu (the key is valid, only the role is short)."""
    who = exc.who if isinstance(exc, Forbidden) else None
    return answer(request, 403, str(exc), me=who)


async def unauthenticated(request: Request, exc: Exception) -> Response:
    if is_page(request):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/ui/login?next={quote(target)}", status_code=303)
    return answer(request, 401, str(exc), headers={"WWW-Authenticate": "Bearer"})


async def unknown_name(request: Request, exc: Exception) -> Response:
    rows = exc.suggestions if isinstance(exc, UnknownName) else []
    return answer(request, 404, str(exc), {"suggestions": rows})


async def data_error(request: Request, exc: Exception) -> Response:
    problems = exc.problems if isinstance(exc, DataError) else []
    return answer(request, 422, str(exc), {"problems": [str(p) for p in problems]})


def _where(error: dict) -> str:
    """``query.k``, ``body.query``... from a validation error's ``loc``."""
    return ".".join(str(part) for part in error.get("loc", ())) or "request"


async def invalid_request(request: Request, exc: Exception) -> Response:
    """FastAPI's validation errors in the service's own 422 body (``answers.Invalid``)."""
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    problems = [f"{_where(e)}: {e.get('msg', 'invalid')}" for e in errors]
    detail = "The request is invalid: " + "; ".join(problems[:3]) if problems else "Invalid."
    return answer(request, 422, detail, {"problems": problems})


def repeated_parameters(request: Request) -> Response | None:
    """422 when a query parameter of the API is given more than once: every one takes a
    single value (lists are comma-separated), and taking the last one would accept what the
    schema refuses. The pages (``/ui/...``) are HTML forms, whose checkboxes repeat a name
    on purpose (``clusters=S2&clusters=S3``): their routes read such fields as lists."""
    if request.url.path.startswith("/ui/"):
        return None
    names = [k for k, _ in request.query_params.multi_items()]
    repeated = sorted({k for k in names if names.count(k) > 1})
    if not repeated:
        return None
    problems = [f"query.{k}: given more than once; give it once" for k in repeated]
    return answer(
        request, 422, "The request is invalid: " + "; ".join(problems[:3]), {"problems": problems}
    )


async def too_busy(request: Request, exc: Exception) -> Response:
    wait = getattr(exc, "retry_after", 5)
    return answer(request, 429, str(exc), headers={"Retry-After": str(wait)})


async def neo4j_down(request: Request, exc: Exception) -> Response:
    log.warning("Neo4j unavailable: %s", exc)
    return answer(request, 503, NEO4J_DOWN)


async def unexpected(request: Request, exc: Exception) -> Response:
    log.exception("Unexpected error on %s %s", request.method, request.url.path)
    return answer(request, 500, "Internal server error; the details are in the server log.")


async def http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own answers (404, 405); a 405 lists in ``Allow`` every method of the
    path, not only those of the first route that matched it (``/queries/{name}`` has a GET
    and a POST route)."""
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        methods: set[str] = set()
        for route in request.app.router.routes:
            if isinstance(route, Route) and route.matches(request.scope)[0] != Match.NONE:
                methods |= route.methods or set()
        headers["Allow"] = ", ".join(sorted(methods))
    return answer(request, exc.status_code, str(exc.detail), headers=headers)


def install(app: FastAPI) -> None:
    """Register the handlers of the table above on ``app``."""
    for exc_type, status in STATUS.items():
        app.add_exception_handler(exc_type, says(status))
    app.add_exception_handler(Forbidden, forbidden)  # replaces the plain 403 of the table
    app.add_exception_handler(Unauthenticated, unauthenticated)
    app.add_exception_handler(DataError, data_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(UnknownName, unknown_name)
    app.add_exception_handler(Unavailable, neo4j_down)
    app.add_exception_handler(TooBusy, too_busy)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, unexpected)
