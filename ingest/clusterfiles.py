"""Cluster managers' files: a folder of CSV files (or one ``.xlsx``) -> checked ``Records``.

``docs/cluster-files.md`` documents the format; ``ingest/examples/clusterfiles/`` is an example.
Two stages, both pure:

* ``read_folder(path) -> ClusterFiles``: read whichever of organisations, clusters,
  memberships, projects and participations the folder (or workbook) holds; file-level problems
  (unreadable file, wrong delimiter, missing column) are collected, never raised.
* ``build_records(files, resolver, ...) -> BuildResult``: check every row, resolve
  organisations (``ingest.resolve.OrgIndex``) and references, and build the records. Every
  problem is collected; ``DataError`` lists them all, unless ``skip_invalid``: then the valid
  rows are built and the others returned in ``rejected`` with their reasons -- including rows
  that depend on a rejected row (a membership of a rejected organisation...).

Ids: local ids of organisations and projects are the file's own; an organisation becomes
``BE<enterprise number>`` (or ``ORG:<name key>``, or the id of the organisation it resolves
to), a project ``clusterfiles:<folder>:<local id>``. Cluster ids are global (``catalisti``).
Matching of ids in references is case-insensitive.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph import nace
from graph.errors import DataError, Problem
from graph.keys import EnterpriseNumberError, name_key, normalise_enterprise_number, slug
from ingest.records import Node, Rel, SourceInfo
from ingest.resolve import OrgIndex
from ingest.sectors import sector_node
from ingest.sectors import source_info as sector_source
from ingest.tabular import Row, Table, TableSpec, read_csv, table_from_cells, xlsx_sheets
from ingest.validate import (
    CLUSTER_TYPES,
    KIND_ALIASES,
    KINDS,
    REGION_SOURCE,
    SIZE_ALIASES,
    SIZES,
    TYPE_ALIASES,
    BuildResult,
    Rejected,
    RowProblems,
    bool_value,
    choice,
    date_value,
    instrument_id,
    iso,
    parse_amount,
    parse_province,
    parse_year,
    region_node,
    required,
)

SPECS: dict[str, TableSpec] = {
    "organisations": TableSpec(
        "organisations",
        ("id", "name", "kind"),
        ("enterprise_number", "nace", "province", "size", "description", "example"),
        {
            "naam": "name",
            "ondernemingsnummer": "enterprise_number",
            "kbo": "enterprise_number",
            "kbo_number": "enterprise_number",
            "bce": "enterprise_number",
            "vat": "enterprise_number",
            "vat_number": "enterprise_number",
            "btw": "enterprise_number",
            "nace_code": "nace",
            "nacebel": "nace",
            "provincie": "province",
            "omschrijving": "description",
        },
    ),
    "clusters": TableSpec(
        "clusters",
        ("id", "name", "type"),
        ("domain", "parent_id", "start_date", "end_date", "example"),
        {"naam": "name", "parent": "parent_id", "start": "start_date", "end": "end_date"},
    ),
    "memberships": TableSpec(
        "memberships",
        ("organisation_id", "cluster_id"),
        ("since", "until", "role"),
        {"organization_id": "organisation_id"},
    ),
    "projects": TableSpec(
        "projects",
        ("id", "title"),
        ("instrument", "year", "total_budget_eur", "themes", "example"),
        {"budget": "total_budget_eur", "total_budget": "total_budget_eur"},
    ),
    "participations": TableSpec("participations", ("project_id", "participant_id"), ("role",)),
}
FILE_NAMES = {
    "organisations": ("organisations", "organizations"),
    "clusters": ("clusters",),
    "memberships": ("memberships",),
    "projects": ("projects",),
    "participations": ("participations",),
}
ORDER = tuple(SPECS)

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
}


# -- reading -------------------------------------------------------------------------------------
@dataclass
class ClusterFiles:
    """The tables of one folder or workbook, and the problems that kept a file out."""

    path: Path
    name: str  # folder name or workbook stem: namespaces local ids
    tables: dict[str, Table]  # by table name (organisations, clusters, ...)
    files: dict[str, str]  # table name -> file label, for every file found
    problems: list[Problem] = field(default_factory=list)


WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def read_folder(path: Path) -> ClusterFiles:
    """Read a folder of cluster files, one ``.xlsx`` workbook with those sheets, or one file.

    A folder that holds no cluster CSV files but exactly one workbook is read as that workbook.
    A single CSV file (``members/organisations.csv`` in any folder) is read as a folder holding only
    that file, so its local ids live in the namespace of its folder (``members``).
    """
    path = Path(path)
    if path.is_file() and path.suffix.lower() in WORKBOOK_SUFFIXES:
        return _read_workbook(path)
    if path.is_file() and path.suffix.lower() == ".csv":
        folder, only = path.parent, [path]
    elif path.is_dir():
        folder, only = path, [p for p in path.iterdir() if p.is_file()]
        books = [
            p for p in only if p.suffix.lower() in WORKBOOK_SUFFIXES and not p.name.startswith("~$")
        ]  # skip Excel's lock files
        has_csv = any(p.suffix.lower() == ".csv" and _table_of(p.stem) for p in only)
        if len(books) == 1 and not has_csv:
            return _read_workbook(books[0])
    else:
        return ClusterFiles(
            path,
            path.name,
            {},
            {},
            [Problem(str(path), 0, "-", "not a folder, an .xlsx workbook or a cluster CSV file")],
        )
    files = ClusterFiles(folder, folder.resolve().name, {}, {})
    by_name = {p.name.lower(): p for p in only}
    for table in ORDER:
        found = next(
            (by_name[f"{n}.csv"] for n in FILE_NAMES[table] if f"{n}.csv" in by_name), None
        )
        if found is None:
            continue
        label = f"{files.name}/{found.name}"
        files.files[table] = label
        parsed, problems = read_csv(found, SPECS[table], label)
        files.problems += problems
        if parsed is not None:
            files.tables[table] = parsed
    if not files.files:
        files.problems.append(
            Problem(
                str(path),
                0,
                "-",
                "no cluster files: expected one or more of " + ", ".join(f"{t}.csv" for t in ORDER),
            )
        )
    return files


def _table_of(stem: str) -> str | None:
    return next((t for t, names in FILE_NAMES.items() if stem.lower() in names), None)


def _read_workbook(path: Path) -> ClusterFiles:
    files = ClusterFiles(path, path.stem, {}, {})
    try:
        sheets = xlsx_sheets(path)
    except Exception as e:  # noqa: BLE001 - openpyxl raises many types on a damaged file
        files.problems.append(Problem(path.name, 0, "-", f"cannot read the workbook: {e}"))
        return files
    for table in ORDER:
        sheet = next((n for n in FILE_NAMES[table] if n in sheets), None)
        if sheet is None:
            continue
        label = f"{path.name}[{sheet}]"
        files.files[table] = label
        parsed, problems = table_from_cells(sheets[sheet], SPECS[table], label, path)
        files.problems += problems
        if parsed is not None:
            files.tables[table] = parsed
    if not files.files:
        files.problems.append(
            Problem(
                path.name,
                0,
                "-",
                "no cluster sheets in this workbook: expected one or more of " + ", ".join(ORDER),
            )
        )
    return files


def is_cluster_files(path: Path) -> bool:
    """True when ``path`` looks like cluster files (for recognising the format)."""
    path = Path(path)
    if path.is_file():
        return path.suffix.lower() in WORKBOOK_SUFFIXES or (
            path.suffix.lower() == ".csv"
            and any(path.stem.lower() in ns for ns in FILE_NAMES.values())
        )
    files = [p for p in path.iterdir() if p.is_file()] if path.is_dir() else []
    return any(p.suffix.lower() == ".csv" and _table_of(p.stem) for p in files) or any(
        p.suffix.lower() in WORKBOOK_SUFFIXES for p in files
    )


# -- building ------------------------------------------------------------------------------------
@dataclass
class _Org:
    local: str
    id: str
    line: int
    props: dict[str, Any]
    sector: str | None
    region: str | None
    owned: bool


@dataclass
class _Cluster:
    id: str
    line: int
    type: str
    props: dict[str, Any]
    parent: str | None = None


@dataclass
class _Project:
    id: str
    line: int
    props: dict[str, Any]
    instrument: str | None
    themes: list[tuple[str, str]]  # (theme id, name)


@dataclass
class _Link:
    start_label: str
    start_id: str
    end_label: str
    end_id: str
    line: int
    props: dict[str, Any]


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
    return _Builder(files, resolver, known_clusters, known_projects, known_organisations).run(
        skip_invalid
    )


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


class _Builder:
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
        self.orgs: dict[str, _Org] = {}
        self.clusters: dict[str, _Cluster] = {}
        self.projects: dict[str, _Project] = {}
        self.memberships: list[_Link] = []
        self.participations: list[_Link] = []

    # -- driver ----------------------------------------------------------------------------
    def run(self, skip_invalid: bool) -> BuildResult:
        tables = self.files.tables
        if "clusters" in tables:
            self._clusters(tables["clusters"])
        if "organisations" in tables:
            self._organisations(tables["organisations"])
        if "projects" in tables:
            self._projects(tables["projects"])
        if "memberships" in tables:
            self._memberships(tables["memberships"])
        if "participations" in tables:
            self._participations(tables["participations"])
        if self.problems and not skip_invalid:
            raise DataError(self.problems)
        return self._records()

    def _reject(
        self, table: Table, row: Row, bad: RowProblems | list[Problem], key: str | None = ""
    ) -> None:
        problems = bad.list if isinstance(bad, RowProblems) else bad
        derived = bad.derived if isinstance(bad, RowProblems) else []
        self.problems += [p for p in problems if p not in derived]
        self.rejected.append(Rejected(table.file, row.line, dict(row.values), problems))
        if key:
            self.gone[table.spec.name].setdefault(key.lower(), row.line)

    def _source(self, table: str) -> str:
        return f"clusterfiles:{self.files.files[table]}"

    def _label(self, table: str) -> str:
        return self.files.files.get(table, f"{table}.csv").split("/")[-1]

    # -- rows --------------------------------------------------------------------------------
    def _clusters(self, table: Table) -> None:
        first: dict[str, int] = {}
        for row in table.rows:
            bad = RowProblems(table, row)
            cid = required(bad, row, "id")
            if cid and cid.lower() in first:
                bad.add("id", f"duplicate id '{cid}' (first on line {first[cid.lower()]})")
            name = required(bad, row, "name")
            ctype = choice(bad, row, "type", TYPE_ALIASES, CLUSTER_TYPES, needed=True)
            start, end = date_value(bad, row, "start_date"), date_value(bad, row, "end_date")
            if start and end and end < start:
                bad.add("end_date", f"end_date {end} is before start_date {start}")
            parent = row.get("parent_id") or None
            if parent and ctype == "spearhead":
                bad.add("parent_id", "parent_id is for IBNs; a spearhead cluster has no parent")
            if parent and cid and parent.lower() == cid.lower():
                bad.add("parent_id", "a cluster cannot be its own parent")
            example = bool_value(bad, row, "example")
            if cid:
                first.setdefault(cid.lower(), row.line)
            if bad:
                self._reject(table, row, bad, cid)
                continue
            assert cid and name and ctype
            gid = self.known_clusters.get(cid.lower(), cid)
            props = {
                "name": name,
                "name_key": name_key(name),
                "type": ctype,
                "domain": row.get("domain") or None,
                "start_date": iso(start),
                "end_date": iso(end),
                "example": example or None,
                **_extras(table, row),
            }
            self.clusters[cid.lower()] = _Cluster(gid, row.line, ctype, props, parent)
        rows = {r.line: r for r in table.rows}
        for key, cluster in list(self.clusters.items()):  # parents may come later in the file
            if not cluster.parent:
                continue
            row = rows[cluster.line]
            bad = RowProblems(table, row)
            local = self.clusters.get(cluster.parent.lower())
            if local is not None and local.type != "spearhead":
                bad.add(
                    "parent_id",
                    f"parent '{cluster.parent}' is an IBN; a parent is a spearhead cluster",
                )
            parent = self._cluster(bad, "parent_id", cluster.parent)
            if bad:
                del self.clusters[key]
                self._reject(table, row, bad, row.get("id"))
            else:
                cluster.parent = parent

    def _organisations(self, table: Table) -> None:
        source = self._source("organisations")
        first: dict[str, int] = {}
        resolved: dict[str, int] = {}
        for row in table.rows:
            bad = RowProblems(table, row)
            local = required(bad, row, "id")
            if local and local.lower() in first:
                bad.add("id", f"duplicate id '{local}' (first on line {first[local.lower()]})")
            name = required(bad, row, "name")
            kind = choice(bad, row, "kind", KIND_ALIASES, KINDS, needed=True)
            size = choice(bad, row, "size", SIZE_ALIASES, SIZES, needed=False)
            number, number_ok = None, True
            if row.get("enterprise_number"):
                try:
                    number = normalise_enterprise_number(row.get("enterprise_number"))
                except EnterpriseNumberError as e:
                    bad.add("enterprise_number", str(e))
                    number_ok = False
            code = None
            if row.get("nace"):
                try:
                    code = nace.parse_nace(row.get("nace"))
                except ValueError as e:
                    bad.add("nace", str(e))
            province = None
            if row.get("province"):
                try:
                    province = parse_province(row.get("province"))
                except ValueError as e:
                    bad.add("province", str(e))
            example = bool_value(bad, row, "example")
            oid = None
            if number_ok and (number or name):
                oid = self.index.resolve(enterprise_number=number, name=name, country="BE")
                if oid in resolved:
                    what = (
                        f"enterprise number {number}"
                        if number
                        else f"name key '{name_key(name or '')}'"
                    )
                    bad.add(
                        "enterprise_number" if number else "name",
                        f"the same organisation as line {resolved[oid]} ({what})",
                    )
            if local:
                first.setdefault(local.lower(), row.line)
            if bad:
                self._reject(table, row, bad, local)
                continue
            assert local and name and kind and oid
            resolved[oid] = row.line
            owned = self.index.owned_by(oid, source)
            self.index.add(oid, enterprise_number=number, name=name, country="BE", source=source)
            props = {
                "name": name,
                "name_key": name_key(name),
                "kind": kind,
                "country": "BE",
                "enterprise_number": number,
                "nace": code.sector if code else None,
                "nace_bel": code.nace_bel if code else None,
                "province": province,
                "size": size,
                "description": row.get("description") or None,
                "external_ids": [f"clusterfiles:{self.files.name}:{local}"],
                "example": example or None,
                **_extras(table, row),
            }
            if not owned:  # another source's node: add facts, keep its name, kind and country
                for k in ("name", "name_key", "kind", "country"):
                    props.pop(k)
            self.orgs[local.lower()] = _Org(
                local, oid, row.line, props, code.sector if code else None, province, owned
            )

    def _projects(self, table: Table) -> None:
        first: dict[str, int] = {}
        for row in table.rows:
            bad = RowProblems(table, row)
            local = required(bad, row, "id")
            if local and local.lower() in first:
                bad.add("id", f"duplicate id '{local}' (first on line {first[local.lower()]})")
            title = required(bad, row, "title")
            year = budget = None
            if row.get("year"):
                try:
                    year = parse_year(row.get("year"))
                except ValueError as e:
                    bad.add("year", str(e))
            if row.get("total_budget_eur"):
                try:
                    budget = parse_amount(row.get("total_budget_eur"))
                except ValueError as e:
                    bad.add("total_budget_eur", str(e))
            example = bool_value(bad, row, "example")
            if local:
                first.setdefault(local.lower(), row.line)
            if bad:
                self._reject(table, row, bad, local)
                continue
            assert local and title
            text = row.get("instrument")
            instrument = instrument_id(text) if text else None
            themes: dict[str, str] = {}
            for t in row.get("themes").split("|"):
                if t.strip() and slug(t):
                    themes.setdefault(f"theme-{slug(t)}", " ".join(t.split()))
            props = {
                "title": title,
                "instrument": instrument or text or None,
                "year": year,
                "total_budget_eur": budget,
                "themes": list(themes.values()) or None,
                "kind": "cluster_project",
                "example": example or None,
                "external_ids": [f"clusterfiles:{self.files.name}:{local}"],
                **_extras(table, row),
            }
            pid = f"clusterfiles:{self.files.name}:{local}"
            self.projects[local.lower()] = _Project(
                pid, row.line, props, instrument, list(themes.items())
            )

    def _memberships(self, table: Table) -> None:
        """One membership per organisation and cluster; of two rows with different ``since``
        (a re-join) the later period is kept, as the graph model says; other repeats are
        duplicates."""
        kept: dict[tuple[str, str], tuple[_Link, Any]] = {}
        for row in table.rows:
            bad = RowProblems(table, row)
            org_ref = required(bad, row, "organisation_id")
            cluster_ref = required(bad, row, "cluster_id")
            oid = self._org(bad, "organisation_id", org_ref) if org_ref else None
            cid = self._cluster(bad, "cluster_id", cluster_ref) if cluster_ref else None
            since, until = date_value(bad, row, "since"), date_value(bad, row, "until")
            if since and until and until < since:
                bad.add("until", f"until {until} is before since {since}")
            earlier = kept.get((oid, cid)) if oid and cid else None
            if earlier and not (since and earlier[1] and since != earlier[1]):
                bad.add("cluster_id", f"the same membership as line {earlier[0].line}")
            if bad:
                self._reject(table, row, bad)
                continue
            assert oid and cid
            link = _Link(
                "Organisation",
                oid,
                "Cluster",
                cid,
                row.line,
                {
                    "since": iso(since),
                    "until": iso(until),
                    "role": row.get("role") or None,
                    **_extras(table, row),
                },
            )
            if earlier is None or since > earlier[1]:
                kept[(oid, cid)] = (link, since)
        self.memberships = sorted((link for link, _ in kept.values()), key=lambda k: k.line)

    def _participations(self, table: Table) -> None:
        first: dict[tuple[str, str], int] = {}
        for row in table.rows:
            bad = RowProblems(table, row)
            project_ref = required(bad, row, "project_id")
            who = required(bad, row, "participant_id")
            pid = self._project(bad, project_ref) if project_ref else None
            participant = self._participant(bad, who) if who else None
            if pid and participant:
                key = (participant[1], pid)
                if key in first:
                    bad.add("participant_id", f"the same participation as line {first[key]}")
                first.setdefault(key, row.line)
            if bad:
                self._reject(table, row, bad)
                continue
            assert pid and participant
            self.participations.append(
                _Link(
                    participant[0],
                    participant[1],
                    "Project",
                    pid,
                    row.line,
                    {"role": row.get("role") or None, **_extras(table, row)},
                )
            )

    # -- references ----------------------------------------------------------------------------
    # Each lookup returns (id, reason, derived): ``derived`` when the reference fails only
    # because the row it names was rejected, or its file could not be read. Derived problems
    # reject the row in skip mode but are left out of DataError, which lists root causes.
    def _unread(self, table: str) -> bool:
        return table in self.files.files and table not in self.files.tables

    def _org_lookup(self, ref: str) -> tuple[str | None, str, bool]:
        key = ref.lower()
        if key in self.orgs:
            return self.orgs[key].id, "", False
        if key in self.gone["organisations"]:
            line = self.gone["organisations"][key]
            return (
                None,
                (f"organisation '{ref}' was rejected ({self._label('organisations')} line {line})"),
                True,
            )
        if ref in self.index or ref in self.known_orgs:
            return ref, "", False
        try:
            found = self.index.by_enterprise_number(ref)
        except EnterpriseNumberError:
            found = None
        if found:
            return found, "", False
        if self._unread("organisations"):
            return (
                None,
                (
                    f"unknown organisation '{ref}' "
                    f"({self._label('organisations')} could not be read)"
                ),
                True,
            )
        return (
            None,
            (
                f"unknown organisation '{ref}': not an id in "
                f"{self._label('organisations')}, nor an organisation in the graph"
            ),
            False,
        )

    def _cluster_lookup(self, ref: str) -> tuple[str | None, str, bool]:
        key = ref.lower()
        if key in self.clusters:
            return self.clusters[key].id, "", False
        if key in self.gone["clusters"]:
            return (
                None,
                (
                    f"cluster '{ref}' was rejected "
                    f"({self._label('clusters')} line {self.gone['clusters'][key]})"
                ),
                True,
            )
        if key in self.known_clusters:
            return self.known_clusters[key], "", False
        if self._unread("clusters"):
            return (
                None,
                (f"unknown cluster '{ref}' ({self._label('clusters')} could not be read)"),
                True,
            )
        return (
            None,
            (
                f"unknown cluster '{ref}': not in {self._label('clusters')}, nor in the "
                f"graph or the curated landscape"
            ),
            False,
        )

    def _project_lookup(self, ref: str) -> tuple[str | None, str, bool]:
        key = ref.lower()
        if key in self.projects:
            return self.projects[key].id, "", False
        if key in self.gone["projects"]:
            return (
                None,
                (
                    f"project '{ref}' was rejected "
                    f"({self._label('projects')} line {self.gone['projects'][key]})"
                ),
                True,
            )
        if key in self.known_projects:
            return self.known_projects[key], "", False
        if self._unread("projects"):
            return (
                None,
                (f"unknown project '{ref}' ({self._label('projects')} could not be read)"),
                True,
            )
        return (
            None,
            (f"unknown project '{ref}': not in {self._label('projects')}, nor in the graph"),
            False,
        )

    @staticmethod
    def _check(bad: RowProblems, column: str, found: tuple[str | None, str, bool]) -> str | None:
        value, reason, derived = found
        if reason:
            bad.add(column, reason, derived)
        return value

    def _org(self, bad: RowProblems, column: str, ref: str) -> str | None:
        return self._check(bad, column, self._org_lookup(ref))

    def _cluster(self, bad: RowProblems, column: str, ref: str) -> str | None:
        return self._check(bad, column, self._cluster_lookup(ref))

    def _project(self, bad: RowProblems, ref: str) -> str | None:
        return self._check(bad, "project_id", self._project_lookup(ref))

    def _participant(self, bad: RowProblems, ref: str) -> tuple[str, str] | None:
        oid, org_reason, org_derived = self._org_lookup(ref)
        cid, cluster_reason, cluster_derived = self._cluster_lookup(ref)
        if oid and cid:
            bad.add("participant_id", f"'{ref}' names both an organisation and a cluster")
            return None
        if oid:
            return "Organisation", oid
        if cid:
            return "Cluster", cid
        if org_derived or cluster_derived:
            bad.add("participant_id", org_reason if org_derived else cluster_reason, True)
        else:
            bad.add(
                "participant_id",
                f"unknown participant '{ref}': not an organisation or a "
                f"cluster of these files, the graph or the curated landscape",
            )
        return None

    # -- records -------------------------------------------------------------------------------
    def _records(self) -> BuildResult:
        out = BuildResult(rejected=self.rejected)
        for table in ORDER:
            if table in self.files.tables:
                out.sources.append(
                    SourceInfo(
                        self._source(table),
                        f"{self.files.files[table]} (cluster files)",
                        "cluster_files",
                        path=str(self.files.tables[table].path),
                    )
                )
        regions: set[str] = set()
        sectors: set[str] = set()
        if self.clusters:
            src = self._source("clusters")
            for c in self.clusters.values():
                out.nodes.append(Node("Cluster", c.id, c.props, src, f"line {c.line}"))
                if c.parent:
                    out.rels.append(
                        Rel(
                            "LINKED_TO",
                            "Cluster",
                            c.id,
                            "Cluster",
                            c.parent,
                            {"relation": "parent"},
                            src,
                            f"line {c.line}",
                        )
                    )
        if self.orgs:
            src = self._source("organisations")
            for o in self.orgs.values():
                ref = f"line {o.line}"
                out.nodes.append(Node("Organisation", o.id, o.props, src, ref))
                if o.sector:
                    sectors.add(o.sector)
                    out.rels.append(
                        Rel("IN_SECTOR", "Organisation", o.id, "Sector", o.sector, {}, src, ref)
                    )
                if o.region:
                    regions.add(o.region)
                    out.rels.append(
                        Rel("LOCATED_IN", "Organisation", o.id, "Region", o.region, {}, src, ref)
                    )
        if self.projects:
            src = self._source("projects")
            instruments: set[str] = set()
            themes: dict[str, str] = {}
            for p in self.projects.values():
                ref = f"line {p.line}"
                out.nodes.append(Node("Project", p.id, p.props, src, ref))
                if p.instrument:
                    instruments.add(p.instrument)
                    out.rels.append(
                        Rel("FUNDED_BY", "Project", p.id, "Instrument", p.instrument, {}, src, ref)
                    )
                for tid, tname in p.themes:
                    themes.setdefault(tid, tname)
                    out.rels.append(Rel("HAS_THEME", "Project", p.id, "Theme", tid, {}, src, ref))
            # the ends of FUNDED_BY and HAS_THEME: MERGEd bare, so curated values stay
            out.nodes += [Node("Instrument", i, {}, src, "instrument") for i in sorted(instruments)]
            out.nodes += [Node("Theme", t, {"name": n}, src, "themes") for t, n in themes.items()]
        for kind, links in (
            ("memberships", self.memberships),
            ("participations", self.participations),
        ):
            rel_type = "MEMBER_OF" if kind == "memberships" else "PARTICIPATES_IN"
            for link in links:
                out.rels.append(
                    Rel(
                        rel_type,
                        link.start_label,
                        link.start_id,
                        link.end_label,
                        link.end_id,
                        link.props,
                        self._source(kind),
                        f"line {link.line}",
                    )
                )
        if sectors:
            out.sources.append(sector_source())
            out.nodes += [sector_node(s) for s in sorted(sectors)]
        if regions:
            out.sources.append(
                SourceInfo(
                    REGION_SOURCE,
                    "ISO 3166-2:BE codes of Belgium's regions and provinces",
                    "curated",
                )
            )
            out.nodes += [region_node(r) for r in sorted(regions)]
        return out


def _extras(table: Table, row: Row) -> dict[str, str]:
    """Extra columns as properties, where the name is a plain identifier of our own."""
    return {
        c: row.get(c)
        for c in table.extra_columns
        if row.get(c) and c not in RESERVED and c.isidentifier() and not c[0].isdigit()
    }
