"""What no cell may hold, whatever the source: checked while reading, before anything is written.

* ``MAX_FIELD``: no cell longer than 100,000 characters (a CSV reader's own limit is raised
  far above it, so a longer field is this problem, never the reader's exception).
* ``MAX_KEY``: a cell of a column that can become an id, a name, a name key or an indexed
  property (every column of a spec except its free ``text`` columns: descriptions, titles,
  objectives, notes) holds at most 1,000 characters. That keeps every such value under
  4,000 bytes of UTF-8, well under Neo4j's index key limit (8,167 bytes for a range index
  or a uniqueness constraint): a longer one would fail the write halfway.
* no NUL byte and no other control character (U+0000-U+001F except tab, line feed and
  carriage return, and U+007F): they are invisible, break exports and have no meaning in a
  name or a description.

Each problem names the file, the record's line, the column and the reason; the row carries it
in ``Row.problems`` like any reading problem.
"""

from __future__ import annotations

import re

from graph.errors import Problem
from ingest.tables.rows import Row, Table

MAX_FIELD = 100_000
MAX_KEY = 1_000
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def cell_reason(text: str, key: bool) -> str | None:
    """Why one cell's text cannot be stored, or None.

    >>> cell_reason("Imec", key=True) is None
    True
    >>> cell_reason("Im\\x00ec", key=True)
    'a NUL byte at character 3: remove it'
    >>> cell_reason("x" * 1001, key=True)
    'the value has 1,001 characters; a name, id or code may have at most 1,000'
    """
    bad = CONTROL.search(text)
    if bad:
        what = (
            "a NUL byte" if bad.group() == "\x00" else f"control character U+{ord(bad.group()):04X}"
        )
        return f"{what} at character {bad.start() + 1}: remove it"
    if len(text) > MAX_FIELD:
        return f"the value has {len(text):,} characters; a cell may have at most {MAX_FIELD:,}"
    if key and len(text) > MAX_KEY:
        return (
            f"the value has {len(text):,} characters; a name, id or code may have at most "
            f"{MAX_KEY:,}"
        )
    return None


def row_problems(row: Row, table: Table) -> list[Problem]:
    """The limit problems of one row (the spec's ``text`` columns and unknown ones: only
    ``MAX_FIELD``)."""
    spec = table.spec
    problems = []
    for column, text in row.values.items():
        key = column in spec.columns and column not in spec.text
        reason = cell_reason(text, key)
        if reason:
            problems.append(Problem(table.file, row.line, column, reason))
    return problems


def check_limits(table: Table) -> Table:
    """Add every row's limit problems to its ``problems``; returns the table."""
    for row in table.rows:
        row.problems.extend(row_problems(row, table))
    return table
