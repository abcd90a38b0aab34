"""The graph -> HTML functions on hand-built graphs: what is drawn, legend, offline, no mutation."""

from __future__ import annotations

import doctest
import importlib
import re

import networkx as nx
import pytest

from viz import maps, render, style
from viz.graphs import match_graph

from .test_viz_helpers import ecosystem, page_data, snapshot, star

EXTERNAL = re.compile(
    r"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*[\"']?(https?:)?//", re.I
)


def read(path) -> str:
    return path.read_text(encoding="utf-8")


def assert_self_contained(html: str) -> None:
    assert render.external_resources(html) == []
    assert not EXTERNAL.search(html), EXTERNAL.search(html)
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html and "bootstrap" not in html.lower()
    assert "vis.Network" in html and "function" in html  # vis-network is inlined


@pytest.mark.parametrize(
    "name",
    ["viz.style", "viz.layout", "viz.graphs", "viz.reshape", "viz.maps", "viz.plots", "viz.notice"],
)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_cluster_map_draws_the_ego_network(tmp_path):
    G = ecosystem()
    before = snapshot(G)
    info = maps.cluster_map(G, "SH", tmp_path / "sh.html")
    assert snapshot(G) == before  # the caller's graph is untouched
    html = read(info.path)
    data = page_data(html)
    # every node is one step from SH, or a bridge cluster (IBN); the project too; the
    # managing organisation MGR is the cluster's own node (one node, its only edge gone)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert set(nodes) == set(G.nodes) - {"MGR"}
    assert len(data["nodes"]) == G.number_of_nodes() - 1 == info.nodes
    assert len(data["edges"]) == G.number_of_edges() - 1 == info.edges
    assert "managed by: Catalisti vzw" in nodes["SH"]["title"]
    assert_self_contained(html)
    assert info.physics and '"enabled": true' in html


def test_ego_network_leaves_out_what_is_further_away(tmp_path):
    G = ecosystem()
    G.add_node("FAR", kind="firm", name="Far away")
    G.add_edge("FAR", "P1", type="PARTICIPATES_IN")  # two steps from SH, not a cluster
    info = maps.cluster_map(G, "SH", tmp_path / "sh.html")
    ids = {n["id"] for n in page_data(read(info.path))["nodes"]}
    assert "FAR" not in ids and "IBN" in ids and len(ids) == G.number_of_nodes() - 2  # FAR, MGR
    with pytest.raises(KeyError):
        maps.cluster_map(G, "nope", tmp_path / "x.html")


def test_legend_lists_kinds_and_edges_present(tmp_path):
    info = maps.cluster_map(ecosystem(), "SH", tmp_path / "sh.html")
    html = read(info.path)
    assert '<details id="legend" open>' in html
    legend = html.split('<details id="legend"', 1)[1].split("</details>", 1)[0]
    for label in (
        "Spearhead cluster",
        "Innovative business network (IBN)",
        "Firm",
        "Knowledge institution",
        "Federation",
        "Project",
        "member of",
        "IBN linked to spearhead cluster",
    ):
        assert label in legend, label
    assert "Government" not in legend  # no government body on this map
    assert "Size: PageRank (organisations)" in legend
    assert "Dashed border: synthetic or example record" in legend


def test_tooltips_carry_facts_and_sources(tmp_path):
    data = page_data(read(maps.cluster_map(ecosystem(), "SH", tmp_path / "m.html").path))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert "source: seeds/report.txt (Tabel 10)" in nodes["SH"]["title"]
    f0 = nodes["F0"]["title"]
    assert "Firm 0" in f0 and "NACE: 20.13" in f0 and "C  Manufacturing" in f0
    assert "source: cluster files (line 2)" in f0
    assert "synthetic: yes" in nodes["F4"]["title"] and nodes["F4"]["shapeProperties"]
    link = next(e for e in data["edges"] if {e["from"], e["to"]} == {"IBN", "SH"})
    assert "relation: parent" in link["title"]
    assert "source: seeds/report.txt (§3.3)" in link["title"]
    assert link["arrows"]["to"]["enabled"] is True


