"""Service under load: the partner-search endpoint and a cluster page, 1, 4 and 16 clients.

The service runs as it does for users (``uvicorn`` serving ``api.app:create_app``, one worker,
in its own process) on loopback; this process is the load generator: N client threads, each
with its own HTTP connection, send requests back to back until the level's request budget
is spent or its time is up (both bounded, so the run stops by itself). For each endpoint and
level: requests, errors, throughput (requests/s) and p50/p95/p99 latency (ms, client side).

Graph (one of):

* default: a throwaway Neo4j of the benchmark's own (``benchmarks.common``), loaded with the
  NACE sectors, the curated landscape and ``--orgs`` synthetic organisations
  (``ingest.synthetic``: 100,000 give about a million relationships), then ``analytics``
  run on it so centralities and overlaps exist; ``NEO4J_BENCH_URI`` (+ ``_USER``,
  ``_PASSWORD``) points it at a server of your own instead (wiped!).
* ``--loaded``: the graph innograph is configured for (``NEO4J_URI`` or the managed server),
  used read-only and never wiped; load it first, e.g. ``innograph neo4j start`` and
  ``innograph demo --synthetic 100000`` (curated landscape, CORDIS extract, 100k synthetic
  members, analytics).

Keys live in a temporary file (``INNOGRAPH_API_KEYS``), never in the user's key file.

    python benchmarks/bench_service.py --quick      # 5,000 organisations, ~2 minutes
    python benchmarks/bench_service.py              # 100,000 organisations
    python benchmarks/bench_service.py --loaded     # the graph you loaded yourself

Writes ``benchmarks/results/service.json`` (``service_quick.json`` with ``--quick``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import add_out, shown, table, throwaway_database, write_json  # noqa: E402

LEVELS = (1, 4, 16)
THEMES = (
    "battery recycling",
    "hydrogen",
    "digital twin",
    "food packaging",
    "logistics",
    "circular plastics",
    None,
)
TARGET_P99_MS = 100.0  # partner search at 16 clients (issue 5)
TARGET_PAGE_P99_MS = 300.0  # the cluster page at 16 clients (issue 16)


# -- the graph -----------------------------------------------------------------------------------
def load_graph(db: Any, orgs: int, seed: int) -> dict[str, float]:
    """Sectors, landscape and synthetic members, then the analytics; seconds per step."""
    from analytics.runs import run_all
    from graph.load import write_records
    from ingest import landscape, sectors, synthetic

    seconds = {}
    for name, build in (
        ("sectors", sectors.build_sectors),
        ("landscape", landscape.build_landscape),
        ("synthetic", lambda: synthetic.generate(orgs, seed=seed)),
    ):
        t0 = time.perf_counter()
        write_records(db, build())
        seconds[f"load_{name}"] = round(time.perf_counter() - t0, 2)
    t0 = time.perf_counter()
    run_all(db)
    seconds["analytics"] = round(time.perf_counter() - t0, 2)
    return seconds


def graph_size(db: Any) -> dict[str, int]:
    (row,) = db.run_read(
        "MATCH (o:Organisation) WITH count(o) AS orgs "
        "MATCH ()-[r]->() RETURN orgs, count(r) AS relationships"
    )
    return row


def samples(db: Any, n: int = 200) -> tuple[list[str], list[str]]:
    """Organisations with projects (partner search) and spearhead clusters (cluster page)."""
    orgs = [
        r["id"]
        for r in db.run_read(
            "MATCH (o:Organisation) WHERE EXISTS { (o)-[:PARTICIPATES_IN]->() } "
            "AND EXISTS { (o)-[:MEMBER_OF]->() } RETURN o.id AS id ORDER BY o.id LIMIT $n",
            {"n": n},
        )
    ]
    clusters = [
        r["id"]
        for r in db.run_read(
            "MATCH (c:Cluster) WHERE EXISTS { (c)<-[:MEMBER_OF]-() } "
            "RETURN c.id AS id ORDER BY CASE c.type WHEN 'spearhead' THEN 0 ELSE 1 END, "
            "COUNT { (c)<-[:MEMBER_OF]-() } DESC LIMIT 12"
        )
    ]
    if not orgs or not clusters:
        raise SystemExit("The graph has no members with projects: load it first.")
    return orgs, clusters


# -- the server ----------------------------------------------------------------------------------
@contextmanager
def serve(env: dict[str, str], workers: int = 1):
    """``uvicorn api.app:create_app`` in its own process(es) on a free loopback port."""
    from graph.server import free_port

    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "api.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
        "--workers",
        str(workers),
    ]
    proc = subprocess.Popen(cmd, env=env, cwd=Path(__file__).resolve().parents[1])
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(url + "/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise SystemExit("the service did not come up")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


# -- the load ------------------------------------------------------------------------------------
def run_level(
    url: str, key: str, paths: list[str], clients: int, budget: int, seconds: float
) -> dict[str, Any]:
    """``clients`` threads share ``budget`` requests (cycling through ``paths``) or stop at
    ``seconds``; returns throughput and latency percentiles."""
    lock = threading.Lock()
    state = {"next": 0}
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.perf_counter() + seconds

    def worker() -> None:
        with httpx.Client(base_url=url, headers={"X-API-Key": key}, timeout=60) as client:
            while time.perf_counter() < deadline:
                with lock:
                    i = state["next"]
                    if i >= budget:
                        return
                    state["next"] = i + 1
                t0 = time.perf_counter()
                try:
                    r = client.get(paths[i % len(paths)])
                    ok = r.status_code == 200
                    detail = f"{r.status_code} {paths[i % len(paths)]}"
                except httpx.HTTPError as e:
                    ok, detail = False, f"{type(e).__name__} {paths[i % len(paths)]}"
                ms = (time.perf_counter() - t0) * 1000
                with lock:
                    latencies.append(ms)
                    if not ok:
                        errors.append(detail)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    q = (
        statistics.quantiles(latencies, n=100, method="inclusive")
        if len(latencies) > 1
        else (latencies * 99)
    )
    return {
        "clients": clients,
        "requests": len(latencies),
        "errors": len(errors),
        "seconds": round(elapsed, 2),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(q[49], 1),
        "p95_ms": round(q[94], 1),
        "p99_ms": round(q[98], 1),
        "first_errors": errors[:3],
    }


def endpoints(orgs: list[str], clusters: list[str], k: int) -> dict[str, list[str]]:
    partner = []
    for i, org in enumerate(orgs):
        theme = THEMES[i % len(THEMES)]
        partner.append(f"/match/partners?org={org}&k={k}" + (f"&theme={theme}" if theme else ""))
    return {"partner_search": partner, "cluster_page": [f"/ui/clusters/{c}" for c in clusters]}


def bench(
    url: str, key: str, paths: dict[str, list[str]], budget: int, seconds: float
) -> list[dict[str, Any]]:
    rows = []
    with httpx.Client(base_url=url, headers={"X-API-Key": key}, timeout=120) as client:
        method = client.get(paths["partner_search"][0]).json().get("method")
    for name, urls in paths.items():
        run_level(url, key, urls[:8], 2, 16, 60)  # warm caches and the query plans
        for clients in LEVELS:
            row = run_level(url, key, urls, clients, budget, seconds)
            rows.append({"endpoint": name, **row})
            print(
                f"  {name:15s} {clients:2d} clients: {row['rps']:7.1f} req/s, p50 "
                f"{row['p50_ms']:.0f} ms, p99 {row['p99_ms']:.0f} ms, {row['errors']} errors",
                flush=True,
            )
    for r in rows:
        r["matching"] = method if r["endpoint"] == "partner_search" else None
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--orgs", type=int, default=100_000, help="synthetic organisations")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--requests", type=int, default=400, help="request budget per level")
    ap.add_argument("--seconds", type=float, default=60.0, help="time cap per level")
    ap.add_argument("--k", type=int, default=10, help="partners per search")
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    ap.add_argument("--quick", action="store_true", help="5,000 organisations, 80 requests")
    ap.add_argument(
        "--loaded",
        action="store_true",
        help="use the configured graph as it is (read-only, never wiped)",
    )
    add_out(ap, "service")
    args = ap.parse_args(argv)
    if args.quick:
        args.orgs, args.requests, args.seconds = 5_000, 80, 20.0

    from api.auth import KeyStore

    tmp = Path(tempfile.mkdtemp(prefix="innograph-bench-service-"))
    keys = tmp / "api_keys.json"
    key = KeyStore(keys).create("manager", "bench")[1]
    env = {**os.environ, "INNOGRAPH_API_KEYS": str(keys)}
    load: dict[str, float] = {}
    if args.loaded:
        from graph.db import connect

        with connect() as db:
            size, (orgs, clusters) = graph_size(db), samples(db)
        with serve(env, args.workers) as url:
            rows = bench(url, key, endpoints(orgs, clusters, args.k), args.requests, args.seconds)
    else:
        with throwaway_database() as db:
            print(
                f"Loading {args.orgs:,} synthetic organisations and running analytics...",
                flush=True,
            )
            load = load_graph(db, args.orgs, args.seed)
            size, (orgs, clusters) = graph_size(db), samples(db)
            password = (
                db.server.password() if db.server else os.environ.get("NEO4J_BENCH_PASSWORD", "")
            )
            env.update(
                NEO4J_URI=db.uri,
                NEO4J_USER=os.environ.get("NEO4J_BENCH_USER", "neo4j"),
                NEO4J_PASSWORD=password or "",
            )
            with serve(env, args.workers) as url:
                rows = bench(
                    url, key, endpoints(orgs, clusters, args.k), args.requests, args.seconds
                )

    visible = [{k: v for k, v in r.items() if k != "first_errors"} for r in rows]
    print(
        table(
            visible,
            f"Service on loopback: {size['orgs']:,} organisations, "
            f"{size['relationships']:,} relationships",
        )
    )
    worst = next(r for r in rows if r["endpoint"] == "partner_search" and r["clients"] == 16)
    page = next(r for r in rows if r["endpoint"] == "cluster_page" and r["clients"] == 16)
    target = {
        "partner_search_p99_ms_at_16_clients": TARGET_P99_MS,
        "measured": worst["p99_ms"],
        "met": worst["p99_ms"] <= TARGET_P99_MS,
        "cluster_page_p99_ms_at_16_clients": TARGET_PAGE_P99_MS,
        "cluster_page_measured": page["p99_ms"],
        "cluster_page_met": page["p99_ms"] <= TARGET_PAGE_P99_MS,
    }
    path = write_json(
        "service_quick" if args.quick else "service",
        {
            "graph": {
                **size,
                "synthetic_orgs": None if args.loaded else args.orgs,
                "loaded": args.loaded,
                "load_seconds": load,
            },
            "settings": {
                "levels": LEVELS,
                "request_budget": args.requests,
                "seconds_cap": args.seconds,
                "k": args.k,
                "server": f"uvicorn, {args.workers} worker(s)",
            },
            "results": rows,
            "target": target,
        },
        args.out,
    )
    print(
        f"target p99 <= {TARGET_P99_MS:.0f} ms at 16 clients: "
        f"{'met' if target['met'] else 'missed'} ({worst['p99_ms']:.0f} ms); cluster page "
        f"<= {TARGET_PAGE_P99_MS:.0f} ms: {'met' if target['cluster_page_met'] else 'missed'} "
        f"({page['p99_ms']:.0f} ms). Wrote {shown(path)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
