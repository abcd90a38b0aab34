"""The files of the curated landscape: each one's columns and cell parsers, the keys that must
be unique in it, and the references between them (see ``README.md`` in this folder)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graph.model import ORG_KINDS
from ingest.tables import (
    Column,
    as_text,
    matching,
    one_of,
    parse_bool,
    parse_int,
    parse_iso_date,
    parse_list,
    parse_number,
)


def iso_date(s: str) -> str:
    """An ISO date, as its ISO text."""
    return parse_iso_date(s).isoformat()


def flag(s: str) -> bool:
    """``true`` or ``false`` (any case): the landscape's one notation."""
    return parse_bool(s, loose=False)


def number(s: str) -> int | float:
    """A number with ``.`` as decimal mark: the landscape's one notation."""
    return parse_number(s, comma=False)


def _req(name: str, parse: Callable[[str], Any] = as_text) -> Column:
    return Column(name, parse, required=True)


SOURCE = (_req("source"), _req("source_ref"))
RULES = ("min_firms", "min_research_partners", "requires_sme", "eligibility", "min_countries")
SLUG = r"[a-z0-9]+(-[a-z0-9]+)*"

FILES: dict[str, tuple[Column, ...]] = {
    "sources.csv": (
        _req("name"),
        _req("id"),
        _req("title"),
        _req("kind", one_of("document", "curated")),
        Column("path"),
    ),
    "spearhead_clusters.csv": (
        _req("id", matching(SLUG)),
        _req("name"),
        _req("domain"),
        Column("start_year", parse_int),
        Column("term_start", iso_date),
        Column("term_end", iso_date),
        Column("history"),
        Column("predecessor"),
        Column("aliases", parse_list),
        Column("description"),
        _req("status", one_of("funded", "not_in_2024_lineup")),
        _req("status_source"),
        _req("status_source_ref"),
        *SOURCE,
    ),
    "ibns.csv": (
        _req("id", matching("ibn-" + SLUG)),
        _req("name"),
        _req("call", one_of("first", "second")),
        _req("end_date", iso_date),
        Column("theme"),
        Column("aliases", parse_list),
        Column("description"),
        *SOURCE,
    ),
    "lineups.csv": (
        _req("id", matching(r"lineup-\d{4}")),
        _req("name"),
        _req("year", parse_int),
        Column("date", iso_date),
        Column("count_stated", parse_int),
        Column("not_listed", parse_list),
        Column("notes"),
        *SOURCE,
    ),
    "lineup_entries.csv": (
        _req("cluster_id"),
        _req("lineup_id"),
        _req("status", one_of("funded")),
        Column("term_start", iso_date),
        Column("term_end", iso_date),
        Column("term_end_year", parse_int),
        Column("domain"),
        Column("notes"),
        *SOURCE,
    ),
    "cluster_links.csv": (
        _req("ibn_id"),
        _req("cluster_id"),
        _req("relation", one_of("related", "integrated_into", "integration_planned", "parent")),
        _req("as_stated"),
        Column("integration_required", flag),
        Column("notes"),
        *SOURCE,
    ),
    "intercluster_projects.csv": (
        _req("id", matching("ic-" + SLUG)),
        Column("acronym"),
        _req("title"),
        _req("instrument_as_stated"),
        _req("instrument_id"),
        _req("year", parse_int),
        _req("year_stated", flag),
        _req("status", one_of("applied", "approved", "submitted", "rejected")),
        _req("approval", one_of("approved", "unknown", "not_approved")),
        Column("status_note"),
        _req("call"),
        Column("notes"),
        *SOURCE,
    ),
    "project_participants.csv": (
        _req("project_id"),
        _req("cluster_id"),
        _req("status", one_of("active", "withdrawn")),
        _req("as_stated"),
        *SOURCE,
    ),
    "instruments.csv": (
        _req("id", matching(SLUG)),
        _req("name"),
        Column("aliases", parse_list),
        _req("description"),
        Column("first_year", parse_int),
        Column("last_year", parse_int),
        Column("replaced_by"),
        Column("notes"),
        *SOURCE,
    ),
    "instrument_rules.csv": (
        _req("instrument_id"),
        _req("rule", one_of(*RULES, "text")),
        _req("value"),
        Column("scope"),
        *SOURCE,
        Column("notes"),
    ),
    "instrument_rules_assumed.csv": (
        _req("instrument_id"),
        _req("rule", one_of(*RULES)),
        _req("value"),
        Column("scope"),
        *SOURCE,
        _req("notes"),
    ),
    "programmes.csv": (
        _req("id", matching(SLUG)),
        _req("name"),
        Column("aliases", parse_list),
        _req("description"),
        Column("start_year", parse_int),
        Column("end_year", parse_int),
        Column("rules_text"),
        *SOURCE,
    ),
    "themes.csv": (
        _req("id", matching("theme-" + SLUG)),
        _req("name"),
        Column("programme_id"),
        Column("description"),
        *SOURCE,
    ),
    "transition_priorities.csv": (
        _req("id", matching("tp-" + SLUG)),
        _req("name"),
        _req("named_as"),
        Column("description"),
        *SOURCE,
    ),
    "regions.csv": (
        _req("id", matching(r"BE(-[A-Z]{3})?")),
        _req("name"),
        _req("name_nl"),
        _req("level", one_of("country", "region", "province")),
        Column("parent_id"),
        *SOURCE,
    ),
    "organisations.csv": (
        _req("name"),
        _req("kind", one_of(*ORG_KINDS)),
        Column("category"),
        Column("name_nl"),
        Column("name_fr"),
        Column("name_en"),
        Column("aliases", parse_list),
        Column("description"),
        *SOURCE,
    ),
    "organisation_ties.csv": (
        _req("organisation"),
        _req("cluster_id"),
        _req("type", one_of("TIED_TO", "MANAGES")),
        _req("relation"),
        Column("notes"),
        *SOURCE,
    ),
    "organisation_links.csv": (
        _req("organisation"),
        _req("other"),
        _req("type", one_of("PREDECESSOR_OF")),
        _req("relation"),
        Column("since", iso_date),
        Column("notes"),
        *SOURCE,
    ),
    "links.csv": (
        _req("type", one_of("COORDINATES", "HAS_THEME", "SERVES")),
        _req("start_label", one_of("Cluster", "Programme", "Project")),
        _req("start_id"),
        _req("end_label", one_of("Programme", "Theme", "TransitionPriority")),
        _req("end_id"),
        Column("relation"),
        Column("notes"),
        *SOURCE,
    ),
    "statistics.csv": (
        _req("id", matching("stat-" + SLUG)),
        _req("table"),
        _req("metric"),
        Column("year", parse_int),
        Column("value", number),
        Column("value_min", number),
        Column("value_max", number),
        _req("unit"),
        _req("measure", one_of("stated", "realised", "target")),
        Column("qualifier", one_of("approx", "almost", "more_than", "less_than")),
        _req("as_stated"),
        Column("cluster_id", parse_list),
        Column("instrument_id", parse_list),
        Column("programme_id"),
        Column("region_id"),
        Column("category"),
        Column("basis"),
        Column("notes"),
        Column("inconsistency"),
        Column("inconsistent_with", parse_list),
        *SOURCE,
    ),
    "kpi_definitions.csv": (
        _req("cluster_id"),
        _req("code"),
        _req("category"),
        Column("subcategory"),
        _req("text"),
        _req("as_stated"),
        *SOURCE,
    ),
}

