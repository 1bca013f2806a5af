"""Every report gives identical rows, in identical order, on Neo4j and on the embedded store."""

import pytest

from loader.parse import parse_text
from loader.stores.embedded import EmbeddedStore
from queries import catalogue, run_report

pytestmark = pytest.mark.neo4j

SECOND_PLAN = """\
某市人才工作要点
一、总体要求
（一）加强统筹
1. 统筹推进人才工作。（牵头单位：区委组织部、区财政局。责任单位：区教育局、区人社局）
2. 完善统计制度，每年发布1次。（牵头单位：区统计局。责任单位：区委组织部、自贡某某科技有限公司）
"""


@pytest.fixture(scope="module")
def both_stores(tmp_path_factory, neo4j_server, seed_plan):
    from loader.stores.neo4j import Neo4jStore

    second = parse_text(SECOND_PLAN, "second")
    neo = Neo4jStore(**neo4j_server)
    neo._write("MATCH (n) DETACH DELETE n")
    embedded = EmbeddedStore(tmp_path_factory.mktemp("parity") / "graph.lbug")
    for store in (neo, embedded):
        store.load(seed_plan)
        store.load(second)
    yield embedded, neo
    embedded.close()
    neo.close()


def cases():
    for report in catalogue().values():
        yield pytest.param(report.name, report.example_params(), id=f"{report.name}-example")
        if any(p.name == "plan" for p in report.params):
            params = {**report.example_params(), "plan": "second"}
            yield pytest.param(report.name, params, id=f"{report.name}-plan")


@pytest.mark.parametrize(("name", "params"), list(cases()))
def test_same_rows_on_both_stores(both_stores, name, params):
    embedded, neo = both_stores
    left = run_report(embedded, name, params)
    right = run_report(neo, name, params)
    assert left.columns == right.columns
    assert left.rows == right.rows
    if "plan" not in params or params["plan"] != "second":
        assert left.rows, f"{name} returned no rows; pick better examples"
