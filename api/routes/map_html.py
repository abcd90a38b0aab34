"""Maps as self-contained HTML pages (drawn by ``viz`` when present).

The ecosystem, overlap, cluster and match maps are drawn once per graph version and kept in
the app's ``api.answer_cache.AnswerCache``, keyed with whether the caller sees members (a
viewer's map is folded: it is never served to a manager, nor a manager's to a viewer)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse

from api import map_service, match_service
from api import models as m
from api.answers import ERRORS
from api.deps import AnswersDep, DbDep, Manager, ModelsDep, SettingsDep, Viewer
from api.disclosure import sees_members
from api.routes.match import split_ids

router = APIRouter(prefix="/maps", tags=["maps"])
# A map is an HTML page, its error answers are JSON like every other route's: each documented
# as application/json (FastAPI would put a model's schema under the route's text/html).
MAP: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": {}}},
    **{
        status: {
            "description": e["description"],
            "content": {
                "application/json": {
                    "schema": {"$ref": f"#/components/schemas/{e['model'].__name__}"}
                }
            },
        }
        for status, e in ERRORS.items()
    },
}


@router.get("", response_model=m.MapList)
def list_maps(_: Viewer):
    """The maps the service draws, and which renderer draws them."""
    return map_service.map_list()


@router.get("/ecosystem", response_class=HTMLResponse, responses=MAP)
def ecosystem(db: DbDep, answers: AnswersDep, principal: Viewer):
    """Clusters, IBNs and the institutions around them; member firms aggregated (for a
    viewer every member is: only public roles are named)."""
    key = ("map_ecosystem", sees_members(principal))
    return HTMLResponse(answers.get(db, key, lambda: map_service.ecosystem(db, principal)))


@router.get("/overlap", response_class=HTMLResponse, responses=MAP)
def overlap(
    db: DbDep,
    answers: AnswersDep,
    principal: Viewer,
    min_shared: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
):
    """Clusters linked by shared members (edge width = shared members)."""
    key = ("map_overlap", sees_members(principal), min_shared)
    return HTMLResponse(answers.get(db, key, lambda: map_service.overlap(db, min_shared)))


@router.get("/cluster/{cluster_id}", response_class=HTMLResponse, responses=MAP)
def cluster(
    db: DbDep,
    answers: AnswersDep,
    principal: Viewer,
    cluster_id: Annotated[str, Path(min_length=1, max_length=200)],
):
    """A cluster's ego-network; for a viewer its members are groups with counts."""
    key = ("map_cluster", sees_members(principal), cluster_id)
    return HTMLResponse(
        answers.get(db, key, lambda: map_service.cluster(db, cluster_id, principal))
    )


@router.get("/match", response_class=HTMLResponse, responses=MAP)
def match(
    db: DbDep,
    models: ModelsDep,
    answers: AnswersDep,
    _: Manager,
    org: Annotated[str, Query(min_length=1, max_length=200)],
    theme: Annotated[str | None, Query(max_length=500)] = None,
    clusters: Annotated[str | None, Query(max_length=2000)] = None,
    k: Annotated[int, Query(ge=1, le=100)] = 10,
):
    """An organisation and the partners the partner search proposes."""
    ids = split_ids(clusters)
    result = match_service.match_partners(db, models, org, theme, ids, k, answers=answers)
    key = ("map_match", models.version, org, theme, tuple(ids), k)
    return HTMLResponse(answers.get(db, key, lambda: map_service.match(db, result)))


@router.get("/call", response_class=HTMLResponse, responses=MAP)
def call(
    db: DbDep,
    models: ModelsDep,
    settings: SettingsDep,
    _: Manager,
    text: Annotated[str | None, Query(max_length=5000)] = None,
    themes: Annotated[str | None, Query(max_length=2000)] = None,
    clusters: Annotated[str | None, Query(max_length=2000)] = None,
    instrument: Annotated[str | None, Query(max_length=100)] = None,
    k: Annotated[int, Query(ge=1, le=100)] = 20,
):
    """A call, its ranked candidates, their clusters and the proposed consortia."""
    request = m.CallRequest(
        text=text,
        themes=split_ids(themes),
        clusters=split_ids(clusters),
        instrument=instrument or None,
        k=k,
    )
    result = match_service.match_call(db, models, settings, request)
    return HTMLResponse(map_service.call(db, request, result))
