"""The Neo4j store against a real server: whole loads, idempotence, replacement, errors."""

import dataclasses
import json

import pytest
from policygraph.loader.errors import Neo4jUnavailableError, StoreError
from policygraph.loader.parse import parse_text
from policygraph.loader.stores.neo4j import Neo4jStore, constraint_statements

from tests.conftest import SEED, free_ports
from tests.unit.test_embedded_store import SEED_COUNTS, departments, tiny_plan

pytestmark = pytest.mark.neo4j


def test_load_and_load_again_leaves_counts_unchanged(neo4j_store, seed_plan):
    assert neo4j_store.load(seed_plan).status == "loaded"
    assert neo4j_store.counts() == SEED_COUNTS
    assert neo4j_store.load(seed_plan).status == "unchanged"
    assert neo4j_store.load(seed_plan, force=True).status == "replaced"
    assert neo4j_store.counts() == SEED_COUNTS


def test_constraints_exist_once(neo4j_store, neo4j_server):
    Neo4jStore(**neo4j_server).close()  # a second connection re-runs the constraint statements
    rows = neo4j_store.query(
        "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type "
        "RETURN labelsOrTypes[0] AS label, properties[0] AS key, type ORDER BY label"
    ).rows
    assert rows == [
        ["Commitment", "id", "UNIQUENESS"],
        ["Department", "id", "UNIQUENESS"],
        ["Document", "id", "UNIQUENESS"],
        ["Measure", "id", "UNIQUENESS"],
        ["Plan", "id", "UNIQUENESS"],
        ["PlanVersion", "id", "UNIQUENESS"],
        ["Progress", "id", "UNIQUENESS"],
        ["Theme", "id", "UNIQUENESS"],
    ]
    assert len(constraint_statements()) == len(rows)


def test_reload_of_an_edited_plan_leaves_no_stale_edges(neo4j_store, seed_plan):
    other = parse_text(
        "一、章\n（一）节\n1. 别的计划。（牵头单位：区委组织部。责任单位：区统计局）\n", "other"
    )
    edited = parse_text(
        "一、章\n（一）节\n1. 改过的措施。（牵头单位：区财政局。责任单位：新设局）\n",
        seed_plan.plan.id,
    )
    neo4j_store.load(seed_plan)
    neo4j_store.load(other)
    assert neo4j_store.load(edited).status == "replaced"
    counts = neo4j_store.counts()
    assert (counts["Plan"], counts["Measure"], counts["LEADS"], counts["SUPPORTS"]) == (2, 2, 2, 2)
    names = {r[0] for r in neo4j_store.query("MATCH (d:Department) RETURN d.name").rows}
    assert names == {"区委组织部", "区统计局", "区财政局", "新设局"}


def test_batches_smaller_than_the_plan_still_load_whole(neo4j_server, neo4j_store, seed_plan):
    with Neo4jStore(**neo4j_server, batch_size=7) as small:
        small.load(seed_plan)
    assert neo4j_store.counts() == SEED_COUNTS


def test_hostile_values_stay_values(neo4j_store):
    text = "一、章\n1. 措施'}) DETACH DELETE n //。（牵头单位：区\"局'）\n"
    plan = parse_text(text, "x'}) MATCH (n) DETACH DELETE n //")
    neo4j_store.load(plan)
    assert neo4j_store.query("MATCH (m:Measure) RETURN m.plan, m.text").rows == [
        [plan.plan.id, plan.measures[0].text]
    ]
    assert neo4j_store.counts()["Plan"] == 1


def test_unreachable_server_is_a_clear_error():
    with pytest.raises(
        Neo4jUnavailableError,
        match=r"no Neo4j server answered at "
        r"bolt://127.0.0.1:1 .*policygraph neo4j start",
    ):
        Neo4jStore("bolt://127.0.0.1:1")


def test_missing_database_is_a_clear_error(neo4j_server):
    settings = {**neo4j_server, "database": "nosuchdb"}
    with pytest.raises(Neo4jUnavailableError, match="has no database 'nosuchdb'"):
        Neo4jStore(**settings)


