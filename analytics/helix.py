"""The helix mix: firms, knowledge institutions, government, federations and others, and SMEs.

The triple helix (Etzkowitz & Leydesdorff 2000) reads innovation as the interplay of
industry, academia and government; the quadruple helix adds civil society (here
federations and others). For each cluster (its members) and each project (its
participating organisations) this module counts the organisations of each kind and their
shares, and the SME share **among firms of known size** (``sme / (sme + large)``; None when
no firm has a known size).

References
----------
H. Etzkowitz, L. Leydesdorff, "The dynamics of innovation: from National Systems and 'Mode
2' to a Triple Helix of university-industry-government relations", Research Policy 29
(2000). E. G. Carayannis, D. F. J. Campbell, "'Mode 3' and 'Quadruple Helix'", Int. J.
Technology Management 46 (2009).

>>> from analytics.projection import from_rows
>>> p = from_rows(orgs=[{"id": "f1", "kind": "firm", "size": "sme"},
...                     {"id": "f2", "kind": "firm", "size": "large"},
...                     {"id": "f3", "kind": "firm"},
...                     {"id": "u", "kind": "knowledge_institution"}],
...               clusters=[{"id": "X"}],
...               memberships=[{"organisation": o, "cluster": "X"}
...                            for o in ("f1", "f2", "f3", "u")])
>>> r = helix_mix(p, "clusters")[0]
>>> r["firm"], r["helix_firm"], r["helix_knowledge_institution"], r["sme_share"]
(3, 0.75, 0.25, 0.5)
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp

from analytics import provenance
from analytics.projection import Projection
from graph.model import ORG_KINDS

UNITS = ("clusters", "projects")


def helix_mix(proj: Projection, unit: str = "clusters") -> list[dict[str, Any]]:
    """Counts and shares of organisation kinds, and the SME share, per cluster or project.

    Parameters
    ----------
    proj : Projection
    unit : {"clusters", "projects"}

    Returns
    -------
    list of dict
        In id order: ``id, name`` (clusters) or ``year`` (projects), ``members``, one count
        per kind (``graph.model.ORG_KINDS``: ``firm, knowledge_institution, federation,
        government, other``), one share per kind (``helix_<kind>``, None for an empty unit),
        ``smes``, ``firms_with_size``, ``sme_share``, and ``from_synthetic`` and
        ``synthetic_share`` (the share of its members that are synthetic or example data).
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, not {unit!r}")
    incidence = proj.membership_matrix if unit == "clusters" else proj.participation_matrix
    kind_index = {k: i for i, k in enumerate(ORG_KINDS)}
    n = proj.n_orgs
    kinds = np.array([kind_index[k] for k in proj.org_kind], dtype=np.int64)
    columns = np.concatenate(
        [
            kinds,
            np.full(n, len(ORG_KINDS)),  # sme firm
            np.full(n, len(ORG_KINDS) + 1),  # firm of known size
        ]
    )
    is_firm = kinds == kind_index["firm"]
    sme = is_firm & np.array([s == "sme" for s in proj.org_size])
    sized = is_firm & np.array([s is not None for s in proj.org_size])
    values = np.concatenate([np.ones(n), sme.astype(float), sized.astype(float)])
    rows = np.concatenate([np.arange(n)] * 3)
    attrs = sp.csr_matrix((values, (rows, columns)), shape=(n, len(ORG_KINDS) + 2))
    counts = np.rint((incidence.T @ attrs).toarray()).astype(np.int64)

    ids = proj.cluster_ids if unit == "clusters" else proj.project_ids
    shares = provenance.unit_shares(proj, unit)
    out = []
    for u, uid in enumerate(ids):
        c = counts[u]
        members = int(c[: len(ORG_KINDS)].sum())
        row: dict[str, Any] = {"id": uid}
        if unit == "clusters":
            row["name"] = proj.cluster_name[u]
            row["type"] = proj.cluster_type[u]
        else:
            row["year"] = proj.project_year[u]
        row["members"] = members
        for k, i in kind_index.items():
            row[k] = int(c[i])
        for k, i in kind_index.items():
            row[f"helix_{k}"] = int(c[i]) / members if members else None
        smes, with_size = int(c[len(ORG_KINDS)]), int(c[len(ORG_KINDS) + 1])
        row["smes"] = smes
        row["firms_with_size"] = with_size
        row["sme_share"] = smes / with_size if with_size else None
        row.update(provenance.fields(shares, u))
        out.append(row)
    return out
