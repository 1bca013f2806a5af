"""The supervision ledger out (`policygraph ledger`) on the bundled plan and a real plan with a
完成时限 column (大竹县 2016 民生实事, tests/fixtures/real/): the workbook's layout, what
LibreOffice Calc reads from it cell by cell, the Word table, and text that looks like a formula.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook
from policygraph.loader.parse import parse_file, parse_text
from policygraph.loader.stores.embedded import EmbeddedStore

from policygraph.cli import cli as pg_cli
from policygraph.ledger import HEADERS, ID_HEADER, build_ledger, put
from tests.conftest import ROOT, SEED

REAL = ROOT / "tests" / "fixtures" / "real" / "sichuan-dazhu-2016-livelihood.txt"
DAZHU = "sichuan-dazhu-2016-livelihood"
SEED_ID = "ziliujing_talent_plan"
HOSTILE = """\
某区工作方案
一、任务
1. =HYPERLINK("http://example.com","点我")开展督查。（牵头单位：区政府办。完成时限：2024年6月底前）
2. +1 加强统筹。（牵头单位：区财政局）
3. -1 清理欠款。（牵头单位：区财政局）
4. @SUM(A1:A2) 完善台账。（牵头单位：区政府办）
"""


@pytest.fixture(scope="module")
def store_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("ledger") / "graph.lbug"
    with EmbeddedStore(path) as store:
        store.load_many([parse_file(SEED), parse_file(REAL), parse_text(HOSTILE, "hostile")])
    return path


@pytest.fixture(scope="module")
def written(store_file, tmp_path_factory):
    """The ledgers the CLI writes: each plan's, by department, and Word."""
    out = tmp_path_factory.mktemp("out")
    runner = CliRunner()
    files = {
        "seed": ["--plan", SEED_ID, "-o", str(out / "seed.xlsx")],
        "real": ["--plan", DAZHU, "-o", str(out / "real.xlsx")],
        "by": ["--plan", DAZHU, "--by", "department", "--as-of", "2016-11-01"],
        "hostile": ["--plan", "hostile", "-o", str(out / "hostile.xlsx")],
        "docx": ["--plan", DAZHU, "-o", str(out / "real.docx")],
        "seed-docx": ["--plan", SEED_ID, "--format", "docx", "-o", str(out / "seed.docx")],
    }
    files["by"] += ["-o", str(out / "by.xlsx")]
    for args in files.values():
        result = runner.invoke(pg_cli, ["ledger", *args, "--store", str(store_file)])
        assert result.exit_code == 0, result.output
    return {name: Path(args[-1]) for name, args in files.items()}


def expected_rows(store_file, plan):
    with EmbeddedStore(store_file, read_only=True) as store:
        ledger = build_ledger(store, plan=plan)
    return ledger, [row.cells() for row in ledger.rows]


def test_the_workbook_has_the_layout_offices_use(written, store_file):
    ws = load_workbook(written["real"]).active
    ledger, rows = expected_rows(store_file, DAZHU)
    assert ws["A1"].value == ledger.title and "A1:H1" in {str(r) for r in ws.merged_cells.ranges}
    assert [c.value for c in ws[2]] == [*HEADERS, ID_HEADER]
    assert [[c.value for c in row] for row in ws.iter_rows(min_row=3)] == [
        [v if v != "" else None for v in r] for r in rows
    ]
    assert ws.freeze_panes == "A3" and ws.print_title_rows == "$2:$2"
    assert (ws.page_setup.orientation, ws.page_setup.paperSize) == ("landscape", 9)  # A4
    assert ws.column_dimensions["I"].hidden and not ws.column_dimensions["B"].hidden
    assert ws.column_dimensions["B"].width > 2 * ws.column_dimensions["E"].width
    assert ws["B3"].alignment.wrap_text and ws.row_dimensions[3].height >= 15
    (status,) = ws.data_validations.dataValidation
    assert status.formula1 == '"未启动,推进中,已完成,滞后"' and str(status.sqref) == "G3:G12"


def test_the_real_plans_deadline_column_reaches_the_ledger():
    plan = parse_file(REAL)
    assert [m.deadline for m in plan.measures][:5] == [
        "12月底前",
        "9月投入使用",
        "12月底前",
        "5月底前动工",
        "5月底前动工；12月底前",
    ]


def test_by_department_gives_a_summary_and_one_sheet_per_department(written, store_file):
    wb = load_workbook(written["by"])
    assert wb.sheetnames[0] == "汇总" and len(wb.sheetnames) == 11
    summary = [[c.value for c in r] for r in wb["汇总"].iter_rows(min_row=2)]
    assert summary[0] == ["单位", "牵头任务", "配合任务", "本季度到期", "已逾期"]
    # 县住建局 (县住房和城乡建设局 after aliases) leads 2 and 9, supports 1: due 2016-09-30 is
    # overdue on 2016-11-01 (nothing reported), the two due 12-31 fall in that quarter.
    assert ["县住房和城乡建设局", 2, 1, 2, 1] in summary
    numbers = [r[0].value for r in wb["县水务局"].iter_rows(min_row=3)]
    assert numbers == [1, 7]


def test_formula_looking_plan_text_stays_text(written):
    ws = load_workbook(written["hostile"]).active
    tasks = [ws.cell(row=r, column=2) for r in range(3, 7)]
    assert [c.value[:1] for c in tasks] == ["=", "+", "-", "@"]
    assert all(c.data_type == "s" and c.quotePrefix for c in tasks)


