"""`policygraph view` pages opened in a real headless Chromium, offline.

Each page must draw the expected nodes and edges, stop its physics, log no error, request
nothing but its own file, and show hostile plan text as text without running any of it.
Screenshots go to artifacts/browser/.
"""

from __future__ import annotations

import time
from itertools import combinations
from pathlib import Path

import pytest
from policygraph.loader.model import LEAD, ParsedPlan
from policygraph.loader.parse import parse_text
from policygraph.loader.stores.embedded import EmbeddedStore

from policygraph import view_page, view_text, views
from tests.conftest import run_cli
from tests.fixtures.hostile import HOSTILE_NAMES, hostile_plan, synthetic_text

pytestmark = pytest.mark.browser

SEED_VIEWS = {
    "overview": [],
    "department": ["--department", "区委组织部"],
    "theme": ["--theme", "2"],
    "section": ["--theme", "1.7"],
    "coordination": [],
}


def expected_counts(plan: ParsedPlan, view: str, args: list[str]) -> tuple[int, int]:
    """Nodes and edges a view should draw, worked out from the parsed plan, not the store."""
    rows = {(a.department, a.measure) for a in plan.assignments}
    if view == "coordination":
        by_measure: dict[str, set[str]] = {}
        for dept, m in rows:
            by_measure.setdefault(m, set()).add(dept)
        pairs = {p for depts in by_measure.values() for p in combinations(sorted(depts), 2)}
        return len({d for d, _ in rows}), len(pairs)
    if view == "overview":
        measures = {m.id for m in plan.measures}
    elif view == "department":
        measures = {m for d, m in rows if d == args[1]}
    else:
        prefix = f"{plan.plan.id}/c{args[1].replace('.', '/s')}"
        measures = {m.id for m in plan.measures if f"{m.theme}/".startswith(prefix + "/")}
    chosen = [(d, m) for d, m in rows if m in measures]
    return len(measures) + len({d for d, _ in chosen}), len(chosen)


def node_xy(page, node_id: str) -> tuple[float, float]:
    """Where a node is on the screen."""
    box = page.js("() => document.getElementById('mynetwork').getBoundingClientRect().toJSON()")
    pos = page.js("id => network.canvasToDOM(network.getPositions([id])[id])", node_id)
    return box["x"] + pos["x"], box["y"] + pos["y"]


def hover(page, node_id: str) -> str:
    """Move the mouse onto a node and return the tooltip's text."""
    page.page.mouse.move(*node_xy(page, node_id))
    page.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    text = page.js("() => document.querySelector('div.vis-tooltip').innerText")
    box = page.js("() => document.getElementById('mynetwork').getBoundingClientRect().toJSON()")
    page.page.mouse.move(box["x"] + 3, box["y"] + 3)  # an empty corner of the canvas
    page.page.wait_for_selector("div.vis-tooltip", state="hidden", timeout=5000)
    return text


def assert_offline_and_clean(page) -> None:
    assert page.console_errors() == []
    assert page.requests == [page.url], "the page asked for something besides its own file"
    assert page.blocked == []
    assert page.dialogs == []


def drawn(page) -> dict:
    return page.js(
        """() => ({
            nodes: network.body.data.nodes.get({filter: n => !n.id.startsWith('g:')}).length,
            edges: network.body.data.edges.get({filter: e => !e.id.startsWith('ge:')}).length,
            groups: network.body.data.nodes.get({filter: n => n.id.startsWith('g:')}).length,
            bodyNodes: network.body.nodeIndices.length,
            bodyEdges: network.body.edgeIndices.length,
            physics: network.physics.physicsEnabled,
            settled: document.body.dataset.settled,
            legend: document.querySelectorAll('#legend li').length,
        })"""
    )


