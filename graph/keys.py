"""Keys that identify an organisation across sources.

* The Belgian enterprise number (KBO/BCE): 10 digits, the last two a mod-97 check of the first
  eight (``97 - (first8 % 97) == last2``). Accepted notations: ``0123.456.789``,
  ``0123456789``, ``BE0123456789``, ``BE 0123 456 789`` and the old 9-digit form.
* A name key for organisations without one: case, accents, punctuation and legal-form
  suffixes (NV, BV, BVBA, SA, SRL, VZW, CVBA...) ignored.

Organisation ids: ``BE<10 digits>`` when the enterprise number is known, ``PIC:<pic>`` for a
CORDIS participant without one, ``ORG:<name key>`` otherwise.

>>> normalise_enterprise_number("BE 0403.170.701")
'0403170701'
>>> name_key("Agoria vzw") == name_key("AGORIA")
True
"""

from __future__ import annotations

import re
import unicodedata

LEGAL_FORMS = {
    # Belgian and Dutch
    "nv",
    "bv",
    "bvba",
    "cvba",
    "cv",
    "cvoa",
    "comm v",
    "commv",
    "vof",
    "vzw",
    "ivzw",
    "ion",
    "sa",
    "srl",
    "sprl",
    "scrl",
    "sc",
    "scs",
    "snc",
    "asbl",
    "aisbl",
    "fup",
    "sca",
    # international, frequent in CORDIS
    "gmbh",
    "ag",
    "kg",
    "ug",
    "ev",
    "e v",
    "mbh",
    "ltd",
    "limited",
    "plc",
    "llp",
    "inc",
    "llc",
    "corp",
    "sas",
    "sarl",
    "spa",
    "s p a",
    "sl",
    "s l",
    "s a",
    "oy",
    "ab",
    "as",
    "aps",
    "bv ba",
    "b v",
    "n v",
    "se",
    "oyj",
    "kft",
    "sro",
    "s r o",
    "doo",
    "d o o",
    "zrt",
}
_MAX_SUFFIX_WORDS = 2
_ENTERPRISE_RE = re.compile(r"^(?:BE)?\s*([0-9][0-9 .\-/]*[0-9])$", re.IGNORECASE)


class EnterpriseNumberError(ValueError):
    """The text is not a valid Belgian enterprise number; the message says why."""


def normalise_enterprise_number(text: str) -> str:
    """The 10-digit enterprise number in ``text``, checked; raises ``EnterpriseNumberError``.

    >>> normalise_enterprise_number("0123.456.749")
    '0123456749'
    """
    raw = (text or "").strip()
    m = _ENTERPRISE_RE.match(raw)
    if not m:
        raise EnterpriseNumberError(f"{raw!r} is not an enterprise number (10 digits)")
    digits = re.sub(r"\D", "", m.group(1))
    if len(digits) == 9:
        digits = "0" + digits
    if len(digits) != 10:
        raise EnterpriseNumberError(
            f"{raw!r} has {len(digits)} digits; an enterprise number has 10"
        )
    if digits[0] not in "01":
        raise EnterpriseNumberError(f"{raw!r} must start with 0 or 1")
    body, check = int(digits[:8]), int(digits[8:])
    if 97 - body % 97 != check:
        raise EnterpriseNumberError(
            f"{raw!r} fails the mod-97 check (expected check digits {97 - body % 97:02d})"
        )
    return digits


def is_enterprise_number(text: str) -> bool:
    try:
        normalise_enterprise_number(text)
    except EnterpriseNumberError:
        return False
    return True


def belgian_vat_to_enterprise_number(vat: str) -> str | None:
    """The enterprise number of a Belgian VAT number (``BE0123456749``), or None."""
    vat = (vat or "").strip()
    if not vat.upper().startswith("BE"):
        return None
    try:
        return normalise_enterprise_number(vat)
    except EnterpriseNumberError:
        return None


def fold(text: str) -> str:
    """Lowercase ASCII words: accents stripped, punctuation turned into spaces."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("&", " and ").replace("'", "").replace("\u2019", "")
    text = re.sub(r"[^0-9a-zA-Z]+", " ", text).lower()
    return " ".join(text.split())


def name_key(name: str) -> str:
    """A key that is equal for spellings of one organisation's name.

    Case, accents, punctuation and trailing (or leading) legal-form words are ignored.

    >>> name_key("Fevia VZW")
    'fevia'
    >>> name_key("Bekaert N.V.")
    'bekaert'
    >>> name_key("Société Générale S.A.")
    'societe generale'
    """
    words = fold(name).split()
    changed = True
    while changed and len(words) > 1:
        changed = False
        for n in range(_MAX_SUFFIX_WORDS, 0, -1):
            if len(words) > n and " ".join(words[-n:]) in LEGAL_FORMS:
                words = words[:-n]
                changed = True
                break
            if len(words) > n and " ".join(words[:n]) in LEGAL_FORMS:
                words = words[n:]
                changed = True
                break
    return " ".join(words)


def slug(text: str) -> str:
    """Lowercase ASCII words joined by hyphens: ``Flanders' FOOD`` -> ``flanders-food``."""
    return fold(text).replace(" ", "-")


def organisation_id(
    enterprise_number: str | None = None, pic: str | None = None, name: str | None = None
) -> str:
    """The id an organisation gets when first seen (resolution may keep an older one)."""
    if enterprise_number:
        return "BE" + enterprise_number
    if pic:
        return f"PIC:{pic}"
    key = name_key(name or "")
    if not key:
        raise ValueError("an organisation needs an enterprise number, a PIC or a name")
    return f"ORG:{key}"
