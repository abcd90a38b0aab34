"""The matchmaking side of the adapter: the match model's rows, the graph's version, and the
cache that keeps one model per graph version.

Only ``graph.db.Database.read`` is used, with catalogued statements (``read_graph_version``,
``read_organisation_profiles``...); no driver here. ``read_model(db)`` builds a fresh model; a
``ModelCache`` keeps the model of the graph's current version and rebuilds it when the version
changes (``graph.version.graph_version``: counts, the latest load and the latest analytics
run); ``model_store.disk_build`` keeps each version's model on disk, so a new process finds it
there instead of reading the graph again. The engine (``analytics.matching``) never sees a
database: it takes the model.

The cache belongs to whoever serves queries: the API keeps one in its app state (so a burst
of partner searches costs one cheap version check every ``CHECK_EVERY`` seconds and one
build per change of the graph), the CLI one per command; both pass ``disk_build`` as the
cache's ``build`` (a function ``(db, version) -> MatchModel``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date
from typing import Any, Protocol

from analytics.matching.match_model import MatchModel
from analytics.matching.model_build import from_rows
from analytics.matching.signals import warm
from graph.version import graph_version

__all__ = ["ModelCache", "graph_version", "read_model", "read_rows"]

CHECK_EVERY = 5.0


class DatabaseLike(Protocol):
    def read(self, name: str, **params: Any) -> list[dict[str, Any]]: ...


Build = Callable[[DatabaseLike, str], MatchModel]


def _participations(db: DatabaseLike) -> list[dict[str, Any]]:
    """Participations, their project's themes completed with the ``HAS_THEME`` names."""
    parts = db.read("read_participations_with_projects")
    themes = {
        r["project"]: list(r.get("themes") or []) for r in db.read("read_project_theme_names")
    }
    if themes:
        for r in parts:
            extra = themes.get(r["project"])
            if extra:
                own = r.get("themes") or []
                own = own.split("|") if isinstance(own, str) else list(own)
                r["themes"] = list(dict.fromkeys([*own, *extra]))
    return parts


def _instruments(db: DatabaseLike) -> list[dict[str, Any]]:
    """Instrument rows, each rule citing its document by title and section."""
    instruments = []
    for r in db.read("read_instrument_rules"):
        r = dict(r)
        ref = r.pop("source_ref", None)
        title = r.get("source_title") or "the landscape's instruments.csv"
        r["source"] = title + (f", {ref}" if ref else "")
        instruments.append(r)
    return instruments


def read_rows(db: DatabaseLike, today: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """The rows ``from_rows`` needs, straight from the graph."""
    parts = _participations(db)
    instruments = _instruments(db)
    return {
        "organisations": db.read("read_organisation_profiles"),
        "participations": parts,
        "memberships": db.read("read_current_memberships", today=today or date.today().isoformat()),
        "instruments": instruments,
        "sources": db.read("read_sources"),
        "clusters": db.read("read_cluster_domains"),
    }


def read_model(db: DatabaseLike, version: str = "") -> MatchModel:
    """A fresh model of the graph (no cache), every table precomputed."""
    rows = read_rows(db)
    return warm(
        from_rows(
            rows["organisations"],
            rows["participations"],
            rows["memberships"],
            rows["instruments"],
            version=version or graph_version(db),
            sources=rows["sources"],
            clusters=rows["clusters"],
        )
    )


class ModelCache:
    """The match model of one database, kept while the graph's version stays the same.

    ``get(db)`` checks the version at most every ``check_every`` seconds and returns the model
    built for it, building it with ``build(db, version)`` (default ``read_model``) when the
    version changed. Safe to share between threads: one build at a time.

    >>> class Graph:  # two organisations in one project; the version turned by hand
    ...     version = "v1"
    ...     def read(self, name, **params):
    ...         parts = [{"org": o, "project": "p", "title": "ai"} for o in ("a", "b")]
    ...         return {"read_graph_version": [{"loaded_at": self.version}],
    ...                 "read_participations_with_projects": parts}.get(name, [])
    >>> cache, db = ModelCache(check_every=0), Graph()
    >>> first = cache.get(db)
    >>> cache.get(db) is first, first.org_ids
    (True, ['a', 'b'])
    >>> db.version = "v2"
    >>> cache.get(db) is first, cache.version
    (False, 'o-.p-.r-.m-.n-.e-.lv2.a-')
    """

    def __init__(
        self,
        build: Build = read_model,
        check_every: float = CHECK_EVERY,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.build = build
        self.check_every = check_every
        self.clock = clock
        self.version: str | None = None
        self._model: MatchModel | None = None
        self._checked = float("-inf")
        self._lock = threading.Lock()

    def get(self, db: DatabaseLike) -> MatchModel:
        """The model of the graph as it is now (at most ``check_every`` seconds old)."""
        now = self.clock()
        if self._model is not None and now - self._checked < self.check_every:
            return self._model
        version = graph_version(db)
        with self._lock:
            if self._model is None or version != self.version:
                self._model = self.build(db, version)
                self.version = version
            self._checked = self.clock()
            return self._model

    def clear(self) -> None:
        """Forget the model (the next ``get`` builds it again)."""
        with self._lock:
            self._model, self.version, self._checked = None, None, float("-inf")
