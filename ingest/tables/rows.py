"""What a table is once read: its spec, its rows and, for typed tables, the columns' parsers.

* ``TableSpec``: the columns a table must have and may have, with aliases. Header names are
  matched case-, accent- and space-insensitively (``Enterprise Number`` =
  ``enterprise_number``) unless ``fold`` is off (CORDIS and the curated landscape name their
  columns exactly; a name is only stripped).
* ``Row``: one record: its file and the line where it starts, its text by column
  (``''`` when empty), the problems reading found, the number of fields it had, and, once
  ``typed`` has parsed it against ``Column`` specs, its typed ``cells``.
* ``Table``: the rows of one file or sheet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import Problem
from graph.keys import fold


def normalise_column(name: str) -> str:
    """Lowercase ASCII words joined by ``_``: ``'Start Date'`` -> ``'start_date'``."""
    return fold(str(name or "")).replace(" ", "_")


@dataclass(frozen=True)
class TableSpec:
    """The columns of one table: those a file must have, those it may have, and aliases."""

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    aliases: dict[str, str] = field(default_factory=dict)
    fold: bool = True  # match header names loosely; False: as written, only stripped
    text: tuple[str, ...] = ()  # free-text columns: not keys, so longer (``limits``)

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional

    def canonical(self, header: str) -> str:
        """The column a header names: ``' Enterprise-Number '`` -> ``enterprise_number``."""
        col = normalise_column(header) if self.fold else str(header or "").strip()
        return self.aliases.get(col, col)


@dataclass
class Row:
    """One record of a table (a record with a quoted line break keeps the line it starts on)."""

    file: str
    line: int
    values: dict[str, str]  # column -> stripped text ('' when empty)
    problems: list[Problem] = field(default_factory=list)  # problems found while reading
    width: int = 0  # the number of fields of the record (the header may have another)
    extra: list[str] = field(default_factory=list)  # the fields beyond the header's
    cells: dict[str, Any] = field(default_factory=dict)  # typed values (see ``typed``)

    def get(self, column: str) -> str:
        """The text of a column, ``''`` when empty or absent."""
        return self.values.get(column, "")

    def __getitem__(self, column: str) -> Any:
        """The typed value of a column, None when empty (after ``typed``)."""
        return self.cells.get(column)


@dataclass
class Table:
    spec: TableSpec
    file: str  # as problems name it: 'folder/organisations.csv', 'book.xlsx[clusters]'
    path: Path
    columns: list[str]  # canonical column names in file order
    rows: list[Row]
    header: list[str] = field(default_factory=list)  # every header field, canonical
    header_line: int = 1  # 0 when the file has no header

    @property
    def extra_columns(self) -> list[str]:
        return [c for c in self.columns if c not in self.spec.columns]


def make_row(file: str, line: int, header: list[str], fields: list[Any]) -> Row:
    """A ``Row`` of ``fields`` under ``header`` (a column named twice keeps its last field)."""
    values = {
        col: (str(fields[i]).strip() if i < len(fields) else "")
        for i, col in enumerate(header)
        if col
    }
    return Row(file, line, values, width=len(fields), extra=list(fields[len(header) :]))


def missing_columns(table: Table) -> list[Problem]:
    """``missing column 'c'`` for each required column the header lacks (on the header's line,
    line 1 when the file is empty)."""
    return [
        Problem(table.file, table.header_line or 1, c, f"missing column '{c}'")
        for c in table.spec.required
        if c not in table.header
    ]


def repeated_columns(header: list[str], file: str, line: int) -> list[Problem]:
    """``column 'c' appears twice`` for each column the header names again."""
    seen: set[str] = set()
    problems = []
    for col in header:
        if col and col in seen:
            problems.append(Problem(file, line, col, f"column '{col}' appears twice"))
        seen.add(col)
    return problems


# -- typed tables ------------------------------------------------------------------------------
def as_text(s: str) -> str:
    return s


@dataclass(frozen=True)
class Column:
    """A column of a typed table: its name, its cell parser and whether it may be empty."""

    name: str
    parse: Callable[[str], Any] = as_text  # text -> value, or ValueError with a reason
    required: bool = False


def typed(row: Row, columns: Iterable[Column]) -> list[Problem]:
    """Parse every cell of ``row`` into ``row.cells`` (None when empty); return the problems."""
    problems = []
    for col in columns:
        text = row.get(col.name)
        if not text:
            row.cells[col.name] = None
            if col.required:
                problems.append(Problem(row.file, row.line, col.name, "required value is empty"))
            continue
        try:
            row.cells[col.name] = col.parse(text)
        except ValueError as exc:
            problems.append(Problem(row.file, row.line, col.name, str(exc)))
    return problems
