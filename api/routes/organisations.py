"""Organisations: search by name or enterprise number, filters, detail, projects."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api import data
from api import models as m
from api.deps import DbDep, Manager, PagingDep

router = APIRouter(prefix="/organisations", tags=["organisations"])
OrgId = Annotated[str, Path(min_length=1, max_length=200, description="An organisation id")]
Text = Annotated[str | None, Query(max_length=200)]


@router.get("", response_model=m.Page[m.OrgSummary])
def search_organisations(
    db: DbDep,
    _: Manager,
    paging: PagingDep,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description=(
                "Words of the name or description (full-text), or an enterprise number in any "
                "notation (0403.170.701, BE0403170701...)"
            ),
        ),
    ] = None,
    enterprise_number: Annotated[str | None, Query(max_length=40)] = None,
    kind: m.OrgKind | None = None,
    sector: Annotated[
        str | None,
        Query(max_length=20, description=("A NACE code prefix: 20, 20.1, 2014 (dots ignored)")),
    ] = None,
    province: Annotated[str | None, Query(max_length=20, description="e.g. BE-VAN")] = None,
    cluster: Text = None,
):
    """Organisations by name, enterprise number, kind, sector, province and cluster."""
    return data.search_organisations(
        db,
        q=q,
        kind=kind,
        sector=sector,
        province=province,
        cluster=cluster,
        enterprise_number=enterprise_number,
        limit=paging.limit,
        offset=paging.offset,
    )


@router.get("/{org_id}", response_model=m.OrgDetail)
def get_organisation(db: DbDep, _: Manager, org_id: OrgId):
    """An organisation with its clusters, ties, sectors and regions."""
    return data.get_organisation(db, org_id)


@router.get("/{org_id}/projects", response_model=m.Page[m.OrgProject])
def organisation_projects(db: DbDep, _: Manager, org_id: OrgId, paging: PagingDep):
    """The projects an organisation takes part in, newest first."""
    return data.organisation_projects(db, org_id, paging.limit, paging.offset)
