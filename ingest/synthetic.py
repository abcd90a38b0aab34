"""Synthetic cluster members and projects, calibrated to the 2020 evaluation report.

For demos and scale tests only. Every node and relationship made here carries
``synthetic: true`` and the source ``synthetic:seed=<seed>``; organisations have ids ``SYN:<n>``
and obviously synthetic names ("Synthetic Firm 00042 BV"), projects ids ``SYN:P<n>``. The
synthetic organisations join the *real* cluster nodes of the curated landscape (``MEMBER_OF``),
take part in synthetic projects (``PARTICIPATES_IN``) funded by the real instruments
(``FUNDED_BY``) and sit in a real province (``LOCATED_IN``). Nothing here creates a node for, or
a relationship of, a real named organisation, and no real node is re-emitted (so loading
synthetic records never changes a real node's properties).

Calibration (``ingest/data/seeds/000_da5ac1ebd3a3b6da.txt``):

* §3.2: each spearhead cluster has from just over 100 to almost 700 paying members. Relative
  cluster sizes are spread evenly over 100..700 (shuffled by the seed) and scaled to ``n``.
* §3.1: about 5% of the member firms are in two or more spearhead clusters; 81% of firms are
  SMEs; sectors 44.5% industry / 35.5% services / 19.3% trade / 0.6% primary (mapped to the NACE
  Rev. 2 divisions of ``graph.nace`` (level 2): industry = sections
  B-F, trade = G, services = H-S except O, primary = A); ownership 37% domestic / 27% Belgian
  multinational / 34% foreign multinational (the missing 2% is ``unknown``); cluster firms are
  0.8% of all firms in Antwerpen, Oost-Vlaanderen and Vlaams-Brabant and 0.5% in
  West-Vlaanderen and Limburg, used here as relative weights of the five provinces.
* Tabel 6 (+ Tabel 5 for Moonshot): the mix of project instruments (ICON 52, VIS 30,
  feasibility 27, COOCK 23, R&D projects 34, c-SBO 16, Moonshot SBO 12), VIS only up to 2017,
  COOCK from 2018, Moonshot from 2019 (§3.2, §3.3); ICON, feasibility studies and R&D projects
  have at least 3 firms (§3.2); c-SBO and Moonshot SBO are led by knowledge institutions (§3.3).

Scale: about ``memberships_per_org`` (default 1.5) memberships and ``participations_per_org``
(default 8) participations per organisation, so 100,000 organisations give about a million
relationships. Spearhead memberships follow the calibration above (about 1.05 per member); the
rest of the membership budget goes to the IBNs among ``clusters``.

Choices that are ours, not the report's: which NACE divisions are "core" for each cluster (half
of a member firm's draws within its sector group), the share of knowledge institutions (3%) and
other organisations (5%), the 90% of organisations that are members, the ownership/size
correlation, project sizes (3 + Poisson) and the topic words of the descriptions.

>>> records = generate(200, seed=1)
>>> all(item.props["synthetic"] for item in [*records.nodes, *records.rels])
True
>>> generate(200, seed=1) == records
True
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from graph.nace import divisions
from ingest.landscape import build_landscape
from ingest.records import Node, Records, Rel, SourceInfo

SME_SHARE = 0.81
SECTOR_GROUPS = {"industry": 0.445, "services": 0.355, "trade": 0.193, "primary": 0.006}
GROUP_SECTIONS = {"primary": "A", "industry": "BCDEF", "trade": "G", "services": "HIJKLMNPQRS"}
OWNERSHIP = ("domestic", "belgian_multinational", "foreign_multinational", "unknown")
OWNERSHIP_BY_SIZE = {  # P(ownership | size); the marginals are 37 / 27 / 34 / 2 (§3.1)
    "large": (0.10, 0.35, 0.53, 0.02),
    "sme": (0.4333, 0.2512, 0.2955, 0.02),
}
PROVINCE_WEIGHTS = {"BE-VAN": 0.8, "BE-VOV": 0.8, "BE-VBR": 0.8, "BE-VWV": 0.5, "BE-VLI": 0.5}
KINDS = ("firm", "knowledge_institution", "other")
KIND_SHARES = (0.92, 0.03, 0.05)
MEMBERS_PER_CLUSTER = (100, 700)
LAST_YEAR = 2024
MULTI_CLUSTER_SHARE = 0.05
CORE_SHARE = 0.5
IN_CLUSTER_SHARE = 0.7

CORE_DIVISIONS = {  # our choice: NACE divisions typical of each spearhead cluster's domain
    "catalisti": ("19", "20", "21", "22"),
    "sim": ("22", "23", "24", "25", "27", "28"),
    "flux50": ("27", "35", "43", "62", "71"),
    "vil": ("46", "49", "50", "51", "52", "53"),
    "flanders-food": ("01", "10", "11", "46"),
    "blauwe-cluster": ("03", "30", "42", "50", "71"),
    "medvia": ("21", "26", "32", "72", "86"),
}
TOPICS = {  # topic words, mostly from the clusters' domains, Moonshot themes and project titles
    "catalisti": (
        "duurzame chemie",
        "kunststoffen",
        "biogebaseerde chemie",
        "recycling",
        "biosurfactants",
        "circulariteit van koolstof",
    ),
    "sim": (
        "materialen",
        "composieten",
        "coatings",
        "additive manufacturing",
        "corrosie",
        "lassen",
    ),
    "flux50": (
        "energie",
        "energietransitie",
        "microgrids",
        "warmtenetten",
        "energieflexibiliteit",
        "batterijen",
    ),
    "vil": (
        "logistiek",
        "luchtvracht",
        "datasharing",
        "transport",
        "supply chain",
        "havenlogistiek",
    ),
    "flanders-food": (
        "agrifood",
        "voedingsverpakking",
        "eiwitten",
        "voedselveiligheid",
        "sensoren",
        "biomassa",
    ),
    "blauwe-cluster": (
        "blauwe economie",
        "maritiem",
        "offshore energie",
        "waterbeheer",
        "aquacultuur",
        "scheepvaart",
    ),
    "medvia": (
        "healthtech",
        "medische technologie",
        "digitale zorg",
        "diagnostiek",
        "medische hulpmiddelen",
    ),
}
GENERIC_TOPICS = (
    "digitalisering",
    "industrie 4.0",
    "circulaire economie",
    "artificiële intelligentie",
    "innovatie",
)
MOONSHOT_THEMES = (
    "Biogebaseerde chemie",
    "Circulariteit van koolstof in materialen",
    "Elektrificatie & procestransformatie",
    "Energie-innovatie",
)

INSTRUMENTS = {  # id: (name, weight, first year, last year, research partners, minimum firms)
    "icon": ("ICON", 52, 2016, 2024, (1, 3), 3),
    "vis": ("VIS", 30, 2016, 2017, (0, 2), 1),
    "feasibility": ("Haalbaarheidsstudie", 27, 2016, 2024, (0, 1), 3),
    "coock": ("COOCK", 23, 2018, 2024, (1, 2), 2),
    "oo-research": ("O&O-onderzoeksproject", 17, 2016, 2024, (0, 2), 3),
    "oo-development": ("O&O-ontwikkelingsproject", 17, 2016, 2024, (0, 1), 3),
    "csbo": ("c-SBO", 16, 2016, 2024, (2, 4), 0),
    "moonshot-sbo": ("Moonshot SBO", 12, 2019, 2024, (2, 4), 0),
}
SOURCE_TITLE = (
    "Synthetic members and projects (ingest.synthetic, calibrated to "
    "seeds/000_da5ac1ebd3a3b6da.txt §3.1-3.2)"
)


@dataclass(frozen=True)
class ClusterInfo:
    id: str
    type: str
    start_year: int
    end_year: int | None
    topics: tuple[str, ...]


@lru_cache(maxsize=1)
def landscape_clusters() -> tuple[ClusterInfo, ...]:
    """The real clusters, with the years and topic words the generator needs."""
    out = []
    for n in build_landscape().nodes:
        if n.label != "Cluster":
            continue
        p = n.props
        if p["type"] == "spearhead":
            start, end = p.get("start_year") or LAST_YEAR, None  # MEDVIA: first named in 2024
            topics = TOPICS.get(n.id, (p["domain"],))
        else:
            start, end = 2016, int(p["end_date"][:4])  # IBNs: supported since 2016 (§2.5)
            topics = tuple(t.strip() for t in (p.get("theme") or p["name"]).split(";"))
        out.append(ClusterInfo(n.id, p["type"], start, end, topics))
    return tuple(out)


@lru_cache(maxsize=1)
def nace_divisions() -> dict[str, tuple[str, ...]]:
    """``{sector group: NACE Rev. 2 division codes}``, in code order, from ``graph.nace``."""
    return {g: divisions(sections) for g, sections in GROUP_SECTIONS.items()}


def _weights(values: Any) -> np.ndarray:
    w = np.asarray(values, dtype=float)
    return w / w.sum()


def _memberships(
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
        for j in (1, 2):
            rows = extra >= j
            orgs.append(members[multi[rows]])
            clusters.append(order[rows, j])
    primary_of = np.full(n, -1)
    primary_of[members] = primary
    return np.concatenate(orgs), np.concatenate(clusters), primary_of


def _organisations(
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


def _projects(
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
    instrument = rng.choice(len(spec), size=n_projects, p=_weights([s[1] for s in spec]))
    counts = np.bincount(m_cluster, minlength=len(clusters)).astype(float)
    lead = rng.choice(len(clusters), size=n_projects, p=_weights(counts + 1e-9))
    first = np.array([s[2] for s in spec])[instrument]
    last = np.array([s[3] for s in spec])[instrument]
    lo = np.maximum(first, np.array([c.start_year for c in clusters])[lead])
    lo = np.where(lo > last, first, lo)
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
    coordinator = np.r_[True, proj[1:] != proj[:-1]] if proj.size else np.zeros(0, bool)
    return {
        "instrument": instrument,
        "lead": lead,
        "year": year,
        "p_proj": proj,
        "p_org": org,
        "coordinator": coordinator,
    }


def _pick_clusters(clusters: list[str] | None) -> list[ClusterInfo]:
    known = {c.id: c for c in landscape_clusters()}
    if clusters is None:
        return list(known.values())
    unknown = [c for c in clusters if c not in known]
    if unknown:
        raise ValueError(f"unknown cluster ids: {', '.join(unknown)}")
    return [known[c] for c in dict.fromkeys(clusters)]


def generate(
    n_organisations: int,
    seed: int = 7,
    clusters: list[str] | None = None,
    *,
    memberships_per_org: float = 1.5,
    participations_per_org: float = 8.0,
    member_share: float = 0.9,
    project_size: float = 8.0,
    locations: bool = True,
) -> Records:
    """Synthetic organisations, memberships, projects and participations (deterministic per seed).

    Parameters
    ----------
    n_organisations : number of synthetic organisations (``SYN:0`` ... ``SYN:<n-1>``).
    seed : seed of numpy's ``default_rng``; the same seed gives the same records.
    clusters : ids of the real clusters to attach members to (spearhead clusters and/or IBNs);
        default: every cluster of the curated landscape.
    memberships_per_org : target number of ``MEMBER_OF`` per organisation. Spearhead
        memberships follow the report (``member_share`` of the organisations, ~5% of them in
        two or more clusters); the rest goes to the IBNs among ``clusters`` (none if there are
        none).
    participations_per_org : target number of ``PARTICIPATES_IN`` per organisation.
    member_share : share of organisations that are member of at least one spearhead cluster.
    project_size : mean number of participants per project.
    locations : also link every organisation to its province (``LOCATED_IN``).

    Returns
    -------
    Records whose nodes are only synthetic ``Organisation`` and ``Project`` nodes, and whose
    relationships all start at a synthetic node; every one has ``synthetic: true``.
    """
    if n_organisations < 0:
        raise ValueError("n_organisations must be zero or more")
    rng = np.random.default_rng(seed)
    n = n_organisations
    chosen = _pick_clusters(clusters)
    spearheads = [c for c in chosen if c.type == "spearhead"]
    ibns = [c for c in chosen if c.type == "ibn"]
    ordered = spearheads + ibns

    member = rng.random(n) < member_share if spearheads else np.zeros(n, bool)
    s_org, s_cl, primary_of = (
        _memberships(rng, n, member, len(spearheads))
        if spearheads
        else (np.zeros(0, int), np.zeros(0, int), np.full(n, -1))
    )
    budget = round(n * memberships_per_org) - s_org.size
    if ibns and budget > 0:
        key = np.unique(
            rng.integers(0, n, budget).astype(np.int64) * len(ibns)
            + rng.integers(0, len(ibns), budget)
        )
        i_org, i_cl = key // len(ibns), key % len(ibns) + len(spearheads)
    else:
        i_org = i_cl = np.zeros(0, int)
    m_org, m_cluster = np.concatenate([s_org, i_org]), np.concatenate([s_cl, i_cl])
    orgs = _organisations(rng, n, primary_of, spearheads)
    n_projects = round(n * participations_per_org / project_size) if ordered and n else 0
    projects = _projects(rng, n_projects, project_size, ordered, m_org, m_cluster, orgs["kind"])
    start = np.array([c.start_year for c in ordered] or [0])[m_cluster]
    stop = np.array([c.end_year or LAST_YEAR for c in ordered] or [0])[m_cluster]
    since = start + rng.integers(0, 1 << 30, start.size) % np.maximum(stop - start + 1, 1)
    topic_draws = rng.integers(0, 1 << 30, (max(n, n_projects), 3)).tolist()
    with _collector_paused():
        return _records(
            seed,
            n,
            orgs,
            primary_of,
            spearheads,
            ordered,
            m_org,
            m_cluster,
            since,
            projects,
            topic_draws,
            locations,
        )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a million acyclic objects are built.

    The collector would otherwise walk every young object again and again; nothing built here
    forms a cycle, so pausing it changes no result and saves about a third of the time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _records(
    seed: int,
    n: int,
    orgs: dict[str, np.ndarray],
    primary_of: np.ndarray,
    spearheads: list[ClusterInfo],
    ordered: list[ClusterInfo],
    m_org: np.ndarray,
    m_cluster: np.ndarray,
    since: np.ndarray,
    projects: dict[str, np.ndarray],
    topic_draws: list[list[int]],
    locations: bool,
) -> Records:
    """Turn the drawn arrays into nodes and relationships (the only slow, pure-Python part)."""
    source = f"synthetic:seed={seed}"
    ref = f"generate(n_organisations={n}, seed={seed})"
    width = max(5, len(str(max(n - 1, 0))))
    ids = [f"SYN:{i}" for i in range(n)]
    kind_names = ("Firm", "Research Institute", "Association")
    nodes: list[Node] = []
    for i, (k, size, group, nace, owner, prov, prim) in enumerate(
        zip(
            orgs["kind"].tolist(),
            orgs["size"].tolist(),
            orgs["group"].tolist(),
            orgs["nace"].tolist(),
            orgs["ownership"].tolist(),
            orgs["province"].tolist(),
            primary_of.tolist(),
            strict=True,
        )
    ):
        base = f"Synthetic {kind_names[k]} {i:0{width}d}"
        suffix = {0: " NV" if size == "large" else " BV", 1: "", 2: " VZW"}[k]
        topics = spearheads[prim].topics if prim >= 0 else GENERIC_TOPICS
        a, b, c = topic_draws[i]
        words = dict.fromkeys(
            (
                topics[a % len(topics)],
                topics[b % len(topics)],
                GENERIC_TOPICS[c % len(GENERIC_TOPICS)],
            )
        )
        nodes.append(
            Node(
                "Organisation",
                ids[i],
                {
                    "name": base + suffix,
                    "name_key": base.lower(),
                    "kind": KINDS[k],
                    "size": size,
                    "nace": nace,
                    "sector_group": group,
                    "ownership": owner,
                    "province": prov,
                    "country": "BE",
                    "description": f"Synthetic {KINDS[k].replace('_', ' ')} (NACE {nace}) "
                    f"working on {', '.join(words)}.",
                    "synthetic": True,
                },
                source,
                ref,
            )
        )

    ins_ids = list(INSTRUMENTS)
    n_projects = projects["instrument"].size
    pwidth = max(5, len(str(max(n_projects - 1, 0))))
    pids = [f"SYN:P{j}" for j in range(n_projects)]
    rels: list[Rel] = []
    for j, (ins, lead, year) in enumerate(
        zip(
            projects["instrument"].tolist(),
            projects["lead"].tolist(),
            projects["year"].tolist(),
            strict=True,
        )
    ):
        topics = ordered[lead].topics
        a, b, c = topic_draws[j]
        themes = list(dict.fromkeys((topics[a % len(topics)], topics[b % len(topics)])))
        if ins_ids[ins] == "moonshot-sbo":
            themes.append(MOONSHOT_THEMES[c % len(MOONSHOT_THEMES)])
        nodes.append(
            Node(
                "Project",
                pids[j],
                {
                    "title": f"Synthetic project {j:0{pwidth}d}: {' and '.join(themes)}",
                    "instrument": INSTRUMENTS[ins_ids[ins]][0],
                    "instrument_id": ins_ids[ins],
                    "year": year,
                    "themes": themes,
                    "cluster": ordered[lead].id,
                    "kind": "synthetic",
                    "synthetic": True,
                },
                source,
                ref,
            )
        )
        rels.append(
            Rel(
                "FUNDED_BY",
                "Project",
                pids[j],
                "Instrument",
                ins_ids[ins],
                {"synthetic": True},
                source,
                ref,
            )
        )

    shared: dict[tuple, dict[str, Any]] = {}  # identical props dicts are shared: read-only

    def props(**kw: Any) -> dict[str, Any]:
        key = tuple(sorted(kw.items()))
        return shared.setdefault(key, {**kw, "synthetic": True})

    cluster_ids = [c.id for c in ordered]
    ends = [c.end_year for c in ordered]
    for o, c, y in zip(m_org.tolist(), m_cluster.tolist(), since.tolist(), strict=True):
        p = (
            props(role="member", since=y, until=ends[c])
            if ends[c]
            else props(role="member", since=y)
        )
        rels.append(
            Rel("MEMBER_OF", "Organisation", ids[o], "Cluster", cluster_ids[c], p, source, ref)
        )
    roles = {True: props(role="coordinator"), False: props(role="partner")}
    for p_, o, first in zip(
        projects["p_proj"].tolist(),
        projects["p_org"].tolist(),
        projects["coordinator"].tolist(),
        strict=True,
    ):
        rels.append(
            Rel(
                "PARTICIPATES_IN",
                "Organisation",
                ids[o],
                "Project",
                pids[p_],
                roles[first],
                source,
                ref,
            )
        )
    if locations:
        located = props()
        rels.extend(
            Rel("LOCATED_IN", "Organisation", ids[i], "Region", prov, located, source, ref)
            for i, prov in enumerate(orgs["province"].tolist())
        )
    info = SourceInfo(id=source, title=SOURCE_TITLE, kind="synthetic", synthetic=True)
    return Records(nodes=nodes, rels=rels, sources=[info])
