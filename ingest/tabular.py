"""Read the tables that office software exports: CSV (``,`` or ``;``, UTF-8 with or without
BOM) and the sheets of an ``.xlsx`` workbook.

A table is read against a ``TableSpec`` (its required and optional columns). Column names are
matched case-, accent- and space-insensitively (``Enterprise Number`` = ``enterprise_number``),
with a few aliases; other columns are kept as extra columns. The CSV delimiter is the one of
``,`` and ``;`` that splits the header into the expected columns.

Every row keeps its physical line number (the header is line 1; a record with a quoted line
break counts from the line where it starts), or its row number in the sheet. Nothing here
raises on bad input: problems are returned as ``Problem(file, line, column, reason)``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from graph.errors import Problem
from graph.keys import fold

DELIMITERS = (",", ";")


@dataclass(frozen=True)
class TableSpec:
    """The columns of one table: those a file must have, those it may have, and aliases."""

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    aliases: dict[str, str] = field(default_factory=dict)

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional

    def canonical(self, header: str) -> str:
        """The column a header names: ``' Enterprise-Number '`` -> ``enterprise_number``."""
        col = normalise_column(header)
        return self.aliases.get(col, col)


@dataclass
class Row:
    line: int
    values: dict[str, str]  # column -> text ('' when empty)
    problems: list[Problem] = field(default_factory=list)  # problems found while reading

    def get(self, column: str) -> str:
        return self.values.get(column, "")


@dataclass
class Table:
    spec: TableSpec
    file: str  # as problems name it: 'folder/organisations.csv', 'book.xlsx[clusters]'
    path: Path
    columns: list[str]  # canonical column names in file order
    rows: list[Row]

    @property
    def extra_columns(self) -> list[str]:
        return [c for c in self.columns if c not in self.spec.columns]


def normalise_column(name: str) -> str:
    """Lowercase ASCII words joined by ``_``: ``'Start Date'`` -> ``'start_date'``."""
    return fold(str(name or "")).replace(" ", "_")


def read_csv(path: Path, spec: TableSpec, file: str) -> tuple[Table | None, list[Problem]]:
    """A CSV file as a ``Table``, or None and the problems that make it unreadable."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        return None, [
            Problem(
                file,
                line,
                "-",
                "the file is not UTF-8 text; save it as 'CSV UTF-8' (Excel) or 'Unicode (UTF-8)'",
            )
        ]
    lines = text.splitlines()
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is None:
        return None, [Problem(file, 1, "-", "the file is empty: a header line is expected")]
    header_line = lines[first]
    delimiter, problems = _choose_delimiter(header_line, spec, file, first + 1)
    if problems:
        return None, problems
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[Row] = []
    end = 0
    for fields in reader:
        start, end = end + 1, reader.line_num
        if not any(f.strip() for f in fields):
            continue
        if header is None:
            header = [spec.canonical(h) for h in fields]
            problems = _header_problems(header, spec, file, start)
            if problems:
                return None, problems
            continue
        rows.append(_row(header, fields, start, file))
    assert header is not None
    return Table(spec, file, Path(path), [c for c in header if c], rows), []


def _choose_delimiter(
    header_line: str, spec: TableSpec, file: str, line: int
) -> tuple[str, list[Problem]]:
    """The delimiter that splits the header into the spec's columns, or the problems."""
    scored = []
    for d in DELIMITERS:
        cols = [spec.canonical(h) for h in next(csv.reader([header_line], delimiter=d))]
        known = sum(c in spec.columns for c in set(cols))
        missing = [c for c in spec.required if c not in cols]
        scored.append((not missing, known, d, missing))
    complete, known, delimiter, missing = max(scored, key=lambda s: (s[0], s[1]))
    if complete:
        return delimiter, []
    if known >= 2:
        return delimiter, [Problem(file, line, c, f"missing column '{c}'") for c in missing]
    return delimiter, [
        Problem(
            file,
            line,
            "-",
            f"wrong delimiter or missing columns: the header does not split into the columns "
            f"{', '.join(spec.required)} with ',' or ';' (found {header_line.strip()[:80]!r})",
        )
    ]


def _header_problems(header: list[str], spec: TableSpec, file: str, line: int) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for col in header:
        if col and col in seen:
            problems.append(Problem(file, line, col, f"column '{col}' appears twice"))
        seen.add(col)
    return problems


def _row(header: list[str], fields: list[str], line: int, file: str) -> Row:
    values = {
        col: (fields[i].strip() if i < len(fields) else "") for i, col in enumerate(header) if col
    }
    row = Row(line, values)
    extra = [f for f in fields[len(header) :] if f.strip()]
    if extra:
        row.problems.append(
            Problem(
                file,
                line,
                "-",
                f"{len(fields)} fields where the header has {len(header)}: "
                f"is a delimiter inside an unquoted value?",
            )
        )
    return row


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
    """A sheet's rows (row number, cell values) as a ``Table``; row 1 is the header."""
    if not rows or not any(cell_text(c) for c in rows[0][1]):
        return None, [Problem(file, 1, "-", "row 1 is empty: a header row is expected")]
    header = [spec.canonical(cell_text(c)) for c in rows[0][1]]
    missing = [c for c in spec.required if c not in header]
    problems = [Problem(file, 1, c, f"missing column '{c}'") for c in missing]
    problems += _header_problems(header, spec, file, 1)
    if problems:
        return None, problems
    out = []
    for number, cells in rows[1:]:
        texts = [cell_text(c) for c in cells]
        if any(texts):
            out.append(
                Row(
                    number,
                    {
                        col: (texts[i] if i < len(texts) else "")
                        for i, col in enumerate(header)
                        if col
                    },
                )
            )
    return Table(spec, file, path, [c for c in header if c], out), []


def cell_text(value: Any) -> str:
    """A cell value as the text a CSV export would hold (dates as ISO, 2021.0 as 2021)."""
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


def write_csv(
    path: Path,
    columns: Iterable[str],
    rows: Iterable[Iterable[Any]],
    delimiter: str = ",",
    bom: bool = False,
) -> None:
    """Write a small CSV file (used by the examples, the tests and the reject report)."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n" if bom else "\n")
    w.writerow(list(columns))
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    Path(path).write_text(("\ufeff" if bom else "") + buf.getvalue(), encoding="utf-8", newline="")
