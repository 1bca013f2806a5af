"""`policygraph neo4j import` (Neo4j's offline importer) gives the same graph, and the same
answer to every report, as `load` over Bolt of the same files."""

import json
import shutil
import socket

import pytest
from policygraph.loader.errors import ReportError
from policygraph.loader.stores import open_store
from policygraph.queries import run_report

from policygraph import neo4j_server
from tests.conftest import SEED, empty_store, run_cli
from tests.integration.test_lineage_parity import LINEAGE
from tests.integration.test_parity import DISTRICT_PLAN, SECOND_PLAN, UNKNOWN_PLAN, cases

pytestmark = pytest.mark.neo4j

GRAPH = (
    "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props",
    "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS a, b.id AS b, properties(r) AS props",
)


QUOTES_PLAN = """\
一、章
1. 措施"引号"，逗号, 和'单引号'
续行文字。（牵头单位：区委组织部。责任单位：区统计局、"某"中心）
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def plan_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plans")
    shutil.copy(SEED, folder / SEED.name)
    (folder / "second.txt").write_text(SECOND_PLAN, encoding="utf-8")
    (folder / "daan.txt").write_text(DISTRICT_PLAN.format(place="自贡市大安区"), encoding="utf-8")
    (folder / "gongjing.txt").write_text(DISTRICT_PLAN.format(place="贡井区"), encoding="utf-8")
    (folder / "nowhere.txt").write_text(UNKNOWN_PLAN, encoding="utf-8")
    # quotes and commas in a measure, the CSV files' own characters, stay text
    (folder / "quotes.txt").write_text(QUOTES_PLAN, encoding="utf-8")
    # a real district plan implementing a real city plan: documents, citations, and the
    # IMPLEMENTS and CARRIES_OUT edges a load computes from the stored graph
    shutil.copy(LINEAGE / "yunnan-kunming-2016-growth.txt", folder / "kunming.txt")
    shutil.copy(LINEAGE / "yunnan-guandu-2016-growth.txt", folder / "guandu.txt")
    return folder


@pytest.fixture(scope="module")
def both(tmp_path_factory, request, plan_files):
    """The files loaded over Bolt into the test server, and imported into a new local home
    by two worker processes (tests/unit/test_neo4j_import_files.py: the same rows as one)."""
    target, options = empty_store("neo4j", request, tmp_path_factory.mktemp("bolt"))
    loaded = run_cli("load", str(plan_files), "--store", target)
    assert loaded.returncode == 0, loaded.stderr
    home = tmp_path_factory.mktemp("import-home")
    ports = [str(free_port()), str(free_port())]
    out = run_cli(
        "neo4j", "import", str(plan_files), "--home", str(home),
        "--bolt-port", ports[0], "--http-port", ports[1], "--workers", "2",
        "--page-cache", "96", "--heap", "768",
    )  # fmt: skip
    try:
        assert out.returncode == 0, out.stderr
        assert "imported 8 plans into Neo4j" in out.stdout
        bolt = open_store(target, read_only=True, **options)
        imported = open_store(f"bolt://127.0.0.1:{ports[0]}", read_only=True)
        yield bolt, imported, home, ports
        bolt.close()
        imported.close()
    finally:
        neo4j_server.stop(home)


def test_the_import_holds_the_same_nodes_and_edges_with_the_same_properties(both):
    bolt, imported, _, _ = both
    counts = imported.counts()
    assert counts["Document"] and counts["CITES"] and counts["IMPLEMENTS"] == 1
    assert counts["CARRIES_OUT"]
    for cypher in GRAPH:
        left = sorted(
            json.dumps(r, ensure_ascii=False, sort_keys=True) for r in _records(bolt, cypher)
        )
        right = sorted(
            json.dumps(r, ensure_ascii=False, sort_keys=True) for r in _records(imported, cypher)
        )
        assert left and left == right


def test_the_imported_server_runs_with_the_memory_given(both):
    _, imported, _, _ = both
    settings = dict(
        imported.query(
            "CALL dbms.listConfig() YIELD name, value WHERE name IN "
            "['server.memory.pagecache.size', 'dbms.memory.transaction.total.max'] "
            "RETURN name, value"
        ).rows
    )
    assert settings["server.memory.pagecache.size"] == "96.00MiB"
    assert settings["dbms.memory.transaction.total.max"] == "537.60MiB"  # 70 % of 768 MB


def test_the_import_has_the_constraints_and_indexes_of_a_bolt_load(both):
    bolt, imported, _, _ = both
    show = "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state RETURN * ORDER BY name"
    left, right = bolt.query(show).rows, imported.query(show).rows
    assert right == left and {row[-1] for row in right} == {"ONLINE"}
    assert any(row[0] == "measure_id" for row in right)  # the uniqueness constraint's index


@pytest.mark.parametrize(("name", "params"), list(cases()))
def test_every_report_gives_the_same_rows_after_import_as_after_a_bolt_load(both, name, params):
    bolt, imported, _, _ = both
    assert _answer(imported, name, params) == _answer(bolt, name, params)


def test_importing_into_a_home_that_holds_a_graph_is_refused(both, plan_files):
    _, imported, home, ports = both
    before = imported.counts()
    out = run_cli(
        "neo4j", "import", str(plan_files), "--home", str(home),
        "--bolt-port", ports[0], "--http-port", ports[1], "--workers", "2",
    )  # fmt: skip
    assert out.returncode == 1
    assert out.stderr.startswith(f"Error: the Neo4j database in {home} already holds a graph (")
    assert "policygraph load FILES --neo4j --uri" in out.stderr
    assert imported.counts() == before
    # stopped, the database is asked by starting it; it is refused alike and stopped again
    neo4j_server.stop(home)
    out = run_cli(
        "neo4j", "import", str(plan_files), "--home", str(home),
        "--bolt-port", ports[0], "--http-port", ports[1], "--workers", "2",
    )  # fmt: skip
    assert out.returncode == 1
    assert out.stderr.splitlines()[-1].startswith(
        f"Error: the Neo4j database in {home} already holds a graph ("
    )
    assert neo4j_server.status(home) is None


def _timeless(value):
    """`value` with every `loaded_at` (when each load ran: they differ) as whether it is set."""
    if isinstance(value, dict):
        return {k: bool(v) if k == "loaded_at" else _timeless(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_timeless(v) for v in value]
    return value


def _records(store, cypher):
    result = store.query(cypher)
    return [_timeless(dict(zip(result.columns, row, strict=True))) for row in result.rows]


def _answer(store, name, params):
    try:
        result = run_report(store, name, params)
    except ReportError as exc:
        return str(exc)
    return result.columns, [
        list(_timeless(dict(zip(result.columns, row, strict=True))).values()) for row in result.rows
    ]
