"""Read the curated files, every cell typed, and check them across files.

``read_table`` reads one file through ``ingest.tables`` against its columns (``columns.FILES``):
a missing or unknown column, an empty required value or a cell that does not parse is a
problem. ``validate`` then checks what no single row can: unique keys, and that every
reference names something that exists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from graph.errors import Problem
from graph.keys import name_key
from ingest.landscape.columns import FILES, LINK_LABELS, REFS, UNIQUE, rule_value
from ingest.tables import Row, TableSpec, open_csv, typed

Tables = dict[str, list[Row]]
# The curated files' free-text columns (longer than a name or a code may be: ingest.tables.limits)
PROSE = ("description", "history", "notes", "rules_text", "scope", "status_note")


def read_table(folder: Path, name: str, problems: list[Problem]) -> list[Row]:
    """The rows of ``folder/name`` whose cells all parse; every problem is appended."""
    columns = FILES[name]
    path = folder / name
    if not path.is_file():
        problems.append(Problem(name, 0, "", "file is missing"))
        return []
    names = tuple(c.name for c in columns)
    spec = TableSpec(name, (), names, fold=False, text=tuple(c for c in names if c in PROSE))
    table, unreadable = open_csv(path, spec, name)
    if table is None:
        problems += unreadable
        return []
    line = table.header_line or 1
    missing = [c.name for c in columns if c.name not in table.header]
    problems += [Problem(name, line, c, "missing column") for c in missing]
    problems += [
        Problem(name, line, h, "unknown column") for h in table.header if h not in spec.columns
    ]
    if missing:
        return []
    rows = []
    for row in table.rows:
        bad = row.problems + typed(row, columns)
        if row.width > len(table.header):
            bad.insert(0, Problem(name, row.line, "", "more cells than the header has columns"))
        problems += bad
        if not bad:
            rows.append(row)
    return rows


def _values(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _check_unique(
    rows: Iterable[Row], key: Callable[[Row], Any], column: str, problems: list[Problem]
) -> None:
    seen: dict[Any, int] = {}
    for row in rows:
        k = key(row)
        if k in seen:
            reason = f"duplicate key {k!r} (first on line {seen[k]})"
            problems.append(Problem(row.file, row.line, column, reason))
        else:
            seen[k] = row.line


def _known(t: Tables) -> dict[str, set[str]]:
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
        "statistic": ids("statistics.csv"),
        "organisation": {name_key(r["name"]) for r in t["organisations.csv"]},
    }
    known["cluster"] = known["spearhead cluster"] | known["IBN"]
    return known


def _key_value(column: str, value: Any) -> Any:
    return name_key(value) if column in ("organisation", "other") else value


def _row_key(columns: tuple[str, ...]) -> Callable[[Row], tuple[Any, ...]]:
    def key(row: Row) -> tuple[Any, ...]:
        return tuple(_key_value(c, row[c]) for c in columns)

    return key


def validate(t: Tables, problems: list[Problem]) -> None:
    """Cross-file checks: unique keys, and every reference names something that exists."""
    _check_keys(t, problems)
    _check_rules(t, problems)
    known = _known(t)
    _check_references(t, known, problems)
    _check_links(t, known, problems)
    _check_statistics(t, problems)


def _check_keys(t: Tables, problems: list[Problem]) -> None:
    for name, columns in FILES.items():
        keys = UNIQUE.get(name) or (("id",) if any(c.name == "id" for c in columns) else ())
        if keys:
            _check_unique(t[name], _row_key(keys), keys[-1], problems)


def _check_rules(t: Tables, problems: list[Problem]) -> None:
    for name in ("instrument_rules.csv", "instrument_rules_assumed.csv"):
        _check_unique(
            [r for r in t[name] if r["rule"] != "text"],
            lambda r: (r["instrument_id"], r["rule"]),
            "rule",
            problems,
        )
        for row in t[name]:
            try:
                rule_value(row["rule"], row["value"])
            except ValueError as exc:
                problems.append(Problem(row.file, row.line, "value", str(exc)))


def _check_references(t: Tables, known: dict[str, set[str]], problems: list[Problem]) -> None:
    for name in FILES:
        if name == "sources.csv":
            continue
        for row in t[name]:
            if row["source"] not in known["source"]:
                reason = f"unknown source {row['source']!r}"
                problems.append(Problem(row.file, row.line, "source", reason))
    for name, column, what in REFS:
        for row in t[name]:
            for item in _values(row[column]):
                if _key_value(column, item) not in known[what]:
                    problems.append(Problem(row.file, row.line, column, f"unknown {what} {item!r}"))


def _check_links(t: Tables, known: dict[str, set[str]], problems: list[Problem]) -> None:
    for row in t["ibns.csv"]:
        if row["id"] in known["spearhead cluster"]:
            problems.append(Problem(row.file, row.line, "id", "also a spearhead cluster id"))
    for row in t["links.csv"]:
        for side in ("start", "end"):
            what, item = LINK_LABELS[row[f"{side}_label"]], row[f"{side}_id"]
            if item not in known[what]:
                reason = f"unknown {what} {item!r}"
                problems.append(Problem(row.file, row.line, f"{side}_id", reason))


def _check_statistics(t: Tables, problems: list[Problem]) -> None:
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
