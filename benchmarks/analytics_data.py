"""The deterministic data generator of ``bench_analytics`` (``generate``), and ``from_ingest``:
a projection from ``ingest.synthetic.generate``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analytics.projection import Projection, from_arrays, from_rows  # noqa: E402
from graph.model import ORG_KINDS  # noqa: E402

# (division, weight): industry ~45 %, services ~35 %, trade ~19 %, primary ~1 %

# (division, weight): industry ~45 %, services ~35 %, trade ~19 %, primary ~1 %
_DIVISIONS = [
    ("10", 6),
    ("20", 6),
    ("21", 3),
    ("22", 3),
    ("24", 2),
    ("25", 6),
    ("26", 4),
    ("27", 3),
    ("28", 6),
    ("29", 2),
    ("30", 2),
    ("33", 2),
    ("62", 10),
    ("63", 3),
    ("71", 7),
    ("72", 5),
    ("70", 4),
    ("73", 2),
    ("74", 2),
    ("46", 14),
    ("47", 3),
    ("45", 2),
    ("49", 2),
    ("52", 2),
    ("35", 2),
    ("01", 1),
]
_KINDS = [
    ("firm", 0.82),
    ("knowledge_institution", 0.07),
    ("government", 0.03),
    ("federation", 0.02),
    ("other", 0.06),
]
# every organisation kind of graph.model, drawn in this (older) order so the data stay the same
assert sorted(k for k, _ in _KINDS) == sorted(ORG_KINDS)
_KIND_NACE = {"knowledge_institution": "72", "government": "84", "federation": "94"}
N_THEMES = 40


def generate(
    n_orgs: int,
    seed: int = 7,
    memberships_per_org: float = 1.5,
    participations_per_org: float = 8.0,
) -> Projection:
    """A synthetic ``Projection`` of ``n_orgs`` organisations (deterministic for a seed)."""
    rng = np.random.default_rng(seed)
    n = int(n_orgs)
    width = max(6, len(str(n)))
    org_ids = [f"SYN-O{i:0{width}d}" for i in range(n)]

    kinds = rng.choice([k for k, _ in _KINDS], size=n, p=[p for _, p in _KINDS])
    sizes = np.where(kinds == "firm", np.where(rng.random(n) < 0.81, "sme", "large"), None)
    div_codes = [d for d, _ in _DIVISIONS]
    div_p = np.array([w for _, w in _DIVISIONS], dtype=float)
    divisions = rng.choice(div_codes, size=n, p=div_p / div_p.sum()).astype(object)
    for kind, code in _KIND_NACE.items():
        divisions[kinds == kind] = code
    divisions[rng.random(n) < 0.05] = None
    nace_codes = [None if d is None else f"{d}.{rng.integers(1, 10)}0" for d in divisions]

    # clusters: sizes 100-700, as many as 1.5 memberships per organisation need
    target = memberships_per_org * n
    n_clusters = max(3, int(round(target / 400)))
    cluster_ids = [f"SYN-C{c:04d}" for c in range(n_clusters)]
    cluster_types = ["spearhead" if c % 5 == 0 else "ibn" for c in range(n_clusters)]
    want = rng.integers(100, 701, size=n_clusters).astype(float)
    p_cluster = want / want.sum()
    per_org = rng.choice([1, 2, 3], size=n, p=[0.6, 0.3, 0.1])
    owners = np.repeat(np.arange(n), per_org)
    chosen = rng.choice(n_clusters, size=len(owners), p=p_cluster)
    memberships = np.unique(np.column_stack([owners, chosen]), axis=0)

    # projects: 3-30 partners, 70 % from a home cluster, the rest by heavy-tailed activity
    n_part = int(participations_per_org * n)
    proj_sizes = rng.integers(3, 31, size=max(1, n_part // 16))
    n_projects = len(proj_sizes)
    project_ids = [f"SYN-P{p:07d}" for p in range(n_projects)]
    home = rng.choice(n_clusters, size=n_projects, p=p_cluster)
    by_cluster = memberships[np.argsort(memberships[:, 1], kind="stable")]
    starts = np.searchsorted(by_cluster[:, 1], np.arange(n_clusters + 1))
    counts = np.diff(starts)
    slot_project = np.repeat(np.arange(n_projects), proj_sizes)
    slot_home = home[slot_project]
    pick = starts[slot_home] + (rng.random(len(slot_project)) * counts[slot_home]).astype(np.int64)
    from_home = by_cluster[np.minimum(pick, len(by_cluster) - 1), 0]
    activity = rng.pareto(1.5, size=n) + 1.0
    anyone = rng.choice(n, size=len(slot_project), p=activity / activity.sum())
    use_home = (rng.random(len(slot_project)) < 0.7) & (counts[slot_home] > 0)
    partner = np.where(use_home, from_home, anyone)
    participations = np.unique(np.column_stack([partner, slot_project]), axis=0)
    cluster_participations = np.column_stack([home, np.arange(n_projects)])[
        rng.random(n_projects) < 0.1
    ]

    favourite = rng.integers(0, N_THEMES, size=(n_clusters, 3))
    n_themes = rng.integers(1, 4, size=n_projects)
    themes = [
        tuple(sorted({f"theme-{int(favourite[h, j])}" for j in range(k)}))
        for h, k in zip(home.tolist(), n_themes.tolist(), strict=True)
    ]

    return from_arrays(
        org_ids,
        org_kind=kinds.tolist(),
        org_size=sizes.tolist(),
        org_nace=nace_codes,
        cluster_ids=cluster_ids,
        cluster_type=cluster_types,
        project_ids=project_ids,
        project_themes=themes,
        memberships=memberships,
        participations=participations,
        cluster_participations=cluster_participations,
    )


def from_ingest(n_orgs: int, seed: int) -> Projection:
    """A projection from ``ingest.synthetic.generate`` records (plus the real landscape)."""
    from ingest.synthetic import generate as generate_records  # type: ignore[attr-defined]

    records = generate_records(n_orgs, seed=seed)
    nodes: dict[str, list[dict[str, Any]]] = {}
    themes: dict[str, str] = {}
    for node in records.nodes:
        nodes.setdefault(node.label, []).append({"id": node.id, **node.props})
        if node.label == "Theme":
            themes[node.id] = node.props.get("name") or node.id
    member, part, cpart, has_theme = [], [], [], {}
    for r in records.rels:
        if r.type == "MEMBER_OF" and r.start_label == "Organisation":
            member.append({"organisation": r.start_id, "cluster": r.end_id})
        elif r.type == "PARTICIPATES_IN" and r.start_label == "Organisation":
            part.append({"organisation": r.start_id, "project": r.end_id})
        elif r.type == "PARTICIPATES_IN" and r.start_label == "Cluster":
            cpart.append({"cluster": r.start_id, "project": r.end_id})
        elif r.type == "HAS_THEME" and r.start_label == "Project":
            has_theme.setdefault(r.start_id, []).append(themes.get(r.end_id, r.end_id))
    projects = [
        {**p, "themes": [*(p.get("themes") or []), *has_theme.get(p["id"], [])]}
        for p in nodes.get("Project", [])
    ]
    return from_rows(
        nodes.get("Organisation", []), nodes.get("Cluster", []), member, projects, part, cpart
    )


# -- measuring -----------------------------------------------------------------------------------
