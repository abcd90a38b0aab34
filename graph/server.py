"""A local Neo4j 5.26 Community server, assembled from Maven Central and started with ``java``.

Layout under ``home`` (``INNOGRAPH_HOME``, default ``~/.local/share/innograph``)::

    neo4j-lib/            jars of the newest 5.26.x and the Browser (graph.jars; cached)
      .complete           written last, names the resolved version
    instance/             one server: its conf, data, logs, pid file and password
      conf/neo4j.conf
      data/               the database; persists across restarts
      logs/               neo4j.log, debug.log, console.log
      run/neo4j.json      pid and ports of the server this tool started
      password            the generated password, mode 0600

The jar cache can be shared by several instances (tests use their own instance directory
and ports, never the user's).

Security settings (``SECURITY``), defence in depth behind ``graph.guard``:

* ``dbms.security.procedures.allowlist``: the extension procedures (plugins dropped into
  ``plugins/``) that may load: only what innograph itself calls. Neo4j applies the list to
  extensions, not to its built-in ``db.*``/``dbms.*`` procedures; those are the guard's to
  refuse.
* ``internal.dbms.cypher_ip_blocklist``: every IPv4 and IPv6 address, so ``LOAD CSV`` cannot
  reach any host over the network (Neo4j 5.26 names the setting ``internal.``: the
  ``dbms.security.`` spelling of later releases fails its strict validation).
* ``dbms.security.allow_csv_import_from_file_urls=false``: no ``file:///`` URLs either.

A server that needs something else (a benchmark that compares with ``LOAD CSV``) passes its
own ``config``, which ``write_config`` writes after these lines, so it wins.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from graph import jars
from graph.errors import ConfigError, ServerError

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"

# The JVM options Neo4j's own launcher passes (server.jvm.additional in the default neo4j.conf).
JVM_OPTIONS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
]


# What innograph itself calls (graph/cypher, graph/schema): the built-ins are unaffected by
# the allowlist, so this names them for the record and keeps every extension out.
PROCEDURES = ("db.awaitIndexes", "db.index.fulltext.queryNodes", "db.labels", "db.ping")
SECURITY = {
    "dbms.security.procedures.allowlist": ",".join(PROCEDURES),
    "dbms.security.procedures.unrestricted": "",
    "internal.dbms.cypher_ip_blocklist": "0.0.0.0/0,::/0",
    "dbms.security.allow_csv_import_from_file_urls": "false",
}


@dataclass
class ServerStatus:
    uri: str
    http_url: str
    running: bool
    answers: bool
    pid: int | None
    managed: bool
    log: Path | None


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def port_answers(port: int, host: str = "127.0.0.1", timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def new_password() -> str:
    """A random password that never starts with "-" (neo4j-admin would read it as an option)."""
    return "ig" + secrets.token_urlsafe(18)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LocalNeo4j:
    """One local Neo4j server: assemble, configure, start, stop, report."""

    def __init__(
        self,
        home: Path,
        *,
        instance: Path | None = None,
        lib: Path | None = None,
        bolt_port: int = 7687,
        http_port: int = 7474,
        heap: str = "1g",
        pagecache: str = "512m",
        config: dict[str, str] | None = None,
    ):
        self.home = Path(home)
        self.lib = Path(lib) if lib else self.home / "neo4j-lib"
        self.instance = Path(instance) if instance else self.home / "instance"
        self.conf_dir = self.instance / "conf"
        self.data_dir = self.instance / "data"
        self.logs_dir = self.instance / "logs"
        self.run_file = self.instance / "run" / "neo4j.json"
        self.password_file = self.instance / "password"
        self.bolt_port = bolt_port
        self.http_port = http_port
        self.heap = heap
        self.pagecache = pagecache
        self.config = dict(config or {})  # settings over innograph's own (they win)

    # -- facts -------------------------------------------------------------------------------
    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def log_path(self) -> Path:
        return self.logs_dir / "neo4j.log"

    @property
    def console_log(self) -> Path:
        return self.logs_dir / "console.log"

    def password(self) -> str | None:
        if self.password_file.exists():
            return self.password_file.read_text().strip()
        return None

    def version(self) -> str | None:
        return jars.version(self.lib)

    # -- assembly ----------------------------------------------------------------------------
    def assemble(self, log=print) -> str:
        """Resolve the newest 5.26.x and the Browser with Maven into the jar cache (once)."""
        return jars.assemble(self.lib, log)

    # -- configuration -----------------------------------------------------------------------
    def write_config(self) -> None:
        for d in (self.conf_dir, self.data_dir, self.logs_dir, self.run_file.parent):
            d.mkdir(parents=True, exist_ok=True)
        import_dir = self.instance / "import"
        import_dir.mkdir(exist_ok=True)
        conf = f"""# Written by innograph; edit INNOGRAPH_* settings instead of this file.
