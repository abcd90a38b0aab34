"""Analytics results as analytics wrote them back: overlap matrix, centrality, cross-sector
links, helix mix."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api import data
from api import models as m
from api.deps import DbDep, Manager, PagingDep, SettingsDep, Viewer, reveal_from

router = APIRouter(tags=["analytics"])


@router.get("/overlaps", response_model=m.OverlapMatrix)
def overlap_matrix(
    db: DbDep,
    settings: SettingsDep,
    principal: Viewer,
    type: m.ClusterType | None = None,
    min_shared: Annotated[int, Query(ge=0, le=1_000_000)] = 1,
    names: Annotated[
        int,
        Query(
            ge=0, le=100_000, description=("At most this many shared organisations named per pair")
        ),
    ] = data.NAMES,
):
    """Every pair of clusters with shared members: shared, Jaccard, overlap coefficient.
    Shared organisations are named only for groups of at least `min_group_size` (viewer)."""
    return data.overlap_matrix(db, type, min_shared, reveal_from(principal, settings), names)


@router.get("/centrality", response_model=m.Page[m.CentralOrg])
def centrality(
    db: DbDep,
    _: Manager,
    paging: PagingDep,
    metric: m.Metric = "pagerank",
    cluster: Annotated[str | None, Query(max_length=200)] = None,
    kind: m.OrgKind | None = None,
):
    """Organisations ranked by a centrality on the organisation network."""
    return data.centrality(db, metric, cluster, kind, paging.limit, paging.offset)


@router.get("/cross-sector", response_model=list[m.SectorLink])
def cross_sector(
    db: DbDep,
    _: Viewer,
    level: Literal["section", "division"] | None = None,
    via: Annotated[str | None, Query(max_length=40)] = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 500,
):
    """The NACE sector x sector matrix of collaborations, most links first."""
    return data.cross_sector(db, level, via, limit)


@router.get("/helix", response_model=list[m.HelixRow])
def helix(db: DbDep, _: Viewer, cluster: Annotated[str | None, Query(max_length=200)] = None):
    """Each cluster's mix of firms, knowledge institutions, government bodies, federations
    and others, and the share of SMEs among its firms."""
    return data.helix(db, cluster)
