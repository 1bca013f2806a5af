"""Fixtures of the fault tests: a corpus in two versions, its clean loads, a Neo4j server the
tests may stop and kill, and a record of what each test saw (artifacts/reliability/run.json)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from policygraph.loader.stores.embedded import EmbeddedStore

from tests.conftest import ROOT, free_ports

from .cases import KILL_MEASURES, KILL_PLANS
from .support import Dump, dump, folder_state, start_cli, wait_for, write_corpus

RUN_RECORD = ROOT / "artifacts" / "reliability" / "run.json"
NEO4J_BOLT, NEO4J_HTTP = free_ports(2)  # this suite's own server, apart from the shared one
_seen: dict[str, list[dict[str, Any]]] = {}


@pytest.fixture(scope="session", autouse=True)
def _write_run_record():
    yield
    if _seen:
        RUN_RECORD.parent.mkdir(parents=True, exist_ok=True)
        RUN_RECORD.write_text(json.dumps(_seen, ensure_ascii=False, indent=2) + "\n")


@pytest.fixture
def record(request: pytest.FixtureRequest):
    """record(**facts): what one case of this test saw, kept in artifacts/reliability/run.json."""
    name = request.node.nodeid

    def add(**facts: Any) -> None:
        _seen.setdefault(name, []).append(facts)

    return add


@dataclass(frozen=True)
class Clean:
    """A corpus in two versions and the graphs their clean loads give."""

    v1: Path
    v2: Path
    store_v1: Path  # a clean load of v1, to copy before replacing it with v2
    dump_v1: Dump
    dump_v2: Dump
    write_seconds: float  # how long a clean load of v1 writes, from its first write to exit


@pytest.fixture(scope="session")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Clean:
    base = tmp_path_factory.mktemp("corpus")
    v1 = write_corpus(base / "v1", KILL_PLANS, KILL_MEASURES)
    v2 = write_corpus(base / "v2", KILL_PLANS, KILL_MEASURES, version=2)
    stores = base / "stores"
    stores.mkdir()
    proc = start_cli("load", str(v1), "--store", str(stores / "v1.lbug"))
    assert wait_for(lambda: folder_state(stores) != {} or proc.poll() is not None, 120)
    began = time.monotonic()
    out, err = proc.communicate(timeout=300)
    write_seconds = time.monotonic() - began
    assert proc.returncode == 0, err
    assert out.startswith(f"loaded {KILL_PLANS} plans, {KILL_PLANS * KILL_MEASURES:,} measures"), (
        out
    )
    with EmbeddedStore(stores / "v1.lbug", read_only=True) as store:
        dump_v1 = dump(store)
    proc = start_cli("load", str(v2), "--store", str(stores / "v2.lbug"))
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    with EmbeddedStore(stores / "v2.lbug", read_only=True) as store:
        dump_v2 = dump(store)
    assert len(dump_v1["Plan"]) == len(dump_v2["Plan"]) == KILL_PLANS
    assert dump_v1["Measure"] != dump_v2["Measure"]
    return Clean(v1, v2, stores / "v1.lbug", dump_v1, dump_v2, write_seconds)


@dataclass
class OwnNeo4j:
    """A local Neo4j that only this suite uses, so its tests may stop, kill and restart it."""

    home: Path
    uri: str

    def start(self) -> None:
        from policygraph import neo4j_server

        neo4j_server.start(self.home, NEO4J_BOLT, NEO4J_HTTP, progress=lambda _: None)

    def stop(self) -> None:
        from policygraph import neo4j_server

        neo4j_server.stop(self.home)

    def crash(self) -> None:
        """SIGKILL the server: no shutdown, recovery from its transaction log on the next start."""
        import os
        import signal

        from policygraph import neo4j_server

        info = neo4j_server.status(self.home)
        assert info is not None, "the server is not running"
        os.kill(info.pid, signal.SIGKILL)
        # status() can say "gone" while the dying JVM still holds its port: wait for both
        gone = lambda: neo4j_server.status(self.home) is None  # noqa: E731
        assert wait_for(lambda: gone() and not neo4j_server._port_in_use(NEO4J_BOLT), 60, 0.05)

    def running(self) -> bool:
        from policygraph import neo4j_server

        return neo4j_server.status(self.home) is not None


@pytest.fixture(scope="session")
def own_neo4j(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    from policygraph.neo4j_server import Neo4jServerError

    server = OwnNeo4j(tmp_path_factory.mktemp("neo4j-home"), f"bolt://127.0.0.1:{NEO4J_BOLT}")
    try:
        server.start()
    except Neo4jServerError as exc:
        why = f"cannot start a Neo4j of our own on port {NEO4J_BOLT}: {str(exc)[:300]}"
        if request.config.getoption("--require-neo4j"):
            pytest.fail(why)
        pytest.skip(why)
    yield server
    server.stop()


@pytest.fixture
def neo4j_up(own_neo4j: OwnNeo4j) -> OwnNeo4j:
    """The suite's server, running and empty when the test starts."""
    from neo4j import GraphDatabase

    if not own_neo4j.running():
        own_neo4j.start()
    with GraphDatabase.driver(own_neo4j.uri, auth=None) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
    return own_neo4j
