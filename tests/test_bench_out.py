"""Every benchmark's ``--out``: the JSON goes to exactly the path given, also outside the
repository (it once became ``a.json.json`` there and then failed on ``relative_to``)."""

from __future__ import annotations

import json

import pytest

from benchmarks import bench_analytics, bench_ingest, bench_maps, bench_match, bench_service
from benchmarks.common import add_out, result_path, shown, write_json


def test_write_json_writes_exactly_the_path_given(tmp_path):
    out = tmp_path / "x" / "a.json"
    path = write_json("analytics", {"rows": [1]}, out)
    assert path == out and out.exists()
    assert not (tmp_path / "x" / "a.json.json").exists()
    assert json.loads(out.read_text())["rows"] == [1]
    assert shown(path) == str(out)  # outside the repository: shown as it is


def test_default_stays_in_results():
    assert result_path("service").parts[-3:] == ("benchmarks", "results", "service.json")
    assert shown(result_path("service")) == "benchmarks/results/service.json"


@pytest.mark.parametrize(
    "module", [bench_analytics, bench_ingest, bench_maps, bench_match, bench_service]
)
def test_every_benchmark_takes_out_through_the_shared_option(module):
    assert module.add_out is add_out and module.write_json is write_json
