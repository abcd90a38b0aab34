"""The examples in the analytics docstrings run and give what they say."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "analytics.projection",
    "analytics.network",
    "analytics.brandes",
    "analytics.centrality",
    "analytics.overlap",
    "analytics.cross_sector",
    "analytics.helix",
    "analytics.provenance",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
