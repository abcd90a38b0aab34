"""Write ``clusterfiles.xlsx``: the example folder ``clusterfiles/`` as one workbook.

One sheet per CSV file, named like the file. Cells get the types a spreadsheet would hold --
years and amounts as numbers, dates as dates, enterprise numbers as text -- so that the
workbook exercises the same conversions as a real export. Run from the repository root::

    .venv/bin/python ingest/examples/make_xlsx.py
"""

from __future__ import annotations

import csv
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[1]))

from ingest.tables import parse_amount, parse_date  # noqa: E402

SHEETS = ("organisations", "clusters", "memberships", "projects", "participations")
DATES = {"start_date", "end_date", "since", "until"}
FIXED_TIME = datetime(2024, 1, 1)  # document properties, so the file does not change per run


def typed(column: str, text: str) -> Any:
    """The value a spreadsheet cell would hold for this CSV text."""
    if not text:
        return None
    if column in DATES:
        return parse_date(text)
    if column == "year":
        return int(text)
    if column == "total_budget_eur":
        return parse_amount(text)
    if column == "example":
        return text.lower() == "true"
    return text


def make(folder: Path = HERE / "clusterfiles", out: Path = HERE / "clusterfiles.xlsx") -> Path:
    book = Workbook()
    book.remove(book.active)
    for name in SHEETS:
        with open(folder / f"{name}.csv", encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f, delimiter=";"))
        sheet = book.create_sheet(name.capitalize())  # sheet names are matched case-insensitively
        header = rows[0]
        sheet.append(header)
        for row in rows[1:]:
            sheet.append([typed(col, text) for col, text in zip(header, row, strict=True)])
            for cell in sheet[sheet.max_row]:
                if hasattr(cell.value, "year") and not isinstance(cell.value, int):
                    cell.number_format = "DD/MM/YYYY"
    book.properties.created = book.properties.modified = FIXED_TIME
    book.save(out)
    return out


if __name__ == "__main__":
    print(make())
