"""Clusters: list, detail, members, projects, overlaps and most central members."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api import data
from api import models as m
from api.deps import DbDep, Manager, PagingDep, SettingsDep, Viewer, reveal_from

router = APIRouter(prefix="/clusters", tags=["clusters"])
ClusterId = Annotated[str, Path(min_length=1, max_length=200, description="A cluster id")]
Names = Annotated[
    int,
    Query(ge=0, le=100_000, description=("At most this many shared organisations named per pair")),
]


@router.get("", response_model=m.Page[m.ClusterSummary])
def list_clusters(
    db: DbDep,
    _: Viewer,
    paging: PagingDep,
    type: m.ClusterType | None = None,
    q: Annotated[str | None, Query(max_length=200, description="Part of the name")] = None,
):
    """Spearhead clusters and IBNs, by name, with member and project counts."""
    return data.list_clusters(db, type, q, paging.limit, paging.offset)


@router.get("/{cluster_id}", response_model=m.ClusterDetail)
def get_cluster(db: DbDep, _: Viewer, cluster_id: ClusterId):
    """A cluster: its facts, helix mix (members by kind), SME share, links and managers."""
    return data.get_cluster(db, cluster_id)


@router.get("/{cluster_id}/members", response_model=m.Page[m.Member])
def cluster_members(
    db: DbDep, _: Manager, cluster_id: ClusterId, paging: PagingDep, kind: m.OrgKind | None = None
):
    """The members of a cluster (member-level data: manager role)."""
    return data.cluster_members(db, cluster_id, kind, paging.limit, paging.offset)


@router.get("/{cluster_id}/projects", response_model=m.Page[m.ClusterProject])
def cluster_projects(
    db: DbDep,
    _: Viewer,
    cluster_id: ClusterId,
    paging: PagingDep,
    members: Annotated[bool, Query(description=("Include the projects of its members"))] = True,
):
    """Projects the cluster takes part in, and (by default) the projects of its members."""
    return data.cluster_projects(db, cluster_id, paging.limit, paging.offset, members)


@router.get("/{cluster_id}/overlaps", response_model=list[m.ClusterOverlap])
def cluster_overlaps(
    db: DbDep,
    settings: SettingsDep,
    principal: Viewer,
    cluster_id: ClusterId,
    names: Names = data.NAMES,
):
    """Shared members with every other cluster (as `innograph analyze overlap` wrote them).
    A viewer sees the shared organisations' names only for groups of at least
    `min_group_size`."""
    return data.cluster_overlaps(db, cluster_id, reveal_from(principal, settings), names)


@router.get("/{cluster_id}/central", response_model=list[m.CentralOrg])
def cluster_central(
    db: DbDep,
    _: Manager,
    cluster_id: ClusterId,
    metric: m.Metric = "pagerank",
    limit: Annotated[int, Query(ge=1, le=500)] = 10,
):
    """The most central members (centralities as `innograph analyze centrality` wrote them)."""
    return data.cluster_central(db, cluster_id, metric, limit)
