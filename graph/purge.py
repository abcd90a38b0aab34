"""Delete by provenance: ``innograph purge --synthetic | --examples | --source NAME``.

What goes:

* with ``synthetic``: every node and relationship flagged ``synthetic: true`` and the
  synthetic ``Source`` nodes; with ``examples``: likewise for ``example: true``;
* with ``source``: the ``Source`` nodes whose id is ``NAME`` or starts with ``NAME:`` or
  ``NAME/`` (``cordis`` names every CORDIS file, ``seeds/000_da5ac1ebd3a3b6da.txt`` one
  document), and every node or relationship that only those sources support;
* the relationships of every node that goes.

A node or relationship that another source still supports stays and only loses the purged
sources: they leave ``sources``, the fields they set are removed (the fields ``field_sources``
gives them, and all the creator's fields when the purged source created it; the next source
becomes the creator), so what remains is what the remaining sources said. The synthetic and
example sources are purged that way too, so a real node a demo row touched keeps only its
real sources.

Everything is read first (one statement for nodes, one for relationships), then deleted by
element id in batches through the one batch loop (``Database.write_rows``), relationships
before nodes, each batch its own transaction. A second purge finds nothing and writes nothing
(idempotent). Run a purge while no load runs: a node a concurrent load creates after the read
is not seen. Derived facts (analytics) are not this module's business: the CLI recomputes
them after a purge that deleted something (``innograph/cli_purge.py``).
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from graph.db import Database
from graph.errors import InnographError

# Fields that say where a node or relationship comes from: a purge rewrites them, never removes.
PROVENANCE = frozenset(
    {"id", "source", "source_ref", "sources", "field_sources", "loaded_at", "synthetic", "example"}
)


@dataclass
class PurgeReport:
    """What a purge deleted (or, on a dry run, would delete), per label and type."""

    nodes: Counter[str] = field(default_factory=Counter)
    relationships: Counter[str] = field(default_factory=Counter)
    stripped_nodes: int = 0  # kept, other sources support them; the purged sources taken off
    stripped_relationships: int = 0
    sources: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def deleted(self) -> int:
        return sum(self.nodes.values()) + sum(self.relationships.values())

    @property
    def changed(self) -> int:
        return self.deleted + self.stripped_nodes + self.stripped_relationships

    def rows(self) -> list[dict[str, Any]]:
        """One row per label or type: ``{what, name, deleted}``; then the stripped counts."""
        out = [{"what": "node", "name": k, "deleted": v} for k, v in sorted(self.nodes.items())]
        out += [
            {"what": "relationship", "name": k, "deleted": v}
            for k, v in sorted(self.relationships.items())
        ]
        return out


def source_matches(source_id: str, name: str) -> bool:
    """Whether ``--source name`` names the source ``source_id``.

    >>> source_matches("cordis:h2020/organization.csv", "cordis")
    True
    >>> source_matches("seeds/000_x.txt", "seeds"), source_matches("cordisx:a", "cordis")
    (True, False)
    """
    return source_id == name or source_id.startswith((name + ":", name + "/"))


def purged_sources(
    rows: list[dict[str, Any]], *, synthetic: bool, examples: bool, name: str | None
) -> list[str]:
    """The ids of the sources a purge takes away, from ``read_sources``-like rows
    (``{id, synthetic, example}``); an unknown ``name`` is an error with suggestions.

    >>> rows = [{"id": "cordis:a.csv"}, {"id": "synthetic:seed=7", "synthetic": True}]
    >>> purged_sources(rows, synthetic=True, examples=False, name="cordis")
    ['cordis:a.csv', 'synthetic:seed=7']
    """
    ids = sorted(
        r["id"]
        for r in rows
        if (synthetic and r.get("synthetic"))
        or (examples and r.get("example"))
        or (name and source_matches(r["id"], name))
    )
    if name and not any(source_matches(i, name) for i in ids):
        known = sorted(r["id"] for r in rows)
        close = difflib.get_close_matches(name, known, n=3, cutoff=0.4)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise InnographError(f"No source named {name!r} in the graph.{hint}")
    return ids


def plan(row: dict[str, Any], purged: set[str], *, synthetic: bool, examples: bool) -> Any:
    """What happens to one candidate: ``"delete"``, ``None`` (nothing), or the strip row
    (``{eid, sources, source, source_changed, field_sources, remove}``).

    >>> row = {"eid": "1", "is_source": False, "synthetic": False, "example": False,
    ...        "sources": ["seeds/a", "cordis:b"], "source": "seeds/a",
    ...        "field_sources": ["legal_name=cordis:b"], "fields": ["id", "name", "legal_name"]}
    >>> plan(row, {"cordis:b"}, synthetic=False, examples=False)["remove"]
    ['legal_name']
    >>> plan(row, {"seeds/a"}, synthetic=False, examples=False)["remove"]
    ['name']
    >>> plan(row, {"seeds/a", "cordis:b"}, synthetic=False, examples=False)
    'delete'
    """
    flagged = (synthetic and row["synthetic"]) or (examples and row["example"])
    sources = row["sources"]
    keep = [s for s in sources if s not in purged]
    if flagged or row.get("attached") or (row["is_source"] and row.get("id") in purged):
        return "delete"
    if sources and not keep:
        return "delete"
    if len(keep) == len(sources):
        return None
    owners = {e.split("=", 1)[0]: e.split("=", 1)[1] for e in row["field_sources"]}
    creator = row["source"]
    new_creator = creator if creator in keep else keep[0]
    remove = [k for k in row["fields"] if k not in PROVENANCE and owners.get(k, creator) in purged]
    field_sources = [f"{k}={s}" for k, s in owners.items() if s not in purged and s != new_creator]
    return {
        "eid": row["eid"],
        "sources": keep,
        "source": new_creator,
        "source_changed": new_creator != creator,
        "field_sources": field_sources,
        "remove": sorted(remove),
    }


def purge(
    db: Database,
    *,
    synthetic: bool = False,
    examples: bool = False,
    source: str | None = None,
    dry_run: bool = False,
    batch_size: int = 10_000,
) -> PurgeReport:
    """Delete by provenance (see the module docstring); ``dry_run`` only counts."""
    if not (synthetic or examples or source):
        raise InnographError("Say what to purge: --synthetic, --examples or --source NAME.")
    known = db.read("read_source_flags")
    purged = purged_sources(known, synthetic=synthetic, examples=examples, name=source)
    report = PurgeReport(sources=purged, dry_run=dry_run)
    params = {"synthetic": synthetic, "examples": examples, "sources": purged}
    flags = {"synthetic": synthetic, "examples": examples}
    doomed, strip_nodes = _sort(db.read("read_purge_nodes", **params), set(purged), flags)
    rels = db.read("read_purge_relationships", **params, doomed=[r["eid"] for r in doomed])
    doomed_rels, strip_rels = _sort(rels, set(purged), flags)
    report.nodes.update(r["kind"] for r in doomed)
    report.relationships.update(r["kind"] for r in doomed_rels)
    report.stripped_nodes, report.stripped_relationships = len(strip_nodes), len(strip_rels)
    if dry_run:
        return report
    ids = [{"eid": r["eid"]} for r in doomed_rels]
    db.write_rows("delete_relationships_by_element_id", ids, batch_size=batch_size)
    db.write_rows("strip_relationship_sources", strip_rels, batch_size=batch_size)
    db.write_rows("strip_node_sources", strip_nodes, batch_size=batch_size)
    ids = [{"eid": r["eid"]} for r in doomed]
    db.write_rows("delete_nodes_by_element_id", ids, batch_size=batch_size)
    return report


def _sort(
    rows: list[dict[str, Any]], purged: set[str], flags: dict[str, bool]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The candidates that go, and the strip rows of those that stay."""
    doomed, strip = [], []
    for row in rows:
        p = plan(row, purged, **flags)
        if p == "delete":
            doomed.append(row)
        elif p is not None:
            strip.append(p)
    return doomed, strip


def analysed(db: Database) -> bool:
    """Whether an analytics run ever finished on this graph (its derived facts exist)."""
    rows = db.read("read_graph_version")
    return bool(rows and rows[0].get("analysed_at"))


def drop_runs_except(db: Database, keep: str) -> int:
    """Delete the analytics runs other than ``keep`` (their facts were all recomputed)."""
    (row,) = db.write("delete_analytics_runs_except", keep=keep)
    return int(row["deleted"])


def drop_derived(db: Database) -> int:
    """Remove every derived fact and analytics run; the number of runs removed."""
    (row,) = db.write("delete_derived_facts")
    return int(row["runs"])
