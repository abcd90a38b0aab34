"""The ``organisations`` table: each row checked, then resolved against the graph.

An organisation becomes ``BE<enterprise number>``, ``ORG:<name key>`` or the id of the
organisation it resolves to (``ingest.resolve.OrgIndex``); two rows that resolve to one
organisation are a problem. A node another source made keeps its name, kind and country.
"""

from __future__ import annotations

from typing import Any

from graph.keys import EnterpriseNumberError, name_key, normalise_enterprise_number
from graph.nace import NaceCode, parse_nace
from ingest import places
from ingest.checks import RowProblems, bool_value, choice, parsed, required, unique_id
from ingest.clusterfiles.state import BuildState, Org, extras
from ingest.tables import Row, Table
from ingest.vocab import KIND_ALIASES, KIND_SPELLINGS, SIZE_ALIASES, SIZE_SPELLINGS, parse_province


def build_organisations(s: BuildState, table: Table) -> None:
    source = s.source("organisations")
    first: dict[str, int] = {}
    resolved: dict[str, int] = {}
    for row in table.rows:
        bad = RowProblems(table, row)
        local = unique_id(bad, row, first)
        name = required(bad, row, "name")
        if name and not name_key(name):  # nothing to match or to make an ORG: id from
            bad.add("name", f"'{name}' has no letters or digits")
        kind = choice(bad, row, "kind", KIND_ALIASES, KIND_SPELLINGS, needed=True)
        size = choice(bad, row, "size", SIZE_ALIASES, SIZE_SPELLINGS, needed=False)
        number, number_ok = _enterprise_number(bad, row)
        code: NaceCode | None = parsed(bad, row, "nace", parse_nace)
        province = parsed(bad, row, "province", parse_province)
        place = _place(bad, row, province)
        example = bool_value(bad, row, "example")
        oid = (
            _resolve(s, bad, number, name, resolved)
            if number_ok and (number or name_key(name or ""))
            else None
        )
        if bad:
            s.reject(table, row, bad, local)
            continue
        assert local and name and kind and oid
        resolved[oid] = row.line
        owned = s.index.owned_by(oid, source)
        s.index.add(oid, enterprise_number=number, name=name, country="BE", source=source)
        props: dict[str, Any] = {
            "name": name,
            "name_key": name_key(name),
            "kind": kind,
            "country": "BE",
            "enterprise_number": number,
            "nace": code.sector if code else None,
            "nace_bel": code.nace_bel if code else None,
            **place,
            "size": size,
            "description": row.get("description") or None,
            "external_ids": [s.local_id(local)],
            "example": example or None,
            **extras(table, row),
        }
        if not owned:  # another source's node: add facts, keep its name, kind and country
            for k in ("name", "name_key", "kind", "country"):
                props.pop(k)
        sector = code.sector if code else None
        region = place.get("province")  # the Region node it is LOCATED_IN
        s.orgs[local.lower()] = Org(local, oid, row.line, props, sector, region, owned)


def _place(bad: RowProblems, row: Row, province: str | None) -> dict[str, str]:
    """Postcode, municipality, province and region (``ingest.places``); a problem when the
    postcode is unknown or lies in another province than the row's ``province``."""
    postcode = row.get("postcode") or None
    try:
        return places.place_props(postcode, province)
    except ValueError as e:
        bad.add("postcode", str(e))
        return {}


def _enterprise_number(bad: RowProblems, row: Row) -> tuple[str | None, bool]:
    """(the normalised enterprise number or None, whether the cell is acceptable)."""
    if not row.get("enterprise_number"):
        return None, True
    try:
        return normalise_enterprise_number(row.get("enterprise_number")), True
    except EnterpriseNumberError as e:
        bad.add("enterprise_number", str(e))
        return None, False


def _resolve(
    s: BuildState, bad: RowProblems, number: str | None, name: str | None, resolved: dict[str, int]
) -> str:
    """The organisation a row names; a problem when an earlier row named it already."""
    oid = s.index.resolve(enterprise_number=number, name=name, country="BE")
    if oid in resolved:
        what = f"enterprise number {number}" if number else f"name key '{name_key(name or '')}'"
        bad.add(
            "enterprise_number" if number else "name",
            f"the same organisation as line {resolved[oid]} ({what})",
        )
    return oid
