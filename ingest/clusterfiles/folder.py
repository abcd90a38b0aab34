"""Read cluster files: a folder of CSV files, one ``.xlsx`` workbook, or one CSV file.

``read_folder(path) -> ClusterFiles`` reads whichever of organisations, clusters, memberships,
projects and participations the folder (or workbook) holds, each against its ``TableSpec``;
file-level problems (unreadable file, wrong delimiter, missing column) are collected, never
raised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import Problem
from ingest.tables import (
    WORKBOOK_SUFFIXES,
    Table,
    TableSpec,
    read_csv,
    table_from_cells,
    xlsx_sheets,
)

SPECS: dict[str, TableSpec] = {
    "organisations": TableSpec(
        "organisations",
        ("id", "name", "kind"),
        ("enterprise_number", "nace", "postcode", "province", "size", "description", "example"),
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
            "postal_code": "postcode",
            "post_code": "postcode",
            "code_postal": "postcode",
            "zip": "postcode",
            "omschrijving": "description",
        },
        text=("description",),
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
        text=("title",),
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


@dataclass
class ClusterFiles:
    """The tables of one folder or workbook, and the problems that kept a file out."""

    path: Path
    name: str  # folder name or workbook stem: namespaces local ids
    tables: dict[str, Table]  # by table name (organisations, clusters, ...)
    files: dict[str, str]  # table name -> file label, for every file found
    problems: list[Problem] = field(default_factory=list)


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
        return _read_csv_files(path, path.parent, [path])
    if path.is_dir():
        only = [p for p in path.iterdir() if p.is_file()]
        books = [
            p for p in only if p.suffix.lower() in WORKBOOK_SUFFIXES and not p.name.startswith("~$")
        ]  # skip Excel's lock files
        if len(books) == 1 and not any(_is_cluster_csv(p) for p in only):
            return _read_workbook(books[0])
        return _read_csv_files(path, path, only)
    return ClusterFiles(
        path,
        path.name,
        {},
        {},
        [Problem(str(path), 0, "-", "not a folder, an .xlsx workbook or a cluster CSV file")],
    )


def _read_csv_files(path: Path, folder: Path, only: list[Path]) -> ClusterFiles:
    files = ClusterFiles(folder, folder.resolve().name, {}, {})
    by_name = {p.name.lower(): p for p in only}
    for table in ORDER:
        found = next(
            (by_name[f"{n}.csv"] for n in FILE_NAMES[table] if f"{n}.csv" in by_name), None
        )
        if found is None:
            continue
        label = f"{files.name}/{found.name}"
        _add(files, table, label, read_csv(found, SPECS[table], label))
    expected = ", ".join(f"{t}.csv" for t in ORDER)
    return _checked(files, str(path), "no cluster files: expected one or more of " + expected)


def _add(
    files: ClusterFiles, table: str, label: str, read: tuple[Table | None, list[Problem]]
) -> None:
    """Record a table read from ``label`` (a file, or a workbook's sheet) and its problems."""
    parsed, problems = read
    files.files[table] = label
    files.problems += problems
    if parsed is not None:
        files.tables[table] = parsed


def _checked(files: ClusterFiles, where: str, nothing: str) -> ClusterFiles:
    """``files``, with the problem ``nothing`` when it holds no table at all."""
    if not files.files:
        files.problems.append(Problem(where, 0, "-", nothing))
    return files


def _table_of(stem: str) -> str | None:
    return next((t for t, names in FILE_NAMES.items() if stem.lower() in names), None)


def _is_cluster_csv(path: Path) -> bool:
    return path.suffix.lower() == ".csv" and _table_of(path.stem) is not None


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
        _add(files, table, label, table_from_cells(sheets[sheet], SPECS[table], label, path))
    expected = ", ".join(ORDER)
    return _checked(
        files, path.name, "no cluster sheets in this workbook: expected one or more of " + expected
    )


def is_cluster_files(path: Path) -> bool:
    """True when ``path`` looks like cluster files (for recognising the format)."""
    path = Path(path)
    if path.is_file():
        return path.suffix.lower() in WORKBOOK_SUFFIXES or (
            path.suffix.lower() == ".csv"
            and any(path.stem.lower() in ns for ns in FILE_NAMES.values())
        )
    files = [p for p in path.iterdir() if p.is_file()] if path.is_dir() else []
    return any(_is_cluster_csv(p) for p in files) or any(
        p.suffix.lower() in WORKBOOK_SUFFIXES for p in files
    )
