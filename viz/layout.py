"""Positions for maps too large for in-browser physics, computed in linear time.

A membership graph is mostly stars: organisations around the clusters they belong to. The
*anchored layout* uses that: anchors (clusters, a call, a focus organisation) are laid out
first, every other node joins the *unit* of the set of anchors it touches, and each unit is a
disc of nodes in a sunflower (Vogel) spiral. Discs start from a spring layout of the small unit
graph and are pushed apart until none overlap, so a 5,000-node map is laid out in well under a
second (``networkx.spring_layout`` needs about 40 s for the same graph) and stays readable:
an anchor sits in the middle of its own members, members shared by two clusters sit between.

>>> import networkx as nx
>>> G = nx.star_graph(20)
>>> pos = anchored_layout(G, [0])
>>> len(pos), pos[0]
(21, (0.0, 0.0))
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from typing import Any

import networkx as nx
import numpy as np

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def sunflower(n: int, spacing: float, start: int = 0) -> np.ndarray:
    """``n`` points of a Vogel spiral with about ``spacing * 1.8`` between neighbours,
    skipping the first ``start`` places (a hole for the anchor in the middle)."""
    i = np.arange(start, start + n, dtype=float)
    r = spacing * np.sqrt(i + 0.5)
    theta = i * GOLDEN_ANGLE
    return np.column_stack([r * np.cos(theta), r * np.sin(theta)])


def anchored_layout(
    G: nx.Graph,
    anchors: Iterable[Hashable],
    *,
    spacing: float = 18.0,
    hole: float = 70.0,
    order: Callable[[Hashable], Any] | None = None,
    seed: int = 7,
    iterations: int = 150,
    max_units: int = 300,
    centre: Hashable | None = None,
) -> dict[Hashable, tuple[float, float]]:
    """Positions ``{node: (x, y)}`` for every node of ``G``, in screen units (pixels).

    Parameters
    ----------
    G : graph (directed graphs are read as undirected); not modified.
    anchors : the nodes that organise the map (clusters, the focus of a match).
    spacing : distance scale between neighbouring nodes in a disc.
    hole : radius kept free around an anchor in the middle of its disc.
    order : sort key for the nodes of a disc; the first sit in the middle.
    seed : seed of the spring layout of the units (results are deterministic).
    iterations : rounds of overlap removal between discs.
    max_units : above this many distinct anchor sets, nodes touching three or more anchors
        join the unit of their two largest anchors, then of their largest one.
    centre : the node placed at (0, 0) (default: the only anchor, else the middle of all).
    """
    anchor_list = sorted({a for a in anchors if a in G}, key=str)
    anchor_set = set(anchor_list)
    key = order or str
    units: dict[frozenset, list[Hashable]] = defaultdict(list)
    for n in G.nodes:
        if n in anchor_set:
            continue
        touched = frozenset(m for m in _neighbours(G, n) if m in anchor_set)
        units[touched].append(n)
    for a in anchor_list:
        units.setdefault(frozenset([a]), [])
    units = _coarsen(units, anchor_list, max_units)
    unit_keys = sorted(units, key=lambda k: (len(k), sorted(map(str, k))))
    if not unit_keys:
        return {}

    start = int((hole / spacing) ** 2) if hole > 0 else 0
    radius = np.array(
        [
            spacing * math.sqrt(len(units[k]) + (start if len(k) == 1 else 0) + 1.0) + spacing
            for k in unit_keys
        ]
    )
    centres = _initial_centres(G, unit_keys, radius, anchor_set, seed)
    centres = _separate(centres, radius, unit_keys, iterations)
    centres -= centres.mean(axis=0)

    pos: dict[Hashable, tuple[float, float]] = {}
    for k, (cx, cy) in zip(unit_keys, centres, strict=True):
        members = sorted(units[k], key=lambda n: (key(n), str(n)))
        if len(k) == 1:
            (a,) = k
            pos[a] = (float(cx), float(cy))
            offset = start
        else:
            offset = 0
        for n, (x, y) in zip(members, sunflower(len(members), spacing, offset), strict=True):
            pos[n] = (float(cx + x), float(cy + y))
    if centre is None and len(anchor_list) == 1:
        centre = anchor_list[0]
    if centre in pos:
        cx, cy = pos[centre]
        pos = {n: (x - cx, y - cy) for n, (x, y) in pos.items()}
    return {n: (round(x, 1) + 0.0, round(y, 1) + 0.0) for n, (x, y) in pos.items()}


def _coarsen(
    units: dict[frozenset, list[Hashable]], anchors: list[Hashable], max_units: int
) -> dict[frozenset, list[Hashable]]:
    """Fewer units: keep each node's largest anchors only (first two, then one)."""
    if len(units) <= max_units:
        return units
    weight = dict.fromkeys(anchors, 0)  # nodes touching each anchor
    for k, members in units.items():
        for a in k:
            weight[a] += len(members)
    rank = {a: (-weight[a], str(a)) for a in anchors}
    for keep in (2, 1):
        merged: dict[frozenset, list[Hashable]] = defaultdict(list)
        for k, members in units.items():
            top = frozenset(sorted(k, key=rank.__getitem__)[:keep]) if len(k) > keep else k
            merged[top].extend(members)
        units = merged
        if len(units) <= max_units:
            break
    return units


