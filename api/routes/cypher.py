"""Read-only Cypher for analysts, and the curated query library (``graph/queries``)."""

from __future__ import annotations

import math
from typing import Annotated, Any

from fastapi import APIRouter, Path
from fastapi.responses import PlainTextResponse, Response

from api import models as m
from api.deps import Analyst, DbDep, SettingsDep
from graph import library
from graph.errors import InvalidInput
from graph.guard import QueryResult, run_read_only
from graph.output import plain, render

router = APIRouter(tags=["cypher"])
QueryName = Annotated[str, Path(pattern=r"^[a-z0-9_]{1,80}$")]
TABLES: dict[int | str, dict[str, Any]] = {200: {"content": {"text/csv": {}, "text/plain": {}}}}
INT64 = 2**63


def check_parameters(value: Any, depth: int = 0) -> None:
    """Refuse parameter values Neo4j cannot take (integers beyond 64 bits, deep nesting)."""
    if depth > 20:
        raise InvalidInput("The parameters are nested too deeply.")
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return
    if isinstance(value, int) and not -INT64 <= value < INT64:
        raise InvalidInput(f"The integer {value} does not fit in 64 bits.")
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidInput("Parameters must be finite numbers.")
    if isinstance(value, dict):
        for v in value.values():
            check_parameters(v, depth + 1)
    elif isinstance(value, list):
        for v in value:
            check_parameters(v, depth + 1)


def answer(result: QueryResult, fmt: str, row_limit: int):
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
        row_limit=row_limit,
    )


@router.post("/cypher", response_model=m.CypherResult, responses=TABLES)
def cypher(db: DbDep, settings: SettingsDep, _: Analyst, body: m.CypherRequest):
    """Run a read-only query: anything that writes or changes the schema is refused before
    it runs (the plan's query type is checked), and it runs in a read transaction, bounded by
    the timeout and row limit from the settings. `format`: json, csv or table."""
    check_parameters(body.parameters)
    result = run_read_only(
        db,
        body.query,
        body.parameters,
        timeout=settings.cypher_timeout,
        limit=settings.cypher_row_limit,
    )
    return answer(result, body.format, settings.cypher_row_limit)


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
def run_query(db: DbDep, settings: SettingsDep, _: Analyst, name: QueryName, body: m.QueryRun):
    """Run a curated query with its parameters (read-only, like `/cypher`)."""
    check_parameters(body.parameters)
    result = library.run(
        db, name, body.parameters, timeout=settings.cypher_timeout, limit=settings.cypher_row_limit
    )
    return answer(result, body.format, settings.cypher_row_limit)
