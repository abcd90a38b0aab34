"""Answers kept per graph version: partner lists, the checks behind them and heavy pages.

The service does the work of an answer once per graph version (``graph.version``): a partner
list for the same organisation, theme, clusters and k, or a cluster page for the same cluster,
language and caller, is computed at its first request and then served from memory until a
load, a purge or an analytics run changes the version. ``get(db, key, compute)`` looks the
version up at most every ``check_every`` seconds (one constant-time round trip, like the
match model's ``analytics.adapter.ModelCache``), so an answer is at most that old after a
change made elsewhere (the CLI); ``POST /ingest`` clears the cache at once.

A key must hold everything the answer depends on, and for pages and maps that includes
whether the caller sees members (``api.disclosure.sees_members``): a viewer's key never
equals a manager's. The cache is bounded (least recently used answers go first) and safe to
share between threads; a version change drops every older answer.

>>> class Graph:  # the version turned by hand
...     version = "v1"
...     def read(self, name, **params):
...         return [{"loaded_at": self.version}]
>>> cache, db, calls = AnswerCache(check_every=0), Graph(), []
>>> work = lambda: calls.append(1) or len(calls)
>>> cache.get(db, ("partners", "a"), work), cache.get(db, ("partners", "a"), work)
(1, 1)
>>> db.version = "v2"
>>> cache.get(db, ("partners", "a"), work), len(cache)
(2, 1)
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from api.auth import Principal
from api.disclosure import sees_members
from api.language import language_of
from graph.version import Readable, graph_version

T = TypeVar("T")
CHECK_EVERY = 5.0  # seconds between version checks (the match model's own interval)
SIZE = 20_000  # answers kept; a partner list is a few kB


class AnswerCache:
    """Answers of one database, per graph version (see the module's documentation)."""

    def __init__(
        self,
        check_every: float = CHECK_EVERY,
        size: int = SIZE,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.check_every = check_every
        self.size = size
        self.clock = clock
        self.version: str | None = None
        self._checked = float("-inf")
        self._answers: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._busy: dict[Hashable, threading.Lock] = {}
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._answers)

    def current(self, db: Readable) -> str:
        """The graph's version (read again when the last look is ``check_every`` old)."""
        now = self.clock()
        if self.version is not None and now - self._checked < self.check_every:
            return self.version
        version = graph_version(db)
        with self._lock:
            if version != self.version:
                self._answers.clear()
                self.version = version
            self._checked = self.clock()
        return version

    def get(self, db: Readable, key: Hashable, compute: Callable[[], T]) -> T:
        """The answer for ``key`` on the current version, computed once (concurrent first
        requests for the same key wait for one computation)."""
        version = self.current(db)
        full = (version, key)
        with self._lock:
            if full in self._answers:
                self._answers.move_to_end(full)
                self.hits += 1
                return self._answers[full]
            busy = self._busy.setdefault(full, threading.Lock())
        with busy:
            with self._lock:
                if full in self._answers:
                    self.hits += 1
                    return self._answers[full]
            try:
                answer = compute()  # an exception is not kept: the next request tries again
            finally:
                with self._lock:
                    self._busy.pop(full, None)
            with self._lock:
                self.misses += 1
                if version == self.version:
                    self._answers[full] = answer
                    while len(self._answers) > self.size:
                        self._answers.popitem(last=False)
            return answer

    def clear(self) -> None:
        """Forget every answer and the version (after a load through the service)."""
        with self._lock:
            self._answers.clear()
            self.version, self._checked = None, float("-inf")


def kept_page(
    request: Request,
    db: Readable,
    answers: AnswerCache,
    me: Principal,
    key: tuple[Hashable, ...],
    render: Callable[[], Response],
) -> HTMLResponse:
    """A heavy page rendered once per graph version and kept in ``answers``. The key adds the
    page's language (``api.language``), the caller's key name and role and whether it sees
    members (``api.disclosure``): a viewer is never served a manager's page, and no one gets
    another caller's header."""
    full = (*key, language_of(request), me.name, me.role.name, sees_members(me))
    body = answers.get(db, full, lambda: bytes(render().body))
    return HTMLResponse(body)