def test_colour_by_kind_or_sector_and_size_by_centrality(tmp_path):
    G = ecosystem()
    by_kind = {
        n["id"]: n
        for n in page_data(read(maps.cluster_map(G, "SH", tmp_path / "k.html").path))["nodes"]
    }
    assert by_kind["F0"]["color"] == style.KINDS["firm"].colour
    assert by_kind["KUL"]["color"] == style.KINDS["knowledge_institution"].colour
    assert by_kind["SH"]["shape"] == "diamond" and by_kind["IBN"]["shape"] == "square"
    by_sector = {
        n["id"]: n
        for n in page_data(
            read(maps.cluster_map(G, "SH", tmp_path / "s.html", color_by="sector").path)
        )["nodes"]
    }
    assert by_sector["F0"]["color"] == style.SECTION_COLOURS["C"]  # 20.13
    assert by_sector["F2"]["color"] == style.SECTION_COLOURS["J"]  # 62.01
    assert by_sector["SH"]["color"] == style.KINDS["cluster_spearhead"].colour
    # PageRank sizes organisations: KU Leuven (0.3) is the largest, Firm 0 (0.01) the smallest
    orgs = {k: v["size"] for k, v in by_kind.items() if k in ("KUL", "F0", "F1", "F4")}
    assert orgs["KUL"] == style.MAX_SIZE and orgs["F0"] < orgs["F1"] < orgs["F4"] < orgs["KUL"]
    with pytest.raises(ValueError):
        maps.cluster_map(G, "SH", tmp_path / "x.html", color_by="colour")


def test_ecosystem_map_aggregates_member_firms(tmp_path):
    G = ecosystem()
    before = snapshot(G)
    info = maps.ecosystem_map(G, tmp_path / "eco.html")
    assert snapshot(G) == before
    html = read(info.path)
    nodes = {n["id"]: n for n in page_data(html)["nodes"]}
    # clusters (the manager is its cluster's node), the tied federation and the knowledge
    # institution one by one
    assert {"SH", "IBN", "FED", "KUL"} <= set(nodes) and "MGR" not in nodes
    assert "Catalisti vzw" in nodes["SH"]["title"]
    assert not any(i.startswith("F") and i[1:].isdigit() for i in nodes)  # no single firm
    assert "P1" not in nodes  # projects are not part of the ecosystem map
    groups = {i: n for i, n in nodes.items() if n["kind"] == "group"}
    assert set(groups) == {"group:SH:firm", "group:IBN:firm"}
    assert groups["group:SH:firm"]["name"] == "5 member firms"
    assert groups["group:IBN:firm"]["name"] == "2 member firms"
    assert "by sector: C 3, G 1, J 1" in groups["group:SH:firm"]["title"]
    assert "Group of firms (aggregated)" in groups["group:SH:firm"]["title"]
    assert "members, aggregated" in html and "Group of firms (aggregated)" in html
    assert_self_contained(html)


def test_ecosystem_map_by_sector_and_limit_on_organisations(tmp_path):
    G = ecosystem()
    info = maps.ecosystem_map(G, tmp_path / "eco.html", color_by="sector", max_organisations=0)
    nodes = {n["id"]: n for n in page_data(read(info.path))["nodes"]}
    assert "KUL" not in nodes  # not tied, not managing: beyond the limit of 0, counted
    assert "FED" in nodes and "MGR" not in nodes  # the manager is the cluster's node
    assert nodes["group:SH:mixed:C"]["name"] == "3 members (C)"  # 20.13, 20.14, 10.11
    assert nodes["group:SH:mixed:C"]["color"] == style.SECTION_COLOURS["C"]
    assert "group:SH:mixed:P" in nodes  # KU Leuven, NACE 85.42: education


def test_large_ego_network_is_laid_out_here_without_physics(tmp_path):
    G, centre = star(1200)
    before = snapshot(G)
    info = maps.cluster_map(G, centre, tmp_path / "big.html")
    assert snapshot(G) == before
    html = read(info.path)
    data = page_data(html)
    assert len(data["nodes"]) == G.number_of_nodes() == 1206
    assert not info.physics and '"enabled": false' in html
    assert all(
        isinstance(n.get("x"), float) and isinstance(n.get("y"), float) for n in data["nodes"]
    )
    assert {(n["x"], n["y"]) for n in data["nodes"] if n["id"] == centre} == {(0.0, 0.0)}
    labelled = [n for n in data["nodes"] if n["label"]]
    assert len(labelled) == render.LABEL_LIMIT + 6  # the most central members, all clusters
    assert_self_contained(html)


