"""Enterprise numbers and name keys (graph.keys): hand-checked known answers."""

from __future__ import annotations

import pytest

from graph.keys import (
    EnterpriseNumberError,
    belgian_vat_to_enterprise_number,
    is_enterprise_number,
    name_key,
    normalise_enterprise_number,
    organisation_id,
    slug,
)

# 0403.170.701: 97 - 4031707 % 97 = 97 - 96 = 01.  1999.999.052: 97 - 19999990 % 97 = 97 - 45 = 52.


@pytest.mark.parametrize(
    "text",
    [
        "0403.170.701",
        "0403170701",
        "BE0403170701",
        "be0403170701",
        "BE 0403 170 701",
        "BE0403.170.701",
        "0403 170 701",
        "403.170.701",
        "403170701",
    ],
)
def test_every_notation_of_a_valid_number(text):
    assert normalise_enterprise_number(text) == "0403170701"


def test_fictional_example_numbers_are_valid():
    assert normalise_enterprise_number("1999.999.052") == "1999999052"
    assert normalise_enterprise_number("BE1999999151") == "1999999151"


@pytest.mark.parametrize(
    "text, reason",
    [
        ("1999.999.053", "'1999.999.053' fails the mod-97 check (expected check digits 52)"),
        ("0403170702", "'0403170702' fails the mod-97 check (expected check digits 01)"),
        ("2403170701", "'2403170701' must start with 0 or 1"),
        ("12345", "'12345' has 5 digits; an enterprise number has 10"),
        ("04031707011", "'04031707011' has 11 digits; an enterprise number has 10"),
        ("ABC", "'ABC' is not an enterprise number (10 digits)"),
        ("NL0403170701", "'NL0403170701' is not an enterprise number (10 digits)"),
        ("", "'' is not an enterprise number (10 digits)"),
    ],
)
def test_invalid_numbers_say_why(text, reason):
    with pytest.raises(EnterpriseNumberError) as e:
        normalise_enterprise_number(text)
    assert str(e.value) == reason
    assert not is_enterprise_number(text)


def test_belgian_vat_numbers():
    assert belgian_vat_to_enterprise_number("BE0419052173") == "0419052173"
    assert belgian_vat_to_enterprise_number("FI10942595") is None
    assert belgian_vat_to_enterprise_number("BE0419052174") is None  # bad checksum
    assert belgian_vat_to_enterprise_number("") is None


@pytest.mark.parametrize(
    "name, key",
    [
        ("Fevia VZW", "fevia"),
        ("Agoria vzw", "agoria"),
        ("AGORIA", "agoria"),
        ("Agoria ASBL", "agoria"),
        ("Bekaert N.V.", "bekaert"),
        ("NV Bekaert", "bekaert"),
        ("Société Générale S.A.", "societe generale"),
        ("Example Coatings BV", "example coatings"),
        ("Voorbeeld Polymeren NV", "voorbeeld polymeren"),
        ("Demo Materials Lab vzw", "demo materials lab"),
        (
            "INTERUNIVERSITAIR MICRO-ELECTRONICACENTRUM IMEC VZW",
            "interuniversitair micro electronicacentrum imec",
        ),
        (
            "VLAAMSE INSTELLING VOOR TECHNOLOGISCH ONDERZOEK N.V.",
            "vlaamse instelling voor technologisch onderzoek",
        ),
        ("KATHOLIEKE UNIVERSITEIT LEUVEN", "katholieke universiteit leuven"),
        ("BV", "bv"),  # a name is never reduced to nothing
    ],
)
def test_name_keys(name, key):
    assert name_key(name) == key


def test_name_key_keeps_dots_apart():
    # "K.U.Leuven" and "KU Leuven" differ: the curated aliases carry both spellings
    assert name_key("K.U.Leuven") == "k u leuven"
    assert name_key("KU Leuven") == "ku leuven"


def test_slug_and_organisation_ids():
    assert slug("Flanders' FOOD") == "flanders-food"
    assert organisation_id("0403170701") == "BE0403170701"
    assert organisation_id(pic="999991334") == "PIC:999991334"
    assert organisation_id(name="Gamma Parts NV") == "ORG:gamma parts"
    with pytest.raises(ValueError):
        organisation_id()
