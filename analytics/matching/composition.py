"""What a consortium is made of, which rules it breaks, and how to say so.

``composition`` counts members, firms, SMEs, research partners and the members of each
required cluster; ``check_consortium`` lists every rule of the instrument a consortium
breaks; ``alternatives`` finds who could take a member's place; ``explain_consortium``
writes the sentences a proposal comes with.
"""

from __future__ import annotations

from typing import Any

from analytics.matching.citations import source_of
from analytics.matching.cluster_fit import Cover
from analytics.matching.explain import shared_projects
from analytics.matching.match_model import MatchModel
from analytics.matching.rules import InstrumentRules

ALTERNATIVES = 3  # alternatives proposed per member


def is_research(model: MatchModel, i: int) -> bool:
    return model.kinds[i] == "knowledge_institution"


def is_firm(model: MatchModel, i: int) -> bool:
    return model.kinds[i] == "firm"


def is_sme(model: MatchModel, i: int) -> bool:
    return is_firm(model, i) and model.sizes[i] == "sme"


def size_unknown(model: MatchModel, i: int) -> bool:
    """A firm whose size no source gives (it may be an SME: the answer says to check)."""
    return is_firm(model, i) and not model.sizes[i]


def as_cover(model: MatchModel, clusters: list[int] | Cover) -> Cover:
    """A ``Cover`` (a plain list of clusters: covered by their members, synthetic included)."""
    if isinstance(clusters, Cover):
        return clusters
    return Cover(
        list(clusters), {c: set(model.M[:, c].nonzero()[0].tolist()) for c in clusters}, {}
    )


def composition(
    model: MatchModel, members: list[int], clusters: list[int] | Cover
) -> dict[str, Any]:
    """Counts of a consortium; per required cluster who covers it and how (``cover``)."""
    cover = as_cover(model, clusters)
    ms = sorted(set(members))
    how: dict[str, str] = {}
    for c in cover.clusters:
        kinds = {cover.how(i, c) for i in ms} - {None}
        how[model.cluster_names[c]] = (
            "known member"
            if "member" in kinds
            else "inferred fit only"
            if "inferred" in kinds
            else "not covered"
        )
    return {
        "members": len(members),
        "firms": sum(is_firm(model, i) for i in members),
        "smes": sum(is_sme(model, i) for i in members),
        "size_unknown": sum(size_unknown(model, i) for i in members),
        "research_partners": sum(is_research(model, i) for i in members),
        "countries": len({str(model.countries[i]) for i in members if model.countries[i]}),
        "clusters": {
            model.cluster_names[c]: sorted(model.org_ids[i] for i in ms if cover.how(i, c))
            for c in cover.clusters
        },
        "cluster_cover": how,
    }


def check_consortium(
    model: MatchModel, members: list[int], rules: InstrumentRules, clusters: list[int] | Cover
) -> list[str]:
    """Every rule the consortium breaks (an empty list when it satisfies them all)."""
    out: list[str] = []
    if len(set(members)) != len(members):
        out.append("a member appears twice")
    c = composition(model, members, clusters)
    if c["members"] < rules.min_members:
        out.append(f"{c['members']} members, {rules.name} needs at least {rules.min_members}")
    if c["members"] > rules.max_members:
        out.append(f"{c['members']} members, {rules.name} allows at most {rules.max_members}")
    if c["firms"] < rules.min_firms:
        out.append(f"{c['firms']} firms, {rules.name} needs at least {rules.min_firms}")
    if c["research_partners"] < rules.min_research:
        out.append(
            f"{c['research_partners']} research partners, {rules.name} needs at least "
            f"{rules.min_research}"
        )
    if c["smes"] + c["size_unknown"] < rules.min_sme:
        out.append(f"{c['smes']} SMEs, {rules.name} needs at least {rules.min_sme}")
    if c["countries"] < rules.min_countries:
        out.append(f"{c['countries']} countries, {rules.name} needs at least {rules.min_countries}")
    for name, ids in c["clusters"].items():
        if not ids:
            out.append(f"no member of {name}")
    return out


def needs(
    model: MatchModel, members: list[int], rules: InstrumentRules, clusters: list[int] | Cover
) -> dict[str, int]:
    cover = as_cover(model, clusters)
    c = composition(model, members, cover)
    needs = {
        "research": rules.min_research - c["research_partners"],
        "sme": rules.min_sme - c["smes"] - c["size_unknown"],
        "firm": rules.min_firms - c["firms"],
    }
    for cl in cover.clusters:
        if not c["clusters"][model.cluster_names[cl]]:
            needs[f"cluster:{cl}"] = 1
    if c["countries"] < rules.min_countries:
        needs["country"] = 1
    return {k: v for k, v in needs.items() if v > 0}


