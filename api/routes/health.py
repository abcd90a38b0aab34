"""``GET /health``: does Neo4j answer? Open to everyone, and answers within a second.

The ping runs on the probe's own threads (``api.throttle.Probe``) with a deadline of 1 s, so
neither analysts' queries nor busy pages can make the health check wait: when Neo4j is down
or slower than that, the answer is 503 ``{"neo4j": "unavailable"}`` at once.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.auth import Principal
from api.deps import DbDep, ProbeDep, Viewer
from api.models import Health, KeyInfo
from graph.db import Database

router = APIRouter(tags=["health"])


def neo4j_answers(db: Database | None) -> bool:
    return db is not None and db.ping()


@router.get("/health", response_model=Health, responses={503: {"model": Health}})
async def health(db: DbDep, probe: ProbeDep):
    """`{"neo4j": "ok"}` when Neo4j answers within a second, else 503."""
    if await probe.check(lambda: neo4j_answers(db)):
        return Health(neo4j="ok")
    return JSONResponse(Health(neo4j="unavailable").model_dump(), status_code=503)


@router.get("/me", response_model=KeyInfo, tags=["auth"])
async def whoami(principal: Viewer) -> KeyInfo:
    """The calling key's id, name and role."""
    p: Principal = principal
    return KeyInfo(key_id=p.key_id, name=p.name, role=p.role.name)
