"""The records of a checked load: nodes and relationships of the kept rows, with provenance.

Each node and relationship names its file (``clusterfiles:<folder>/<file>``) and its line.
The ends of ``IN_SECTOR``, ``LOCATED_IN``, ``FUNDED_BY`` and ``HAS_THEME`` are emitted too:
``Sector`` and ``Region`` nodes with the curated values, ``Instrument`` and ``Theme`` nodes
bare, so a re-load never overwrites what the curated landscape says of them.

Example data (rows with ``example: true``, as in ``ingest/examples/``) is marked throughout:
every relationship with an example end carries ``example: true`` too, so do the bare end nodes
only example rows name (the writer sets the flag only on a node it creates, never on a real
one), and so does a file's ``Source`` when everything it gave is example data. That is what
``innograph purge --examples`` removes. The reference nodes of other sources (``Sector`` from
``nace:rev2``, ``Region`` from ``iso-3166-2:BE``) and those sources are never flagged.
"""

from __future__ import annotations

from dataclasses import replace

from graph.records import Node, Rel, SourceInfo
from ingest.clusterfiles.folder import ORDER
from ingest.clusterfiles.state import BuildState, Link
from ingest.rejects import BuildResult
from ingest.sectors import sector_node
from ingest.sectors import source_info as sector_source
from ingest.vocab import REGION_SOURCE, region_node

SOURCE_PREFIX = "clusterfiles:"  # the sources of cluster files (BuildState.source)


def records(s: BuildState) -> BuildResult:
    out = BuildResult(rejected=s.rejected)
    for table in ORDER:
        if table in s.files.tables:
            out.sources.append(
                SourceInfo(
                    s.source(table),
                    f"{s.files.files[table]} (cluster files)",
                    "cluster_files",
                    path=str(s.files.tables[table].path),
                )
            )
    _clusters(s, out)
    sectors, regions = _organisations(s, out)
    _projects(s, out)
    _links(out, "MEMBER_OF", s.memberships, s.source("memberships") if s.memberships else "")
    _links(
        out,
        "PARTICIPATES_IN",
        s.participations,
        s.source("participations") if s.participations else "",
    )
    if sectors:
        out.sources.append(sector_source())
        out.nodes += [sector_node(c) for c in sorted(sectors)]
    if regions:
        out.sources.append(
            SourceInfo(
                REGION_SOURCE, "ISO 3166-2:BE codes of Belgium's regions and provinces", "curated"
            )
        )
        out.nodes += [region_node(r) for r in sorted(regions)]
    return mark_examples(out)


def mark_examples(out: BuildResult) -> BuildResult:
    """Flag what rests on example rows: relationships with an example end, end nodes only
    example relationships reach, and sources that gave nothing but example data."""
    example = {(n.label, n.id) for n in out.nodes if n.props.get("example")}
    rels, real_ends = [], set()
    for r in out.rels:
        if (r.start_label, r.start_id) in example or (r.end_label, r.end_id) in example:
            r = replace(r, props={**r.props, "example": True})
        else:
            real_ends.add((r.end_label, r.end_id))
        rels.append(r)
    ends = {(r.end_label, r.end_id) for r in rels if r.props.get("example")} - real_ends
    nodes = [
        replace(n, props={**n.props, "example": True})
        if (n.label, n.id) in ends and n.source.startswith(SOURCE_PREFIX)
        else n
        for n in out.nodes
    ]
    items: list[Node | Rel] = [*nodes, *rels]
    real = {x.source for x in items if not x.props.get("example")}
    given = {x.source for x in items if x.source.startswith(SOURCE_PREFIX)}
    out.nodes, out.rels = nodes, rels
    out.sources = [
        replace(s, example=True) if s.id in given and s.id not in real else s for s in out.sources
    ]
    return out


def _clusters(s: BuildState, out: BuildResult) -> None:
    if not s.clusters:
        return
    src = s.source("clusters")
    for c in s.clusters.values():
        ref = f"line {c.line}"
        out.nodes.append(Node("Cluster", c.id, c.props, src, ref))
        if c.parent:
            out.rels.append(
                Rel(
                    "LINKED_TO",
                    "Cluster",
                    c.id,
                    "Cluster",
                    c.parent,
                    {"relation": "parent"},
                    src,
                    ref,
                )
            )


def _organisations(s: BuildState, out: BuildResult) -> tuple[set[str], set[str]]:
    """The organisations' nodes and links; returns the sectors and regions they name."""
    sectors: set[str] = set()
    regions: set[str] = set()
    if not s.orgs:
        return sectors, regions
    src = s.source("organisations")
    for o in s.orgs.values():
        links = [("IN_SECTOR", "Sector", o.sector), ("LOCATED_IN", "Region", o.region)]
        _node(out, Node("Organisation", o.id, o.props, src, f"line {o.line}"), links)
        sectors.update([o.sector] if o.sector else [])
        regions.update([o.region] if o.region else [])
    return sectors, regions


def _node(out: BuildResult, node: Node, links: list[tuple[str, str, str | None]]) -> None:
    """``node`` and its plain links ``(type, end label, end id)`` (those with an end id), from
    the node's source and line."""
    out.nodes.append(node)
    out.rels += [
        Rel(t, node.label, node.id, end_label, end_id, {}, node.source, node.ref)
        for t, end_label, end_id in links
        if end_id
    ]


def _projects(s: BuildState, out: BuildResult) -> None:
    if not s.projects:
        return
    src = s.source("projects")
    instruments: set[str] = set()
    themes: dict[str, str] = {}
    for p in s.projects.values():
        links = [("FUNDED_BY", "Instrument", p.instrument)]
        links += [("HAS_THEME", "Theme", tid) for tid, _ in p.themes]
        _node(out, Node("Project", p.id, p.props, src, f"line {p.line}"), links)
        instruments.update([p.instrument] if p.instrument else [])
        for tid, tname in p.themes:
            themes.setdefault(tid, tname)
    # the ends of FUNDED_BY and HAS_THEME: MERGEd bare, so curated values stay
    out.nodes += [Node("Instrument", i, {}, src, "instrument") for i in sorted(instruments)]
    out.nodes += [Node("Theme", t, {"name": n}, src, "themes") for t, n in themes.items()]


def _links(out: BuildResult, rel_type: str, links: list[Link], src: str) -> None:
    for link in links:
        out.rels.append(
            Rel(
                rel_type,
                link.start_label,
                link.start_id,
                link.end_label,
                link.end_id,
                link.props,
                src,
                f"line {link.line}",
            )
        )