def meets(
    model: MatchModel,
    i: int,
    need: str,
    member_clusters: dict[int, set[int]],
    countries: set[str] | None = None,
) -> bool:
    if need == "country":
        return bool(model.countries[i]) and str(model.countries[i]) not in (countries or set())
    if need == "research":
        return is_research(model, i)
    if need == "sme":
        return is_sme(model, i) or size_unknown(model, i)
    if need == "firm":
        return is_firm(model, i)
    return int(need.split(":")[1]) in member_clusters[i]


def role_of(
    model: MatchModel, i: int, met: list[str], rules: InstrumentRules, cover: Cover | None = None
) -> str:
    cl = []
    for n in met:
        if n.startswith("cluster:"):
            c = int(n.split(":")[1])
            inferred = cover is not None and cover.how(i, c) == "inferred"
            cl.append(model.cluster_names[c] + (" (inferred fit)" if inferred else ""))
    if is_research(model, i):
        base = rules.research_role
    elif is_sme(model, i):
        base = f"{rules.firm_role} (SME)"
    elif is_firm(model, i):
        base = rules.firm_role
    else:
        base = "partner"
    return base + (f" for {' and '.join(cl)}" if cl else "")


def alternatives(
    model: MatchModel,
    members: list[int],
    i: int,
    pool: list[int],
    score: dict[int, float],
    rules: InstrumentRules,
    clusters: list[int] | Cover,
) -> list[dict[str, Any]]:
    out = []
    for j in pool:
        if j in members or model.kinds[j] != model.kinds[i]:
            continue
        swapped = [j if m == i else m for m in members]
        if check_consortium(model, swapped, rules, clusters):
            continue
        out.append({"id": model.org_ids[j], "name": model.names[j], "score": round(score[j], 6)})
        if len(out) >= ALTERNATIVES:
            break
    return out


def cohesion(model: MatchModel, members: list[int]) -> tuple[float, list[tuple[int, int]]]:
    pairs = [(a, b) for x, a in enumerate(members) for b in members[x + 1 :]]
    tied = [(a, b) for a, b in pairs if model.A[a, b] > 0]
    return (len(tied) / len(pairs) if pairs else 0.0), tied


def explain_consortium(
    model: MatchModel,
    members: list[int],
    rules: InstrumentRules,
    clusters: list[int] | Cover,
    tied: list[tuple[int, int]],
) -> list[str]:
    cover = as_cover(model, clusters)
    c = composition(model, members, cover)
    lines = [
        f"{c['firms']} firm{'s' if c['firms'] != 1 else ''} ({c['smes']} SME"
        f"{'s' if c['smes'] != 1 else ''}), {c['research_partners']} research partner"
        f"{'s' if c['research_partners'] != 1 else ''}, {c['members']} members: meets "
        f"{rules.describe()} (rules: {rules.source})."
    ]
    if rules.min_sme and c["smes"] < rules.min_sme:
        unknown = [model.names[i] for i in members if size_unknown(model, i)]
        lines.append(
            f"SME status unknown for {', '.join(unknown[:4])}: check that at least "
            f"{rules.min_sme} of them {'is an SME' if rules.min_sme == 1 else 'are SMEs'}."
        )
    for cl in cover.clusters:
        name = model.cluster_names[cl]
        names = [model.names[model.index[i]] for i in c["clusters"][name]]
        how = c["cluster_cover"][name]
        if how == "known member":
            lines.append(f"{name} takes part through its member(s) {', '.join(names[:3])}.")
        elif how == "inferred fit only":
            lines.append(
                f"{name}: no known member in this consortium; {', '.join(names[:3])} "
                f"fit{'s' if len(names) == 1 else ''} its domain (inferred). Check membership "
                "with the cluster."
            )
    for a, b in tied[:2]:
        p = shared_projects(model, a, b)
        e = model.participation(a, int(p[0]))
        src = source_of(model, model.edge_source[e], model.edge_ref[e], int(p[0])) if e >= 0 else ""
        lines.append(
            f"{model.names[a]} and {model.names[b]} already share {len(p)} project"
            f"{'s' if len(p) != 1 else ''}" + (f" (source: {src})." if src else ".")
        )
    sectors = sorted({str(s) for s in model.nace_section[members] if s})
    if len(sectors) > 1:
        lines.append(f"Spans NACE sectors {', '.join(sectors)}.")
    return lines
