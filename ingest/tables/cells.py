"""Typed cells: text -> value, or ``ValueError`` with a reason that fits after
``file:line:column:``.

Every source reads its cells with these, so one notation means one thing everywhere:

* dates: ``parse_date`` takes ISO ``YYYY-MM-DD`` or Belgian ``DD/MM/YYYY`` (also ``D/M/YYYY``),
  as cluster managers' spreadsheets hold them; ``parse_iso_date`` only ISO 8601, as the
  curated landscape and CORDIS write them;
* whole numbers: ``parse_int``; ``parse_year``: four digits, 1900-2100;
* numbers: ``parse_number`` takes ``1234.5``, ``1234,5``, ``1,234.5`` and ``1.234,5`` (the
  mark that comes last is the decimal mark; a lone ``,`` is one too) and keeps a whole number
  written without a decimal mark an ``int``; ``parse_amount`` is the strict reading of an
  amount in euros a person typed (``1 250 000``, ``€ 85000``, ``1.250.000,50``), refusing
  ``250.000`` as ambiguous;
* booleans: ``parse_bool``: true/false, yes/no, ja/nee, waar/onwaar (Dutch Excel),
  vrai/faux, 1/0;

Where a source is written by hand with one notation (the curated landscape), the strict
reading is asked for: ``parse_number(text, comma=False)``, ``parse_bool(text, loose=False)``.
* lists: ``parse_list``: ``a | b`` (or other separators);
* closed sets and patterns: ``one_of(...)``, ``matching(regex)`` make a parser.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from graph.keys import fold

# -- dates -------------------------------------------------------------------------------------
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


def parse_iso_date(text: str) -> date:
    """An ISO 8601 date.

    >>> parse_iso_date("2024-12-31")
    datetime.date(2024, 12, 31)
    >>> parse_iso_date("31/12/2024")
    Traceback (most recent call last):
    ...
    ValueError: '31/12/2024' is not a date (YYYY-MM-DD)
    """
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date (YYYY-MM-DD)") from None


# -- numbers -----------------------------------------------------------------------------------
def parse_int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a whole number") from None


def parse_year(text: str) -> int:
    """A year of four digits between 1900 and 2100."""
    t = (text or "").strip()
    if not re.fullmatch(r"\d{4}", t) or not 1900 <= int(t) <= 2100:
        raise ValueError(f"{t!r} is not a year (four digits, 1900-2100)")
    return int(t)


def parse_number(text: str, *, comma: bool = True) -> int | float:
    """A number with ``.`` or ``,`` as decimal mark (``.`` only when not ``comma``).

    >>> parse_number("1.234,5"), parse_number("1,234.5"), parse_number("1,5"), parse_number("12")
    (1234.5, 1234.5, 1.5, 12)
    >>> parse_number("1,5", comma=False)
    Traceback (most recent call last):
    ...
    ValueError: '1,5' is not a number
    """
    t = (text or "").strip()
    if comma and "," in t:
        if "." in t and t.rfind(".") > t.rfind(","):  # 1,234.5: ',' groups thousands
            t = t.replace(",", "")
        else:  # 1.234,5 or 1,5: ',' is the decimal mark
            t = t.replace(".", "").replace(",", ".")
    try:
        x = float(t)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None
    return int(x) if x.is_integer() and "." not in t else x


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


# -- booleans, lists, closed sets ------------------------------------------------------------
_TRUE = {"true", "yes", "y", "ja", "j", "waar", "vrai", "oui", "1", "x"}
_FALSE = {"false", "no", "n", "nee", "onwaar", "faux", "non", "0"}


def parse_bool(text: str, *, loose: bool = True) -> bool:
    """True or false in English, Dutch or French, or as 1/0 (only ``true``/``false`` in any
    case when not ``loose``).

    >>> parse_bool("Ja"), parse_bool("onwaar"), parse_bool("TRUE"), parse_bool("False", loose=False)
    (True, False, True, False)
    """
    t = fold(text) if loose else text.lower()
    if t in (_TRUE if loose else ("true",)):
        return True
    if t in (_FALSE if loose else ("false",)):
        return False
    raise ValueError(f"{text!r} is not true or false")


def parse_list(text: str, separators: str = "|") -> list[str]:
    """The non-empty parts of a text split at any of ``separators``, stripped.

    >>> parse_list(" a | b ||"), parse_list("PRC;HES,REC", ";,")
    (['a', 'b'], ['PRC', 'HES', 'REC'])
    """
    for sep in separators[1:]:
        text = text.replace(sep, separators[0])
    return [part.strip() for part in text.split(separators[0]) if part.strip()]


def one_of(*choices: str) -> Callable[[str], str]:
    """A parser that accepts only ``choices``, as written."""

    def parse(s: str) -> str:
        if s not in choices:
            raise ValueError(f"{s!r} is not one of {', '.join(choices)}")
        return s

    return parse


def matching(regex: str) -> Callable[[str], str]:
    """A parser that accepts only texts that match ``regex`` in full."""
    compiled = re.compile(regex)

    def parse(s: str) -> str:
        if not compiled.fullmatch(s):
            raise ValueError(f"{s!r} does not match {regex}")
        return s

    return parse
