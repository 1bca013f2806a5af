"""HTML views without a browser: counts per view, self-contained UTF-8 pages, escaped text."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import replace
from html import unescape
from itertools import combinations

import pytest
from policygraph.loader.errors import ViewError
from policygraph.loader.model import ParsedPlan
from policygraph.loader.parse import parse_text
from policygraph.loader.stores.embedded import EmbeddedStore

from policygraph import view_page, views
from tests.fixtures.hostile import HOSTILE_NAMES, hostile_plan, synthetic_text

# Anything that would make a browser fetch: src/href attributes, CSS url() and @import.
EXTERNAL_REF = re.compile(
    r"""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|url\(\s*["']?\s*(?:https?:)?//|@import)""",
    re.I,
)


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory, seed_plan):
    path = tmp_path_factory.mktemp("views") / "graph.lbug"
    with EmbeddedStore(path) as graph:
        graph.load(seed_plan)
    with EmbeddedStore(path, read_only=True) as graph:
        yield graph


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "graph.lbug"
    with EmbeddedStore(path) as graph:
        graph.load(hostile_plan())
    with EmbeddedStore(path, read_only=True) as graph:
        yield graph


def page_data(html: str) -> dict:
    found = re.search(r'<script id="graph-data" type="application/json">(.*?)</script>', html)
    assert found, "no graph data in the page"
    return json.loads(found[1])


