"""Views that stay readable (#15), as a person sees them in headless Chromium: the filters of
the page against the `view` options, the ego and plans views, the page's words in Chinese and
English, and the first screen of a 2,000-node plan, with labels that do not overlap.
Screenshots go to artifacts/browser/ (readable-*.png)."""

from __future__ import annotations

import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest
from policygraph.loader.model import LEAD
from policygraph.loader.parse import parse_file, parse_text
from policygraph.loader.stores.embedded import EmbeddedStore

from policygraph import view_page, views
from tests.browser.test_views_browser import assert_offline_and_clean
from tests.conftest import ROOT, run_cli
from tests.unit.test_views_readable import SECOND_PLAN

pytestmark = pytest.mark.browser

SHOWN = """() => ({
    nodes: network.body.nodeIndices.slice().sort(),
    edges: network.body.edgeIndices.map(id => {
        const e = network.body.data.edges.get(id); return [e.from, e.to, e.role || ''];
    }),
})"""

# Every drawn label's box on the screen, from vis-network's own measure of it (labelModule).
LABEL_BOXES = """() => {
    const scale = network.getScale();
    return network.body.nodeIndices.map(id => network.body.nodes[id])
      .filter(n => n.labelModule.elementOptions.label)
      .map(n => {
        const s = n.labelModule.size;
        const tl = network.canvasToDOM({x: s.left, y: s.top});
        return {id: n.id, label: n.labelModule.elementOptions.label, x: tl.x, y: tl.y,
                w: s.width * scale, h: s.height * scale};
      });
}"""


def overlaps(boxes: list[dict], tolerance: float = 4.0) -> list[tuple[str, str]]:
    """Pairs of label boxes sharing more than `tolerance` pixels in both directions."""
    found = []
    for a, b in combinations(boxes, 2):
        dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
        dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
        if dx > tolerance and dy > tolerance:
            found.append((a["label"], b["label"]))
    return found


def set_control(page, selector: str, value) -> None:
    if isinstance(value, bool):
        page.page.set_checked(selector, value)
    elif page.page.get_attribute(selector, "type") == "number":
        page.page.fill(selector, str(value))
        page.page.dispatch_event(selector, "change")
    else:
        page.page.select_option(selector, value)


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("readable") / "graph.lbug"
    assert run_cli("load", "data/ziliujing_talent_plan.txt", "--store", str(store)).returncode == 0
    return store


def write(store: Path, folder: Path, name: str, *args: str) -> Path:
    out = folder / f"{name}-{abs(hash(args))}.html"
    result = run_cli("view", name, *args, "-o", str(out), "--store", str(store))
    assert result.returncode == 0, result.stderr
    return out


def test_the_page_opens_with_the_options_filters_and_its_controls_show_the_same(
    seed_store, seed_plan, tmp_path, open_view
):
    page = open_view(write(seed_store, tmp_path, "overview", "--kind", "party", "--hide-supports"))
    kind = {d.name: d.kind for d in seed_plan.departments}
    leads = {(a.department, a.measure) for a in seed_plan.assignments if a.role == LEAD}
    party = {(d, m) for d, m in leads if kind[d] == "party"}
    shown = page.js(SHOWN)
    assert shown["nodes"] == sorted({"d:" + d for d, _ in party} | {"m:" + m for _, m in party})
    assert sorted(shown["edges"]) == sorted(["d:" + d, "m:" + m, "lead"] for d, m in party)
    assert page.page.is_checked("#f-supports") and page.page.input_value("#f-kind") == "party"
    page.screenshot("readable-filter-party-leads")
    # the same filter chosen in the page of an unfiltered view shows the same
    other = open_view(write(seed_store, tmp_path, "overview"))
    assert len(other.js(SHOWN)["nodes"]) == 68
    set_control(other, "#f-kind", "party")
    set_control(other, "#f-supports", True)
    assert other.js(SHOWN) == shown
    set_control(other, "#f-kind", "")
    set_control(other, "#f-supports", False)
    set_control(other, "#f-top", 3)
    busiest = Counter(a.department for a in seed_plan.assignments).most_common(3)
    depts = [n for n in other.js(SHOWN)["nodes"] if n.startswith("d:")]
    assert sorted(depts) == sorted("d:" + d for d, _ in busiest)
    set_control(other, "#f-chapter", "2.1")
    measures = [n for n in other.js(SHOWN)["nodes"] if n.startswith("m:")]
    in_2_1 = {m.id for m in seed_plan.measures if m.theme == f"{seed_plan.plan.id}/c2/s1"}
    assert measures and {m[2:] for m in measures} <= in_2_1
    other.screenshot("readable-filter-top3-section-2.1")
    other.page.click("#reset")  # "show all": every filter off
    assert len(other.js(SHOWN)["nodes"]) == 68 and other.page.input_value("#f-top") == "0"
    assert_offline_and_clean(page)
    assert_offline_and_clean(other)


