"""Run an analyst's Cypher read-only: Neo4j's own plan decides, then the same text runs.

Nothing here reads the query text: Neo4j parses it, so a comment marker inside a string
literal, a backtick-quoted procedure name, odd case or unicode whitespace mean to the guard
exactly what they mean to the server.

1. ``EXPLAIN`` the text exactly as sent (Neo4j plans it without running it), with its
   parameters. Neo4j refusing to plan it decides too: ``PROFILE`` (it runs the query to
   measure it), administration commands of the system database, syntax errors.
2. Walk every operator of the plan and refuse ``LoadCSV``; a ``ProcedureCall`` of anything
   but ``ALLOWED_PROCEDURES`` (read-only introspection); every ``Show...``, ``Terminate...``
   and administration operator; ``TransactionApply``/``TransactionForeach`` (``CALL { } IN
   TRANSACTIONS``); any operator that runs on another database than the graph's.
3. Require the planner's query type ``r`` (read-only): no writes, no schema or DBMS changes.
4. Run that same text, unchanged, in a read-access transaction (the server refuses to let it
   write), bounded by a timeout, a row limit and a byte limit.

A refusal (``QueryRefused``) names every reason the plan gave. The managed server adds its
own locks behind these (``graph.server.SECURITY``: no LOAD CSV over the network or from
files).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from neo4j import READ_ACCESS, Query, unit_of_work
from neo4j.exceptions import ClientError, CypherSyntaxError, Neo4jError

from graph.db import Database, translated
from graph.errors import InnographError, QueryRefused
from graph.output import plain

# Read-only introspection an analyst may call (the names Neo4j resolves, whatever the spelling).
ALLOWED_PROCEDURES = (
    "db.labels",
    "db.relationshipTypes",
    "db.propertyKeys",
    "db.schema.visualization",
    "db.schema.nodeTypeProperties",
    "db.schema.relTypeProperties",
)
QUERY_TYPES = {"w": "this query writes", "rw": "this query reads and writes"}
ADMIN_CODES = ("UnsupportedAdministrationCommand", "NotSystemDatabaseError")
_WORDS = re.compile(r"(?<!^)(?=[A-Z])")
_POSITION = re.compile(r"\(line (\d+), column (\d+) \(offset: (\d+)\)\)")
EXPLAIN = "EXPLAIN "


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool
    truncated_by: Literal["rows", "bytes"] | None = None  # the limit that stopped it


class QueryFailed(InnographError):
    """The query was allowed but Neo4j rejected it (syntax, timeout, unknown function...)."""


def operators(plan: dict[str, Any] | None) -> Iterator[tuple[str, str, str]]:
    """(operator, database, details) of every operator of a plan, depth first."""
    if not plan:
        return
    name, _, database = str(plan.get("operatorType", "")).partition("@")
    args = plan.get("args") or plan.get("arguments") or {}
    yield name, database, str(args.get("Details") or "")
    for child in plan.get("children") or []:
        yield from operators(child)


def _command(operator: str) -> str:
    """``ShowTransactions`` -> ``SHOW TRANSACTIONS``."""
    return _WORDS.sub(" ", operator).upper()


def _procedure(details: str) -> str:
    """The procedure a ``ProcedureCall`` runs, from its details: ``db.labels() :: (...)``."""
    return details.split("(", 1)[0].strip()


def operator_reason(name: str, database: str, details: str, graph: str) -> str | None:
    """Why one plan operator is refused, or None when it may run."""
    if name == "AdministrationCommand":
        return "this is an administration command"
    if database and database != graph:
        if "." in name:  # a procedure planned on another database: dbms.listConfig@system
            return f"the procedure {name} is not allowed here"
        return f"{_command(name)} runs on the {database} database, not on the graph"
    if name == "LoadCSV":
        return "LOAD CSV is not allowed here: it reads files and URLs"
    if name in ("TransactionApply", "TransactionForeach"):
        return "CALL { } IN TRANSACTIONS is not allowed here: it commits batches of its own"
    if name == "ProcedureCall":
        procedure = _procedure(details) or "without a name"
        if procedure not in ALLOWED_PROCEDURES:
            return (
                f"the procedure {procedure} is not allowed here (only the read-only "
                f"introspection {', '.join(ALLOWED_PROCEDURES)})"
            )
        return None
    if name.startswith(("Show", "Terminate")):
        return f"{_command(name)} is an administration command"
    return None


def plan_reasons(plan: dict[str, Any] | None, query_type: str | None, graph: str) -> list[str]:
    """Every reason the plan gives to refuse a query (empty: it only reads the graph)."""
    reasons: list[str] = []
    for name, database, details in operators(plan):
        reason = operator_reason(name, database, details, graph)
        if reason and reason not in reasons:
            reasons.append(reason)
    if not reasons and query_type != "r":
        reasons.append(QUERY_TYPES.get(query_type or "", "this query changes the schema"))
    return reasons


def _refusal(reasons: list[str]) -> QueryRefused:
    return QueryRefused(
        "Refused: " + "; ".join(reasons) + "; only read-only queries are allowed here."
    )


def _unplannable(e: ClientError) -> InnographError:
    """What Neo4j's refusal to plan a query means for the analyst."""
    code = e.code or ""
    if any(c in code for c in ADMIN_CODES):
        return _refusal(["this is an administration command"])
    if code.endswith("ArgumentError") and "execution mode" in (e.message or ""):
        return _refusal(
            ["PROFILE runs the query to measure it, so its plan cannot be checked first"]
        )
    if isinstance(e, CypherSyntaxError):
        return QueryFailed(f"Neo4j cannot parse the query: {syntax_message(e.message or '')}")
    return QueryFailed(f"Neo4j rejected the query: {rejected_message(e.message or '')}")


