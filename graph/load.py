"""The one writer: MERGE ``Records`` into Neo4j in large UNWIND batches.

Order: sources, then nodes (grouped by label), then relationships (grouped by type and end
labels). Where two sources meet on one node or relationship, each field keeps the source that
set it and only a source of higher precedence changes it (``graph.precedence``).
Each batch is its own managed transaction, retried by the driver on transient errors. Every
statement MERGEs on keys, so a load killed halfway leaves a consistent graph (every
relationship has both ends) and a re-run completes it without duplicating anything.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from graph import catalog, precedence
from graph.db import Database
from graph.model import NODE_LABELS, REL_TYPES
from graph.records import Records

Progress = Callable[[str, int], None]


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    missing: int = 0  # relationships whose start or end node does not exist
    rejected: int = 0  # rows the builder refused (filled in by the caller)

    def add(self, other: Counts) -> None:
        for f in ("created", "updated", "unchanged", "missing", "rejected"):
            setattr(self, f, getattr(self, f) + getattr(other, f))


@dataclass
class LoadSummary:
    per_type: dict[str, Counts] = field(default_factory=dict)

    def counts(self, name: str) -> Counts:
        return self.per_type.setdefault(name, Counts())

    def rows(self) -> list[dict[str, Any]]:
        return [{"type": k, **vars(v)} for k, v in sorted(self.per_type.items())]

    @property
    def changed(self) -> int:
        return sum(c.created + c.updated for c in self.per_type.values())


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    """Neo4j stores no nulls and no empty lists of unknown type: drop them."""
    return {k: v for k, v in props.items() if v is not None and v != [] and v != ()}


def node_rows(records: Records) -> dict[str, list[dict[str, Any]]]:
    by_label: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for n in records.nodes:
        if n.label not in NODE_LABELS:
            raise ValueError(f"{n.label!r} is not a node label of the model")
        rows = by_label[n.label]
        if n.id in rows:  # one node from several rows: merge their properties, first wins
            merged = {**_clean(n.props), **rows[n.id]["props"]}
            rows[n.id]["props"] = merged
            continue
        rows[n.id] = {"id": n.id, "props": _clean(n.props), "source": n.source, "ref": n.ref}
    return {label: list(rows.values()) for label, rows in by_label.items()}


def rel_rows(records: Records) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    groups: dict[tuple[str, str, str], dict[tuple[str, str], dict[str, Any]]] = defaultdict(dict)
    for r in records.rels:
        if r.type not in REL_TYPES:
            raise ValueError(f"{r.type!r} is not a relationship type of the model")
        key = (r.type, r.start_label, r.end_label)
        rows = groups[key]
        pair = (r.start_id, r.end_id)
        if pair in rows:
            rows[pair]["props"] = {**_clean(r.props), **rows[pair]["props"]}
            continue
        rows[pair] = {
            "start": r.start_id,
            "end": r.end_id,
            "props": _clean(r.props),
            "source": r.source,
            "ref": r.ref,
        }
    return {k: list(v.values()) for k, v in groups.items()}


def write_records(
    db: Database,
    records: Records,
    *,
    batch_size: int = 10_000,
    progress: Progress | None = None,
    now: str | None = None,
) -> LoadSummary:
    """MERGE every source, node and relationship of ``records``; return the counts per type."""
    now = now or datetime.now(UTC).isoformat()
    summary = LoadSummary()
    sources = {s.id: s for s in records.sources}
    if sources:
        rows = [
            {
                "id": s.id,
                "props": _clean(
                    {
                        "title": s.title,
                        "kind": s.kind,
                        "path": s.path,
                        "licence": s.licence,
                        "synthetic": s.synthetic,
                        "example": s.example,
                    }
                ),
            }
            for s in sources.values()
        ]
        db.write_rows("merge_sources", rows, {"now": now}, batch_size)

    for label, rows in node_rows(records).items():
        text = catalog.render("merge_nodes", label=label)
        _write_group(db, text, rows, now, batch_size, summary.counts(label), label, progress)
    for (rtype, start_label, end_label), rows in rel_rows(records).items():
        text = catalog.render("merge_relationships", start=start_label, end=end_label, type=rtype)
        _write_group(db, text, rows, now, batch_size, summary.counts(rtype), rtype, progress)
    return summary


def _write_group(
    db: Database,
    text: str,
    rows: list[dict[str, Any]],
    now: str,
    batch_size: int,
    counts: Counts,
    name: str,
    progress: Progress | None,
) -> None:
    """One statement over ``rows`` in batches; rows that matched nothing count as missing."""
    advance = (lambda n: progress(name, n)) if progress else None
    params = {"now": now, **precedence.params()}
    for batch in db.write_batches(text, rows, batch_size, params, advance):
        (res,) = batch.result
        counts.created += res["created"]
        counts.updated += res["updated"]
        counts.unchanged += res["matched"] - res["created"] - res["updated"]
        counts.missing += batch.size - res["matched"]


def total_rows(records: Records) -> int:
    return len(records.nodes) + len(records.rels)


def graph_counts(db: Database) -> dict[str, int]:
    """``{label or type: count}`` of the whole graph, for summaries and idempotence checks."""
    return {f"{r['kind']}:{r['name']}": r["count"] for r in db.read("count_graph")}
