"""policygraph search and pg.search on the bundled plan. The expected measures were counted by
hand in data/ziliujing_talent_plan.txt (the measure's text only, not its departments):
企业家 is in 6 (four times) and 5 (twice); 创业 and 金融 together in 35 (1 + 2) and 36 (1 + 1);
职称 in 15 (five times, lead 区人力资源和社会保障局) and 25 (once, 区财政局 supports it); the first
match in 36 is 金融, 59 characters in."""

from __future__ import annotations

import csv
import io
import json

import pytest
from policygraph.loader.errors import InputError, ReportError

import policygraph as pg


@pytest.fixture(scope="module")
def graph(seed_store_file):
    with pg.open_store(seed_store_file, read_only=True) as store:
        yield store


def found(result) -> list[tuple[int, int]]:
    records = result.records()
    return [(r["number"], r["hits"]) for r in records]


def test_the_api_finds_the_measures_holding_a_word_most_occurrences_first(graph):
    result = pg.search(graph, "企业家")
    assert found(result) == [(6, 4), (5, 2)]
    six = result.records()[0]
    assert six["theme"] == "加大企业家队伍建设力度"
    assert six["leads"] == ["区工商业联合会", "区科技经信局"]
    assert six["text"][six["start"] : six["end"]] == "企业家" and six["start"] == 11
    assert six["snippet"].startswith("充分发挥工商联、商会、【企业家】协会")
    assert six["snippet"].count("【企业家】") == 3 and six["snippet"].endswith("…")


def test_several_words_must_all_be_in_a_measure(graph):
    assert found(pg.search(graph, "创业 金融")) == [(35, 3), (36, 2)]
    # a full-width space splits too, and a repeated term counts once
    assert found(pg.search(graph, "创业\u3000金融 金融")) == [(35, 3), (36, 2)]
    assert found(pg.search(graph, "企业家 金融")) == []


def test_the_department_filter_keeps_the_measures_it_leads_or_supports_by_alias_too(graph):
    assert found(pg.search(graph, "职称")) == [(15, 5), (25, 1)]
    assert found(pg.search(graph, "职称", department="区财政局")) == [(25, 1)]
    assert found(pg.search(graph, "职称", department="区人社局")) == [(15, 5), (25, 1)]


def test_an_empty_query_and_unknown_filters_are_errors_naming_the_closest(graph):
    with pytest.raises(InputError, match="the search is empty"):
        pg.search(graph, "  \u3000")
    with pytest.raises(ReportError, match="no department '区财政厅' in the store .did you mean"):
        pg.search(graph, "职称", department="区财政厅")
    with pytest.raises(ReportError, match="no plan 'ziliujing' in the store .did you mean"):
        pg.search(graph, "职称", plan="ziliujing")


def test_the_command_marks_the_match_in_the_table(cli, seed_store_file):
    result = cli("search", "企业家", "--store", str(seed_store_file))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["plan", "number", "theme", "leads", "hits", "snippet"]
    assert [line.split()[1] for line in lines[2:]] == ["6", "5"]
    assert "【企业家】协会" in lines[2] and result.stderr == ""


def test_the_command_writes_json_and_csv_with_the_offsets(cli, seed_store_file):
    store = ["--store", str(seed_store_file)]
    result = cli("search", "创业", "金融", *store, "--format", "json")
    rows = json.loads(result.stdout)
    assert [(r["number"], r["start"], r["end"]) for r in rows] == [(35, 2, 4), (36, 59, 61)]
    assert rows[0]["snippet"].startswith("建立【创业】项目和【金融】资本")
    result = cli("search", "职称", "--department", "区人社局", *store, "--format", "csv")
    table = list(csv.reader(io.StringIO(result.stdout)))
    assert table[0] == [
        "plan", "number", "theme", "leads", "hits", "text", "start", "end", "snippet"
    ]  # fmt: skip
    assert [row[1] for row in table[1:]] == ["15", "25"]


def test_no_match_is_an_empty_answer_with_a_note_and_bad_input_one_error_line(cli, seed_store_file):
    store = ["--store", str(seed_store_file)]
    result = cli("search", "人才公寓", *store, "--format", "json")
    assert (result.returncode, json.loads(result.stdout)) == (0, [])
    assert result.stderr == "no measure contains 人才公寓.\n"
    for args, message in [
        ([""], "Error: the search is empty"),
        (["职称", "--department", "区财政厅"], "Error: no department '区财政厅' in the store"),
        (["职称", "--plan", "zili"], "Error: no plan 'zili' in the store"),
    ]:
        result = cli("search", *args, *store)
        assert result.returncode == 1 and result.stderr.startswith(message), result.stderr
        assert len(result.stderr.splitlines()) == 1


def test_xlsx_is_one_sheet_of_every_column_with_the_marked_snippet(cli, tmp_path, seed_store_file):
    from openpyxl import load_workbook

    out = tmp_path / "企业家.xlsx"
    result = cli(
        "search", "企业家", "--store", str(seed_store_file), "--format", "xlsx", "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[1]][-3:] == ["start", "end", "snippet"]
    assert [sheet.cell(r, 2).value for r in (2, 3)] == [6, 5]
    assert sheet.cell(2, 9).value.startswith("充分发挥工商联、商会、【企业家】")


def test_a_snippet_marks_the_longer_of_two_overlapping_terms_and_shows_its_cuts():
    from policygraph.loader.stores.base import QueryResult

    from policygraph.text_search import with_matches

    text = "前" * 20 + "建立人才库，引进人才。" + "后" * 40
    marked = with_matches(QueryResult(["text"], [[text]]), ["人才", "人才库"]).records()[0]
    # the first match, 人才库, whole; 12 characters before it and 30 after its end
    assert (marked["start"], marked["end"]) == (22, 25)
    assert marked["snippet"] == (
        "…" + "前" * 10 + "建立【人才库】，引进【人才】。" + "后" * 24 + "…"
    )
