"""policygraph diff: measures matched by text, changes classified, every format, real plans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from policygraph.loader.parse import parse_file, parse_text

from policygraph.diff import compare
from policygraph.diff_output import page, render, write_xlsx
from tests.conftest import ROOT, SEED
from tests.fixtures.versions.edits import second_version

SEED_TEXT = SEED.read_text(encoding="utf-8")
DIFF_FIXTURES = ROOT / "tests" / "fixtures" / "diff"
REAL = ROOT / "tests" / "fixtures" / "real"

# The three edits of tests/fixtures/versions/edits.py, as the diff must list them.
THREE_EDITS = [
    ["lead changed", 9, 9, 100.0, "区外事侨务旅游局 → 区科学技术协会"],
    ["added", None, 15, None, "leads: 团区委; supports: 区人力资源和社会保障局"],
    ["deadline changed", 30, 31, 97.1, "每年 → 每季度"],
]
THREE_EDITS_SHIFT = [
    ["区人力资源和社会保障局", 18, 18, 16, 17, 1, 0, "15", ""],
    ["区科学技术协会", 0, 1, 0, 0, 1, 0, "9", ""],
    ["团区委", 0, 1, 3, 3, 1, 0, "15", ""],
    ["区外事侨务旅游局", 1, 0, 3, 3, 0, 1, "", "9"],
]


@pytest.fixture(scope="module")
def edited():
    return compare(
        parse_text(SEED_TEXT, "talent"),
        parse_text(second_version(SEED_TEXT), "talent"),
        "talent@1",
        "talent@2",
    )


def test_the_edited_bundled_plan_differs_by_exactly_its_three_edits(edited):
    assert [row[:5] for row in edited.change_rows()] == THREE_EDITS
    assert edited.shift_rows() == THREE_EDITS_SHIFT
    # the other 41 measures matched their old selves although 15 of them were renumbered
    matched = [p for p in edited.pairs if p.old and p.new]
    assert len(matched) == 42
    assert sum(p.old.number != p.new.number for p in matched) == 28


def plan(*measures: str, title: str = "某区2024年工作要点") -> str:
    return "\n".join([title, *measures]) + "\n"


def test_renumbered_moved_reworded_and_reassigned_measures_are_named_as_such():
    old = plan(
        "一、产业发展",
        "（一）工业",
        "1. 推进工业园区标准厂房建设，按不低于60%的比例用于奖励。"
        "（牵头单位：区经信局。责任单位：区财政局、区统计局）",
        "2. 开展企业家培训活动，每季度举办一期。（牵头单位：区人社局）",
        "（二）农业",
        "3. 建设高标准农田五千亩，2024年底前完成。（牵头单位：区农业农村局）",
        "4. 完善农村电商服务网点布局。（牵头单位：区商务局）",
    )
    new = plan(
        "一、产业发展",
        "（一）工业",
        "1. 开展企业家培训活动，每季度举办一期。（牵头单位：区人社局）",
        "2. 推进工业园区标准厂房建设，按不低于70%的比例用于奖励。"
        "（牵头单位：区经信局。责任单位：区财政局、区税务局）",
        "3. 完善农村电商服务网点布局。（牵头单位：区商务局）",
        "（二）农业",
        "4. 建设高标准农田八千亩，2025年6月底前完成。（牵头单位：区农业农村局、区水利局）",
    )
    changes = compare(parse_text(old, "a"), parse_text(new, "b")).changes
    got = [(c.kind, c.old, c.new, c.detail) for c in changes]
    assert got == [
        # 开展企业家培训 and 推进工业园区 swapped places: one of them is the one that moved
        ("moved", 1, 2, "order: 1 → 2 (工业)"),
        ("supports added", 1, 2, "区税务局"),
        ("supports removed", 1, 2, "区统计局"),
        ("commitment changed", 1, 2, "不低于60% → 不低于70%"),
        ("moved", 4, 3, "农业 → 工业"),
        ("reworded", 3, 4, "「五」→「八」"),
        ("lead changed", 3, 4, "区农业农村局 → 区农业农村局、区水利局"),
        ("deadline changed", 3, 4, "2024年底前 (2024-12-31) → 2025年6月底前 (2025-06-30)"),
    ]


def test_a_measure_rewritten_beyond_recognition_is_removed_and_added():
    old = plan("一、章", "1. 推进工业园区标准厂房建设。（牵头单位：区经信局）")
    new = plan("一、章", "1. 组织开展全民健身运动会。（牵头单位：区文体局）")
    diff = compare(parse_text(old, "a"), parse_text(new, "b"))
    assert [(c.kind, c.old, c.new) for c in diff.changes] == [
        ("removed", 1, None),
        ("added", None, 1),
    ]
    # 区经信局 is stored by its canonical name
    assert [row[0] for row in diff.shift_rows()] == ["区文体局", "区经济和信息化局"]


def test_every_text_format_holds_the_changes_and_the_department_shift(edited):
    data = json.loads(render(edited, "json"))
    assert [
        [c[k] for k in ("change", "old", "new", "similarity", "detail")] for c in data["changes"]
    ] == THREE_EDITS
    assert [list(d.values()) for d in data["department_shift"]] == THREE_EDITS_SHIFT
    assert data["summary"] == {"added": 1, "lead changed": 1, "deadline changed": 1}
    assert (data["old"]["label"], data["new"]["measures"]) == ("talent@1", 43)
    table = render(edited, "table", max_width=0)
    assert "1 added, 1 lead changed, 1 deadline changed" in table
    assert "区外事侨务旅游局 → 区科学技术协会" in table and "department-shift:" in table
    md = render(edited, "markdown")
    assert "| lead changed | 9 | 9 | 100.0 | 区外事侨务旅游局 → 区科学技术协会 |" in md
    assert "## Department shift" in md and "| 区科学技术协会 | 0 | 1 | 0 | 0 | 1 | 0 | 9 |  |" in md


def test_the_workbook_has_a_sheet_of_changes_and_one_of_the_department_shift(edited, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "diff.xlsx"
    write_xlsx(edited, path)
    wb = load_workbook(path)
    assert wb.sheetnames == ["changes", "department-shift"]
    rows = [list(r) for r in wb["changes"].iter_rows(values_only=True)]
    assert rows[0] == ["change", "old", "new", "similarity", "detail", "text"]
    assert [r[:5] for r in rows[1:]] == THREE_EDITS
    shift = [list(r) for r in wb["department-shift"].iter_rows(min_row=2, values_only=True)]
    assert [[v if v is not None else "" for v in r] for r in shift] == THREE_EDITS_SHIFT


def test_the_page_sets_the_versions_side_by_side_with_the_changes_marked(edited):
    html = page(edited)
    assert (
        "default-src 'none'" in html
        and "<script" not in html
        and "http" not in html.lower().replace("http-equiv", "")
    )
    assert "<del>区外事侨务旅游局" not in html  # units are no text change; they are listed
    assert "牵头：区外事侨务旅游局" in html and "牵头：区科学技术协会" in html
    assert '<tr class="added"><td class="n"></td>' in html
    assert "每<del>年</del>发布" in html and "每<ins>季度</ins>发布" in html
    assert html.count('<tr class="same">') == 40


def test_hostile_plan_text_is_escaped_in_the_page_and_stays_text_in_the_workbook(tmp_path):
    from openpyxl import load_workbook

    old = plan("一、章", "1. 推进<b>标准厂房</b>建设。（牵头单位：区经信局）")
    new = plan(
        "一、章",
        "1. 推进<script>alert(1)</script>标准厂房建设。（牵头单位：区经信局）",
        '2. =HYPERLINK("http://x","点击")开展培训。（牵头单位：区人社局）',
    )
    diff = compare(parse_text(old, "a"), parse_text(new, "b"))
    html = page(diff)
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>" not in html
    path = tmp_path / "x.xlsx"
    write_xlsx(diff, path)
    cells = [c for row in load_workbook(path)["changes"].iter_rows() for c in row]
    formula = [c for c in cells if isinstance(c.value, str) and c.value.startswith("=")]
    assert formula and all(c.data_type == "s" for c in formula)


def test_two_years_of_haishu_district_work_points_differ_as_written_by_hand():
    """tests/fixtures/diff/haishu.expected was written from the two texts before the diff ran;
    the parser reads 2023's 2.1 list (经济投资局和航空口岸局分别牵头、区发改局) as 区发改局 alone,
    and 2024's 临空航空口岸局 as 区临空航空口岸局 (elided-prefix), so those names follow it."""
    diff = compare(
        parse_file(DIFF_FIXTURES / "zhejiang-haishu-2023-workreport.txt"),
        parse_file(DIFF_FIXTURES / "zhejiang-haishu-2024-workreport.txt"),
    )
    got = [(c.kind, c.old, c.new) for c in diff.changes]
    assert got == [
        ("reworded", "1.1", "1.1"),
        ("commitment changed", "1.1", "1.1"),
        ("removed", "2.1", None),
        ("added", None, "1.2"),
        ("added", None, "2.1"),
        ("added", None, "2.2"),
        ("commitment changed", "3.1", "3.1"),
    ]
    details = {(c.kind, c.old or c.new): c.detail for c in diff.changes}
    assert details["commitment changed", "1.1"] == "− 6%"
    assert details["commitment changed", "3.1"] == "6% → 6%左右"
    assert details["reworded", "1.1"] == "+「与经济」；+「基本同步」"
    shift = {row[0]: row for row in diff.shift_rows()}
    assert shift["区财政局"][1:7] == [1, 2, 0, 0, 1, 0]
    assert shift["区发展和改革局"][5:] == [1, 1, "2.2", "2.1"]
    gained_one = (
        "区临空航空口岸局",
        "区房屋征收中心",
        "区海曙自然资源规划分局",
        "古林镇",
        "石碶街道",
    )
    assert all(shift[name][5:7] == [1, 0] for name in gained_one)
    assert len(shift) == 7


