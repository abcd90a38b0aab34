"""How many Belgian CORDIS organisations were found in the curated landscape, and the rest.

``innograph ingest --format cordis`` prints it: an analyst sees at once which Belgian
participants joined a landscape organisation (by enterprise number, PIC, name or alias, as
``ingest.resolve`` decides) and which stayed apart, each with its closest landscape names, so a
missing alias is spotted and added to the landscape (``ingest/data/seeds/``) rather than
guessed. Closeness is ``difflib``'s ratio between name keys (``graph.keys.name_key``), over
every landscape name and alias; a candidate shows with its score (0-1).

>>> lands = [{"id": "ORG:ku leuven", "name": "KU Leuven",
...           "aliases": ["Katholieke Universiteit Leuven"]}]
>>> r = landscape_report({"ORG:ku leuven": "KU LEUVEN", "PIC:1": "K.U. LEUVEN R&D"}, lands)
>>> r.belgian, r.matched, r.unmatched[0]["name"], r.unmatched[0]["candidates"][0]["name"]
(2, 1, 'K.U. LEUVEN R&D', 'KU Leuven')
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.keys import name_key
from graph.records import Records

MAX_CANDIDATES = 3
MIN_SCORE = 0.5


@dataclass
class LandscapeReport:
    belgian: int = 0
    matched: int = 0
    matched_ids: list[str] = field(default_factory=list)
    unmatched: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"Belgian organisations in the extract: {self.belgian:,}; "
            f"{self.matched:,} matched to the curated landscape, "
            f"{len(self.unmatched):,} unmatched."
        )

    def rows(self) -> list[dict[str, Any]]:
        """One row per unmatched organisation, its closest landscape names in one cell."""
        return [
            {
                "id": u["id"],
                "name": u["name"],
                "closest": "; ".join(f"{c['name']} ({c['score']:.2f})" for c in u["candidates"])
                or "-",
            }
            for u in self.unmatched
        ]


def landscape_organisations(records: Records) -> list[dict[str, Any]]:
    """``{id, name, aliases}`` of the landscape's organisations (from its records)."""
    return [
        {"id": n.id, "name": n.props.get("name"), "aliases": n.props.get("aliases") or []}
        for n in records.nodes
        if n.label == "Organisation"
    ]


def landscape_report(
    belgian: Mapping[str, str], landscape: Iterable[Mapping[str, Any]]
) -> LandscapeReport:
    """Match the Belgian organisations ``{id: name}`` (ids after resolution) to the landscape
    organisations ``{id, name, aliases}``."""
    orgs = list(landscape)
    ids = {str(o["id"]) for o in orgs}
    names: dict[str, tuple[str, str]] = {}  # name key -> (id, the name as the landscape writes it)
    for o in orgs:
        for text in [o.get("name"), *(o.get("aliases") or [])]:
            if text and name_key(text):
                names.setdefault(name_key(text), (str(o["id"]), str(o.get("name") or text)))
    report = LandscapeReport(belgian=len(belgian))
    for oid, name in sorted(belgian.items(), key=lambda kv: (kv[1] or "", kv[0])):
        if oid in ids:
            report.matched += 1
            report.matched_ids.append(oid)
            continue
        report.unmatched.append({"id": oid, "name": name, "candidates": _closest(name, names)})
    return report


def _closest(name: str, names: Mapping[str, tuple[str, str]]) -> list[dict[str, Any]]:
    key = name_key(name or "")
    scored: dict[str, dict[str, Any]] = {}
    for k, (oid, shown) in names.items():
        score = difflib.SequenceMatcher(None, key, k).ratio()
        if score >= MIN_SCORE and score > scored.get(oid, {}).get("score", 0):
            scored[oid] = {"id": oid, "name": shown, "score": round(score, 2)}
    best = sorted(scored.values(), key=lambda c: (-c["score"], c["name"]))
    return best[:MAX_CANDIDATES]
