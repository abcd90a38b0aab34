"""The checks of one table row, collecting its problems (the cluster-file builders use them).

``RowProblems`` holds the problems of one row: those the reader found and those the checks
add; ``required``, ``choice``, ``date_value``, ``bool_value`` and ``parsed`` read one cell and
add a problem when it is wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar

from graph.errors import Problem
from graph.keys import fold
from ingest.tables import Row, Table, parse_bool, parse_date

T = TypeVar("T")


class RowProblems:
    """The problems of one row: those the reader found, and those the checks add."""

    def __init__(self, table: Table, row: Row):
        self.file, self.line = table.file, row.line
        self.list: list[Problem] = list(row.problems)
        self.derived: list[Problem] = []  # caused by another row's rejection

    def add(self, column: str, reason: str, derived: bool = False) -> None:
        problem = Problem(self.file, self.line, column, reason)
        self.list.append(problem)
        if derived:
            self.derived.append(problem)

    def __bool__(self) -> bool:
        return bool(self.list)


def required(bad: RowProblems, row: Row, column: str) -> str | None:
    """The value of a column that must not be empty."""
    value = row.get(column)
    if not value:
        bad.add(column, f"{column} is empty")
        return None
    return value


def unique_id(bad: RowProblems, row: Row, first: dict[str, int], column: str = "id") -> str | None:
    """A row's required id; a problem when an earlier row had it (ids match case-insensitively).

    ``first`` maps the ids seen so far (lower case) to their lines; this row's id is added.
    """
    value = required(bad, row, column)
    if value and value.lower() in first:
        bad.add(column, f"duplicate id '{value}' (first on line {first[value.lower()]})")
    if value:
        first.setdefault(value.lower(), row.line)
    return value


def choice(
    bad: RowProblems,
    row: Row,
    column: str,
    aliases: dict[str, str],
    canonical: Mapping[str, tuple[str, ...]],
    needed: bool,
) -> str | None:
    """The canonical value of a column with a closed set of values (``kind``, ``size``...)."""
    value = row.get(column)
    if not value:
        if needed:
            bad.add(column, f"{column} is empty: one of {', '.join(canonical)}")
        return None
    found = aliases.get(fold(value))
    if found is None:
        bad.add(column, f"unknown {column} '{value}': one of {', '.join(canonical)}")
    return found


def parsed(bad: RowProblems, row: Row, column: str, parse: Callable[[str], T]) -> T | None:
    """A cell through ``parse``; None when empty or wrong (then with its problem)."""
    value = row.get(column)
    if not value:
        return None
    try:
        return parse(value)
    except ValueError as e:
        bad.add(column, str(e))
        return None


def date_value(bad: RowProblems, row: Row, column: str) -> date | None:
    return parsed(bad, row, column, parse_date)


def bool_value(bad: RowProblems, row: Row, column: str) -> bool | None:
    return parsed(bad, row, column, parse_bool)


def iso(value: Any) -> str | None:
    return value.isoformat() if value else None
