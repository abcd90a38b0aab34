"""The match model: built from rows (as read from the graph), read through ``analytics.adapter``
with the catalogued statements, and kept by a ``ModelCache`` per graph version."""

from __future__ import annotations

import numpy as np

from analytics.adapter import ModelCache, read_model
from analytics.matching import from_rows, match_call, match_partners
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
            "read_graph_version": [
                {
                    "organisations": 4,
                    "projects": 2,
                    "participations": 4,
                    "memberships": 4,
                    "loaded_at": f"v{self.version}",
                }
            ],
            "read_organisation_profiles": orgs,
            "read_participations_with_projects": [dict(p) for p in parts],
            "read_project_theme_names": [{"project": "p2", "themes": ["maritime"]}],
            "read_current_memberships": mems,
            "read_instrument_rules": [
                {
                    "id": "icon",
                    "name": "ICON",
                    "min_firms": 2,
                    "min_research_partners": 1,
                    "requires_sme": True,
                    "source_ref": "§3.2",
                }
            ],
            "read_sources": [],
            "read_cluster_domains": [],
        }[name]


def test_the_cache_reads_the_graph_once_per_version():
    db = FakeDb()
    models = ModelCache(check_every=0)
    m = models.get(db)
    assert m.project_themes[m.project_index["p2"]] == ("maritime",)
    assert m.instruments["icon"]["min_firms"] == 2
    assert models.get(db) is m
    assert db.reads.count("read_organisation_profiles") == 1
    db.version = 2
    assert models.get(db) is not m
    assert db.reads.count("read_organisation_profiles") == 2
    # the engine takes the model the cache holds (as the API calls it)
    assert [p.id for p in match_partners(models.get(db), "a", k=1)] == ["c"]
    result = match_call(
        models.get(db),
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


def test_the_cache_reuses_the_model_while_the_version_stays():
    db = FakeDb()
    builds: list[str] = []

    def build(db, version):
        builds.append(version)
        return read_model(db, version)

    now = [0.0]
    models = ModelCache(build=build, check_every=5.0, clock=lambda: now[0])
    first = models.get(db)
    assert builds == ["o4.p2.r4.m4.n-.e-.lv1.a-"] and models.version == "o4.p2.r4.m4.n-.e-.lv1.a-"
    assert first.version == "o4.p2.r4.m4.n-.e-.lv1.a-"
    now[0] = 3.0  # within check_every: not even the version is read
    assert models.get(db) is first and db.reads.count("read_graph_version") == 1
    now[0] = 9.0  # checked again: same version, same model
    assert models.get(db) is first and db.reads.count("read_graph_version") == 2
    db.version = 2
    now[0] = 12.0  # changed, but not looked at yet
    assert models.get(db) is first
    now[0] = 15.0
    second = models.get(db)
    assert second is not first and builds == [
        "o4.p2.r4.m4.n-.e-.lv1.a-",
        "o4.p2.r4.m4.n-.e-.lv2.a-",
    ]
    assert second.version == "o4.p2.r4.m4.n-.e-.lv2.a-"
    models.clear()
    assert models.get(db) is not second and len(builds) == 3
    assert db.reads.count("read_organisation_profiles") == 3


def test_two_caches_are_independent():
    db = FakeDb()
    a, b = ModelCache(check_every=0), ModelCache(check_every=0)
    assert a.get(db) is not b.get(db)
    assert a.get(db) is a.get(db)


def test_walk_prefers_close_organisations():
    from analytics.matching.proximity import project_walk

    orgs, parts, mems = rows()
    m = from_rows(orgs, parts, mems)
    w = project_walk(m, m.index["a"])
    assert w[m.index["b"]] > w[m.index["c"]] > 0 and w[m.index["d"]] == 0
    assert np.isclose(w.sum(), 1 - 0.85**4)  # the walk is cut after three steps
