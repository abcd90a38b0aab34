"""The match model: built from rows (as read from the graph) and from CORDIS, and read through
``store`` with the catalogued statements, cached per graph version."""

from __future__ import annotations

import numpy as np

from analytics.matching import from_rows, match_call, match_partners, store
from graph import catalog


def rows():
    orgs = [
        {"id": "a", "name": "Alpha NV", "kind": "firm", "size": "sme", "nace": "C20.1"},
        {"id": "b", "name": "Beta", "kind": "knowledge_institution"},
        {"id": "c", "name": "Gamma BV", "kind": "firm", "size": "sme", "nace": "H52"},
        {"id": "d", "name": "Delta", "kind": "firm", "size": "large", "nace": "C20"},
    ]
    parts = [
        {
            "org": "a",
            "project": "p1",
            "title": "bio-based coatings",
            "year": 2021,
            "themes": "coatings|circular",
            "source": "s",
            "source_ref": "line 1",
        },
        {
            "org": "b",
            "project": "p1",
            "title": "bio-based coatings",
            "year": 2021,
            "source": "s",
            "source_ref": "line 2",
        },
        {
            "org": "b",
            "project": "p2",
            "title": "coatings for ships",
            "year": 2022,
            "source": "s",
            "source_ref": "line 3",
        },
        {
            "org": "c",
            "project": "p2",
            "title": "coatings for ships",
            "year": 2022,
            "source": "s",
            "source_ref": "line 4",
        },
    ]
    mems = [
        {"org": o, "cluster": c, "cluster_name": n, "source": "s", "source_ref": "m"}
        for o, c, n in [
            ("a", "cat", "Catalisti"),
            ("c", "blue", "De Blauwe Cluster"),
            ("d", "cat", "Catalisti"),
            ("b", "blue", "De Blauwe Cluster"),
        ]
    ]
    return orgs, parts, mems


def test_model_from_rows_is_independent_of_row_order():
    orgs, parts, mems = rows()
    m1 = from_rows(orgs, parts, mems)
    m2 = from_rows(orgs[::-1], parts[::-1], mems[::-1])
    assert m1.org_ids == m2.org_ids == ["a", "b", "c", "d"]
    assert (m1.A != m2.A).nnz == 0 and (m1.M != m2.M).nnz == 0
    assert m1.A[m1.index["a"], m1.index["b"]] == 1 and m1.degree.tolist() == [1, 2, 1, 0]
    assert m1.project_themes[m1.project_index["p1"]] == ("coatings", "circular")
    e = m1.participation(m1.index["c"], m1.project_index["p2"])
    assert (m1.edge_source[e], m1.edge_ref[e]) == ("s", "line 4")
    assert m1.resolve("ALPHA") == 0 and m1.resolve_cluster("catalisti") == m1.cluster_index["cat"]


class FakeDb:
    """Rows as ``graph.db.Database.read`` returns them (the Cypher itself runs in the live
    tests); counts the reads so the cache can be checked."""

    uri, database = "bolt://fake", "neo4j"

    def __init__(self):
        self.version = 1
        self.reads: list[str] = []

    def read(self, name, **params):
        catalog.load(name)  # the statement exists in graph/cypher
        self.reads.append(name)
        orgs, parts, mems = rows()
        return {
            "match_version": [
                {
                    "organisations": 4,
                    "projects": 2,
                    "participations": 4,
                    "memberships": 4,
                    "loaded_at": f"v{self.version}",
                }
            ],
            "match_organisations": orgs,
            "match_participations": [dict(p) for p in parts],
            "match_project_themes": [{"project": "p2", "themes": ["maritime"]}],
            "match_memberships": mems,
            "match_instruments": [
                {
                    "id": "icon",
                    "name": "ICON",
                    "min_firms": 2,
                    "min_research_partners": 1,
                    "requires_sme": True,
                    "source_ref": "§3.2",
                }
            ],
        }[name]


def test_store_reads_the_graph_once_per_version():
    store.clear_cache()
    db = FakeDb()
    m = store.load_model(db, max_age=0)
    assert m.project_themes[m.project_index["p2"]] == ("maritime",)
    assert m.instruments["icon"]["min_firms"] == 2
    assert store.load_model(db, max_age=0) is m
    assert db.reads.count("match_organisations") == 1
    db.version = 2
    assert store.load_model(db, max_age=0) is not m
    assert db.reads.count("match_organisations") == 2
    # the engine accepts the database itself (as the API calls it)
    assert [p.id for p in match_partners(db, "a", k=1)] == ["c"]
    result = match_call(
        db,
        {
            "text": "coatings",
            "clusters": ["cat", "blue"],
            "instrument": "icon",
            "k": 3,
            "priority": "circular economy",
        },
    )
    assert result.instrument_rules.min_firms == 2  # the Instrument node wins
    assert all(c.satisfied for c in result.consortia)
    store.clear_cache()


def test_walk_prefers_close_organisations():
    from analytics.matching.proximity import project_walk

    orgs, parts, mems = rows()
    m = from_rows(orgs, parts, mems)
    w = project_walk(m, m.index["a"])
    assert w[m.index["b"]] > w[m.index["c"]] > 0 and w[m.index["d"]] == 0
    assert np.isclose(w.sum(), 1 - 0.85**4)  # the walk is cut after three steps
