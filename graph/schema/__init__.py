"""The schema: versioned constraint and index files in this folder, applied idempotently.

``MODEL.md`` here explains the model; ``graph.model`` is its machine-readable part.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from graph.db import Database

SCHEMA_DIR = Path(__file__).parent


def schema_files() -> list[Path]:
    return sorted(SCHEMA_DIR.glob("[0-9][0-9][0-9][0-9]_*.cypher"))


def statements(path: Path) -> list[str]:
    text = "\n".join(
        ln
        for ln in path.read_text(encoding="utf-8").splitlines()
        if not ln.lstrip().startswith("//")
    )
    return [s.strip() for s in text.split(";") if s.strip()]


def current_version() -> int:
    return max(int(re.match(r"(\d+)", p.name).group(1)) for p in schema_files())  # type: ignore[union-attr]


def apply(db: Database) -> int:
    """Create every constraint and index (IF NOT EXISTS), wait for them, record the version
    (``SchemaVersion`` is rewritten only when the version or its files changed)."""
    files = schema_files()
    for path in files:
        for stmt in statements(path):
            db.run_auto(stmt)
    db.run_auto("CALL db.awaitIndexes(300)")
    version = current_version()
    db.write(
        "merge_schema_version",
        version=version,
        files=[p.name for p in files],
        now=datetime.now(UTC).isoformat(),
    )
    return version
