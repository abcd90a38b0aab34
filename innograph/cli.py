"""The ``innograph`` command line: thin commands over graph/, ingest/, analytics/, api/, viz/."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from graph.errors import DataError, InnographError
from graph.output import Format, emit
from graph.settings import get_settings
from innograph import cli_analyze, cli_ingest, cli_map, cli_match, cli_purge, cli_serve
from innograph.console import say

app = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    help="innograph: the Flemish innovation ecosystem as a Neo4j knowledge graph.",
)
neo4j_app = typer.Typer(no_args_is_help=True, help="Manage the local Neo4j 5.26 server.")
schema_app = typer.Typer(no_args_is_help=True, help="Constraints and indexes.")
app.add_typer(neo4j_app, name="neo4j")
app.add_typer(schema_app, name="schema")


# -- neo4j ---------------------------------------------------------------------------------------
@neo4j_app.command("start")
def neo4j_start(
    heap: Annotated[
        str | None, typer.Option(help="JVM heap, e.g. 1g (INNOGRAPH_NEO4J_HEAP)")
    ] = None,
    pagecache: Annotated[str | None, typer.Option(help="Page cache, e.g. 512m")] = None,
) -> None:
    """Start the local Neo4j server (assembled from Maven Central on first use)."""
    s = get_settings()
    if s.external:
        say(f"NEO4J_URI is set: innograph uses the server at {s.neo4j_uri} and starts none.")
        return
    from graph.db import managed_server

    server = managed_server(s)
    if heap:
        server.heap = heap
    if pagecache:
        server.pagecache = pagecache
    already = server.pid() is not None
    st = server.start(log=say)
    say(
        ("Neo4j was already running" if already else f"Neo4j {server.version()} is running")
        + f" at {st.uri} (Browser: {st.http_url}/browser/, user neo4j, password in "
        f"{server.password_file}; logs in {server.logs_dir})."
    )


@neo4j_app.command("stop")
def neo4j_stop() -> None:
    """Stop the local Neo4j server that innograph started (and no other)."""
    s = get_settings()
    if s.external:
        say(f"NEO4J_URI is set ({s.neo4j_uri}): innograph does not manage that server.")
        return
    from graph.db import managed_server

    stopped = managed_server(s).stop()
    say("Neo4j stopped." if stopped else "No Neo4j started by innograph is running.")


@neo4j_app.command("status")
def neo4j_status() -> None:
    """Print the server's URI and whether it answers."""
    s = get_settings()
    if s.external:
        from graph.db import connect

        try:
            with connect(s) as db:
                ok = db.ping()
        except InnographError:
            ok = False
        typer.echo(f"uri: {s.neo4j_uri}\nmanaged: no (NEO4J_URI)\nanswers: {'yes' if ok else 'no'}")
        raise typer.Exit(0 if ok else 3)
    from graph.db import managed_server

    server = managed_server(s)
    st = server.status()
    typer.echo(
        f"uri: {st.uri}\nbrowser: {st.http_url}/browser/\nmanaged: yes\n"
        f"running: {f'yes (pid {st.pid})' if st.running else 'no'}\n"
        f"answers: {'yes' if st.answers else 'no'}\n"
        f"version: {server.version() or 'not assembled'}\n"
        f"password file: {server.password_file}\nlogs: {server.logs_dir}"
    )
    raise typer.Exit(0 if st.answers else 3)


# -- schema --------------------------------------------------------------------------------------
@schema_app.command("apply")
def schema_apply() -> None:
    """Create the constraints and indexes (idempotent) and record the schema version."""
    from graph import schema
    from graph.db import connect

    with connect() as db:
        version = schema.apply(db)
    say(f"Schema version {version} applied.")


# -- cypher --------------------------------------------------------------------------------------
def parse_params(params: list[str]) -> dict:
    out: dict = {}
    for p in params:
        if "=" not in p:
            raise InnographError(f"--param {p!r} is not of the form name=value.")
        name, raw = p.split("=", 1)
        try:
            out[name] = json.loads(raw)
        except ValueError:
            out[name] = raw
    return out


@app.command("cypher")
def cypher(
    query: Annotated[str, typer.Argument(help="A read-only Cypher query")],
    param: Annotated[
        list[str],
        typer.Option("--param", "-p", help="name=value (value parsed as JSON when it can be)"),
    ] = [],  # noqa: B006
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    limit: Annotated[int, typer.Option(help="Row limit")] = 10_000,
    timeout: Annotated[float, typer.Option(help="Timeout in seconds")] = 60.0,
) -> None:
    """Run a read-only Cypher query (writes and schema changes are refused)."""
    from graph.db import connect
    from graph.guard import run_read_only

    with connect() as db:
        result = run_read_only(db, query, parse_params(param), timeout=timeout, limit=limit)
    emit(result.rows, fmt, result.columns)
    if result.truncated:
        say(f"(stopped at the row limit of {limit})")


# The other commands live in one module per area; each adds its commands to the app.
for _module in (cli_ingest, cli_analyze, cli_match, cli_serve, cli_map, cli_purge):
    _module.register(app)


def usage_error(e: typer.TyperException) -> int:
    """A usage error in two lines: the command's usage and the reason (with a suggestion,
    e.g. "No such command 'injest'. Did you mean 'ingest'?"); exit code 2. Typer raises the
    exceptions of the click it vendors, hence ``typer.TyperException`` and duck typing."""
    ctx = getattr(e, "ctx", None)
    if ctx is not None and getattr(e, "exit_code", 1) == 2:
        say(ctx.get_usage().splitlines()[0])
    format_message = getattr(e, "format_message", None)
    say(f"Error: {format_message() if callable(format_message) else e}")
    return int(getattr(e, "exit_code", 2))


def interrupted() -> None:
    """Ctrl-C: one line, exit code 130. Every load is a series of committed batches
    (re-running completes it; MERGE never duplicates) and files are written whole or not at
    all."""
    say("Interrupted: nothing half-written; run the command again to complete it.")
    sys.exit(130)


def main() -> None:
    try:
        rc = app(standalone_mode=False)
        if rc == 130:  # typer turns Ctrl-C into a silent return code 130
            interrupted()
        sys.exit(rc if isinstance(rc, int) else 0)
    except DataError as e:
        say(f"[red]{e}[/red]" if sys.stderr.isatty() else str(e))
        sys.exit(e.exit_code)
    except InnographError as e:
        say(str(e))
        sys.exit(e.exit_code)
    except typer.Exit as e:
        if e.exit_code == 130:
            interrupted()
        sys.exit(e.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        interrupted()
    except typer.TyperException as e:  # typer's own (vendored) click: usage errors
        sys.exit(usage_error(e))


if __name__ == "__main__":
    main()
