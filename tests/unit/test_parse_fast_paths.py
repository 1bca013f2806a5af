"""The parser's shortcuts for the commonest shapes (a measure line read inline, units.one_list,
units.plain_lists) give exactly what the general reader gives: each plan is parsed with the
shortcuts and with them turned off, and the records are compared whole, warnings included."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from policygraph.loader import parse
from policygraph.loader.readers import read_plan_file

from tests.conftest import ROOT, SEED

PLANS = sorted((ROOT / "tests" / "fixtures" / "real").glob("*.txt")) + [
    SEED,
    *sorted((ROOT / "tests" / "fixtures" / "formats").glob("*.txt")),
]


def split_items_line_by_line(text: str) -> tuple[list[str], list[parse._Item]]:
    """parse._split_items as it was before its inline reading of measure lines."""
    title: list[str] = []
    items: list[parse._Item] = []
    last: dict[int, int] = {}
    restart: set[int] = set()
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.replace("\u3000", " ").strip()
        for piece in parse._run_on_pieces(line, last, restart):
            parse._read_line(piece, lineno, items, title, last, restart)
    return [t for t in title if "。" not in t], items


@contextlib.contextmanager
def general_reader_only() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(parse, "plain_lists", lambda block: None)
        mp.setattr(parse, "one_list", lambda text: None)
        mp.setattr(parse, "_split_items", split_items_line_by_line)
        yield


def both_ways(text: str, **options: object) -> tuple[str, str]:
    fast = repr(parse.parse_text(text, "p", **options))
    with general_reader_only():
        general = repr(parse.parse_text(text, "p", **options))
    return fast, general


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
@pytest.mark.parametrize("single_list", parse.SINGLE_LIST_RULES)
def test_every_real_plan_is_read_the_same_with_and_without_the_shortcuts(path, single_list):
    fast, general = both_ways(read_plan_file(path)[0], single_list=single_list)
    assert fast == general


def test_the_shortcuts_are_taken_on_the_real_plans():
    calls = {"plain": 0, "one": 0}
    plain_lists, one_list = parse.plain_lists, parse.one_list

    def count(name, function):
        def counted(text):
            found = function(text)
            calls[name] += found is not None
            return found

        return counted

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(parse, "plain_lists", count("plain", plain_lists))
        mp.setattr(parse, "one_list", count("one", one_list))
        for path in PLANS:
            parse.parse_text(read_plan_file(path)[0], "p")
    assert calls["plain"] >= 100 and calls["one"] >= 100, calls


# Lists in the common shapes, each changed in up to two places by variants that must leave
# them: other labels, ASCII colons, traditional forms, role words, marks, joins, collectives,
# glued or shared names, duplicates, spaces, empty items, notes, people and deadlines.
LABELS = ["牵头单位", "责任单位", "配合单位", "牵头部门", "责任部门", "牵头", "协办单位"]
ODD_LABELS = ["参与", "主要责任单位", "牽頭單位", "责任领导", "完成时限", "备注", "分工"]
PLAIN = ["区财政局", "区委组织部", "区人社局", "区教育局", "区政府办公室", "团区委", "区妇联",
         "省发展改革委", "商务厅", "区财政局", "区教育局"]  # fmt: skip
ODD = ["各镇", "街道", "有关部门", "区交通局区农业农村局", "住房和城乡建设局", "区发改局和区商务局",
       "区财政局（牵头）", "黄埔区", "南沙区政府", "区商务局等部门", "区 教育局", "", "分管副区长",
       "2025年底前", "各县（市、区）人民政府", "*区卫健委", "区局育教", "区科技局牵头", "區財政局",
       "第一中学", "区协办中心"]  # fmt: skip
ODD_MARKS = ["；", "/", "和", " ", ":", "，", ",", "。", "（", "）", "等"]


@st.composite
def list_st(draw) -> str:
    """`（牵头单位：A、B。责任单位：C）` or `（责任单位：A、B）`, perhaps changed a little."""
    clauses = []
    for _ in range(draw(st.integers(1, 2))):
        names = draw(st.lists(st.sampled_from(PLAIN), min_size=1, max_size=4))
        clauses.append([draw(st.sampled_from(LABELS)), "：", names, "。"])
    for _ in range(draw(st.integers(0, 2))):
        clause = draw(st.sampled_from(clauses))
        change = draw(st.sampled_from(["label", "colon", "name", "name", "name", "mark", "end"]))
        if change == "label":
            clause[0] = draw(st.sampled_from(ODD_LABELS))
        elif change == "colon":
            clause[1] = draw(st.sampled_from([":", " ：", "："]))
        elif change == "name":
            at = draw(st.integers(0, len(clause[2]) - 1))
            clause[2][at] = draw(st.sampled_from(ODD))
        elif change == "mark":
            at = draw(st.integers(0, len(clause[2]) - 1))
            clause[2][at] += draw(st.sampled_from(ODD_MARKS))
        else:
            clause[3] = draw(st.sampled_from(["；", ";", "", "，", "。。"]))
    text = "".join(f"{label}{colon}{'、'.join(names)}{end}" for label, colon, names, end in clauses)
    frame = draw(st.sampled_from(["（{}）"] * 4 + ["({})", "（{}", "{}", "（{}）。", "（{}）x"]))
    return frame.format(text)


plan_st = st.lists(list_st(), min_size=1, max_size=6).map(
    lambda lists: (
        "测试实施方案\n一、章\n"
        + "".join(f"{i}. 措施{i}{block}\n" for i, block in enumerate(lists, start=1))
    )
)


@settings(max_examples=400, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(plan_st, st.sampled_from(parse.SINGLE_LIST_RULES))
def test_lists_near_the_common_shapes_are_read_the_same_either_way(text, single_list):
    fast, general = both_ways(text, single_list=single_list)
    assert fast == general, text


@pytest.mark.parametrize(
    "block",
    [
        "（牵头单位：区交通局区农业农村局。责任单位：区教育局）",  # glued names
        "（牵头单位：区财政局。责任单位：分管副区长、区教育局）",  # not a unit
        "（牵头单位：区财政局。责任单位：黄埔区、南沙区政府）",  # a shared suffix
        "（牵头单位：区财政局、区财政局。责任单位：区教育局、区财政局）",  # twice
        "（牵头单位：区财政局。责任单位：各镇、街道）",  # a collective going on
        "（责任单位：区财政局，区教育局、有关部门）",  # one list, a collective
        "（牵头单位：区财政局；配合单位：区发改局和区商务局）",  # a join
        "（牵头单位：区财政局。责任单位：区商务局等部门）",  # 等部门
        "（牵头单位：区财政局。责任单位：區財政局）",  # a traditional form
        "（责任单位：区财政局、区教育局（牵头））",  # a lead mark
        "（牵头单位：区财政局。责任单位：第一中学）",  # a hint word
    ],
)
def test_names_that_need_a_second_look_are_read_the_same_either_way(block):
    for single_list in parse.SINGLE_LIST_RULES:
        fast, general = both_ways(
            f"测试实施方案\n一、章\n1. 措施{block}\n", single_list=single_list
        )
        assert fast == general
