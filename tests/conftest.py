"""Shared fixtures: the bundled plan, fresh stores of every engine, and a way to run the real
CLI."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from policygraph.loader.errors import Neo4jUnavailableError
from policygraph.loader.model import NODES
from policygraph.loader.parse import parse_file

ROOT = Path(__file__).resolve().parents[1]


def free_ports(count: int) -> tuple[int, ...]:
    """`count` distinct TCP ports that are free on 127.0.0.1 now, for a test's own Neo4j server:
    fixed numbers collide when two suites (two checkouts, CI and a developer) run at once."""
    sockets = [socket.socket(socket.AF_INET, socket.SOCK_STREAM) for _ in range(count)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return tuple(s.getsockname()[1] for s in sockets)
    finally:
        for s in sockets:
            s.close()


SEED = ROOT / "data" / "ziliujing_talent_plan.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--require-neo4j",
        action="store_true",
        help="fail, rather than skip, tests that need Neo4j when none answers",
    )
    parser.addoption(
        "--require-browser",
        action="store_true",
        help="fail, rather than skip, tests that need Chromium when it is missing",
    )
    parser.addoption(
        "--require-office",
        action="store_true",
        help="fail, rather than skip, tests that need LibreOffice (soffice) when it is missing",
    )


@pytest.fixture(scope="session")
def seed_plan():
    return parse_file(SEED)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "graph.lbug"


@pytest.fixture(scope="module")
def seed_store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An embedded store holding the bundled plan, shared by a module's tests (read them only)."""
    from policygraph.loader.stores.embedded import EmbeddedStore

    path = tmp_path_factory.mktemp("seed") / "seed.lbug"
    with EmbeddedStore(path) as store:
        store.load(parse_file(SEED))
    return path


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real `policygraph` command in a subprocess (exit codes and stderr as a user sees)."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    full_env.pop("POLICYGRAPH_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "policygraph", *args],
        cwd=cwd or ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        input=input,
        timeout=300,
    )


@pytest.fixture
def cli():
    return run_cli


# -- a real Neo4j, found through the usual environment settings ------------------------------
# Without a server the Neo4j tests skip, unless `--require-neo4j` (CI sets it) makes that a
# failure. Each test that asks for `neo4j_store` gets an empty database; a database holding
# anything but policygraph's labels is never wiped, so the suite cannot destroy real data.
OUR_LABELS = {n.label for n in NODES}


def neo4j_settings() -> dict[str, str | None]:
    return {
        "uri": os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"),
        "username": os.environ.get("NEO4J_USERNAME", "neo4j"),
        "password": os.environ.get("NEO4J_PASSWORD") or None,
        "database": os.environ.get("NEO4J_DATABASE") or None,
    }


def neo4j_options(settings: dict[str, str | None]) -> dict[str, Any]:
    """open_store's options from neo4j_settings (its target is settings["uri"])."""
    return {k: v for k, v in settings.items() if k != "uri"}


@pytest.fixture(scope="session")
def neo4j_server(request: pytest.FixtureRequest) -> dict[str, str | None]:
    from policygraph.loader.stores.neo4j import Neo4jStore

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
    from policygraph.loader.stores.neo4j import Neo4jStore

    store = Neo4jStore(**neo4j_server)
    wipe_neo4j(store, neo4j_server["uri"])
    yield store
    store.close()


def wipe_neo4j(store: Any, uri: str | None) -> None:
    """Delete every node of a test database that holds nothing but policygraph's labels."""
    in_use = {
        row[0]
        for row in store.query("MATCH (n) UNWIND labels(n) AS label RETURN DISTINCT label").rows
    }
    if in_use - OUR_LABELS:
        store.close()
        pytest.fail(
            f"refusing to wipe {uri}: it holds other labels "
            f"{sorted(in_use - OUR_LABELS)}; point NEO4J_URI at a test server"
        )
    store._write("MATCH (n) DETACH DELETE n")


# -- an empty store of every engine in the registry ----------------------------------------------
REFERENCE = "embedded"  # parity tests compare every other engine with it


def other_engines() -> list[str]:
    from policygraph.loader.stores import ENGINES

    return [name for name in ENGINES if name != REFERENCE]


def empty_store(
    engine: str, request: pytest.FixtureRequest, folder: Path
) -> tuple[str, dict[str, Any]]:
    """The target and open_store options of an empty store of `engine` (a name in ENGINES) that
    the test owns. Parity tests run over every registered engine, so a new engine fails them
    until it has a case here."""
    from policygraph.loader.stores import open_store

    if engine == "embedded":
        return str(folder / "graph.lbug"), {}
    if engine == "neo4j":
        settings = request.getfixturevalue("neo4j_server")
        uri, options = str(settings["uri"]), neo4j_options(settings)
        with open_store(uri, **options) as store:
            wipe_neo4j(store, uri)
        return uri, options
    pytest.fail(f"no test store for the engine {engine!r}: add one to tests/conftest.py")
