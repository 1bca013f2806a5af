"""The supervision ledger (督查台账): a plan's task list as the workbook supervision offices
send out (序号 / 工作任务 / 牵头单位 / 责任单位 / 完成时限 / 进展情况 / 完成状态 / 备注), as a Word
table, and any report as a sheet.

Plan text is untrusted: every text cell is written as text (never a formula, whatever it starts
with) and characters a workbook cannot hold are dropped. openpyxl writes the workbook and
policygraph.tracking reads the filled copies back with it; a hidden column keeps each row's
measure id so a copy can be matched whatever people did to the rows.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from wcwidth import wcswidth

from policygraph.loader.errors import InputError
from policygraph.loader.model import STATUS_WORDS
from policygraph.loader.stores.base import Store
from policygraph.loader.stores.read import plan_titles
from policygraph.queries import run_report

HEADERS = ("序号", "工作任务", "牵头单位", "责任单位", "完成时限", "进展情况", "完成状态", "备注")
ID_HEADER = "measure_id"  # the hidden last column: what a filled copy is matched by
WIDTHS = (6, 56, 18, 24, 14, 30, 10, 14, 24)
STATUS_COLUMN = HEADERS.index("完成状态") + 1
SUMMARY = "汇总"
TASK_SHEET = "督查台账"  # the sheet of a whole plan's ledger
SUMMARY_HEADERS = ("单位", "牵头任务", "配合任务", "本季度到期", "已逾期")
TITLE_FONT = Font(name="黑体", size=16, bold=True)
HEADER_FONT = Font(name="黑体", size=11, bold=True)
BODY_FONT = Font(name="仿宋", size=11)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LINE_HEIGHT = 15  # points per line of 11-point text
FORMULA_STARTS = ("=", "+", "-", "@")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


@dataclass
class LedgerRow:
    measure_id: str
    number: int
    task: str
    leads: list[str]
    supports: list[str]
    deadline: str
    due: str

    def cells(self) -> list[Any]:
        """The row as written: the eight headed columns, then the hidden measure id."""
        return [
            self.number,
            self.task,
            "、".join(self.leads),
            "、".join(self.supports),
            self.deadline,
            "",
            "",
            "",
            self.measure_id,
        ]


@dataclass
class Ledger:
    plan: str
    title: str
    rows: list[LedgerRow]
    department: str = ""
    # With --by department: (department, its rows) in 汇总 order, and the 汇总 rows.
    sheets: list[tuple[str, list[LedgerRow]]] = field(default_factory=list)
    summary: list[list[Any]] = field(default_factory=list)
    as_of: date | None = None


def build_ledger(
    store: Store,
    *,
    plan: str | None = None,
    department: str = "",
    jurisdiction: str = "",
    by_department: bool = False,
    as_of: date | None = None,
) -> Ledger:
    """The ledger of one plan (the only one in the store unless `plan` names it), of one
    department's measures when `department` is given; InputError when there is none."""
    plans = plan_titles(store)
    if not plans:
        raise InputError("the store holds no plan; load one first: policygraph load PLAN")
    if plan is None:
        if len(plans) > 1:
            some = ", ".join(sorted(plans)[:5]) + (" …" if len(plans) > 5 else "")
            raise InputError(
                f"the store holds {len(plans)} plans ({some}); a ledger is of one plan: "
                "choose it with --plan ID."
            )
        plan = next(iter(plans))
    if plan not in plans:
        raise InputError(f"no plan {plan!r} in the store; `policygraph report plans` lists them.")
    params = {"plan": plan, "department": department, "jurisdiction": jurisdiction}
    rows = [
        LedgerRow(
            r["id"],
            r["number"],
            r["text"] or "",
            r["leads"],
            r["supports"],
            r["deadline"] or "",
            r["due"] or "",
        )
        for r in run_report(store, "ledger", params).records()
    ]
    if department and not rows:
        raise InputError(
            f"{department} leads or supports no measure of plan {plan}; "
            f"`policygraph report department-workload -p plan={plan}` lists its departments."
        )
    ledger = Ledger(plan, plans[plan] or plan, rows, department, as_of=as_of)
    if by_department:
        _split_by_department(store, ledger, as_of or date.today())
    return ledger


