"""The random draws of the synthetic generator: memberships, organisations and projects as
numpy arrays (deterministic for one ``numpy.random.Generator``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ingest.synthetic.calibration import (
    CORE_DIVISIONS,
    CORE_SHARE,
    IN_CLUSTER_SHARE,
    INSTRUMENTS,
    KIND_SHARES,
    KINDS,
    KNOWLEDGE_LED,
    LAST_YEAR,
    MEMBERS_PER_CLUSTER,
    MULTI_CLUSTER_SHARE,
    OWNERSHIP,
    OWNERSHIP_BY_SIZE,
    PROVINCE_WEIGHTS,
    SECTOR_GROUPS,
    SME_SHARE,
    ClusterInfo,
    nace_divisions,
)


def _weights(values: Any) -> np.ndarray:
    w = np.asarray(values, dtype=float)
    return w / w.sum()


def memberships(
    rng: np.random.Generator,
    n: int,
    member: np.ndarray,
    k: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Spearhead memberships: (org index, cluster index) pairs and each org's primary (-1: none).

    Every member gets a primary cluster with probability proportional to the cluster's size;
    ``MULTI_CLUSTER_SHARE`` of them get one more (a fifth of those two more), drawn without
    replacement with the same weights (Gumbel top-k).
    """
    sizes = np.linspace(*MEMBERS_PER_CLUSTER, num=k) if k > 1 else np.ones(1)
    w = _weights(rng.permutation(sizes))
    members = np.flatnonzero(member)
    primary = rng.choice(k, size=members.size, p=w)
    orgs, clusters = [members], [primary]
    if k > 1:
        multi = np.flatnonzero(rng.random(members.size) < MULTI_CLUSTER_SHARE)
        extra = np.minimum(1 + (rng.random(multi.size) < 0.2), k - 1)
        score = np.log(w) - np.log(-np.log(rng.random((multi.size, k))))
        score[np.arange(multi.size), primary[multi]] = np.inf
        order = np.argsort(-score, axis=1, kind="stable")
        for j in range(1, min(2, k - 1) + 1):  # at most k - 1 more clusters
            rows = extra >= j
            orgs.append(members[multi[rows]])
            clusters.append(order[rows, j])
    primary_of = np.full(n, -1)
    primary_of[members] = primary
    return np.concatenate(orgs), np.concatenate(clusters), primary_of


def organisations(
    rng: np.random.Generator, n: int, primary_of: np.ndarray, spearheads: list[ClusterInfo]
) -> dict[str, np.ndarray]:
    """Kind, size, sector group, NACE division, ownership and province of every organisation."""
    kind = rng.choice(len(KINDS), size=n, p=KIND_SHARES)
    firm = kind == 0
    size = np.where(firm & (rng.random(n) >= SME_SHARE), "large", "sme").astype(object)
    size[kind == 1] = "large"
    groups = list(SECTOR_GROUPS)
    group = np.array(groups, dtype=object)[
        rng.choice(len(groups), size=n, p=_weights(list(SECTOR_GROUPS.values())))
    ]
    group[~firm] = "services"
    divisions = nace_divisions()
    nace = np.empty(n, dtype=object)
    core_draw = rng.random(n) < CORE_SHARE
    for g in groups:
        in_g = np.flatnonzero(firm & (group == g))
        codes = np.array(divisions[g], dtype=object)
        nace[in_g] = codes[rng.integers(0, codes.size, in_g.size)]
        for c, info in enumerate(spearheads):
            core = [d for d in CORE_DIVISIONS.get(info.id, ()) if d in divisions[g]]
            pick = in_g[core_draw[in_g] & (primary_of[in_g] == c)]
            if core and pick.size:
                nace[pick] = np.array(core, dtype=object)[rng.integers(0, len(core), pick.size)]
    institutes = np.flatnonzero(kind == 1)
    nace[institutes] = np.where(rng.random(institutes.size) < 0.5, "72", "85")
    nace[kind == 2] = "94"
    ownership = np.full(n, None, dtype=object)
    for s, probs in OWNERSHIP_BY_SIZE.items():
        idx = np.flatnonzero(firm & (size == s))
        draw = rng.choice(len(OWNERSHIP), size=idx.size, p=_weights(probs))
        ownership[idx] = np.array(OWNERSHIP, dtype=object)[draw]
    provinces = np.array(list(PROVINCE_WEIGHTS), dtype=object)
    draw = rng.choice(len(provinces), size=n, p=_weights(list(PROVINCE_WEIGHTS.values())))
    province = provinces[draw]
    return {
        "kind": kind,
        "size": size,
        "group": group,
        "nace": nace,
        "ownership": ownership,
        "province": province,
    }


