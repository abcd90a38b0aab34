"""A call for projects, as a cluster manager describes it: ``Call`` and ``load_call``.

A call file is YAML or JSON holding one mapping (``analytics/matching/examples``); the API's
request is the same mapping with a few aliases (``priority``, ``k``, ``description``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analytics.matching.mapping_file import read_mapping
from graph.errors import InnographError


@dataclass
class Call:
    """A call for projects, as a cluster manager describes it."""

    title: str = ""
    text: str = ""
    themes: list[str] = field(default_factory=list)
    transition_priority: str = ""
    clusters: list[str] = field(default_factory=list)
    instrument: str = ""  # "" or none: no instrument (size and clusters only)
    intercluster: bool | None = None  # default: True when two or more clusters are given
    partners: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    size: int | None = None
    consortia: int = 3
    candidates: int = 20
    rules: dict[str, int] = field(default_factory=dict)
    include_synthetic: bool = False  # also propose synthetic and example organisations
    international: bool = False  # a Flemish call: also offer non-funded foreign partners

    ALIASES = {"priority": "transition_priority", "k": "candidates", "description": "text"}

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Call:
        """A call from a mapping (a call file, or the API's request: ``priority``, ``k``)."""
        data = {cls.ALIASES.get(k, k): v for k, v in data.items() if k != "save"}
        data = {
            k: ("" if k == "instrument" else v) if v is None else v
            for k, v in data.items()
            if v is not None or k == "instrument"
        }
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(data) - known)
        if unknown:
            raise InnographError(
                f"Unknown field(s) in the call: {', '.join(unknown)}; "
                f"known: {', '.join(sorted(known))}."
            )
        d = dict(data)
        for key in ("themes", "clusters", "partners", "exclude"):
            v = d.get(key)
            if isinstance(v, str):
                d[key] = [t.strip() for t in v.split(",") if t.strip()]
        return cls(**d)

    def topic_text(self) -> list[str]:
        return [t for t in [self.title, self.text, self.transition_priority, *self.themes] if t]

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def load_call(path: str | Path) -> Call:
    """Read a call from a YAML or JSON file."""
    data = read_mapping(path, "call file", "(title, text, clusters, instrument…)")
    return Call.from_mapping(data)
