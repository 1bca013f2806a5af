"""Faults on the Neo4j store, with a server of this suite's own (on free ports) that the tests kill,
stop and restart: the loader killed inside a write transaction, the server restarted or gone
during a load or a read, two loads at once.

After each fault the graph on the server is compared with a clean load of the same files on
the embedded store: every node, every relationship, every property.
"""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from neo4j import GraphDatabase
from policygraph.loader.stores.neo4j import Neo4jStore

from tests.conftest import ROOT

from .cases import (
    NEO4J_CONCURRENT,
    NEO4J_DOWN,
    NEO4J_KILL_FRESH,
    NEO4J_KILL_REPLACE,
    NEO4J_OVERLAPPING,
    NEO4J_REPORT_RESTART,
    NEO4J_RESTARTS,
)
from .support import cli_env, kill, one_error_line, plan_ids, run, start_cli, whole_or_absent
from .support import dump as dump_of

pytestmark = pytest.mark.neo4j


def error_line(proc, out: str, err: str) -> str:
    """The one `Error:` line a failed load prints (the driver's retry warnings stay silent)."""
    return one_error_line(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))


def graph(server) -> dict:
    with Neo4jStore(server.uri) as store:
        return dump_of(store)


def load(server, corpus, *extra: str, **kw):
    return run("load", str(corpus), "--neo4j", *extra, env=cli_env(NEO4J_URI=server.uri), **kw)


def start_load(server, corpus):
    """A load writing one plan per transaction, so a test can act at the nth of them."""
    return start_cli(
        "load", str(corpus), "--neo4j", "--batch-measures", "1", env=cli_env(NEO4J_URI=server.uri)
    )


def others_transactions(driver) -> set[str]:
    records, _, _ = driver.execute_query(
        "SHOW TRANSACTIONS YIELD transactionId, currentQuery "
        "WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS' RETURN transactionId"
    )
    return {r["transactionId"] for r in records}


def at_transaction(server, proc, nth: int, action) -> tuple[bool, int]:
    """Watch the server until the load's `nth` transaction is open, then run `action` at once.

    Returns (whether the action ran while that transaction was open, transactions seen)."""
    seen: set[str] = set()
    with GraphDatabase.driver(server.uri, auth=None) as driver:
        while proc.poll() is None:
            now = others_transactions(driver)
            seen |= now
            if len(seen) >= nth and now:
                action()
                return True, len(seen)
    return False, len(seen)


def settled(server, timeout: float = 60) -> None:
    """Wait until the server has rolled back what a killed client left open."""
    deadline = time.monotonic() + timeout
    with GraphDatabase.driver(server.uri, auth=None) as driver:
        while others_transactions(driver):
            assert time.monotonic() < deadline, "a killed load's transaction is still open"
            time.sleep(0.05)


@pytest.fixture(scope="module")
def neo4j_clean(own_neo4j, clean):
    """A clean load of the corpus on the server equals the clean load on the embedded store."""
    with GraphDatabase.driver(own_neo4j.uri, auth=None) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
    began = time.monotonic()
    result = load(own_neo4j, clean.v1)
    assert result.returncode == 0, result.stderr
    assert graph(own_neo4j) == clean.dump_v1
    return time.monotonic() - began