def test_cli_neo4j_answers_like_the_embedded_store(cli, neo4j_store, neo4j_server, store_path):
    env = {"NEO4J_URI": neo4j_server["uri"]}
    for _ in range(2):
        loaded = cli("load", str(SEED), "--neo4j", env=env)
        assert loaded.returncode == 0, loaded.stderr
    assert neo4j_store.counts() == SEED_COUNTS
    cli("load", str(SEED), "--store", str(store_path))
    from_neo4j = cli("report", "department-workload", "--neo4j", "--format", "json", env=env)
    embedded = cli("report", "department-workload", "--store", str(store_path), "--format", "json")
    assert from_neo4j.stdout == embedded.stdout
    assert json.loads(from_neo4j.stdout)[0]["department"] == "区委组织部"


def test_cli_unreachable_server_error_line(cli):
    result = cli(
        "report",
        "department-workload",
        "--neo4j",
        "--uri",
        "bolt://127.0.0.1:1",
        env={"NEO4J_PASSWORD": "s3cret-pw"},
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        "Error: no Neo4j server answered at bolt://127.0.0.1:1"
    )
    assert "s3cret-pw" not in result.stderr + result.stdout


# -- load_many: many plans per transaction, same guarantees as one plan at a time ---------------
def test_load_many_equals_loading_one_by_one(neo4j_store, seed_plan):
    others = [tiny_plan(f"p{i}", "区委组织部", f"局{i}") for i in range(5)]
    for p in [seed_plan, *others]:
        neo4j_store.load(p)
    expected = neo4j_store.counts()
    for batch_measures in (1, 100_000):
        neo4j_store._write("MATCH (n) DETACH DELETE n")
        results = neo4j_store.load_many([seed_plan, *others], batch_measures=batch_measures)
        assert [r.status for r in results] == ["loaded"] * 6
        assert neo4j_store.counts() == expected
    assert expected["Department"] == 26 + 5  # 区委组织部 is named by every plan, stored once


def test_load_many_skips_unchanged_and_replaces_changed(neo4j_store, seed_plan):
    a, b = tiny_plan("a", "区财政局", "甲局"), tiny_plan("b", "区财政局", "乙局")
    b2 = tiny_plan("b", "区财政局", "丙局", text="改过的措施")
    neo4j_store.load_many([seed_plan, a, b])
    results = neo4j_store.load_many([seed_plan, a, b2])
    assert [r.status for r in results] == ["unchanged", "unchanged", "replaced"]
    assert "乙局" not in departments(neo4j_store)
    assert {"甲局", "丙局"} <= departments(neo4j_store)
    assert neo4j_store.counts()["Measure"] == 42 + 2
    assert [r.status for r in neo4j_store.load_many([a], force=True)] == ["replaced"]
    assert neo4j_store.counts()["Measure"] == 42 + 2


def test_load_many_same_plan_twice_keeps_the_later_version(neo4j_store):
    first = tiny_plan("x", "区财政局", "甲局")
    second = tiny_plan("x", "区财政局", "乙局", text="第二版")
    results = neo4j_store.load_many([first, second])
    assert [r.status for r in results] == ["loaded", "replaced"]
    assert departments(neo4j_store) == {"区财政局", "乙局"}
    assert neo4j_store.query("MATCH (m:Measure) RETURN m.text").rows == [["第二版。"]]


def test_load_many_failed_batch_writes_none_of_its_plans(neo4j_store, seed_plan):
    good = tiny_plan("good", "区财政局", "甲局")
    broken = tiny_plan("broken", "区财政局", "乙局")
    broken.assignments = [
        *broken.assignments,
        dataclasses.replace(broken.assignments[0], measure="broken/none"),
    ]
    neo4j_store.load(seed_plan)
    before = neo4j_store.counts()
    with pytest.raises(StoreError, match=r"loading 2 plans \(good … broken\) failed and "):
        neo4j_store.load_many([good, broken])
    assert neo4j_store.counts() == before
    with pytest.raises(StoreError, match="loading broken failed and nothing was written"):
        neo4j_store.load_many([good, broken], batch_measures=1)
    assert neo4j_store.counts()["Plan"] == 2


