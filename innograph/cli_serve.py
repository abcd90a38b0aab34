"""``innograph serve`` and ``innograph keys create|list|revoke``: the web service's commands."""

from __future__ import annotations

from typing import Annotated

import typer

keys_app = typer.Typer(
    no_args_is_help=True,
    help=("API keys for the web service (stored hashed in INNOGRAPH_HOME/api_keys.json)."),
)


def _store():
    from api.auth import KeyStore
    from graph.settings import get_settings

    return KeyStore(get_settings().keys_path)


def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on (loopback by default)")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes")] = 1,
) -> None:
    """Run the web service: the API (OpenAPI docs at /docs) and the pages."""
    import uvicorn

    if not any(r.active for r in _store().records()):
        typer.echo(
            "No API key yet: create one with `innograph keys create --role admin`.", err=True
        )
    typer.echo(f"innograph serving on http://{host}:{port}/ (API docs: /docs)", err=True)
    uvicorn.run(
        "api.app:create_app", factory=True, host=host, port=port, workers=workers, log_level="info"
    )


def keys_create(
    role: Annotated[str, typer.Option(help="viewer, manager, analyst or admin")],
    name: Annotated[str, typer.Option(help="Who or what the key is for")] = "",
) -> None:
    """Create a key; it is printed once, as the last line, and stored only as a hash."""
    rec, key = _store().create(role, name)
    typer.echo(
        f"Created key {rec.id} ({rec.name}, role {rec.role}). Keep it safe; it is shown only now:",
        err=True,
    )
    typer.echo(key)


def keys_list() -> None:
    """List the keys: id, name, role, created, revoked."""
    from graph.output import emit

    rows = [
        {
            "id": r.id,
            "name": r.name,
            "role": r.role,
            "created": r.created,
            "revoked": r.revoked or "",
        }
        for r in _store().records()
    ]
    emit(rows, "table", ["id", "name", "role", "created", "revoked"])


def keys_revoke(key_id: Annotated[str, typer.Argument(help="The key's id (keys list)")]) -> None:
    """Revoke a key; a running service refuses it from its next request."""
    rec = _store().revoke(key_id)
    typer.echo(f"Key {rec.id} ({rec.name}) revoked at {rec.revoked}.")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    keys_app.command("create")(keys_create)
    keys_app.command("list")(keys_list)
    keys_app.command("revoke")(keys_revoke)
    app.add_typer(keys_app, name="keys")
