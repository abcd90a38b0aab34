"""Partner search, call matchmaking and saved matches for the API: ``analytics.matching``.

The service resolves organisations as people type them (``analytics.names``, through the model:
a 404 whose body carries ``suggestions`` when none or several fit), checks cluster ids, takes
the in-memory match model from the app's ``analytics.adapter.ModelCache`` (built once per graph
version, kept on disk by ``disk_build``; ``warm`` loads it at start-up), calls the matchmaking
functions on it, and reshapes the answers into the API's models. Partner lists are kept per
graph version and model in the app's ``api.answer_cache.AnswerCache``. Saved matches are the
matchmaking module's JSON files, kept in the service's own ``settings.home / "matches"``."""

from __future__ import annotations

from typing import Any

from analytics import matching
from analytics.adapter import ModelCache
from analytics.matching import saved
from api import models as m
from api.answer_cache import AnswerCache
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


def warm(db: Database, models: ModelCache) -> None:
    """Build or load the model now, so that the first partner search answers at once."""
    models.get(db)


def match_partners(
    db: Database,
    models: ModelCache,
    org: str,
    theme: str | None,
    clusters: list[str],
    k: int,
    include_synthetic: bool = False,
    answers: AnswerCache | None = None,
) -> m.PartnerResult:
    """Ranked partners for ``org``; with ``answers``, computed once per graph version and
    model (an unknown name or cluster is an error, never kept)."""
    model = models.get(db)

    def compute() -> m.PartnerResult:
        _check_clusters(db, clusters)
        o = model.org(model.resolve(org))  # UnknownName (404) with the closest names
        rows = matching.match_partners(
            model, o["id"], theme=theme, clusters=clusters or None, k=k,
            include_synthetic=include_synthetic,
        ).model_dump()  # fmt: skip
        return m.PartnerResult(
            org=m.OrgRef(id=o["id"], name=o["name"], kind=o["kind"]),
            method="innograph",
            partners=[m.Partner(**r) for r in rows],
        )

    if answers is None:
        return compute()
    key = ("partners", models.version, org, theme, tuple(clusters), k, include_synthetic)
    return answers.get(db, key, compute)  # shared between requests: never changed


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
        eligibility=result["eligibility"],
        cluster_fit=result["cluster_fit"],
        international_partners=result["international_partners"],
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
