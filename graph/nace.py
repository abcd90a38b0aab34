"""NACE Rev. 2 (= NACE-BEL 2008): the one sector table, and the parsing of sector codes.

The table is ``graph/data/nace_rev2.csv`` (levels 1-4), with the 5-digit NACE-BEL 2008
subclasses of the KBO/BCE in ``graph/data/nacebel_2008_subclasses.csv``; both are derived from
the vendored sources by ``ingest/data/derive_nace.py`` (see ``ingest/data/README.md``).

=========  ==============  =======
level      example code    count
=========  ==============  =======
section    ``C``           21
division   ``20``          88
group      ``20.1``        272
class      ``20.13``       615
=========  ==============  =======

Two ways to read a code, for two purposes:

* ``parse_nace`` (and ``sector_of``) checks a code strictly, as ingest does for an
  organisation's ``nace`` cell: a section letter, a division, group or class (``20.13`` or
  ``2013``) or a NACE-BEL subclass (``20.130`` or ``20130``), else ``ValueError`` saying why.
* ``division_of``, ``section_of`` and ``sector_at`` map any stored code to its division or
  section, or None, as the analytics do: NACE-BEL codes share their first two digits with
  NACE Rev. 2, so a division is the first two digits of any code (``20.14`` -> ``20``,
  ``20141`` -> ``20``) and its section comes from the table.

>>> parse_nace("20.130").sector
'20.13'
>>> sector_of("20130"), sector_of("C")
(('C', '20'), ('C', None))
>>> sector_at("20.14", "division"), sector_at("20.14", "section"), sector_at("C", "division")
('20', 'C', None)
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
TABLE = DATA / "nace_rev2.csv"
SUBCLASSES = DATA / "nacebel_2008_subclasses.csv"
LEVEL_NAMES = {1: "section", 2: "division", 3: "group", 4: "class"}
COARSE_LEVELS = ("section", "division")  # the levels ``sector_at`` maps a code to


@dataclass(frozen=True)
class Sector:
    code: str  # Rev. 2 notation: 'C', '20', '20.1', '20.13'
    level: int  # 1 section, 2 division, 3 group, 4 class
    level_name: str
    section: str
    parent: str | None
    label_en: str
    label_nl: str
    heading_en: str = ""  # a section's heading as the source states it ('SECTION C -- ...')


@dataclass(frozen=True)
class NaceCode:
    """A checked organisation code: the sector it belongs to and the NACE-BEL subclass if any."""

    sector: str  # the code of the sector (Rev. 2 notation)
    nace_bel: str | None  # 5-digit NACE-BEL 2008 subclass without dots, when given
    section: str
    division: str | None


@lru_cache(maxsize=1)
def sectors() -> dict[str, Sector]:
    """Every NACE Rev. 2 sector by code, sections first, then in code order."""
    with open(TABLE, encoding="utf-8", newline="") as f:
        return {
            r["code"]: Sector(
                r["code"],
                int(r["level"]),
                r["level_name"],
                r["section"],
                r["parent"] or None,
                r["label_en"],
                r["label_nl"],
                r["heading_en"],
            )
            for r in csv.DictReader(f)
        }


@lru_cache(maxsize=1)
def subclasses() -> dict[str, str]:
    """NACE-BEL 2008 subclass (5 digits) -> Rev. 2 class."""
    with open(SUBCLASSES, encoding="utf-8", newline="") as f:
        return {r["code"]: r["class"] for r in csv.DictReader(f)}


def divisions(sections: str | None = None) -> tuple[str, ...]:
    """The division codes in code order, of the given section letters only when ``sections``.

    >>> divisions("A")
    ('01', '02', '03')
    """
    return tuple(
        sorted(
            s.code
            for s in sectors().values()
            if s.level == 2 and (sections is None or s.section in sections)
        )
    )


# -- strict: an organisation's code ----------------------------------------------------------
def _dotted(digits: str) -> str:
    """'2013' -> '20.13', '201' -> '20.1', '20' -> '20'."""
    return digits if len(digits) <= 2 else digits[:2] + "." + digits[2:]


def parse_nace(code: str) -> NaceCode:
    """Check a NACE code given at any level; raise ``ValueError`` saying why it is not valid.

    Accepted: a section letter (``C``), a division (``20``), a group (``20.1`` or ``201``), a
    class (``20.13`` or ``2013``) or a NACE-BEL 2008 subclass (``20.130`` or ``20130``).
    Leading zeros matter: ``01.11`` is a class, ``1.11`` is not a code.

    >>> parse_nace("2013")
    NaceCode(sector='20.13', nace_bel=None, section='C', division='20')
    >>> parse_nace("99.999")
    Traceback (most recent call last):
    ...
    ValueError: '99.999' is not a NACE-BEL 2008 subclass
    """
    raw = (code or "").strip()
    text = raw.replace(" ", "")
    table = sectors()
    if re.fullmatch(r"[A-Za-z]", text):
        if text.upper() not in table:
            raise ValueError(f"{raw!r} is not a NACE Rev. 2 section (A-U)")
        return NaceCode(text.upper(), None, text.upper(), None)
    if not re.fullmatch(r"\d{2}(\.?\d{1,3})?", text):
        raise ValueError(f"{raw!r} is not a NACE code (e.g. 20.13 or the NACE-BEL 20130)")
    digits = text.replace(".", "")
    if len(digits) == 5:
        cls = subclasses().get(digits)
        if cls is None:
            raise ValueError(f"{raw!r} is not a NACE-BEL 2008 subclass")
        nace_bel, sector = digits, cls
    else:
        nace_bel, sector = None, _dotted(digits)
        if sector not in table:
            raise ValueError(f"{raw!r} is not a NACE Rev. 2 {LEVEL_NAMES[len(digits)]}")
    return NaceCode(sector, nace_bel, table[sector].section, sector[:2])


def sector_of(code: str) -> tuple[str, str | None]:
    """``(section, division)`` of a NACE code in any accepted notation; ``ValueError`` if invalid.

    >>> sector_of("62.010")
    ('J', '62')
    """
    parsed = parse_nace(code)
    return parsed.section, parsed.division


# -- lenient: the division or section of a stored code ---------------------------------------
_LEADING = re.compile(r"^([A-Ua-u])?\s*(\d{2})?")


@lru_cache(maxsize=1)
def _section_of_division() -> dict[str, str]:
    return {s.code: s.section for s in sectors().values() if s.level == 2}


def division_of(code: str | None) -> str | None:
    """The two-digit NACE division of a code, or None when the code names no known division.

    >>> division_of("62.010"), division_of("BE 6201"), division_of("04"), division_of(None)
    ('62', None, None, None)
    """
    if not code:
        return None
    m = _LEADING.match(re.sub(r"[\s.]", "", str(code)))
    if not m or not m.group(2):
        return None
    division = m.group(2)
    return division if division in _section_of_division() else None


def section_of(code: str | None) -> str | None:
    """The NACE section letter of a code (a division, class or section letter), or None.

    >>> section_of("01.11"), section_of("q"), section_of("")
    ('A', 'Q', None)
    """
    if not code:
        return None
    division = division_of(code)
    if division is not None:
        return _section_of_division()[division]
    text = str(code).strip()
    found = sectors().get(text.upper()) if len(text) == 1 and text.isalpha() else None
    return found.code if found is not None and found.level == 1 else None


def sector_at(code: str | None, level: str) -> str | None:
    """The sector of a NACE code at ``level`` (``section`` or ``division``), or None."""
    if level == "section":
        return section_of(code)
    if level == "division":
        return division_of(code)
    raise ValueError(f"level must be one of {COARSE_LEVELS}, not {level!r}")


def label(code: str) -> str:
    """The English label of a section or division code ('' for other codes).

    A section keeps its heading as the source states it:

    >>> label("C"), label("20")
    ('SECTION C -- MANUFACTURING', 'Manufacture of chemicals and chemical products')
    """
    sector = sectors().get(code)
    if sector is None or sector.level > 2:
        return ""
    return sector.heading_en if sector.level == 1 else sector.label_en