@pytest.fixture(scope="module")
def auth_server(tmp_path_factory, neo4j_server):
    """A second local server with auth on (user neo4j), on ports of its own."""
    from policygraph import neo4j_server as local

    home = tmp_path_factory.mktemp("neo4j-auth")
    bolt, http = free_ports(2)
    info = local.start(home, bolt_port=bolt, http_port=http, progress=lambda _: None, auth=True)
    yield info
    local.stop(home)


def test_refused_credentials_are_a_clear_error_without_the_password(auth_server, cli):
    with pytest.raises(Neo4jUnavailableError, match=r"refused the credentials of user 'neo4j'"):
        Neo4jStore(auth_server.bolt_uri, "neo4j", "wrong-password-123")
    result = cli(
        "report",
        "department-workload",
        "--neo4j",
        "--uri",
        auth_server.bolt_uri,
        env={"NEO4J_PASSWORD": "wrong-password-123"},
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: Neo4j at {auth_server.bolt_uri} refused the credentials of user 'neo4j'; set "
        "NEO4J_USERNAME and NEO4J_PASSWORD (the password is read only from the environment)."
    ]
    assert "wrong-password-123" not in result.stdout + result.stderr


def test_a_database_of_departments_without_a_place_is_refused(neo4j_store, neo4j_server):
    neo4j_store._write("CREATE (:Department {name: '区发改局', kind: 'government'})")
    try:
        with pytest.raises(StoreError, match="written by another version of policygraph"):
            Neo4jStore(**neo4j_server)
    finally:
        neo4j_store._write("MATCH (n) DETACH DELETE n")  # later tests connect again


def test_the_api_opens_neo4j_by_its_uri_and_answers_as_the_embedded_store(
    neo4j_store, neo4j_server, tmp_path
):
    import policygraph as pg

    options = {k: v for k, v in neo4j_server.items() if k != "uri"}
    with pg.open_store(neo4j_server["uri"], **options) as graph:
        assert type(graph).__name__ == "Neo4jStore"
        assert [r.status for r in pg.load(graph, [pg.SAMPLE_PLAN])] == ["loaded"]
        remote = pg.run_report(graph, "department-workload")
    with pg.open_store(tmp_path / "g.lbug") as graph:
        pg.load(graph, [pg.SAMPLE_PLAN])
        local = pg.run_report(graph, "department-workload")
    assert remote.rows == local.rows and remote.rows[0][0] == "区委组织部"


def test_query_table_returns_the_rows_of_query_in_order_across_chunks(neo4j_store):
    from policygraph.loader.stores.neo4j import TABLE_CHUNK_ROWS

    n = TABLE_CHUNK_ROWS * 2 + 7  # three chunks, the last one short
    cypher = (
        "UNWIND range(1, $n) AS i RETURN i % 5 AS `odd name`, 'x' + toString(i) AS label, "
        "[i, i * 2] AS pair ORDER BY `odd name` DESC, i"
    )
    plain = neo4j_store.query(cypher, {"n": n})
    table = neo4j_store.query_table(cypher, {"n": n})
    assert table.columns == plain.columns == ["odd name", "label", "pair"]
    assert table.rows == plain.rows and len(table.rows) == n
    assert table.rows[0] == [4, "x4", [4, 8]]
    assert neo4j_store.query_table(cypher, {"n": 0}).rows == []


def test_query_table_of_a_bad_query_raises_the_query_s_own_error(neo4j_store):
    with pytest.raises(StoreError, match="Neo4j rejected the query") as caught:
        neo4j_store.query_table("RETURN 1 AS one, nosuchvariable AS two")
    assert "nosuchvariable" in str(caught.value)
