"""The ``Sector`` records: every NACE Rev. 2 code of ``graph.nace``, with its hierarchy.

Sector ids are the Rev. 2 codes of ``graph/data/nace_rev2.csv`` (= NACE-BEL 2008, levels 1-4:
21 sections ``C``, 88 divisions ``20``, 272 groups ``20.1``, 615 classes ``20.13``).
``(:Sector)-[:PART_OF]->(:Sector)`` links each code to the level above (class -> group ->
division -> section).

An organisation's ``nace`` cell is checked by ``graph.nace.parse_nace``: the organisation
stores ``nace`` = the Rev. 2 code of its sector (``20.13``; a NACE-BEL subclass maps to its
class) and, for a subclass, ``nace_bel`` = the 5 digits without dots (``20130``); it is
``IN_SECTOR`` of the ``Sector`` with id ``nace``.

>>> records = build_sectors()
>>> records.counts()
{'Sector': 996, 'PART_OF': 975}
"""

from __future__ import annotations

from graph.nace import sectors
from graph.records import Node, Records, Rel, SourceInfo

SOURCE_ID = "nace:rev2"


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
        path="graph/data/nace_rev2.csv",
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
