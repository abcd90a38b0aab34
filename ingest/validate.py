"""Checks of single values, and what a builder returns in skip mode.

Value parsers raise ``ValueError`` with a message that fits after ``file:line:column:``:

* ``parse_date``: ISO ``YYYY-MM-DD`` or Belgian ``DD/MM/YYYY`` (also ``D/M/YYYY``);
* ``parse_year``: four digits, 1900-2100;
* ``parse_amount``: ``1250000``, ``1250000.50``, ``1 250 000``, ``1.250.000,50``,
  ``1,250,000.50``, ``€ 85000``; a lone ``.`` or ``,`` followed by exactly three digits
  (``250.000``) is refused as ambiguous;
* ``parse_bool``: true/false, yes/no, ja/nee, waar/onwaar (Dutch Excel), vrai/faux, 1/0;
* ``parse_province``: a Flemish province or Brussels by name (Dutch, English, French or German)
  or ISO 3166-2 code, returned as the ISO code (``BE-VAN`` ...);
* the closed vocabularies of organisation ``KINDS``, ``SIZES``, ``CLUSTER_TYPES`` and funding
  ``INSTRUMENTS`` with the spellings accepted for each (``instrument_id``).

``RowProblems`` and the small ``required``/``choice``/``date_value``/``bool_value`` checks
collect the problems of one table row.

``BuildResult`` is ``Records`` plus the rows rejected in skip mode; ``write_report`` writes them
as a CSV file the user can read.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from graph.errors import Problem
from graph.keys import fold
from ingest.records import Node, Records
from ingest.tabular import Row, Table

# -- dates and numbers ---------------------------------------------------------------------------
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00)?)?$")
_BELGIAN = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_date(text: str) -> date:
    """A date from ``YYYY-MM-DD`` or ``DD/MM/YYYY``.

    >>> parse_date("31/12/2024"), parse_date("2024-12-31")
    (datetime.date(2024, 12, 31), datetime.date(2024, 12, 31))
    """
    t = (text or "").strip()
    m = _ISO.match(t)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = _BELGIAN.match(t)
        if not m:
            raise ValueError(f"{t!r} is not a date (YYYY-MM-DD or DD/MM/YYYY)")
        d, mo, y = (int(g) for g in m.groups())
    try:
        return date(y, mo, d)
    except ValueError:
        raise ValueError(f"{t!r} is not a date in the calendar") from None


def parse_year(text: str) -> int:
    """A year of four digits between 1900 and 2100."""
    t = (text or "").strip()
    if not re.fullmatch(r"\d{4}", t) or not 1900 <= int(t) <= 2100:
        raise ValueError(f"{t!r} is not a year (four digits, 1900-2100)")
    return int(t)


def parse_amount(text: str) -> float:
    """A non-negative amount in euros, Belgian or English notation.

    >>> parse_amount("1.250.000,50"), parse_amount("85000,5"), parse_amount("1,250,000.50")
    (1250000.5, 85000.5, 1250000.5)
    """
    raw = (text or "").strip()
    t = re.sub(r"[\s\u00a0\u202f€]|EUR", "", raw, flags=re.IGNORECASE)
    if not re.fullmatch(r"\d[\d.,]*", t):
        raise ValueError(f"{raw!r} is not an amount (digits, with ',' or '.' as decimal mark)")
    last = max(t.rfind("."), t.rfind(","))
    if last == -1:
        return float(t)
    mark, other = t[last], "," if t[last] == "." else "."
    head, tail = t[:last], t[last + 1 :]
    if t.count(mark) > 1:  # 1.250.000 or 1,250,000: thousands only
        if other in t or not _grouped(t, mark):
            raise ValueError(f"{raw!r} is not an amount")
        return float(t.replace(mark, ""))
    if other in head:  # 1.250.000,50 or 1,250,000.50
        if not _grouped(head, other):
            raise ValueError(f"{raw!r} is not an amount")
        return float(head.replace(other, "") + "." + tail)
    if len(tail) == 3:
        raise ValueError(
            f"{raw!r} is ambiguous ({head}{tail} or {head}.{tail}?): write "
            f"amounts without a thousands separator"
        )
    return float(head + "." + tail)


def _grouped(text: str, separator: str) -> bool:
    """True for digits in groups of three: ``1.250.000`` with separator ``.``."""
    return re.fullmatch(r"\d{1,3}(?:" + re.escape(separator) + r"\d{3})+", text) is not None


_TRUE = {"true", "yes", "y", "ja", "j", "waar", "vrai", "oui", "1", "x"}
_FALSE = {"false", "no", "n", "nee", "onwaar", "faux", "non", "0"}


def parse_bool(text: str) -> bool:
    t = fold(text)
    if t in _TRUE:
        return True
    if t in _FALSE:
        return False
    raise ValueError(f"{text!r} is not true or false")


# -- provinces -----------------------------------------------------------------------------------
PROVINCES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # ISO 3166-2 code: (English name, Dutch name, other spellings)
    "BE-VAN": ("Antwerp", "Antwerpen", ("anvers", "provincie antwerpen", "van")),
    "BE-VOV": (
        "East Flanders",
        "Oost-Vlaanderen",
        ("flandre orientale", "ostflandern", "provincie oost vlaanderen", "vov"),
    ),
    "BE-VWV": (
        "West Flanders",
        "West-Vlaanderen",
        ("flandre occidentale", "westflandern", "provincie west vlaanderen", "vwv"),
    ),
    "BE-VLI": ("Limburg", "Limburg", ("limbourg", "provincie limburg", "vli")),
    "BE-VBR": (
        "Flemish Brabant",
        "Vlaams-Brabant",
        ("brabant flamand", "flamisch brabant", "provincie vlaams brabant", "vbr"),
    ),
    "BE-BRU": (
        "Brussels-Capital Region",
        "Brussels Hoofdstedelijk Gewest",
        (
            "brussels",
            "brussel",
            "bruxelles",
            "brussels capital",
            "brussel hoofdstad",
            "region de bruxelles capitale",
            "bru",
        ),
    ),
}
_WALLOON = {
    fold(t)
    for t in (
        "BE-WHT",
        "BE-WBR",
        "BE-WLG",
        "BE-WLX",
        "BE-WNA",
        "Henegouwen",
        "Hainaut",
        "Waals-Brabant",
        "Brabant wallon",
        "Luik",
        "Liège",
        "Luxemburg",
        "Luxembourg",
        "Namen",
        "Namur",
    )
}
_PROVINCE_KEYS = {
    fold(text): code
    for code, (en, nl, others) in PROVINCES.items()
    for text in (code, en, nl, *others)
}


def parse_province(text: str) -> str:
    """The ISO 3166-2 code of a Flemish province or Brussels.

    >>> parse_province("Anvers"), parse_province("east flanders"), parse_province("BE-VLI")
    ('BE-VAN', 'BE-VOV', 'BE-VLI')
    """
    key = fold(text)
    if key in _PROVINCE_KEYS:
        return _PROVINCE_KEYS[key]
    if key in _WALLOON:
        raise ValueError(
            f"{text!r} is a Walloon province; only Flemish provinces and Brussels are accepted"
        )
    raise ValueError(
        f"{text!r} is not a Flemish province (Antwerpen, Oost-Vlaanderen, "
        f"West-Vlaanderen, Limburg, Vlaams-Brabant), Brussels or its ISO code "
        f"(BE-VAN, BE-VOV, BE-VWV, BE-VLI, BE-VBR, BE-BRU)"
    )


REGION_SOURCE = "iso-3166-2:BE"  # as in the curated landscape's regions.csv


def region_node(code: str) -> Node:
    """The ``Region`` node of a province code, with the curated landscape's properties."""
    en, nl, _ = PROVINCES[code]
    level = "region" if code == "BE-BRU" else "province"
    return Node(
        "Region", code, {"name": en, "name_nl": nl, "level": level}, REGION_SOURCE, "ISO 3166-2:BE"
    )