def test_min_shared_keeps_the_department_pairs_sharing_that_many(
    seed_store, seed_plan, tmp_path, open_view
):
    page = open_view(write(seed_store, tmp_path, "coordination", "--min-shared", "4"))
    by_measure: dict[str, set[str]] = {}
    for a in seed_plan.assignments:
        by_measure.setdefault(a.measure, set()).add(a.department)
    pairs = Counter(p for ds in by_measure.values() for p in combinations(sorted(ds), 2))
    strong = {p for p, n in pairs.items() if n >= 4}
    shown = page.js(SHOWN)
    assert {tuple(sorted((a[2:], b[2:]))) for a, b, _ in shown["edges"]} == strong
    assert shown["nodes"] == sorted({"d:" + d for p in strong for d in p})
    assert page.page.input_value("#f-min-shared") == "4"
    page.screenshot("readable-coordination-min-shared-4")
    set_control(page, "#f-min-shared", 1)
    assert len(page.js(SHOWN)["edges"]) == len(pairs)
    assert_offline_and_clean(page)


def test_the_ego_view_shows_one_department_its_chapters_and_closest_partners(
    seed_store, tmp_path, open_view
):
    page = open_view(write(seed_store, tmp_path, "ego", "--department", "区委组织部"))
    shown = page.js(SHOWN)["nodes"]
    assert len(shown) == 18 and "d:区委组织部" in shown
    assert sum(n.startswith("c:") for n in shown) == 5
    boxes = page.js(LABEL_BOXES)
    assert overlaps(boxes) == []
    assert "区委组织部" in {b["label"] for b in boxes}
    page.screenshot("readable-ego-zzb")
    set_control(page, "#f-top", 4)
    assert sum(n.startswith("d:") for n in page.js(SHOWN)["nodes"]) == 5
    assert_offline_and_clean(page)


def test_the_chrome_speaks_the_plans_language_and_english_when_asked(
    seed_store, tmp_path, open_view
):
    zh = open_view(write(seed_store, tmp_path, "overview"))
    assert zh.page.get_attribute("#search", "placeholder") == "查找部门、措施编号或文字…"
    assert zh.page.inner_text("#reset") == "全部显示"
    assert zh.page.inner_text("#legend h3") == "图例"
    assert zh.page.inner_text("#filters").startswith("筛选\n章节")
    zh.screenshot("readable-chrome-zh")
    en = open_view(write(seed_store, tmp_path, "overview", "--lang", "en"))
    assert en.page.get_attribute("#search", "placeholder").startswith("Find a department")
    assert en.page.inner_text("#reset") == "Show all"
    assert en.page.inner_text("#legend h3") == "LEGEND"  # text-transform: uppercase
    assert en.page.inner_text("#status") == "68 nodes, 218 edges shown (of 68 nodes)"
    en.screenshot("readable-chrome-en")
    assert_offline_and_clean(zh)
    assert_offline_and_clean(en)


def test_the_plans_view_joins_two_plans_of_one_place_by_their_shared_departments(
    tmp_path, open_view, seed_plan
):
    store = tmp_path / "two.lbug"
    with EmbeddedStore(store) as graph:
        graph.load(seed_plan)
        graph.load(parse_text(SECOND_PLAN, "second"))
    page = open_view(write(store, tmp_path, "plans", "--jurisdiction", "自流井区"))
    shown = page.js(SHOWN)
    assert {"p:ziliujing_talent_plan", "p:second"} <= set(shown["nodes"])
    to_both = [
        n
        for n in shown["nodes"]
        if {e[1] for e in shown["edges"] if e[0] == n} == {"p:ziliujing_talent_plan", "p:second"}
    ]
    assert sorted(to_both) == [
        "d:自流井区/区委组织部",
        "d:自流井区/区科技经信局",
        "d:自流井区/区财政局",
    ]
    assert page.page.inner_text("#view-title").startswith("自流井区的 2 个方案")
    page.screenshot("readable-plans-ziliujing")
    assert_offline_and_clean(page)


