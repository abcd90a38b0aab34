"""Matchmaking: partners for an organisation, partners and consortia for a call, saved matches."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from api import match_service
from api import models as m
from api.deps import AnswersDep, DbDep, Manager, ModelsDep, SettingsDep

router = APIRouter(prefix="/match", tags=["matchmaking"])
MatchId = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9_.-]{0,79}$")]  # saved._ID


def split_ids(text: str | None) -> list[str]:
    return [c.strip() for c in (text or "").split(",") if c.strip()]


@router.get("/partners", response_model=m.PartnerResult)
def partners(
    db: DbDep,
    models: ModelsDep,
    answers: AnswersDep,
    _: Manager,
    org: Annotated[
        str,
        Query(
            min_length=1,
            max_length=200,
            description="The organisation: id, name, alias or acronym, enterprise number or PIC",
        ),
    ],
    theme: Annotated[str | None, Query(max_length=500)] = None,
    clusters: Annotated[
        str | None,
        Query(
            max_length=2000,
            description=("Cluster ids, comma-separated: partners must belong to one of them"),
        ),
    ] = None,
    k: Annotated[int, Query(ge=1, le=200)] = 10,
    include_synthetic: Annotated[
        bool, Query(description="Also propose synthetic and example organisations")
    ] = False,
):
    """Ranked partners that do not yet work with `org`, each with its explanation and fit.

    An unknown or ambiguous `org` answers 404 with `suggestions`: the closest names."""
    return match_service.match_partners(
        db, models, org, theme, split_ids(clusters), k, include_synthetic, answers
    )


@router.post("/call", response_model=m.CallResult)
def call(db: DbDep, models: ModelsDep, settings: SettingsDep, _: Manager, body: m.CallRequest):
    """Ranked candidates and 3 to 5 proposed consortia for a call (set `save` to keep it)."""
    return match_service.match_call(db, models, settings, body)


@router.get("/saved", response_model=list[m.SavedMatch])
def saved(db: DbDep, settings: SettingsDep, _: Manager):
    """Saved match requests, newest first (without their answers)."""
    return match_service.list_matches(db, settings)


@router.get("/saved/{match_id}", response_model=m.SavedMatch)
def saved_one(db: DbDep, settings: SettingsDep, _: Manager, match_id: MatchId):
    """One saved match request with its answer."""
    return match_service.load_match(db, settings, match_id)


@router.get(
    "/saved/{match_id}/csv", response_class=Response, responses={200: {"content": {"text/csv": {}}}}
)
def saved_csv(db: DbDep, settings: SettingsDep, _: Manager, match_id: MatchId):
    """A saved match as CSV: one row per candidate and per consortium member."""
    return Response(
        match_service.match_csv(db, settings, match_id),
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{match_id}.csv"'},
    )
