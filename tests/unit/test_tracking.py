"""Progress back in (`policygraph progress import`) and the reports that judge it, on the real
plan with a 完成时限 column (大竹县 2016 民生实事) and the bundled plan. The filled copies are made
here with openpyxl, the way departments fill them: rows shuffled, a blank line, a task edited.
Answers were worked out by hand from the plan's deadlines."""

from __future__ import annotations

import random
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from policygraph.loader.parse import parse_file
from policygraph.loader.stores.embedded import EmbeddedStore
from policygraph.queries import run_report

from policygraph.cli import cli as pg_cli
from tests.conftest import ROOT, SEED

REAL = ROOT / "tests" / "fixtures" / "real" / "sichuan-dazhu-2016-livelihood.txt"
DAZHU = "sichuan-dazhu-2016-livelihood"
SEED_ID = "ziliujing_talent_plan"
# measure number -> (完成状态, 进展情况) as the departments report on 2016-10-15
FILLED = {
    1: ("推进中", "东柳河一期完工"),
    2: ("已完成", "两座天桥9月投用"),
    3: ("滞后", "选址未定"),
    4: ("已完成", "5月动工"),
    5: ("推进中", ""),
    9: ("已完成", "完成2836户"),
}


def invoke(*args):
    return CliRunner().invoke(pg_cli, [str(a) for a in args])


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "graph.lbug"
    with EmbeddedStore(path) as graph:
        graph.load_many([parse_file(SEED), parse_file(REAL)])
    return path


def ledger(store, tmp_path, name="ledger.xlsx", plan=DAZHU):
    out = tmp_path / name
    result = invoke("ledger", "--plan", plan, "-o", out, "--store", store)
    assert result.exit_code == 0, result.output
    return out


def fill(path, out, filled=FILLED, edit=True, seed=7):
    """Fill a ledger as a department does: rows shuffled, a blank line, one task edited (every
    task sheet of a workbook written --by department)."""
    wb = load_workbook(path)
    for ws in wb.worksheets:
        if ws.title != "汇总":
            _fill_sheet(ws, filled, edit, seed)
    wb.save(out)
    return out


def _fill_sheet(ws, filled, edit, seed):
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
    random.Random(seed).shuffle(rows)
    ws.delete_rows(3, ws.max_row)
    for row in rows:
        status, note = filled.get(row[0], ("", ""))
        row[5], row[6] = note or None, status or None
        if edit and row[0] == 3:
            row[1] = "启动县图书馆新馆建设（选址调整中）"  # the task text edited
    rows.insert(min(2, len(rows)), [None] * 9)  # a blank line
    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value)


def records(store, name, **params):
    with EmbeddedStore(store, read_only=True) as graph:
        return run_report(graph, name, params).records()


def test_a_filled_copy_shuffled_with_a_blank_line_and_an_edited_task_imports(store, tmp_path):
    filled = fill(ledger(store, tmp_path), tmp_path / "filled.xlsx")
    result = invoke(
        "progress",
        "import",
        filled,
        "--as-of",
        "2016-10-15",
        "--reported-by",
        "督查室",
        "--store",
        store,
    )
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"imported 6 progress records of plan {DAZHU} from filled.xlsx; "
        "4 rows of a measure left empty\n"
    )
    history = records(store, "measure-history", measure=3, plan=DAZHU)
    assert [(h["as_of"], h["status"], h["note"], h["reported_by"]) for h in history] == [
        ("2016-10-15", "late", "选址未定", "督查室")
    ]


def test_overdue_and_department_progress_judge_the_latest_report(store, tmp_path):
    filled = fill(ledger(store, tmp_path), tmp_path / "filled.xlsx")
    assert (
        invoke("progress", "import", filled, "--as-of", "2016-10-15", "--store", store).exit_code
        == 0
    )
    # On 2016-11-01 only measure 2 (9月投入使用, due 09-30) and 4 (5月底前动工, due 05-31) are
    # past due, and both were reported 已完成: nothing is overdue.
    assert records(store, "overdue-measures", as_of="2016-11-01") == []
    # On 2017-01-05 everything due 12-31 and not 已完成 is overdue by 5 days: 1, 3, 5-8, 10.
    overdue = records(store, "overdue-measures", as_of="2017-01-05", plan=DAZHU)
    assert [(r["number"], r["days_overdue"], r["status"]) for r in overdue] == [
        (1, 5, "in_progress"),
        (3, 5, "late"),
        (5, 5, "in_progress"),
        (6, 5, None),
        (7, 5, None),
        (8, 5, None),
        (10, 5, None),
    ]
    assert overdue[0]["leads"] == ["县水务局"]
    progress = {
        r["department"]: r
        for r in records(store, "department-progress", as_of="2017-01-05", plan=DAZHU)
    }
    # 县住房和城乡建设局 leads 2 (已完成) and 9 (已完成), supports 1 (推进中, overdue).
    housing = progress["县住房和城乡建设局"]
    assert (housing["measures"], housing["leads"], housing["done"], housing["in_progress"]) == (
        3,
        2,
        2,
        1,
    )
    assert (housing["overdue"], housing["signal"]) == (1, "red")
    disabled = progress["县残疾人联合会"]  # written 县残联
    assert (disabled["done"], disabled["signal"]) == (1, "green")
    assert progress["县文体广新局"]["late"] == 1


