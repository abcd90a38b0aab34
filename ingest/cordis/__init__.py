"""Read the native CORDIS ``project.csv`` and ``organization.csv`` of one folder.

Both the EU portal's files and the extract in ``ingest/data/cordis/`` are accepted, plain or
gzip-packed (``project.csv.gz``, read as it is, never unpacked to disk): ``;`` or
``,`` as delimiter (sniffed from the header), UTF-8 with or without BOM, columns selected by
header name (never by position), ``,`` or ``.`` as decimal separator, the string ``NA`` kept
as Namibia -- all through ``ingest.tables``. Participations join to projects by ``projectID``
-> ``project.id`` when present, otherwise by ``organization.rcn`` -> ``project.rcn`` (see the
data README).

``read_cordis(folder)`` (``extract.py``, with ``project_csv.py`` and ``organization_csv.py``)
returns projects, participations and the problems found; it never raises on a bad row, so a
caller can decide between refusing everything and skipping. Problems name the file as
``<folder name>/project.csv`` and the physical line where the record starts (the header is
line 1; 167 titles of the extract span several lines).

``build_records(data, resolver)`` (``build.py``) turns them into records:

* one ``Organisation`` per PIC (``pic``, ``name``, ``short_name``, ``country``,
  ``activity_type``, ``kind`` from the activity type (``KINDS``, ``kind_of``): PRC firm, HES
  and REC knowledge_institution, PUB government, OTH other; ``size: 'sme'`` when the SME flag
  is true). Where rows of one PIC disagree, the most frequent non-empty value wins, ties going
  to the first seen. Belgian organisations (country ``BE``) are resolved against the graph by
  enterprise number (from the VAT number), PIC, then name key of the name or short name
  (``ingest.resolve.OrgIndex``), so the curated "KU Leuven" receives "KATHOLIEKE UNIVERSITEIT
  LEUVEN"; others by PIC only. A node another source made keeps its name, kind and country.
* one ``Project`` per project, id ``cordis:<grant number>`` or ``cordis:rcn:<rcn>``, with
  ``kind: 'eu'`` and ``IN_PROGRAMME`` its framework programme (``h2020``, ``fp7``...);
* one ``PARTICIPATES_IN {role, ec_contribution}`` per organisation and project; the rare
  organisation listed twice in one project (participant and third party) gets one
  relationship with the first role, ``roles`` listing all, and the contributions summed.
"""

from ingest.cordis.build import KINDS, LICENCE, PROGRAMMES, build_records, kind_of
from ingest.cordis.extract import CordisData, cordis_file, is_cordis_folder, read_cordis
from ingest.cordis.organization_csv import (
    ACTIVITY_TYPES,
    ORGANISATION_COLUMNS,
    CordisParticipation,
    read_participations,
)
from ingest.cordis.project_csv import PROJECT_COLUMNS, CordisProject, read_projects

__all__ = [
    "ACTIVITY_TYPES",
    "KINDS",
    "LICENCE",
    "ORGANISATION_COLUMNS",
    "PROGRAMMES",
    "PROJECT_COLUMNS",
    "CordisData",
    "CordisParticipation",
    "CordisProject",
    "build_records",
    "cordis_file",
    "is_cordis_folder",
    "kind_of",
    "read_cordis",
    "read_participations",
    "read_projects",
]
