"""A real Neo4j for the integration tests, found through the usual environment settings.

Without a server the tests skip, unless `--require-neo4j` (CI sets it) makes that a failure.
Each test gets an empty database: a database holding anything but policygraph's labels is never
wiped, so the suite cannot destroy someone's real data.
"""

from __future__ import annotations

import os

import pytest

from loader.errors import Neo4jUnavailableError
from loader.model import NODES
from loader.stores.neo4j import Neo4jStore

OUR_LABELS = {n.label for n in NODES}


def neo4j_settings() -> dict[str, str | None]:
    return {
        "uri": os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"),
        "username": os.environ.get("NEO4J_USERNAME", "neo4j"),
        "password": os.environ.get("NEO4J_PASSWORD") or None,
        "database": os.environ.get("NEO4J_DATABASE") or None,
    }


@pytest.fixture(scope="session")
def neo4j_server(request: pytest.FixtureRequest) -> dict[str, str | None]:
    settings = neo4j_settings()
    try:
        Neo4jStore(**settings).close()
    except Neo4jUnavailableError as exc:
        if request.config.getoption("--require-neo4j"):
            pytest.fail(f"Neo4j is required (--require-neo4j) but: {exc}")
        pytest.skip(f"no Neo4j: {exc}")
    return settings


@pytest.fixture
def neo4j_store(neo4j_server):
    store = Neo4jStore(**neo4j_server)
    in_use = {
        row[0]
        for row in store.query("MATCH (n) UNWIND labels(n) AS label RETURN DISTINCT label").rows
    }
    if in_use - OUR_LABELS:
        store.close()
        pytest.fail(
            f"refusing to wipe {neo4j_server['uri']}: it holds other labels "
            f"{sorted(in_use - OUR_LABELS)}; point NEO4J_URI at a test server"
        )
    store._write("MATCH (n) DETACH DELETE n")
    yield store
    store.close()
