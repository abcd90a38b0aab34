"""The service's options, on top of the one ``graph.settings.Settings`` class.

``ServiceSettings`` adds what only the service reads (``INNOGRAPH_CYPHER_TIMEOUT``,
``INNOGRAPH_CYPHER_ROW_LIMIT``, ``INNOGRAPH_API_KEYS``); everything else (Neo4j, home,
``INNOGRAPH_MIN_GROUP_SIZE``) comes from ``Settings``.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from graph.settings import Settings


class ServiceSettings(Settings):
    cypher_timeout: float = Field(default=30.0, alias="INNOGRAPH_CYPHER_TIMEOUT", gt=0)
    cypher_row_limit: int = Field(default=10_000, alias="INNOGRAPH_CYPHER_ROW_LIMIT", gt=0)
    api_keys_file: Path | None = Field(default=None, alias="INNOGRAPH_API_KEYS")

    @property
    def keys_path(self) -> Path:
        """Where the hashed API keys live: ``INNOGRAPH_API_KEYS`` or ``home/api_keys.json``."""
        return self.api_keys_file or self.home / "api_keys.json"


SERVICE_ONLY = ("cypher_timeout", "cypher_row_limit", "api_keys_file")


def service_settings(settings: Settings | None = None) -> ServiceSettings:
    """``settings`` as ``ServiceSettings``: the service-only options come from the environment."""
    if isinstance(settings, ServiceSettings):
        return settings
    env = ServiceSettings()
    if settings is None:
        return env
    values = settings.model_dump()
    values.update({k: getattr(env, k) for k in SERVICE_ONLY})
    return ServiceSettings.model_construct(**values)
