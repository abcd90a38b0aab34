"""NACE Rev. 2 sections and divisions: from any NACE or NACE-BEL code to its division and section.

The table ``analytics/data/nace_rev2_sections_divisions.csv`` is a copy of the code, level,
section and English label columns of ``shared/data/nace/nace_rev2_sections_divisions.csv``
(21 sections ``A``-``U``, 88 divisions ``01``-``99``; from the MIT-licensed PyPI packages
bce-codes-to-label 0.2.0 and naceconverter 1.0.1). NACE-BEL codes share their first two
digits with NACE Rev. 2, so a division is the first two digits of any code
(``20.14`` → ``20``, ``20141`` → ``20``) and its section comes from the table.

>>> sector_of("20.14", "division"), sector_of("20.14", "section")
('20', 'C')
>>> sector_of("C", "section"), sector_of("C", "division") is None
('C', True)
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).parent / "data" / "nace_rev2_sections_divisions.csv"
LEVELS = ("section", "division")
_CODE = re.compile(r"^([A-Ua-u])?\s*(\d{2})?")


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], dict[str, str]]:
    """(division → section, code → English label) read from the vendored table."""
    section_of_division: dict[str, str] = {}
    labels: dict[str, str] = {}
    with TABLE.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            labels[row["code"]] = row["label_en"]
            if row["level"] == "division":
                section_of_division[row["code"]] = row["section"]
    return section_of_division, labels


def division_of(code: str | None) -> str | None:
    """The two-digit NACE division of a code, or None when the code names no known division.

    >>> division_of("62.010"), division_of("BE 6201"), division_of("04"), division_of(None)
    ('62', None, None, None)
    """
    if not code:
        return None
    text = re.sub(r"[\s.]", "", str(code))
    m = _CODE.match(text)
    if not m or not m.group(2):
        return None
    division = m.group(2)
    return division if division in _table()[0] else None


def section_of(code: str | None) -> str | None:
    """The NACE section letter of a code (a division, class or section letter), or None.

    >>> section_of("01.11"), section_of("q"), section_of("")
    ('A', 'Q', None)
    """
    if not code:
        return None
    division = division_of(code)
    if division is not None:
        return _table()[0][division]
    text = str(code).strip()
    if len(text) == 1 and text.isalpha() and text.upper() in _table()[1]:
        return text.upper()
    return None


def sector_of(code: str | None, level: str) -> str | None:
    """The sector of a NACE code at ``level`` (``section`` or ``division``), or None."""
    if level == "section":
        return section_of(code)
    if level == "division":
        return division_of(code)
    raise ValueError(f"level must be one of {LEVELS}, not {level!r}")


def label(code: str) -> str:
    """The English label of a section or division code ('' when unknown).

    >>> label("C")
    'SECTION C -- MANUFACTURING'
    """
    return _table()[1].get(code, "")
