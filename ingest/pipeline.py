"""Extract → validate → load, for every kind of source, with the same guarantees.

1. the source is read and validated completely, every limit included (``ingest.tables.limits``:
   field length, names and ids within Neo4j's index key limit, no NUL or control
   characters): with any problem, a ``DataError`` listing every ``file:line:column: reason``
   is raised and nothing is written — unless ``skip_invalid``, where the valid rows load and
   the rejected ones go to a report file;
2. organisations are resolved against the graph (enterprise number, PIC, name key);
3. only then is the schema applied (idempotent; the schema version is rewritten only when
   it changes) and
4. ``graph.load.write_records`` MERGEs everything in batches (idempotent, restartable).

The interfaces (the CLI, the API, the demo) call ``ingest_path``/``ingest_each`` for a source
on disk and ``write`` for the records of a pure builder; they only present the results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph import schema
from graph.db import Database
from graph.errors import InnographError, Problem
from graph.load import LoadSummary, Progress, total_rows, write_records
from graph.records import Records
from ingest.cordis import is_cordis_folder
from ingest.cordis.landscape_report import LandscapeReport
from ingest.rejects import BuildResult, write_report
from ingest.resolve import OrgIndex

FORMATS = ("clusterfiles", "cordis")
CLUSTER_FILE_NAMES = ("organisations", "clusters", "memberships", "projects", "participations")
# ``progress_bar(total rows, what)``: a context manager yielding the writer's progress callback
ProgressBar = Callable[[int, str], AbstractContextManager[Progress]]


@dataclass
class IngestResult:
    path: Path
    format: str
    records: BuildResult
    summary: LoadSummary | None  # None on a dry run
    rejected: list[Problem] = field(default_factory=list)
    report: Path | None = None  # where the rejected rows were written
    landscape: LandscapeReport | None = None  # CORDIS: Belgian organisations matched or not


def detect_format(path: Path) -> str:
    """``cordis`` or ``clusterfiles``, recognised from the files; raise when neither fits."""
    path = Path(path)
    if not path.exists():
        raise InnographError(f"{path} does not exist.")
    if path.is_file():
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            return "clusterfiles"
        if path.suffix.lower() == ".csv" and path.stem.lower() in CLUSTER_FILE_NAMES:
            return "clusterfiles"
        raise InnographError(
            f"{path}: not a folder, an .xlsx workbook or one of the cluster files "
            f"({', '.join(n + '.csv' for n in CLUSTER_FILE_NAMES)})."
        )
    if is_cordis_folder(path):
        return "cordis"
    names = {p.name.lower() for p in path.iterdir()}
    if any(f"{n}.csv" in names for n in CLUSTER_FILE_NAMES) or any(
        n.endswith(".xlsx") for n in names
    ):
        return "clusterfiles"
    raise InnographError(
        f"{path}: no cluster files ({', '.join(n + '.csv' for n in CLUSTER_FILE_NAMES)}) and no "
        "CORDIS files (organization.csv and project.csv) found; give --format if the names differ."
    )


def org_index(db: Database) -> OrgIndex:
    return OrgIndex.from_rows(db.read("read_organisation_keys"))


def known_ids(db: Database) -> dict[str, set[str]]:
    """The ids of the graph's clusters, organisations and projects."""
    return {
        "clusters": {r["id"] for r in db.read("read_cluster_ids")},
        "organisations": {r["id"] for r in db.read("read_organisation_ids")},
        "projects": {r["id"] for r in db.read("read_project_ids")},
    }


def ensure_landscape(db: Database) -> None:
    """Load the curated landscape if the graph lacks it: cluster files refer to its clusters."""
    if any(r["id"] == "catalisti" for r in db.read("read_cluster_ids")):
        return
    from ingest import landscape

    write_records(db, landscape.build_landscape())


def build(db: Database | None, path: Path, fmt: str, skip_invalid: bool = False) -> BuildResult:
    """Read, validate and resolve one source into records; nothing is written.

    Raises ``DataError`` listing every problem unless ``skip_invalid``; then the result's
    ``rejected`` holds the refused rows with their reasons.
    """
    index = org_index(db) if db is not None else OrgIndex.from_rows([])
    if fmt == "cordis":
        from ingest import cordis

        return cordis.build_records(cordis.read_cordis(path), index, skip_invalid=skip_invalid)
    if fmt == "clusterfiles":
        # The real clusters count as known even before the landscape is in the graph; the
        # writer loads it first (ensure_landscape), so validating writes nothing.
        from ingest import clusterfiles, landscape

        curated = {n.id for n in landscape.build_landscape().nodes if n.label == "Cluster"}
        known = known_ids(db) if db is not None else {}
        known["clusters"] = curated | known.get("clusters", set())
        return clusterfiles.build_path(path, index, known=known, skip_invalid=skip_invalid)
    raise InnographError(f"Unknown format {fmt!r}: use one of {', '.join(FORMATS)}.")