def test_ego_network_above_max_nodes_is_aggregated(tmp_path):
    G, centre = star(400)
    info = maps.cluster_map(G, centre, tmp_path / "agg.html", max_nodes=300)
    nodes = page_data(read(info.path))["nodes"]
    groups = [n for n in nodes if n["kind"] == "group"]
    drawn = [n for n in nodes if n["kind"] in ("firm", "knowledge_institution")]
    assert len(nodes) <= 300 and groups and drawn
    counted = sum(int(n["name"].split()[0]) for n in groups if n["id"].startswith("group:C:"))
    assert counted + len(drawn) == 400  # every member of C drawn or counted once
    assert "M00000" in {n["id"] for n in drawn}  # the most central member is drawn


def test_overlap_map_edge_width_grows_with_shared_members(tmp_path):
    G = nx.Graph()
    for c, kind in (("A", "cluster_spearhead"), ("B", "cluster_ibn"), ("C", "cluster_ibn")):
        G.add_node(c, kind=kind, name=c)
    members = {"A": range(10), "B": range(5, 12), "C": range(9, 11)}
    for c, ids in members.items():
        for i in ids:
            G.add_node(f"o{i}", kind="firm")
            G.add_edge(f"o{i}", c, type="MEMBER_OF")
    before = snapshot(G)
    info = maps.overlap_map(G, tmp_path / "overlap.html")
    assert snapshot(G) == before
    data = page_data(read(info.path))
    assert {n["id"] for n in data["nodes"]} == {"A", "B", "C"}
    edges = {frozenset((e["from"], e["to"])): e for e in data["edges"]}
    # A∩B = o5..o9 (5), B∩C = o9..o10 (2), A∩C = o9 (1)
    ab, bc, ac = (edges[frozenset(p)] for p in (("A", "B"), ("B", "C"), ("A", "C")))
    assert ab["width"] > bc["width"] > ac["width"]
    assert "shared: 5" in ab["title"] and "jaccard: 0.4167" in ab["title"]  # 5 / 12
    assert "overlap coefficient: 0.7143" in ab["title"]  # 5 / min(10, 7)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["A"]["size"] > nodes["B"]["size"] > nodes["C"]["size"]  # members
    assert len(maps.overlap_map(G, tmp_path / "o2.html", min_shared=2).legend["edges"]) == 1
    assert page_data(read(tmp_path / "o2.html"))["edges"].__len__() == 2


def test_match_map_from_a_partner_list(tmp_path):
    result = [
        {
            "id": "ORG:b",
            "name": "Partner B",
            "score": 0.9,
            "kind": "firm",
            "explanation": ["shares 2 projects with X (source cordis)"],
            "clusters": [{"id": "SH", "name": "Catalisti", "type": "spearhead"}],
        },
        {
            "id": "ORG:c",
            "name": "Partner C",
            "score": 0.3,
            "kind": "knowledge_institution",
            "explanation": "member of Catalisti and Flanders' FOOD",
            "clusters": ["SH"],
        },
    ]
    G = match_graph(result, focus={"id": "ORG:a", "name": "Firm A", "kind": "firm"})
    before = snapshot(G)
    info = maps.match_map(G, tmp_path / "match.html")
    assert snapshot(G) == before
    html = read(info.path)
    data = page_data(html)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert set(nodes) == {"ORG:a", "ORG:b", "ORG:c", "SH"}
    assert "rank: 1" in nodes["ORG:b"]["title"] and "shares 2 projects" in nodes["ORG:b"]["title"]
    widths = {e["to"]: e["width"] for e in data["edges"] if e["type"] == "PARTNER"}
    assert widths["ORG:b"] > widths["ORG:c"]
    assert "Partners for Firm A" in html and "2 ranked partners" in html
    assert_self_contained(html)


def test_match_map_of_a_call_with_consortia(tmp_path):
    result = {
        "call": {"name": "Intercluster call 2025", "themes": ["circular plastics"]},
        "partners": [
            {"id": "o1", "name": "O1", "score": 2.0},
            {"id": "o2", "name": "O2", "score": 1.0},
        ],
        "consortia": [{"members": ["o1", {"id": "o2", "role": "research partner"}], "score": 1.5}],
    }
    info = maps.match_map(match_graph(result), tmp_path / "call.html")
    html = read(info.path)
    nodes = {n["id"]: n for n in page_data(html)["nodes"]}
    assert nodes["call"]["shape"] == "star" and nodes["consortium:1"]["kind"] == "consortium"
    assert "Consortia for Intercluster call 2025" in html and "1 proposed consortium" in html
    with pytest.raises(ValueError):
        maps.match_map(nx.Graph([("a", "b")]), tmp_path / "x.html")


