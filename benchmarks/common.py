"""Shared pieces of the benchmark scripts: a throwaway server, machine facts, JSON output.

Benchmarks never touch the user's database: they start their own Neo4j in a temporary
instance directory on free ports (sharing only the jar cache), or use ``NEO4J_BENCH_URI``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"


def machine() -> dict[str, Any]:
    def version(pkg: str) -> str | None:
        try:
            return metadata.version(pkg)
        except metadata.PackageNotFoundError:
            return None

    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr
    mem = 0
    with suppress(OSError, ValueError, IndexError):
        mem = int(Path("/proc/meminfo").read_text().split()[1]) * 1024
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "memory_bytes": mem,
        "java": java.splitlines()[0] if java else None,
        "packages": {
            p: version(p)
            for p in (
                "neo4j",
                "neo4j-rust-ext",
                "networkx",
                "numpy",
                "scipy",
                "pandas",
                "scikit-learn",
                "fastapi",
            )
        },
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


@contextmanager
def throwaway_database(
    heap: str = "2g", pagecache: str = "1g", config: dict[str, str] | None = None
) -> Iterator[Any]:
    """A ``Database`` on an empty Neo4j of the benchmark's own (schema applied); ``config``
    adds Neo4j settings over innograph's own (``graph.server.SECURITY``)."""
    from graph import schema
    from graph.db import open_database
    from graph.throwaway import throwaway_server

    uri = os.environ.get("NEO4J_BENCH_URI")
    with ExitStack() as stack:
        server = None
        if uri:
            db = open_database(
                uri,
                os.environ.get("NEO4J_BENCH_USER", "neo4j"),
                os.environ.get("NEO4J_BENCH_PASSWORD", ""),
            )
        else:
            server = stack.enter_context(
                throwaway_server(
                    "innograph-bench-neo4j-", heap, pagecache, log=print, config=config
                )
            )
            db = open_database(server.uri, "neo4j", server.password() or "")
        stack.callback(db.close)
        db.server = server  # type: ignore[attr-defined]
        wipe(db)
        schema.apply(db)
        yield db


def wipe(db: Any) -> None:
    db.run_auto("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 20000 ROWS")


def measure(fn: Callable[[], Any], memory: bool = False) -> tuple[Any, float, int | None]:
    """(result, seconds, peak bytes allocated by Python during the call or None)."""
    if memory:
        tracemalloc.start()
    t0 = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - t0
    peak = None
    if memory:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return result, seconds, peak


def add_out(parser: argparse.ArgumentParser, name: str) -> None:
    """Every benchmark's ``--out FILE``: the JSON goes exactly there (default
    ``benchmarks/results/<name>.json``)."""
    parser.add_argument(
        "--out", type=Path, default=None, help=f"JSON file (default results/{name}.json)"
    )


def result_path(name: str, out: str | Path | None = None) -> Path:
    """Where the JSON goes: ``out`` exactly as given, else ``benchmarks/results/<name>.json``.

    >>> result_path("analytics", "/tmp/x/a.json")
    PosixPath('/tmp/x/a.json')
    >>> result_path("analytics").relative_to(RESULTS)
    PosixPath('analytics.json')
    """
    return Path(out) if out is not None else RESULTS / f"{name}.json"


def shown(path: Path) -> str:
    """``path`` relative to the repository when it is inside it, else as it is."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def write_json(name: str, payload: dict[str, Any], out: str | Path | None = None) -> Path:
    """Write ``payload`` with the machine's facts to ``result_path(name, out)``."""
    path = result_path(name, out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"machine": machine(), **payload}, indent=2, default=str))
    return path


def table(rows: list[dict[str, Any]], title: str = "") -> str:
    if not rows:
        return title
    cols = list(rows[0].keys())
    cells = [[_fmt(r.get(c)) for c in cols] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    lines = [title] if title else []
    lines.append("  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)))
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(lines)


def _fmt(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:,.3g}" if abs(v) < 1000 else f"{v:,.0f}"
    return str(v)
