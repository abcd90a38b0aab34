"""The plain networkx / Python baselines ``bench_analytics`` times innograph against, and our
reference dependency sums their betweenness is checked with."""

from __future__ import annotations

import itertools
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
from networkx.algorithms import bipartite

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analytics.brandes import dependencies  # noqa: E402
from analytics.network import org_network  # noqa: E402
from analytics.projection import Projection  # noqa: E402
from graph import nace  # noqa: E402

# (division, weight): industry ~45 %, services ~35 %, trade ~19 %, primary ~1 %


def _groups(pairs: np.ndarray) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for a, b in pairs.tolist():
        out.setdefault(b, []).append(a)
    return out


def nx_overlap(p: Projection) -> dict[str, Any]:
    g = nx.Graph()
    clusters = [("C", c) for c in range(p.n_clusters)]
    g.add_nodes_from(clusters, bipartite=0)
    g.add_nodes_from((("O", o) for o in range(p.n_orgs)), bipartite=1)
    g.add_edges_from((("C", c), ("O", o)) for o, c in p.memberships.tolist())
    jac = bipartite.overlap_weighted_projected_graph(g, clusters, jaccard=True)
    coef = bipartite.overlap_weighted_projected_graph(g, clusters, jaccard=False)
    division = [nace.division_of(code) for code in p.org_nace]
    projects_of = _groups(p.participations[:, ::-1])
    themes_of_project = p.project_themes
    own = _groups(p.cluster_participations[:, ::-1])

    def sectors(c: tuple[str, int]) -> set[str]:
        return {division[o] for _, o in g[c] if division[o] is not None}

    def themes(c: tuple[str, int]) -> set[str]:
        projs = set(own.get(c[1], []))
        for _, o in g[c]:
            projs.update(projects_of.get(o, []))
        return {t for q in projs for t in themes_of_project[q]}

    sec = {c: sectors(c) for c in clusters}
    thm = {c: themes(c) for c in clusters}

    def j(a: set, b: set) -> float:
        return len(a & b) / len(a | b) if a | b else 0.0

    out = {
        "pairs": 0,
        "shared": 0,
        "jaccard": 0.0,
        "coef": 0.0,
        "ids": 0,
        "sector": 0.0,
        "theme": 0.0,
    }
    for a, b, w in jac.edges(data="weight"):
        shared = sorted(o for _, o in set(g[a]) & set(g[b]))
        out["pairs"] += 1
        out["shared"] += len(shared)
        out["ids"] += len(shared)
        out["jaccard"] += w
        out["coef"] += coef[a][b]["weight"]
        out["sector"] += j(sec[a], sec[b])
        out["theme"] += j(thm[a], thm[b])
    return out


def nx_projects_graph(p: Projection) -> nx.Graph:
    """The clique expansion of the projects view, weight = shared projects (plain loop)."""
    g = nx.Graph()
    g.add_nodes_from(range(p.n_orgs))
    adj = g._adj  # plain dict updates: the fastest pure-networkx way to add weighted edges
    for members in _groups(p.participations).values():
        for u, v in itertools.combinations(members, 2):
            d = adj[u].get(v)
            if d is None:
                d = {"weight": 0}
                adj[u][v] = d
                adj[v][u] = d
            d["weight"] += 1
    return g


def nx_pagerank(p: Projection) -> dict[str, Any]:
    t0 = time.perf_counter()
    g = nx_projects_graph(p)
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    pr = nx.pagerank(g, weight="weight")
    run = time.perf_counter() - t0
    return {
        "build": build,
        "run": run,
        "edges": g.number_of_edges(),
        "values": np.array([pr[i] for i in range(p.n_orgs)]),
    }


def star_expansion(p: Projection) -> nx.Graph:
    net = org_network(p, "both")
    inc = net.incidence.tocoo()
    keep = net.weights > 0
    g = nx.Graph()
    g.add_nodes_from(range(net.n))
    g.add_edges_from(
        (int(r), net.n + int(c)) for r, c in zip(inc.row, inc.col, strict=True) if keep[c]
    )
    return g


def nx_betweenness(p: Projection, sources: list[int]) -> np.ndarray:
    g = star_expansion(p)
    n = p.n_orgs
    b = nx.betweenness_centrality_subset(g, sources, range(n), normalized=False)
    return np.array([b[v] for v in range(n)])


def nx_cross(p: Projection) -> dict[str, list[list[int]]]:
    names, sector = p.sectors("section")
    out = {}
    for via, pairs in (("projects", p.participations), ("clusters", p.memberships)):
        counts: Counter = Counter()
        for members in _groups(pairs).values():
            known = sorted(int(sector[o]) for o in members if sector[o] >= 0)
            counts.update(itertools.combinations(known, 2))
        m = [[0] * len(names) for _ in names]
        for (a, b), c in counts.items():
            if a == b:
                m[a][a] += c
            else:
                m[a][b] += c
                m[b][a] += c
        out[via] = m
    return out


# -- the run -------------------------------------------------------------------------------------


def reference_betweenness(proj: Projection, sources: list[int]) -> np.ndarray:
    """Our dependency sums from ``sources`` on the both-view network: the values networkx's
    figures are checked against."""
    net = org_network(proj, "both")
    b = net.incidence[:, np.flatnonzero(net.weights > 0)].tocsr()
    return dependencies(b, b.T.tocsr(), sources).sum(axis=1) / 2
