"""The closed vocabularies of the cluster files, with the spellings accepted for each.

* organisation kinds (``graph.model.ORG_KINDS``, in its order), sizes (``graph.model.SIZES``)
  and cluster types (``graph.model.CLUSTER_TYPES``): the canonical value and its Dutch,
  English and other spellings, matched after ``graph.keys.fold``;
* funding instruments: ``instrument_id`` names the instrument of a text such as
  ``O&O onderzoeksproject`` or ``cSBO``;
* provinces: ``parse_province`` takes a Belgian province or Brussels by name (Dutch, English,
  French or German) or ISO 3166-2 code and returns the code (``BE-VAN`` ...); ``region_node``
  is its ``Region`` node (postcodes are ``ingest.places``'s).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from graph.keys import fold
from graph.model import CLUSTER_TYPES, ORG_KINDS, SIZES
from graph.records import Node

# -- kinds, sizes, cluster types ---------------------------------------------------------------
_KIND_SPELLINGS = {
    "firm": ("company", "enterprise", "bedrijf", "onderneming"),
    "knowledge_institution": (
        "knowledge institution",
        "kennisinstelling",
        "university",
        "research centre",
    ),
    "federation": ("federatie", "sectorfederatie"),
    "government": ("overheid", "public body"),
    "other": ("andere", "overige"),
}
_SIZE_SPELLINGS = {
    "sme": ("kmo", "small", "medium"),
    "large": ("groot", "grote onderneming", "large enterprise"),
}
_TYPE_SPELLINGS = {
    "spearhead": ("spearhead cluster", "speerpuntcluster"),
    "ibn": ("innovatief bedrijfsnetwerk", "innovative business network"),
}


def _in_model_order(
    spellings: Mapping[str, tuple[str, ...]], model: tuple[str, ...]
) -> dict[str, tuple[str, ...]]:
    """``{value: spellings}`` for exactly the model's values, in the model's order."""
    if set(spellings) != set(model):
        raise AssertionError(f"spellings for {sorted(spellings)}, the model has {sorted(model)}")
    return {value: spellings[value] for value in model}


KIND_SPELLINGS = _in_model_order(_KIND_SPELLINGS, ORG_KINDS)
SIZE_SPELLINGS = _in_model_order(_SIZE_SPELLINGS, SIZES)
TYPE_SPELLINGS = _in_model_order(_TYPE_SPELLINGS, CLUSTER_TYPES)

# -- funding instruments -----------------------------------------------------------------------
INSTRUMENT_SPELLINGS = {
    "icon": (
        "imec icon",
        "interdisciplinair cooperatief onderzoek",
        "interdisciplinary cooperative research",
    ),
    "coock": (
        "coock plus",
        "collectief onderzoek",
        "collectief onderzoek en ontwikkeling en collectieve kennisverspreiding",
    ),
    "csbo": (
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
    "vis": ("vlaams innovatiesamenwerkingsverband", "innovatiesamenwerkingsverband"),
    "feasibility": (
        "feasibility study",
        "haalbaarheidsstudie",
        "haalbaarheidsonderzoek",
    ),
    "moonshot-sbo": ("moonshot sbo", "moonshot", "moonshot csbo"),
    # named in the curated landscape's Tabel 10/11 rows as well
    "sbo": ("strategisch basisonderzoek", "strategic basic research"),
    "coop-plus": ("coop", "coop plus"),
    "cooperative": ("cooperatief", "cooperatief o and o", "cooperative"),
}
_COMPOUND = re.compile(r"\b(onderzoek|ontwikkeling)s?(project|traject)?\b")
_GENERIC_WORDS = ("project", "projecten", "projects", "traject", "trajecten", "study")


def _alias_map(table: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    return {fold(alias): key for key, aliases in table.items() for alias in (key, *aliases)}


KIND_ALIASES, SIZE_ALIASES = _alias_map(KIND_SPELLINGS), _alias_map(SIZE_SPELLINGS)
TYPE_ALIASES = _alias_map(TYPE_SPELLINGS)
INSTRUMENT_ALIASES = _alias_map(INSTRUMENT_SPELLINGS)


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
    "BE-WBR": ("Walloon Brabant", "Waals-Brabant", ("brabant wallon", "wallonisch brabant", "wbr")),
    "BE-WHT": ("Hainaut", "Henegouwen", ("hainaut", "hennegau", "wht")),
    "BE-WLG": ("Liège", "Luik", ("liege", "luttich", "wlg")),
    "BE-WLX": ("Luxembourg", "Luxemburg", ("luxembourg", "province de luxembourg", "wlx")),
    "BE-WNA": ("Namur", "Namen", ("namur", "wna")),
}
_PROVINCE_KEYS = {
    fold(text): code
    for code, (en, nl, others) in PROVINCES.items()
    for text in (code, en, nl, *others)
}


def parse_province(text: str) -> str:
    """The ISO 3166-2 code of a Belgian province, or ``BE-BRU`` for Brussels (which has none).

    >>> parse_province("Anvers"), parse_province("east flanders"), parse_province("BE-VLI")
    ('BE-VAN', 'BE-VOV', 'BE-VLI')
    >>> parse_province("Luik"), parse_province("Brabant wallon")
    ('BE-WLG', 'BE-WBR')
    """
    key = fold(text)
    if key in _PROVINCE_KEYS:
        return _PROVINCE_KEYS[key]
    raise ValueError(
        f"{text!r} is not a Belgian province (Antwerpen, Oost-Vlaanderen, West-Vlaanderen, "
        f"Limburg, Vlaams-Brabant, Waals-Brabant, Henegouwen, Luik, Luxemburg, Namen), Brussels "
        f"or its ISO code (BE-VAN, BE-VOV, BE-VWV, BE-VLI, BE-VBR, BE-WBR, BE-WHT, BE-WLG, "
        f"BE-WLX, BE-WNA, BE-BRU)"
    )


REGION_SOURCE = "iso-3166-2:BE"  # as in the curated landscape's regions.csv


def region_node(code: str) -> Node:
    """The ``Region`` node of a province code, with the curated landscape's properties."""
    en, nl, _ = PROVINCES[code]
    level = "region" if code == "BE-BRU" else "province"
    return Node(
        "Region", code, {"name": en, "name_nl": nl, "level": level}, REGION_SOURCE, "ISO 3166-2:BE"
    )
