"""The driver and the three helpers through which every statement runs.

``connect`` opens a driver for the settings (the managed local server, or ``NEO4J_URI``);
``read`` runs a catalogued statement in a read transaction and returns plain dicts; ``write``
runs one in a write transaction; ``write_batches`` (``write_rows`` for a catalogued statement)
is the one batch loop: rows through ``UNWIND $rows`` in batches, each batch its own managed
transaction (retried by the driver on transient errors).
``connect(..., requests=True)`` opens the driver a web service uses: it gives up fast
(``REQUEST_PATH``: a connection attempt of at most 1 s, retries for at most 0.5 s), so a request
answers 503 within 2 s when Neo4j is down instead of waiting out the driver's 30 s of retries;
the CLI's loads and analyses keep the driver's patient defaults.
No caller spells driver options, and no caller sees the driver's exceptions: they become
``graph.errors.Unavailable`` (the server is down, restarting or refuses the credentials) or
``graph.errors.GraphError`` (Neo4j refused the statement), so no other room imports ``neo4j``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from neo4j import READ_ACCESS, WRITE_ACCESS, Driver, GraphDatabase, unit_of_work
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from graph import catalog
from graph.errors import ConfigError, GraphError, ServerError, Unavailable
from graph.settings import Settings, get_settings

# Driver options on a request's path (seconds): fail within 2 s when Neo4j is down.
REQUEST_PATH = {
    "connection_timeout": 1.0,
    "connection_acquisition_timeout": 1.5,
    "max_transaction_retry_time": 0.5,
}


@contextmanager
def translated(uri: str = "") -> Iterator[None]:
    """Turn the driver's exceptions into the project's error tree."""
    where = f" at {uri}" if uri else ""
    try:
        yield
    except AuthError as e:
        raise Unavailable(f"Neo4j{where} refused innograph's credentials.") from e
    except (ServiceUnavailable, SessionExpired) as e:
        raise Unavailable(f"Neo4j does not answer{where}.") from e
    except Neo4jError as e:
        raise GraphError(f"Neo4j refused the statement: {e.message}", e.code or "") from e
    except DriverError as e:
        raise Unavailable(f"The connection to Neo4j{where} failed: {e}") from e


@dataclass(frozen=True)
class Batch:
    """One batch ``write_batches`` sent: how many rows, and what the statement returned."""

    size: int
    result: list[dict[str, Any]]


class Database:
    """A driver plus the database name it works on."""

    def __init__(self, driver: Driver, database: str = "neo4j", uri: str = ""):
        self.driver = driver
        self.database = database
        self.uri = uri

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- helpers -------------------------------------------------------------------------------
    def run_read(
        self, text: str, params: dict[str, Any] | None = None, timeout: float | None = None
    ) -> list[dict[str, Any]]:
        return self._run_managed(text, params, READ_ACCESS, timeout)

    def run_write(self, text: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return self._run_managed(text, params, WRITE_ACCESS, None)

    def _run_managed(
        self, text: str, params: dict[str, Any] | None, mode: str, timeout: float | None
    ) -> list[dict[str, Any]]:
        """One statement in a managed (retried) read or write transaction; its rows as dicts."""

        @unit_of_work(timeout=timeout)  # None: the server's default, as without the decorator
        def work(tx):
            return [r.data() for r in tx.run(text, params or {})]

        with (
            translated(self.uri),
            self.driver.session(database=self.database, default_access_mode=mode) as s,
        ):
            return s.execute_read(work) if mode == READ_ACCESS else s.execute_write(work)

    def run_auto(self, text: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """An auto-commit statement (schema commands, ``CALL { } IN TRANSACTIONS``)."""
        with translated(self.uri), self.driver.session(database=self.database) as s:
            return [r.data() for r in s.run(text, params or {})]

    def read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        return self.run_read(catalog.load(name), params)

    def write(self, name: str, **params: Any) -> list[dict[str, Any]]:
        return self.run_write(catalog.load(name), params)

    def write_batches(
        self,
        text: str,
        rows: Sequence[dict[str, Any]],
        batch_size: int = 10_000,
        params: dict[str, Any] | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> list[Batch]:
        """The one batch loop: ``rows`` as ``$rows``, ``batch_size`` at a time, each batch in
        its own write transaction (retried by the driver); ``progress(n)`` after each batch.
        Returns every batch with its size and result rows, in order."""
        out: list[Batch] = []
        for start in range(0, len(rows), batch_size):
            batch = list(rows[start : start + batch_size])
            out.append(Batch(len(batch), self.run_write(text, {**(params or {}), "rows": batch})))
            if progress:
                progress(len(batch))
        return out

    def write_rows(
        self,
        name: str,
        rows: Sequence[dict[str, Any]],
        params: dict[str, Any] | None = None,
        batch_size: int = 10_000,
        progress: Callable[[int], None] | None = None,
    ) -> list[Batch]:
        """``write_batches`` of the catalogued statement ``name``."""
        return self.write_batches(catalog.load(name), rows, batch_size, params, progress)

    def ping(self) -> bool:
        """True when the server answers one auto-commit ``RETURN 1`` (no retries, so a closed
        port answers at once)."""
        try:
            return self.run_auto("RETURN 1 AS ok") == [{"ok": 1}]
        except (Unavailable, GraphError):
            return False


def managed_server(settings: Settings | None = None):
    from graph.server import LocalNeo4j

    s = settings or get_settings()
    return LocalNeo4j(
        s.home,
        lib=s.neo4j_lib,
        bolt_port=s.bolt_port,
        http_port=s.http_port,
        heap=s.heap,
        pagecache=s.pagecache,
    )


def connect(
    settings: Settings | None = None, *, check: bool = True, requests: bool = False
) -> Database:
    """A ``Database`` for ``NEO4J_URI`` when set, else for the managed local server;
    ``requests``: with the driver options of a request's path (``REQUEST_PATH``)."""
    s = settings or get_settings()
    if s.external:
        uri, user, password = s.neo4j_uri or "", s.neo4j_user, s.neo4j_password or ""
        hint = f"check NEO4J_URI ({uri}), NEO4J_USER and NEO4J_PASSWORD"
    else:
        server = managed_server(s)
        uri, user, password = server.uri, "neo4j", server.password() or ""
        hint = "start it with `innograph neo4j start`"
    return open_database(
        uri, user, password, s.neo4j_database, check=check, hint=hint, requests=requests
    )


def open_database(
    uri: str,
    user: str,
    password: str,
    database: str = "neo4j",
    *,
    check: bool = True,
    hint: str = "",
    requests: bool = False,
) -> Database:
    # Server notifications (unknown property keys on an empty graph...) are not for users' eyes.
    options: dict[str, Any] = REQUEST_PATH if requests else {}
    driver = GraphDatabase.driver(
        uri, auth=(user, password), notifications_min_severity="OFF", **options
    )
    db = Database(driver, database, uri)
    if check:
        try:
            driver.verify_connectivity()
        except AuthError as e:
            driver.close()
            raise ConfigError(f"Neo4j at {uri} refused the credentials: {hint}.") from e
        except (ServiceUnavailable, OSError, ValueError) as e:
            driver.close()
            raise ServerError(f"Neo4j does not answer at {uri}: {hint}.") from e
    return db
