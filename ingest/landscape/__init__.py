"""The real cluster landscape, curated from the Dutch source documents in ``ingest/data/seeds``.

The facts live as CSV files in this folder, one file per kind of record (its README says what
each holds and why). Every row names its ``source`` (a seed file name such as
``000_da5ac1ebd3a3b6da.txt``) and its ``source_ref`` (``Tabel 10``, ``§3.3``...).
``build_landscape`` reads the files (``crosscheck.read_table``, against ``columns.FILES``),
validates every cell and every cross-reference (``crosscheck.validate``), and returns
``Records`` (``assembler``, ``figures``); it is pure (no Neo4j, no network). Bad files raise
``DataError`` with every problem as ``file:line:column: reason``.

Ids: clusters ``catalisti``/``ibn-<slug>``, projects ``ic-<slug>``, instruments ``icon``...,
themes ``theme-<slug>``, transition priorities ``tp-<slug>``, statistics ``stat-<table>-<slug>``,
regions ISO 3166-2 (``BE-VAN``), organisations ``ORG:<name_key>``, line-ups ``lineup-<year>``.

>>> records = build_landscape()
>>> sorted(n.id for n in records.nodes if n.label == "Cluster" and n.props["type"] == "spearhead")
['blauwe-cluster', 'catalisti', 'flanders-food', 'flux50', 'medvia', 'sim', 'vil']
"""

from __future__ import annotations

from pathlib import Path

from graph.errors import DataError, Problem
from graph.records import Records, SourceInfo
from ingest.landscape import assembler, figures
from ingest.landscape.columns import FILES
from ingest.landscape.crosscheck import read_table, validate

LANDSCAPE_DIR = Path(__file__).parent
BUILDERS = (
    assembler.regions,
    assembler.clusters,
    figures.instruments_and_programmes,
    assembler.projects,
    assembler.organisations,
    figures.statistics,
)


def build_landscape(folder: Path | None = None) -> Records:
    """The curated landscape as ``Records``; raise ``DataError`` listing every problem found.

    Parameters
    ----------
    folder : the directory holding the CSV files (default: ``ingest/landscape``).
    """
    folder = Path(folder) if folder is not None else LANDSCAPE_DIR
    problems: list[Problem] = []
    tables = {name: read_table(folder, name, problems) for name in FILES}
    validate(tables, problems)
    if problems:
        raise DataError(
            problems,
            f"the curated landscape in {folder} has "
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''}",
        )
    a = assembler.Assembler({r["name"]: r["id"] for r in tables["sources.csv"]})
    for build in BUILDERS:
        build(a, tables)
    a.records.sources = [
        SourceInfo(id=r["id"], title=r["title"], kind=r["kind"], path=r["path"] or "")
        for r in tables["sources.csv"]
    ]
    return a.records


__all__ = ["FILES", "LANDSCAPE_DIR", "build_landscape"]
