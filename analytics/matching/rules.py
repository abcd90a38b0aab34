"""Composition rules of the funding instruments, in one table (``data/instrument_rules.csv``).

Each rule says how many firms, research partners (knowledge institutions) and SMEs a
consortium needs, and how large it may be. ``source`` names where a figure comes from; a rule
whose ``assumption`` is True is our reading, to be checked against the call text (the VLAIO
rules change from call to call). An ``Instrument`` node in the graph overrides the table:
its ``min_firms``, ``min_research_partners`` and ``requires_sme`` win (see ``rules_for``), and
so does a call file's own ``rules:`` mapping.

Sources:

* ``000 §3.2`` = ``seeds/000_da5ac1ebd3a3b6da.txt`` (IDEA Consult / Technopolis, evaluation of
  the spearhead clusters, 2020), §3.2 before Tabel 5: "ICON-projecten ... een combinatie van
  enerzijds strategisch basisonderzoek (SBO) en anderzijds O&O-projecten van minstens 3
  individuele bedrijven", and after Tabel 7: "Voor de onderzoeks- en ontwikkelingsprojecten
  blijft het nog steeds nodig dat minstens 3 bedrijven als partner betrokken zijn
  (onderaannemers niet meegerekend)".
* ``000 §3.3`` = the same report, §3.3 before Tabel 10: the first intercluster call made
  collaboration between existing clusters (spearhead clusters or IBNs) mandatory — hence two
  or more required clusters for an intercluster call.

Non-related firms: ICON asks for independent companies; the graph holds no ownership links,
so ``min_independent_firms`` is checked on distinct organisations only (documented gap).

>>> RULES["icon"].min_firms, RULES["icon"].min_research
(3, 1)
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from graph.errors import InnographError

DATA = Path(__file__).parent / "data"

SEED_000 = (
    "IDEA Consult / Technopolis, Een onderzoek naar clusterondersteuning in Vlaanderen — "
    "eindrapport luik speerpuntclusters (15 June 2020)"
)
FLANDERS_SOURCE = (
    f"{SEED_000}, §2.2-2.3 (the cluster decree aims at "
    "'competitiviteitsverhoging bij Vlaamse ondernemingen'; target group 'consortia van "
    "Vlaamse ondernemingen')"
)
EU_SOURCE = (
    "Regulation (EU) No 1290/2013 (Horizon 2020 rules for participation), Art. 9(1): at "
    "least three legal entities established in three different Member States or associated "
    "countries"
)


@dataclass(frozen=True)
class InstrumentRules:
    id: str
    name: str
    min_firms: int = 0
    min_research: int = 0  # knowledge institutions (universities, SOCs, research centres)
    min_sme: int = 0  # SME firms
    min_members: int = 2
    max_members: int = 12
    typical_size: int = 6  # the size the builder aims for
    research_role: str = "research partner"
    firm_role: str = "firm"
    source: str = ""
    assumption: bool = True
    notes: str = ""
    eligibility: str = "any"  # who may be a funded partner: "flanders" or "any" (country)
    eligibility_source: str = ""
    min_countries: int = 0  # distinct countries among the funded partners (EU consortia)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def describe(self) -> str:
        parts = []
        if self.min_firms:
            parts.append(f">= {self.min_firms} {self.firm_role}s")
        if self.min_research:
            parts.append(
                f">= {self.min_research} {self.research_role}{'s' if self.min_research > 1 else ''}"
            )
        if self.min_sme:
            parts.append(f">= {self.min_sme} SME{'s' if self.min_sme > 1 else ''}")
        parts.append(f"{self.min_members}-{self.max_members} members")
        if self.min_countries:
            parts.append(f"from >= {self.min_countries} countries")
        return f"{self.name}: " + ", ".join(parts)


def _read_rules() -> dict[str, InstrumentRules]:
    """The rules table, ``data/instrument_rules.csv``; ``{SEED_000}`` etc. name the sources."""
    sources = {"SEED_000": SEED_000, "FLANDERS_SOURCE": FLANDERS_SOURCE, "EU_SOURCE": EU_SOURCE}
    types = {f.name: f.type for f in fields(InstrumentRules)}
    rules: dict[str, InstrumentRules] = {}
    with (DATA / "instrument_rules.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            values: dict[str, Any] = {}
            for name, text in row.items():
                if types[name] == "int":
                    values[name] = int(text)
                elif types[name] == "bool":
                    values[name] = text == "yes"
                else:
                    values[name] = text.format_map(sources)
            rules[row["id"]] = InstrumentRules(**values)
    return rules


RULES: dict[str, InstrumentRules] = _read_rules()
ALIASES = {
    "": "open",
    "eu": "h2020",
    "horizon": "h2020",
    "horizon-2020": "h2020",
    "ria": "h2020",
    "ia": "h2020",
    "none": "open",
    "c-sbo": "csbo",
    "sbo": "csbo",
    "o&o": "oo-research",
    "oo": "oo-research",
    "research": "oo-research",
    "development": "oo-development",
    "onderzoeksproject": "oo-research",
    "ontwikkelingsproject": "oo-development",
}
MIN_INTERCLUSTER_CLUSTERS = 2  # 000 §3.3


def instrument_id(name: str) -> str:
    key = (name or "").strip().lower().replace("_", "-").replace(" ", "-")
    key = ALIASES.get(key, key)
    if key not in RULES:
        raise InnographError(f"Unknown instrument {name!r}; known: {', '.join(RULES)}.")
    return key


def rules_for(
    instrument: str,
    graph_instruments: Mapping[str, Mapping[str, Any]] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> InstrumentRules:
    """The rules of an instrument: the table, then the graph's Instrument node, then the call."""
    key = instrument_id(instrument)
    rules = RULES[key]
    node = (graph_instruments or {}).get(key) or (graph_instruments or {}).get(rules.name.lower())
    if node:
        changes: dict[str, Any] = {}
        if node.get("min_firms") is not None:
            changes["min_firms"] = int(node["min_firms"])
        if node.get("min_research_partners") is not None:
            changes["min_research"] = int(node["min_research_partners"])
        if node.get("requires_sme") is not None:
            changes["min_sme"] = max(rules.min_sme, 1) if node["requires_sme"] else 0
        if node.get("eligibility"):
            changes["eligibility"] = str(node["eligibility"]).lower()
            ref = node.get("eligibility_source_ref")
            changes["eligibility_source"] = node.get("eligibility_source") or (
                f"{node.get('source_title') or 'instrument_rules.csv'}"
                + (f", {ref}" if ref else "")
            )
        if node.get("min_countries") is not None:
            changes["min_countries"] = int(node["min_countries"])
        if changes:
            src = node.get("source") or "graph"
            rules = replace(rules, **changes, source=src, assumption=False)
    if overrides:
        allowed = {
            "min_firms",
            "min_research",
            "min_sme",
            "min_members",
            "max_members",
            "typical_size",
            "min_countries",
        }
        bad = sorted(set(overrides) - allowed)
        if bad:
            raise InnographError(
                f"Unknown rule(s) {', '.join(bad)}; allowed: {', '.join(sorted(allowed))}."
            )
        numbers: dict[str, Any] = {k: int(v) for k, v in overrides.items()}
        rules = replace(rules, **numbers, source=f"{rules.source}; call file overrides")
    if rules.max_members < max(rules.min_members, rules.min_firms + rules.min_research):
        raise InnographError(
            f"{rules.name}: max_members {rules.max_members} is below what the other rules require."
        )
    return rules
