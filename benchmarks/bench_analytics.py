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

Data: a deterministic generator (``analytics_data.generate``), or ``ingest.synthetic.generate``
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
import multiprocessing as mp
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analytics.centrality import betweenness, pagerank  # noqa: E402
from analytics.cross_sector import sector_matrix  # noqa: E402
from analytics.network import org_network  # noqa: E402
from analytics.overlap import cluster_overlap  # noqa: E402
from analytics.projection import Projection  # noqa: E402
from benchmarks import analytics_baselines as nxb  # noqa: E402
from benchmarks.analytics_data import from_ingest, generate  # noqa: E402
from benchmarks.common import add_out, shown, table, write_json  # noqa: E402


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
    base = measure(lambda: nxb.nx_overlap(proj))
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
        base = measure(lambda: nxb.nx_pagerank(proj))
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
    note = "networkx all sources" if m == n_small else f"networkx timed on {m} sources"
    note += "" if m == n_small else f", x{n_small / m:.1f}"
    record(
        f"betweenness exact, {n_small:,} orgs", ours_exact, *versus(small, sources, n_small, note)
    )

    # 4. sampled betweenness on the full graph
    k = min(args.pivots, proj.n_orgs - 1)
    ours_s = measure(lambda: ours_betweenness(proj, k, args.seed))
    k_nx = min(args.nx_pivots, k)
    piv = pivot_sample(proj.n_orgs, k, args.seed)[:k_nx].tolist()
    note = f"networkx timed on {k_nx} pivots, x{k / k_nx:.0f}"
    record(f"betweenness sampled, {k} pivots", ours_s, *versus(proj, piv, k, note, relative=True))
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
    base = measure(lambda: nxb.nx_cross(proj))
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


def versus(
    proj: Projection, sources: list[int], total: int, note: str, relative: bool = False
) -> tuple[tuple[float, int | None, Any], float, str, str]:
    """networkx's betweenness from ``sources``, measured, as ``record``'s base, base_seconds
    (scaled from ``sources`` to ``total``), note and check: how far it lies from ours, the
    largest difference or (``relative``) that over the largest value."""
    base = measure(lambda: nxb.nx_betweenness(proj, sources))
    diff = float(np.abs(nxb.reference_betweenness(proj, sources) - base[2]).max())
    check = f"max diff {diff:.1e}"
    if relative:
        check = f"rel diff {diff / max(1.0, np.abs(base[2]).max()):.1e}"
    return base, base[0] * total / len(sources), note, check


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
