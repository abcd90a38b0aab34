"""Saved match requests and their answers: JSON files in ``<INNOGRAPH_HOME>/matches``.

Why files and not the graph: a saved match is a user's working document (a request, the
answer it got, when), not a fact about the ecosystem; keeping it out of Neo4j keeps the graph
reproducible from its sources and lets a user copy, mail or delete a match like any file.
One file per match, ``<id>.json``::

    {"id": "icon-batteries", "created": "2025-01-31T10:02:11+00:00", "kind": "partners",
     "request": {...}, "result": [...] or {...}}

``export_match`` flattens one to CSV: one row per proposed partner (partner lists) or per
candidate and per consortium member (calls). The API exposes the same functions; their
``db`` argument is accepted for symmetry and not used.
"""

from __future__ import annotations

import csv
import json
import re
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graph.errors import InnographError, NotFound
from graph.keys import slug
from graph.output import plain

_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,79}$")


def matches_dir(folder: str | Path | None = None) -> Path:
    if folder is None:
        from graph.settings import get_settings

        folder = get_settings().home / "matches"
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


def match_id(name: str | None) -> str:
    """A file-safe id: the slug of ``name``, or a timestamp with a random suffix."""
    if not name:
        return f"{datetime.now(UTC):%Y%m%dt%H%M%S}-{secrets.token_hex(3)}"
    mid = slug(name)[:80]
    if not mid or not _ID.match(mid):
        raise InnographError(f"{name!r} cannot name a saved match: use letters, digits, - or _.")
    return mid


def _check_id(mid: str) -> str:
    if not _ID.match(mid or ""):
        raise InnographError(f"{mid!r} is not a saved-match id.")
    return mid


def save_match(
    db: Any = None,
    *,
    kind: str,
    request: dict[str, Any],
    result: Any,
    name: str | None = None,
    folder: str | Path | None = None,
    overwrite: bool = True,
) -> str:
    """Save a request and its answer; returns the match id (the file's stem)."""
    mid = match_id(name)
    path = matches_dir(folder) / f"{mid}.json"
    if path.exists() and not overwrite:
        raise InnographError(f"A saved match {mid!r} exists already.")
    record = {
        "id": mid,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "kind": kind,
        "request": plain(request),
        "result": plain(_plain(result)),
    }
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)
    return mid


def _plain(value: Any) -> Any:
    if hasattr(value, "as_dict"):
        return value.as_dict()
    if hasattr(value, "as_row"):
        return value.as_row()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def list_matches(db: Any = None, folder: str | Path | None = None) -> list[dict[str, Any]]:
    """Saved matches, newest first: id, created, kind, request (no result)."""
    out = []
    for path in matches_dir(folder).glob("*.json"):
        try:
            rec = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        size = (
            len(rec.get("result") or [])
            if isinstance(rec.get("result"), list)
            else len((rec.get("result") or {}).get("consortia", []))
        )
        out.append(
            {
                "id": rec.get("id", path.stem),
                "created": rec.get("created"),
                "kind": rec.get("kind"),
                "request": rec.get("request", {}),
                "size": size,
                "result": None,
            }
        )
    out.sort(key=lambda r: (r["created"] or "", r["id"]), reverse=True)
    return out


def load_match(
    db: Any = None, match_id: str = "", folder: str | Path | None = None
) -> dict[str, Any]:
    path = matches_dir(folder) / f"{_check_id(match_id)}.json"
    if not path.is_file():
        raise NotFound(f"No saved match with id {match_id!r}.")
    return json.loads(path.read_text(encoding="utf-8"))


def _ranked_row(section: str, r: dict[str, Any]) -> dict[str, Any]:
    """The CSV row of one ranked partner or candidate."""
    return {
        "section": section,
        "consortium": "",
        "rank": r.get("rank"),
        "id": r.get("id"),
        "name": r.get("name"),
        "kind": r.get("kind"),
        "role": "",
        "score": r.get("score"),
        "explanation": " | ".join(r.get("explanation") or []),
    }


def rows_of(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The flat CSV rows of a saved match."""
    result = record.get("result")
    rows: list[dict[str, Any]] = []
    if isinstance(result, list):  # a partner list
        return [_ranked_row("partner", r) for r in result]
    result = result or {}
    rows.extend(_ranked_row("candidate", r) for r in result.get("candidates", []))
    for n, c in enumerate(result.get("consortia", []), start=1):
        for m in c.get("members", []):
            alts = ", ".join(a.get("name") or a.get("id") for a in m.get("alternatives") or [])
            rows.append(
                {
                    "section": "consortium",
                    "consortium": n,
                    "rank": "",
                    "id": m.get("id"),
                    "name": m.get("name"),
                    "kind": m.get("kind"),
                    "role": m.get("role"),
                    "score": m.get("score"),
                    "explanation": " | ".join(
                        (m.get("explanation") or []) + ([f"alternatives: {alts}"] if alts else [])
                    ),
                }
            )
    return rows


COLUMNS = ["section", "consortium", "rank", "id", "name", "kind", "role", "score", "explanation"]


def export_match(match_id: str, out: str | Path, folder: str | Path | None = None) -> Path:
    """Write a saved match as CSV (``COLUMNS``); returns the path written."""
    record = load_match(None, match_id, folder)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        for r in rows_of(record):
            w.writerow({k: ("" if r.get(k) is None else r.get(k)) for k in COLUMNS})
    return out
