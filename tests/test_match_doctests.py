"""The examples in the matching modules' docstrings run."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "analytics.matching",
    "analytics.matching.text",
    "analytics.matching.proximity",
    "analytics.matching.metrics",
    "analytics.matching.scoring",
    "analytics.matching.rules",
    "analytics.matching.history",
    "analytics.matching.mapping_file",
    "analytics.adapter.match_rows",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0
