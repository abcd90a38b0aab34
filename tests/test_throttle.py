"""api.throttle without a database: the per-key limit and the health probe's freshness."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from api.throttle import AnalystQueries, Probe, TooBusy


def test_a_key_runs_at_most_its_share():
    queries = AnalystQueries(workers=3, per_key=2)
    release = threading.Event()

    async def scenario():
        first = [asyncio.ensure_future(queries.run("a", release.wait)) for _ in range(2)]
        await asyncio.sleep(0.05)
        with pytest.raises(TooBusy, match="2 queries at once"):
            await queries.run("a", release.wait)
        other = asyncio.ensure_future(queries.run("b", release.wait))
        await asyncio.sleep(0.05)
        with pytest.raises(TooBusy, match="3 analyst queries"):
            await queries.run("c", release.wait)
        release.set()
        await asyncio.gather(*first, other)

    try:
        asyncio.run(scenario())
        assert queries.running() == 0
    finally:
        queries.close()


def test_the_probe_answers_at_once_from_a_fresh_ping():
    slow = threading.Event()
    calls = []

    def ping():
        calls.append(time.monotonic())
        if len(calls) > 1:
            slow.wait(5)  # every later ping hangs: a Neo4j starved of CPU
        return True

    probe = Probe(ping, interval=0.05, fresh=1.0, deadline=0.3)
    try:
        assert asyncio.run(probe.check()) is True  # the first ping, waited for
        t = time.monotonic()
        assert asyncio.run(probe.check()) is True  # fresh: no wait for the hanging ping
        assert time.monotonic() - t < 0.1
        time.sleep(1.1)  # the hanging ping makes the last answer stale
        t = time.monotonic()
        assert asyncio.run(probe.check()) is False
        assert 0.25 < time.monotonic() - t < 0.6
    finally:
        slow.set()
        probe.close()


def test_a_failing_ping_means_unavailable():
    def ping():
        raise OSError("connection refused")

    probe = Probe(ping, interval=0.05)
    try:
        assert asyncio.run(probe.check()) is False
    finally:
        probe.close()
