"""Read the match model from Neo4j, once per graph version.

Only ``graph.db.Database.read`` is used, with the statements ``graph/cypher/match_*.cypher``;
no driver here. ``load_model(db)`` keeps one model per database in the process and rebuilds
it when the graph's version changes (``match_version``: node and relationship counts from
the count store plus the latest ``Source.last_loaded_at``). The version is checked at most
every ``CHECK_EVERY`` seconds, so a burst of partner searches costs one cheap query.
"""

from __future__ import annotations

import threading
import time
from datetime import date
from typing import Any, Protocol

from analytics.matching.model import MatchModel, from_rows

CHECK_EVERY = 5.0


class DatabaseLike(Protocol):
    def read(self, name: str, **params: Any) -> list[dict[str, Any]]: ...


_lock = threading.Lock()
_cache: dict[str, tuple[str, MatchModel, float]] = {}


def _key(db: Any) -> str:
    uri = getattr(db, "uri", "")
    return f"{uri}/{getattr(db, 'database', '')}" if uri else f"object:{id(db)}"


def graph_version(db: DatabaseLike) -> str:
    rows = db.read("match_version")
    if not rows:
        return "empty"
    r = rows[0]
    return "|".join(
        str(r.get(k))
        for k in ("organisations", "projects", "participations", "memberships", "loaded_at")
    )


def read_rows(db: DatabaseLike, today: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """The rows ``from_rows`` needs, straight from the graph."""
    parts = db.read("match_participations")
    themes = {r["project"]: list(r.get("themes") or []) for r in db.read("match_project_themes")}
    if themes:
        for r in parts:
            extra = themes.get(r["project"])
            if extra:
                own = r.get("themes") or []
                own = own.split("|") if isinstance(own, str) else list(own)
                r["themes"] = list(dict.fromkeys([*own, *extra]))
    instruments = []
    for r in db.read("match_instruments"):
        r = dict(r)
        ref = r.pop("source_ref", None)
        r["source"] = f"Instrument node {r.get('id')}" + (f", {ref}" if ref else "")
        instruments.append(r)
    return {
        "organisations": db.read("match_organisations"),
        "participations": parts,
        "memberships": db.read("match_memberships", today=today or date.today().isoformat()),
        "instruments": instruments,
    }


def model_from_db(db: DatabaseLike, version: str = "") -> MatchModel:
    """Build a fresh model from the graph (no cache)."""
    from analytics.matching.signals import warm

    rows = read_rows(db)
    return warm(
        from_rows(
            rows["organisations"],
            rows["participations"],
            rows["memberships"],
            rows["instruments"],
            version=version or graph_version(db),
        )
    )


def load_model(db: DatabaseLike, max_age: float = CHECK_EVERY) -> MatchModel:
    """The cached model of this database, rebuilt when the graph has changed."""
    key = _key(db)
    now = time.monotonic()
    hit = _cache.get(key)
    if hit and now - hit[2] < max_age:
        return hit[1]
    version = graph_version(db)
    if hit and hit[0] == version:
        _cache[key] = (version, hit[1], now)
        return hit[1]
    with _lock:
        hit = _cache.get(key)
        if hit and hit[0] == version:
            return hit[1]
        model = model_from_db(db, version)
        _cache[key] = (version, model, time.monotonic())
        return model


def clear_cache() -> None:
    with _lock:
        _cache.clear()