def kill_at(server, corpus, nth: int) -> tuple[bool, int]:
    for _ in range(4):
        proc = start_load(server, corpus)
        landed, seen = at_transaction(server, proc, nth, lambda p=proc: kill(p))
        if landed:
            return landed, nth
        kill(proc)
        nth = max(1, min(nth, seen) // 2)  # the load was quicker than that: kill earlier
    raise AssertionError("could not catch the load inside a transaction")


@pytest.mark.parametrize("point", range(NEO4J_KILL_FRESH))
def test_kill_during_load(point, neo4j_up, neo4j_clean, clean, record):
    _, nth = kill_at(neo4j_up, clean.v1, 4 + 8 * point)
    settled(neo4j_up)
    after = graph(neo4j_up)
    assert whole_or_absent(after, clean.dump_v1) == []
    rerun = load(neo4j_up, clean.v1)
    assert rerun.returncode == 0, rerun.stderr
    assert graph(neo4j_up) == clean.dump_v1
    record(transaction=nth, plans_after_kill=len(after["Plan"]))


@pytest.mark.parametrize("point", range(NEO4J_KILL_REPLACE))
def test_kill_while_replacing_plans(point, neo4j_up, neo4j_clean, clean, record):
    assert load(neo4j_up, clean.v1).returncode == 0
    _, nth = kill_at(neo4j_up, clean.v2, 6 + 12 * point)
    settled(neo4j_up)
    after = graph(neo4j_up)
    assert whole_or_absent(after, clean.dump_v1, clean.dump_v2) == []
    assert plan_ids(after) == plan_ids(clean.dump_v1), "a stored plan vanished"
    rerun = load(neo4j_up, clean.v2)
    assert rerun.returncode == 0, rerun.stderr
    assert graph(neo4j_up) == clean.dump_v2
    record(transaction=nth, new_versions=sum("第2版" in r[1] for r in after["Plan"]))


@pytest.mark.parametrize("how", ["graceful", "crash"])
def test_server_restart_during_load(how, neo4j_up, neo4j_clean, clean, record):
    assert NEO4J_RESTARTS == 2
    proc = start_load(neo4j_up, clean.v1)

    def restart() -> None:
        neo4j_up.stop() if how == "graceful" else neo4j_up.crash()
        neo4j_up.start()

    began = time.monotonic()
    hit, _ = at_transaction(neo4j_up, proc, 10, restart)
    assert hit, "the load ended before the restart"
    out, err = proc.communicate(timeout=300)
    outcome = "finished by retrying"
    if proc.returncode != 0:
        outcome = error_line(proc, out, err)
    assert whole_or_absent(graph(neo4j_up), clean.dump_v1) == []
    rerun = load(neo4j_up, clean.v1)
    assert rerun.returncode == 0, rerun.stderr
    assert graph(neo4j_up) == clean.dump_v1
    record(how=how, outcome=outcome[:200], seconds=round(time.monotonic() - began, 1))


def test_server_stopped_during_load_and_while_down(neo4j_up, neo4j_clean, clean, record):
    assert NEO4J_DOWN == 3
    proc = start_load(neo4j_up, clean.v1)
    hit, _ = at_transaction(neo4j_up, proc, 10, neo4j_up.stop)
    assert hit, "the load ended before the server stopped"
    began = time.monotonic()
    out, err = proc.communicate(timeout=300)
    waited = time.monotonic() - began
    during = error_line(proc, out, err)
    assert neo4j_up.uri in during and waited < 120
    env = cli_env(NEO4J_URI=neo4j_up.uri)
    report = one_error_line(run("report", "plans", "--neo4j", env=env, timeout=120))
    again = one_error_line(load(neo4j_up, clean.v1, timeout=120))
    for line in (report, again):
        assert line.startswith(f"Error: no Neo4j server answered at {neo4j_up.uri}"), line
    neo4j_up.start()
    rerun = load(neo4j_up, clean.v1)
    assert rerun.returncode == 0, rerun.stderr
    assert graph(neo4j_up) == clean.dump_v1
    record(
        during_load=during,
        seconds_to_fail=round(waited, 1),
        report=report,
        load=again,
    )


READ = """
import sys
from policygraph.loader.errors import PolicygraphError
from policygraph.loader.stores.neo4j import Neo4jStore
store = Neo4jStore(sys.argv[1])
print("started", flush=True)
try:
    print("ok", store.query("UNWIND range(1, 40000000) AS x RETURN sum(x)").rows[0][0])
except PolicygraphError as exc:
    print("error", exc)
"""


def test_server_restart_during_a_read(neo4j_up, record):
    assert NEO4J_REPORT_RESTART == 1
    proc = subprocess.Popen(
        [sys.executable, "-c", READ, neo4j_up.uri],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline() == "started\n"
    time.sleep(1.0)
    assert proc.poll() is None, "the read ended before the server could be killed"
    neo4j_up.crash()
    neo4j_up.start()
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0 and "Traceback" not in err, err
    kind, _, value = out.strip().partition(" ")
    if kind == "ok":
        assert int(value) == 40_000_000 * 40_000_001 // 2
    else:
        assert kind == "error" and neo4j_up.uri in value, out
    record(outcome=out.strip()[:200])


def test_two_loads_at_once(neo4j_up, neo4j_clean, clean, record):
    assert NEO4J_CONCURRENT == 1
    procs = [start_load(neo4j_up, clean.v1) for _ in range(2)]
    outcomes = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        if proc.returncode == 0:
            outcomes.append("finished")
        else:
            line = error_line(proc, out, err)
            outcomes.append(line[:200])
    assert outcomes.count("finished") >= 1, outcomes
    assert whole_or_absent(graph(neo4j_up), clean.dump_v1) == []
    rerun = load(neo4j_up, clean.v1)
    assert rerun.returncode == 0, rerun.stderr
    assert graph(neo4j_up) == clean.dump_v1
    record(outcomes=outcomes)


@pytest.mark.parametrize("trial", range(NEO4J_OVERLAPPING))
def test_overlapping_loads_all_finish(trial, neo4j_up, neo4j_clean, clean, record):
    """Three loads of the same plans at once, one plan per transaction: a load whose batch
    meets a node another load has just created runs the batch again (it deletes its plans
    first), so each finishes; before, two of the three failed on a raw constraint error."""
    procs = [start_load(neo4j_up, clean.v1) for _ in range(3)]
    outcomes = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        outcomes.append((proc.returncode, err.strip()[-300:]))
    assert [code for code, _ in outcomes] == [0, 0, 0], outcomes
    assert graph(neo4j_up) == clean.dump_v1
    record(trial=trial, outcomes=outcomes)
