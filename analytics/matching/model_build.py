"""Building a ``MatchModel`` from plain rows (the row formats are in ``match_model``'s
docstring): ``from_rows``.

Organisations are sorted by id and projects and clusters likewise, so a model never depends
on the order rows arrive in. Clusters come from the membership rows and from the cluster rows
(a cluster nobody is known to be a member of still has a domain to fit).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import scipy.sparse as sp

from analytics.matching.match_model import MatchModel
from analytics.matching.terms import recording
from analytics.matching.text import GENERIC, Profiles, label_tokens, tokens
from graph.model import ORG_KINDS

# words of the clusters' descriptions that describe the cluster, not its domain
DOMAIN_WORDS = frozenset(
    tokens(
        "spearhead cluster clusters innovative business network ibn niche theme platform "
        "moonshot sector call first second coordinates coordinator cradle source integrated "
        "integration named among funded",
    )
)


def _s(v: Any) -> str:
    return "" if v is None else str(v).strip()


def _labels(v: Any) -> tuple[str, ...]:
    if v is None:
        return ()
    if isinstance(v, str):
        return tuple(t.strip() for t in v.replace("|", ";").split(";") if t.strip())
    return tuple(_s(t) for t in v if _s(t))


def _incidence(
    rows: list[int], cols: list[int], shape: tuple[int, int]
) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """A 0/1 csr matrix and one whose entries are 1 + the index of the row that made them."""
    r = np.asarray(rows, dtype=np.int64)
    c = np.asarray(cols, dtype=np.int64)
    edge = sp.csr_matrix((np.arange(1, len(r) + 1, dtype=np.int64), (r, c)), shape=shape)
    # duplicates: keep the first row's index
    if edge.nnz < len(r):
        order = np.lexsort((np.arange(len(r)), c, r))
        r, c = r[order], c[order]
        first = np.ones(len(r), bool)
        first[1:] = (r[1:] != r[:-1]) | (c[1:] != c[:-1])
        edge = sp.csr_matrix((order[first] + 1, (r[first], c[first])), shape=shape)
    edge.sort_indices()
    binary = edge.copy().astype(np.float32)
    binary.data[:] = 1.0
    return binary, edge


def from_rows(
    organisations: Iterable[Mapping[str, Any]],
    participations: Iterable[Mapping[str, Any]] = (),
    memberships: Iterable[Mapping[str, Any]] = (),
    instruments: Iterable[Mapping[str, Any]] = (),
    version: str = "",
    sources: Iterable[Mapping[str, Any]] = (),
    clusters: Iterable[Mapping[str, Any]] = (),
) -> MatchModel:
    """Build a ``MatchModel`` from plain rows (see the module docstring for their keys).

    Organisations that only appear in participation or membership rows are added with their
    id as name. Rows are sorted by id first, so the model does not depend on row order.
    """
    orgs: dict[str, dict[str, Any]] = {}
    for row in organisations:
        oid = _s(row.get("id"))
        if oid and oid not in orgs:
            orgs[oid] = dict(row)
    parts = [dict(r) for r in participations if _s(r.get("org")) and _s(r.get("project"))]
    mems = [dict(r) for r in memberships if _s(r.get("org")) and _s(r.get("cluster"))]
    for r in parts + mems:
        orgs.setdefault(_s(r["org"]), {"id": _s(r["org"])})
    org_ids = sorted(orgs)
    index = {o: i for i, o in enumerate(org_ids)}

    def col(name: str) -> list[str]:
        return [_s(orgs[o].get(name)) for o in org_ids]

    kinds = np.asarray([k if k in ORG_KINDS else "other" for k in col("kind")], dtype=object)

    # projects
    proj_rows: dict[str, dict[str, Any]] = {}
    for r in parts:
        proj_rows.setdefault(_s(r["project"]), r)
    project_ids = sorted(proj_rows)
    pindex = {p: i for i, p in enumerate(project_ids)}
    titles = [_s(proj_rows[p].get("title")) for p in project_ids]
    years = np.asarray([int(proj_rows[p].get("year") or 0) for p in project_ids], dtype=np.int32)
    instruments_ = [_s(proj_rows[p].get("instrument")) for p in project_ids]
    themes = [_labels(proj_rows[p].get("themes")) for p in project_ids]
    topics = [_labels(proj_rows[p].get("topics")) for p in project_ids]
    P, P_edge = _incidence(
        [index[_s(r["org"])] for r in parts],
        [pindex[_s(r["project"])] for r in parts],
        (len(org_ids), len(project_ids)),
    )

    # clusters: from the memberships and from the cluster rows (their domain texts)
    crow: dict[str, dict[str, Any]] = {}
    for r in mems:
        crow.setdefault(_s(r["cluster"]), r)
    domains: dict[str, dict[str, Any]] = {}
    for c_row in clusters:
        cid = _s(c_row.get("id"))
        if cid:
            domains[cid] = dict(c_row)
            crow.setdefault(
                cid, {"cluster_name": c_row.get("name"), "cluster_type": c_row.get("type")}
            )
    cluster_ids = sorted(crow)
    cindex = {c: i for i, c in enumerate(cluster_ids)}
    M, M_edge = _incidence(
        [index[_s(r["org"])] for r in mems],
        [cindex[_s(r["cluster"])] for r in mems],
        (len(org_ids), len(cluster_ids)),
    )
    cluster_names = [_s(crow[c].get("cluster_name")) or c for c in cluster_ids]

    # text profiles: the organisation's own words, its clusters' names, its projects' words
    with recording() as seen:  # the words behind the stems, for explanations
        names = [n or o for n, o in zip(col("name"), org_ids, strict=True)]
        descriptions = col("description")
        org_docs = [tokens(n) + tokens(d) for n, d in zip(names, descriptions, strict=True)]
        project_docs = [  # field weights: the title twice, themes, topics and the instrument once
            2 * tokens(t)
            + label_tokens(th)
            + label_tokens(tp)
            + ([f"i:{ins.lower()}"] if ins else [])
            for t, th, tp, ins in zip(titles, themes, topics, instruments_, strict=True)
        ]
        profiles = Profiles(org_docs, project_docs, P, seen=seen)

    instr: dict[str, dict[str, Any]] = {}
    for ins in instruments:
        iid = _s(ins.get("id")).lower()
        if iid:
            instr[iid] = {k: v for k, v in dict(ins).items() if v is not None}

    return MatchModel(
        org_ids=org_ids,
        names=names,
        kinds=kinds,
        sizes=np.asarray([s.lower() for s in col("size")], dtype=object),
        countries=np.asarray([c.upper() for c in col("country")], dtype=object),
        nace=np.asarray(col("nace"), dtype=object),
        provinces=np.asarray(col("province"), dtype=object),
        synthetic=np.asarray([bool(orgs[o].get("synthetic")) for o in org_ids], dtype=bool),
        examples=np.asarray([bool(orgs[o].get("example")) for o in org_ids], dtype=bool),
        regions=np.asarray([r.upper() for r in col("region")], dtype=object),
        aliases=[list(_labels(orgs[o].get("aliases"))) for o in org_ids],
        enterprise_numbers=col("enterprise_number"),
        pics=col("pic"),
        descriptions=descriptions,
        project_ids=project_ids,
        project_titles=titles,
        project_years=years,
        project_instruments=instruments_,
        project_themes=[th + tp for th, tp in zip(themes, topics, strict=True)],
        project_acronyms=[_s(proj_rows[p].get("acronym")) for p in project_ids],
        project_grants=[_s(proj_rows[p].get("grant")) for p in project_ids],
        cluster_ids=cluster_ids,
        cluster_names=cluster_names,
        cluster_types=[_s(crow[c].get("cluster_type")) for c in cluster_ids],
        P=P,
        P_edge=P_edge,
        edge_source=[_s(r.get("source")) for r in parts],
        edge_ref=[_s(r.get("source_ref")) for r in parts],
        M=M,
        M_edge=M_edge,
        member_source=[_s(r.get("source")) for r in mems],
        member_ref=[_s(r.get("source_ref")) for r in mems],
        profiles=profiles,
        instruments=instr,
        sources={_s(r.get("id")): dict(r) for r in sources if _s(r.get("id"))},
        cluster_docs=[
            _domain_terms(domains.get(c), cluster_names[i]) for i, c in enumerate(cluster_ids)
        ],
        version=version,
    )


def _domain_terms(row: Mapping[str, Any] | None, name: str) -> list[str]:
    """The terms of a cluster's domain: its domain and description, the names and themes of
    its IBNs, the titles of its intercluster projects (not its own name: names are not
    topics)."""
    if not row:
        return []
    description = _s(row.get("description")).split(". ")[0]  # the first sentence says it
    own = 2 * (tokens(_s(row.get("domain"))) + tokens(description))
    texts = [t for text in _labels(row.get("texts")) for t in tokens(text)]
    skip = set(tokens(name)) | DOMAIN_WORDS
    return [t for t in own + texts if t not in skip and t not in GENERIC]
