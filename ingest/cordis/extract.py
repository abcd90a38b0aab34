"""A CORDIS folder: its ``project.csv`` and ``organization.csv`` (either may be gzip-packed)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graph.errors import Problem
from ingest.cordis.organization_csv import CordisParticipation, read_participations
from ingest.cordis.project_csv import CordisProject, read_projects

FILES = ("project.csv", "organization.csv")


@dataclass
class CordisData:
    folder: Path
    projects: list[CordisProject]
    participations: list[CordisParticipation]
    problems: list[Problem]


def cordis_file(folder: Path, name: str) -> Path | None:
    """``folder/name``, or its gzip-packed ``folder/name.gz``; None when neither is there."""
    for path in (folder / name, folder / f"{name}.gz"):
        if path.is_file():
            return path
    return None


def read_cordis(folder: Path) -> CordisData:
    """Projects and participations of a CORDIS folder, with every problem found."""
    folder = Path(folder)
    problems: list[Problem] = []
    paths = {name: cordis_file(folder, name) for name in FILES}
    for name, path in paths.items():
        if path is None:
            problems.append(Problem(f"{folder.name}/{name}", 0, "-", "file not found"))
    project_path, org_path = paths["project.csv"], paths["organization.csv"]
    if project_path is None or org_path is None:
        return CordisData(folder, [], [], problems)
    project_file = f"{folder.name}/{project_path.name}"
    org_file = f"{folder.name}/{org_path.name}"
    rejected: dict[str, int] = {}
    projects = read_projects(project_path, problems, project_file, rejected)
    seen: dict[str, int] = {}
    unique: list[CordisProject] = []
    for p in projects:
        if p.key in seen:
            problems.append(
                Problem(project_file, p.line, "id", f"project {p.key} repeats line {seen[p.key]}")
            )
            continue
        seen[p.key] = p.line
        unique.append(p)
    participations = read_participations(
        org_path, unique, problems, org_file, rejected, project_path.name
    )
    return CordisData(folder, unique, participations, problems)


def is_cordis_folder(path: Path) -> bool:
    """True when ``path`` is a folder holding ``project.csv`` and ``organization.csv``
    (either may be gzip-packed)."""
    path = Path(path)
    return path.is_dir() and all(cordis_file(path, n) for n in FILES)
