"""``graph.map_data``'s readers against the throwaway Neo4j: the rows each map draws, on the
small hand-built graph of ``test_viz_live`` (a spearhead cluster SH with a manager MGR, a tied
federation FED, KU Leuven and three firms F1-F3, F1 and F3 also in the IBN, a project P1)."""

from __future__ import annotations

import pytest

from graph import map_data
from graph.errors import NotFound
from graph.load import write_records
from graph.records import Node, Records, SourceInfo

from .test_viz_live import SRC, loaded  # noqa: F401  (fixture)

pytestmark = pytest.mark.live


def test_ecosystem_rows_draw_managers_ties_and_the_most_central_and_count_the_rest(loaded):  # noqa: F811
    rows = map_data.ecosystem_rows(loaded, max_organisations=1)
    assert [c["id"] for c in rows["clusters"]] == ["IBN", "SH"]
    assert {c["id"]: c["members"] for c in rows["clusters"]} == {"IBN": 2, "SH": 4}
    assert rows["cluster_links"] == [
        {
            "start": "IBN",
            "end": "SH",
            "type": "LINKED_TO",
            "relation": "parent",
            "source": SRC,
            "source_ref": "LINKED_TO IBN",
        }
    ]
    # the manager and the tied federation always; KU Leuven as the one most central member
    assert [o["id"] for o in rows["organisations"]] == ["FED", "KUL", "MGR"]
    links = {(r["org"], r["cluster"], r["type"]) for r in rows["org_links"]}
    assert links == {("FED", "SH", "TIED_TO"), ("KUL", "SH", "MEMBER_OF"), ("MGR", "SH", "MANAGES")}
    fed = next(r for r in rows["org_links"] if r["org"] == "FED")
    assert fed["relation"] == "founder" and fed["source"] == SRC
    # the firms are counted per cluster, kind and NACE division; F3 is synthetic
    groups = {
        (g["cluster"], g["kind"], g["nace"]): (g["count"], g["synthetic"])
        for g in rows["member_groups"]
    }
    assert groups == {
        ("IBN", "firm", "20"): (2, 1),
        ("SH", "firm", "20"): (2, 1),
        ("SH", "firm", "62"): (1, 0),
    }
    none = map_data.ecosystem_rows(loaded, max_organisations=0)
    assert [o["id"] for o in none["organisations"]] == ["FED", "MGR"]
    assert ("SH", "knowledge_institution", "85") in {
        (g["cluster"], g["kind"], g["nace"]) for g in none["member_groups"]
    }


def test_cluster_rows_hold_the_cluster_its_neighbours_and_the_bridges(loaded):  # noqa: F811
    rows = map_data.cluster_rows(loaded, "SH")
    assert rows["cluster"]["id"] == "SH" and rows["cluster"]["members"] == 4
    assert rows["cluster"]["domain"] == "chemistry" and rows["cluster"]["source_ref"] == "Tabel 10"
    by_id = {r["id"]: r for r in rows["neighbours"]}
    assert set(by_id) == {"IBN", "MGR", "FED", "KUL", "F1", "F2", "F3", "P1"}
    assert by_id["FED"]["rel_type"] == "TIED_TO" and by_id["FED"]["rel"]["relation"] == "founder"
    assert by_id["MGR"]["rel_type"] == "MANAGES" and by_id["MGR"]["label"] == "Organisation"
    assert by_id["IBN"]["label"] == "Cluster" and by_id["IBN"]["members"] == 2
    assert by_id["P1"]["label"] == "Project" and by_id["P1"]["title"] == "Bio-based coatings"
    assert by_id["F1"]["nace"] == "20.13" and by_id["F3"]["synthetic"] is True
    assert [(b["org"], b["cluster"], b["members"]) for b in rows["bridges"]] == [
        ("F1", "IBN", 2),
        ("F3", "IBN", 2),
    ]


