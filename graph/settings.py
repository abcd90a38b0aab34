"""Settings read from the environment (one class, one cached getter).

``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE`` point innograph at a
server of your own (Docker, Aura, a cluster). Without ``NEO4J_URI`` innograph manages a local
Neo4j 5.26 Community server in ``INNOGRAPH_HOME`` (default ``~/.local/share/innograph``).

The web service reads a few more: ``INNOGRAPH_CYPHER_TIMEOUT`` (seconds, default 30),
``INNOGRAPH_CYPHER_ROW_LIMIT`` (default 10,000) and ``INNOGRAPH_CYPHER_MAX_BYTES`` (default
10,000,000 bytes of rows as JSON) bound an analyst's read-only query;
``INNOGRAPH_CYPHER_PER_KEY`` (default 4) and ``INNOGRAPH_CYPHER_WORKERS`` (default 32) bound
how many run at once, per API key and in all (429 beyond); ``INNOGRAPH_API_KEYS`` is the
hashed key file (default ``INNOGRAPH_HOME/api_keys.json``).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_home() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "innograph"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore")

    neo4j_uri: str | None = Field(default=None, alias="NEO4J_URI")
    neo4j_user: str = Field(default="neo4j", alias="NEO4J_USER")
    neo4j_password: str | None = Field(default=None, alias="NEO4J_PASSWORD")
    neo4j_database: str = Field(default="neo4j", alias="NEO4J_DATABASE")

    home: Path = Field(default_factory=default_home, alias="INNOGRAPH_HOME")
    neo4j_lib: Path | None = Field(default=None, alias="INNOGRAPH_NEO4J_LIB")
    bolt_port: int = Field(default=7687, alias="INNOGRAPH_BOLT_PORT")
    http_port: int = Field(default=7474, alias="INNOGRAPH_HTTP_PORT")
    heap: str = Field(default="1g", alias="INNOGRAPH_NEO4J_HEAP")
    pagecache: str = Field(default="512m", alias="INNOGRAPH_NEO4J_PAGECACHE")
    batch_size: int = Field(default=10_000, alias="INNOGRAPH_BATCH_SIZE")
    min_group_size: int = Field(default=5, alias="INNOGRAPH_MIN_GROUP_SIZE")

    cypher_timeout: float = Field(default=30.0, alias="INNOGRAPH_CYPHER_TIMEOUT", gt=0)
    cypher_row_limit: int = Field(default=10_000, alias="INNOGRAPH_CYPHER_ROW_LIMIT", gt=0)
    cypher_max_bytes: int = Field(default=10_000_000, alias="INNOGRAPH_CYPHER_MAX_BYTES", ge=1_000)
    cypher_per_key: int = Field(default=4, alias="INNOGRAPH_CYPHER_PER_KEY", gt=0)
    cypher_workers: int = Field(default=32, alias="INNOGRAPH_CYPHER_WORKERS", gt=0)
    api_keys_file: Path | None = Field(default=None, alias="INNOGRAPH_API_KEYS")

    @property
    def external(self) -> bool:
        """True when the user points innograph at a server of their own."""
        return bool(self.neo4j_uri)

    @property
    def keys_path(self) -> Path:
        """Where the hashed API keys live: ``INNOGRAPH_API_KEYS`` or ``home/api_keys.json``."""
        return self.api_keys_file or self.home / "api_keys.json"


@lru_cache
def get_settings() -> Settings:
    return Settings()