server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.listen_address=127.0.0.1:{self.bolt_port}
server.bolt.advertised_address=127.0.0.1:{self.bolt_port}
server.http.listen_address=127.0.0.1:{self.http_port}
server.http.advertised_address=127.0.0.1:{self.http_port}
server.http.enabled=true
server.https.enabled=false
server.directories.data={self.data_dir}
server.directories.logs={self.logs_dir}
server.directories.import={import_dir}
dbms.security.auth_enabled=true
dbms.usage_report.enabled=false
client.allow_telemetry=false
server.memory.pagecache.size={self.pagecache}
db.tx_state.memory_allocation=ON_HEAP
db.transaction.timeout=0
"""
        conf += "".join(f"{k}={v}\n" for k, v in {**SECURITY, **self.config}.items())
        (self.conf_dir / "neo4j.conf").write_text(conf)

    def _ensure_password(self, java: str) -> None:
        if (self.data_dir / "dbms" / "auth.ini").exists() and self.password():
            return
        if (self.data_dir / "dbms" / "auth.ini").exists() and not self.password():
            raise ConfigError(
                f"The database in {self.data_dir} has a password that innograph does not know "
                f"(the file {self.password_file} is missing): restore that file, or delete "
                f"{self.instance} to start afresh."
            )
        password = new_password()
        env = dict(os.environ, NEO4J_HOME=str(self.instance), NEO4J_CONF=str(self.conf_dir))
        proc = subprocess.run(
            [java, "-cp", f"{self.lib}/*", ADMIN_TOOL, "dbms", "set-initial-password", password],
            capture_output=True,
            text=True,
            env=env,
        )
        if proc.returncode != 0:
            raise ServerError(
                "Setting the initial Neo4j password failed: "
                + (proc.stderr.strip().splitlines() or ["no output"])[0]
            )
        self.password_file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(password + "\n")
        os.chmod(self.password_file, 0o600)

    # -- process -----------------------------------------------------------------------------
    def _recorded(self) -> dict | None:
        try:
            return json.loads(self.run_file.read_text())
        except (OSError, ValueError):
            return None

    def pid(self) -> int | None:
        """The pid of the server this tool started, if it still runs."""
        rec = self._recorded()
        if not rec:
            return None
        pid = int(rec["pid"])
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except OSError:
            try:
                os.kill(pid, 0)
            except OSError:
                return None
            return pid
        # A recycled pid belongs to someone else: only our own java with our config dir counts.
        if ENTRY_POINT in cmdline and str(self.conf_dir) in cmdline:
            return pid
        return None

    def start(self, timeout: float = 180.0, log=print) -> ServerStatus:
        java = jars.java()
        if self.pid():
            return self.status()
        for port, what in ((self.bolt_port, "Bolt"), (self.http_port, "HTTP")):
            if not port_is_free(port):
                raise ConfigError(
                    f"Port {port} ({what}) on 127.0.0.1 is already taken by another program: "
                    f"stop it, or choose other ports with INNOGRAPH_BOLT_PORT/INNOGRAPH_HTTP_PORT."
                )
        self.assemble(log=log)
        self.write_config()
        self._ensure_password(java)
        cmd = [
            java,
            f"-Xms{self.heap}",
            f"-Xmx{self.heap}",
            *JVM_OPTIONS,
            "-cp",
            f"{self.lib}/*",
            ENTRY_POINT,
            f"--home-dir={self.instance}",
            f"--config-dir={self.conf_dir}",
        ]
        with open(self.console_log, "ab") as out:
            proc = subprocess.Popen(
                cmd,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                cwd=self.instance,
            )
        self.run_file.write_text(
            json.dumps(
                {
                    "pid": proc.pid,
                    "bolt_port": self.bolt_port,
                    "http_port": self.http_port,
                    "started_at": time.time(),
                    "version": self.version(),
                }
            )
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                self.run_file.unlink(missing_ok=True)
                raise ServerError(
                    f"Neo4j stopped while starting (exit code {proc.returncode}): "
                    f"see {self.log_path} and {self.console_log}."
                )
            if port_answers(self.bolt_port) and port_answers(self.http_port) and self._bolt_ready():
                return self.status()
            time.sleep(0.5)
        self.stop()
        raise ServerError(
            f"Neo4j did not answer within {int(timeout)} s and was stopped: see {self.log_path}."
        )

    def _bolt_ready(self) -> bool:
        from neo4j import GraphDatabase
        from neo4j.exceptions import DriverError, Neo4jError

        try:
            with GraphDatabase.driver(self.uri, auth=("neo4j", self.password() or "")) as d:
                d.verify_connectivity()
                d.execute_query("RETURN 1", database_="neo4j")
            return True
        except (DriverError, Neo4jError, OSError):
            return False

    def stop(self, timeout: float = 60.0) -> bool:
        """Stop the server this tool started. Returns False when none was running."""
        pid = self.pid()
        if not pid:
            self.run_file.unlink(missing_ok=True)
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self._alive(pid):
                break
            time.sleep(0.3)
        else:
            os.kill(pid, signal.SIGKILL)
            while self._alive(pid):
                time.sleep(0.1)
        self.run_file.unlink(missing_ok=True)
        return True

    @staticmethod
    def _alive(pid: int) -> bool:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            return stat.split(") ", 1)[1][0] != "Z"
        except (OSError, IndexError):
            return False

    def status(self) -> ServerStatus:
        pid = self.pid()
        return ServerStatus(
            uri=self.uri,
            http_url=self.http_url,
            running=pid is not None,
            answers=pid is not None and port_answers(self.bolt_port) and self._bolt_ready(),
            pid=pid,
            managed=True,
            log=self.log_path,
        )

    def reset(self) -> None:
        """Delete this instance (data, logs, password). The jar cache stays."""
        self.stop()
        shutil.rmtree(self.instance, ignore_errors=True)
