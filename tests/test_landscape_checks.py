"""The curated landscape as a whole (pure: no Neo4j): every record names its source, ids are
unique, properties storable, figures and names quote the report; and bad files give every
problem with its file, line and column."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from graph.errors import DataError
from graph.model import NODE_LABELS, REL_TYPES
from ingest.data import SEEDS
from ingest.landscape import LANDSCAPE_DIR, build_landscape


@pytest.fixture(scope="module")
def records():
    return build_landscape()


# --- integrity of the records -------------------------------------------------------------


def test_every_node_and_relationship_names_its_source_and_ref(records):
    source_ids = {s.id for s in records.sources}
    for item in [*records.nodes, *records.rels]:
        assert item.source and item.ref, item
        assert item.source in source_ids, item.source
    assert {s.id for s in records.sources if s.kind == "document"} >= {
        f"seeds/{f}"
        for f in (
            "000_da5ac1ebd3a3b6da.txt",
            "003_74ba18d44d5e49c7.txt",
            "004_fcc77dbab908c948.txt",
        )
    }


def test_ids_unique_and_endpoints_exist(records):
    keys = Counter((n.label, n.id) for n in records.nodes)
    assert not [k for k, c in keys.items() if c > 1]
    pairs = Counter((r.type, r.start_id, r.end_id) for r in records.rels)
    assert not [k for k, c in pairs.items() if c > 1]
    sources = {s.id for s in records.sources}
    for r in records.rels:
        assert r.type in REL_TYPES
        assert (r.start_label, r.start_id) in keys, r
        is_source = r.end_label == "Source" and r.end_id in sources
        assert (r.end_label, r.end_id) in keys or is_source, r


def test_properties_are_storable(records):
    def storable(v):
        if isinstance(v, list):
            return len({type(x) for x in v}) <= 1 and all(
                isinstance(x, (str, int, float, bool)) for x in v
            )
        return v is None or isinstance(v, (str, int, float, bool))

    for item in [*records.nodes, *records.rels]:
        if hasattr(item, "label"):
            assert item.label in NODE_LABELS
        for k, v in item.props.items():
            assert storable(v), (item, k, v)


def test_deterministic():
    assert build_landscape() == build_landscape()


# --- the curated text against the seed documents ------------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _digits(x: float) -> str:
    return (f"{float(x):.6f}".rstrip("0").rstrip(".").replace(".", "")).lstrip("0") or "0"


def test_statistics_quote_their_source(records):
    docs = {}
    for n in records.nodes:
        if n.label != "Statistic":
            continue
        path = SEEDS / n.source.removeprefix("seeds/")
        docs.setdefault(path, _norm(path.read_text(encoding="utf-8")))
        assert _norm(n.props["as_stated"]) in docs[path], n.id
        stated_digits = re.sub(r"\D", "", n.props["as_stated"])
        for key in ("value", "value_min", "value_max"):
            if stated_digits and n.props.get(key) is not None:
                assert _digits(n.props[key]) in stated_digits, (n.id, key)


def test_names_and_titles_quote_the_report(records):
    report = _norm((SEEDS / "000_da5ac1ebd3a3b6da.txt").read_text(encoding="utf-8"))
    for n in records.nodes:
        if n.label == "Cluster" and n.props["type"] == "ibn":
            assert n.props["name"] in report, n.id
        if n.label == "Project":
            assert _norm(n.props["title"]) in report, n.id


# --- validation ---------------------------------------------------------------------------


@pytest.fixture()
def copy(tmp_path):
    folder = tmp_path / "landscape"
    shutil.copytree(LANDSCAPE_DIR, folder)
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(folder):
    with pytest.raises(DataError) as info:
        build_landscape(folder)
    return {(p.file, p.line, p.column) for p in info.value.problems}, info.value


def test_unknown_cluster_is_reported_with_its_line(copy):
    _edit(copy / "project_participants.csv", "ic-logigrid,flux50,", "ic-logigrid,flux-50,")
    found, err = _problems(copy)
    assert ("project_participants.csv", 34, "cluster_id") in found
    assert "unknown cluster 'flux-50'" in str(err)


def test_bad_cells_duplicates_and_missing_columns(copy):
    _edit(copy / "ibns.csv", "2019-08-31", "31/08/2019")
    _edit(copy / "intercluster_projects.csv", "ic-corona,CORONA", "ic-applisurf,CORONA")
    _edit(copy / "regions.csv", "id,name,name_nl", "id,name,dutch_name")
    found, _ = _problems(copy)
    assert ("ibns.csv", 2, "end_date") in found
    assert ("intercluster_projects.csv", 4, "id") in found  # the second 'ic-applisurf'
    assert ("regions.csv", 1, "name_nl") in found and ("regions.csv", 1, "dutch_name") in found


def test_a_statistic_needs_a_value_and_a_subject(copy):
    row = "stat-tabel-1-spearhead-count,Tabel 1,Number of spearhead clusters,,"
    _edit(copy / "statistics.csv", row + "6,", row + ",")
    found, _ = _problems(copy)
    assert ("statistics.csv", 2, "value") in found