def projects(
    rng: np.random.Generator,
    n_projects: int,
    mean_size: float,
    clusters: list[ClusterInfo],
    m_org: np.ndarray,
    m_cluster: np.ndarray,
    kind: np.ndarray,
) -> dict[str, np.ndarray]:
    """Projects (lead cluster, instrument, year) and their (project, org, coordinator) slots."""
    n = kind.size
    if n_projects == 0:
        empty = np.zeros(0, dtype=np.int64)
        return {
            "instrument": empty,
            "lead": empty,
            "year": empty,
            "p_proj": empty,
            "p_org": empty,
            "coordinator": np.zeros(0, dtype=bool),
        }
    ins_ids = list(INSTRUMENTS)
    spec = [INSTRUMENTS[i] for i in ins_ids]
    counts = np.bincount(m_cluster, minlength=len(clusters)).astype(float)
    lead = rng.choice(len(clusters), size=n_projects, p=_weights(counts + 1e-9))
    instrument = _instruments(rng, lead, clusters, spec)
    # a project runs while its instrument exists and its lead cluster is supported
    first = np.array([s[2] for s in spec])[instrument]
    last = np.array([s[3] for s in spec])[instrument]
    lo = np.maximum(first, np.array([c.start_year for c in clusters])[lead])
    hi = np.minimum(last, np.array([c.end_year or LAST_YEAR for c in clusters])[lead])
    lo, last = np.where(lo > hi, first, lo), np.where(lo > hi, last, hi)
    year = lo + rng.integers(0, 1 << 30, n_projects) % (last - lo + 1)
    r_lo = np.array([s[4][0] for s in spec])[instrument]
    r_hi = np.array([s[4][1] for s in spec])[instrument]
    institutes = np.flatnonzero(kind == 1)
    companies = np.flatnonzero(kind == 0)
    research = r_lo + rng.integers(0, 1 << 30, n_projects) % (r_hi - r_lo + 1)
    if institutes.size == 0:
        research[:] = 0
    min_firms = np.array([s[5] for s in spec])[instrument]
    base = float(research.mean() + min_firms.mean())
    firms = min_firms + rng.poisson(max(mean_size - base, 0.0), n_projects)
    if companies.size == 0:
        firms[:] = 0

    r_proj = np.repeat(np.arange(n_projects), research)
    r_org = institutes[rng.integers(0, institutes.size, r_proj.size)] if r_proj.size else r_proj
    f_proj = np.repeat(np.arange(n_projects), firms)
    f_org = companies[rng.integers(0, companies.size, f_proj.size)] if f_proj.size else f_proj
    in_cluster = rng.random(f_proj.size) < IN_CLUSTER_SHARE
    order = np.argsort(m_cluster, kind="stable")
    bounds = np.r_[0, np.cumsum(np.bincount(m_cluster, minlength=len(clusters)))]
    for c in range(len(clusters)):
        pool = m_org[order[bounds[c] : bounds[c + 1]]]
        pool = pool[kind[pool] == 0]
        slots = np.flatnonzero(in_cluster & (lead[f_proj] == c))
        if pool.size and slots.size:
            f_org[slots] = pool[rng.integers(0, pool.size, slots.size)]
    proj = np.concatenate([r_proj, f_proj])
    org = np.concatenate([r_org, f_org])
    grouped = np.argsort(proj, kind="stable")
    proj, org = proj[grouped], org[grouped]
    _, keep = np.unique(proj.astype(np.int64) * n + org, return_index=True)
    keep.sort()
    proj, org = proj[keep], org[keep]
    return {
        "instrument": instrument,
        "lead": lead,
        "year": year,
        "p_proj": proj,
        "p_org": org,
        "coordinator": _coordinators(rng, proj, instrument, ins_ids),
    }


def _instruments(
    rng: np.random.Generator, lead: np.ndarray, clusters: list[ClusterInfo], spec: list[tuple]
) -> np.ndarray:
    """Each project's instrument, by the instruments' weights among those that existed while
    its lead cluster was supported (a network of 2018 never gets a VIS project)."""
    weights = np.array([s[1] for s in spec], dtype=float)
    out = np.zeros(lead.size, dtype=np.int64)
    for c, info in enumerate(clusters):
        rows = np.flatnonzero(lead == c)
        if not rows.size:
            continue
        end = info.end_year or LAST_YEAR
        open_ = np.array([s[2] <= end and s[3] >= info.start_year for s in spec])
        w = np.where(open_, weights, 0.0) if open_.any() else weights
        out[rows] = rng.choice(len(spec), size=rows.size, p=w / w.sum())
    return out


def _coordinators(
    rng: np.random.Generator, proj: np.ndarray, instrument: np.ndarray, ins_ids: list[str]
) -> np.ndarray:
    """One coordinator per project: a knowledge institution for the instruments whose leads
    the report says are institutions (``KNOWLEDGE_LED``; research slots come first in each
    project), else any participant."""
    coordinator = np.zeros(proj.size, dtype=bool)
    if not proj.size:
        return coordinator
    starts = np.flatnonzero(np.r_[True, proj[1:] != proj[:-1]])
    sizes = np.diff(np.r_[starts, proj.size])
    pick = starts + rng.integers(0, 1 << 30, starts.size) % sizes
    led = np.isin(instrument[proj[starts]], [ins_ids.index(i) for i in KNOWLEDGE_LED])
    pick[led] = starts[led]
    coordinator[pick] = True
    return coordinator
