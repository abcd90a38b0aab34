"""The match model on disk, one file per graph version: ``ModelStore`` and ``disk_build``.

Building the model reads the whole collaboration graph (10-20 s on the demo graph); loading
it from disk takes a fraction of a second. ``disk_build(folder)`` is a ``ModelCache`` build
function: it returns the stored model of the graph's version when there is one, and
otherwise reads the graph (``read_model``), stores the model and returns it. A load, a purge
or an analytics run changes the version (``graph.version``), so the next answer rebuilds.

Files are ``<folder>/match-<key>.pickle`` with ``key`` a hash of the version and of ``FORMAT``
(a hash of the matching code and term lists, so a file built by other code is never read); each
is written to a temporary file first and renamed, so a reader never sees half a file. Only the
``keep`` newest files stay. The folder is innograph's own (``<INNOGRAPH_HOME>/cache``, next to
the API keys): pickles are read only from there.

For #16's service caches: ``ModelStore(folder).load(version)`` / ``.save(model)`` are the
whole API; ``model.version`` is the graph version the model was built from.

>>> import tempfile
>>> from analytics.matching import from_rows
>>> store = ModelStore(tempfile.mkdtemp())
>>> store.load("v1") is None
True
>>> _ = store.save(from_rows([], [{"org": "a", "project": "p"}], version="v1"))
>>> store.load("v1").org_ids
['a']
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

from analytics.adapter.match_rows import Build, read_model
from analytics.matching.match_model import MatchModel


def _code_hash() -> str:
    """A hash of the code and data the model is built with (``analytics/matching``'s modules
    and term lists, ``analytics/names.py``): a changed builder never reads an old file."""
    root = Path(__file__).resolve().parents[1]
    files = sorted([*(root / "matching").rglob("*.py"), *(root / "matching").rglob("*.csv")])
    h = hashlib.sha256()
    for f in [*files, root / "names.py"]:
        h.update(f.name.encode() + f.read_bytes())
    return h.hexdigest()[:12]


FORMAT = f"match-model-3-{_code_hash()}"


class ModelStore:
    """Match models in a folder, keyed by graph version."""

    def __init__(self, folder: str | Path, keep: int = 2):
        self.folder = Path(folder)
        self.keep = keep

    def path(self, version: str) -> Path:
        key = hashlib.sha256(f"{FORMAT}\n{version}".encode()).hexdigest()[:20]
        return self.folder / f"match-{key}.pickle"

    def load(self, version: str) -> MatchModel | None:
        """The stored model of ``version``, or None (none stored, or unreadable)."""
        path = self.path(version)
        try:
            with path.open("rb") as f:
                model = pickle.load(f)  # noqa: S301 - our own folder, written by save()
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None
        if not isinstance(model, MatchModel) or model.version != version:
            return None
        os.utime(path)  # the newest used stay
        return model

    def save(self, model: MatchModel) -> Path:
        """Store a model under its version; older files beyond ``keep`` are removed."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.path(model.version)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(model, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        self._prune()
        return path

    def _prune(self) -> None:
        files = sorted(
            self.folder.glob("match-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True
        )
        for old in files[self.keep :]:
            old.unlink(missing_ok=True)


def disk_build(folder: str | Path, keep: int = 2) -> Build:
    """A ``ModelCache`` build that looks in ``folder`` before reading the graph."""
    store = ModelStore(folder, keep)

    def build(db: Any, version: str) -> MatchModel:
        model = store.load(version)
        if model is None:
            model = read_model(db, version)
            with contextlib.suppress(OSError):  # a read-only home answers, only slower
                store.save(model)
        return model

    return build
