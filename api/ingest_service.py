"""Uploaded cluster files into the graph, through the ingest pipeline (``ingest.pipeline``).

An upload is either several CSV files named like the cluster files (``organisations.csv``,
``clusters.csv``, ``memberships.csv``, ``projects.csv``, ``participations.csv``) or one
``.xlsx`` workbook with sheets of those names. The files go to a private temporary folder
and ``ingest.pipeline.ingest_paths`` validates them completely before writing anything: with
any problem it raises ``DataError`` (422, every ``file:line:column: reason``) and the graph is
unchanged, unless ``skip_invalid``.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from api import models as m
from graph.db import Database
from graph.errors import InnographError
from graph.output import plain

CSV_NAMES = ("organisations", "clusters", "memberships", "projects", "participations")
MAX_BYTES = 50 * 1024 * 1024
_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\- ]{0,120}$")


def check_uploads(files: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The uploads with safe, lower-case file names; 400 (``InnographError``) when they do not
    fit (the request fits its schema, the files are refused; problems in their data: 422)."""
    if not files:
        raise InnographError("Upload one .xlsx workbook or one or more cluster CSV files.")
    out, total = [], 0
    for name, content in files:
        base = Path(name or "").name
        if not _SAFE.match(base):
            raise InnographError(f"{name!r} is not an acceptable file name.")
        total += len(content)
        out.append((base.lower(), content))
    if total > MAX_BYTES:
        raise InnographError(f"The upload is larger than {MAX_BYTES // 2**20} MB.")
    names = [n for n, _ in out]
    xlsx = [n for n in names if n.endswith(".xlsx")]
    if xlsx and len(out) > 1:
        raise InnographError("Upload either one .xlsx workbook or CSV files, not both.")
    if not xlsx:
        wrong = [n for n in names if not (n.endswith(".csv") and n[:-4] in CSV_NAMES)]
        if wrong:
            raise InnographError(
                f"{wrong[0]!r} is not a cluster file; expected "
                f"{', '.join(c + '.csv' for c in CSV_NAMES)} or one .xlsx."
            )
        if len(set(names)) != len(names):
            raise InnographError("The same cluster file was uploaded twice.")
    return out


def ingest_uploads(
    db: Database, files: list[tuple[str, bytes]], *, dry_run: bool, skip_invalid: bool
) -> m.IngestResult:
    from ingest.pipeline import ingest_paths

    files = check_uploads(files)
    with tempfile.TemporaryDirectory(prefix="innograph-upload-") as tmp:
        folder = Path(tmp) / "upload"
        folder.mkdir()
        for name, content in files:
            (folder / name).write_bytes(content)
        target = folder / files[0][0] if files[0][0].endswith(".xlsx") else folder
        results = ingest_paths(
            db,
            [target],
            "clusterfiles",
            dry_run=dry_run,
            skip_invalid=skip_invalid,
            report=Path(tmp) / "rejected.csv",
        )
    return m.IngestResult(
        dry_run=dry_run,
        files=[n for n, _ in files],
        results=[
            m.IngestFile(
                path=Path(r.path).name,
                format=r.format,
                counts=plain(r.summary.rows()) if r.summary is not None else [],
                records=r.records.counts(),
                rejected=[str(p) for p in r.rejected],
            )
            for r in results
        ],
    )
