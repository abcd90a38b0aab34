"""The writer's source precedence against the real server (``graph.precedence``).

Known answers: the curated name survives CORDIS; CORDIS's name is kept as ``legal_name``; each
field records the source that set it; a second load of the same sources reports 0 updated; a
source of higher precedence overrides a lower one's field, never the other way round; a demo
flag never lands on a node another source created.
"""

from __future__ import annotations

import pytest

from graph.load import write_records
from graph.records import Node, Records, Rel

pytestmark = pytest.mark.live

SEEDS = "seeds/000.txt"
CORDIS = "cordis:h2020/organization.csv"
FILES = "clusterfiles:acme/organisations.csv"


def org(source: str, **props) -> Records:
    return Records(nodes=[Node("Organisation", "ORG:ku leuven", props, source, "line 1")])


def node(db) -> dict:
    return db.run_read("MATCH (o:Organisation {id: 'ORG:ku leuven'}) RETURN properties(o) AS p")[0][
        "p"
    ]


def updated(summary) -> int:
    return sum(c.updated for c in summary.per_type.values())


def test_curated_name_wins_and_each_field_keeps_its_source(db):
    curated = org(SEEDS, name="KU Leuven", kind="knowledge_institution")
    cordis = org(
        CORDIS,
        name="KATHOLIEKE UNIVERSITEIT LEUVEN",
        legal_name="KATHOLIEKE UNIVERSITEIT LEUVEN",
        kind="knowledge_institution",
        pic="999991334",
    )
    write_records(db, curated)
    first = write_records(db, cordis)
    p = node(db)
    assert p["name"] == "KU Leuven" and p["legal_name"] == "KATHOLIEKE UNIVERSITEIT LEUVEN"
    assert p["source"] == SEEDS and p["sources"] == [SEEDS, CORDIS]
    assert sorted(p["field_sources"]) == [f"legal_name={CORDIS}", f"pic={CORDIS}"]
    assert updated(first) == 1
    # a second round of both sources changes nothing
    assert updated(write_records(db, curated)) == 0
    assert updated(write_records(db, cordis)) == 0
    assert node(db) == p


def test_a_source_updates_its_own_fields_and_higher_precedence_overrides(db):
    write_records(db, org(CORDIS, name="KUL", city="LEUVEN"))
    write_records(db, org(CORDIS, name="KUL", city="Leuven"))  # its own field: updated
    assert node(db)["city"] == "Leuven"
    write_records(db, org(FILES, name="KU Leuven", city="Heverlee"))  # ranks above CORDIS
    p = node(db)
    assert (p["name"], p["city"]) == ("KU Leuven", "Heverlee")
    assert sorted(p["field_sources"]) == [f"city={FILES}", f"name={FILES}"]
    write_records(db, org(CORDIS, name="KUL", city="LEUVEN"))  # lower: refused
    assert (node(db)["name"], node(db)["city"]) == ("KU Leuven", "Heverlee")
    write_records(db, org(SEEDS, name="KU Leuven (curated)"))  # the creator? no: higher rank
    assert node(db)["name"] == "KU Leuven (curated)"


def test_demo_flags_only_on_creation(db):
    write_records(db, org(SEEDS, name="KU Leuven"))
    write_records(db, org(FILES, name="x", example=True, size="large"))
    p = node(db)
    assert "example" not in p and p["size"] == "large"  # a fact is added, the flag is not
    records = Records(
        nodes=[Node("Cluster", "c", {"name": "C"}, SEEDS)],
        rels=[
            Rel(
                "MEMBER_OF",
                "Organisation",
                "ORG:ku leuven",
                "Cluster",
                "c",
                {"role": "member", "example": True},
                FILES,
                "line 2",
            )
        ],
    )
    write_records(db, records)
    (rel,) = db.run_read("MATCH ()-[r:MEMBER_OF]->() RETURN properties(r) AS p")
    assert rel["p"]["example"] is True  # created by the example row: flagged
    assert updated(write_records(db, records)) == 0
