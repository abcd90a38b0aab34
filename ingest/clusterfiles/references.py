"""References between the cluster files: an organisation, cluster, project or participant id.

Each lookup returns ``(id, reason, derived)``: ``derived`` when the reference fails only
because the row it names was rejected, or its file could not be read. Derived problems reject
the row in skip mode but are left out of ``DataError``, which lists root causes. Matching is
case-insensitive; an organisation may also be named by an id in the graph or an enterprise
number.
"""

from __future__ import annotations

from graph.keys import EnterpriseNumberError
from ingest.checks import RowProblems
from ingest.clusterfiles.state import BuildState

Found = tuple[str | None, str, bool]


def org_lookup(s: BuildState, ref: str) -> Found:
    key = ref.lower()
    if key in s.orgs:
        return s.orgs[key].id, "", False
    if key in s.gone["organisations"]:
        line = s.gone["organisations"][key]
        return (
            None,
            f"organisation '{ref}' was rejected ({s.label('organisations')} line {line})",
            True,
        )
    if ref in s.index or ref in s.known_orgs:
        return ref, "", False
    try:
        found = s.index.by_enterprise_number(ref)
    except EnterpriseNumberError:
        found = None
    if found:
        return found, "", False
    if s.unread("organisations"):
        return (
            None,
            f"unknown organisation '{ref}' ({s.label('organisations')} could not be read)",
            True,
        )
    return (
        None,
        f"unknown organisation '{ref}': not an id in "
        f"{s.label('organisations')}, nor an organisation in the graph",
        False,
    )


def cluster_lookup(s: BuildState, ref: str) -> Found:
    key = ref.lower()
    if key in s.clusters:
        return s.clusters[key].id, "", False
    if key in s.gone["clusters"]:
        line = s.gone["clusters"][key]
        return None, f"cluster '{ref}' was rejected ({s.label('clusters')} line {line})", True
    if key in s.known_clusters:
        return s.known_clusters[key], "", False
    if s.unread("clusters"):
        return None, f"unknown cluster '{ref}' ({s.label('clusters')} could not be read)", True
    return (
        None,
        f"unknown cluster '{ref}': not in {s.label('clusters')}, nor in the "
        f"graph or the curated landscape",
        False,
    )


def project_lookup(s: BuildState, ref: str) -> Found:
    key = ref.lower()
    if key in s.projects:
        return s.projects[key].id, "", False
    if key in s.gone["projects"]:
        line = s.gone["projects"][key]
        return None, f"project '{ref}' was rejected ({s.label('projects')} line {line})", True
    if key in s.known_projects:
        return s.known_projects[key], "", False
    if s.unread("projects"):
        return None, f"unknown project '{ref}' ({s.label('projects')} could not be read)", True
    return (
        None,
        f"unknown project '{ref}': not in {s.label('projects')}, nor in the graph",
        False,
    )


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
