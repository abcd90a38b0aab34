"""The sheets of an ``.xlsx`` workbook, as the rows of a ``Table``.

A cell holds what a spreadsheet typed (a number, a date, a boolean); ``cell_text`` gives the
text a CSV export of it would hold, so a sheet and the CSV file it was saved from read alike.
Row 1 of a sheet is its header; a row keeps its row number in the sheet.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from graph.errors import Problem
from ingest.tables.limits import check_limits
from ingest.tables.rows import Table, TableSpec, make_row, repeated_columns

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def xlsx_sheets(path: Path) -> dict[str, list[tuple[int, list[Any]]]]:
    """Each sheet of a workbook (by its name, lowercased and stripped) as numbered rows."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        out = {}
        for sheet in book.worksheets:
            rows = [
                (i, list(cells))
                for i, cells in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1)
            ]
            out[sheet.title.strip().lower()] = rows
        return out
    finally:
        book.close()


def table_from_cells(
    rows: list[tuple[int, list[Any]]], spec: TableSpec, file: str, path: Path
) -> tuple[Table | None, list[Problem]]:
    """A sheet's rows (row number, cell values) as a ``Table``; row 1 is the header.

    The header must have the spec's required columns, each once; empty rows are skipped.
    """
    if not rows or not any(cell_text(c) for c in rows[0][1]):
        return None, [Problem(file, 1, "-", "row 1 is empty: a header row is expected")]
    header = [spec.canonical(cell_text(c)) for c in rows[0][1]]
    missing = [c for c in spec.required if c not in header]
    problems = [Problem(file, 1, c, f"missing column '{c}'") for c in missing]
    problems += repeated_columns(header, file, 1)
    if problems:
        return None, problems
    out = []
    for number, cells in rows[1:]:
        texts = [cell_text(c) for c in cells]
        if any(texts):
            out.append(make_row(file, number, header, texts))
    return check_limits(Table(spec, file, path, [c for c in header if c], out, header, 1)), []


def cell_text(value: Any) -> str:
    """A cell value as the text a CSV export would hold (dates as ISO, 2021.0 as 2021).

    >>> cell_text(datetime(2024, 3, 1)), cell_text(2021.0), cell_text(0.5), cell_text(None)
    ('2024-03-01', '2021', '0.5', '')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()
