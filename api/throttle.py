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
* ``Probe`` pings Neo4j once a second on a thread of its own; ``/health`` answers from the
  latest ping at once, so it answers within a second whatever else runs.
"""

from __future__ import annotations

import asyncio
import threading
import time
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
    """``/health``'s view of Neo4j, kept fresh by a watcher thread of its own.

    The watcher pings (``test()``) once a second; ``check`` answers at once from the latest
    ping when it finished in the last ``fresh`` seconds, else waits at most ``deadline`` for
    one. So ``/health`` never waits for Neo4j itself, and a Neo4j starved of CPU by analysts'
    queries is still reported up as long as it answered a ping within ``fresh`` seconds; a
    server that is down is reported within about a second, one that hangs after ``fresh``.
    """

    def __init__(
        self,
        test: Callable[[], bool],
        *,
        interval: float = 1.0,
        fresh: float = 5.0,
        deadline: float = 0.9,
    ):
        self.test, self.interval, self.fresh, self.deadline = test, interval, fresh, deadline
        self._lock = threading.Lock()
        self._last: tuple[bool, float] | None = None  # (answered, when the ping finished)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        with self._lock:
            if self._thread is None and not self._stop.is_set():
                self._thread = threading.Thread(
                    target=self._watch, name="innograph-probe", daemon=True
                )
                self._thread.start()

    def _watch(self) -> None:
        while not self._stop.is_set():
            try:
                answered = bool(self.test())
            except Exception:  # noqa: BLE001 - any failure to answer means "unavailable"
                answered = False
            with self._lock:
                self._last = (answered, time.monotonic())
            self._stop.wait(self.interval)

    def latest(self) -> bool | None:
        """The latest ping's answer when it is fresh, else None."""
        with self._lock:
            if self._last and time.monotonic() - self._last[1] <= self.fresh:
                return self._last[0]
            return None

    async def check(self) -> bool:
        """Whether Neo4j answered a ping lately (waits at most ``deadline`` for a first one)."""
        self.start()
        answer, until = self.latest(), time.monotonic() + self.deadline
        while answer is None and time.monotonic() < until:
            await asyncio.sleep(0.02)
            answer = self.latest()
        return bool(answer)

    def close(self) -> None:
        self._stop.set()
