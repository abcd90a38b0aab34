"""The colour of each spearhead cluster, the same on every map."""

from __future__ import annotations

import zlib

# One colour per spearhead cluster (the seven of the landscape), stable across maps; any other
# spearhead gets one from the same palette by a hash of its name.
SPEARHEAD_COLOURS: dict[str, str] = {
    "catalisti": "#e15759",
    "sim": "#4e79a7",
    "flux50": "#f1a208",
    "vil": "#7b4ea3",
    "flanders' food": "#2f9e44",
    "de blauwe cluster": "#1c7ed6",
    "medvia": "#d6336c",
}
_SPARE = ("#8f5b2e", "#0b7285", "#5c940d", "#862e9c", "#c92a2a", "#364fc7")


def spearhead_colour(name: str) -> str:
    """The colour of a spearhead cluster, by name (the same on every map).

    >>> spearhead_colour("Flux50"), spearhead_colour("flux50") == spearhead_colour("FLUX50")
    ('#f1a208', True)
    """
    key = " ".join(str(name).lower().split())
    if key in SPEARHEAD_COLOURS:
        return SPEARHEAD_COLOURS[key]
    return _SPARE[zlib.crc32(key.encode("utf-8")) % len(_SPARE)]
