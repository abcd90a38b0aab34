"""API keys with roles, stored hashed in a JSON file, and the dependencies that check them.

Roles, each including the ones before it::

    viewer  < manager               < analyst  < admin
    (aggregates, maps, clusters)
            + member-level data and matchmaking
                                    + read-only Cypher and the query library
                                               + uploading cluster files for ingest

A key looks like ``ig_<id>_<secret>``: ``id`` is 8 hex characters (shown by ``keys list``,
used by ``keys revoke``), ``secret`` 32 random bytes (``secrets.token_urlsafe``). Only the
SHA-256 of the whole key is stored; a random 256-bit secret needs no salt or slow hash (the
same reasoning as GitHub's tokens): nobody can guess it, and the file does not reveal it.

Why a file (``settings.home / "api_keys.json"``, mode 0600) and not the graph: keys are not
facts about the ecosystem, and analysts read the whole graph through the Cypher endpoint, so
anything stored there — hashes, names, roles — would be visible to them. The file is
re-read when it changes, so ``innograph keys revoke`` takes effect on a running server.

A client sends ``Authorization: Bearer KEY`` or ``X-API-Key: KEY``. The web pages' login
form puts the key into the ``innograph_key`` cookie (HttpOnly, SameSite=Strict, Secure when
served over HTTPS), which is accepted too. No key: 401; a key without the role: 403.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import threading
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from enum import IntEnum
from pathlib import Path

from fastapi import Request

from graph.errors import InnographError, NotFound

COOKIE = "innograph_key"
PREFIX = "ig_"


class Role(IntEnum):
    viewer = 1
    manager = 2
    analyst = 3
    admin = 4

    @classmethod
    def parse(cls, name: str) -> Role:
        try:
            return cls[name.strip().lower()]
        except KeyError:
            raise InnographError(
                f"{name!r} is not a role; choose one of {', '.join(r.name for r in cls)}."
            ) from None


@dataclass
class KeyRecord:
    id: str
    name: str
    role: str
    hash: str
    created: str
    revoked: str | None = None

    @property
    def active(self) -> bool:
        return self.revoked is None


@dataclass(frozen=True)
class Principal:
    """Who is calling: the key's id, name and role."""

    key_id: str
    name: str
    role: Role

    def can(self, role: Role) -> bool:
        return self.role >= role


class Unauthenticated(Exception):
    """No key, or a key that is unknown or revoked (401)."""


class Forbidden(Exception):
    """A valid key without the role the endpoint needs (403)."""

    def __init__(self, needed: Role, have: Role, who: Principal | None = None):
        super().__init__(f"This needs the {needed.name} role; your key has the {have.name} role.")
        self.needed = needed
        self.who = who  # the caller: a 403 page keeps the caller's menu


def digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class KeyStore:
    """The JSON key file: create, list, revoke and verify keys."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._cache: tuple[tuple[int, int], list[KeyRecord]] | None = None

    # -- file ------------------------------------------------------------------------------
    def _stamp(self) -> tuple[int, int]:
        st = self.path.stat()
        return st.st_mtime_ns, st.st_size

    def records(self) -> list[KeyRecord]:
        with self._lock:
            if not self.path.exists():
                return []
            stamp = self._stamp()
            if self._cache and self._cache[0] == stamp:
                return self._cache[1]
            data = json.loads(self.path.read_text(encoding="utf-8") or "{}")
            recs = [KeyRecord(**r) for r in data.get("keys", [])]
            self._cache = (stamp, recs)
            return recs

    def _save(self, recs: list[KeyRecord]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + f".{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"keys": [asdict(r) for r in recs]}, f, indent=2)
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.path)
        with self._lock:
            self._cache = None

    # -- operations --------------------------------------------------------------------------
    def create(self, role: Role | str, name: str = "") -> tuple[KeyRecord, str]:
        """A new key; returns its record and the key itself (shown once, never stored)."""
        role = role if isinstance(role, Role) else Role.parse(role)
        recs = list(self.records())
        used = {r.id for r in recs}
        key_id = secrets.token_hex(4)
        while key_id in used:
            key_id = secrets.token_hex(4)
        key = f"{PREFIX}{key_id}_{secrets.token_urlsafe(32)}"
        rec = KeyRecord(
            id=key_id,
            name=name or role.name,
            role=role.name,
            hash=digest(key),
            created=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        self._save(recs + [rec])
        return rec, key

    def revoke(self, key_id: str) -> KeyRecord:
        recs = list(self.records())
        for r in recs:
            if r.id == key_id:
                if r.active:
                    r.revoked = datetime.now(UTC).isoformat(timespec="seconds")
                    self._save(recs)
                return r
        raise NotFound(f"No API key with id {key_id!r}.")

    def verify(self, key: str) -> Principal | None:
        """The principal of an active key, or None."""
        if not key.startswith(PREFIX) or key.count("_") < 2:
            return None
        key_id = key[len(PREFIX) :].split("_", 1)[0]
        wanted = digest(key)
        for r in self.records():
            if r.id == key_id and r.active and hmac.compare_digest(r.hash, wanted):
                return Principal(r.id, r.name, Role[r.role])
        return None


def presented_key(request: Request) -> str | None:
    """The key a request carries: Bearer header, X-API-Key header, or the login cookie."""
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        return auth[7:].strip() or None
    return (request.headers.get("x-api-key") or request.cookies.get(COOKIE) or "").strip() or None


def authenticate(request: Request, store: KeyStore) -> Principal:
    key = presented_key(request)
    if not key:
        raise Unauthenticated(
            "An API key is needed: send 'Authorization: Bearer KEY' or "
            "'X-API-Key: KEY' (create one with `innograph keys create`)."
        )
    principal = store.verify(key)
    if principal is None:
        raise Unauthenticated("The API key is unknown or revoked.")
    return principal


def check_role(principal: Principal, role: Role) -> Principal:
    if not principal.can(role):
        raise Forbidden(role, principal.role, principal)
    return principal
