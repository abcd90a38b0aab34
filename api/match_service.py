"""Partner search, call matchmaking and saved matches for the API: ``analytics.matching``.

The service only checks the ids it is given (a clear 404), takes the in-memory match model
from the app's ``analytics.adapter.ModelCache`` (built from the graph once per graph
version), calls the matchmaking functions on it, and reshapes the answers into the API's
models. Saved matches are the matchmaking module's JSON files, kept in the service's
own ``settings.home / "matches"``.
"""

from __future__ import annotations

from typing import Any

from analytics import matching
from analytics.adapter import ModelCache
from analytics.matching import saved
from api import models as m
from api.data import get_organisation
from graph.db import Database
from graph.errors import NotFound
from graph.output import render
from graph.settings import Settings


def _folder(settings: Settings):
    return settings.home / "matches"


def _check_clusters(db: Database, clusters: list[str]) -> None:
    if not clusters:
        return
    known = {r["id"] for r in db.read("filter_existing_clusters", ids=clusters)}
    missing = [c for c in clusters if c not in known]
    if missing:
        raise NotFound(f"No cluster with id {missing[0]!r}.")


def match_partners(
    db: Database, models: ModelCache, org: str, theme: str | None, clusters: list[str], k: int
) -> m.PartnerResult:
    o = get_organisation(db, org)  # NotFound with the id
    _check_clusters(db, clusters)
    rows = matching.match_partners(
        models.get(db), org, theme=theme, clusters=clusters or None, k=k
    ).model_dump()
    return m.PartnerResult(
        org=m.OrgRef(id=o.id, name=o.name, kind=o.kind),
        method="innograph",
        partners=[m.Partner(**r) for r in rows],
    )


def match_call(
    db: Database, models: ModelCache, settings: Settings, call: m.CallRequest
) -> m.CallResult:
    _check_clusters(db, call.clusters)
    request = call.model_dump(exclude={"save"})
    result = matching.match_call(models.get(db), request).as_dict()
    out = m.CallResult(
        method="innograph",
        candidates=result["candidates"],
        consortia=result["consortia"],
        rules=result["rules"],
        problems=result["problems"],
    )
    if call.save:
        out.id = saved.save_match(
            db, kind="call", request=request, result=result, folder=_folder(settings)
        )
    return out


def list_matches(db: Database, settings: Settings) -> list[m.SavedMatch]:
    return [m.SavedMatch(**r) for r in saved.list_matches(db, folder=_folder(settings))]


def load_match(db: Database, settings: Settings, match_id: str) -> m.SavedMatch:
    return m.SavedMatch(**saved.load_match(db, match_id, folder=_folder(settings)))


def match_csv(db: Database, settings: Settings, match_id: str) -> str:
    """A saved match as CSV: one row per candidate and per consortium member."""
    record: dict[str, Any] = saved.load_match(db, match_id, folder=_folder(settings))
    return render(saved.rows_of(record), "csv", saved.COLUMNS) + "\n"