# Keys that must be unique per file, besides ``id`` wherever a file has one.
UNIQUE: dict[str, tuple[str, ...]] = {
    "sources.csv": ("name",),
    "lineup_entries.csv": ("cluster_id", "lineup_id"),
    "cluster_links.csv": ("ibn_id", "cluster_id"),
    "project_participants.csv": ("project_id", "cluster_id"),
    "organisation_ties.csv": ("organisation", "cluster_id", "type"),
    "organisation_links.csv": ("organisation", "other", "type"),
    "links.csv": ("type", "start_id", "end_id"),
    "kpi_definitions.csv": ("cluster_id", "code"),
}

# (file, column, the kind of id the column must name)
REFS: tuple[tuple[str, str, str], ...] = (
    ("spearhead_clusters.csv", "status_source", "source"),
    ("lineups.csv", "not_listed", "spearhead cluster"),
    ("lineup_entries.csv", "cluster_id", "spearhead cluster"),
    ("lineup_entries.csv", "lineup_id", "line-up"),
    ("cluster_links.csv", "ibn_id", "IBN"),
    ("cluster_links.csv", "cluster_id", "spearhead cluster"),
    ("intercluster_projects.csv", "instrument_id", "instrument"),
    ("project_participants.csv", "project_id", "project"),
    ("project_participants.csv", "cluster_id", "cluster"),
    ("instruments.csv", "replaced_by", "instrument"),
    ("instrument_rules.csv", "instrument_id", "instrument"),
    ("instrument_rules_assumed.csv", "instrument_id", "instrument"),
    ("themes.csv", "programme_id", "programme"),
    ("regions.csv", "parent_id", "region"),
    ("organisation_ties.csv", "organisation", "organisation"),
    ("organisation_ties.csv", "cluster_id", "cluster"),
    ("organisation_links.csv", "organisation", "organisation"),
    ("organisation_links.csv", "other", "organisation"),
    ("kpi_definitions.csv", "cluster_id", "spearhead cluster"),
    ("statistics.csv", "cluster_id", "cluster"),
    ("statistics.csv", "instrument_id", "instrument"),
    ("statistics.csv", "programme_id", "programme"),
    ("statistics.csv", "region_id", "region"),
    ("statistics.csv", "inconsistent_with", "statistic"),
)

LINK_LABELS = {
    "Cluster": "cluster",
    "Programme": "programme",
    "Project": "project",
    "Theme": "theme",
    "TransitionPriority": "transition priority",
}


def rule_value(rule: str, text: str) -> Any:
    """The value of an instrument rule: a whole number, a boolean or a text."""
    if rule in ("min_firms", "min_research_partners", "min_countries"):
        return parse_int(text)
    if rule == "requires_sme":
        return flag(text)
    if rule == "eligibility":
        value = text.strip().lower()
        if value not in ("flanders", "any"):
            raise ValueError(f"eligibility {text!r} is neither 'flanders' nor 'any'")
        return value
    return text