def test_put_never_writes_a_formula_and_drops_characters_a_workbook_cannot_hold():
    from openpyxl import Workbook

    ws = Workbook().active
    cell = put(ws, 1, 1, "=1+1\x07")
    assert (cell.value, cell.data_type) == ("=1+1", "s")


def test_the_word_table_is_a4_landscape_with_a_repeated_header(written, store_file):
    doc = Document(str(written["docx"]))
    section = doc.sections[0]
    assert section.page_width > section.page_height
    (table,) = doc.tables
    _, rows = expected_rows(store_file, DAZHU)
    assert [c.text for c in table.rows[0].cells] == list(HEADERS)
    assert [[c.text for c in r.cells] for r in table.rows[1:]] == [
        [str(v) for v in r[: len(HEADERS)]] for r in rows
    ]
    assert table.rows[0]._tr.trPr.xml.count("tblHeader") == 1
    fonts = table.rows[1].cells[1].paragraphs[0].runs[0]._element.rPr.rFonts
    assert (
        fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
        == "仿宋"
    )


def test_the_bundled_plans_word_table_has_every_measure(written, store_file):
    (table,) = Document(str(written["seed-docx"])).tables
    _, rows = expected_rows(store_file, SEED_ID)
    assert len(rows) == 42
    assert [[c.text for c in r.cells] for r in table.rows[1:]] == [
        [str(v) for v in r[: len(HEADERS)]] for r in rows
    ]


def test_a_ledger_of_a_store_with_several_plans_needs_plan(store_file, tmp_path):
    result = CliRunner().invoke(
        pg_cli, ["ledger", "-o", str(tmp_path / "x.xlsx"), "--store", str(store_file)]
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: the store holds 3 plans (")
    assert result.output.rstrip().endswith("choose it with --plan ID.")


def test_report_writes_any_report_as_a_sheet_and_refuses_text_into_xlsx(store_file, tmp_path):
    runner = CliRunner()
    out = tmp_path / "d.xlsx"
    args = ["report", "deadlines", "-p", f"plan={DAZHU}", "--store", str(store_file)]
    result = runner.invoke(pg_cli, [*args, "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    ws = load_workbook(out).active
    assert [c.value for c in ws[1]][:4] == ["plan", "number", "due", "deadline"]
    assert ws.max_row == 11 and ws["C2"].value == "2016-05-31"
    result = runner.invoke(pg_cli, [*args, "--format", "csv", "-o", str(tmp_path / "e.xlsx")])
    assert result.exit_code == 1 and not (tmp_path / "e.xlsx").exists()
    assert result.output == (
        f"Error: cannot write text into {tmp_path / 'e.xlsx'}: a .xlsx file would not open; "
        "use --format xlsx (policygraph report) or a .csv, .json, .md or .txt file name.\n"
    )


# -- LibreOffice Calc, headless: what a spreadsheet user sees -------------------------------
@pytest.fixture(scope="module")
def soffice(request):
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        if request.config.getoption("--require-office"):
            pytest.fail("LibreOffice is required (--require-office) but soffice is missing")
        pytest.skip("no LibreOffice (apt-get install libreoffice-calc)")
    return found


def convert(soffice, files, out, target):
    """Convert with a throwaway LibreOffice profile (concurrent runs do not share one)."""
    profile = (out / "profile").resolve().as_uri()
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation={profile}",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(out)},
    )


# CSV export: comma, double quotes, UTF-8 (76), raw values (not as shown), no formulas, every
# sheet to a file of its own (-1; LibreOffice 7.2 and later).
CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def as_shown(rows):
    return [["" if v is None else str(v) for v in r] for r in rows]


def test_libreoffice_calc_reads_every_cell_as_written(written, store_file, soffice, tmp_path):
    convert(
        soffice, [written["seed"], written["real"], written["hostile"]], tmp_path, CSV_ALL_SHEETS
    )
    for name, plan in (("seed", SEED_ID), ("real", DAZHU), ("hostile", "hostile")):
        ledger, rows = expected_rows(store_file, plan)
        (sheet,) = tmp_path.glob(f"{name}-*.csv")
        got = read_csv(sheet)
        assert got[0] == [ledger.title] + [""] * len(HEADERS)
        assert got[1] == [*HEADERS, ID_HEADER]
        assert got[2:] == as_shown(rows), name
    hostile = read_csv(next(tmp_path.glob("hostile-*.csv")))
    assert hostile[2][1].startswith('=HYPERLINK("http://example.com","点我")')


def test_libreoffice_reads_the_department_sheets_and_the_word_file(
    written, store_file, soffice, tmp_path
):
    from datetime import date

    convert(soffice, [written["by"]], tmp_path, CSV_ALL_SHEETS)
    with EmbeddedStore(store_file, read_only=True) as store:
        ledger = build_ledger(store, plan=DAZHU, by_department=True, as_of=date(2016, 11, 1))
    sheets = {p.stem.removeprefix("by-") for p in tmp_path.glob("by-*.csv")}
    assert sheets == {"汇总", *(name for name, _ in ledger.sheets)}
    summary = read_csv(tmp_path / "by-汇总.csv")
    assert summary[2:] == as_shown(ledger.summary)
    for name, rows in ledger.sheets:
        got = read_csv(tmp_path / f"by-{name}.csv")
        assert got[2:] == as_shown([row.cells() for row in rows]), name
    convert(soffice, [written["docx"]], tmp_path, "txt:Text (encoded):UTF8")
    text = (tmp_path / "real.txt").read_text(encoding="utf-8-sig")
    assert "完成时限" in text and "5月底前动工；12月底前" in text
