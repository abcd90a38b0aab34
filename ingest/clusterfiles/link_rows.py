"""The ``memberships`` and ``participations`` tables: links between the rows of the others.

One membership per organisation and cluster: of two rows with different ``since`` (a
re-join) the later period is kept, as the graph model says; other repeats are duplicates. A
participant is an organisation or a cluster.
"""

from __future__ import annotations

from typing import Any

from ingest.checks import RowProblems, date_value, iso, required
from ingest.clusterfiles import references as refs
from ingest.clusterfiles.state import BuildState, Link, extras
from ingest.tables import Table


def build_memberships(s: BuildState, table: Table) -> None:
    kept: dict[tuple[str, str], tuple[Link, Any]] = {}
    for row in table.rows:
        bad = RowProblems(table, row)
        org_ref = required(bad, row, "organisation_id")
        cluster_ref = required(bad, row, "cluster_id")
        oid = refs.organisation(s, bad, "organisation_id", org_ref) if org_ref else None
        cid = refs.cluster(s, bad, "cluster_id", cluster_ref) if cluster_ref else None
        since, until = date_value(bad, row, "since"), date_value(bad, row, "until")
        if since and until and until < since:
            bad.add("until", f"until {until} is before since {since}")
        earlier = kept.get((oid, cid)) if oid and cid else None
        if earlier and not (since and earlier[1] and since != earlier[1]):
            bad.add("cluster_id", f"the same membership as line {earlier[0].line}")
        if bad:
            s.reject(table, row, bad)
            continue
        assert oid and cid
        props = {
            "since": iso(since),
            "until": iso(until),
            "role": row.get("role") or None,
            **extras(table, row),
        }
        link = Link("Organisation", oid, "Cluster", cid, row.line, props)
        if earlier is None or since > earlier[1]:
            kept[(oid, cid)] = (link, since)
    s.memberships = sorted((link for link, _ in kept.values()), key=lambda k: k.line)


def build_participations(s: BuildState, table: Table) -> None:
    first: dict[tuple[str, str], int] = {}
    for row in table.rows:
        bad = RowProblems(table, row)
        project_ref = required(bad, row, "project_id")
        who = required(bad, row, "participant_id")
        pid = refs.project(s, bad, project_ref) if project_ref else None
        participant = refs.participant(s, bad, who) if who else None
        if pid and participant:
            key = (participant[1], pid)
            if key in first:
                bad.add("participant_id", f"the same participation as line {first[key]}")
            first.setdefault(key, row.line)
        if bad:
            s.reject(table, row, bad)
            continue
        assert pid and participant
        props = {"role": row.get("role") or None, **extras(table, row)}
        s.participations.append(
            Link(participant[0], participant[1], "Project", pid, row.line, props)
        )
