"""The examples in the ingest docstrings run and give what they say."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "ingest.tables.cells",
    "ingest.tables.delimited",
    "ingest.tables.workbook",
    "ingest.vocab",
    "ingest.places",
    "graph.precedence",
    "ingest.resolve",
    "ingest.sectors",
    "ingest.cordis.build",
    "ingest.landscape",
    "ingest.synthetic",
    "graph.nace",
    "graph.purge",
    "ingest.cordis.landscape_report",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
