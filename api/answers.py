"""The bodies of the service's error answers, as the OpenAPI schema documents them.

``ERRORS`` is attached to every router (``api.app``), so every operation documents 400, 401,
403, 404, 422, 429 and 503 with the body ``api.handlers`` really sends.
"""

from __future__ import annotations

from typing import Any

from api.models import Model


class Problem(Model):
    """Every error answer: one sentence (400, 401, 403, 429, 503)."""

    detail: str


class Invalid(Model):
    """422: the request or the uploaded data is invalid; ``problems`` lists each one
    (``file:line:column: reason`` for data, ``where: reason`` for the request)."""

    detail: str
    problems: list[str] = []


class Missing(Model):
    """404: nothing by that id or name; ``suggestions``: the closest names, when any."""

    detail: str
    suggestions: list[dict[str, str | None]] = []


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "Refused or failed (the sentence says why)"},
    401: {"model": Problem, "description": "No API key, or an unknown or revoked one"},
    403: {"model": Problem, "description": "The key's role may not do this"},
    404: {"model": Missing, "description": "Not found"},
    422: {"model": Invalid, "description": "Invalid request or data"},
    429: {"model": Problem, "description": "Too many analyst queries at once (Retry-After)"},
    503: {"model": Problem, "description": "Neo4j does not answer"},
}
