"""Admin: upload cluster files (several CSVs or one .xlsx) into the graph."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Query, UploadFile

from api import ingest_service
from api import models as m
from api.deps import Admin, AnswersDep, DbDep

router = APIRouter(tags=["ingest"])


@router.post("/ingest", response_model=m.IngestResult)
def ingest(
    db: DbDep,
    answers: AnswersDep,
    _: Admin,
    files: Annotated[
        list[UploadFile],
        File(
            min_length=1,
            description=(
                "organisations.csv, clusters.csv, memberships.csv, projects.csv, "
                "participations.csv (any of them), or one .xlsx with those sheets"
            ),
        ),
    ],
    dry_run: Annotated[bool, Query(description="Validate only; write nothing")] = False,
    skip_invalid: Annotated[
        bool, Query(description=("Load the valid rows and report the rejected ones"))
    ] = False,
):
    """Validate and load cluster files; any problem: 422 listing every file:line:column and
    nothing written (unless `skip_invalid`)."""
    uploads = [(f.filename or "", f.file.read(ingest_service.MAX_BYTES + 1)) for f in files]
    try:
        return ingest_service.ingest_uploads(
            db, uploads, dry_run=dry_run, skip_invalid=skip_invalid
        )
    finally:
        if not dry_run:
            answers.clear()  # kept answers and pages are of the graph before this load