def test_two_years_of_liaoning_province_work_reports_differ_in_targets_and_supports():
    """Hand-checked: the four targets of both years match one to one; every target figure
    changed (GDP 5%以上 -> 5.5%左右, revenue 5%左右 -> 5%, industry 6%左右 -> 5.5%, investment
    10%以上 -> 10%); measure 3 gained 省委军民融合办, 省发展改革委, 省农业农村厅 and 省国资委 as
    supports, measure 4 gained 省国资委. Leads did not change."""
    diff = compare(
        parse_file(REAL / "liaoning-province-2023-workreport.txt"),
        parse_file(REAL / "liaoning-province-2024-workreport.txt"),
    )
    got = [(c.kind, c.old, c.new, c.detail) for c in diff.changes]
    assert got == [
        ("commitment changed", 1, 1, "5%以上 → 5.5%左右"),
        ("commitment changed", 2, 2, "5%左右 → 5%"),
        ("supports added", 3, 3, "省农业农村厅、省发展和改革委员会、省国资委、省委军民融合办"),
        ("commitment changed", 3, 3, "6%左右 → 5.5%"),
        ("supports added", 4, 4, "省国资委"),
        ("commitment changed", 4, 4, "10%以上 → 10%"),
    ]
    assert {row[0]: row[5] for row in diff.shift_rows()}["省国资委"] == 2


