"""Every view is the same page, byte for byte, whichever store it is read from."""

import pytest
from policygraph.loader.stores.embedded import EmbeddedStore

from policygraph import view_page, views
from tests.fixtures.hostile import HOSTILE_NAMES, hostile_plan

pytestmark = pytest.mark.neo4j

CASES = [
    ("ziliujing_talent_plan", "overview", {}),
    ("ziliujing_talent_plan", "department", {"department": "区委组织部"}),
    ("ziliujing_talent_plan", "theme", {"theme": "2"}),
    ("ziliujing_talent_plan", "theme", {"theme": "1.7"}),
    ("ziliujing_talent_plan", "coordination", {}),
    ("hostile", "overview", {}),
    ("hostile", "department", {"department": HOSTILE_NAMES[0]}),
    ("hostile", "coordination", {}),
]


@pytest.fixture(scope="module")
def both_stores(tmp_path_factory, neo4j_server, seed_plan):
    from policygraph.loader.stores.neo4j import Neo4jStore

    neo = Neo4jStore(**neo4j_server)
    neo._write("MATCH (n) DETACH DELETE n")
    embedded = EmbeddedStore(tmp_path_factory.mktemp("views-parity") / "graph.lbug")
    for store in (neo, embedded):
        store.load(seed_plan)
        store.load(hostile_plan())
    yield embedded, neo
    embedded.close()
    neo.close()


@pytest.mark.parametrize(("plan", "name", "kwargs"), CASES)
def test_same_page_from_both_stores(both_stores, plan, name, kwargs):
    embedded, neo = both_stores
    left = views.build_view(embedded, name, plan=plan, **kwargs)
    right = views.build_view(neo, name, plan=plan, **kwargs)
    assert (left.node_count, left.edge_count) == (right.node_count, right.edge_count)
    assert left.node_count > 0
    assert view_page.render_html(left) == view_page.render_html(right)


@pytest.mark.parametrize("plan", ["ziliujing_talent_plan", "hostile"])
def test_a_plan_reads_back_the_same_from_both_stores(both_stores, plan):
    from policygraph.loader.stores.read import read_plan

    embedded, neo = both_stores
    left, right = read_plan(embedded, plan), read_plan(neo, plan)
    assert left == right and len(left.assignments) > 0 and left.plan.id == plan


def test_the_network_and_its_communities_are_the_same_from_both_stores(both_stores):
    from policygraph import analytics

    embedded, neo = both_stores
    left, right = analytics.build_network(embedded), analytics.build_network(neo)
    assert list(left.nodes(data=True)) == list(right.nodes(data=True))
    assert list(left.edges(data=True)) == list(right.edges(data=True))
    assert analytics.find_communities(left) == analytics.find_communities(right)
    assert len(analytics.find_communities(left)) > 1
