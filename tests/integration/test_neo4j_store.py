"""The Neo4j store against a real server: whole loads, idempotence, replacement, errors."""

import json

import pytest

from loader.errors import Neo4jUnavailableError
from loader.parse import parse_text
from loader.stores.neo4j import Neo4jStore, constraint_statements
from tests.conftest import SEED
from tests.unit.test_embedded_store import SEED_COUNTS

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
        ["Department", "name", "UNIQUENESS"],
        ["Measure", "id", "UNIQUENESS"],
        ["Plan", "id", "UNIQUENESS"],
        ["Theme", "id", "UNIQUENESS"],
    ]
    assert len(constraint_statements()) == 5


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