def test_a_later_report_adds_to_the_history_and_wins(store, tmp_path):
    blank = ledger(store, tmp_path)
    first = fill(blank, tmp_path / "june.xlsx")
    later = fill(blank, tmp_path / "dec.xlsx", {1: ("已完成", "全面完工")}, seed=3)
    for path, day in ((first, "2016-10-15"), (later, "2016-12-20")):
        assert invoke("progress", "import", path, "--as-of", day, "--store", store).exit_code == 0
    history = records(store, "measure-history", measure=1, plan=DAZHU)
    assert [(h["as_of"], h["status"]) for h in history] == [
        ("2016-10-15", "in_progress"),
        ("2016-12-20", "done"),
    ]
    overdue = {r["number"] for r in records(store, "overdue-measures", as_of="2017-01-05")}
    assert 1 not in overdue and 3 in overdue
    # judged as of a day before the later report, the earlier one still counts (县水务局
    # leads 1 and 7; 7 was never reported)
    for day, done, going in (("2016-12-19", 0, 1), ("2017-01-05", 1, 0)):
        rows = records(store, "department-progress", as_of=day, plan=DAZHU)
        water = next(r for r in rows if r["department"] == "县水务局")
        assert (water["done"], water["in_progress"], water["unreported"]) == (done, going, 1)


def test_unknown_statuses_and_unmatched_rows_are_reported_by_row_and_nothing_is_stored(
    store, tmp_path
):
    path = fill(ledger(store, tmp_path), tmp_path / "bad.xlsx", edit=False)
    wb = load_workbook(path)
    ws = wb.active
    ws.cell(row=3, column=7, value="差不多了")
    ws.cell(row=4, column=9).value = None  # the measure id cleared ...
    ws.cell(row=4, column=2, value="一项计划里没有的任务")  # ... and the task rewritten
    ws.cell(row=4, column=7, value="推进中")
    wb.save(path)
    result = invoke("progress", "import", path, "--store", store)
    assert result.exit_code == 1
    assert result.output == (
        "Error: bad.xlsx: 2 row(s) cannot be imported, so nothing of the file was: "
        "sheet 督查台账 row 3: unknown status '差不多了'; "
        "write one of 未启动、推进中、已完成、滞后; "
        f"sheet 督查台账 row 4: matches no measure of plan {DAZHU} (no measure id in column "
        "measure_id, and the task text is not one measure's).\n"
    )
    with EmbeddedStore(store, read_only=True) as graph:
        assert graph.counts()["Progress"] == 0


def test_a_ledger_of_another_plan_is_refused(store, tmp_path):
    other = tmp_path / "other.lbug"
    with EmbeddedStore(other) as graph:
        graph.load(parse_file(SEED))
    filled = fill(ledger(store, tmp_path), tmp_path / "filled.xlsx")
    result = invoke("progress", "import", filled, "--store", other)
    assert result.exit_code == 1
    assert result.output == (
        f"Error: filled.xlsx is a ledger of plan {DAZHU}, which is not in this store; load "
        "that plan first or import the file into its store.\n"
    )


def test_a_file_that_is_no_workbook_is_refused_in_one_line(store, tmp_path):
    fake = tmp_path / "fake.xlsx"
    fake.write_text("序号,工作任务\n", encoding="utf-8")
    result = invoke("progress", "import", fake, "--store", store)
    assert result.exit_code == 1 and result.output.startswith("Error: fake.xlsx: cannot read it")