def test_names_cannot_inject_markup(tmp_path):
    G = ecosystem()
    evil = "</script><script>window.pwned=1</script><b>"
    G.nodes["F0"]["name"] = evil
    html = read(maps.cluster_map(G, "SH", tmp_path / "evil.html").path)
    assert evil not in html and "window.pwned=1</script>" not in html
    nodes = {n["id"]: n for n in page_data(html)["nodes"]}
    assert nodes["F0"]["name"] == evil  # intact as data, shown as text by vis-network


def test_pyvis_own_template_is_not_self_contained_ours_is():
    from pyvis.network import Network

    net = Network(cdn_resources="in_line")
    net.add_node("a")
    theirs = net.generate_html()
    assert any("bootstrap" in r for r in render.external_resources(theirs))
    assert render.external_resources(maps.html(nx.Graph([("a", "b")]))) == []


def test_external_resources_finds_what_a_page_would_load():
    page = (
        '<html><head><link rel="stylesheet" href="https://cdn.example/x.css">'
        '<style>@import "theme.css"; .a { background: url(https://x/y.png) }'
        '.b { background: url("data:image/png;base64,AAAA") }</style>'
        '<script src="//cdn.example/x.js"></script><script>var u = "https://no.load";'
        '</script></head><body><a href="https://example.org">attribution</a>'
        '<img src="logo.png"></body></html>'
    )
    found = render.external_resources(page)
    assert found == [
        "<link href=https://cdn.example/x.css>",
        "url(theme.css)",
        "url(https://x/y.png)",
        "<script src=//cdn.example/x.js>",
        "<img src=logo.png>",
    ]


def test_html_returns_a_page_for_any_styled_graph():
    G = ecosystem()
    before = snapshot(G)
    page = maps.html(G, title="Everything")
    assert snapshot(G) == before
    assert "<title>Everything</title>" in page
    assert len(page_data(page)["nodes"]) == G.number_of_nodes()


# -- the notice where synthetic or example data contributed -------------------------------------
def _overlap(share: float) -> nx.Graph:
    G = nx.Graph()
    G.add_node("a", kind="cluster_spearhead", name="A", members=4)
    G.add_node("b", kind="cluster_ibn", name="B", members=2)
    G.add_edge(
        "a",
        "b",
        type="OVERLAPS",
        shared=2,
        jaccard=0.5,
        from_synthetic=share > 0,
        synthetic_share=share,
    )
    return G


def test_overlap_map_and_heatmap_carry_the_notice(tmp_path):
    from viz import plots

    html = read(maps.overlap_map(_overlap(0.81), tmp_path / "o.html").path)
    assert "computed in part from synthetic or example demo data (up to 81% of the inputs)" in html
    svg = plots.overlap_heatmap(_overlap(0.81), tmp_path / "o.svg").read_text()
    assert "up to 81% of the inputs" in svg  # in the description; drawn under the figure too
    clean = read(maps.overlap_map(_overlap(0.0), tmp_path / "c.html").path)
    assert "synthetic or example demo data" not in clean
    assert "demo data" not in plots.overlap_heatmap(_overlap(0.0), tmp_path / "c.svg").read_text()


def test_sector_heatmap_and_a_map_with_synthetic_members_carry_the_notice(tmp_path):
    from viz import plots

    rows = [{"a": "C", "b": "J", "links": 4, "from_synthetic": True, "synthetic_share": 0.5}]
    assert "up to 50% of the inputs" in plots.sector_heatmap(rows, tmp_path / "s.svg").read_text()
    G = nx.Graph([("o1", "c1"), ("o2", "c1")])
    nx.set_node_attributes(
        G,
        {
            "c1": {"kind": "cluster_spearhead", "name": "C"},
            "o1": {"kind": "firm"},
            "o2": {"kind": "firm", "example": True},
        },
    )
    html = read(maps.cluster_map(G, "c1", tmp_path / "m.html").path)
    assert "up to 50% of the inputs" in html