@pytest.fixture(scope="module")
def seed_views(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("seed-views")
    store = folder / "graph.lbug"
    assert run_cli("load", "data/ziliujing_talent_plan.txt", "--store", str(store)).returncode == 0
    pages = {}
    for name, args in SEED_VIEWS.items():
        kind = "theme" if name == "section" else name
        out = folder / f"{name}.html"
        result = run_cli("view", kind, *args, "-o", str(out), "--store", str(store))
        assert result.returncode == 0, result.stderr
        pages[name] = out
    return pages


@pytest.mark.parametrize("name", SEED_VIEWS)
def test_seed_view_draws_settles_and_stays_offline(name, seed_views, seed_plan, open_view):
    page = open_view(seed_views[name])
    nodes, edges = expected_counts(seed_plan, name, SEED_VIEWS[name])
    state = drawn(page)
    assert (state["nodes"], state["edges"]) == (nodes, edges)
    assert (state["bodyNodes"], state["bodyEdges"]) == (nodes, edges)
    assert state["physics"] is False and state["settled"] == "physics"
    assert state["legend"] >= 3
    assert page.page.title() == f"{seed_plan.plan.title} — {'theme' if name == 'section' else name}"
    assert page.page.inner_text("#plan-title") == seed_plan.plan.title
    status = view_text.text("zh", "status", shown=nodes, edges=edges, nodes=nodes)
    assert page.page.inner_text("#status") == status
    page.screenshot(f"seed-{name}")
    assert_offline_and_clean(page)


def test_tooltip_shows_number_theme_and_full_text(seed_views, seed_plan, open_view):
    page = open_view(seed_views["overview"])
    measure = seed_plan.measures[12]
    text = hover(page, "m:" + measure.id)
    lines = text.splitlines()
    assert lines[0] == f"措施 {measure.number}"  # a Chinese plan's field names are Chinese
    assert lines[1] == "一、建立更有竞争力的人才集聚制度 › （六）完善基础教育和职业教育人才培养模式"
    assert measure.text in text
    assert "牵头：区人力资源和社会保障局" in text
    assert_offline_and_clean(page)


def test_search_selects_and_shows_details(seed_views, open_view):
    page = open_view(seed_views["overview"])
    page.page.fill("#search", "区委组织部")
    page.page.press("#search", "Enter")
    assert page.js("() => network.getSelectedNodes()") == ["d:区委组织部"]
    assert page.page.inner_text("#details-body").startswith("区委组织部\n类型：party")
    assert page.page.inner_text("#status").startswith("1 个匹配")
    page.page.fill("#search", "人才")  # a word in the text of many measures
    page.page.press("#search", "Enter")
    assert len(page.js("() => network.getSelectedNodes()")) > 10
    page.screenshot("seed-overview-search")
    page.page.click("#reset")
    assert page.js("() => network.getSelectedNodes()") == []
    assert_offline_and_clean(page)


@pytest.fixture(scope="module")
def hostile_views(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile-views")
    store = folder / "graph.lbug"
    with EmbeddedStore(store) as graph:
        graph.load(hostile_plan())
    pages = {}
    for name, args in {
        "overview": [],
        "department": ["--department", HOSTILE_NAMES[0]],
        "ego": ["--department", HOSTILE_NAMES[0]],
        "theme": ["--theme", "1.1"],
        "coordination": [],
        "plans": [],
    }.items():
        out = folder / f"{name}.html"
        result = run_cli("view", name, *args, "-o", str(out), "--store", str(store))
        assert result.returncode == 0, result.stderr
        pages[name] = out
    return pages


@pytest.mark.parametrize(
    "name", ["overview", "department", "ego", "theme", "coordination", "plans"]
)
def test_hostile_plan_text_shows_as_text_and_runs_nothing(name, hostile_views, open_view):
    plan = hostile_plan()
    page = open_view(hostile_views[name])
    data = page.js("() => JSON.parse(document.getElementById('graph-data').textContent)")
    heads = {n["id"]: n["tip"][0][1] for n in data["nodes"]}
    ids = page.js("() => network.body.data.nodes.getIds({filter: n => !n.hidden})")
    assert set(ids) == set(heads)
    for node in ids:  # hover (tooltip) and click (details panel): where injected code would fire
        tip = hover(page, node)
        page.page.mouse.click(*node_xy(page, node))
        details = page.page.inner_text("#details-body")
        assert tip.splitlines()[0] == heads[node] == details.splitlines()[0]
        if node.startswith("d:") and name != "plans":
            assert heads[node] == node[2:]
        if node == "m:hostile/m1":
            assert plan.measures[0].text in tip and plan.measures[0].text in details
    first = next(i for i in ids if i.startswith("d:") and i.endswith(HOSTILE_NAMES[0]))
    assert page.js("() => window.__pwned") is None
    assert page.js("() => document.querySelectorAll('img, iframe, svg, object, embed').length") == 0
    assert page.js("() => document.scripts.length") == 3  # data, vis-network, the view's own
    title = "unknown" if name == "plans" else plan.plan.title  # the plans view: its place
    assert page.page.inner_text("#plan-title") == title
    assert page.page.title() == f"{title} — {name}"
    page.page.mouse.move(*node_xy(page, first))
    page.page.wait_for_selector("div.vis-tooltip", state="visible")
    page.screenshot(f"hostile-{name}")
    assert_offline_and_clean(page)


def test_big_view_uses_the_fixed_layout_and_opens_fast(tmp_path, open_view):
    plan = parse_text(synthetic_text(1100, 160), "big")
    with EmbeddedStore(tmp_path / "big.lbug") as graph:
        graph.load(plan)
        view = views.build_view(graph, "overview")
    assert view.node_count > view_page.PHYSICS_MAX_NODES
    path = view_page.write_view(view, tmp_path / "big.html")
    start = time.monotonic()
    page = open_view(path, timeout_ms=30_000)
    opened = time.monotonic() - start
    state = drawn(page)
    departments = {a.department for a in plan.assignments}
    chapters = {t.chapter for t in plan.themes}
    assert state["nodes"] == len(plan.measures) + len(departments)
    assert state["groups"] == len(chapters)  # and a node per chapter, to draw them by
    assert page.js("() => network.body.data.edges.get({filter: e => e.id[0] === 'e'}).length") == (
        len(plan.assignments)
    )
    assert state["physics"] is False and state["settled"] == "fixed"
    assert opened < 15, f"took {opened:.1f} s to open"
    assert "预先计算的布局" in page.page.inner_text("#note")
    leads = sum(a.role == LEAD for a in plan.assignments)
    lead_edges = "e => e.id[0] === 'e' && e.role === 'lead'"  # not the per-chapter ones
    assert page.js(f"() => network.body.data.edges.get({{filter: {lead_edges}}}).length") == leads
    # it opens with a node per chapter instead of 1,100 measures
    assert state["bodyNodes"] == len(departments) + len(chapters)
    page.screenshot("big-overview-fixed")
    assert_offline_and_clean(page)
