"""What the cluster-file tests share: the fixture folder, its file labels, and helpers that
load it, vary it and collect its problems."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.errors import DataError, Problem
from ingest.clusterfiles import load_folder
from ingest.resolve import OrgIndex

HERE = Path(__file__).parent
MEMBERS = HERE / "data" / "clusterfiles" / "members"
EXAMPLES = HERE.parent / "ingest" / "examples"
KNOWN = {"catalisti", "sim"}
ORG = "members/organisations.csv"
CLU = "members/clusters.csv"
MEM = "members/memberships.csv"
PRO = "members/projects.csv"
PAR = "members/participations.csv"


def load(path: Path, index: OrgIndex | None = None, **kw):
    return load_folder(path, index or OrgIndex(), known_clusters=KNOWN, **kw)


def variant(tmp_path: Path, **files: str | None) -> Path:
    """The fixture folder copied to ``tmp_path/members`` with some files replaced or removed."""
    folder = tmp_path / "members"
    shutil.copytree(MEMBERS, folder)
    for stem, text in files.items():
        path = folder / f"{stem}.csv"
        if text is None:
            path.unlink()
        else:
            path.write_text(text, encoding="utf-8")
    return folder


def edit(stem: str, old: str, new: str) -> str:
    text = (MEMBERS / f"{stem}.csv").read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new)


def problems_of(path: Path, **kw) -> list[Problem]:
    with pytest.raises(DataError) as e:
        load(path, **kw)
    return e.value.problems


def shape(records) -> tuple[list, list]:
    """Records without their source ids (which name the file: .csv or the workbook's sheet)."""
    return (
        [(n.label, n.id, n.props, n.ref) for n in records.nodes],
        [
            (r.type, r.start_label, r.start_id, r.end_label, r.end_id, r.props, r.ref)
            for r in records.rels
        ],
    )


# -- the valid folder ------------------------------------------------------------------------------
