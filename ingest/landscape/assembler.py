"""Validated rows -> nodes and relationships, each with its source and ref: the clusters,
line-ups, projects, organisations and regions of the curated landscape."""

from __future__ import annotations

from typing import Any

from graph.keys import name_key
from graph.model import NODE_LABELS
from graph.records import Node, Records, Rel
from ingest.tables import Row

Tables = dict[str, list[Row]]


class Assembler:
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


def clusters(a: Assembler, t: Tables) -> None:
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


def projects(a: Assembler, t: Tables) -> None:
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
                "approval": r["approval"],
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


def organisations(a: Assembler, t: Tables) -> None:
    for r in t["organisations.csv"]:
        names = [r[k] for k in ("name_nl", "name_fr", "name_en") if r[k]]
        a.node(
            "Organisation",
            _org_id(r["name"]),
            {
                "name": r["name"],
                "name_nl": r["name_nl"],
                "name_fr": r["name_fr"],
                "name_en": r["name_en"],
                "kind": r["kind"],
                "category": r["category"],
                # every other name is a matching aid: the names in Dutch, French and English too
                "aliases": list(dict.fromkeys([*names, *(r["aliases"] or [])])) or None,
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
    for r in t["organisation_links.csv"]:
        a.rel(
            r["type"],
            ("Organisation", _org_id(r["organisation"])),
            ("Organisation", _org_id(r["other"])),
            {"relation": r["relation"], "since": r["since"], "notes": r["notes"]},
            r,
        )


def regions(a: Assembler, t: Tables) -> None:
    for r in t["regions.csv"]:
        a.node(
            "Region",
            r["id"],
            {"name": r["name"], "name_nl": r["name_nl"], "level": r["level"], "iso_code": r["id"]},
            r,
        )
        if r["parent_id"]:
            a.rel("PART_OF", ("Region", r["id"]), ("Region", r["parent_id"]), {}, r)