def _neighbours(G: nx.Graph, n: Hashable) -> Iterable[Hashable]:
    if G.is_directed():
        yield from G.successors(n)
        yield from G.predecessors(n)
    else:
        yield from G.neighbors(n)


def _initial_centres(
    G: nx.Graph, unit_keys: list[frozenset], radius: np.ndarray, anchors: set[Hashable], seed: int
) -> np.ndarray:
    """A spring layout of the unit graph (units touching the same anchor are linked)."""
    index = {k: i for i, k in enumerate(unit_keys)}
    own = {next(iter(k)): i for k, i in index.items() if len(k) == 1}
    U = nx.Graph()
    U.add_nodes_from(range(len(unit_keys)))
    for k, i in index.items():
        if len(k) > 1:
            U.add_edges_from((i, own[a]) for a in k if a in own)
    for a in anchors:
        for b in _neighbours(G, a):
            if b in anchors and a != b:
                U.add_edge(own[a], own[b])
    if len(unit_keys) == 1:
        return np.zeros((1, 2))
    raw = nx.spring_layout(U, seed=seed, iterations=50)
    xy = np.array([raw[i] for i in range(len(unit_keys))], dtype=float)
    span = float(np.ptp(xy, axis=0).max()) or 1.0
    scale = 2.0 * math.sqrt(float((radius**2).sum())) / span
    return xy * scale


def _separate(
    centres: np.ndarray,
    radius: np.ndarray,
    unit_keys: list[frozenset],
    iterations: int,
    gap: float = 10.0,
) -> np.ndarray:
    """Push overlapping discs apart; larger discs move less. Vectorised over all pairs."""
    x, y = centres[:, 0].copy(), centres[:, 1].copy()
    n = len(x)
    if n < 2:
        return centres.copy()
    need = radius[:, None] + radius[None, :] + gap
    np.fill_diagonal(need, 0.0)
    mass = radius**2
    share = mass[None, :] / (mass[:, None] + mass[None, :])  # i moves by j's share
    rng = np.random.default_rng(0)
    for _ in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        dist = np.hypot(dx, dy)
        overlap = need - dist
        np.fill_diagonal(overlap, 0.0)
        if not (overlap > 0).any():
            break
        np.fill_diagonal(dist, np.inf)
        if (dist < 1e-6).any():  # coincident centres: nudge apart deterministically
            stuck = (dist < 1e-6).any(axis=1)
            x += rng.normal(scale=1.0, size=n) * stuck
            y += rng.normal(scale=1.0, size=n) * stuck
            continue
        push = np.where(overlap > 0, overlap * share / dist, 0.0)
        x += (push * dx).sum(axis=1)
        y += (push * dy).sum(axis=1)
    return np.column_stack([x, y])
