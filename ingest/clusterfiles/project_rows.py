"""The ``projects`` table: a cluster's projects, their instrument and themes.

A project becomes ``clusterfiles:<folder>:<local id>``; its instrument is named by
``ingest.vocab.instrument_id`` (the text is kept when no instrument fits) and its themes
(``a | b``) become ``Theme`` nodes ``theme-<slug>``.
"""

from __future__ import annotations

from graph.keys import slug
from ingest.checks import RowProblems, bool_value, parsed, required, unique_id
from ingest.clusterfiles.state import BuildState, Project, extras
from ingest.tables import Table, parse_amount, parse_list, parse_year
from ingest.vocab import instrument_id


def build_projects(s: BuildState, table: Table) -> None:
    first: dict[str, int] = {}
    for row in table.rows:
        bad = RowProblems(table, row)
        local = unique_id(bad, row, first)
        title = required(bad, row, "title")
        year = parsed(bad, row, "year", parse_year)
        budget = parsed(bad, row, "total_budget_eur", parse_amount)
        example = bool_value(bad, row, "example")
        if bad:
            s.reject(table, row, bad, local)
            continue
        assert local and title
        text = row.get("instrument")
        instrument = instrument_id(text) if text else None
        themes: dict[str, str] = {}
        for t in parse_list(row.get("themes")):
            if slug(t):
                themes.setdefault(f"theme-{slug(t)}", " ".join(t.split()))
        props = {
            "title": title,
            "instrument": instrument or text or None,
            "year": year,
            "total_budget_eur": budget,
            "themes": list(themes.values()) or None,
            "kind": "cluster_project",
            "example": example or None,
            "external_ids": [s.local_id(local)],
            **extras(table, row),
        }
        s.projects[local.lower()] = Project(
            s.local_id(local), row.line, props, instrument, list(themes.items())
        )
