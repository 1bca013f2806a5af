"""One vocabulary (loader/vocabulary.py): every reader takes its labels, role words and plan-file
suffixes from it, and reads each the same way."""

from __future__ import annotations

from policygraph.loader import tables, units, vocabulary
from policygraph.loader.model import LEAD, SUPPORT
from policygraph.loader.parse import parse_text

from policygraph.loading import plan_files


def test_every_label_is_read_in_its_role():
    for label in vocabulary.LEAD_LABELS:
        assert units.label_kind(label) == ("units", LEAD), label
    for label in vocabulary.SUPPORT_LABELS:
        assert units.label_kind(label) == ("units", SUPPORT), label
    for label in vocabulary.OPEN_LABELS + vocabulary.DIVISION_LABELS:
        assert units.label_kind(label) == ("units", None), label
    for label in vocabulary.DEADLINE_LABELS:
        assert units.label_kind(label) == ("deadline", None), label
    for label in vocabulary.PEOPLE_LABELS:
        assert units.label_kind(label) == ("people", None), label


def test_a_role_word_with_a_unit_ending_is_a_label_in_a_line_and_a_column_header():
    for word in vocabulary.LEAD_WORDS + vocabulary.SUPPORT_WORDS:
        role = LEAD if word in vocabulary.LEAD_WORDS else SUPPORT
        assert units.label_kind(f"{word}单位") == ("units", role), word
        column = tables.LEAD_COL if role == LEAD else tables.SUPPORT_COL
        header = ["序号", "主要任务", "牵头单位" if role == SUPPORT else "", f"{word}单位"]
        assert tables.column_kinds([h for h in header if h])[-1] == column, word


def test_a_task_table_row_is_written_with_labels_the_list_reader_reads_back():
    rows = [
        ["序号", "重点任务", "牵头单位", "配合单位", "责任领导", "完成时限"],
        ["1", "推进人才工作。", "区委组织部", "区教育局", "张三", "2024年底"],
    ]
    parsed = parse_text("一、总体\n" + "\n".join(tables.table_lines(rows)) + "\n", "t")
    assert parsed.units("t/m1", LEAD) == ["区委组织部"]
    assert parsed.units("t/m1", SUPPORT) == ["区教育局"]
    assert (parsed.measures[0].leaders, parsed.measures[0].deadline) == ("张三", "2024年底")


def test_a_folder_yields_exactly_the_plan_suffixes(tmp_path):
    for suffix in (*vocabulary.PLAN_SUFFIXES, ".text", ".doc", ".csv", ""):
        (tmp_path / f"plan{suffix or '_none'}").write_text("x", encoding="utf-8")
    assert [p.suffix for p in plan_files((str(tmp_path),))] == sorted(vocabulary.PLAN_SUFFIXES)