def rejected_message(message: str) -> str:
    """Neo4j's refusal to plan ``EXPLAIN <query>`` about the query: when it gives a position
    (and then echoes the ``EXPLAIN`` line under it), that of ``syntax_message``; otherwise as is.

    >>> rejected_message('Bad (line 1, column 9 (offset: 8))\n"EXPLAIN RETURN x"\n        ^')
    'Bad (line 1, column 1 (offset: 0))'
    >>> rejected_message('No such database')
    'No such database'
    """
    first = message.splitlines()[0] if message else ""
    return syntax_message(message) if _POSITION.search(first) else message


def syntax_message(message: str) -> str:
    """Neo4j's syntax error about ``EXPLAIN <query>`` as one sentence about the query: its
    first line, the position on the query's first line moved back by ``EXPLAIN ``'s length.

    >>> syntax_message('Invalid input (line 1, column 12 (offset: 11))\\n"EXPLAIN MATCH (n"')
    'Invalid input (line 1, column 4 (offset: 3))'
    """
    first = message.splitlines()[0] if message else "invalid query"

    def moved(m: re.Match) -> str:
        line, column, offset = (int(g) for g in m.groups())
        column = column - len(EXPLAIN) if line == 1 else column
        return f"(line {line}, column {max(column, 1)} (offset: {max(offset - len(EXPLAIN), 0)}))"

    return _POSITION.sub(moved, first)


def check_read_only(db: Database, query: str, parameters: dict[str, Any] | None = None) -> None:
    """Raise ``QueryRefused`` unless the plan of ``query`` only reads. Nothing is executed."""
    if not query.strip():
        raise QueryRefused("The query is empty.")
    with (
        translated(db.uri),
        db.driver.session(database=db.database, default_access_mode=READ_ACCESS) as s,
    ):
        try:
            summary = s.run(Query(EXPLAIN + query, timeout=10), parameters or {}).consume()
        except ClientError as e:
            raise _unplannable(e) from e
    reasons = plan_reasons(summary.plan, summary.query_type, db.database)
    if reasons:
        raise _refusal(reasons)


def _size(row: dict[str, Any]) -> int:
    """The bytes a row takes as JSON (what the service would send)."""
    return len(json.dumps(row, ensure_ascii=False, default=str).encode("utf-8"))


def run_read_only(
    db: Database,
    query: str,
    parameters: dict[str, Any] | None = None,
    *,
    timeout: float = 30.0,
    limit: int = 10_000,
    max_bytes: int | None = None,
) -> QueryResult:
    """Check, then run ``query`` in a read transaction: at most ``limit`` rows and, when
    given, ``max_bytes`` bytes of rows (as JSON); the rows are plain JSON values."""
    check_read_only(db, query, parameters)

    @unit_of_work(timeout=timeout)
    def work(tx):
        result = tx.run(query, parameters or {})
        columns = list(result.keys())
        rows: list[dict[str, Any]] = []
        used = 0
        for record in result:
            if len(rows) >= limit:
                return QueryResult(columns, rows, True, "rows")
            row = plain(record.data())
            used += _size(row) if max_bytes is not None else 0
            if max_bytes is not None and used > max_bytes:
                return QueryResult(columns, rows, True, "bytes")
            rows.append(row)
        return QueryResult(columns, rows, False)

    with (
        translated(db.uri),
        db.driver.session(database=db.database, default_access_mode=READ_ACCESS) as s,
    ):
        try:
            return s.execute_read(work)
        except Neo4jError as e:
            raise _run_failed(e, timeout) from e


def _run_failed(e: Neo4jError, timeout: float) -> InnographError:
    code = e.code or ""
    if "AccessMode" in code or "Forbidden" in code:
        return QueryRefused(f"Refused by Neo4j: {e.message}")
    if "TransactionTimedOut" in code or "Terminated" in code:
        return QueryFailed(f"The query was stopped after the {timeout:g} s timeout.")
    return QueryFailed(f"Neo4j rejected the query: {e.message}")
