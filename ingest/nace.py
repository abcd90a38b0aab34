"""NACE Rev. 2 sectors: the ``Sector`` nodes, and the codes organisations carry.

Sector ids follow the NACE Rev. 2 notation of ``ingest/data/nace_rev2.csv`` (= NACE-BEL 2008,
levels 1-4):

=========  ==============  =======
level      example id      count
=========  ==============  =======
section    ``C``           21
division   ``20``          88
group      ``20.1``        272
class      ``20.13``       615
=========  ==============  =======

``(:Sector)-[:PART_OF]->(:Sector)`` links each code to the level above (class -> group ->
division -> section).

An organisation's code may be given at any of these levels or as a 5-digit NACE-BEL 2008
subclass, the notation of the KBO/BCE (``20130``, ``20.130``). ``parse_nace`` checks it against
the vendored tables and returns the sector it belongs to: an organisation stores ``nace`` = the
Rev. 2 code of that sector (``20.13``; a subclass maps to its class) and, for a subclass,
``nace_bel`` = the 5 digits without dots (``20130``); it is ``IN_SECTOR`` of the ``Sector`` with
id ``nace``.

>>> parse_nace("20.130").sector
'20.13'
>>> sector_of("20130")
('C', '20')
>>> sector_of("C")
('C', None)
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.records import Node, Records, Rel, SourceInfo

DATA = Path(__file__).parent / "data"
SOURCE_ID = "nace:rev2"
LEVELS = {1: "section", 2: "division", 3: "group", 4: "class"}


@dataclass(frozen=True)
class Sector:
    code: str  # Rev. 2 notation: 'C', '20', '20.1', '20.13'
    level: int  # 1 section, 2 division, 3 group, 4 class
    level_name: str
    section: str
    parent: str | None
    label_en: str
    label_nl: str


@dataclass(frozen=True)
class NaceCode:
    """A checked organisation code: the sector it belongs to and the NACE-BEL subclass if any."""

    sector: str  # the id of the Sector node (Rev. 2 notation)
    nace_bel: str | None  # 5-digit NACE-BEL 2008 subclass without dots, when given
    section: str
    division: str | None


@lru_cache(maxsize=1)
def sectors() -> dict[str, Sector]:
    """Every NACE Rev. 2 sector by code, from the vendored ``nace_rev2.csv``."""
    with open(DATA / "nace_rev2.csv", encoding="utf-8", newline="") as f:
        return {
            r["code"]: Sector(
                r["code"],
                int(r["level"]),
                r["level_name"],
                r["section"],
                r["parent"] or None,
                r["label_en"],
                r["label_nl"],
            )
            for r in csv.DictReader(f)
        }


@lru_cache(maxsize=1)
def subclasses() -> dict[str, str]:
    """NACE-BEL 2008 subclass (5 digits) -> Rev. 2 class, from ``nacebel_2008_subclasses.csv``."""
    with open(DATA / "nacebel_2008_subclasses.csv", encoding="utf-8", newline="") as f:
        return {r["code"]: r["class"] for r in csv.DictReader(f)}


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
            raise ValueError(f"{raw!r} is not a NACE Rev. 2 {LEVELS[len(digits)]}")
    return NaceCode(sector, nace_bel, table[sector].section, sector[:2])


def sector_of(code: str) -> tuple[str, str | None]:
    """``(section, division)`` of a NACE code in any accepted notation; ``ValueError`` if invalid.

    >>> sector_of("62.010")
    ('J', '62')
    """
    parsed = parse_nace(code)
    return parsed.section, parsed.division


def sector_node(code: str, source: str = SOURCE_ID, ref: str = "") -> Node:
    """The ``Sector`` node of one Rev. 2 code (as ``build_sectors`` makes it)."""
    s = sectors()[code]
    return Node(
        "Sector",
        s.code,
        {
            "code": s.code,
            "level": s.level,
            "level_name": s.level_name,
            "section": s.section,
            "label_en": s.label_en,
            "label_nl": s.label_nl,
            "name": s.label_en,
            "classification": "NACE Rev. 2",
        },
        source,
        ref or s.level_name,
    )


def source_info() -> SourceInfo:
    """The ``Source`` of the sector nodes: the vendored NACE table."""
    return SourceInfo(
        SOURCE_ID,
        "NACE Rev. 2 (NACE-BEL 2008, levels 1-4)",
        "nace",
        path="ingest/data/nace_rev2.csv",
        licence="MIT (bce-codes-to-label 0.2.0, naceconverter 1.0.1)",
    )


def build_sectors() -> Records:
    """Every NACE Rev. 2 section, division, group and class, with the ``PART_OF`` hierarchy."""
    out = Records(sources=[source_info()])
    for s in sectors().values():
        out.nodes.append(sector_node(s.code))
        if s.parent:
            out.rels.append(
                Rel("PART_OF", "Sector", s.code, "Sector", s.parent, {}, SOURCE_ID, s.level_name)
            )
    return out
