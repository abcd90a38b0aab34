"""The CLI's fixed choices in one place (shared by ``innograph analyze`` and ``map``)."""

from __future__ import annotations

from enum import StrEnum


class View(StrEnum):
    projects = "projects"
    clusters = "clusters"
    both = "both"


class Level(StrEnum):
    section = "section"
    division = "division"


Via = View  # what links sectors: the same three choices (projects, clusters or both)


class ColorBy(StrEnum):
    kind = "kind"
    sector = "sector"


class Measure(StrEnum):
    shared = "shared"
    jaccard = "jaccard"
    overlap_coefficient = "overlap_coefficient"
