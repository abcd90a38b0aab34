"""The ``clusters`` table: IBNs (and spearhead clusters) with their parent spearhead cluster.

A cluster id the graph or the curated landscape knows keeps that spelling. A parent must be a
spearhead cluster of these files, the graph or the landscape; parents are checked once every
row is read, so a parent may come later in the file.
"""

from __future__ import annotations

from graph.keys import name_key
from ingest.checks import RowProblems, bool_value, choice, date_value, iso, required, unique_id
from ingest.clusterfiles import references as refs
from ingest.clusterfiles.state import BuildState, Cluster, extras
from ingest.tables import Row, Table
from ingest.vocab import TYPE_ALIASES, TYPE_SPELLINGS


def build_clusters(s: BuildState, table: Table) -> None:
    first: dict[str, int] = {}
    for row in table.rows:
        bad = RowProblems(table, row)
        cid = unique_id(bad, row, first)
        cluster = _cluster(s, table, row, bad, cid)
        if bad:
            s.reject(table, row, bad, cid)
        elif cluster is not None:
            s.clusters[cluster[0].lower()] = cluster[1]
    _check_parents(s, table)


def _cluster(
    s: BuildState, table: Table, row: Row, bad: RowProblems, cid: str | None
) -> tuple[str, Cluster] | None:
    """(local id, cluster) of a row, or None when it has problems (added to ``bad``)."""
    name = required(bad, row, "name")
    ctype = choice(bad, row, "type", TYPE_ALIASES, TYPE_SPELLINGS, needed=True)
    start, end = date_value(bad, row, "start_date"), date_value(bad, row, "end_date")
    if start and end and end < start:
        bad.add("end_date", f"end_date {end} is before start_date {start}")
    parent = row.get("parent_id") or None
    if parent and ctype == "spearhead":
        bad.add("parent_id", "parent_id is for IBNs; a spearhead cluster has no parent")
    if parent and cid and parent.lower() == cid.lower():
        bad.add("parent_id", "a cluster cannot be its own parent")
    example = bool_value(bad, row, "example")
    if bad:
        return None
    assert cid and name and ctype
    props = {
        "name": name,
        "name_key": name_key(name),
        "type": ctype,
        "domain": row.get("domain") or None,
        "start_date": iso(start),
        "end_date": iso(end),
        "example": example or None,
        **extras(table, row),
    }
    gid = s.known_clusters.get(cid.lower(), cid)
    return cid, Cluster(gid, row.line, ctype, props, parent)


def _check_parents(s: BuildState, table: Table) -> None:
    """Each kept cluster's parent: a spearhead cluster; rows whose parent fails are rejected."""
    rows = {r.line: r for r in table.rows}
    for key, cluster in list(s.clusters.items()):
        if not cluster.parent:
            continue
        row = rows[cluster.line]
        bad = RowProblems(table, row)
        local = s.clusters.get(cluster.parent.lower())
        if local is not None and local.type != "spearhead":
            bad.add(
                "parent_id",
                f"parent '{cluster.parent}' is an IBN; a parent is a spearhead cluster",
            )
        parent = refs.cluster(s, bad, "parent_id", cluster.parent)
        if bad:
            del s.clusters[key]
            s.reject(table, row, bad, row.get("id"))
        else:
            cluster.parent = parent
