"""Analytics: innograph against plain networkx on the same numbers, in one run, same machine.

Measured: seconds, and peak memory as the growth of the resident set over the call, each in a
forked child process (free heap handed back first, high-water mark reset) so peaks do not mix:

* **overlap** - every pair of clusters: shared members, Jaccard, overlap coefficient, shared
  ids, sector and theme Jaccard. networkx: the bipartite graph, ``overlap_weighted_projected_
  graph`` (Jaccard and overlap coefficient) and set intersections per pair.
* **pagerank** - the ``projects`` view (weight = shared projects). networkx: ``nx.pagerank`` on
  the clique expansion, built with a plain pair loop (timed apart: ``nx build``). The ``both``
  view cannot be materialised at 100k (its cluster cliques have tens of millions of edges) and
  is timed for innograph only.
* **betweenness exact** - ``both`` view on a 5,000-organisation graph from the same generator.
  networkx: ``betweenness_centrality_subset`` on the organisation-hyperedge graph with the
  organisations as sources and targets (the same numbers, checked), run from the first
  ``--nx-exact-sources`` sources and extrapolated linearly when that is fewer than all.
* **betweenness sampled** - ``both`` view on the full graph with ``--pivots`` seeded pivots.
  networkx: the same subset call from the first ``--nx-pivots`` of the same pivots,
  extrapolated per pivot. Sampling error against exact on the 5,000-organisation graph.
* **cross-sector** - section-level matrices via projects and via clusters. Plain Python:
  ``itertools.combinations`` over each project's and cluster's members with a ``Counter``.
* optionally (``--neo4j``) ``analyze all`` end to end on a throwaway Neo4j of its own holding
  the landscape and ``ingest.synthetic`` members at ``--orgs`` (read the projection, compute,
  write back).

Data: a deterministic generator in this file (``generate``), or ``ingest.synthetic.generate``
with ``--source ingest``. ``--quick`` runs 5,000 organisations (exact part: 1,000) in well
under a minute.

    .venv/bin/python benchmarks/bench_analytics.py [--orgs 100000] [--quick]

Prints a table and writes ``benchmarks/results/analytics.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import dataclasses
import gc
import itertools
import multiprocessing as mp
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
from networkx.algorithms import bipartite

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analytics.brandes import dependencies  # noqa: E402
from analytics.centrality import betweenness, pagerank  # noqa: E402
from analytics.cross_sector import sector_matrix  # noqa: E402
from analytics.network import org_network  # noqa: E402
from analytics.overlap import cluster_overlap  # noqa: E402
from analytics.projection import Projection, from_arrays, from_rows  # noqa: E402
from benchmarks.common import add_out, shown, table, write_json  # noqa: E402
from graph import nace  # noqa: E402
from graph.model import ORG_KINDS  # noqa: E402

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
def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return 0


def _child(fn: Callable[[], Any], conn: Any) -> None:
    try:
        gc.collect()
        # hand free heap pages back, so that new allocations show in the RSS
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        try:  # reset the high-water mark to the current RSS (Linux >= 4.0)
            Path("/proc/self/clear_refs").write_text("5")
            start = _status("VmRSS")
        except OSError:
            start = None
        t0 = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - t0
        peak = _status("VmHWM") - start if start is not None else None
        conn.send(("ok", seconds, peak, result))
    except BaseException as e:  # noqa: BLE001 - a child reports any failure, never hangs the parent
        conn.send(("error", 0.0, None, repr(e)))
    finally:
        conn.close()


def measure(fn: Callable[[], Any]) -> tuple[float, int | None, Any]:
    """(seconds, peak RSS growth in bytes, result) of ``fn`` run in a forked child."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(fn, child))
    proc.start()
    child.close()
    status, seconds, peak, result = parent.recv()
    proc.join()
    if status != "ok":
        raise RuntimeError(result)
    return seconds, peak, result


def fresh(p: Projection) -> Projection:
    """The same projection without its cached matrices (so building them is timed)."""
    return dataclasses.replace(p, _memo={})


