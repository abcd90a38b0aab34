"""The records every loader builds: plain nodes and relationships with their provenance.

A loader is a pure row builder that turns a source into ``Records`` (parse, validate,
normalise), and ``graph.load.write_records`` is the one writer that MERGEs them.

Provenance: every ``Node`` and ``Rel`` names its ``source`` (the id of a ``Source`` node, e.g.
``seeds/000_da5ac1ebd3a3b6da.txt`` or ``cordis:h2020_2014_2016/organization.csv``) and a
``ref`` inside it (``Tabel 10``, ``§3.3``, ``line 12``). The writer stores them as ``source``,
``source_ref`` and ``loaded_at`` on relationships; on nodes as ``source``/``source_ref`` of
the first load plus a ``sources`` list of every source that contributed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Node:
    label: str  # a label of graph.model.NODE_LABELS
    id: str  # the node's key (property ``id``)
    props: dict[str, Any]  # other properties; None values are dropped by the writer
    source: str
    ref: str = ""


@dataclass(frozen=True)
class Rel:
    type: str  # a type of graph.model.REL_TYPES
    start_label: str
    start_id: str
    end_label: str
    end_id: str
    props: dict[str, Any]
    source: str
    ref: str = ""


@dataclass(frozen=True)
class SourceInfo:
    """A ``Source`` node: a document, a file, a data set."""

    id: str
    title: str
    kind: str  # document | cluster_files | cordis | nace | synthetic | curated
    path: str = ""
    licence: str = ""
    synthetic: bool = False
    example: bool = False  # everything it gave is fictional example data (ingest/examples/)


@dataclass
class Records:
    nodes: list[Node] = field(default_factory=list)
    rels: list[Rel] = field(default_factory=list)
    sources: list[SourceInfo] = field(default_factory=list)

    def extend(self, other: Records) -> Records:
        self.nodes.extend(other.nodes)
        self.rels.extend(other.rels)
        self.sources.extend(other.sources)
        return self

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for n in self.nodes:
            out[n.label] = out.get(n.label, 0) + 1
        for r in self.rels:
            out[r.type] = out.get(r.type, 0) + 1
        return out
