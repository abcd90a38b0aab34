"""``export_clusterfiles``: benchmark records written out as a cluster manager's CSV folder
(the input of ``bench_ingest``'s cluster-file runs)."""

from __future__ import annotations

import csv
from pathlib import Path

from graph.records import Records


def export_clusterfiles(records: Records, folder: Path) -> Path:
    """The synthetic records as a cluster managers' export (semicolon CSV, as Excel writes)."""
    folder.mkdir(parents=True, exist_ok=True)

    def write(name: str, header: list[str], rows) -> None:
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, delimiter=";")
            w.writerow(header)
            w.writerows(rows)

    orgs = [n for n in records.nodes if n.label == "Organisation"]
    projects = [n for n in records.nodes if n.label == "Project"]
    write(
        "organisations",
        ["id", "name", "kind", "enterprise_number", "nace", "province", "size", "description"],
        (
            [
                n.id,
                n.props["name"],
                n.props["kind"],
                "",
                n.props.get("nace", ""),
                n.props.get("province", ""),
                n.props.get("size", ""),
                n.props.get("description", ""),
            ]
            for n in orgs
        ),
    )
    write(
        "projects",
        ["id", "title", "instrument", "year", "total_budget_eur", "themes"],
        (
            [
                n.id,
                n.props["title"],
                n.props.get("instrument_id", ""),
                n.props.get("year", ""),
                "",
                "|".join(n.props.get("themes", [])),
            ]
            for n in projects
        ),
    )
    write(
        "memberships",
        ["organisation_id", "cluster_id", "since", "until", "role"],
        (
            [
                r.start_id,
                r.end_id,
                f"{r.props.get('since', 2020)}-01-01",
                "",
                r.props.get("role", ""),
            ]
            for r in records.rels
            if r.type == "MEMBER_OF"
        ),
    )
    write(
        "participations",
        ["project_id", "participant_id", "role"],
        (
            [r.end_id, r.start_id, r.props.get("role", "")]
            for r in records.rels
            if r.type == "PARTICIPATES_IN"
        ),
    )
    return folder