# -- innograph -----------------------------------------------------------------------------------
def ours_overlap(p: Projection) -> dict[str, Any]:
    ov = cluster_overlap(fresh(p))
    return {
        "pairs": len(ov),
        "shared": int(ov.shared.sum()),
        "jaccard": float(ov.jaccard.sum()),
        "coef": float(ov.overlap_coefficient.sum()),
        "ids": int(len(ov.shared_orgs)),
        "sector": float(ov.sector_jaccard.sum()),
        "theme": float(ov.theme_jaccard.sum()),
    }


def ours_pagerank(p: Projection, view: str) -> np.ndarray:
    return pagerank(org_network(fresh(p), view))


def ours_betweenness(p: Projection, pivots: int | None, seed: int) -> dict[str, Any]:
    b = betweenness(org_network(fresh(p), "both"), pivots, seed=seed, exact_threshold=10**9)
    return {
        "values": b.values,
        "se": b.standard_error,
        "bound": b.error_bound,
        "exact": b.exact,
        "pivots": b.pivots,
    }


def pivot_sample(n: int, k: int, seed: int) -> np.ndarray:
    """The pivots ``betweenness`` draws for ``(n, k, seed)``, in the same order."""
    return np.random.default_rng(seed).choice(n, size=k, replace=False)


def ours_cross(p: Projection) -> dict[str, list[list[int]]]:
    q = fresh(p)
    return {
        via: sector_matrix(q, "section", via).links.tolist() for via in ("projects", "clusters")
    }


# -- plain networkx ------------------------------------------------------------------------------
def _groups(pairs: np.ndarray) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for a, b in pairs.tolist():
        out.setdefault(b, []).append(a)
    return out


def nx_overlap(p: Projection) -> dict[str, Any]:
    g = nx.Graph()
    clusters = [("C", c) for c in range(p.n_clusters)]
    g.add_nodes_from(clusters, bipartite=0)
    g.add_nodes_from((("O", o) for o in range(p.n_orgs)), bipartite=1)
    g.add_edges_from((("C", c), ("O", o)) for o, c in p.memberships.tolist())
    jac = bipartite.overlap_weighted_projected_graph(g, clusters, jaccard=True)
    coef = bipartite.overlap_weighted_projected_graph(g, clusters, jaccard=False)
    division = [nace.division_of(code) for code in p.org_nace]
    projects_of = _groups(p.participations[:, ::-1])
    themes_of_project = p.project_themes
    own = _groups(p.cluster_participations[:, ::-1])

    def sectors(c: tuple[str, int]) -> set[str]:
        return {division[o] for _, o in g[c] if division[o] is not None}

    def themes(c: tuple[str, int]) -> set[str]:
        projs = set(own.get(c[1], []))
        for _, o in g[c]:
            projs.update(projects_of.get(o, []))
        return {t for q in projs for t in themes_of_project[q]}

    sec = {c: sectors(c) for c in clusters}
    thm = {c: themes(c) for c in clusters}

    def j(a: set, b: set) -> float:
        return len(a & b) / len(a | b) if a | b else 0.0

    out = {
        "pairs": 0,
        "shared": 0,
        "jaccard": 0.0,
        "coef": 0.0,
        "ids": 0,
        "sector": 0.0,
        "theme": 0.0,
    }
    for a, b, w in jac.edges(data="weight"):
        shared = sorted(o for _, o in set(g[a]) & set(g[b]))
        out["pairs"] += 1
        out["shared"] += len(shared)
        out["ids"] += len(shared)
        out["jaccard"] += w
        out["coef"] += coef[a][b]["weight"]
        out["sector"] += j(sec[a], sec[b])
        out["theme"] += j(thm[a], thm[b])
    return out


