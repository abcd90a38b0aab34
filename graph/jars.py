"""The Neo4j 5.26 Community and Browser jars, fetched once from Maven Central into a cache.

The cache (``neo4j-lib/``) holds the jars of the newest 5.26.x and of the Browser, and a
``.complete`` marker written last with the resolved version; several server instances share it.
Also: which ``java`` runs them (Neo4j 5.26 needs Java 17 or newer).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from graph.errors import ConfigError, ServerError

NEO4J_VERSION_RANGE = "[5.26.0,5.27)"
BROWSER_VERSION_RANGE = "[5.0.0,6)"

POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>innograph</groupId>
  <artifactId>neo4j-server-assembly</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.neo4j</groupId><artifactId>neo4j</artifactId>
      <version>{neo4j}</version>
    </dependency>
    <dependency>
      <groupId>org.neo4j.client</groupId><artifactId>neo4j-browser</artifactId>
      <version>{browser}</version>
    </dependency>
  </dependencies>
</project>
"""


def version(lib: Path) -> str | None:
    """The Neo4j version assembled in ``lib``, or None when it is not (completely) there."""
    marker = lib / ".complete"
    return marker.read_text().strip() if marker.exists() else None


def assemble(lib: Path, log=print) -> str:
    """Resolve the newest 5.26.x and the Browser with Maven into ``lib`` (once)."""
    cached = version(lib)
    if cached:
        return cached
    mvn = shutil.which("mvn")
    if not mvn:
        raise ConfigError(
            "Maven (mvn) is not installed, and the Neo4j jars are not cached yet in "
            f"{lib}: install Maven (apt-get install maven) and run the command again."
        )
    lib.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="neo4j-lib-", dir=lib.parent))
    try:
        pom_dir = staging / "pom"
        pom_dir.mkdir()
        (pom_dir / "pom.xml").write_text(
            POM.format(neo4j=NEO4J_VERSION_RANGE, browser=BROWSER_VERSION_RANGE)
        )
        log("Fetching Neo4j 5.26 Community and the Neo4j Browser from Maven Central (once)...")
        proc = subprocess.run(
            [
                mvn,
                "-q",
                "-B",
                "-f",
                str(pom_dir / "pom.xml"),
                "dependency:copy-dependencies",
                f"-DoutputDirectory={staging / 'lib'}",
                "-DincludeScope=runtime",
            ],
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            tail = (proc.stdout + proc.stderr).strip().splitlines()[-5:]
            raise ServerError(
                "Maven could not fetch the Neo4j 5.26 jars (is Maven Central reachable?): "
                + " | ".join(tail)
            )
        found = sorted(p.name for p in (staging / "lib").glob("neo4j-[0-9]*.jar"))
        m = re.match(r"neo4j-(5\.26\.\d+)\.jar", found[0]) if found else None
        if not m:
            raise ServerError("Maven finished but no org.neo4j:neo4j 5.26.x jar was found.")
        resolved = m.group(1)
        if lib.exists():
            shutil.rmtree(lib)
        (staging / "lib").rename(lib)
        (lib / ".complete").write_text(resolved + "\n")
        return resolved
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def java_major_version(java: str) -> int:
    out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not m:
        return 0
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major


def java() -> str:
    """The ``java`` to run Neo4j with; ``ConfigError`` when missing or older than 17."""
    java = shutil.which("java")
    if not java:
        raise ConfigError(
            "Java is not installed: install Java 17 (apt-get install openjdk-17-jre-headless) "
            "and run the command again."
        )
    major = java_major_version(java)
    if major < 17:
        raise ConfigError(
            f"Neo4j 5.26 needs Java 17 or newer, but `java` is version {major}: "
            "install Java 17 and put it first on PATH."
        )
    return java
