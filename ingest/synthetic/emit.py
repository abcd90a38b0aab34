"""The drawn arrays as nodes and relationships (the only slow, pure-Python part)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

from graph.records import Node, Records, Rel, SourceInfo
from ingest.places import region_of
from ingest.synthetic.calibration import (
    GENERIC_TOPICS,
    INSTRUMENTS,
    KINDS,
    MOONSHOT_THEMES,
    SOURCE_TITLE,
    ClusterInfo,
)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a million acyclic objects are built.

    The collector would otherwise walk every young object again and again; nothing built here
    forms a cycle, so pausing it changes no result and saves about a third of the time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def records(
    seed: int,
    n: int,
    orgs: dict[str, np.ndarray],
    primary_of: np.ndarray,
    spearheads: list[ClusterInfo],
    ordered: list[ClusterInfo],
    m_org: np.ndarray,
    m_cluster: np.ndarray,
    since: np.ndarray,
    projects: dict[str, np.ndarray],
    topic_draws: list[list[int]],
    locations: bool,
) -> Records:
    """Turn the drawn arrays into nodes and relationships (the only slow, pure-Python part)."""
    source = f"synthetic:seed={seed}"
    ref = f"generate(n_organisations={n}, seed={seed})"
    width = max(5, len(str(max(n - 1, 0))))
    ids = [f"SYN:{i}" for i in range(n)]
    kind_names = ("Firm", "Research Institute", "Association")
    nodes: list[Node] = []
    for i, (k, size, group, nace, owner, prov, prim) in enumerate(
        zip(
            orgs["kind"].tolist(),
            orgs["size"].tolist(),
            orgs["group"].tolist(),
            orgs["nace"].tolist(),
            orgs["ownership"].tolist(),
            orgs["province"].tolist(),
            primary_of.tolist(),
            strict=True,
        )
    ):
        base = f"Synthetic {kind_names[k]} {i:0{width}d}"
        suffix = {0: " NV" if size == "large" else " BV", 1: "", 2: " VZW"}[k]
        topics = spearheads[prim].topics if prim >= 0 else GENERIC_TOPICS
        a, b, c = topic_draws[i]
        words = dict.fromkeys(
            (
                topics[a % len(topics)],
                topics[b % len(topics)],
                GENERIC_TOPICS[c % len(GENERIC_TOPICS)],
            )
        )
        nodes.append(
            Node(
                "Organisation",
                ids[i],
                {
                    "name": base + suffix,
                    "name_key": base.lower(),
                    "kind": KINDS[k],
                    "size": size,
                    "nace": nace,
                    "sector_group": group,
                    "ownership": owner,
                    "province": prov,
                    "region": region_of(prov),
                    "country": "BE",
                    "description": f"Synthetic {KINDS[k].replace('_', ' ')} (NACE {nace}) "
                    f"working on {', '.join(words)}.",
                    "synthetic": True,
                },
                source,
                ref,
            )
        )

    ins_ids = list(INSTRUMENTS)
    n_projects = projects["instrument"].size
    pwidth = max(5, len(str(max(n_projects - 1, 0))))
    pids = [f"SYN:P{j}" for j in range(n_projects)]
    rels: list[Rel] = []
    for j, (ins, lead, year) in enumerate(
        zip(
            projects["instrument"].tolist(),
            projects["lead"].tolist(),
            projects["year"].tolist(),
            strict=True,
        )
    ):
        topics = ordered[lead].topics
        a, b, c = topic_draws[j]
        themes = list(dict.fromkeys((topics[a % len(topics)], topics[b % len(topics)])))
        if ins_ids[ins] == "moonshot-sbo":
            themes.append(MOONSHOT_THEMES[c % len(MOONSHOT_THEMES)])
        nodes.append(
            Node(
                "Project",
                pids[j],
                {
                    "title": f"Synthetic project {j:0{pwidth}d}: {' and '.join(themes)}",
                    "instrument": INSTRUMENTS[ins_ids[ins]][0],
                    "instrument_id": ins_ids[ins],
                    "year": year,
                    "themes": themes,
                    "cluster": ordered[lead].id,
                    "kind": "synthetic",
                    "synthetic": True,
                },
                source,
                ref,
            )
        )
        rels.append(
            Rel(
                "FUNDED_BY",
                "Project",
                pids[j],
                "Instrument",
                ins_ids[ins],
                {"synthetic": True},
                source,
                ref,
            )
        )

    shared: dict[tuple, dict[str, Any]] = {}  # identical props dicts are shared: read-only

    def props(**kw: Any) -> dict[str, Any]:
        key = tuple(sorted(kw.items()))
        return shared.setdefault(key, {**kw, "synthetic": True})

    cluster_ids = [c.id for c in ordered]
    ends = [c.end_year for c in ordered]
    for o, c, y in zip(m_org.tolist(), m_cluster.tolist(), since.tolist(), strict=True):
        p = (
            props(role="member", since=y, until=ends[c])
            if ends[c]
            else props(role="member", since=y)
        )
        rels.append(
            Rel("MEMBER_OF", "Organisation", ids[o], "Cluster", cluster_ids[c], p, source, ref)
        )
    roles = {True: props(role="coordinator"), False: props(role="partner")}
    for p_, o, first in zip(
        projects["p_proj"].tolist(),
        projects["p_org"].tolist(),
        projects["coordinator"].tolist(),
        strict=True,
    ):
        rels.append(
            Rel(
                "PARTICIPATES_IN",
                "Organisation",
                ids[o],
                "Project",
                pids[p_],
                roles[first],
                source,
                ref,
            )
        )
    if locations:
        located = props()
        rels.extend(
            Rel("LOCATED_IN", "Organisation", ids[i], "Region", prov, located, source, ref)
            for i, prov in enumerate(orgs["province"].tolist())
        )
    info = SourceInfo(id=source, title=SOURCE_TITLE, kind="synthetic", synthetic=True)
    return Records(nodes=nodes, rels=rels, sources=[info])