def test_the_cli_diffs_stored_versions_and_files_in_every_format(tmp_path, cli):
    from openpyxl import load_workbook

    plan_file, store = tmp_path / "talent.txt", tmp_path / "s.lbug"
    plan_file.write_text(SEED_TEXT, encoding="utf-8")
    cli("load", str(plan_file), "--store", str(store))
    edited_file = tmp_path / "edited.txt"
    edited_file.write_text(second_version(SEED_TEXT), encoding="utf-8")
    plan_file.write_text(second_version(SEED_TEXT), encoding="utf-8")
    cli("load", str(plan_file), "--store", str(store))
    base = ("--store", str(store))
    as_json = cli("diff", "talent@1", "talent", *base, "--format", "json")
    assert as_json.returncode == 0, as_json.stderr
    data = json.loads(as_json.stdout)
    assert [[c[k] for k in ("change", "old", "new")] for c in data["changes"]] == [
        r[:3] for r in THREE_EDITS
    ]
    assert (data["old"]["label"], data["new"]["label"]) == ("talent@1", "talent@2")
    # a file against a stored version: the same changes
    mixed = json.loads(cli("diff", "talent@1", str(edited_file), *base, "--format", "json").stdout)
    assert mixed["changes"] == data["changes"]
    table = cli("diff", "talent@1", "talent@2", *base)
    assert table.stdout.splitlines()[2] == "1 added, 1 lead changed, 1 deadline changed"
    md = cli("diff", "talent@1", "talent", *base, "--format", "markdown")
    assert md.stdout.startswith("# Plan diff\n")
    for fmt, name in (("xlsx", "d.xlsx"), ("html", "d.html")):
        made = cli("diff", "talent@1", "talent", *base, "--format", fmt, "-o", str(tmp_path / name))
        assert made.returncode == 0 and made.stderr == f"wrote {tmp_path / name}\n"
    assert load_workbook(tmp_path / "d.xlsx").sheetnames == ["changes", "department-shift"]
    assert "每<ins>季度</ins>发布" in (tmp_path / "d.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("nothing", "talent"),
            "Error: OLD 'nothing' is neither a file nor a plan in the store; give a plan file, "
            "or a stored plan as ID or ID@VERSION (`policygraph report plan-versions` lists them).",
        ),
        (("talent@4", "talent"), "Error: plan 'talent' has no version 4; the store holds 1."),
        (
            ("talent", "talent", "--format", "xlsx"),
            "Error: --format xlsx writes a file: name it with -o FILE.xlsx.",
        ),
        (
            ("talent", "talent", "--format", "html", "-o", "d.txt"),
            "Error: --format html writes a .html file; name the output d.html.",
        ),
    ],
)
def test_a_bad_side_or_output_is_one_error_line(tmp_path, cli, args, message):
    plan_file, store = tmp_path / "talent.txt", tmp_path / "s.lbug"
    plan_file.write_text(SEED_TEXT, encoding="utf-8")
    cli("load", str(plan_file), "--store", str(store))
    result = cli("diff", *args, "--store", str(store), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == message + "\n"


def test_a_plan_id_with_no_store_to_find_it_in_says_so(tmp_path, cli):
    result = cli("diff", "talent", "talent@2", "--store", str(tmp_path / "none.lbug"))
    assert result.returncode == 1
    assert result.stderr.startswith("Error: OLD 'talent' is no file, and the store to find it in")


def test_identical_plans_have_no_changes():
    parsed = parse_text(SEED_TEXT, "talent")
    diff = compare(parsed, parse_text(SEED_TEXT, "other"))
    assert diff.changes == [] and diff.shift_rows() == []
    assert "no changes" in render(diff, "table")
    assert Path(SEED).exists()


def test_the_api_compares_files_parsed_plans_and_stored_versions(tmp_path):
    from policygraph.loader.errors import InputError

    import policygraph as pg

    first = parse_text(SEED_TEXT, "talent")
    edited = tmp_path / "edited.txt"
    edited.write_text(second_version(SEED_TEXT), encoding="utf-8")
    assert [r[:3] for r in pg.compare_plans(first, edited).change_rows()] == [
        r[:3] for r in THREE_EDITS
    ]
    with pytest.raises(InputError, match="needs a store"):
        pg.compare_plans("talent@1", edited)
    with pg.open_store(tmp_path / "s.lbug") as store:
        store.load(first)
        store.load(parse_text(second_version(SEED_TEXT), "talent"))
        diff = pg.compare_plans("talent@1", "talent", store=store)
        assert (diff.old_label, diff.new_label) == ("talent@1", "talent@2")
        assert [r[:5] for r in diff.change_rows()] == THREE_EDITS
