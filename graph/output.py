"""Print rows as a table, JSON (an array of objects keyed by column) or CSV."""

from __future__ import annotations

import csv
import io
import json
import math
import sys
from collections.abc import Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def plain(value: Any) -> Any:
    """A JSON-friendly version of a value coming from Neo4j or numpy."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(v) for v in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if hasattr(value, "item"):  # numpy scalars
        return plain(value.item())
    return str(value)


def render(
    rows: Sequence[dict[str, Any]],
    fmt: Format | str,
    columns: list[str] | None = None,
    title: str | None = None,
) -> str:
    fmt = Format(fmt)
    rows = [plain(r) for r in rows]
    cols = columns or (list(rows[0].keys()) if rows else [])
    if fmt is Format.json:
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if fmt is Format.csv:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow(
                [
                    "|".join(map(str, v)) if isinstance(v, list) else ("" if v is None else v)
                    for v in (r.get(c) for c in cols)
                ]
            )
        return buf.getvalue().rstrip("\n")
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for c in cols:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*[_cell(r.get(c)) for c in cols])
    console = Console(file=io.StringIO(), width=max(100, min(200, _terminal_width())))
    console.print(table)
    return console.file.getvalue().rstrip("\n")  # type: ignore[attr-defined]


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.4g}"
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size((140, 20)).columns


def emit(
    rows: Sequence[dict[str, Any]],
    fmt: Format | str,
    columns: list[str] | None = None,
    title: str | None = None,
) -> None:
    sys.stdout.write(render(rows, fmt, columns, title) + "\n")
