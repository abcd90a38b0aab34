"""One way to read a table: CSV files (``,`` or ``;``, BOM, gzip) and ``.xlsx`` sheets, typed
cells, and ``file:line:column: reason`` problems.

Every source reads through this package: the cluster managers' files, the curated landscape
and CORDIS.

::

    rows.py       TableSpec (columns, aliases), Row (file, start line, text, typed cells),
                  Table, Column and ``typed`` (a row's cells through their parsers)
    delimited.py  read_text (gzip, BOM, UTF-8), sniff_delimiter, records (start lines),
                  open_csv (a Table), read_csv (a Table whose header is checked), write_csv
    workbook.py   xlsx_sheets, table_from_cells, cell_text
    cells.py      parse_date, parse_iso_date, parse_int, parse_year, parse_number,
                  parse_amount, parse_bool, parse_list, one_of, matching

Nothing here raises on bad input: problems are returned, so a caller can collect every problem
of every file before it refuses (or skips) anything.
"""

from ingest.tables.cells import (
    matching,
    one_of,
    parse_amount,
    parse_bool,
    parse_date,
    parse_int,
    parse_iso_date,
    parse_list,
    parse_number,
    parse_year,
)
from ingest.tables.delimited import (
    open_csv,
    read_csv,
    read_text,
    records,
    sniff_delimiter,
    write_csv,
)
from ingest.tables.rows import Column, Row, Table, TableSpec, as_text, missing_columns, typed
from ingest.tables.workbook import WORKBOOK_SUFFIXES, cell_text, table_from_cells, xlsx_sheets

__all__ = [
    "WORKBOOK_SUFFIXES",
    "Column",
    "as_text",
    "Row",
    "Table",
    "TableSpec",
    "cell_text",
    "matching",
    "missing_columns",
    "one_of",
    "open_csv",
    "parse_amount",
    "parse_bool",
    "parse_date",
    "parse_int",
    "parse_iso_date",
    "parse_list",
    "parse_number",
    "parse_year",
    "read_csv",
    "read_text",
    "records",
    "sniff_delimiter",
    "table_from_cells",
    "typed",
    "write_csv",
    "xlsx_sheets",
]
