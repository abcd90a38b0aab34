"""The real cluster landscape, curated from the Dutch source documents in ``ingest/data/seeds``.

The facts live as CSV files in ``ingest/landscape/``, one file per kind of record (its
README says what each holds and why). Every row names its ``source`` (a seed file name such as
``000_da5ac1ebd3a3b6da.txt``) and its ``source_ref`` (``Tabel 10``, ``§3.3``...).
``build_landscape`` reads the files, validates every cell and every cross-reference, and returns
``Records``; it is pure (no Neo4j, no network). Bad files raise ``DataError`` with every problem
as ``file:line:column: reason``.

Ids: clusters ``catalisti``/``ibn-<slug>``, projects ``ic-<slug>``, instruments ``icon``...,
themes ``theme-<slug>``, transition priorities ``tp-<slug>``, statistics ``stat-<table>-<slug>``,
regions ISO 3166-2 (``BE-VAN``), organisations ``ORG:<name_key>``, line-ups ``lineup-<year>``.

>>> records = build_landscape()
>>> sorted(n.id for n in records.nodes if n.label == "Cluster" and n.props["type"] == "spearhead")
['blauwe-cluster', 'catalisti', 'flanders-food', 'flux50', 'medvia', 'sim', 'vil']
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from graph.errors import DataError, Problem
from graph.keys import name_key, slug
from graph.model import NODE_LABELS, ORG_KINDS
from ingest.records import Node, Records, Rel, SourceInfo

LANDSCAPE_DIR = Path(__file__).with_name("landscape")

# --- cell parsers: text -> value, or ValueError with a reason -------------------------------


def _text(s: str) -> str:
    return s


def _int(s: str) -> int:
    try:
        return int(s)
    except ValueError:
        raise ValueError(f"{s!r} is not a whole number") from None


def _number(s: str) -> int | float:
    try:
        x = float(s)
    except ValueError:
        raise ValueError(f"{s!r} is not a number") from None
    return int(x) if x.is_integer() and "." not in s else x


def _bool(s: str) -> bool:
    if s.lower() not in ("true", "false"):
        raise ValueError(f"{s!r} is not true or false")
    return s.lower() == "true"


def _date(s: str) -> str:
    try:
        return date.fromisoformat(s).isoformat()
    except ValueError:
        raise ValueError(f"{s!r} is not a date (YYYY-MM-DD)") from None


def _list(s: str) -> list[str]:
    return [part.strip() for part in s.split("|") if part.strip()]


def _one_of(*choices: str) -> Callable[[str], str]:
    def parse(s: str) -> str:
        if s not in choices:
            raise ValueError(f"{s!r} is not one of {', '.join(choices)}")
        return s

    return parse


def _pattern(regex: str) -> Callable[[str], str]:
    compiled = re.compile(regex)

    def parse(s: str) -> str:
        if not compiled.fullmatch(s):
            raise ValueError(f"{s!r} does not match {regex}")
        return s

    return parse


@dataclass(frozen=True)
class Column:
    name: str
    parse: Callable[[str], Any] = _text
    required: bool = False


def _req(name: str, parse: Callable[[str], Any] = _text) -> Column:
    return Column(name, parse, required=True)


SOURCE = (_req("source"), _req("source_ref"))
RULES = ("min_firms", "min_research_partners", "requires_sme")
SLUG = r"[a-z0-9]+(-[a-z0-9]+)*"

FILES: dict[str, tuple[Column, ...]] = {
    "sources.csv": (
        _req("name"),
        _req("id"),
        _req("title"),
        _req("kind", _one_of("document", "curated")),
        Column("path"),
    ),
    "spearhead_clusters.csv": (
        _req("id", _pattern(SLUG)),
        _req("name"),
        _req("domain"),
        Column("start_year", _int),
        Column("term_start", _date),
        Column("term_end", _date),
        Column("history"),
        Column("predecessor"),
        Column("aliases", _list),
        Column("description"),
        _req("status", _one_of("funded", "not_in_2024_lineup")),
        _req("status_source"),
        _req("status_source_ref"),
        *SOURCE,
    ),
    "ibns.csv": (
        _req("id", _pattern("ibn-" + SLUG)),
        _req("name"),
        _req("call", _one_of("first", "second")),
        _req("end_date", _date),
        Column("theme"),
        Column("aliases", _list),
        Column("description"),
        *SOURCE,
    ),
    "lineups.csv": (
        _req("id", _pattern(r"lineup-\d{4}")),
        _req("name"),
        _req("year", _int),
        Column("date", _date),
        Column("count_stated", _int),
        Column("not_listed", _list),
        Column("notes"),
        *SOURCE,
    ),
    "lineup_entries.csv": (
        _req("cluster_id"),
        _req("lineup_id"),
        _req("status", _one_of("funded")),
        Column("term_start", _date),
        Column("term_end", _date),
        Column("term_end_year", _int),
        Column("domain"),
        Column("notes"),
        *SOURCE,
    ),
    "cluster_links.csv": (
        _req("ibn_id"),
        _req("cluster_id"),
        _req("relation", _one_of("related", "integrated_into", "parent")),
        _req("as_stated"),
        Column("integration_required", _bool),
        Column("notes"),
        *SOURCE,
    ),
    "intercluster_projects.csv": (
        _req("id", _pattern("ic-" + SLUG)),
        Column("acronym"),
        _req("title"),
        _req("instrument_as_stated"),
        _req("instrument_id"),
        _req("year", _int),
        _req("year_stated", _bool),
        _req("status", _one_of("approved", "submitted", "rejected")),
        Column("status_note"),
        _req("call"),
        Column("notes"),
        *SOURCE,
    ),
    "project_participants.csv": (
        _req("project_id"),
        _req("cluster_id"),
        _req("status", _one_of("active", "withdrawn")),
        _req("as_stated"),
        *SOURCE,
    ),
    "instruments.csv": (
        _req("id", _pattern(SLUG)),
        _req("name"),
        Column("aliases", _list),
        _req("description"),
        Column("first_year", _int),
        Column("last_year", _int),
        Column("replaced_by"),
        Column("notes"),
        *SOURCE,
    ),
    "instrument_rules.csv": (
        _req("instrument_id"),
        _req("rule", _one_of(*RULES, "text")),
        _req("value"),
        Column("scope"),
        *SOURCE,
        Column("notes"),
    ),
    "instrument_rules_assumed.csv": (
        _req("instrument_id"),
        _req("rule", _one_of(*RULES)),
        _req("value"),
        Column("scope"),
        *SOURCE,
        _req("notes"),
    ),
    "programmes.csv": (
        _req("id", _pattern(SLUG)),
        _req("name"),
        Column("aliases", _list),
        _req("description"),
        Column("start_year", _int),
        Column("end_year", _int),
        Column("rules_text"),
        *SOURCE,
    ),
    "themes.csv": (
        _req("id", _pattern("theme-" + SLUG)),
        _req("name"),
        Column("programme_id"),
        Column("description"),
        *SOURCE,
    ),
    "transition_priorities.csv": (
        _req("id", _pattern("tp-" + SLUG)),
        _req("name"),
        _req("named_as"),
        Column("description"),
        *SOURCE,
    ),
    "regions.csv": (
        _req("id", _pattern(r"BE(-[A-Z]{3})?")),
        _req("name"),
        _req("name_nl"),
        _req("level", _one_of("country", "region", "province")),
        Column("parent_id"),
        *SOURCE,
    ),
    "organisations.csv": (
        _req("name"),
        _req("kind", _one_of(*ORG_KINDS)),
        Column("category"),
        Column("aliases", _list),
        Column("description"),
        *SOURCE,
    ),
    "organisation_ties.csv": (
        _req("organisation"),
        _req("cluster_id"),
        _req("type", _one_of("TIED_TO", "MANAGES")),
        _req("relation"),
        Column("notes"),
        *SOURCE,
    ),
    "links.csv": (
        _req("type", _one_of("COORDINATES", "HAS_THEME", "SERVES")),
        _req("start_label", _one_of("Cluster", "Programme", "Project")),
        _req("start_id"),
        _req("end_label", _one_of("Programme", "Theme", "TransitionPriority")),
        _req("end_id"),
        Column("relation"),
        Column("notes"),
        *SOURCE,
    ),
    "statistics.csv": (
        _req("id", _pattern("stat-" + SLUG)),
        _req("table"),
        _req("metric"),
        Column("year", _int),
        Column("value", _number),
        Column("value_min", _number),
        Column("value_max", _number),
        _req("unit"),
        _req("measure", _one_of("stated", "realised", "target")),
        Column("qualifier", _one_of("approx", "almost", "more_than", "less_than")),
        _req("as_stated"),
        Column("cluster_id", _list),
        Column("instrument_id", _list),
        Column("programme_id"),
        Column("region_id"),
        Column("category"),
        Column("basis"),
        Column("notes"),
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

EUR_FACTORS = {"EUR": 1, "kEUR": 1_000, "MEUR": 1_000_000}


@dataclass(frozen=True)
class Row:
    """One validated CSV row: its file, its line and its parsed cells (``None`` when empty)."""

    file: str
    line: int
    cells: dict[str, Any]

    def __getitem__(self, column: str) -> Any:
        return self.cells.get(column)


# --- reading and validating ----------------------------------------------------------------


def read_table(folder: Path, name: str, problems: list[Problem]) -> list[Row]:
    """The rows of ``folder/name`` whose cells all parse; every problem is appended."""
    columns = FILES[name]
    path = folder / name
    if not path.is_file():
        problems.append(Problem(name, 0, "", "file is missing"))
        return []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames or []
        known = {c.name for c in columns}
        missing = [c.name for c in columns if c.name not in header]
        problems += [Problem(name, 1, c, "missing column") for c in missing]
        problems += [Problem(name, 1, h, "unknown column") for h in header if h not in known]
        if missing:
            return []
        rows = []
        for raw in reader:
            line, ok = reader.line_num, True
            cells: dict[str, Any] = {}
            if None in raw:
                problems.append(Problem(name, line, "", "more cells than the header has columns"))
                ok = False
            for col in columns:
                text = (raw.get(col.name) or "").strip()
                if not text:
                    cells[col.name] = None
                    if col.required:
                        problems.append(Problem(name, line, col.name, "required value is empty"))
                        ok = False
                    continue
                try:
                    cells[col.name] = col.parse(text)
                except ValueError as exc:
                    problems.append(Problem(name, line, col.name, str(exc)))
                    ok = False
            if ok:
                rows.append(Row(name, line, cells))
    return rows


def _values(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _check_refs(
    rows: Iterable[Row], column: str, valid: set[str], what: str, problems: list[Problem]
) -> None:
    for row in rows:
        for item in _values(row[column]):
            if item not in valid:
                problems.append(Problem(row.file, row.line, column, f"unknown {what} {item!r}"))


def _check_unique(
    rows: Iterable[Row], key: Callable[[Row], Any], column: str, problems: list[Problem]
) -> None:
    seen: dict[Any, int] = {}
    for row in rows:
        k = key(row)
        if k in seen:
            problems.append(
                Problem(
                    row.file, row.line, column, f"duplicate key {k!r} (first on line {seen[k]})"
                )
            )
        else:
            seen[k] = row.line


def _rule_value(rule: str, text: str) -> Any:
    if rule in ("min_firms", "min_research_partners"):
        return _int(text)
    if rule == "requires_sme":
        return _bool(text)
    return text


# Keys that must be unique per file, besides ``id`` wherever a file has one.
UNIQUE: dict[str, tuple[str, ...]] = {
    "sources.csv": ("name",),
    "lineup_entries.csv": ("cluster_id", "lineup_id"),
    "cluster_links.csv": ("ibn_id", "cluster_id"),
    "project_participants.csv": ("project_id", "cluster_id"),
    "organisation_ties.csv": ("organisation", "cluster_id", "type"),
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
    ("kpi_definitions.csv", "cluster_id", "spearhead cluster"),
    ("statistics.csv", "cluster_id", "cluster"),
    ("statistics.csv", "instrument_id", "instrument"),
    ("statistics.csv", "programme_id", "programme"),
    ("statistics.csv", "region_id", "region"),
)

LINK_LABELS = {
    "Cluster": "cluster",
    "Programme": "programme",
    "Project": "project",
    "Theme": "theme",
    "TransitionPriority": "transition priority",
}


def _known(t: dict[str, list[Row]]) -> dict[str, set[str]]:
    """The ids (or, for organisations, name keys) each kind of reference may name."""

    def ids(name: str) -> set[str]:
        return {r["id"] for r in t[name]}

    known = {
        "source": {r["name"] for r in t["sources.csv"]},
        "spearhead cluster": ids("spearhead_clusters.csv"),
        "IBN": ids("ibns.csv"),
        "line-up": ids("lineups.csv"),
        "instrument": ids("instruments.csv"),
        "project": ids("intercluster_projects.csv"),
        "programme": ids("programmes.csv"),
        "theme": ids("themes.csv"),
        "transition priority": ids("transition_priorities.csv"),
        "region": ids("regions.csv"),
        "organisation": {name_key(r["name"]) for r in t["organisations.csv"]},
    }
    known["cluster"] = known["spearhead cluster"] | known["IBN"]
    return known


def _key_value(column: str, value: Any) -> Any:
    return name_key(value) if column == "organisation" else value


def _row_key(columns: tuple[str, ...]) -> Callable[[Row], tuple[Any, ...]]:
    def key(row: Row) -> tuple[Any, ...]:
        return tuple(_key_value(c, row[c]) for c in columns)

    return key


def validate(t: dict[str, list[Row]], problems: list[Problem]) -> None:
    """Cross-file checks: unique keys, and every reference names something that exists."""
    for name, columns in FILES.items():
        keys = UNIQUE.get(name) or (("id",) if any(c.name == "id" for c in columns) else ())
        if keys:
            _check_unique(t[name], _row_key(keys), keys[-1], problems)
    for name in ("instrument_rules.csv", "instrument_rules_assumed.csv"):
        _check_unique(
            [r for r in t[name] if r["rule"] != "text"],
            lambda r: (r["instrument_id"], r["rule"]),
            "rule",
            problems,
        )
        for row in t[name]:
            try:
                _rule_value(row["rule"], row["value"])
            except ValueError as exc:
                problems.append(Problem(row.file, row.line, "value", str(exc)))

    known = _known(t)
    for name in FILES:
        if name != "sources.csv":
            _check_refs(t[name], "source", known["source"], "source", problems)
    for name, column, what in REFS:
        for row in t[name]:
            for item in _values(row[column]):
                if _key_value(column, item) not in known[what]:
                    problems.append(Problem(row.file, row.line, column, f"unknown {what} {item!r}"))
    for row in t["ibns.csv"]:
        if row["id"] in known["spearhead cluster"]:
            problems.append(Problem(row.file, row.line, "id", "also a spearhead cluster id"))
    for row in t["links.csv"]:
        for side in ("start", "end"):
            what, item = LINK_LABELS[row[f"{side}_label"]], row[f"{side}_id"]
            if item not in known[what]:
                reason = f"unknown {what} {item!r}"
                problems.append(Problem(row.file, row.line, f"{side}_id", reason))
    for row in t["statistics.csv"]:
        if all(row[c] is None for c in ("value", "value_min", "value_max")):
            problems.append(Problem(row.file, row.line, "value", "needs a value or a range"))
        if not any(row[c] for c in ("cluster_id", "instrument_id", "programme_id", "region_id")):
            problems.append(
                Problem(
                    row.file,
                    row.line,
                    "programme_id",
                    "must be about a cluster, instrument, programme or region",
                )
            )


# --- assembling records -------------------------------------------------------------------


class _Assembler:
    """Turns validated rows into nodes and relationships, each with its source and ref."""

    def __init__(self, sources: dict[str, str]):
        self.sources = sources  # seed file name -> Source id
        self.records = Records()

    def node(self, label: str, id: str, props: dict[str, Any], row: Row) -> None:
        assert label in NODE_LABELS
        source = self.sources[row["source"]]
        self.records.nodes.append(Node(label, id, props, source, row["source_ref"]))

    def rel(
        self,
        type: str,
        start: tuple[str, str],
        end: tuple[str, str],
        props: dict[str, Any],
        row: Row,
    ) -> None:
        self.records.rels.append(
            Rel(
                type,
                start[0],
                start[1],
                end[0],
                end[1],
                props,
                self.sources[row["source"]],
                row["source_ref"],
            )
        )

    def from_source(self, label: str, id: str, row: Row) -> None:
        source = self.sources[row["source"]]
        self.rel("FROM_SOURCE", (label, id), ("Source", source), {"ref": row["source_ref"]}, row)


def _org_id(name: str) -> str:
    return "ORG:" + name_key(name)


def _clusters(a: _Assembler, t: dict[str, list[Row]]) -> None:
    for r in t["spearhead_clusters.csv"]:
        a.node(
            "Cluster",
            r["id"],
            {
                "name": r["name"],
                "type": "spearhead",
                "domain": r["domain"],
                "start_year": r["start_year"],
                "term_start": r["term_start"],
                "term_end": r["term_end"],
                "history": r["history"],
                "predecessor": r["predecessor"],
                "aliases": r["aliases"],
                "name_key": name_key(r["name"]),
                "description": r["description"],
                "status": r["status"],
                "status_source": a.sources[r["status_source"]],
                "status_source_ref": r["status_source_ref"],
            },
            r,
        )
    for r in t["ibns.csv"]:
        a.node(
            "Cluster",
            r["id"],
            {
                "name": r["name"],
                "type": "ibn",
                "call": r["call"],
                "end_date": r["end_date"],
                "theme": r["theme"],
                "domain": r["theme"],
                "aliases": r["aliases"],
                "name_key": name_key(r["name"]),
                "description": r["description"],
            },
            r,
        )
    for r in t["lineups.csv"]:
        a.node(
            "Lineup",
            r["id"],
            {
                "name": r["name"],
                "year": r["year"],
                "date": r["date"],
                "count_stated": r["count_stated"],
                "not_listed": r["not_listed"],
                "notes": r["notes"],
            },
            r,
        )
        a.from_source("Lineup", r["id"], r)
    for r in t["lineup_entries.csv"]:
        a.rel(
            "LISTED_IN",
            ("Cluster", r["cluster_id"]),
            ("Lineup", r["lineup_id"]),
            {
                "status": r["status"],
                "term_start": r["term_start"],
                "term_end": r["term_end"],
                "term_end_year": r["term_end_year"],
                "domain": r["domain"],
                "notes": r["notes"],
            },
            r,
        )
    for r in t["cluster_links.csv"]:
        a.rel(
            "LINKED_TO",
            ("Cluster", r["ibn_id"]),
            ("Cluster", r["cluster_id"]),
            {
                "relation": r["relation"],
                "as_stated": r["as_stated"],
                "integration_required": r["integration_required"],
                "notes": r["notes"],
            },
            r,
        )


def _projects(a: _Assembler, t: dict[str, list[Row]]) -> None:
    for r in t["intercluster_projects.csv"]:
        a.node(
            "Project",
            r["id"],
            {
                "title": r["title"],
                "acronym": r["acronym"],
                "instrument": r["instrument_as_stated"],
                "instrument_id": r["instrument_id"],
                "year": r["year"],
                "year_stated": r["year_stated"],
                "status": r["status"],
                "status_note": r["status_note"],
                "call": r["call"],
                "kind": "intercluster",
                "notes": r["notes"],
            },
            r,
        )
        a.rel(
            "FUNDED_BY",
            ("Project", r["id"]),
            ("Instrument", r["instrument_id"]),
            {"as_stated": r["instrument_as_stated"]},
            r,
        )
        a.rel("IN_PROGRAMME", ("Project", r["id"]), ("Programme", "intercluster"), {}, r)
    for r in t["project_participants.csv"]:
        a.rel(
            "PARTICIPATES_IN",
            ("Cluster", r["cluster_id"]),
            ("Project", r["project_id"]),
            {"status": r["status"], "as_stated": r["as_stated"], "role": "participant"},
            r,
        )


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
        props[key] = _rule_value(rule, r["value"])
        props[key + "_source_ref"] = ref
        if r["scope"]:
            props[key + "_scope"] = r["scope"]
        if prefix:
            props[key + "_note"] = r["notes"]
            props[key + "_source"] = r["source"]
    return out


def _instruments_and_programmes(a: _Assembler, t: dict[str, list[Row]]) -> None:
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


def _organisations(a: _Assembler, t: dict[str, list[Row]]) -> None:
    for r in t["organisations.csv"]:
        a.node(
            "Organisation",
            _org_id(r["name"]),
            {
                "name": r["name"],
                "kind": r["kind"],
                "category": r["category"],
                "aliases": r["aliases"],
                "name_key": name_key(r["name"]),
                "description": r["description"],
                "country": "BE",
            },
            r,
        )
    for r in t["organisation_ties.csv"]:
        a.rel(
            r["type"],
            ("Organisation", _org_id(r["organisation"])),
            ("Cluster", r["cluster_id"]),
            {"relation": r["relation"], "notes": r["notes"]},
            r,
        )


def _regions(a: _Assembler, t: dict[str, list[Row]]) -> None:
    for r in t["regions.csv"]:
        a.node(
            "Region",
            r["id"],
            {"name": r["name"], "name_nl": r["name_nl"], "level": r["level"], "iso_code": r["id"]},
            r,
        )
        if r["parent_id"]:
            a.rel("PART_OF", ("Region", r["id"]), ("Region", r["parent_id"]), {}, r)


def _in_eur(value: Any, unit: str) -> float | int | None:
    factor = EUR_FACTORS.get(unit.split("/")[0])
    if value is None or factor is None:
        return None
    return round(value * factor, 2)


def _statistics(a: _Assembler, t: dict[str, list[Row]]) -> None:
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


def build_landscape(folder: Path | None = None) -> Records:
    """The curated landscape as ``Records``; raise ``DataError`` listing every problem found.

    Parameters
    ----------
    folder : the directory holding the CSV files (default: ``ingest/landscape``).
    """
    folder = Path(folder) if folder is not None else LANDSCAPE_DIR
    problems: list[Problem] = []
    tables = {name: read_table(folder, name, problems) for name in FILES}
    validate(tables, problems)
    if problems:
        raise DataError(
            problems,
            f"the curated landscape in {folder} has "
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''}",
        )
    a = _Assembler({r["name"]: r["id"] for r in tables["sources.csv"]})
    for build in (
        _regions,
        _clusters,
        _instruments_and_programmes,
        _projects,
        _organisations,
        _statistics,
    ):
        build(a, tables)
    a.records.sources = [
        SourceInfo(id=r["id"], title=r["title"], kind=r["kind"], path=r["path"] or "")
        for r in tables["sources.csv"]
    ]
    return a.records