def nx_projects_graph(p: Projection) -> nx.Graph:
    """The clique expansion of the projects view, weight = shared projects (plain loop)."""
    g = nx.Graph()
    g.add_nodes_from(range(p.n_orgs))
    adj = g._adj  # plain dict updates: the fastest pure-networkx way to add weighted edges
    for members in _groups(p.participations).values():
        for u, v in itertools.combinations(members, 2):
            d = adj[u].get(v)
            if d is None:
                d = {"weight": 0}
                adj[u][v] = d
                adj[v][u] = d
            d["weight"] += 1
    return g


def nx_pagerank(p: Projection) -> dict[str, Any]:
    t0 = time.perf_counter()
    g = nx_projects_graph(p)
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    pr = nx.pagerank(g, weight="weight")
    run = time.perf_counter() - t0
    return {
        "build": build,
        "run": run,
        "edges": g.number_of_edges(),
        "values": np.array([pr[i] for i in range(p.n_orgs)]),
    }


def star_expansion(p: Projection) -> nx.Graph:
    net = org_network(p, "both")
    inc = net.incidence.tocoo()
    keep = net.weights > 0
    g = nx.Graph()
    g.add_nodes_from(range(net.n))
    g.add_edges_from(
        (int(r), net.n + int(c)) for r, c in zip(inc.row, inc.col, strict=True) if keep[c]
    )
    return g


def nx_betweenness(p: Projection, sources: list[int]) -> np.ndarray:
    g = star_expansion(p)
    n = p.n_orgs
    b = nx.betweenness_centrality_subset(g, sources, range(n), normalized=False)
    return np.array([b[v] for v in range(n)])


def nx_cross(p: Projection) -> dict[str, list[list[int]]]:
    names, sector = p.sectors("section")
    out = {}
    for via, pairs in (("projects", p.participations), ("clusters", p.memberships)):
        counts: Counter = Counter()
        for members in _groups(pairs).values():
            known = sorted(int(sector[o]) for o in members if sector[o] >= 0)
            counts.update(itertools.combinations(known, 2))
        m = [[0] * len(names) for _ in names]
        for (a, b), c in counts.items():
            if a == b:
                m[a][a] += c
            else:
                m[a][b] += c
                m[b][a] += c
        out[via] = m
    return out


# -- the run -------------------------------------------------------------------------------------
def _mb(b: int | None) -> float | None:
    return None if b is None else round(b / 2**20, 1)


def _ratio(slow: float | None, fast: float | None) -> float | None:
    return None if not slow or not fast else round(slow / fast, 1)


