"""The graph's version: one short string that changes whenever a load, a purge or an analytics
run commits (the contract caches of derived answers key on).

``graph_version(db)`` reads one catalogued statement (``read_graph_version``): node and
relationship counts from Neo4j's count store, the latest ``Source.last_loaded_at`` (every load
sets it) and the latest ``AnalyticsRun.finished_at``. It costs one round trip of constant
time, so a service may check it per request. Equal versions mean "nothing was loaded, purged
or analysed in between"; a write made outside innograph's loaders (an analyst's own Cypher)
that keeps every count is not seen, which is the documented limit.

>>> class Db:
...     def read(self, name, **params):
...         return [{"organisations": 2, "projects": 1, "participations": 2, "memberships": 0,
...                  "nodes": 3, "relationships": 2, "loaded_at": "2025-01-31T10:00:00Z",
...                  "analysed_at": None}]
>>> graph_version(Db())
'o2.p1.r2.m0.n3.e2.l2025-01-31T10:00:00Z.a-'
"""

from __future__ import annotations

from typing import Any, Protocol

PARTS = (
    ("o", "organisations"),
    ("p", "projects"),
    ("r", "participations"),
    ("m", "memberships"),
    ("n", "nodes"),
    ("e", "relationships"),
    ("l", "loaded_at"),
    ("a", "analysed_at"),
)


class Readable(Protocol):
    def read(self, name: str, **params: Any) -> list[dict[str, Any]]: ...


def graph_version(db: Readable) -> str:
    """The current version of the graph behind ``db`` (``"empty"`` for an empty answer)."""
    rows = db.read("read_graph_version")
    if not rows:
        return "empty"
    row = rows[0]
    return ".".join(f"{tag}{'-' if row.get(k) is None else row.get(k)}" for tag, k in PARTS)