def inline_scripts(html: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", html, re.S)


def test_counts_per_view_match_the_plan(seed_store, seed_plan):
    pairs = {(a.department, a.measure) for a in seed_plan.assignments}
    departments = {d for d, _ in pairs}
    overview = views.build_view(seed_store, "overview")
    assert (overview.node_count, overview.edge_count) == (42 + 26, len(pairs)) == (68, 218)

    zzb = {m for d, m in pairs if d == "区委组织部"}
    partners = {d for d, m in pairs if m in zzb}
    dept = views.build_view(seed_store, "department", department="区委组织部")
    assert dept.node_count == len(zzb) + len(partners)
    assert dept.edge_count == sum(m in zzb for _, m in pairs)

    chapter2 = {m.id for m in seed_plan.measures if m.theme.startswith(f"{seed_plan.plan.id}/c2")}
    theme = views.build_view(seed_store, "theme", theme="2")
    assert theme.node_count == len(chapter2) + len({d for d, m in pairs if m in chapter2})
    assert theme.edge_count == sum(m in chapter2 for _, m in pairs)
    assert "完善支持人才创新创业的激励机制" in theme.heading

    by_measure: dict[str, set[str]] = {}
    for d, m in pairs:
        by_measure.setdefault(m, set()).add(d)
    shared = {p for ds in by_measure.values() for p in combinations(sorted(ds), 2)}
    coordination = views.build_view(seed_store, "coordination")
    assert (coordination.node_count, coordination.edge_count) == (len(departments), len(shared))


def test_a_plan_reads_back_from_the_store_as_the_parser_made_it(seed_store, seed_plan):
    stored = views.read_plan(seed_store)
    assert isinstance(stored, ParsedPlan)
    assert stored.plan.loaded_at  # stamped by the store when it wrote the plan
    assert (replace(stored.plan, loaded_at=""), stored.themes, stored.measures) == (
        seed_plan.plan,
        seed_plan.themes,
        seed_plan.measures,
    )
    assert sorted(map(repr, stored.departments)) == sorted(map(repr, seed_plan.departments))
    assert stored.commitments == seed_plan.commitments and len(stored.commitments) == 13

    def key(a):
        return (a.measure, a.role, a.position)

    # the store keeps the name as written on every edge, the parser only where it differs
    assert sorted(stored.assignments, key=key) == [
        replace(a, as_written=a.as_written or a.department)
        for a in sorted(seed_plan.assignments, key=key)
    ]
    assert stored.warnings == [] and len(stored.assignments) == 218


def test_a_view_of_the_parsed_plan_is_the_view_of_the_stored_plan(seed_store, seed_plan):
    stored = views.read_plan(seed_store)
    for build in (
        views.overview,
        lambda plan: views.department_view(plan, "区委组织部"),
        lambda plan: views.theme_view(plan, "2"),
    ):
        assert view_page.render_html(build(seed_plan)) == view_page.render_html(build(stored))


def test_overview_styles_leads_supports_chapters_and_sizes(seed_store):
    data = page_data(view_page.render_html(views.build_view(seed_store, "overview")))
    edges = data["edges"]
    leads = [e for e in edges if e["role"] == "lead"]
    supports = [e for e in edges if e["role"] == "support"]
    assert len(leads) == 53 and len(supports) == 165
    assert {(e["width"], e["dashes"]) for e in leads} == {(3, False)}
    assert {(e["width"], tuple(e["dashes"])) for e in supports} == {(1, (5, 5))}
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["d:区委组织部"]["value"] == 36  # 13 leads + 23 supports
    chapter_colours = {n["color"] for i, n in nodes.items() if i.startswith("m:")}
    assert len(chapter_colours) == 5
    assert data["physics"] is True and data["options"]["physics"]["stabilization"]["enabled"]


def test_theme_accepts_chapter_section_id_and_title(seed_store):
    data = views.read_plan(seed_store)
    assert views.find_theme(data, "2").title == "完善支持人才创新创业的激励机制"
    section = views.find_theme(data, "1.7")
    assert (section.level, section.title) == ("section", "加强创新创业平台建设")
    assert views.find_theme(data, "加强创新创业平台建设") == section
    assert views.find_theme(data, section.id) == section
    view = views.theme_view(data, "1.7", lang="en")
    assert view.heading == (
        "Theme: 一、建立更有竞争力的人才集聚制度 › （七）加强创新创业平台建设 — 1 measure"
    )


def test_page_is_self_contained_utf8_with_no_external_reference(seed_store, tmp_path):
    for name, kwargs in [
        ("overview", {}),
        ("department", {"department": "区委组织部"}),
        ("theme", {"theme": "3"}),
        ("coordination", {}),
        ("ego", {"department": "区委组织部"}),
        ("plans", {}),
    ]:
        path = view_page.write_view(
            views.build_view(seed_store, name, **kwargs), tmp_path / "v.html"
        )
        raw = path.read_bytes()
        html = raw.decode("utf-8")  # fails on any other encoding of the Chinese text
        assert "自流井区关于深化人才发展体制机制改革".encode() in raw
        assert '<meta charset="utf-8">' in html
        assert EXTERNAL_REF.findall(html) == [], name
        assert "<link" not in html and "<script src" not in html
        assert "cdn.jsdelivr" not in html and "cdnjs" not in html and "bootstrap" not in html
        assert "vis.Network" in html  # vis-network is inside the page


def test_csp_allows_no_request_and_only_the_page_scripts(seed_store):
    page = view_page.render_html(views.build_view(seed_store, "overview"))
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    policy = dict(d.strip().split(" ", 1) for d in unescape(found[1]).split(";"))
    assert policy["default-src"] == "'none'"
    allowed = set(re.findall(r"'sha256-([^']+)'", policy["script-src"]))
    digests = {
        base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in inline_scripts(page)
    }
    assert allowed == digests and len(digests) == 2  # vis-network and view.js; nothing inline


def test_hostile_text_never_becomes_markup(hostile_store):
    plan = hostile_plan()
    for name, kwargs in [
        ("overview", {}),
        ("department", {"department": HOSTILE_NAMES[0]}),
        ("ego", {"department": HOSTILE_NAMES[0]}),
        ("theme", {"theme": "1"}),
        ("coordination", {}),
        ("plans", {}),
    ]:
        html = view_page.render_html(views.build_view(hostile_store, name, **kwargs))
        vis_js = inline_scripts(html)[0]
        outside_vis = html.replace(vis_js, "")
        assert outside_vis.count("<script") == 3 and outside_vis.count("</script") == 3
        for tag in ("<img", "<svg", "<iframe", "<b>", "<a "):
            assert tag not in outside_vis.lower(), (name, tag)
        assert outside_vis.count("<title>") == 1
        assert EXTERNAL_REF.findall(html) == []
        # escaped in the HTML, intact in the data the page shows as text
        data = page_data(html)
        labels = {n["label"] for n in data["nodes"]}
        if name != "theme":  # the plans view adds its place to a name of another place
            assert any(label.startswith(HOSTILE_NAMES[0]) for label in labels)
        tips = [text for n in data["nodes"] for _, text in n["tip"]]
        if name in ("overview", "department", "theme"):
            assert plan.measures[0].text in tips
        if name == "ego":  # a chapter node lists its measures
            assert any(t.endswith(plan.measures[0].text) for t in tips)
        if name == "plans":  # the page is the place's; the plan's title is in its node
            assert plan.plan.title in tips
        else:
            assert "&lt;/title&gt;&lt;script&gt;" in html


def test_json_for_script_cannot_close_the_script():
    text = view_page.json_for_script({"a": "</script><script>alert(1)</script>&\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><script>alert(1)</script>&\u2028"}


def test_big_views_switch_to_the_fixed_layout(tmp_path):
    plan = parse_text(synthetic_text(1100, 160), "big")
    with EmbeddedStore(tmp_path / "big.lbug") as graph:
        graph.load(plan)
        big = views.build_view(graph, "overview")
        small = views.build_view(graph, "theme", theme="1.1")
    assert big.node_count > view_page.PHYSICS_MAX_NODES >= small.node_count
    data = page_data(view_page.render_html(big))
    assert data["physics"] is False and data["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    assert page_data(view_page.render_html(small))["physics"] is True
    forced = page_data(view_page.render_html(small, layout="fixed"))
    assert forced["physics"] is False and "x" in forced["nodes"][0]


def test_the_department_view_takes_a_short_name_as_reports_do(seed_store):
    short = views.build_view(seed_store, "department", department="区发改局")
    full = views.build_view(seed_store, "department", department="区发展和改革局")
    assert short.heading == full.heading and short.heading.startswith("部门：区发展和改革局")
    assert (short.node_count, short.edge_count) == (full.node_count, full.edge_count)


def test_the_department_view_takes_a_short_form_the_plan_wrote_under_a_custom_alias(tmp_path):
    from policygraph.loader.aliases import load_aliases
    from policygraph.loader.parse import parse_text
    from policygraph.loader.stores.embedded import EmbeddedStore

    aliases = tmp_path / "local.csv"
    aliases.write_text("县融媒中心,县融媒体中心\n", encoding="utf-8")
    text = "荣县关于宣传工作的实施方案\n1. 甲。（牵头单位：县融媒中心。责任单位：县财政局）\n"
    plan = parse_text(text, "p", aliases=load_aliases(aliases))
    with EmbeddedStore(tmp_path / "s.lbug") as store:
        store.load(plan)
        view = views.build_view(store, "department", department="县融媒中心")
    assert view.heading.startswith("部门：县融媒体中心")


def test_errors_say_what_to_do(seed_store, tmp_path, seed_plan):
    with pytest.raises(ViewError, match=r"no department '区委组织' .*did you mean 区委组织部"):
        views.build_view(seed_store, "department", department="区委组织")
    with pytest.raises(ViewError, match=r"needs --department"):
        views.build_view(seed_store, "department")
    with pytest.raises(ViewError, match=r"no theme '9' .* Chapters: 1=建立更有竞争力"):
        views.build_view(seed_store, "theme", theme="9")
    with pytest.raises(ViewError, match=r"no plan 'x' in the store"):
        views.build_view(seed_store, "overview", plan="x")
    two = tmp_path / "two.lbug"
    with EmbeddedStore(two) as graph:
        graph.load(seed_plan)
        graph.load(parse_text(synthetic_text(40, 10), "other"))
        with pytest.raises(ViewError, match=r"holds 2 plans; choose one with --plan"):
            views.build_view(graph, "overview")
        assert views.build_view(graph, "overview", plan="other").node_count == 50


def test_cn_number():
    assert [views.cn_number(n) for n in (1, 7, 10, 12, 20, 45, 100)] == [
        "一",
        "七",
        "十",
        "十二",
        "二十",
        "四十五",
        "100",
    ]


def test_view_command_writes_the_file(cli, tmp_path, seed_store):
    store = tmp_path / "graph.lbug"
    assert cli("load", "data/ziliujing_talent_plan.txt", "--store", str(store)).returncode == 0
    out = tmp_path / "out.html"
    result = cli("view", "overview", "-o", str(out), "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {out}: 68 nodes, 218 edges\n"
    assert page_data(out.read_text(encoding="utf-8"))["nodes"][0]["label"] == "区委组织部"
    missing = cli("view", "department", "--store", str(store))
    assert missing.returncode == 1
    assert missing.stderr.strip() == (
        "Error: the department view needs --department NAME, e.g. 区委组织部."
    )
    assert "Example:" in cli("view", "--help").stdout


def test_demo_writes_the_views(cli, tmp_path):
    result = cli("demo", "--views", str(tmp_path / "views"))
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "views").iterdir())
    assert written == [
        "coordination.html",
        "department.html",
        "ego.html",
        "overview.html",
        "theme-1.html",
        "theme-2.html",
        "theme-3.html",
        "theme-4.html",
        "theme-5.html",
    ]
    assert f"in {tmp_path / 'views'}" in result.stdout
    department = (tmp_path / "views" / "department.html").read_text(encoding="utf-8")
    assert "部门：区委组织部" in department  # a Chinese plan's page speaks Chinese


def test_a_lineage_page_offers_no_department_filter_and_a_department_page_still_does(
    seed_store,
):
    lineage = view_page.render_html(views.build_view(seed_store, "lineage"))
    assert page_data(lineage)["nodes"], "the lineage view draws the plan and what it cites"
    assert 'id="f-top"' not in lineage and 'id="f-kind"' not in lineage
    assert 'id="filters"' not in lineage  # nothing left to filter: no empty box either
    department = view_page.render_html(
        views.build_view(seed_store, "department", department="区委组织部")
    )
    assert 'id="filters"' in department
    assert re.search(r'<input id="f-top" type="number" min="0" step="1" value="0">', department)


def test_top_on_a_view_without_departments_is_an_error_not_a_control_that_does_nothing(
    seed_store,
):
    with pytest.raises(ViewError, match=r"--top keeps the busiest departments, and the lineage"):
        views.build_view(seed_store, "lineage", filters=views.Filters(top=3))
    assert views.build_view(seed_store, "overview", filters=views.Filters(top=3)).filters.top == 3