def test_a_copy_saved_by_another_office_suite_imports(store, tmp_path, request):
    """WPS and LibreOffice rewrite the whole file on saving (shared strings, styles, their own
    metadata): a copy saved by LibreOffice Calc stands in for one saved by WPS."""
    soffice = shutil.which("soffice")
    if not soffice:
        if request.config.getoption("--require-office"):
            pytest.fail("LibreOffice is required (--require-office) but soffice is missing")
        pytest.skip("no LibreOffice")
    filled = fill(ledger(store, tmp_path), tmp_path / "filled.xlsx")
    resaved = tmp_path / "resaved"
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(resaved),
            str(filled),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    result = invoke(
        "progress", "import", resaved / "filled.xlsx", "--as-of", "2016-10-15", "--store", store
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("imported 6 progress records")
    assert records(store, "overdue-measures", as_of="2016-11-01") == []


def test_the_overview_colours_measures_by_their_latest_status(store, tmp_path):
    from policygraph.views import STATUS_COLORS, build_view

    filled = fill(ledger(store, tmp_path), tmp_path / "filled.xlsx")
    assert (
        invoke("progress", "import", filled, "--as-of", "2016-10-15", "--store", store).exit_code
        == 0
    )
    with EmbeddedStore(store, read_only=True) as graph:
        view = build_view(graph, "overview", plan=DAZHU, color_by="status", as_of="2016-11-01")
    colors = {n["label"]: n["color"] for n in view.net.nodes if n["id"].startswith("m:")}
    # on 2016-11-01 nothing undone is past due: 1 推进中, 3 滞后, 6/7/8/10 not reported
    assert colors["1"] == STATUS_COLORS["in_progress"][0]
    assert colors["2"] == colors["4"] == colors["9"] == STATUS_COLORS["done"][0]
    assert colors["3"] == STATUS_COLORS["late"][0] and colors["7"] == STATUS_COLORS[""][0]
    with EmbeddedStore(store, read_only=True) as graph:
        later = build_view(graph, "overview", plan=DAZHU, color_by="status", as_of="2017-01-05")
    red = {n["label"] for n in later.net.nodes if n["color"] == STATUS_COLORS["overdue"][0]}
    assert red == {"1", "3", "5", "6", "7", "8", "10"}
    assert "no report yet" not in {item["text"] for item in later.legend}


def test_the_readme_loop_runs_as_written(tmp_path, monkeypatch):
    """The five commands of README.md's ledger section, in a fresh folder, with the filled copy
    made between `ledger` and `progress import` as a department would."""
    import re
    import shlex

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The supervision ledger")[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    commands = [shlex.split(line.split("#")[0]) for line in block.splitlines() if line.strip()]
    assert len(commands) == 5 and all(c[0] == "policygraph" for c in commands)
    monkeypatch.chdir(tmp_path)
    shutil.copy(REAL, tmp_path / "dazhu.txt")
    outputs = []
    for command in commands:
        if command[1:3] == ["progress", "import"]:
            fill(tmp_path / "台账.xlsx", tmp_path / command[3])
        result = CliRunner().invoke(pg_cli, command[1:])
        assert result.exit_code == 0, (command, result.output)
        outputs.append(result.output)
    assert "县水务局" in outputs[3] and "red" in outputs[4]


def test_a_date_parameter_is_checked_and_empty_means_today(store):
    from datetime import date

    result = invoke("report", "overdue-measures", "-p", "as_of=2024-13-01", "--store", store)
    assert result.exit_code == 1
    assert result.output == (
        "Error: parameter 'as_of' of report overdue-measures must be a date such as "
        "2024-07-01, not '2024-13-01'.\n"
    )
    today = date.today().isoformat()
    assert records(store, "department-progress") == records(
        store, "department-progress", as_of=today
    )
    assert records(store, "measure-status", plan=DAZHU)[0]["overdue"] is True  # 2016 is past


def test_the_bundled_plans_ledger_comes_back_too(store, tmp_path):
    filled = fill(ledger(store, tmp_path, plan=SEED_ID), tmp_path / "seed-filled.xlsx")
    result = invoke("progress", "import", filled, "--as-of", "2024-03-31", "--store", store)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"imported 6 progress records of plan {SEED_ID} ")
    history = records(store, "measure-history", measure=3, plan=SEED_ID)
    assert [(h["status"], h["note"]) for h in history] == [("late", "选址未定")]
    # the bundled plan gives no dated deadline (only 每年), so nothing of it is ever overdue
    assert records(store, "overdue-measures", as_of="2099-01-01", plan=SEED_ID) == []


def test_a_departments_own_ledger_names_who_reported(store, tmp_path):
    out = tmp_path / "water.xlsx"
    result = invoke(
        "ledger", "--plan", DAZHU, "--department", "县水务局", "-o", out, "--store", store
    )
    assert result.exit_code == 0, result.output
    filled = fill(out, tmp_path / "water-filled.xlsx")
    assert (
        invoke("progress", "import", filled, "--as-of", "2016-10-15", "--store", store).exit_code
        == 0
    )
    history = records(store, "measure-history", measure=1, plan=DAZHU)
    assert [(h["reported_by"], h["status"]) for h in history] == [("县水务局", "in_progress")]


def test_each_department_sheet_is_recorded_as_reported_by_its_department(store, tmp_path):
    out = tmp_path / "by.xlsx"
    result = invoke("ledger", "--plan", DAZHU, "--by", "department", "-o", out, "--store", store)
    assert result.exit_code == 0, result.output
    filled = fill(out, tmp_path / "by-filled.xlsx", {1: ("推进中", "")})
    assert (
        invoke("progress", "import", filled, "--as-of", "2016-10-15", "--store", store).exit_code
        == 0
    )
    history = records(store, "measure-history", measure=1, plan=DAZHU)
    # measure 1: 县水务局 leads, 县住房和城乡建设局 and 县护城河指挥部 support; each sheet reports
    assert sorted(h["reported_by"] for h in history) == [
        "县住房和城乡建设局",
        "县护城河指挥部",
        "县水务局",
    ]
