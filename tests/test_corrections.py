"""The corrections of the audit hold, each checked against the text of its source.

The evaluation report (``ingest/data/seeds/000_da5ac1ebd3a3b6da.txt``) is cut into its sections
by their headings, so a test can say in which section a sentence stands.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from ingest.landscape import build_landscape

SEEDS = Path(__file__).resolve().parents[1] / "ingest" / "data" / "seeds"
REPORT = SEEDS / "000_da5ac1ebd3a3b6da.txt"


@cache
def section(number: str) -> str:
    """The text of §number (from its heading to the next numbered heading)."""
    text = REPORT.read_text(encoding="utf-8")
    heads = list(re.finditer(r"^(\d\.\d) [A-Z].*$", text, re.MULTILINE))
    for here, after in zip(heads, heads[1:], strict=False):
        if here.group(1) == number:
            return text[here.start() : after.start()]
    raise KeyError(number)


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def records():
    return build_landscape()


@pytest.fixture(scope="module")
def nodes(records):
    return {(n.label, n.id): n for n in records.nodes}


def rel(records, type, start, end):
    (found,) = [r for r in records.rels if (r.type, r.start_id, r.end_id) == (type, start, end)]
    return found


def test_tabel_10_rows_are_applications_whose_approval_is_unknown(records, nodes):
    s33 = squash(section("3.3"))
    assert "10 aanvragen" in s33 and "waarvan er 7 werden goedgekeurd" in s33
    assert "7 goedgekeurde projecten, waarvan drie tussen een SPC en een IBN" in s33
    tabel_10 = [n for n in records.nodes if n.label == "Project" and n.ref == "Tabel 10"]
    assert (
        len(tabel_10)
        == nodes["Statistic", "stat-s3-3-intercluster-applications"].props["value"]
        == 10
    )
    assert {(n.props["status"], n.props["approval"]) for n in tabel_10} == {("applied", "unknown")}
    assert nodes["Statistic", "stat-s3-3-intercluster-approved"].props["value"] == 7


def test_the_value_added_inconsistency_is_marked_on_the_node(nodes):
    stat = nodes["Statistic", "stat-s3-1-value-added"].props
    assert (stat["value"], stat["unit"], stat["as_stated"]) == (
        28.5,
        "MEUR",
        "bijna 28,5 miljoen €",
    )
    assert "bijna 28,5 miljoen €" in section("3.1")  # the printed value is kept
    fte = nodes["Statistic", "stat-s3-1-employment"].props["value"]
    per_fte = nodes["Statistic", "stat-s3-1-labour-productivity"].props["value"]
    implied = fte * per_fte  # 220,000 FTE x 128,000 EUR = 28.16 bn EUR
    assert implied == 28_160_000_000 and implied / stat["value_eur"] > 900
    assert stat["inconsistent"] is True and "28 billion" in stat["inconsistency"]
    assert stat["inconsistent_with"] == ["stat-s3-1-employment", "stat-s3-1-labour-productivity"]


def test_offshore_energy_integration_is_planned_not_done(records):
    link = rel(records, "LINKED_TO", "ibn-offshore-energy", "blauwe-cluster")
    assert link.props["relation"] == "integration_planned"
    text = squash(section("3.3"))
    assert "stappen genomen om op termijn tot inkanteling van de IBN bij de SPC te komen" in text
    assert "Offshore energie → Blauwe Cluster" in text


# (record, a phrase of the sentence it rests on): all eleven stand in §3.2, not §3.3
IN_3_2 = "zich in het contract ondernemerschap achter de combinatie Agoria/Sirris hebben geschaard"
ELEVEN = [
    *[
        (("TIED_TO", org, cluster), IN_3_2)
        for org in ("Agoria", "Sirris")
        for cluster in ("vil", "flanders-food", "catalisti")
    ],
    (("TIED_TO", "FIT", "vil"), "apart structureel partnerships tussen VIL en FIT"),
    (("Organisation", "ORG:agoria"), IN_3_2),
    (("Organisation", "ORG:sirris"), IN_3_2),
    (("Cluster", "vil"), "apart structureel partnerships tussen VIL en FIT"),
    (("Cluster", "flanders-food"), "Smart Sensors for Agri-Food' (S3FOOD-project)"),
]


@pytest.mark.parametrize("key, phrase", ELEVEN)
def test_the_eleven_references_cite_section_3_2(records, nodes, key, phrase):
    assert phrase in squash(section("3.2")) and phrase not in squash(section("3.3"))
    if key[0] == "TIED_TO":
        assert rel(records, "TIED_TO", f"ORG:{key[1].lower()}", key[2]).ref == "§3.2"
    elif key[0] == "Organisation":
        assert "§3.2" in nodes[key].ref
    else:  # the description cites the section of the sentence
        description = nodes[key].props["description"]
        claim = "FIT (§3.2)" if key[1] == "vil" else "food industry (§3.2)"
        assert claim in description and "§3.3" not in description.split(claim)[0][-60:]


def test_flamac_is_only_named_in_a_kpi_label(records, nodes):
    tie = rel(records, "TIED_TO", "ORG:flamac", "sim")
    assert tie.props["relation"] == "named_in_kpi" and "no tie or partnership" in tie.props["notes"]
    kpi = [n for n in records.nodes if n.label == "Statistic" and "(Flamac)" in n.props["metric"]]
    assert [n.props["cluster"] for n in kpi] == ["sim"]


ALIASES = {
    "ORG:sim": ("Strategisch Initiatief Materialen", "name_nl"),
    "ORG:centexbel": ("Centre Scientifique & Technique de l'Industrie Textile Belge", "name_fr"),
    "ORG:buildwise": ("Centre Scientifique et Technique de la Construction", "name_fr"),
    "ORG:vlaio": ("Flanders Innovation & Entrepreneurship", "name_en"),
}


@pytest.mark.parametrize("org, name_and_field", ALIASES.items())
def test_names_in_dutch_french_and_english_are_aliases(nodes, org, name_and_field):
    name, field = name_and_field
    props = nodes["Organisation", org].props
    assert props[field] == name and name in props["aliases"]


def test_buildwise_and_vlaio_with_its_predecessor(records, nodes):
    assert {"WTCB", "CSTC"} <= set(nodes["Organisation", "ORG:buildwise"].props["aliases"])
    iwt = nodes["Organisation", "ORG:iwt"]
    assert iwt.props["name_nl"] == "Agentschap voor Innovatie door Wetenschap en Technologie"
    link = rel(records, "PREDECESSOR_OF", "ORG:iwt", "ORG:vlaio")
    assert (link.props["since"], link.source) == ("2016-01-01", "seeds/005_vlaio_predecessors.txt")
    note = (SEEDS / "005_vlaio_predecessors.txt").read_text(encoding="utf-8")
    assert "1 January 2016" in note and "999656878" in note