def sampling_error(exact: np.ndarray, est: dict[str, Any]) -> dict[str, Any]:
    err = np.abs(est["values"] - exact)
    top = 20
    top_exact = set(np.argsort(-exact, kind="stable")[:top].tolist())
    top_est = set(np.argsort(-est["values"], kind="stable")[:top].tolist())
    return {
        "pivots": est["pivots"],
        "max_abs_error": float(err.max()),
        "rms_error": float(np.sqrt(np.mean(err**2))),
        "rms_standard_error": float(np.sqrt(np.mean(est["se"] ** 2))),
        "max_standard_error": float(est["se"].max()),
        "hoeffding_bound": est["bound"],
        "share_within_bound": float((err <= est["bound"]).mean()),
        "max_exact_value": float(exact.max()),
        f"top{top}_overlap": len(top_exact & top_est) / top,
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    make = from_ingest if args.source == "ingest" else generate
    load_before = os.getloadavg()
    t0 = time.perf_counter()
    proj = make(args.orgs, args.seed)
    small = make(args.exact_orgs, args.seed + 1)
    gen_seconds = time.perf_counter() - t0
    sizes = {
        "organisations": proj.n_orgs,
        "clusters": proj.n_clusters,
        "projects": proj.n_projects,
        "memberships": proj.n_memberships,
        "participations": proj.n_participations,
        "relationships": proj.n_memberships
        + proj.n_participations
        + len(proj.cluster_participations),
        "exact_graph_organisations": small.n_orgs,
    }
    print(f"data ({args.source}, {gen_seconds:.1f} s): {sizes}", file=sys.stderr)
    rows: list[dict[str, Any]] = []
    detail: dict[str, Any] = {}

    def record(
        task: str,
        ours: tuple,
        base: tuple | None,
        base_seconds: float | None = None,
        note: str = "",
        check: str = "",
    ) -> None:
        s, mem, _ = ours
        bs = base_seconds if base_seconds is not None else (base[0] if base else None)
        rows.append(
            {
                "task": task,
                "innograph_s": round(s, 4),
                "innograph_mb": _mb(mem),
                "networkx_s": None if bs is None else round(bs, 3),
                "networkx_mb": _mb(base[1]) if base else None,
                "speedup": _ratio(bs, s),
                "check": check,
                "note": note,
            }
        )
        print(table(rows[-1:]), file=sys.stderr)

    # 1. overlap
    ours = measure(lambda: ours_overlap(proj))
    base = measure(lambda: nx_overlap(proj))
    same = (
        ours[2]["pairs"] == base[2]["pairs"]
        and ours[2]["shared"] == base[2]["shared"]
        and all(
            abs(ours[2][k] - base[2][k]) < 1e-6 * max(1, base[2]["pairs"])
            for k in ("jaccard", "coef", "sector", "theme")
        )
    )
    record(
        "overlap (all pairs)",
        ours,
        base,
        check="same" if same else "DIFFERENT",
        note=f"{ours[2]['pairs']} pairs, {ours[2]['ids']} shared ids",
    )

    # 2. pagerank
    ours = measure(lambda: ours_pagerank(proj, "projects"))
    both = measure(lambda: ours_pagerank(proj, "both"))
    base = None
    if not args.skip_nx_pagerank:
        base = measure(lambda: nx_pagerank(proj))
        diff = float(np.abs(ours[2] - base[2]["values"]).max())
        detail["pagerank"] = {
            "networkx_build_s": base[2]["build"],
            "networkx_pagerank_s": base[2]["run"],
            "edges": base[2]["edges"],
            "max_abs_diff": diff,
        }
        record(
            "pagerank, projects view",
            ours,
            base,
            base_seconds=base[2]["run"],
            check=f"max diff {diff:.1e}",
            note=f"{base[2]['edges']:,} edges; nx graph build {base[2]['build']:.1f} s more",
        )
        rows[-1]["speedup_incl_build"] = _ratio(base[2]["run"] + base[2]["build"], ours[0])
    record("pagerank, both view", both, None, note="clique expansion not materialisable")

    # 3. exact betweenness on the small graph
    n_small = small.n_orgs
    ours_exact = measure(lambda: ours_betweenness(small, n_small, 0))
    m = min(n_small, args.nx_exact_sources)
    sources = list(range(m))
    base = measure(lambda: nx_betweenness(small, sources))
    diff = float(np.abs(reference_betweenness(small, sources) - base[2]).max())
    record(
        f"betweenness exact, {n_small:,} orgs",
        ours_exact,
        base,
        base_seconds=base[0] * n_small / m,
        check=f"max diff {diff:.1e}",
        note="networkx all sources"
        if m == n_small
        else f"networkx timed on {m} sources, x{n_small / m:.1f}",
    )

    # 4. sampled betweenness on the full graph
    k = min(args.pivots, proj.n_orgs - 1)
    ours_s = measure(lambda: ours_betweenness(proj, k, args.seed))
    k_nx = min(args.nx_pivots, k)
    piv = pivot_sample(proj.n_orgs, k, args.seed)[:k_nx].tolist()
    base = measure(lambda: nx_betweenness(proj, piv))
    ref = reference_betweenness(proj, piv)
    diff = float(np.abs(ref - base[2]).max() / max(1.0, np.abs(base[2]).max()))
    record(
        f"betweenness sampled, {k} pivots",
        ours_s,
        base,
        base_seconds=base[0] * k / k_nx,
        check=f"rel diff {diff:.1e}",
        note=f"networkx timed on {k_nx} pivots, x{k / k_nx:.0f}",
    )
    exact_small = ours_exact[2]["values"]
    k_small = min(k, max(2, n_small // 10))
    est = ours_betweenness(small, k_small, args.seed)
    detail["sampling_error"] = sampling_error(exact_small, est)
    detail["sampling_error"]["organisations"] = n_small
    detail["sampled_full_graph"] = {
        "pivots": k,
        "max_standard_error": float(ours_s[2]["se"].max()),
        "hoeffding_bound": ours_s[2]["bound"],
        "max_value": float(ours_s[2]["values"].max()),
    }

    # 5. cross-sector
    ours = measure(lambda: ours_cross(proj))
    base = measure(lambda: nx_cross(proj))
    record(
        "cross-sector (section, 2 vias)",
        ours,
        base,
        check="same" if ours[2] == base[2] else "DIFFERENT",
    )

    # 6. analyze all against Neo4j
    if args.neo4j:
        from analytics.runs import run_all
        from benchmarks.common import throwaway_database
        from graph.load import write_records
        from ingest import landscape, synthetic

        # Never the user's database: a throwaway server holding the curated landscape and
        # the synthetic members at the same size (ingest.synthetic, ~1.1M relationships at 100k).
        with throwaway_database() as db:
            write_records(db, landscape.build_landscape())
            write_records(db, synthetic.generate(args.orgs, seed=args.seed), batch_size=20_000)
            t0 = time.perf_counter()
            res = run_all(db, view="both", pivots=args.pivots, seed=args.seed)
            total = time.perf_counter() - t0
        detail["analyze_all_neo4j"] = {
            "seconds": total,
            "steps": res.timings.seconds,
            "organisations": res.projection.n_orgs,
        }
        rows.append(
            {
                "task": f"analyze all + Neo4j ({res.projection.n_orgs:,} orgs)",
                "innograph_s": round(total, 2),
                "note": "read, compute, write back",
            }
        )
    detail["load_average"] = {
        "before": load_before,
        "after": os.getloadavg(),
        "note": "other work on the machine slows both sides",
    }
    return {"sizes": sizes, "args": vars(args), "rows": rows, "detail": detail}


def reference_betweenness(proj: Projection, sources: list[int]) -> np.ndarray:
    """Our dependency sums from ``sources`` on the both-view network: the values networkx's
    figures are checked against."""
    net = org_network(proj, "both")
    b = net.incidence[:, np.flatnonzero(net.weights > 0)].tocsr()
    return dependencies(b, b.T.tocsr(), sources).sum(axis=1) / 2


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--orgs", type=int, default=100_000)
    ap.add_argument("--quick", action="store_true", help="5,000 organisations, < 1 minute")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--source", choices=("builtin", "ingest"), default="builtin")
    ap.add_argument("--pivots", type=int, default=512)
    ap.add_argument("--nx-pivots", type=int, default=8)
    ap.add_argument("--exact-orgs", type=int, default=5_000)
    ap.add_argument("--nx-exact-sources", type=int, default=500)
    ap.add_argument("--skip-nx-pagerank", action="store_true")
    ap.add_argument(
        "--neo4j",
        action="store_true",
        help="also time `analyze all` against the configured server (writes!)",
    )
    add_out(ap, "analytics")
    args = ap.parse_args(argv)
    if args.quick:
        args.orgs, args.exact_orgs = 5_000, 1_000
        args.pivots, args.nx_pivots, args.nx_exact_sources = 128, 32, 1_000
    result = run(args)
    print(
        table(
            result["rows"],
            title=f"analytics benchmark: {result['sizes']['organisations']:,}"
            f" organisations, {result['sizes']['relationships']:,} relationships",
        )
    )
    for key, value in result["detail"].items():
        print(f"{key}: {value}")
    path = write_json("analytics", result, args.out)
    print(f"written {shown(path)}")


if __name__ == "__main__":
    main()