# -- vocabularies ------------------------------------------------------------------------------
KINDS = {
    "firm": ("firm", "company", "enterprise", "bedrijf", "onderneming"),
    "knowledge_institution": (
        "knowledge_institution",
        "knowledge institution",
        "kennisinstelling",
        "university",
        "research centre",
    ),
    "federation": ("federation", "federatie", "sectorfederatie"),
    "government": ("government", "overheid", "public body"),
    "other": ("other", "andere", "overige"),
}
SIZES = {
    "sme": ("sme", "kmo", "small", "medium"),
    "large": ("large", "groot", "grote onderneming", "large enterprise"),
}
CLUSTER_TYPES = {
    "spearhead": ("spearhead", "spearhead cluster", "speerpuntcluster"),
    "ibn": ("ibn", "innovatief bedrijfsnetwerk", "innovative business network"),
}
INSTRUMENTS = {
    "icon": (
        "icon",
        "imec icon",
        "interdisciplinair cooperatief onderzoek",
        "interdisciplinary cooperative research",
    ),
    "coock": (
        "coock",
        "coock plus",
        "collectief onderzoek",
        "collectief onderzoek en ontwikkeling en collectieve kennisverspreiding",
    ),
    "csbo": (
        "csbo",
        "c sbo",
        "cluster sbo",
        "clustersbo",
        "strategisch basisonderzoek cluster",
        "cluster strategic basic research",
    ),
    "oo-research": (
        "oo research",
        "o and o research",
        "o and o onderzoek",
        "onderzoek",
        "oo onderzoek",
        "r and d research",
        "research",
    ),
    "oo-development": (
        "oo development",
        "o and o development",
        "o and o ontwikkeling",
        "ontwikkeling",
        "oo ontwikkeling",
        "r and d development",
        "development",
    ),
    "vis": ("vis", "vlaams innovatiesamenwerkingsverband", "innovatiesamenwerkingsverband"),
    "feasibility": (
        "feasibility",
        "feasibility study",
        "haalbaarheidsstudie",
        "haalbaarheidsonderzoek",
    ),
    "moonshot-sbo": ("moonshot sbo", "moonshot", "moonshot csbo"),
    # named in the curated landscape's Tabel 10/11 rows as well
    "sbo": ("sbo", "strategisch basisonderzoek", "strategic basic research"),
    "coop-plus": ("coop", "coop plus"),
    "cooperative": ("cooperatief", "cooperatief o and o", "cooperative"),
}
_COMPOUND = re.compile(r"\b(onderzoek|ontwikkeling)s?(project|traject)?\b")
_GENERIC_WORDS = ("project", "projecten", "projects", "traject", "trajecten", "study")


