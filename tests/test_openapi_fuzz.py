"""Schemathesis over the service's own OpenAPI document: no request it generates gets a 5xx.

Bounded: a few examples per operation (``FUZZ_EXAMPLES``, default 8), with an admin key so
that every operation is reached past the access checks, on the hand-built graph in the
throwaway Neo4j (built once for this module). Every check schemathesis has (`--checks all`):
no 5xx, every status code, content type, header and body as documented, and more (below).

The schema is loaded from an app made at import time (the OpenAPI document needs no
database); the ``live_app`` fixture then gives that app the test database and a key file.
(``schemathesis.pytest.from_fixture`` would be the natural way, but schemathesis 4.32 reads a
private pytest attribute that pytest 9 no longer has.)
"""

from __future__ import annotations

import os
import time

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS as REGISTRY
from schemathesis.checks import load_all_checks
from schemathesis.config._checks import PositiveDataAcceptanceConfig

from api.app import create_app
from api.auth import KeyStore
from api.routes.health import neo4j_answers
from api.throttle import Probe

from .conftest import wipe
from .test_api_graph import build_graph, service_settings

pytestmark = pytest.mark.live

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
# Every check schemathesis has (``--checks all``): no 5xx, status codes, content types,
# headers and bodies as documented (error bodies: api.answers; the maps' JSON errors are
# documented as JSON), the ``Allow`` header of a 405 (every method of the path), negative
# data rejected and schema-valid data accepted. "Accepted" counts 400 too: the service
# answers 422 to a request that breaks its schema and 400 to one that fits it but is
# refused for a reason no schema can state (Cypher that does not parse or is not read-only,
# an enterprise number failing its mod-97 check, a call with nothing to match on, a curated
# query's unknown or missing parameter). An unknown name or id is a documented 404, which
# schemathesis counts as accepted (an enum of the curated query names would freeze the
# library into the OpenAPI document).
load_all_checks()
CHECKS = list(REGISTRY.get_all())
ACCEPTED = ["2xx", "3xx", "400", "401", "403", "404", "409", "429", "5xx"]


APP = create_app(service_settings("/nonexistent/innograph-fuzz"))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)
schema.config.checks.positive_data_acceptance = PositiveDataAcceptanceConfig(
    expected_statuses=ACCEPTED
)


@pytest.fixture(scope="module")
def admin_key(_schema_db, tmp_path_factory):
    """The hand-built graph for ``APP``, and an admin key for it."""
    wipe(_schema_db)
    build_graph(_schema_db)
    APP.state.db = _schema_db
    APP.state.settings = APP.state.settings.model_copy(
        update={"home": tmp_path_factory.mktemp("fuzz-home")}
    )
    APP.state.keys = KeyStore(APP.state.settings.keys_path)
    # What the lifespan does (loading the schema ran one, which closed its probe): a watcher
    # of its own, so that /health answers from it.
    APP.state.probe = Probe(lambda: neo4j_answers(APP.state.db))
    APP.state.probe.start()
    deadline = time.monotonic() + 30
    while APP.state.probe.latest() is None and time.monotonic() < deadline:
        time.sleep(0.1)  # a first ping in, as a running service has
    yield APP.state.keys.create("admin", "fuzz")[1]
    APP.state.db = None


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_errors(case, admin_key):
    response = case.call(headers={"Authorization": f"Bearer {admin_key}"})
    case.validate_response(response, checks=CHECKS)


def test_the_spec_covers_the_api():
    spec = APP.openapi()
    paths = set(spec["paths"])
    assert {
        "/health",
        "/clusters",
        "/clusters/{cluster_id}/overlaps",
        "/organisations",
        "/overlaps",
        "/centrality",
        "/cross-sector",
        "/helix",
        "/match/partners",
        "/match/call",
        "/maps/cluster/{cluster_id}",
        "/cypher",
        "/queries",
        "/queries/{name}",
        "/ingest",
    } <= paths
    assert not any(p.startswith("/ui") for p in paths)  # pages are not API operations
    schemes = spec["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}
