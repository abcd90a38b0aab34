"""References between the cluster files: an organisation, cluster, project or participant id.

Each lookup returns ``(id, reason, derived)``: ``derived`` when the reference fails only
because the row it names was rejected, or its file could not be read. Derived problems reject
the row in skip mode but are left out of ``DataError``, which lists root causes. Matching is
case-insensitive; an organisation may also be named by an id in the graph or an enterprise
number.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.keys import EnterpriseNumberError
from ingest.checks import RowProblems
from ingest.clusterfiles.state import BuildState

Found = tuple[str | None, str, bool]


def _from_files(
    s: BuildState, rows: Mapping[str, Any], table: str, noun: str, ref: str
) -> Found | None:
    """The row of these files a reference names, or why it was rejected; None if neither."""
    key = ref.lower()
    if key in rows:
        return rows[key].id, "", False
    if key in s.gone[table]:
        line = s.gone[table][key]
        return None, f"{noun} '{ref}' was rejected ({s.label(table)} line {line})", True
    return None


def _unknown(s: BuildState, table: str, noun: str, ref: str, where: str) -> Found:
    if s.unread(table):
        return None, f"unknown {noun} '{ref}' ({s.label(table)} could not be read)", True
    return None, f"unknown {noun} '{ref}': {where}", False


def org_lookup(s: BuildState, ref: str) -> Found:
    found = _from_files(s, s.orgs, "organisations", "organisation", ref)
    if found:
        return found
    if ref in s.index or ref in s.known_orgs:
        return ref, "", False
    try:
        by_number = s.index.by_enterprise_number(ref)
    except EnterpriseNumberError:
        by_number = None
    if by_number:
        return by_number, "", False
    where = f"not an id in {s.label('organisations')}, nor an organisation in the graph"
    return _unknown(s, "organisations", "organisation", ref, where)


def _named(
    s: BuildState, table: str, noun: str, ref: str, known: Mapping[str, str], where: str
) -> Found:
    """A cluster or project: a row of these files, else one the graph already knows."""
    found = _from_files(s, getattr(s, table), table, noun, ref)
    if found:
        return found
    if ref.lower() in known:
        return known[ref.lower()], "", False
    return _unknown(s, table, noun, ref, where)


def cluster_lookup(s: BuildState, ref: str) -> Found:
    where = f"not in {s.label('clusters')}, nor in the graph or the curated landscape"
    return _named(s, "clusters", "cluster", ref, s.known_clusters, where)


def project_lookup(s: BuildState, ref: str) -> Found:
    where = f"not in {s.label('projects')}, nor in the graph"
    return _named(s, "projects", "project", ref, s.known_projects, where)


def checked(bad: RowProblems, column: str, found: Found) -> str | None:
    """The id a lookup found; its reason added to ``bad`` when it found none."""
    value, reason, derived = found
    if reason:
        bad.add(column, reason, derived)
    return value


def organisation(s: BuildState, bad: RowProblems, column: str, ref: str) -> str | None:
    return checked(bad, column, org_lookup(s, ref))


def cluster(s: BuildState, bad: RowProblems, column: str, ref: str) -> str | None:
    return checked(bad, column, cluster_lookup(s, ref))


def project(s: BuildState, bad: RowProblems, ref: str) -> str | None:
    return checked(bad, "project_id", project_lookup(s, ref))


def participant(s: BuildState, bad: RowProblems, ref: str) -> tuple[str, str] | None:
    """``(label, id)`` of the organisation or cluster a participation names."""
    oid, org_reason, org_derived = org_lookup(s, ref)
    cid, cluster_reason, cluster_derived = cluster_lookup(s, ref)
    if oid and cid:
        bad.add("participant_id", f"'{ref}' names both an organisation and a cluster")
        return None
    if oid:
        return "Organisation", oid
    if cid:
        return "Cluster", cid
    if org_derived or cluster_derived:
        bad.add("participant_id", org_reason if org_derived else cluster_reason, True)
    else:
        bad.add(
            "participant_id",
            f"unknown participant '{ref}': not an organisation or a "
            f"cluster of these files, the graph or the curated landscape",
        )
    return None
