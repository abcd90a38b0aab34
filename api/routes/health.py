"""``GET /health``: does Neo4j answer? Open to everyone, and answers within a second.

The answer comes from ``api.throttle.Probe``, which pings Neo4j once a second on a thread of
its own: ``ok`` when Neo4j answered a ping in the last 5 s, else 503 ``{"neo4j":
"unavailable"}``. Neither analysts' queries nor busy pages make the health check wait.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.auth import Principal
from api.deps import ProbeDep, Viewer
from api.models import Health, KeyInfo
from graph.db import Database

router = APIRouter(tags=["health"])


def neo4j_answers(db: Database | None) -> bool:
    return db is not None and db.ping()


@router.get("/health", response_model=Health, responses={503: {"model": Health}})
async def health(probe: ProbeDep):
    """`{"neo4j": "ok"}` when Neo4j answered a ping in the last 5 s, else 503 (at once)."""
    if await probe.check():
        return Health(neo4j="ok")
    return JSONResponse(Health(neo4j="unavailable").model_dump(), status_code=503)


@router.get("/me", response_model=KeyInfo, tags=["auth"])
async def whoami(principal: Viewer) -> KeyInfo:
    """The calling key's id, name and role."""
    p: Principal = principal
    return KeyInfo(key_id=p.key_id, name=p.name, role=p.role.name)
