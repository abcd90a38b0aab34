"""``build_records``: check every row of the cluster files and build their records.

The tables are built in an order that lets references resolve: clusters, organisations,
projects, then memberships and participations, which name them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from graph.errors import DataError
from ingest.clusterfiles.assemble import records
from ingest.clusterfiles.cluster_rows import build_clusters
from ingest.clusterfiles.folder import ClusterFiles, read_folder
from ingest.clusterfiles.link_rows import build_memberships, build_participations
from ingest.clusterfiles.organisation_rows import build_organisations
from ingest.clusterfiles.project_rows import build_projects
from ingest.clusterfiles.state import BuildState
from ingest.rejects import BuildResult
from ingest.resolve import OrgIndex

BUILDERS = (
    ("clusters", build_clusters),
    ("organisations", build_organisations),
    ("projects", build_projects),
    ("memberships", build_memberships),
    ("participations", build_participations),
)


def build_records(
    files: ClusterFiles,
    resolver: OrgIndex,
    known_clusters: Iterable[str] = (),
    known_projects: Iterable[str] = (),
    skip_invalid: bool = False,
    known_organisations: Iterable[str] = (),
) -> BuildResult:
    """Check every row of ``files`` and build its records.

    Parameters
    ----------
    files : what ``read_folder`` returned.
    resolver : the graph's organisations; it learns this load's organisations, so a later
        builder in the same run resolves to them. Organisation references may name an
        organisation of this load (local id), an organisation id in the resolver, or an
        enterprise number.
    known_clusters, known_projects : ids already in the graph or the curated landscape that
        references may name besides the clusters and projects of these files.
    skip_invalid : build the valid rows and return the others in ``rejected``, instead of
        raising ``DataError`` with every problem.
    known_organisations : organisation ids references may name besides those of the resolver
        (normally the resolver holds them all).

    Returns
    -------
    ``BuildResult``: the records (a ``Records``) and, in skip mode, the rejected rows.
    """
    state = BuildState(files, resolver, known_clusters, known_projects, known_organisations)
    for table, build in BUILDERS:
        if table in files.tables:
            build(state, files.tables[table])
    if state.problems and not skip_invalid:
        raise DataError(state.problems)
    return records(state)


def load_folder(
    path: Path,
    resolver: OrgIndex,
    known_clusters: Iterable[str] = (),
    known_projects: Iterable[str] = (),
    skip_invalid: bool = False,
) -> BuildResult:
    """``build_records(read_folder(path), ...)``."""
    return build_records(read_folder(path), resolver, known_clusters, known_projects, skip_invalid)


def build_path(
    path: Path,
    resolver: OrgIndex,
    known: Mapping[str, Iterable[str]] | None = None,
    skip_invalid: bool = False,
) -> BuildResult:
    """``load_folder`` with the known ids as one dict: ``{clusters, organisations, projects}``."""
    known = known or {}
    return build_records(
        read_folder(path),
        resolver,
        known.get("clusters", ()),
        known.get("projects", ()),
        skip_invalid,
        known.get("organisations", ()),
    )
