"""Validated rows -> the instruments (with their composition rules), programmes, themes,
transition priorities, links and statistics of the curated landscape."""

from __future__ import annotations

from typing import Any

from graph.keys import slug
from ingest.landscape.assembler import Assembler, Tables
from ingest.landscape.columns import rule_value
from ingest.tables import Row

EUR_FACTORS = {"EUR": 1, "kEUR": 1_000, "MEUR": 1_000_000}


def _instrument_rules(rows: list[Row], prefix: str = "") -> dict[str, dict[str, Any]]:
    """``{instrument id: {prop: value}}`` from rule rows; ``text`` rules become a list."""
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        props = out.setdefault(r["instrument_id"], {})
        rule, ref = r["rule"], r["source_ref"]
        if rule == "text":
            props.setdefault("rules_text", []).append(r["value"])
            props.setdefault("rules_text_source_ref", []).append(ref)
            continue
        key = prefix + rule
        props[key] = rule_value(rule, r["value"])
        props[key + "_source_ref"] = ref
        if r["scope"]:
            props[key + "_scope"] = r["scope"]
        if prefix:
            props[key + "_note"] = r["notes"]
            props[key + "_source"] = r["source"]
    return out


def instruments_and_programmes(a: Assembler, t: Tables) -> None:
    rules = _instrument_rules(t["instrument_rules.csv"])
    assumed = _instrument_rules(t["instrument_rules_assumed.csv"], prefix="assumed_")
    for r in t["instruments.csv"]:
        a.node(
            "Instrument",
            r["id"],
            {
                "name": r["name"],
                "aliases": r["aliases"],
                "description": r["description"],
                "first_year": r["first_year"],
                "last_year": r["last_year"],
                "replaced_by": r["replaced_by"],
                "notes": r["notes"],
                **rules.get(r["id"], {}),
                **assumed.get(r["id"], {}),
            },
            r,
        )
    for r in t["programmes.csv"]:
        a.node(
            "Programme",
            r["id"],
            {
                "name": r["name"],
                "aliases": r["aliases"],
                "description": r["description"],
                "start_year": r["start_year"],
                "end_year": r["end_year"],
                "rules_text": r["rules_text"],
            },
            r,
        )
    for r in t["themes.csv"]:
        a.node(
            "Theme",
            r["id"],
            {"name": r["name"], "description": r["description"], "programme": r["programme_id"]},
            r,
        )
        if r["programme_id"]:
            a.rel("HAS_THEME", ("Programme", r["programme_id"]), ("Theme", r["id"]), {}, r)
    for r in t["transition_priorities.csv"]:
        a.node(
            "TransitionPriority",
            r["id"],
            {"name": r["name"], "named_as": r["named_as"], "description": r["description"]},
            r,
        )
    for r in t["links.csv"]:
        a.rel(
            r["type"],
            (r["start_label"], r["start_id"]),
            (r["end_label"], r["end_id"]),
            {"relation": r["relation"], "notes": r["notes"]},
            r,
        )


def _in_eur(value: Any, unit: str) -> float | int | None:
    factor = EUR_FACTORS.get(unit.split("/")[0])
    if value is None or factor is None:
        return None
    return round(value * factor, 2)


def statistics(a: Assembler, t: Tables) -> None:
    for r in t["statistics.csv"]:
        clusters, instruments = r["cluster_id"] or [], r["instrument_id"] or []
        a.node(
            "Statistic",
            r["id"],
            {
                "kind": "figure",
                "table": r["table"],
                "metric": r["metric"],
                "year": r["year"],
                "value": r["value"],
                "value_min": r["value_min"],
                "value_max": r["value_max"],
                "unit": r["unit"],
                "value_eur": _in_eur(r["value"], r["unit"]),
                "value_min_eur": _in_eur(r["value_min"], r["unit"]),
                "value_max_eur": _in_eur(r["value_max"], r["unit"]),
                "measure": r["measure"],
                "qualifier": r["qualifier"],
                "as_stated": r["as_stated"],
                "cluster": clusters[0] if len(clusters) == 1 else None,
                "clusters": clusters,
                "instrument": instruments[0] if len(instruments) == 1 else None,
                "instruments": instruments,
                "programme": r["programme_id"],
                "region": r["region_id"],
                "category": r["category"],
                "basis": r["basis"],
                "notes": r["notes"],
                # a figure that does not fit the source's own other figures says so on its node
                "inconsistent": True if r["inconsistency"] else None,
                "inconsistency": r["inconsistency"],
                "inconsistent_with": r["inconsistent_with"],
            },
            r,
        )
        about = [("Cluster", c) for c in clusters] + [("Instrument", i) for i in instruments]
        about += [("Programme", r["programme_id"])] if r["programme_id"] else []
        about += [("Region", r["region_id"])] if r["region_id"] else []
        for end in about:
            a.rel("ABOUT", ("Statistic", r["id"]), end, {}, r)
        a.from_source("Statistic", r["id"], r)
    for r in t["kpi_definitions.csv"]:
        sid = f"stat-tabel-12-{r['cluster_id']}-{slug(r['code'])}"
        a.node(
            "Statistic",
            sid,
            {
                "kind": "kpi_definition",
                "table": "Tabel 12",
                "metric": r["text"],
                "code": r["code"],
                "category": r["category"],
                "subcategory": r["subcategory"],
                "as_stated": r["as_stated"],
                "cluster": r["cluster_id"],
                "clusters": [r["cluster_id"]],
            },
            r,
        )
        a.rel("ABOUT", ("Statistic", sid), ("Cluster", r["cluster_id"]), {}, r)
        a.from_source("Statistic", sid, r)
