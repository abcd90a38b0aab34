"""The one analytics module that reads and writes the graph (through ``graph.db``'s catalogue).

::

    results.py     read_projection; start_run / finish_run; write_overlap, write_centrality,
                   write_sector_links, write_cluster_cross_sector, write_helix; read_overlaps,
                   read_cluster_ranking
    match_rows.py  read_rows, graph_version, read_model, ModelCache
    model_store.py ModelStore, disk_build: the match model on disk, one file per graph version

Everything else in ``analytics`` is pure: it gets a ``Projection`` or a ``MatchModel`` and
returns results; ``analytics.runs`` and the interfaces (CLI, API) pass the database to the
functions here. No driver here either: a ``Database`` (anything with ``read``, ``write`` and
``write_rows``) comes in from the caller.
"""

from analytics.adapter.match_rows import ModelCache, graph_version, read_model, read_rows
from analytics.adapter.model_store import ModelStore, disk_build
from analytics.adapter.results import (
    Run,
    finish_run,
    new_run,
    read_cluster_ranking,
    read_overlaps,
    read_projection,
    start_run,
    write_centrality,
    write_cluster_cross_sector,
    write_helix,
    write_overlap,
    write_sector_links,
)

__all__ = [
    "ModelCache",
    "ModelStore",
    "Run",
    "disk_build",
    "finish_run",
    "graph_version",
    "new_run",
    "read_cluster_ranking",
    "read_model",
    "read_overlaps",
    "read_projection",
    "read_rows",
    "start_run",
    "write_centrality",
    "write_cluster_cross_sector",
    "write_helix",
    "write_overlap",
    "write_sector_links",
]
