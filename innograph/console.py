"""Where the CLI speaks: messages and progress go to stderr, results to stdout."""

from __future__ import annotations

from rich.console import Console

err = Console(stderr=True)


def say(message: str) -> None:
    """One message for the user on stderr (results stay on stdout, for pipes)."""
    err.print(message, highlight=False, soft_wrap=True)