def test_an_unknown_cluster_is_not_found_with_a_query_to_list_them(loaded):  # noqa: F811
    with pytest.raises(NotFound) as e:
        map_data.cluster_rows(loaded, "NOPE")
    assert str(e.value) == (
        "There is no cluster with id 'NOPE' (list them with "
        "`innograph cypher 'MATCH (c:Cluster) RETURN c.id, c.name'`)."  # cypher-example
    )


def test_overlap_rows_computed_until_analytics_wrote_them(loaded):  # noqa: F811
    rows = map_data.overlap_rows(loaded)
    assert [c["id"] for c in rows["clusters"]] == ["IBN", "SH"]
    assert rows["overlaps"] == [
        {
            "a": "IBN",
            "b": "SH",
            "shared": 2,
            "jaccard": 0.5,  # 2 / (2 + 4 - 2)
            "overlap_coefficient": 1.0,  # 2 / min(2, 4)
            # F3 is synthetic: one of the 4 members of IBN or SH
            "from_synthetic": True,
            "synthetic_share": 0.25,
            "source": "computed from MEMBER_OF",
        }
    ]
    assert map_data.overlap_rows(loaded, min_shared=3)["overlaps"] == []
    loaded.run_write(
        "MATCH (a:Cluster {id: 'IBN'}), (b:Cluster {id: 'SH'}) MERGE (a)"
        "-[:OVERLAPS {shared: 7, jaccard: 0.7, overlap_coefficient: 0.9, source: 'run 1'}]->(b)"
    )
    [written] = map_data.overlap_rows(loaded)["overlaps"]
    assert (written["shared"], written["jaccard"], written["source"]) == (7, 0.7, "run 1")
    # the written pair counts while it shares enough; else the count from MEMBER_OF decides
    assert map_data.overlap_rows(loaded, min_shared=3)["overlaps"] == [written]
    assert map_data.overlap_rows(loaded, min_shared=8)["overlaps"] == []


def test_sector_links_as_written_for_the_via_else_any_via_else_computed(loaded):  # noqa: F811
    assert map_data.sector_links(loaded) == [
        {"a": "C", "b": "J", "links": 1, "from_synthetic": False, "synthetic_share": 0.0}
    ]  # P1: F1 (C), F2 (J)
    assert map_data.sector_links(loaded, level="division") == []  # nothing computed below sections
    loaded.run_write(
        "MATCH (c:Sector {id: 'C'}), (j:Sector {id: 'J'}) "
        "MERGE (j)-[:SECTOR_LINK {via: 'clusters', level: 'section', links: 3}]->(c) "
        "MERGE (c)-[:SECTOR_LINK {via: 'clusters', level: 'section', links: 2}]->(c)"
    )
    # none via projects: every via, each pair once with a <= b
    assert map_data.sector_links(loaded, via="projects") == [
        {"a": "C", "b": "C", "links": 2, "from_synthetic": False, "synthetic_share": 0.0},
        {"a": "C", "b": "J", "links": 3, "from_synthetic": False, "synthetic_share": 0.0},
    ]
    assert map_data.sector_links(loaded, via="clusters") == map_data.sector_links(loaded, via=None)


def test_organisations_by_id_and_enterprise_number_with_their_clusters(loaded):  # noqa: F811
    extra = Node(
        "Organisation",
        "ORG:x",
        {"name": "X NV", "kind": "firm", "enterprise_number": "0123456789"},
        SRC,
    )
    write_records(loaded, Records([extra], [], [SourceInfo(SRC, "viz test graph", "test")]))
    found = map_data.organisations(loaded, ["F1", "0123456789", "NOPE"])
    assert set(found) == {"F1", "ORG:x", "0123456789"}
    assert found["0123456789"] is found["ORG:x"] and found["ORG:x"]["clusters"] == []
    f1 = found["F1"]
    assert f1["name"] == "Firm One" and f1["pagerank"] == 0.2 and f1["size"] == "sme"
    assert sorted(c["id"] for c in f1["clusters"]) == ["IBN", "SH"]
    assert {"id": "SH", "name": "Catalisti", "type": "spearhead"} in f1["clusters"]
    assert map_data.organisations(loaded, []) == {}
