"""The closed set of node labels and relationship types of the innograph model.

``graph/schema/MODEL.md`` explains the model; this module is its machine-readable part. Every
node has a string ``id`` (unique per label); every label and type that a statement may name is
listed here, so nothing from user text ever becomes a label.
"""

from __future__ import annotations

NODE_LABELS: dict[str, str] = {
    "Organisation": "a firm, knowledge institution, federation, government body or other",
    "Cluster": "a spearhead cluster (type spearhead) or an innovative business network (type ibn)",
    "Project": "an R&D project (ICON, COOCK, intercluster, Moonshot, Horizon 2020...)",
    "Instrument": "a funding instrument, with its composition rules",
    "Programme": "a programme that groups projects or themes (Moonshot, Horizon 2020)",
    "Sector": "a NACE Rev. 2 / NACE-BEL code at section, division, group or class level",
    "Theme": "a topic: a Moonshot theme, a cluster domain keyword, a project theme",
    "TransitionPriority": "a Flemish transition priority (Visie 2050)",
    "Region": "a country, one of its regions (Flanders, Brussels, Wallonia) or a province",
    "Lineup": "an official line-up of spearhead clusters at a date, as one source gives it",
    "Statistic": "one figure of a source table (KPI, earmarked funding, fee, member count)",
    "Source": "a document, file or data set that facts come from",
    "AnalyticsRun": "one run of an analysis, whose results carry its id",
    "SchemaVersion": "the applied version of the constraints and indexes",
}

REL_TYPES: dict[str, str] = {
    "MEMBER_OF": "Organisation -> Cluster: membership, with since/until/role",
    "PARTICIPATES_IN": "Organisation|Cluster -> Project: with role, status, EC contribution",
    "LINKED_TO": "Cluster(ibn) -> Cluster(spearhead): relation parent|integrated_into|"
    "integration_planned|related",
    "MANAGES": "Organisation -> Cluster: the cluster organisation that runs the cluster",
    "TIED_TO": "Organisation -> Cluster: a federation's or institution's tie, with relation",
    "PREDECESSOR_OF": "Organisation -> Organisation: the earlier body another took over (IWT)",
    "IN_SECTOR": "Organisation -> Sector",
    "PART_OF": "Sector -> Sector, Region -> Region: the hierarchy",
    "LOCATED_IN": "Organisation -> Region",
    "FUNDED_BY": "Project -> Instrument",
    "IN_PROGRAMME": "Project -> Programme",
    "HAS_THEME": "Project|Cluster|Programme|Organisation -> Theme",
    "SERVES": "Theme|Project|Cluster|Programme -> TransitionPriority",
    "COORDINATES": "Cluster|Organisation -> Programme",
    "LISTED_IN": "Cluster -> Lineup: status and term in that line-up",
    "ABOUT": "Statistic -> Cluster|Instrument|Programme|Region",
    "FROM_SOURCE": "Statistic|Lineup -> Source",
    "OVERLAPS": "Cluster -> Cluster: analytics result (shared members, Jaccard...)",
    "SECTOR_LINK": "Sector -> Sector: analytics result (cross-sector collaborations)",
}

ORG_KINDS = ("firm", "knowledge_institution", "federation", "government", "other")
SIZES = ("sme", "large")
CLUSTER_TYPES = ("spearhead", "ibn")


def check_name(name: str) -> str:
    """Return ``name`` if it is a label or type of the model; raise otherwise."""
    if name in NODE_LABELS or name in REL_TYPES:
        return name
    raise ValueError(f"{name!r} is not a label or relationship type of the innograph model")