def write(
    db: Database,
    records: Records,
    *,
    what: str,
    progress_bar: ProgressBar | None = None,
    batch_size: int = 10_000,
) -> LoadSummary:
    """``graph.load.write_records``, with ``progress_bar(total rows, what)`` shown if given."""
    if progress_bar is None:
        return write_records(db, records, batch_size=batch_size)
    with progress_bar(total_rows(records), what) as advance:
        return write_records(db, records, batch_size=batch_size, progress=advance)


def ingest_path(
    db: Database,
    path: Path,
    fmt: str | None = None,
    *,
    dry_run: bool = False,
    skip_invalid: bool = False,
    report: Path | None = None,
    batch_size: int = 10_000,
    progress_bar: ProgressBar | None = None,
    what: str | None = None,
    built: BuildResult | None = None,
) -> IngestResult:
    """Validate one source completely, then (unless ``dry_run``) write it.

    ``built``: the source's records when the caller has already validated it
    (``ingest_each``), so it is not read twice.

    Rejected rows (with ``skip_invalid``) are written to ``report`` (default
    ``<name>.rejected.csv`` in the working folder) and counted in the summary. ``what``
    labels the progress bar (default ``Loading <name>``).
    """
    path = Path(path)
    fmt = fmt or detect_format(path)
    result = built or build(db, path, fmt, skip_invalid)  # reads the graph, writes nothing
    report_path = None
    if result.rejected:
        report_path = write_report(result.rejected, report or Path(f"{path.name}.rejected.csv"))
    summary = None
    if not dry_run:
        schema.apply(db)  # only now: a rejected source leaves even the schema version as it was
        if fmt == "clusterfiles":
            ensure_landscape(db)
        what = what or f"Loading {path.name}"
        summary = write(db, result, what=what, progress_bar=progress_bar, batch_size=batch_size)
        if result.rejected:
            summary.counts("(rejected rows)").rejected = len(result.rejected)
    matched = landscape_matches(result) if fmt == "cordis" else None
    return IngestResult(path, fmt, result, summary, result.problems, report_path, matched)


def landscape_matches(result: BuildResult) -> LandscapeReport:
    """The Belgian organisations of a CORDIS build matched to the curated landscape or not."""
    from ingest import landscape
    from ingest.cordis.landscape_report import landscape_organisations, landscape_report

    orgs = landscape_organisations(landscape.build_landscape())
    return landscape_report(result.belgian, orgs)


def ingest_each(
    db: Database,
    paths: list[Path],
    fmt: str | None = None,
    *,
    dry_run: bool = False,
    skip_invalid: bool = False,
    report: Path | None = None,
    batch_size: int = 10_000,
    progress_bar: ProgressBar | None = None,
) -> Iterator[IngestResult]:
    """Ingest several sources, one after the other, yielding each result as it is done.

    Every source is validated before the first write of any: a bad second source raises
    its ``DataError`` with nothing written, the first source's records included. Written
    sources after the first are built again against the graph as it then is, so that they
    resolve against the organisations the sources before them loaded. With several
    sources, each report is named after its source: ``<source>.<report name>``."""
    paths = [Path(p) for p in paths]
    formats = [fmt or detect_format(p) for p in paths]
    validated = [build(db, p, f, skip_invalid) for p, f in zip(paths, formats, strict=True)]
    for i, p in enumerate(paths):
        rep = (
            report
            if report is None or len(paths) == 1
            else report.with_name(f"{Path(p).name}.{report.name}")
        )
        yield ingest_path(
            db,
            p,
            formats[i],
            dry_run=dry_run,
            skip_invalid=skip_invalid,
            report=rep,
            batch_size=batch_size,
            progress_bar=progress_bar,
            built=validated[i] if i == 0 or dry_run else None,
        )


def ingest_paths(
    db: Database, paths: list[Path], fmt: str | None = None, **kw: Any
) -> list[IngestResult]:
    """Every result of ``ingest_each``, once all sources are in."""
    return list(ingest_each(db, paths, fmt, **kw))
