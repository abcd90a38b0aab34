"""Pydantic models of every request and response of the API (their base: ``api.model_base``)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from api.model_base import ClusterType as ClusterType
from api.model_base import Metric as Metric
from api.model_base import Model as Model
from api.model_base import OrgKind as OrgKind
from api.model_base import OutputFormat as OutputFormat
from api.model_base import Page as Page
from api.model_base import Text as Text


class Health(Model):
    neo4j: Literal["ok", "unavailable"]


class Provenance(Model):
    """Whether synthetic or example data contributed to a derived figure, and how much."""

    from_synthetic: bool = Field(
        False, description="Synthetic or example (demo) data contributed to this figure"
    )
    synthetic_share: float | None = Field(
        None, description="Share (0-1) of the figure's inputs that are synthetic or example data"
    )
    notice: Text = Field(None, description="The notice to show with the figure, if any")


# -- clusters ------------------------------------------------------------------------------------
class ClusterRef(Model):
    id: str
    name: Text = None
    type: Text = None


class ClusterSummary(ClusterRef, Provenance):
    """A cluster with its counts; ``from_synthetic``/``synthetic_share`` tell how many of its
    members are synthetic or example data."""

    domain: Text = None
    members: int = 0
    projects: int = 0


class OrgRef(Model):
    id: str
    name: Text = None
    kind: Text = None


class KindCount(Model):
    kind: str
    count: int


class LinkedCluster(ClusterRef):
    relation: Text = None
    direction: Literal["to", "from"]


class ClusterDetail(ClusterSummary):
    description: Text = None
    firms: int = 0
    sme_share: float | None = Field(None, description="SMEs among the member firms")
    helix: list[KindCount] = []
    linked: list[LinkedCluster] = []
    managers: list[OrgRef] = []
    themes: list[str] = []
    source: Text = None
    source_ref: Text = None
    properties: dict[str, Any] = Field({}, description="Every property of the cluster node")


class Member(OrgRef):
    size: Text = None
    province: Text = None
    region: Text = None
    nace: Text = None
    synthetic: bool | None = None
    example: bool | None = None
    role: Text = None
    since: Text = None
    until: Text = None


class ClusterProject(Model):
    id: str
    title: Text = None
    instrument: Text = None
    year: int | None = None
    kind: Text = None
    direct: bool = Field(description="The cluster itself takes part (not only its members)")
    status: Text = None
    members: int = Field(0, description="Members of the cluster taking part")


class ClusterOverlap(ClusterRef, Provenance):
    """The overlap of one cluster with another (``id``, ``name``, ``type`` are the other)."""

    shared: int
    jaccard: float | None = None
    overlap_coefficient: float | None = None
    run_id: Text = None
    shared_members: list[OrgRef] | None = Field(
        None,
        description="Up to `names` of the shared organisations; null when hidden: a "
        "viewer sees names only for groups of at least min_group_size",
    )


class CentralOrg(OrgRef, Provenance):
    degree: float | None = None
    weighted_degree: float | None = None
    betweenness: float | None = None
    pagerank: float | None = None


# -- organisations -------------------------------------------------------------------------------
class OrgSummary(OrgRef):
    size: Text = None
    province: Text = None
    nace: Text = None
    enterprise_number: Text = None
    country: Text = None
    synthetic: bool | None = None
    score: float | None = Field(None, description="Full-text relevance when searching by name")


class Membership(ClusterRef):
    role: Text = None
    since: Text = None
    until: Text = None


class Tie(ClusterRef):
    relation: Text = None


class SectorRef(Model):
    id: str
    level: Text = None
    label: Text = None


class OrgDetail(OrgSummary):
    description: Text = None
    pic: Text = None
    projects: int = 0
    clusters: list[Membership] = []
    ties: list[Tie] = []
    sectors: list[SectorRef] = []
    regions: list[str] = []
    source: Text = None
    sources: list[str] = []
    properties: dict[str, Any] = {}


class OrgProject(Model):
    id: str
    title: Text = None
    instrument: Text = None
    year: int | None = None
    kind: Text = None
    role: Text = None
    status: Text = None


# -- analytics -----------------------------------------------------------------------------------
class OverlapPair(Provenance):
    a: str
    a_name: Text = None
    b: str
    b_name: Text = None
    shared: int
    jaccard: float | None = None
    overlap_coefficient: float | None = None
    run_id: Text = None
    shared_members: list[OrgRef] | None = None


class ClusterSize(ClusterRef):
    members: int = 0


class OverlapMatrix(Provenance):
    clusters: list[ClusterSize]
    pairs: list[OverlapPair]
    min_group_size: int
    note: Text = None


class SectorLink(Provenance):
    sector_a: str
    label_a: Text = None
    sector_b: str
    label_b: Text = None
    links: float
    via: Text = None
    level: Text = None
    run_id: Text = None


class HelixRow(ClusterRef, Provenance):
    members: int
    firms: int
    smes: int
    sme_share: float | None = None
    counts: list[KindCount]
    stored: dict[str, Any] = Field({}, description="helix_* properties analytics wrote")


# -- matchmaking ---------------------------------------------------------------------------------
class Partner(OrgRef):
    """A proposed partner, as ``analytics.matching`` ranks and explains it."""

    rank: int | None = None
    fit: int = Field(0, ge=0, le=100, description="0-100, relative to the best candidate")
    score: float
    size: Text = None
    country: Text = None
    region: Text = None
    synthetic: bool = False
    example: bool = False
    funded: bool = Field(True, description="False: a non-funded international partner")
    clusters: list[str] = []
    components: dict[str, float] = Field({}, description="Score share per signal")
    explanation: list[str] = []
    evidence: list[dict[str, str]] = Field(
        [], description="Each reason with its source (title and table), link and file"
    )


class PartnerResult(Model):
    org: OrgRef
    method: str
    partners: list[Partner]


class CallRequest(Model):
    text: str | None = Field(None, max_length=5000, description="The call's text")
    themes: list[str] = Field([], max_length=50)
    clusters: list[str] = Field(
        [],
        max_length=20,
        description=("Clusters that must take part (two or more make an intercluster call)"),
    )
    instrument: str | None = Field(
        None, max_length=100, description=("ICON, COOCK, cSBO, research or development project...")
    )
    priority: str | None = Field(None, max_length=200, description="A transition priority")
    partners: list[str] = Field(
        [], max_length=20, description="Partners already in (ids or names, as people type them)"
    )
    k: int = Field(20, ge=1, le=200, description="Candidates to rank")
    consortia: int = Field(3, ge=1, le=5, description="Consortia to propose")
    include_synthetic: bool = Field(
        False, description="Also propose synthetic and example organisations"
    )
    international: bool = Field(
        False, description="A Flemish call: also list non-funded foreign partners"
    )
    save: bool = Field(False, description="Save the request and its answer")


class ConsortiumMember(OrgRef):
    size: Text = None
    country: Text = None
    synthetic: bool = False
    example: bool = False
    clusters: list[str] = []
    role: Text = None
    score: float | None = None
    fixed: bool = False
    explanation: list[str] = []
    alternatives: list[dict[str, Any]] = []


class Consortium(Model):
    members: list[ConsortiumMember]
    score: float | None = None
    cohesion: float | None = Field(
        None, description=("Share of member pairs that already share a project")
    )
    composition: dict[str, Any] = {}
    clusters: list[str] = Field([], description="Required clusters covered")
    satisfied: bool = True
    explanation: list[str] = []
    alternatives: dict[str, list[dict[str, Any]]] = {}


class CallResult(Model):
    id: Text = Field(None, description="The saved match's id when saved")
    method: str
    candidates: list[Partner]
    consortia: list[Consortium]
    rules: list[str] = []
    eligibility: Text = Field(None, description="The eligibility rule applied")
    cluster_fit: list[dict[str, Any]] = Field(
        [], description="Per required cluster: known members, or inferred fit only"
    )
    international_partners: list[Partner] = []
    problems: list[str] = []


class SavedMatch(Model):
    id: str
    created: Text = None
    kind: Text = None
    size: int | None = None
    request: dict[str, Any] = {}
    result: dict[str, Any] | list[Any] | None = None


# -- maps, Cypher, queries, ingest ---------------------------------------------------------------
class MapInfo(Model):
    name: str
    url: str
    description: str


class MapList(Model):
    maps: list[MapInfo]


class CypherRequest(Model):
    query: str = Field(min_length=1, max_length=50_000)
    parameters: dict[str, Any] = {}
    format: OutputFormat = "json"


class CypherResult(Model):
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool = Field(description="A limit stopped the query (see `truncated_by`)")
    truncated_by: Literal["rows", "bytes"] | None = Field(
        None, description="The limit that stopped it: `row_limit` rows or `byte_limit` bytes"
    )
    row_limit: int
    byte_limit: int = Field(description="At most this many bytes of rows (as JSON)")


class QueryParameter(Model):
    name: str
    description: str = ""
    example: Any = None


class QueryInfo(Model):
    name: str
    title: str
    question: str
    parameters: list[QueryParameter] = []
    text: str


class QueryRun(Model):
    parameters: dict[str, Any] = {}
    format: OutputFormat = "json"


class IngestFile(Model):
    path: str
    format: str
    counts: list[dict[str, Any]] = Field([], description="created/updated/unchanged per type")
    records: dict[str, int] = {}
    rejected: list[str] = []


class IngestResult(Model):
    dry_run: bool
    files: list[str]
    results: list[IngestFile]


class KeyInfo(Model):
    key_id: str
    name: str
    role: str
