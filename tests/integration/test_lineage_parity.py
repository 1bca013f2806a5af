"""Lineage gives identical answers on every store: the bundled plan's cited documents, the real
district plan implementing the real city plan (tests/fixtures/lineage), its measure matches and
the three lineage reports, loaded in either order."""

from pathlib import Path

import pytest
from policygraph.loader.parse import parse_file
from policygraph.loader.stores import ENGINES, open_store
from policygraph.queries import run_report

from tests.conftest import REFERENCE, empty_store, other_engines
from tests.unit.test_lineage import EXPECTED_PAIRS, UNIMPLEMENTED_PARENT

pytestmark = pytest.mark.neo4j

LINEAGE = Path(__file__).parents[1] / "fixtures" / "lineage"
OTHERS = other_engines()
RAW = {
    "documents": "MATCH (d:Document) RETURN d.id, d.title, d.number, d.issuer, d.level",
    "cites": "MATCH (s)-[c:CITES]->(d:Document) RETURN s.id, d.id, c.kind ORDER BY s.id, d.id",
    "implements": "MATCH (a:Plan)-[r:IMPLEMENTS]->(b:Plan) RETURN a.id, b.id, r.by, r.document",
    "matches": "MATCH (c:Measure)-[r:CARRIES_OUT]->(p:Measure) RETURN c.id, p.id, r.score, "
    "r.text_score, r.shared, r.departments ORDER BY c.id, p.id",
    "numbers": "MATCH (p:Plan) RETURN p.id, p.number ORDER BY p.id",
}
REPORTS = [
    ("lineage", {"plan": "guandu"}),
    ("lineage", {"plan": "kunming"}),
    ("lineage", {"plan": "ziliujing_talent_plan"}),
    ("implemented-measures", {}),
    ("implemented-measures", {"plan": "kunming"}),
    ("unimplemented-measures", {}),
]


@pytest.fixture(scope="module", params=["city-first", "county-first"])
def stores(tmp_path_factory, request, seed_plan):
    city = parse_file(LINEAGE / "yunnan-kunming-2016-growth.txt", "kunming")
    county = parse_file(LINEAGE / "yunnan-guandu-2016-growth.txt", "guandu")
    order = (
        [seed_plan, city, county] if request.param == "city-first" else [county, seed_plan, city]
    )
    opened = {}
    for engine in ENGINES:
        folder = tmp_path_factory.mktemp(f"lineage-{engine}")
        target, options = empty_store(engine, request, folder)
        with open_store(target, **options) as store:
            for plan in order:  # one load each: the link is made when the second arrives
                store.load(plan)
        opened[engine] = open_store(target, read_only=True, **options)
    yield opened
    for store in opened.values():
        store.close()


@pytest.mark.parametrize("engine", OTHERS)
@pytest.mark.parametrize("what", list(RAW))
def test_the_stored_lineage_is_the_same_on_every_store(stores, engine, what):
    left = stores[REFERENCE].query(RAW[what]).rows
    right = stores[engine].query(RAW[what]).rows
    assert left and sorted(map(repr, left)) == sorted(map(repr, right))


@pytest.mark.parametrize("engine", OTHERS)
@pytest.mark.parametrize(("name", "params"), REPORTS)
def test_lineage_reports_give_the_same_rows_on_every_store(stores, engine, name, params):
    left = run_report(stores[REFERENCE], name, params)
    right = run_report(stores[engine], name, params)
    assert left.columns == right.columns
    assert left.rows and left.rows == right.rows


def test_every_store_gives_the_hand_checked_answers(stores):
    for store in stores.values():
        pairs = run_report(store, "implemented-measures", {}).records()
        assert {(r["child_measure"], r["parent_measure"]) for r in pairs} == EXPECTED_PAIRS
        missing = run_report(store, "unimplemented-measures", {}).records()
        assert [r["measure"] for r in missing] == UNIMPLEMENTED_PARENT
        titles = {
            r["title"]
            for r in run_report(store, "lineage", {"plan": "ziliujing_talent_plan"}).records()
        }
        assert "关于深化人才发展体制机制改革推动振兴发展的实施意见" in titles