def _split_by_department(store: Store, ledger: Ledger, as_of: date) -> None:
    progress = run_report(
        store, "department-progress", {"as_of": as_of.isoformat(), "plan": ledger.plan}
    ).records()
    overdue = {r["department"]: r["overdue"] for r in progress}
    start = date(as_of.year, 3 * ((as_of.month - 1) // 3) + 1, 1).isoformat()
    end = _quarter_end(as_of).isoformat()
    by_name: dict[str, list[LedgerRow]] = {}
    for row in ledger.rows:
        for name in dict.fromkeys([*row.leads, *row.supports]):
            by_name.setdefault(name, []).append(row)
    summary = []
    for name, rows in by_name.items():
        leads = sum(name in r.leads for r in rows)
        due_now = sum(start <= r.due <= end for r in rows if r.due)
        summary.append([name, leads, len(rows) - leads, due_now, overdue.get(name, 0)])
    summary.sort(key=lambda s: (-(s[1] + s[2]), s[0]))
    ledger.summary = summary
    ledger.sheets = [(s[0], by_name[s[0]]) for s in summary]
    ledger.as_of = as_of


def _quarter_end(day: date) -> date:
    month = 3 * ((day.month - 1) // 3) + 3
    return date(day.year, month, 31 if month in (3, 12) else 30)


# -- cells ----------------------------------------------------------------------------------
def clean(value: Any) -> Any:
    """A value a workbook can hold: lists joined by 、, characters XML forbids dropped."""
    if isinstance(value, list):
        value = "、".join("" if v is None else str(v) for v in value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def put(ws: Worksheet, row: int, column: int, value: Any) -> Any:
    """Write one cell; text is always text: `=1+1` in a plan stays those four characters
    (openpyxl would store text starting with = as a formula), and text that a spreadsheet
    would read as one when edited (= + - @) is marked with a quote prefix."""
    cell = ws.cell(row=row, column=column)
    value = clean(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    return cell


def _lines(text: Any, width: float) -> int:
    if text is None or text == "":
        return 1
    return sum(
        max(1, math.ceil((wcswidth(part) if wcswidth(part) >= 0 else len(part) * 2) / width))
        for part in str(text).split("\n")
    )


def _row_height(values: Sequence[Any], widths: Sequence[float]) -> float:
    """Height that shows every wrapped cell whole (spreadsheets do not fit rows written by a
    library; LibreOffice does on opening, Excel does not)."""
    lines = max(_lines(v, max(w - 1, 1)) for v, w in zip(values, widths, strict=False) if w)
    return LINE_HEIGHT * lines + 4


def _page_setup(ws: Worksheet, header_row: int) -> None:
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1).coordinate


def _sheet_name(name: str, taken: set[str]) -> str:
    """A unique sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    base = _SHEET_NAME_BAD.sub("_", clean(name)).strip("'") or "sheet"
    candidate, n = base[:31], 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{base[: 31 - len(str(n)) - 1]}~{n}"
    taken.add(candidate.lower())
    return candidate


def _task_sheet(ws: Worksheet, title: str, rows: list[LedgerRow]) -> None:
    put(ws, 1, 1, title).font = TITLE_FONT
    ws.cell(row=1, column=1).alignment = CENTER
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    ws.row_dimensions[1].height = 30
    for col, header in enumerate((*HEADERS, ID_HEADER), start=1):
        cell = put(ws, 2, col, header)
        cell.font, cell.fill, cell.border, cell.alignment = HEADER_FONT, HEADER_FILL, BORDER, CENTER
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS[col - 1]
    ws.column_dimensions[get_column_letter(len(HEADERS) + 1)].hidden = True
    for r, row in enumerate(rows, start=3):
        values = row.cells()
        for col, value in enumerate(values, start=1):
            cell = put(ws, r, col, value)
            cell.font, cell.border = BODY_FONT, BORDER
            cell.alignment = CENTER if col in (1, STATUS_COLUMN) else WRAP
        ws.row_dimensions[r].height = _row_height(values, WIDTHS[: len(HEADERS)])
    last = max(len(rows) + 2, 3)
    words = ",".join(STATUS_WORDS.values())
    status = DataValidation(
        type="list",
        formula1=f'"{words}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="完成状态",
        error=f"请从列表中选择：{words}",
    )
    ws.add_data_validation(status)
    letter = get_column_letter(STATUS_COLUMN)
    status.add(f"{letter}3:{letter}{last}")
    _page_setup(ws, 2)


def _summary_sheet(ws: Worksheet, ledger: Ledger) -> None:
    day = (ledger.as_of or date.today()).isoformat()
    put(ws, 1, 1, f"{ledger.title} 汇总（截至{day}）").font = TITLE_FONT
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(SUMMARY_HEADERS))
    ws.cell(row=1, column=1).alignment = CENTER
    ws.row_dimensions[1].height = 30
    widths = (30, 10, 10, 12, 10)
    for col, header in enumerate(SUMMARY_HEADERS, start=1):
        cell = put(ws, 2, col, header)
        cell.font, cell.fill, cell.border, cell.alignment = HEADER_FONT, HEADER_FILL, BORDER, CENTER
        ws.column_dimensions[get_column_letter(col)].width = widths[col - 1]
    for r, values in enumerate(ledger.summary, start=3):
        for col, value in enumerate(values, start=1):
            cell = put(ws, r, col, value)
            cell.font, cell.border = BODY_FONT, BORDER
            cell.alignment = WRAP if col == 1 else CENTER
    _page_setup(ws, 2)


def write_xlsx(ledger: Ledger, path: str | Path) -> None:
    """The ledger as a workbook: one task sheet, or 汇总 and one sheet per department."""
    wb = Workbook()
    wb.properties.title = clean(ledger.title)
    wb.properties.subject = "督查台账"
    wb.properties.identifier = clean(ledger.plan)  # the plan, for a reader of the properties
    ws = wb.active
    assert ws is not None
    taken: set[str] = set()
    title = ledger.title + (f"（{ledger.department}）" if ledger.department else "")
    if ledger.sheets:
        ws.title = _sheet_name(SUMMARY, taken)
        _summary_sheet(ws, ledger)
        for name, rows in ledger.sheets:
            sheet = wb.create_sheet(_sheet_name(name, taken))
            _task_sheet(sheet, f"{ledger.title}（{name}）", rows)
    else:
        # a department's own ledger is named after it: its filled copy says who reported
        ws.title = _sheet_name(ledger.department or TASK_SHEET, taken)
        _task_sheet(ws, title, ledger.rows)
    wb.save(path)


def write_table(
    path: str | Path, title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Any report as one sheet: its columns as headers (frozen, repeated on printed pages),
    widths from the content, text always text."""
    write_tables(path, [(title, columns, rows)])


def write_tables(
    path: str | Path, sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[Any]]]]
) -> None:
    """Several tables, one sheet each (title, columns, rows), as write_table writes one."""
    wb = Workbook()
    taken: set[str] = set()
    for n, (title, columns, rows) in enumerate(sheets):
        ws = wb.active if n == 0 else wb.create_sheet()
        assert ws is not None
        ws.title = _sheet_name(title, taken)
        _table_sheet(ws, columns, rows)
    wb.save(path)


def _table_sheet(ws: Worksheet, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    widths = [min(max(wcswidth(str(c)), 6) + 2, 60) for c in columns]
    for col, name in enumerate(columns, start=1):
        cell = put(ws, 1, col, name)
        cell.font, cell.fill, cell.border, cell.alignment = HEADER_FONT, HEADER_FILL, BORDER, CENTER
    for r, values in enumerate(rows, start=2):
        for col, value in enumerate(values, start=1):
            cell = put(ws, r, col, value)
            cell.alignment = WRAP
            width = wcswidth(str(cell.value)) if cell.value is not None else 0
            widths[col - 1] = min(max(widths[col - 1], width + 2), 60)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    _page_setup(ws, 1)
