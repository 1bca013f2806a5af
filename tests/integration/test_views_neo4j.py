"""Every view is the same page, byte for byte, whichever store in the registry it is read from."""

import pytest
from policygraph.loader.stores import ENGINES, open_store
from policygraph.loader.versions import stamped

from policygraph import view_page, views
from tests.conftest import REFERENCE, empty_store, other_engines
from tests.fixtures.hostile import HOSTILE_NAMES, hostile_plan

pytestmark = pytest.mark.neo4j

CASES = [
    ("ziliujing_talent_plan", "overview", {}),
    ("ziliujing_talent_plan", "department", {"department": "区委组织部"}),
    ("ziliujing_talent_plan", "theme", {"theme": "2"}),
    ("ziliujing_talent_plan", "theme", {"theme": "1.7"}),
    ("ziliujing_talent_plan", "coordination", {}),
    ("ziliujing_talent_plan", "ego", {"department": "区委组织部"}),
    ("ziliujing_talent_plan", "plans", {"jurisdiction": "自流井区"}),
    ("hostile", "overview", {}),
    ("hostile", "department", {"department": HOSTILE_NAMES[0]}),
    ("hostile", "ego", {"department": HOSTILE_NAMES[0]}),
    ("hostile", "coordination", {}),
]


OTHERS = other_engines()  # each compared with the REFERENCE engine


@pytest.fixture(scope="module")
def stores(tmp_path_factory, request, seed_plan):
    opened = {}
    for engine in ENGINES:
        folder = tmp_path_factory.mktemp(f"views-parity-{engine}")
        target, options = empty_store(engine, request, folder)
        with open_store(target, **options) as store:
            # one load time on every store: read_plan gives it back with the plan
            store.load(stamped(seed_plan, 1, "2024-01-02T03:04:05Z"))
            store.load(stamped(hostile_plan(), 1, "2024-01-02T03:04:05Z"))
        opened[engine] = open_store(target, read_only=True, **options)
    yield opened
    for store in opened.values():
        store.close()


@pytest.mark.parametrize("engine", OTHERS)
@pytest.mark.parametrize(("plan", "name", "kwargs"), CASES)
def test_same_page_from_every_store(stores, engine, plan, name, kwargs):
    plan = None if name == "plans" else plan  # the plans view draws every plan of a place
    left = views.build_view(stores[REFERENCE], name, plan=plan, **kwargs)
    right = views.build_view(stores[engine], name, plan=plan, **kwargs)
    assert (left.node_count, left.edge_count) == (right.node_count, right.edge_count)
    assert left.node_count > 0
    assert view_page.render_html(left) == view_page.render_html(right)


@pytest.mark.parametrize("engine", OTHERS)
@pytest.mark.parametrize("plan", ["ziliujing_talent_plan", "hostile"])
def test_a_plan_reads_back_the_same_from_every_store(stores, engine, plan):
    from policygraph.loader.stores.read import read_plan

    left, right = read_plan(stores[REFERENCE], plan), read_plan(stores[engine], plan)
    assert left == right and len(left.assignments) > 0 and left.plan.id == plan


@pytest.mark.parametrize("engine", OTHERS)
def test_the_network_and_its_communities_are_the_same_from_every_store(stores, engine):
    from policygraph import analytics

    left, right = (
        analytics.build_network(stores[REFERENCE]),
        analytics.build_network(stores[engine]),
    )
    assert list(left.nodes(data=True)) == list(right.nodes(data=True))
    assert list(left.edges(data=True)) == list(right.edges(data=True))
    assert analytics.find_communities(left) == analytics.find_communities(right)
    assert len(analytics.find_communities(left)) > 1
