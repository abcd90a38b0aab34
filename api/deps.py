"""What routes receive through ``Annotated`` dependencies: the database, the settings, the caller.

``DbDep`` is the one ``Database`` the lifespan opened; ``Viewer``, ``Manager``, ``Analyst`` and
``Admin`` are the calling key's ``Principal``, checked to hold at least that role.
``ModelsDep`` is the app's match model cache (``analytics.adapter.ModelCache``), ``AnswersDep``
its answers and pages kept per graph version (``api.answer_cache.AnswerCache``);
``AnalystsDep`` and ``ProbeDep`` the thread pools of ``api.throttle``.

The dependencies are ``async``: they only look things up, and a plain one would take a thread
of the pool the routes share, which ``/health`` must never wait for.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.security import APIKeyHeader, HTTPBearer

from analytics.adapter import ModelCache
from api.answer_cache import AnswerCache
from api.auth import KeyStore, Principal, Role, authenticate, check_role
from api.disclosure import reveal_from  # noqa: F401 - the routes take it from here
from api.throttle import AnalystQueries, Probe
from graph.db import Database
from graph.settings import Settings


async def get_db(request: Request) -> Database:
    return request.app.state.db


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_keys(request: Request) -> KeyStore:
    return request.app.state.keys


async def get_models(request: Request) -> ModelCache:
    return request.app.state.models


async def get_answers(request: Request) -> AnswerCache:
    return request.app.state.answers


async def get_analysts(request: Request) -> AnalystQueries:
    return request.app.state.analysts


async def get_probe(request: Request) -> Probe:
    return request.app.state.probe


DbDep = Annotated[Database, Depends(get_db)]
AnalystsDep = Annotated[AnalystQueries, Depends(get_analysts)]
ProbeDep = Annotated[Probe, Depends(get_probe)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
KeysDep = Annotated[KeyStore, Depends(get_keys)]
ModelsDep = Annotated[ModelCache, Depends(get_models)]
AnswersDep = Annotated[AnswerCache, Depends(get_answers)]

# Declared so that the OpenAPI document shows both ways of sending a key; checked below.
_bearer = HTTPBearer(auto_error=False, description="Authorization: Bearer KEY")
_api_key = APIKeyHeader(name="X-API-Key", auto_error=False, description="X-API-Key: KEY")


def requires(role: Role):
    async def principal(
        request: Request, keys: KeysDep, _b=Depends(_bearer), _k=Depends(_api_key)
    ) -> Principal:
        return check_role(authenticate(request, keys), role)

    principal.__name__ = f"requires_{role.name}"
    return Depends(principal)


Viewer = Annotated[Principal, requires(Role.viewer)]
Manager = Annotated[Principal, requires(Role.manager)]
Analyst = Annotated[Principal, requires(Role.analyst)]
Admin = Annotated[Principal, requires(Role.admin)]

MAX_LIMIT = 500


class Paging:
    def __init__(
        self,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ):
        self.limit = limit
        self.offset = offset


PagingDep = Annotated[Paging, Depends()]
