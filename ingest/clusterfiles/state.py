"""What the cluster-file builders share while they check one load: the rows kept so far, the
local ids rejected, every problem, and the graph's ids that references may name."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graph.errors import Problem
from ingest.checks import RowProblems
from ingest.clusterfiles.folder import ORDER, ClusterFiles
from ingest.rejects import Rejected
from ingest.resolve import OrgIndex
from ingest.tables import Row, Table

# Extra columns that never become properties: they would overwrite what the loader sets.
RESERVED = {
    "id",
    "source",
    "source_ref",
    "sources",
    "loaded_at",
    "synthetic",
    "example",
    "external_ids",
    "name_key",
    "alias_keys",
    "country",
    "pic",
    "nace_bel",
    "themes",
    "kind",
    "relation",
    "type",
    "label",
    "region",
    "municipality",
    "nis_code",
    "legal_name",
    "field_sources",
}


@dataclass
class Org:
    local: str
    id: str
    line: int
    props: dict[str, Any]
    sector: str | None
    region: str | None
    owned: bool


@dataclass
class Cluster:
    id: str
    line: int
    type: str
    props: dict[str, Any]
    parent: str | None = None


@dataclass
class Project:
    id: str
    line: int
    props: dict[str, Any]
    instrument: str | None
    themes: list[tuple[str, str]]  # (theme id, name)


@dataclass
class Link:
    start_label: str
    start_id: str
    end_label: str
    end_id: str
    line: int
    props: dict[str, Any]


class BuildState:
    """The state of one build: kept rows by local id (lower case), rejections, problems."""

    def __init__(
        self,
        files: ClusterFiles,
        index: OrgIndex,
        known_clusters: Iterable[str],
        known_projects: Iterable[str],
        known_organisations: Iterable[str],
    ):
        self.files = files
        self.index = index
        self.known_orgs = set(known_organisations)
        self.known_clusters = {c.lower(): c for c in known_clusters}
        self.known_projects = {p.lower(): p for p in known_projects}
        self.problems: list[Problem] = list(files.problems)
        self.rejected: list[Rejected] = [Rejected(p.file, p.line, {}, [p]) for p in files.problems]
        self.gone: dict[str, dict[str, int]] = {t: {} for t in ORDER}  # rejected local ids
        self.orgs: dict[str, Org] = {}
        self.clusters: dict[str, Cluster] = {}
        self.projects: dict[str, Project] = {}
        self.memberships: list[Link] = []
        self.participations: list[Link] = []

    def reject(self, table: Table, row: Row, bad: RowProblems, key: str | None = "") -> None:
        """Leave a row out: its root-cause problems count, its local id is remembered."""
        self.problems += [p for p in bad.list if p not in bad.derived]
        self.rejected.append(Rejected(table.file, row.line, dict(row.values), bad.list))
        if key:
            self.gone[table.spec.name].setdefault(key.lower(), row.line)

    def source(self, table: str) -> str:
        return f"clusterfiles:{self.files.files[table]}"  # assemble.SOURCE_PREFIX

    def label(self, table: str) -> str:
        """The file name of a table, as reasons name it (``organisations.csv``)."""
        return self.files.files.get(table, f"{table}.csv").split("/")[-1]

    def unread(self, table: str) -> bool:
        """True when the table's file was found but could not be read."""
        return table in self.files.files and table not in self.files.tables

    def local_id(self, local: str) -> str:
        return f"clusterfiles:{self.files.name}:{local}"


def extras(table: Table, row: Row) -> dict[str, str]:
    """Extra columns as properties, where the name is a plain identifier of our own."""
    return {
        c: row.get(c)
        for c in table.extra_columns
        if row.get(c) and c not in RESERVED and c.isidentifier() and not c[0].isdigit()
    }