@pytest.fixture(scope="module")
def big_page(tmp_path_factory) -> tuple[Path, object]:
    """The overview of a generated 1,900-measure plan: about 2,000 nodes."""
    sys.path.insert(0, str(ROOT))
    from bench.generator import iter_plans

    folder = tmp_path_factory.mktemp("big2000")
    _, text, _ = next(iter_plans(1900, plan_measures=1900, seed=11))
    source = folder / "plan.txt"
    source.write_text(text, encoding="utf-8")
    plan = parse_file(source)
    with EmbeddedStore(folder / "big.lbug") as graph:
        graph.load(plan)
        view = views.build_view(graph, "overview")
    assert view.node_count >= 1950
    return view_page.write_view(view, folder / "big.html"), plan


def test_the_first_screen_of_a_2000_node_plan_labels_departments_and_chapters_readably(
    big_page, open_view
):
    path, plan = big_page
    page = open_view(path, timeout_ms=60_000)
    shown = page.js(SHOWN)["nodes"]
    departments = {a.department for a in plan.assignments}
    chapters = {t.chapter for t in plan.themes}
    # measures drawn a node per chapter: departments and chapters, not 2,000 nodes
    assert sorted(shown) == sorted({"d:" + d for d in departments} | {f"g:{c}" for c in chapters})
    assert page.page.is_checked("#f-group")
    boxes = page.js(LABEL_BOXES)
    labels = {b["label"] for b in boxes}
    assert overlaps(boxes) == []
    assert {page.js(f"() => policygraph.names['g:{c}']") for c in chapters} <= labels
    assert len(labels & departments) >= 30, "too few departments labelled on the first screen"
    assert all(b["h"] >= 10 for b in boxes), "labels too small to read"
    page.screenshot("readable-2000-first-screen")
    # zoomed in, labels keep their size on screen and more of them fit
    page.js("() => { network.moveTo({scale: network.getScale() * 2.5}); }")
    page.page.wait_for_timeout(400)
    page.js("() => { network.emit('zoom', {}); }")
    page.page.wait_for_timeout(400)
    canvas = page.js("() => document.getElementById('mynetwork').getBoundingClientRect().toJSON()")
    # vis-network measures a label when it draws it: only those on the screen are current
    zoomed = [
        b
        for b in page.js(LABEL_BOXES)
        if b["x"] >= 0 and b["x"] + b["w"] <= canvas["width"]
        and b["y"] >= 0 and b["y"] + b["h"] <= canvas["height"]
    ]  # fmt: skip
    assert len(zoomed) >= 10 and overlaps(zoomed) == []
    heights = {round(b["h"]) for b in boxes + zoomed}
    assert max(heights) - min(heights) <= 2, "a label's size on screen changed with the zoom"
    page.screenshot("readable-2000-zoomed")
    # one department's measures, each its own node again
    page.page.set_checked("#f-group", False)
    page.page.fill("#f-top", "1")
    page.page.dispatch_event("#f-top", "change")
    busiest = Counter(a.department for a in plan.assignments).most_common(1)[0][0]
    own = {a.measure for a in plan.assignments if a.department == busiest}
    shown = page.js(SHOWN)["nodes"]
    assert sorted(shown) == sorted({"d:" + busiest} | {"m:" + m for m in own})
    assert_offline_and_clean(page)


def test_the_lineage_view_draws_the_plan_it_implements_and_the_documents_it_cites(
    tmp_path, open_view
):
    store = tmp_path / "lineage.lbug"
    loaded = run_cli("load", "tests/fixtures/lineage", "--store", str(store))
    assert loaded.returncode == 0, loaded.stderr
    page = open_view(write(store, tmp_path, "lineage", "--plan", "yunnan-guandu-2016-growth"))
    shown = page.js(SHOWN)
    # 官渡's plan cites 昆明's by 文号 and title; 昆明's is loaded, so it is a plan, not a document
    assert shown["nodes"] == ["p:yunnan-guandu-2016-growth", "p:yunnan-kunming-2016-growth"]
    assert shown["edges"] == [["p:yunnan-guandu-2016-growth", "p:yunnan-kunming-2016-growth", ""]]
    assert page.page.inner_text("#view-title").startswith("实施 1 个上级方案，被 0 个方案实施")
    page.screenshot("readable-lineage-guandu")
    assert_offline_and_clean(page)
    seed = tmp_path / "seed.lbug"
    assert run_cli("load", "data/ziliujing_talent_plan.txt", "--store", str(seed)).returncode == 0
    cites = open_view(write(seed, tmp_path, "lineage", "--lang", "en"))
    labels = [n["label"] for n in cites.js("() => network.body.data.nodes.get()")]
    assert "《关于深化人才发展体制机制改革推动振兴发展的实施意见》"[:15] in "".join(labels)
    assert cites.page.inner_text("#view-title").startswith(
        "implements 0 loaded plans, implemented by 0, cites 2 other documents"
    )
    cites.screenshot("readable-lineage-cites")
