"""Stores opened through the registry: `--store PATH|URI`, and reading that writes nothing.

A report on Neo4j must work for a user allowed only to read, or on a read replica: it sends no
schema statement and reads in READ access mode. Neo4j community edition has no read-only
users, so READ mode itself is the check: the server refuses a write in it.
"""

import json
import re

import neo4j
import pytest
from policygraph.loader.errors import StoreError
from policygraph.loader.model import NODES
from policygraph.loader.stores import ENGINES, open_store
from policygraph.queries import catalogue, run_report

from tests.conftest import SEED, empty_store, neo4j_options
from tests.unit.test_embedded_store import SEED_COUNTS

pytestmark = pytest.mark.neo4j

SCHEMA_WORDS = re.compile(r"^\s*(CREATE|DROP|ALTER)\s+(CONSTRAINT|INDEX)", re.I)


def schema(store) -> tuple[list[list[str]], list[list[str]]]:
    """The database's constraints and indexes, by name and type."""
    constraints = store.query("SHOW CONSTRAINTS YIELD name, type RETURN name, type ORDER BY name")
    indexes = store.query("SHOW INDEXES YIELD name, type RETURN name, type ORDER BY name")
    return constraints.rows, indexes.rows


@pytest.fixture
def bare_neo4j(neo4j_server, neo4j_store):
    """An empty Neo4j database without policygraph's constraints and indexes, as a new database
    a read-only user is given would be; they are back after the test."""
    constraints, indexes = schema(neo4j_store)
    for name, _ in constraints:
        neo4j_store._write(f"DROP CONSTRAINT `{name}`")
    for name, kind in indexes:
        if kind != "LOOKUP" and name not in {c[0] for c in constraints}:
            neo4j_store._write(f"DROP INDEX `{name}` IF EXISTS")
    yield neo4j_server
    open_store(neo4j_server["uri"], **neo4j_options(neo4j_server)).close()  # recreates them


class Recorder:
    """Stands in for neo4j.GraphDatabase: gives real drivers that note every statement they are
    asked to run, with its routing, and every session opened, with its access mode."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []

    def driver(self, *args, **kwargs):
        real = neo4j.GraphDatabase.driver(*args, **kwargs)
        execute_query, session, calls = real.execute_query, real.session, self.calls

        def recorded_query(query, parameters=None, *more, **options):
            routing = options.get("routing_", neo4j.RoutingControl.WRITE)
            routing = getattr(routing, "value", routing)  # "r" or "w"
            calls.append(("execute_query", routing, str(query)))
            return execute_query(query, parameters, *more, **options)

        def recorded_session(**config):
            calls.append(("session", str(config.get("default_access_mode", "WRITE")), ""))
            return session(**config)

        real.execute_query, real.session = recorded_query, recorded_session
        return real


def test_a_report_on_neo4j_sends_no_schema_statement(bare_neo4j, cli, tmp_path):
    uri = str(bare_neo4j["uri"])
    with open_store(uri, read_only=True, **neo4j_options(bare_neo4j)) as store:
        before = schema(store)
    assert before[0] == []  # no constraint: the fixture removed them
    result = cli("report", "department-workload", "--store", uri, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    for command in (["analyze"], ["view", "overview", "-o", str(tmp_path / "v.html")]):
        failed = cli(*command, "--store", uri)  # an empty store: an error line, and no schema
        assert failed.returncode == 1 and "Error: the store holds no" in failed.stderr
    with open_store(uri, read_only=True, **neo4j_options(bare_neo4j)) as store:
        assert schema(store) == before
    loaded = cli("load", str(SEED), "--store", uri)  # writing creates them: the check can fail
    assert loaded.returncode == 0, loaded.stderr
    with open_store(uri, read_only=True, **neo4j_options(bare_neo4j)) as store:
        assert len(schema(store)[0]) == len(NODES)  # one key constraint a label


def test_a_read_only_neo4j_store_runs_every_statement_in_read_mode(
    neo4j_server, neo4j_store, seed_plan, monkeypatch
):
    neo4j_store.load(seed_plan)
    recorder = Recorder()
    monkeypatch.setattr("policygraph.loader.stores.neo4j.GraphDatabase", recorder)
    with open_store(neo4j_server["uri"], read_only=True, **neo4j_options(neo4j_server)) as store:
        for report in catalogue().values():
            assert run_report(store, report.name, report.example_params()).columns
        assert store.counts() == SEED_COUNTS
    reads = [call for call in recorder.calls if call[0] == "execute_query"]
    assert len(reads) > len(catalogue())
    assert {call[:2] for call in recorder.calls} == {("execute_query", "r")}
    assert not [call for call in recorder.calls if SCHEMA_WORDS.match(call[2])]
    recorder.calls.clear()
    with open_store(neo4j_server["uri"], **neo4j_options(neo4j_server)) as store:
        store.load(seed_plan, force=True)
    assert any(SCHEMA_WORDS.match(call[2]) for call in recorder.calls)  # the recorder sees them
    assert ("session", "WRITE", "") in recorder.calls


@pytest.mark.parametrize("engine", list(ENGINES))
def test_a_store_opened_read_only_refuses_writes(engine, request, tmp_path, seed_plan):
    target, options = empty_store(engine, request, tmp_path)
    with open_store(target, **options) as store:
        store.load(seed_plan)
    with open_store(target, read_only=True, **options) as store:
        with pytest.raises(StoreError, match="opened for reading only"):
            store.load(seed_plan, force=True)
        with pytest.raises(StoreError):  # the engine itself refuses: a read transaction
            store.query("CREATE (:Plan {id: 'written'})")
        assert store.counts() == SEED_COUNTS


def test_a_write_in_a_neo4j_read_transaction_is_refused_by_the_server(neo4j_server, neo4j_store):
    options = neo4j_options(neo4j_server)
    with (
        open_store(neo4j_server["uri"], read_only=True, **options) as store,
        pytest.raises(StoreError, match="(?i)read access mode"),
    ):
        store.query("CREATE (:Plan {id: 'written'})")
    assert neo4j_store.counts()["Plan"] == 0


def test_cli_store_takes_a_uri_or_a_path_and_answers_alike(
    cli, neo4j_server, neo4j_store, tmp_path
):
    uri, path = str(neo4j_server["uri"]), str(tmp_path / "plans.lbug")
    loaded = cli("load", str(SEED), "--store", uri)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.rstrip().endswith(f"-> Neo4j {uri}")
    assert neo4j_store.counts() == SEED_COUNTS
    assert cli("load", str(SEED), "--store", path).stdout.rstrip().endswith(f"-> {path}")
    answers = [
        cli("report", "department-workload", *where, "--format", "json", env=env).stdout
        for where, env in (
            (["--store", uri], {}),
            (["--store", path], {}),
            (["--neo4j"], {"NEO4J_URI": uri}),  # the shorthand, as before
        )
    ]
    assert answers[0] == answers[1] == answers[2]
    assert json.loads(answers[0])[0]["department"] == "区委组织部"
