"""Deadlines as data (loader.deadlines): the wording of real plans, normalised by hand.

Phrases are quoted from the real-plan corpus (tests/fixtures/real/) and from published plans:
大竹县 2016 民生实事 (12月底前, 9月投入使用, 5月底前动工；12月底前), 鄂尔多斯 2025
(2025年12月底前), 天津 2020 (年内持续推进), 厦门 2019 (持续推进), 咸阳 2022 放管服要点
(2022年10月底前), 河南 2023 分工 (2023年3月25日、6月25日、9月25日前), 大竹's notice
(每季度末月20日前).
"""

from __future__ import annotations

from datetime import date

import pytest
from policygraph.loader.deadlines import (
    MONTHLY,
    NONE,
    QUARTERLY,
    YEARLY,
    find,
    normalise,
    plan_year,
)
from policygraph.loader.parse import parse_file, parse_text

from tests.conftest import SEED

REAL = [
    # (as written, plan year, due, recurrence, ongoing)
    ("12月底前", 2016, date(2016, 12, 31), NONE, False),
    ("9月投入使用", 2016, date(2016, 9, 30), NONE, False),
    ("5月底前动工；12月底前", 2016, date(2016, 12, 31), NONE, False),
    ("2025年12月底前", None, date(2025, 12, 31), NONE, False),
    ("年内持续推进", 2020, date(2020, 12, 31), NONE, True),
    ("持续推进", 2019, None, NONE, True),
    ("2022年10月底前", None, date(2022, 10, 31), NONE, False),
    ("2023年3月25日前", None, date(2023, 3, 25), NONE, False),
    ("每季度末月20日前", 2016, None, QUARTERLY, False),
    # the forms the issue names
    ("2024年6月底前", None, date(2024, 6, 30), NONE, False),
    ("2023年底前", None, date(2023, 12, 31), NONE, False),
    ("2024年上半年", None, date(2024, 6, 30), NONE, False),
    ("年内", 2024, date(2024, 12, 31), NONE, False),
    ("明年", 2024, date(2025, 12, 31), NONE, False),
    ("2023—2025年", None, date(2025, 12, 31), NONE, False),
    ("每年", None, None, YEARLY, False),
    ("每季度", None, None, QUARTERLY, False),
    ("每月", None, None, MONTHLY, False),
    ("长期坚持", None, None, NONE, True),
    ("第三季度", 2024, date(2024, 9, 30), NONE, False),
    ("2024年下半年", None, date(2024, 12, 31), NONE, False),
]


@pytest.mark.parametrize(("written", "year", "due", "recurrence", "ongoing"), REAL)
def test_a_written_deadline_becomes_its_last_day_recurrence_and_ongoing(
    written, year, due, recurrence, ongoing
):
    d = normalise(written, year)
    assert (d.due, d.recurrence, d.ongoing, d.needs_year) == (due, recurrence, ongoing, False)


def test_a_relative_deadline_without_a_plan_year_has_no_due_day_and_says_it_needs_one():
    for written in ("年内", "12月底前", "明年"):
        d = normalise(written)
        assert (d.due, d.needs_year) == (None, True), written


def test_a_duration_is_not_a_relative_year():
    assert normalise("3年内", 2024).due is None
    assert find("力争三年内建成") == ""


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2022年10月底前编制并公布市、县两级行政许可事项清单", "2022年10月底前"),
        ("力争2023年底前完成改造", "2023年底前"),
        ("年底前完成全部清理", "年底前"),
        ("每年至少开展一次人才工作专项调研督查", "每年"),
        ("开展国有企业中长期激励试点", ""),  # 中长期 is no ongoing task
        ("到2025年，建成5G基站1万个", ""),  # a target year, not a deadline
        ("持续推进相对集中行政许可权改革", "持续推进"),
    ],
)
def test_the_first_time_words_of_a_measures_text_are_found(text, words):
    assert find(text) == words


def test_the_plan_year_comes_from_the_title_else_from_the_document_number():
    assert plan_year("立山区政府2023年重点工作任务分解和责任分工方案") == 2023
    assert plan_year("关于重点督办的通知", "大竹县人民政府办公室\n竹府办〔2016〕20号\n") == 2016
    assert plan_year("关于推进人才工作的实施方案", "各部门：") is None


def test_a_real_table_with_a_deadline_column_gives_every_measure_its_due_day():
    from tests.conftest import ROOT

    plan = parse_file(ROOT / "tests/fixtures/real/sichuan-dazhu-2016-livelihood.txt")
    assert plan.plan.year == 2016  # the title says 2016年民生实事
    assert [(m.number, m.due) for m in plan.measures] == [
        (1, "2016-12-31"),
        (2, "2016-09-30"),
        (3, "2016-12-31"),
        (4, "2016-05-31"),
        (5, "2016-12-31"),
        (6, "2016-12-31"),
        (7, "2016-12-31"),
        (8, "2016-12-31"),
        (9, "2016-12-31"),
        (10, "2016-12-31"),
    ]
    assert not [w for w in plan.warnings if w.code == "deadline-year"]


def test_a_labelled_deadline_wins_over_time_words_in_the_text_and_year_can_be_given():
    text = "某区工作方案\n一、任务\n1. 每年开展一次督查。（牵头单位：区政府办。完成时限：年内）\n"
    plan = parse_text(text, "p")
    (m,) = plan.measures
    assert (m.deadline, m.timing, m.due) == ("年内", "年内", "")
    assert [w.code for w in plan.warnings if w.code == "deadline-year"] == ["deadline-year"]
    (m,) = parse_text(text, "p", year=2024).measures
    assert (m.timing, m.due, m.recurrence) == ("年内", "2024-12-31", NONE)


def test_the_bundled_plan_keeps_its_yearly_tasks_undated():
    plan = parse_file(SEED)
    timed = [m for m in plan.measures if m.timing]
    assert timed and all(m.timing == "每年" and m.recurrence == YEARLY for m in timed)
    assert all(m.due == "" for m in plan.measures)


def test_any_time_words_normalise_without_error():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    alphabet = "0123456789０１２２０一二三四十年月日号底末前内上下半季度第每长期持续旬中—-~至；明今"

    @settings(max_examples=400, deadline=None)
    @given(st.text(alphabet=alphabet, max_size=24), st.one_of(st.none(), st.integers(1949, 2200)))
    def check(text, year):
        d = normalise(text, year)
        assert d.due is None or 1900 <= d.due.year <= 2201
        found = find(text)
        assert found == "" or found in text

    check()
