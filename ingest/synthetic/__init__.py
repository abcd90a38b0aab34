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
  feasibility studies only up to 2017 (fn 17: from 2018 they count as R&D projects), R&D
  projects from 2018, COOCK from 2018, Moonshot from 2019 (§3.2, §3.3); ICON, feasibility
  studies and R&D projects have at least 3 firms (§3.2); Moonshot SBO projects are led by
  knowledge institutions (§3.3 says so of the Moonshot only; the other projects' coordinator is
  any of their participants).
* Clusters' years: members join and projects run only while the cluster is supported. SIM is
  not in the 2024 line-up (004), so its memberships end in 2023 and none starts later; the
  first IBN call from 2016 (§2.5), the second call's networks from 3 years before their end date
  (Tabel 1: at most 3 years of support), i.e. 2018.

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

import numpy as np

from graph.records import Records
from ingest.synthetic import draws
from ingest.synthetic.calibration import LAST_YEAR, ClusterInfo, landscape_clusters, nace_divisions
from ingest.synthetic.emit import collector_paused, records


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
        draws.memberships(rng, n, member, len(spearheads))
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
    orgs = draws.organisations(rng, n, primary_of, spearheads)
    n_projects = round(n * participations_per_org / project_size) if ordered and n else 0
    projects = draws.projects(
        rng, n_projects, project_size, ordered, m_org, m_cluster, orgs["kind"]
    )
    start = np.array([c.start_year for c in ordered] or [0])[m_cluster]
    stop = np.array([c.end_year or LAST_YEAR for c in ordered] or [0])[m_cluster]
    since = start + rng.integers(0, 1 << 30, start.size) % np.maximum(stop - start + 1, 1)
    topic_draws = rng.integers(0, 1 << 30, (max(n, n_projects), 3)).tolist()
    with collector_paused():
        return records(
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


__all__ = ["ClusterInfo", "generate", "landscape_clusters", "nace_divisions"]
