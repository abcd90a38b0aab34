"""Bounded work: analysts' queries on threads of their own, at most a few per key; probes apart.

FastAPI runs every plain (``def``) route on one shared pool of worker threads. An analyst's
query may run for its whole timeout, so on that pool a few dozen of them would leave no
thread for ``/health`` or the pages. Here:

* ``AnalystQueries`` runs ``/cypher``, ``POST /queries/{name}`` and the Cypher page on a pool
  of its own (``INNOGRAPH_CYPHER_WORKERS`` threads, default 32), at most
  ``INNOGRAPH_CYPHER_PER_KEY`` at once per API key (default 4) and never more than the pool
  has threads: beyond either limit the request is refused at once with 429 and a
  ``Retry-After``, instead of queueing behind queries that may each run for the timeout.
  A slot is held until its thread is done, also when the client has gone away.
* ``Probe`` runs ``/health``'s ping on two threads of its own with a deadline of 1 s, so the
  health check answers within a second whatever else runs (503 when Neo4j is slower).
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
RETRY_AFTER = 5  # seconds a refused client is told to wait


class TooBusy(Exception):
    """More analyst queries at once than a key or the service may run (429)."""

    retry_after = RETRY_AFTER


class AnalystQueries:
    """The analyst queries running now: per key, and in all."""

    def __init__(self, workers: int, per_key: int):
        self.workers, self.per_key = workers, per_key
        self.pool = ThreadPoolExecutor(workers, thread_name_prefix="innograph-analyst")
        self._lock = threading.Lock()
        self._running: Counter[str] = Counter()

    def running(self, key: str | None = None) -> int:
        with self._lock:
            return self._running[key] if key is not None else sum(self._running.values())

    def _take(self, key: str) -> None:
        with self._lock:
            if self._running[key] >= self.per_key:
                raise TooBusy(
                    f"This key already runs {self.per_key} queries at once, the most it may; "
                    f"try again when one has finished."
                )
            if sum(self._running.values()) >= self.workers:
                raise TooBusy(
                    f"The service already runs {self.workers} analyst queries at once, the "
                    f"most it may; try again in a moment."
                )
            self._running[key] += 1

    def _give_back(self, key: str) -> None:
        with self._lock:
            self._running[key] -= 1
            if self._running[key] <= 0:
                del self._running[key]

    async def run(self, key: str, work: Callable[[], T]) -> T:
        """``work()`` on the analysts' pool, counted against ``key``; ``TooBusy`` when full."""
        self._take(key)
        try:
            future: Future[T] = self.pool.submit(work)
        except RuntimeError:  # the pool is shut down
            self._give_back(key)
            raise
        future.add_done_callback(lambda _: self._give_back(key))
        return await asyncio.wrap_future(future)

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


class Probe:
    """Short checks (``/health``) on threads of their own, each with a deadline."""

    def __init__(self, threads: int = 2, deadline: float = 1.0):
        self.deadline = deadline
        self.pool = ThreadPoolExecutor(threads, thread_name_prefix="innograph-probe")

    async def check(self, test: Callable[[], bool]) -> bool:
        """``test()``, or False when it raises or takes longer than the deadline."""
        try:
            future = asyncio.wrap_future(self.pool.submit(test))
            return bool(await asyncio.wait_for(future, self.deadline))
        except (TimeoutError, RuntimeError):
            return False

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
