"""Derive the two compact NACE tables of ``graph/data/`` from the source tables in ``nace/``.

Run once when the source tables change (they may be plain ``.csv`` or gzip-packed ``.csv.gz``)::

    python -m ingest.data.derive_nace [FOLDER]    # default: ingest/data/nace

* ``nace_rev2.csv``: NACE Rev. 2 (= NACE-BEL 2008, levels 1-4): ``code, level, level_name,
  section, parent, label_en, label_nl, heading_en``; 996 rows. Section labels lose their
  ``SECTION A --`` prefix and are put in sentence case; two Dutch labels lose a hyphenation
  artefact; runs of spaces become one. ``heading_en`` keeps a section's English heading as the
  source states it (``SECTION C -- MANUFACTURING``; empty below sections): the label the
  cross-sector results show.
* ``nacebel_2008_subclasses.csv``: the 5-digit NACE-BEL 2008 subclasses (``code`` without
  dots, as the KBO/BCE writes them) and the Rev. 2 ``class`` each belongs to; 943 rows.

Source: ``nace_rev2_sections_to_classes.csv`` and ``nacebel_2003_2008_2025_bce_codes_to_label.csv``
(from the MIT-licensed packages bce-codes-to-label 0.2.0 and naceconverter 1.0.1; see the data
README).
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
OUT = HERE.parents[1] / "graph" / "data"  # where graph.nace reads them
_SECTION_PREFIX = re.compile(r"^SEC(?:TION|TIE)\s*[A-Z]\s*-+\s*")
_FIXES = {"MAATSCHAP-PELIJKE": "MAATSCHAPPELIJKE", "GEDIFFE-RENTIEERDE": "GEDIFFERENTIEERDE"}


def _section_label(text: str) -> str:
    for bad, good in _FIXES.items():
        text = text.replace(bad, good)
    text = " ".join(_SECTION_PREFIX.sub("", text).split())
    return text[:1].upper() + text[1:].lower()


def _parent(code: str, level: int, section: str) -> str:
    if level == 1:
        return ""
    if level == 2:
        return section
    return code[:-1].rstrip(".")


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    """The rows of ``folder/name``, or of its gzip-packed ``folder/name.gz``."""
    path = folder / name
    if path.is_file():
        text = path.read_text(encoding="utf-8")
    else:
        text = gzip.decompress((folder / f"{name}.gz").read_bytes()).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def derive(source: Path = HERE / "nace", out: Path = OUT) -> None:
    rows = _rows(source, "nace_rev2_sections_to_classes.csv")
    with open(out / "nace_rev2.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(
            [
                "code",
                "level",
                "level_name",
                "section",
                "parent",
                "label_en",
                "label_nl",
                "heading_en",
            ]
        )
        for r in sorted(rows, key=lambda r: (r["level"] != "1", r["code"])):
            level = int(r["level"])
            en, nl = r["label_en"], r["label_nl"]
            if level == 1:
                en, nl = _section_label(en), _section_label(nl)
            w.writerow(
                [
                    r["code"],
                    level,
                    r["level_name"],
                    r["section"],
                    _parent(r["code"], level, r["section"]),
                    " ".join(en.split()),
                    " ".join(nl.split()),
                    r["label_en"] if level == 1 else "",
                ]
            )
    sub = [
        r
        for r in _rows(source, "nacebel_2003_2008_2025_bce_codes_to_label.csv")
        if r["version"] == "2008" and r["level"] == "5"
    ]
    with open(out / "nacebel_2008_subclasses.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "class"])
        for r in sorted(sub, key=lambda r: r["value"]):
            w.writerow([r["value"], r["parent"]])


if __name__ == "__main__":
    derive(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "nace")