def _alias_map(table: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    return {fold(alias): key for key, aliases in table.items() for alias in (key, *aliases)}


KIND_ALIASES, SIZE_ALIASES = _alias_map(KINDS), _alias_map(SIZES)
TYPE_ALIASES = _alias_map(CLUSTER_TYPES)
INSTRUMENT_ALIASES = _alias_map(INSTRUMENTS)


def instrument_id(text: str) -> str | None:
    """The id of the funding instrument a text names, or None.

    >>> instrument_id("O&O onderzoeksproject"), instrument_id("ICON"), instrument_id("cSBO")
    ('oo-research', 'icon', 'csbo')
    >>> instrument_id("Haalbaarheidsstudie"), instrument_id("research project")
    ('feasibility', 'oo-research')
    """
    words = _COMPOUND.sub(r"\1 \2", fold(text)).split()
    while words:
        found = INSTRUMENT_ALIASES.get(" ".join(words))
        if found:
            return found
        if words[-1] not in _GENERIC_WORDS:
            return None
        words = words[:-1]
    return None


# -- checks of one row -------------------------------------------------------------------------
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


def date_value(bad: RowProblems, row: Row, column: str) -> Any:
    value = row.get(column)
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError as e:
        bad.add(column, str(e))
        return None


def bool_value(bad: RowProblems, row: Row, column: str) -> bool | None:
    value = row.get(column)
    if not value:
        return None
    try:
        return parse_bool(value)
    except ValueError as e:
        bad.add(column, str(e))
        return None


def iso(value: Any) -> str | None:
    return value.isoformat() if value else None


# -- skip mode -------------------------------------------------------------------------------
@dataclass
class Rejected:
    """A row left out in skip mode, with every reason."""

    file: str
    line: int
    values: dict[str, str]
    problems: list[Problem]


@dataclass
class BuildResult(Records):
    """``Records`` of the valid rows, plus the rejected rows (empty unless in skip mode)."""

    rejected: list[Rejected] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        """Every problem of every rejected row, sorted by file, line and column."""
        return sorted(p for r in self.rejected for p in r.problems)


def write_report(rejected: list[Rejected], path: Path) -> Path:
    """Write the rejected rows as CSV: ``file, line, column, reason, row``; one line a problem.

    Rows keep the builder's order: the files in load order (clusters, organisations, projects,
    memberships, participations), so root causes come before the rows that depend on them.
    """
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["file", "line", "column", "reason", "row"])
        for r in rejected:
            row = "; ".join(f"{k}={v}" for k, v in r.values.items() if v)
            for p in r.problems:
                w.writerow([p.file, p.line, p.column, p.reason, row])
    return Path(path)
