"""Run an analyst's Cypher read-only: check the plan first, then run it in a read transaction.

Two independent locks: (1) ``EXPLAIN`` the query and refuse it unless the planner calls it a
read-only query (``query_type == 'r'``): this catches CREATE, MERGE, SET, DELETE, REMOVE, write
procedures and schema commands before anything runs; (2) run it in a read-access transaction,
which the server itself refuses to let write. A timeout and a row limit bound every run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from neo4j import READ_ACCESS, Query, unit_of_work
from neo4j.exceptions import ClientError, CypherSyntaxError, Neo4jError

from graph.db import Database
from graph.errors import InnographError, QueryRefused

# Statements the planner cannot EXPLAIN or that touch the server rather than the data.
_ADMIN = re.compile(
    r"^\s*((CREATE|DROP|ALTER|RENAME)\s+(OR\s+REPLACE\s+)?(INDEX|CONSTRAINT|DATABASE|"
    r"COMPOSITE|ALIAS|USER|ROLE|SERVER|(RANGE|TEXT|POINT|LOOKUP|FULLTEXT|VECTOR)\s+INDEX)|"
    r"DROP\b|GRANT|DENY|REVOKE|START\s+DATABASE|STOP\s+DATABASE|TERMINATE|ENABLE\s+SERVER|"
    r"DEALLOCATE|REALLOCATE)\b",
    re.IGNORECASE,
)
_SHOW = re.compile(r"^\s*SHOW\b", re.IGNORECASE)
_LOAD_CSV = re.compile(r"\bLOAD\s+CSV\b", re.IGNORECASE)
_IN_TX = re.compile(r"\bIN\s+TRANSACTIONS\b", re.IGNORECASE)


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool


class QueryFailed(InnographError):
    """The query was allowed but Neo4j rejected it (syntax, timeout, unknown function...)."""


def _strip_comments(query: str) -> str:
    query = re.sub(r"/\*.*?\*/", " ", query, flags=re.DOTALL)
    return re.sub(r"//[^\n]*", " ", query)


def check_read_only(db: Database, query: str, parameters: dict[str, Any] | None = None) -> None:
    """Raise ``QueryRefused`` unless ``query`` only reads. Nothing is executed."""
    text = _strip_comments(query).strip()
    if not text:
        raise QueryRefused("The query is empty.")
    if _ADMIN.match(text):
        raise QueryRefused(
            "Refused: this is an administration or schema command; only read-only queries "
            "are allowed here."
        )
    if _LOAD_CSV.search(text) or _IN_TX.search(text):
        raise QueryRefused("Refused: LOAD CSV and CALL { } IN TRANSACTIONS are not allowed here.")
    if _SHOW.match(text):
        return  # SHOW CONSTRAINTS/INDEXES/PROCEDURES/FUNCTIONS...: read-only listings
    try:
        with db.driver.session(database=db.database, default_access_mode=READ_ACCESS) as s:
            summary = s.run(Query("EXPLAIN " + text, timeout=10), parameters or {}).consume()
    except CypherSyntaxError as e:
        raise QueryFailed(f"Neo4j cannot parse the query: {e.message}") from e
    except ClientError as e:
        raise QueryFailed(f"Neo4j rejected the query: {e.message}") from e
    if summary.query_type != "r":
        kind = {"rw": "reads and writes", "w": "writes", "s": "changes the schema"}.get(
            summary.query_type or "", "is not read-only"
        )
        raise QueryRefused(f"Refused: this query {kind}; only read-only queries are allowed here.")


def run_read_only(
    db: Database,
    query: str,
    parameters: dict[str, Any] | None = None,
    *,
    timeout: float = 30.0,
    limit: int = 10_000,
) -> QueryResult:
    """Check, then run ``query`` in a read transaction; at most ``limit`` rows."""
    check_read_only(db, query, parameters)

    @unit_of_work(timeout=timeout)
    def work(tx):
        result = tx.run(query, parameters or {})
        columns = list(result.keys())
        rows: list[dict[str, Any]] = []
        for record in result:
            if len(rows) >= limit:
                return columns, rows, True
            rows.append(record.data())
        return columns, rows, False

    try:
        with db.driver.session(database=db.database, default_access_mode=READ_ACCESS) as s:
            columns, rows, truncated = s.execute_read(work)
    except Neo4jError as e:
        code = e.code or ""
        if "AccessMode" in code or "Forbidden" in code:
            raise QueryRefused(f"Refused by Neo4j: {e.message}") from e
        if "TransactionTimedOut" in code or "Terminated" in code:
            raise QueryFailed(f"The query was stopped after the {timeout:g} s timeout.") from e
        raise QueryFailed(f"Neo4j rejected the query: {e.message}") from e
    return QueryResult(columns, rows, truncated)
