"""Organisation resolution: the same organisation from two sources becomes one node.

``OrgIndex`` holds the organisations the graph already has (``from_rows``) and those a load
adds (``add``). ``resolve`` returns the id of the organisation a record describes, trying in
this order:

1. the enterprise number (KBO/BCE);
2. the CORDIS PIC;
3. the name key of the name, then of each alias (``graph.keys.name_key``), against the name
   keys and alias keys of known organisations -- only when exactly one compatible organisation
   has that key. *Compatible* means it does not carry a different enterprise number, a
   different PIC or a different country than the record: two PICs or two enterprise numbers
   are two legal entities, whatever their names.

Without a match, the id is new: ``graph.keys.organisation_id`` (``BE<enterprise number>``,
``PIC:<pic>`` or ``ORG:<name key>``).

>>> index = OrgIndex.from_rows([{"id": "ORG:ku leuven", "name_key": "ku leuven",
...                              "alias_keys": ["katholieke universiteit leuven"]}])
>>> index.resolve(pic="999991334", name="KATHOLIEKE UNIVERSITEIT LEUVEN", country="BE")
'ORG:ku leuven'
>>> index.add("ORG:ku leuven", pic="999991334")
>>> index.resolve(pic="999999999", name="KU Leuven")       # another PIC: another entity
'PIC:999999999'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.keys import name_key, normalise_enterprise_number, organisation_id


@dataclass
class _Entry:
    id: str
    enterprise_number: str | None = None
    pic: str | None = None
    country: str | None = None
    keys: set[str] = field(default_factory=set)
    in_graph: bool = False
    graph_creator: str | None = None  # the source that created the graph's node, when known
    creator: str | None = None  # the first source that added it in this run


class OrgIndex:
    """Known organisations by enterprise number, PIC and name keys."""

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}
        self._by_number: dict[str, str] = {}
        self._by_pic: dict[str, str] = {}
        self._by_key: dict[str, set[str]] = {}

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, Any]]) -> OrgIndex:
        """An index of the graph's organisations.

        Each row is ``{id, enterprise_number, pic, name_key, alias_keys}`` (``alias_keys`` a
        list or None); optional ``name`` (its key is computed when ``name_key`` is missing),
        ``aliases`` (names whose keys are computed: the curated landscape stores these),
        ``country`` and ``source`` (the source that created the node; else the first of
        ``sources``), which lets a builder tell its own earlier load from another source's node.
        """
        index = cls()
        for row in rows:
            keys = [row.get("name_key") or name_key(row.get("name") or "")]
            keys += list(row.get("alias_keys") or [])
            keys += [name_key(a) for a in row.get("aliases") or [] if a]
            index._put(
                str(row["id"]),
                _stored_number(row.get("enterprise_number")),
                _text(row.get("pic")),
                row.get("country"),
                keys,
            )
            entry = index._entries[str(row["id"])]
            entry.in_graph = True
            creator = row.get("source") or next(iter(row.get("sources") or []), None)
            entry.graph_creator = str(creator) if creator else None
        return index

    # -- lookup ------------------------------------------------------------------------------
    def find(
        self,
        enterprise_number: str | None = None,
        pic: str | None = None,
        name: str | None = None,
        country: str | None = None,
        aliases: Iterable[str] = (),
    ) -> str | None:
        """The id of the known organisation the record describes, or None."""
        number = _number(enterprise_number)
        pic = _text(pic)
        if number and number in self._by_number:
            return self._by_number[number]
        if pic and pic in self._by_pic:
            return self._by_pic[pic]
        for text in (name, *aliases):
            key = name_key(text or "")
            if not key:
                continue
            candidates = [
                i
                for i in sorted(self._by_key.get(key, ()))
                if self._compatible(self._entries[i], number, pic, country)
            ]
            if len(candidates) == 1:
                return candidates[0]
        return None

    def resolve(
        self,
        enterprise_number: str | None = None,
        pic: str | None = None,
        name: str | None = None,
        country: str | None = None,
        aliases: Iterable[str] = (),
    ) -> str:
        """The id of the known organisation the record describes, or the id a new one gets.

        ``enterprise_number`` may be in any accepted notation; ``ValueError`` if it is invalid.
        """
        found = self.find(enterprise_number, pic, name, country, aliases)
        if found:
            return found
        return organisation_id(_number(enterprise_number), _text(pic), name)

    # -- learning ----------------------------------------------------------------------------
    def add(
        self,
        id: str,
        enterprise_number: str | None = None,
        pic: str | None = None,
        name: str | None = None,
        country: str | None = None,
        aliases: Iterable[str] = (),
        source: str | None = None,
    ) -> None:
        """Record an organisation of the current load, so later records resolve to it.

        On an id already known, missing numbers are filled in and keys added; an enterprise
        number or PIC already claimed by another id keeps pointing there.
        """
        keys = [name_key(t) for t in (name, *aliases) if t]
        self._put(id, _number(enterprise_number), _text(pic), country, keys)
        entry = self._entries[id]
        if source and not entry.in_graph and entry.creator is None:
            entry.creator = source

    def _put(
        self, id: str, number: str | None, pic: str | None, country: str | None, keys: Iterable[str]
    ) -> None:
        entry = self._entries.get(id)
        if entry is None:
            entry = self._entries[id] = _Entry(id)
        if number and not entry.enterprise_number:
            entry.enterprise_number = number
        if pic and not entry.pic:
            entry.pic = pic
        if country and not entry.country:
            entry.country = country
        if number:
            self._by_number.setdefault(number, id)
        if pic:
            self._by_pic.setdefault(pic, id)
        for key in keys:
            if key:
                entry.keys.add(key)
                self._by_key.setdefault(key, set()).add(id)

    @staticmethod
    def _compatible(
        entry: _Entry, number: str | None, pic: str | None, country: str | None
    ) -> bool:
        return not (
            (number and entry.enterprise_number and entry.enterprise_number != number)
            or (pic and entry.pic and entry.pic != pic)
            or (country and entry.country and entry.country != country)
        )

    # -- questions builders ask ---------------------------------------------------------------
    def __contains__(self, id: object) -> bool:
        return id in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def in_graph(self, id: str) -> bool:
        """True when the organisation was in the graph before this load."""
        entry = self._entries.get(id)
        return bool(entry and entry.in_graph)

    def owned_by(self, id: str, source: str) -> bool:
        """True when ``source`` may set the identity properties (name, kind, country) of ``id``.

        That is: the id is new, was first added by ``source`` in this run, or its graph node
        was created by ``source``. A node another source created -- or of unknown origin --
        keeps its name, kind and country; the builder only adds facts to it (a source that only
        contributed to a node does not become its owner, so two sources never take turns at
        its name; the writer's precedence, ``graph.precedence``, guards every field besides).
        """
        entry = self._entries.get(id)
        if entry is None:
            return True
        if entry.in_graph:
            return entry.graph_creator == source
        return entry.creator in (None, source)

    def enterprise_number_of(self, id: str) -> str | None:
        entry = self._entries.get(id)
        return entry.enterprise_number if entry else None

    def pic_of(self, id: str) -> str | None:
        entry = self._entries.get(id)
        return entry.pic if entry else None

    def by_enterprise_number(self, number: str) -> str | None:
        """The id that holds this (valid, any notation) enterprise number, or None."""
        return self._by_number.get(_number(number) or "")


def _text(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def _number(value: str | None) -> str | None:
    text = _text(value)
    return normalise_enterprise_number(text) if text else None


def _stored_number(value: Any) -> str | None:
    """An enterprise number as the graph stores it; kept as digits even if it fails the check."""
    text = _text(value)
    if not text:
        return None
    try:
        return normalise_enterprise_number(text)
    except ValueError:
        return "".join(c for c in text if c.isdigit()) or None
