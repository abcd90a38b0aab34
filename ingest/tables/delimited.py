"""CSV files as office software and data portals write them.

* bytes: plain or gzip-packed (``project.csv.gz``, read as it is, never unpacked to disk),
  UTF-8 with or without BOM; other encodings are a problem naming the first bad line;
* dialect: ``,`` or ``;``, sniffed from the header: the delimiter that splits it into the
  spec's columns (all required ones first, then the most known ones), a tie going to the one
  that occurs more often, then to ``,``;
* records: quoted fields may hold delimiters and line breaks; a record keeps the physical line
  it starts on (the header is line 1); records whose fields are all blank are skipped, the
  first other record is the header.

``open_csv`` reads a file into a ``Table`` without judging its header; ``read_csv`` also
checks it (missing or repeated columns, a wrong delimiter, a row with too many fields), as
the cluster files need. Neither raises on bad input: problems are returned as
``Problem(file, line, column, reason)``.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from graph.errors import Problem
from ingest.tables.limits import check_limits
from ingest.tables.rows import Table, TableSpec, make_row, repeated_columns

DELIMITERS = (",", ";")
# The csv module refuses fields over 131,072 characters with an exception; read them, so that
# ``limits`` reports a long field as a problem with its line and column.
csv.field_size_limit(1 << 30)
NOT_UTF8 = "the file is not UTF-8 text; save it as 'CSV UTF-8' (Excel) or 'Unicode (UTF-8)'"


def read_text(path: Path, file: str) -> tuple[str | None, list[Problem]]:
    """The text of a file (gunzipped when it ends in ``.gz``, BOM dropped), or the problem."""
    data = Path(path).read_bytes()
    if Path(path).suffix.lower() == ".gz":
        data = gzip.decompress(data)
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as e:
        return None, [Problem(file, data[: e.start].count(b"\n") + 1, "-", NOT_UTF8)]


def header_text(text: str) -> tuple[int, str] | None:
    """(line number, text) of the first line that is not blank, or None."""
    lines = text.splitlines()
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    return None if first is None else (first + 1, lines[first])


def split_header(line: str, delimiter: str, spec: TableSpec) -> list[str]:
    """The canonical column names of a header line split by ``delimiter``."""
    return [spec.canonical(h) for h in next(csv.reader([line], delimiter=delimiter))]


def _score(line: str, delimiter: str, spec: TableSpec) -> tuple[bool, int, int]:
    cols = split_header(line, delimiter, spec)
    complete = all(c in cols for c in spec.required)
    known = sum(c in spec.columns for c in set(cols))
    return complete, known, line.count(delimiter)


def sniff_delimiter(line: str, spec: TableSpec) -> str:
    """The delimiter of a header line (see the module docstring for the rule).

    >>> spec = TableSpec("t", ("id", "name"))
    >>> sniff_delimiter("id;name", spec), sniff_delimiter("id,name", spec)
    (';', ',')
    """
    return max(DELIMITERS, key=lambda d: _score(line, d, spec))  # a tie: the first


def records(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """(start line, fields) of every record that is not all blank.

    >>> records('a,b\\n"x\\ny",z\\n\\n,\\nu,v\\n', ",")
    [(1, ['a', 'b']), (2, ['x\\ny', 'z']), (6, ['u', 'v'])]
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out = []
    end = 0
    for fields in reader:
        start, end = end + 1, reader.line_num  # a record may span lines: keep where it starts
        if any(f.strip() for f in fields):
            out.append((start, fields))
    return out


def open_csv(path: Path, spec: TableSpec, file: str) -> tuple[Table | None, list[Problem]]:
    """A CSV file as a ``Table`` (no header checks), or None and the problem if unreadable.

    A file with no header gives a table with no columns and ``header_line`` 0.
    """
    text, problems = read_text(path, file)
    if text is None:
        return None, problems
    return _table(text, spec, file, Path(path)), []


def _table(text: str, spec: TableSpec, file: str, path: Path) -> Table:
    found = header_text(text)
    if found is None:
        return Table(spec, file, path, [], [], [], 0)
    parsed = records(text, sniff_delimiter(found[1], spec))
    start, fields = parsed[0]
    header = [spec.canonical(h) for h in fields]
    rows = [make_row(file, line, header, f) for line, f in parsed[1:]]
    return check_limits(Table(spec, file, path, [c for c in header if c], rows, header, start))


def read_csv(path: Path, spec: TableSpec, file: str) -> tuple[Table | None, list[Problem]]:
    """A CSV file as a ``Table`` whose header has the spec's columns, or None and the problems.

    A row with more (non-blank) fields than the header carries that problem in ``problems``.
    """
    text, problems = read_text(path, file)
    if text is None:
        return None, problems
    found = header_text(text)
    if found is None:
        return None, [Problem(file, 1, "-", "the file is empty: a header line is expected")]
    problems = _header_problems(found[0], found[1], spec, file)
    if problems:
        return None, problems
    table = _table(text, spec, file, Path(path))
    problems = repeated_columns(table.header, file, table.header_line)
    if problems:
        return None, problems
    for row in table.rows:
        if any(f.strip() for f in row.extra):
            row.problems.append(
                Problem(
                    file,
                    row.line,
                    "-",
                    f"{row.width} fields where the header has {len(table.header)}: "
                    f"is a delimiter inside an unquoted value?",
                )
            )
    return table, []


def _header_problems(line: int, header: str, spec: TableSpec, file: str) -> list[Problem]:
    """The problems of a header that does not split into the spec's required columns."""
    delimiter = sniff_delimiter(header, spec)
    complete, known, _ = _score(header, delimiter, spec)
    if complete:
        return []
    cols = split_header(header, delimiter, spec)
    if known >= 2:
        return [
            Problem(file, line, c, f"missing column '{c}'") for c in spec.required if c not in cols
        ]
    return [
        Problem(
            file,
            line,
            "-",
            f"wrong delimiter or missing columns: the header does not split into the columns "
            f"{', '.join(spec.required)} with ',' or ';' (found {header.strip()[:80]!r})",
        )
    ]


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
