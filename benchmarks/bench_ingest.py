"""Ingest benchmark: innograph's loader against a per-row MERGE loop and LOAD CSV, same rows.

Data: the synthetic generator (``ingest.synthetic``) at ``--orgs`` organisations, exported as a
cluster managers' folder (CSV, ``;``), so innograph's figure includes reading, validating and
resolving ("validation on"). Every method writes the SAME final rows (ids, properties,
provenance) into an empty graph (landscape and sectors preloaded) on the same throwaway server
in the same run:

* ``innograph``: ``ingest.pipeline.build`` (read, validate, resolve) + ``graph.load.write_records``;
* ``load_csv``: Neo4j's ``LOAD CSV`` with ``CALL { … } IN TRANSACTIONS OF 10000 ROWS`` on CSV
  files of the already-validated rows (no validation at all: the baseline's best case);
* ``per_row``: one managed transaction per row (``MERGE``), on a sample, as rows/s;
* a batch-size sweep of the writer (1k–50k) on the relationships;
* the writer with and without ``neo4j-rust-ext`` (a subprocess that blocks the extension).

Usage: ``python benchmarks/bench_ingest.py [--orgs 100000] [--quick]``; prints a table and
writes ``benchmarks/results/ingest.json``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

NO_RUST = "INNOGRAPH_BENCH_NO_RUST"
if os.environ.get(NO_RUST):  # must run before anything imports the driver
    import importlib.abc

    class _BlockRust(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name.startswith(("neo4j._codec.packstream._rust", "neo4j._rust")):
                raise ImportError(f"{name} blocked for the benchmark")
            return None

    sys.meta_path.insert(0, _BlockRust())

from benchmarks.common import add_out, shown, table, throwaway_database, wipe, write_json  # noqa: E402
from benchmarks.ingest_files import export_clusterfiles  # noqa: E402
from graph import schema  # noqa: E402
from graph.load import node_rows, rel_rows, write_records  # noqa: E402
from graph.records import Records  # noqa: E402


def split(records: Records) -> tuple[Records, Records]:
    return (
        Records(nodes=records.nodes, sources=records.sources),
        Records(rels=records.rels, sources=records.sources),
    )


def reset(db) -> None:
    """Back to the preloaded landscape and sectors only (relationships first, small batches)."""
    db.run_auto(
        "MATCH ()-[r]->() WHERE r.source STARTS WITH 'clusterfiles:' "
        "CALL { WITH r DELETE r } IN TRANSACTIONS OF 10000 ROWS"
    )
    db.run_auto(
        "MATCH (n) WHERE n.source STARTS WITH 'clusterfiles:' "
        "CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS"
    )


def preload(db) -> None:
    from ingest import landscape, sectors

    wipe(db)
    schema.apply(db)
    write_records(db, sectors.build_sectors())
    write_records(db, landscape.build_landscape())


def counts(db) -> dict[str, int]:
    rows = db.run_read("MATCH (n) RETURN count(n) AS n")
    rels = db.run_read("MATCH ()-[r]->() RETURN count(r) AS n")
    return {"nodes": rows[0]["n"], "relationships": rels[0]["n"]}


# -- LOAD CSV --------------------------------------------------------------------------------------
# The managed server refuses file:/// URLs (graph.server.SECURITY); this benchmark's own
# throwaway server allows them, as the LOAD CSV baseline reads its import folder.
LOAD_CSV_FILES = {"dbms.security.allow_csv_import_from_file_urls": "true"}


def csv_files(records: Records, folder: Path) -> list[tuple[str, Path, list[str], tuple]]:
    """One CSV per node label and relationship group, of the final (validated) rows."""
    out = []
    for label, rows in node_rows(records).items():
        keys = sorted({k for r in rows for k in r["props"]})
        path = folder / f"nodes_{label}.csv"
        with path.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["id", "source", "ref", *keys])
            for r in rows:
                w.writerow(
                    [r["id"], r["source"], r["ref"], *(_cell(r["props"].get(k)) for k in keys)]
                )
        out.append(("node", path, keys, (label,)))
    for (rtype, start, end), rows in rel_rows(records).items():
        keys = sorted({k for r in rows for k in r["props"]})
        path = folder / f"rels_{rtype}_{start}_{end}.csv"
        with path.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["start", "end", "source", "ref", *keys])
            for r in rows:
                w.writerow(
                    [
                        r["start"],
                        r["end"],
                        r["source"],
                        r["ref"],
                        *(_cell(r["props"].get(k)) for k in keys),
                    ]
                )
        out.append(("rel", path, keys, (rtype, start, end)))
    return out


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        return "|".join(map(str, v))
    return str(v)


def load_csv_statement(kind: str, path: Path, keys: list[str], names: tuple) -> str:
    # Benchmark-only: the baseline's statement is spelled from the model's closed label set and
    # the CSV header written above, never from user input.
    sets = ", ".join(f"x.`{k}` = row.`{k}`" for k in keys)
    sets = (
        sets + ", " if sets else ""
    ) + "x.source = row.source, x.source_ref = row.ref, x.loaded_at = datetime()"
    url = f"file:///{path.name}"
    if kind == "node":
        (label,) = names
        body = f"MERGE (x:{label} {{id: row.id}}) SET {sets}"
    else:
        rtype, start, end = names
        body = (
            f"MATCH (a:{start} {{id: row.start}}) MATCH (b:{end} {{id: row.end}}) "
            f"MERGE (a)-[x:{rtype}]->(b) SET {sets}"
        )
    return (
        f"LOAD CSV WITH HEADERS FROM '{url}' AS row "
        f"CALL {{ WITH row {body} }} IN TRANSACTIONS OF 10000 ROWS"
    )


# -- per-row baseline ------------------------------------------------------------------------------
def per_row(db, records: Records, sample: int) -> dict[str, float]:
    from graph import catalog, precedence

    out = {}
    nodes = node_rows(records)["Organisation"][:sample]
    text = catalog.render("merge_nodes", label="Organisation")
    t = time.perf_counter()
    for row in nodes:
        db.run_write(text, {"rows": [row], "now": "2026-01-01T00:00:00Z", **precedence.params()})
    out["nodes_per_s"] = len(nodes) / (time.perf_counter() - t)
    rels = rel_rows(records)[("MEMBER_OF", "Organisation", "Cluster")]
    mine = {r["id"] for r in nodes}
    rels = [r for r in rels if r["start"] in mine][:sample]
    text = catalog.render(
        "merge_relationships", start="Organisation", end="Cluster", type="MEMBER_OF"
    )
    t = time.perf_counter()
    for row in rels:
        db.run_write(text, {"rows": [row], "now": "2026-01-01T00:00:00Z", **precedence.params()})
    out["relationships_per_s"] = len(rels) / max(time.perf_counter() - t, 1e-9)
    out["sample"] = sample
    return out


# -- the rust-ext comparison runs the writer in a subprocess (see the blocker at the top) --------
def child(args) -> None:
    """Subprocess: write the pickled records to the given server, print seconds as JSON."""
    import pickle

    from neo4j._codec.packstream import RUST_AVAILABLE

    from graph.db import open_database

    records = pickle.loads(Path(args.child).read_bytes())
    db = open_database(os.environ["BENCH_URI"], "neo4j", os.environ["BENCH_PASSWORD"])
    t = time.perf_counter()
    write_records(db, records, batch_size=args.batch)
    print(json.dumps({"seconds": time.perf_counter() - t, "rust": RUST_AVAILABLE}))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--orgs", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--batch", type=int, default=10_000)
    ap.add_argument("--sample", type=int, default=2_000, help="rows for the per-row baseline")
    ap.add_argument("--quick", action="store_true", help="5,000 organisations, short sweep")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    add_out(ap, "ingest")
    args = ap.parse_args(argv)
    if args.child:
        child(args)
        return
    if args.quick:
        args.orgs, args.sample = 5_000, 500
    from ingest import pipeline, synthetic

    print(f"Generating {args.orgs:,} synthetic organisations...")
    records = synthetic.generate(args.orgs, seed=args.seed)
    results: dict = {"orgs": args.orgs, "batch": args.batch}
    with tempfile.TemporaryDirectory() as tmp, throwaway_database(config=LOAD_CSV_FILES) as db:
        folder = export_clusterfiles(records, Path(tmp) / "members")
        preload(db)
        base = counts(db)

        # innograph: validate + resolve + write
        t = time.perf_counter()
        built = pipeline.build(db, folder, "clusterfiles")
        t_validate = time.perf_counter() - t
        nodes, rels = split(built)
        n_nodes, n_rels = len(built.nodes), len(built.rels)
        t = time.perf_counter()
        write_records(db, nodes, batch_size=args.batch)
        t_nodes = time.perf_counter() - t
        t = time.perf_counter()
        write_records(db, rels, batch_size=args.batch)
        t_rels = time.perf_counter() - t
        after = counts(db)
        t = time.perf_counter()
        again = write_records(db, built, batch_size=args.batch)
        t_again = time.perf_counter() - t
        assert counts(db) == after and again.changed == 0, "a re-load changed the graph"
        results["rows"] = {
            "nodes": n_nodes,
            "relationships": n_rels,
            "graph_after": after,
            "graph_before": base,
        }
        inno = {
            "validate_s": t_validate,
            "nodes_s": t_nodes,
            "relationships_s": t_rels,
            "total_s": t_validate + t_nodes + t_rels,
            "reload_unchanged_s": t_again,
            "nodes_per_s": n_nodes / t_nodes,
            "relationships_per_s": n_rels / t_rels,
            "rows_per_s_with_validation": (n_nodes + n_rels) / (t_validate + t_nodes + t_rels),
        }
        results["innograph"] = inno

        # LOAD CSV on the same validated rows
        reset(db)
        import_dir = Path(db.server.instance) / "import" if db.server else None
        if import_dir:
            files = csv_files(built, import_dir)
            t_n = t_r = 0.0
            for kind, path, keys, names in files:
                t = time.perf_counter()
                db.run_auto(load_csv_statement(kind, path, keys, names))
                if kind == "node":
                    t_n += time.perf_counter() - t
                else:
                    t_r += time.perf_counter() - t
            assert counts(db) == after, f"LOAD CSV gave {counts(db)}, innograph {after}"
            results["load_csv"] = {
                "nodes_s": t_n,
                "relationships_s": t_r,
                "total_s": t_n + t_r,
                "nodes_per_s": n_nodes / t_n,
                "relationships_per_s": n_rels / t_r,
            }

        # per-row MERGE baseline on a sample
        reset(db)
        results["per_row"] = per_row(db, built, args.sample)

        # batch-size sweep (relationships; nodes in place)
        sweep = []
        sizes = [1_000, 5_000, 10_000, 20_000, 50_000]
        sweep_rels = Records(rels=rels.rels[: (200_000 if not args.quick else 20_000)])
        reset(db)
        write_records(db, nodes, batch_size=args.batch)
        for size in sizes:
            db.run_auto(
                "MATCH ()-[r:PARTICIPATES_IN|MEMBER_OF|LOCATED_IN|IN_SECTOR|FUNDED_BY|"
                "HAS_THEME]->() WHERE r.source STARTS WITH 'clusterfiles:' "
                "CALL { WITH r DELETE r } IN TRANSACTIONS OF 20000 ROWS"
            )
            t = time.perf_counter()
            write_records(db, sweep_rels, batch_size=size)
            s = time.perf_counter() - t
            sweep.append(
                {
                    "batch": size,
                    "relationships": len(sweep_rels.rels),
                    "seconds": s,
                    "relationships_per_s": len(sweep_rels.rels) / s,
                }
            )
        results["batch_sweep"] = sweep

        # with and without neo4j-rust-ext (writer only, same rows, subprocesses)
        if db.server:
            import pickle

            blob = Path(tmp) / "records.pickle"
            blob.write_bytes(pickle.dumps(built))
            rust = {}
            for label, flag in (("with_rust", ""), ("without_rust", "1")):
                reset(db)
                env = dict(
                    os.environ,
                    BENCH_URI=db.server.uri,
                    BENCH_PASSWORD=db.server.password() or "",
                    **{NO_RUST: flag},
                )
                out = subprocess.run(
                    [sys.executable, __file__, "--child", str(blob), "--batch", str(args.batch)],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                rust[label] = json.loads(out.stdout.strip().splitlines()[-1])
            results["rust_ext"] = rust

    inno, lc, pr = results["innograph"], results.get("load_csv"), results["per_row"]
    rows = [
        {
            "method": "innograph (validate+resolve+write)",
            "nodes/s": inno["nodes_per_s"],
            "rels/s": inno["relationships_per_s"],
            "total s": inno["total_s"],
        },
    ]
    if lc:
        rows.append(
            {
                "method": "LOAD CSV IN TRANSACTIONS (no validation)",
                "nodes/s": lc["nodes_per_s"],
                "rels/s": lc["relationships_per_s"],
                "total s": lc["total_s"],
            }
        )
    rows.append(
        {
            "method": f"per-row MERGE (sample {pr['sample']})",
            "nodes/s": pr["nodes_per_s"],
            "rels/s": pr["relationships_per_s"],
            "total s": None,
        }
    )
    ratios = {
        "vs_per_row_nodes": inno["nodes_per_s"] / pr["nodes_per_s"],
        "vs_per_row_relationships": inno["relationships_per_s"] / pr["relationships_per_s"],
    }
    if lc:
        ratios["vs_load_csv_total_with_validation"] = lc["total_s"] / inno["total_s"]
        ratios["vs_load_csv_write_only"] = lc["total_s"] / (
            inno["nodes_s"] + inno["relationships_s"]
        )
    results["ratios"] = ratios
    print(
        table(
            rows,
            f"Ingest, {args.orgs:,} organisations: {results['rows']['nodes']:,} nodes, "
            f"{results['rows']['relationships']:,} relationships",
        )
    )
    print(table(results["batch_sweep"], "\nBatch-size sweep (writer, relationships)"))
    if "rust_ext" in results:
        print(
            table(
                [{"driver": k, **v} for k, v in results["rust_ext"].items()],
                "\nneo4j-rust-ext (writer only)",
            )
        )
    print("\nRatios: " + ", ".join(f"{k} {v:.1f}x" for k, v in ratios.items()))
    path = write_json("ingest" if not args.quick else "ingest_quick", results, args.out)
    print(f"JSON: {shown(path)}")


if __name__ == "__main__":
    main()
