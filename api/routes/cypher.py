"""Read-only Cypher for analysts, and the curated query library (``graph/queries``).

The queries run through ``graph.guard`` on the analysts' own threads
(``api.throttle.AnalystQueries``: at most ``INNOGRAPH_CYPHER_PER_KEY`` at once per key,
``INNOGRAPH_CYPHER_WORKERS`` in all, 429 beyond), bounded by the timeout, the row limit and
the byte limit of the settings; the answer (JSON, CSV or a text table) is made there too.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from fastapi import APIRouter, Path
from fastapi.responses import PlainTextResponse, Response

from api import models as m
from api.auth import Principal
from api.deps import Analyst, AnalystsDep, DbDep, SettingsDep
from api.throttle import AnalystQueries
from graph import library
from graph.db import Database
from graph.errors import InnographError, InvalidInput
from graph.guard import QueryResult, run_read_only
from graph.output import plain, render
from graph.settings import Settings

router = APIRouter(tags=["cypher"])
QueryName = Annotated[str, Path(pattern=r"^[a-z0-9_]{1,80}$")]
TABLES: dict[int | str, dict[str, Any]] = {200: {"content": {"text/csv": {}, "text/plain": {}}}}
INT64 = 2**63


def check_parameters(value: Any, depth: int = 0) -> None:
    """Refuse parameter values Neo4j cannot take (integers beyond 64 bits, deep nesting)."""
    if depth > 20:
        raise InnographError("The parameters are nested too deeply.")
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return
    if isinstance(value, int) and not -INT64 <= value < INT64:
        raise InnographError(f"The integer {value} does not fit in 64 bits.")
    if isinstance(value, float) and not math.isfinite(value):
        raise InnographError("Parameters must be finite numbers.")
    if isinstance(value, dict):
        for v in value.values():
            check_parameters(v, depth + 1)
    elif isinstance(value, list):
        for v in value:
            check_parameters(v, depth + 1)


def answer(result: QueryResult, fmt: str, settings: Settings):
    if fmt == "csv":
        return Response(
            render(result.rows, "csv", result.columns) + "\n", media_type="text/csv; charset=utf-8"
        )
    if fmt == "table":
        return PlainTextResponse(render(result.rows, "table", result.columns) + "\n")
    return m.CypherResult(
        columns=result.columns,
        rows=plain(result.rows),
        truncated=result.truncated,
        truncated_by=result.truncated_by,
        row_limit=settings.cypher_row_limit,
        byte_limit=settings.cypher_max_bytes,
    )


def read_only(db: Database, settings: Settings, query: str, parameters: dict[str, Any]):
    """``graph.guard.run_read_only`` with the limits of the settings."""
    return run_read_only(
        db,
        query,
        parameters,
        timeout=settings.cypher_timeout,
        limit=settings.cypher_row_limit,
        max_bytes=settings.cypher_max_bytes,
    )


async def on_analyst_pool(analysts: AnalystQueries, who: Principal, work):
    """``work()`` on the analysts' threads, counted against the caller's key."""
    return await analysts.run(who.key_id, work)


@router.post("/cypher", response_model=m.CypherResult, responses=TABLES)
async def cypher(
    db: DbDep, settings: SettingsDep, who: Analyst, analysts: AnalystsDep, body: m.CypherRequest
):
    """Run a read-only query. Neo4j's plan decides: a query that writes, changes the schema,
    runs LOAD CSV, a procedure other than read-only introspection, an administration or
    SHOW/TERMINATE command, or CALL { } IN TRANSACTIONS is refused (400) before it runs.
    It then runs in a read transaction, bounded by the timeout, row and byte limits of the
    settings; at most a few per key at once (429 beyond). `format`: json, csv or table."""
    check_parameters(body.parameters)

    def work():
        return answer(read_only(db, settings, body.query, body.parameters), body.format, settings)

    return await on_analyst_pool(analysts, who, work)


def info(q: library.CuratedQuery) -> m.QueryInfo:
    return m.QueryInfo(
        name=q.name,
        title=q.title,
        question=q.question,
        text=q.text,
        parameters=[
            m.QueryParameter(name=p.name, description=p.description, example=p.example)
            for p in q.parameters
        ],
    )


@router.get("/queries", response_model=list[m.QueryInfo])
def list_queries(_: Analyst):
    """The curated, documented queries of `graph/queries`."""
    return [info(q) for q in library.library().values()]


@router.get("/queries/{name}", response_model=m.QueryInfo)
def get_query(_: Analyst, name: QueryName):
    """One curated query: its question, parameters and text."""
    return info(library.get(name))


@router.post("/queries/{name}", response_model=m.CypherResult, responses=TABLES)
async def run_query(
    db: DbDep,
    settings: SettingsDep,
    who: Analyst,
    analysts: AnalystsDep,
    name: QueryName,
    body: m.QueryRun,
):
    """Run a curated query with its parameters (read-only, like `/cypher`)."""
    check_parameters(body.parameters)
    query = library.get(name)
    try:  # 404 and 400 before taking a slot
        parameters = library.bind(query, body.parameters)
    except InvalidInput as e:  # schema-valid (parameters are free-form) but refused: 400
        raise InnographError(str(e)) from None

    def work():
        return answer(read_only(db, settings, query.text, parameters), body.format, settings)

    return await on_analyst_pool(analysts, who, work)
