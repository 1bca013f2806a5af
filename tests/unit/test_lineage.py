"""Lineage on the embedded store: cited documents, IMPLEMENTS links whichever plan is loaded
first, and the measures of a real district plan matched to the city plan's it carries out.

The fixtures (tests/fixtures/lineage) are 昆明市's 稳增长促发展若干政策措施 (昆政发〔2016〕13号) and
官渡区's, whose preamble cites it by title and 文号. The expected pairs were written by hand from
the texts before the matcher was run: 官渡 1 (精简项目审批手续, 区政务服务局 leads) carries out 昆明
1 (简化项目审批手续, 市政务服务局 leads); 官渡 2 (提高土地审批效率, the same 6亩 rule) carries out
昆明 3; 官渡 3 (环评审批) and 4 (项目谋划储备) carry out nothing in the excerpt of 昆明, whose 2
(规划审批) no 官渡 measure takes up.
"""

from pathlib import Path

import pytest
from policygraph.loader.parse import parse_file
from policygraph.loader.stores import open_store
from policygraph.queries import run_report

FIXTURES = Path(__file__).parents[1] / "fixtures" / "lineage"
CITY = FIXTURES / "yunnan-kunming-2016-growth.txt"
COUNTY = FIXTURES / "yunnan-guandu-2016-growth.txt"
EXPECTED_PAIRS = {(1, 1), (2, 3)}  # (官渡 measure, 昆明 measure), by hand
UNMATCHED_CHILD = {3, 4}
UNIMPLEMENTED_PARENT = [2]


@pytest.fixture(scope="module")
def plans():
    return {"kunming": parse_file(CITY, "kunming"), "guandu": parse_file(COUNTY, "guandu")}


def load(path, plans, order):
    with open_store(str(path)) as store:
        for plan_id in order:
            store.load(plans[plan_id])
    return open_store(str(path), read_only=True)


def test_the_bundled_plan_cites_the_city_opinion_as_a_document(seed_store_file):
    with open_store(str(seed_store_file), read_only=True) as store:
        rows = store.query(
            "MATCH (p:Plan)-[c:CITES]->(d:Document) "
            "RETURN d.title, d.number, d.issuer, d.level, c.kind ORDER BY d.title"
        ).rows
    assert [
        "关于深化人才发展体制机制改革推动振兴发展的实施意见",
        None,
        "市委、市政府",
        "市",
        "basis",
    ] in rows
    # measure 24 is to draft its 意见: the measure cites it, as a document to draft
    with open_store(str(seed_store_file), read_only=True) as store:
        drafts = store.query(
            "MATCH (m:Measure)-[c:CITES]->(d:Document) RETURN m.number, d.title, c.kind"
        ).rows
    assert drafts == [[24, "鼓励科技人员创办（领办）科技型企业试点的意见", "drafts"]]


def test_the_city_plan_records_its_own_number_and_the_county_cites_it(plans):
    assert plans["kunming"].plan.number == "昆政发〔2016〕13号"
    assert plans["guandu"].plan.number == ""
    assert [(d.id, d.issuer, d.level) for d in plans["guandu"].documents] == [
        ("昆政发〔2016〕13号", "昆明市人民政府", "市")
    ]


@pytest.mark.parametrize("order", [("kunming", "guandu"), ("guandu", "kunming")])
def test_the_county_plan_implements_the_city_plan_whichever_is_loaded_first(tmp_path, plans, order):
    with load(tmp_path / "s.lbug", plans, order) as store:
        links = store.query("MATCH (a:Plan)-[r:IMPLEMENTS]->(b:Plan) RETURN a.id, b.id, r.by").rows
        pairs = store.query(
            "MATCH (c:Measure)-[r:CARRIES_OUT]->(p:Measure) RETURN c.number, p.number, r.score"
        ).rows
    assert links == [["guandu", "kunming", "number"]]
    assert {(c, p) for c, p, _ in pairs} == EXPECTED_PAIRS
    assert not UNMATCHED_CHILD & {c for c, _, _ in pairs}


def test_implemented_measures_explains_each_match_with_shared_words(tmp_path, plans):
    with load(tmp_path / "s.lbug", plans, ("kunming", "guandu")) as store:
        rows = run_report(store, "implemented-measures", {}).records()
        missing = run_report(store, "unimplemented-measures", {}).records()
    by_pair = {(r["child_measure"], r["parent_measure"]): r for r in rows}
    assert set(by_pair) == EXPECTED_PAIRS
    first = by_pair[(1, 1)]
    assert "加快推进网上审批" in first["shared_words"]
    assert "政务服务局" in first["shared_departments"]
    assert "6亩以下" in by_pair[(2, 3)]["shared_words"]
    assert all(r["score"] > 0 and r["shared_words"] for r in rows)
    assert [r["measure"] for r in missing] == UNIMPLEMENTED_PARENT


def test_replacing_the_parent_plan_keeps_the_link(tmp_path, plans):
    with open_store(str(tmp_path / "s.lbug")) as store:
        store.load(plans["kunming"])
        store.load(plans["guandu"])
        store.load(plans["kunming"], force=True)  # written again: its measures are new nodes
        links = store.query("MATCH (a:Plan)-[:IMPLEMENTS]->(b:Plan) RETURN a.id, b.id").rows
        pairs = store.query("MATCH (c:Measure)-[:CARRIES_OUT]->(p:Measure) RETURN count(*)").rows
        documents = store.query("MATCH (d:Document) RETURN count(d)").rows
    assert links == [["guandu", "kunming"]]
    assert pairs == [[len(EXPECTED_PAIRS)]]
    assert documents == [[1]]


def test_lineage_report_gives_the_chain_up_and_down(tmp_path, plans):
    with load(tmp_path / "s.lbug", plans, ("guandu", "kunming")) as store:
        up = run_report(store, "lineage", {"plan": "guandu"}).records()
        down = run_report(store, "lineage", {"plan": "kunming"}).records()
    assert [(r["direction"], r["depth"], r["plan"], r["number"]) for r in up] == [
        ("up", 1, "kunming", "昆政发〔2016〕13号")
    ]
    assert [(r["direction"], r["depth"], r["plan"]) for r in down] == [("down", 1, "guandu")]
