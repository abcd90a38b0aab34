"""Print rows as a table, JSON (an array of objects keyed by column) or CSV.

``write_csv`` is the one CSV writer of every export (``--format csv`` of the CLI, ``/cypher``
and the query library as CSV, saved matches through the API and the CLI, backtest rankings).
It neutralises formula cells as the OWASP guidance on CSV injection says: a text cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``, so a
spreadsheet shows it as text instead of evaluating it (``=1+1`` comes out as ``'=1+1``).
Numbers stay numbers (``-0.5`` is not a formula); a list becomes one ``|``-joined text cell,
checked as a whole. Any new export (XLSX included) must write its cells through ``safe_cell``.
"""

from __future__ import annotations

import csv
import io
import json
import math
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import IO, Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
        write_csv(buf, rows, cols)
        return buf.getvalue().rstrip("\n")
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for c in cols:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*[cell_text(r.get(c)) for c in cols])
    console = Console(file=io.StringIO(), width=max(100, min(200, _terminal_width())))
    console.print(table)
    return console.file.getvalue().rstrip("\n")  # type: ignore[attr-defined]


def safe_cell(value: Any) -> Any:
    """A value as an export cell: None empty, a list ``|``-joined, and a text that a
    spreadsheet would take for a formula prefixed with ``'`` (numbers are left as they are)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = "|".join("" if v is None else str(v) for v in value)
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_csv(
    out: IO[str], rows: Iterable[dict[str, Any]], columns: Sequence[str], *, header: bool = True
) -> None:
    """``rows`` as CSV into ``out`` (a text file opened with ``newline=""``), one column per
    name of ``columns``, every cell through ``safe_cell``."""
    if header:
        out.write(_csv_line([safe_cell(c) for c in columns]))
    for r in rows:
        out.write(_csv_line([safe_cell(plain(r.get(c))) for c in columns]))


def _csv_line(cells: list[Any]) -> str:
    """One CSV row ending in ``\n``. Written with a ``\r\n`` terminator, so that the csv
    module quotes every cell holding a carriage return as well as a newline."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow(cells)
    return buf.getvalue()[:-2] + "\n"


def cell_text(v: Any) -> str:
    """A value as a person reads it in a table cell (terminal or page): None empty, a float
    to 4 significant digits, a list or map as JSON (its floats likewise, characters as they
    are, never ``\\u0027``)."""
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.4g}"
    if isinstance(v, (list, tuple, dict)):
        return json.dumps(_rounded(v), ensure_ascii=False)
    return str(v)


def _rounded(v: Any) -> Any:
    if isinstance(v, float):
        return float(f"{v:.4g}")
    if isinstance(v, dict):
        return {k: _rounded(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_rounded(x) for x in v]
    return v


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
