"""A throwaway Neo4j server for tests and benchmarks: its own temporary instance and ports.

It shares only the jar cache with the user's managed server (``INNOGRAPH_HOME`` /
``INNOGRAPH_NEO4J_LIB``), so nothing it does touches the user's data. The instance folder is
removed when the server stops.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.server import LocalNeo4j, free_port
from graph.settings import default_home


@contextmanager
def throwaway_server(
    prefix: str, heap: str, pagecache: str, log: Callable[[str], object]
) -> Iterator[LocalNeo4j]:
    """A started server in a new temporary instance; stopped and removed on exit."""
    home = Path(os.environ.get("INNOGRAPH_HOME") or default_home())
    lib = Path(os.environ.get("INNOGRAPH_NEO4J_LIB") or home / "neo4j-lib")
    instance = Path(tempfile.mkdtemp(prefix=prefix))
    server = LocalNeo4j(
        home,
        instance=instance,
        lib=lib,
        bolt_port=free_port(),
        http_port=free_port(),
        heap=heap,
        pagecache=pagecache,
    )
    try:
        server.start(log=log)
        yield server
    finally:
        server.stop()
        shutil.rmtree(instance, ignore_errors=True)
