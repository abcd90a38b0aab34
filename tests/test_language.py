"""The language rule of api.language: query, then cookie, then Accept-Language, then English."""

import doctest

import api.language
from api.language import choose_language


def test_doctests():
    assert doctest.testmod(api.language).failed == 0


def test_q_values_decide_between_dutch_and_english():
    assert choose_language(None, None, "en;q=0.4, nl;q=0.7") == "nl"
    assert choose_language(None, None, "nl;q=0, en;q=0.1") == "en"
    assert choose_language(None, "xx", "NL") == "nl"
    assert choose_language(None, None, None) == "en"
