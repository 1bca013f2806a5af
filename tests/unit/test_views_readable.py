"""Views that stay readable (#15): filters as options and in the page, the ego view, the plans
view across a jurisdiction, and the page's own words in the plan's language. What a person
sees of them in a browser is checked in tests/browser/test_views_browser.py."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from policygraph.loader.errors import ViewError
from policygraph.loader.parse import parse_text
from policygraph.loader.stores.embedded import EmbeddedStore

from policygraph import view_page, view_text, views
from policygraph.view_scopes import EGO_PARTNERS, ego_view
from tests.unit import test_views
from tests.unit.test_views import page_data

PAGE_DIR = Path(view_page.__file__).parent / "data"
seed_store = test_views.seed_store  # the bundled plan in a store, as test_views has it

SECOND_PLAN = """\
自流井区关于推进科技创新的实施方案
一、创新平台
（一）建设平台
1. 建设科技创新平台。（牵头单位：区科技经信局。责任单位：区委组织部、区档案局）
2. 引进研发机构。（牵头单位：区科技经信局、区财政局）
"""
OTHER_PLACE = """\
贡井区关于优化营商环境的实施方案
一、营商环境
1. 优化审批。（牵头单位：区行政审批局。责任单位：区发改局）
"""


@pytest.fixture(scope="module")
def three_plans(tmp_path_factory, seed_plan):
    path = tmp_path_factory.mktemp("plans") / "graph.lbug"
    with EmbeddedStore(path) as graph:
        graph.load(seed_plan)
        graph.load(parse_text(SECOND_PLAN, "second"))
        graph.load(parse_text(OTHER_PLACE, "other"))
    with EmbeddedStore(path, read_only=True) as graph:
        yield graph


def shared_with(plan, department: str) -> Counter:
    """Partner -> measures it shares with `department`, counted from the parsed plan."""
    own = {a.measure for a in plan.assignments if a.department == department}
    pairs = {(a.department, a.measure) for a in plan.assignments if a.measure in own}
    return Counter(d for d, _ in pairs if d != department)


def test_the_ego_view_is_small_where_the_department_view_is_most_of_the_plan(seed_plan):
    overview = views.overview(seed_plan)
    department = views.department_view(seed_plan, "区委组织部")
    assert (department.node_count, overview.node_count) == (62, 68)
    ego = ego_view(seed_plan, "区委组织部")
    partners = shared_with(seed_plan, "区委组织部")
    chapters = {m.theme.split("/")[1] for m in seed_plan.measures if m.id in {
        a.measure for a in seed_plan.assignments if a.department == "区委组织部"}}  # fmt: skip
    assert ego.node_count == 1 + len(chapters) + EGO_PARTNERS == 18
    top3 = ego_view(seed_plan, "区委组织部", partners=3)
    shown = {n["label"] for n in top3.net.nodes if n["id"].startswith("d:")}
    most = sorted(partners.values(), reverse=True)
    assert len(shown) == 4 and "区委组织部" in shown
    assert sorted((partners[d] for d in shown - {"区委组织部"}), reverse=True) == most[:3]
    chapter_nodes = [n for n in ego.net.nodes if n["id"].startswith("c:")]
    assert sum(n["value"] for n in chapter_nodes) == 36  # every measure, one node per chapter


def test_the_ego_view_of_a_2000_node_plan_stays_small():
    plan = parse_text(_big_text(), "big")
    busiest = Counter(a.department for a in plan.assignments).most_common(1)[0][0]
    assert views.overview(plan).node_count > 1900
    ego = ego_view(plan, busiest)
    assert ego.node_count <= 1 + 10 + EGO_PARTNERS


def _big_text() -> str:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from bench.generator import iter_plans

    return next(iter_plans(1900, plan_measures=1900, seed=11))[1]


def test_the_options_are_where_the_page_controls_start(seed_store, seed_plan):
    filters = views.Filters(chapter="2.1", kind="party", hide_supports=True, top=5)
    view = views.build_view(seed_store, "overview", filters=filters)
    html = view_page.render_html(view)
    data = page_data(html)
    assert data["filters"] == {
        "chapter": "2.1",
        "kind": "party",
        "hide_supports": True,
        "min_shared": 1,
        "top": 5,
        "measures": "each",  # auto: one node per measure when the browser lays the view out
    }
    assert '<option value="2.1" selected>（一）分类推进人才评价机制改革</option>' in html
    assert '<option value="party" selected>party</option>' in html
    assert '<input id="f-supports" type="checkbox" checked>' in html
    assert 'id="f-top" type="number" min="0" step="1" value="5"' in html
    assert 'id="f-min-shared"' not in html  # the overview has no department pairs
    coordination = view_page.render_html(
        views.build_view(seed_store, "coordination", filters=views.Filters(min_shared=3))
    )
    assert 'id="f-min-shared" type="number" min="1" step="1" value="3"' in coordination
    assert page_data(coordination)["filters"]["min_shared"] == 3
    measures = {n["id"]: n for n in data["nodes"] if n["id"].startswith("m:")}
    assert all(n["pg_chapter"] for n in measures.values())
    in_2_1 = {"m:" + m.id for m in seed_plan.measures if m.theme == f"{seed_plan.plan.id}/c2/s1"}
    assert {i for i, n in measures.items() if "2.1" in n["pg_sections"]} == in_2_1
    assert all("2" in measures[i]["pg_sections"] for i in in_2_1)


def test_a_filter_the_view_cannot_apply_is_an_error_saying_what_it_offers(seed_store, cli):
    def error(name: str, **kwargs) -> str:
        with pytest.raises(ViewError) as caught:
            filters = kwargs.pop("filters")
            views.build_view(seed_store, name, filters=filters, **kwargs)
        return str(caught.value)

    assert error("overview", filters=views.Filters(chapter="9")).startswith(
        "no chapter or section '9' in the overview view; give a chapter or chapter.section "
        "(2.3); chapters: 1=一、建立更有竞争力的人才集聚制度, 2=二、"
    )
    assert error("overview", filters=views.Filters(kind="army")) == (
        "no department of kind 'army' in the overview view; its kinds: collective, government, "
        "mass, party."
    )
    assert error("overview", filters=views.Filters(min_shared=2)) == (
        "--min-shared counts measures shared by departments: use it with the coordination or "
        "ego view."
    )
    assert error("coordination", filters=views.Filters(top=-1)) == (
        "--min-shared must be 1 or more and --top 0 (all) or more."
    )
    assert error("coordination", filters=views.Filters(measures="chapter")) == (
        "the coordination view has no measures to draw per chapter."
    )


def test_the_view_command_takes_the_filters_and_says_no_in_one_line(cli, tmp_path, seed_plan):
    store = tmp_path / "graph.lbug"
    assert cli("load", "data/ziliujing_talent_plan.txt", "--store", str(store)).returncode == 0
    out = tmp_path / "ego.html"
    args = ["--department", "区委组织部", "--top", "4", "--min-shared", "2", "--lang", "en"]
    result = cli("view", "ego", *args, "-o", str(out), "--store", str(store))
    assert result.returncode == 0, result.stderr
    edges = ego_view(seed_plan, "区委组织部", partners=4).edge_count
    assert result.stdout == f"wrote {out}: 10 nodes, {edges} edges\n"  # 1 + 5 chapters + 4
    data = page_data(out.read_text(encoding="utf-8"))
    assert data["filters"]["min_shared"] == 2 and data["filters"]["top"] == 4
    assert data["text"]["reset"] == "Show all"
    bad = cli("view", "overview", "--min-shared", "2", "--store", str(store), "-o", str(out))
    assert bad.returncode == 1 and bad.stderr.strip().count("\n") == 0
    assert bad.stderr.startswith("Error: --min-shared counts measures shared")


def test_a_chinese_plan_gets_chinese_chrome_and_lang_en_english(seed_store):
    zh = view_page.render_html(views.build_view(seed_store, "overview"))
    en = view_page.render_html(views.build_view(seed_store, "overview", lang="en"))
    assert '<html lang="zh-CN">' in zh and '<html lang="en">' in en
    assert 'placeholder="查找部门、措施编号或文字…"' in zh
    assert 'placeholder="Find a department, measure number or text…"' in en
    assert "<h3>图例</h3>" in zh and "<h3>Legend</h3>" in en
    assert ">全部显示</button>" in zh and ">Show all</button>" in en
    assert page_data(zh)["text"] == view_text.column("zh")
    tips = {n["id"]: n["tip"] for n in page_data(zh)["nodes"]}
    assert tips["d:区委组织部"][1] == ["meta", "类型：party"]
    assert tips["d:区委组织部"][2] == ["meta", "本方案中：牵头 13 · 配合 23 · 合计 36"]
    assert page_data(en)["nodes"][0]["tip"][1] == ["meta", "kind: party"]
    assert view_text.choose("auto", ["Implementation plan for talent"]) == "en"


def test_every_word_of_the_chrome_comes_from_one_table_in_both_languages():
    for key, (zh, en) in view_text.TEXT.items():
        assert set(re.findall(r"\{(\w+)\}", zh)) == set(re.findall(r"\{(\w+)\}", en)), key
    script = (PAGE_DIR / "view.js").read_text(encoding="utf-8")
    page = (PAGE_DIR / "view.html").read_text(encoding="utf-8")
    used = set(re.findall(r"\bT\.(\w+)", script)) | set(re.findall(r'say\("(\w+)"', script))
    used |= set(re.findall(r"\{\{ t\.(\w+) \}\}", page))
    assert used and used <= set(view_text.TEXT)
    # no English sentence left in the page's markup or script outside the table
    visible = re.sub(r"<style>.*?</style>|\{[{%].*?[%}]\}|<[^>]+>", "", page, flags=re.S)
    assert re.findall(r"[A-Za-z]{3,}", visible) == []
    for literal in re.findall(r'textContent = "([^"]*)"', script):
        assert literal == "", literal


def test_the_plans_view_links_the_departments_of_one_jurisdiction_across_its_plans(
    three_plans, seed_plan
):
    with pytest.raises(ViewError, match=r"holds plans of 2 places; choose one with "
                       r"--jurisdiction \(自流井区, 贡井区\)"):  # fmt: skip
        views.build_view(three_plans, "plans")
    with pytest.raises(ViewError, match=r"no plan of jurisdiction '自贡市' in the store; its "):
        views.build_view(three_plans, "plans", jurisdiction="自贡市")
    view = views.build_view(three_plans, "plans", jurisdiction="自流井区")
    second = parse_text(SECOND_PLAN, "second")
    departments = {a.department for p in (seed_plan, second) for a in p.assignments}
    in_both = {a.department for a in seed_plan.assignments} & {
        a.department for a in second.assignments
    }
    assert in_both == {"区科技经信局", "区委组织部", "区财政局"}
    assert view.node_count == 2 + len(departments)
    nodes = {n["id"]: n for n in view.net.nodes}
    linked = Counter(e["from"] for e in view.net.edges if e["to"] == "p:second")
    assert {k[len("d:自流井区/") :] for k in linked} == {a.department for a in second.assignments}
    dark = {n["label"] for n in nodes.values() if n["color"] == views.DEPARTMENT_COLOR}
    assert dark == in_both  # the departments that link the two plans stand out
    assert view.heading == f"自流井区的 2 个方案：{len(departments)} 个部门，其中 3 个在多个方案中"
    assert "贡井区" not in str(view.net.nodes)
    with pytest.raises(ViewError, match="the plans view draws every plan of a place"):
        views.build_view(three_plans, "plans", plan="second")
    with pytest.raises(ViewError, match="--jurisdiction chooses the places of the plans view"):
        views.build_view(three_plans, "overview", plan="second", jurisdiction="自流井区")
