"""Cluster managers' files: a folder of CSV files (or one ``.xlsx``) -> checked ``Records``.

``docs/cluster-files.md`` documents the format; ``ingest/examples/clusterfiles/`` is an example.
Two stages, both pure:

* ``read_folder(path) -> ClusterFiles`` (``folder.py``): read whichever of organisations,
  clusters, memberships, projects and participations the folder (or workbook) holds, through
  ``ingest.tables``; file-level problems (unreadable file, wrong delimiter, missing column) are
  collected, never raised.
* ``build_records(files, resolver, ...) -> BuildResult`` (``builder.py``): check every row,
  one builder per table (``cluster_rows``, ``organisation_rows``, ``project_rows``,
  ``link_rows``), resolve organisations (``ingest.resolve.OrgIndex``) and references
  (``references``), and build the records (``assemble``). Every problem is collected;
  ``DataError`` lists them all, unless ``skip_invalid``: then the valid rows are built and the
  others returned in ``rejected`` with their reasons -- including rows that depend on a
  rejected row (a membership of a rejected organisation...).

Ids: local ids of organisations and projects are the file's own; an organisation becomes
``BE<enterprise number>`` (or ``ORG:<name key>``, or the id of the organisation it resolves
to), a project ``clusterfiles:<folder>:<local id>``. Cluster ids are global (``catalisti``).
Matching of ids in references is case-insensitive.
"""

from ingest.clusterfiles.builder import build_path, build_records, load_folder
from ingest.clusterfiles.folder import SPECS, ClusterFiles, is_cluster_files, read_folder
from ingest.vocab import instrument_id

__all__ = [
    "SPECS",
    "ClusterFiles",
    "build_path",
    "build_records",
    "instrument_id",
    "is_cluster_files",
    "load_folder",
    "read_folder",
]
