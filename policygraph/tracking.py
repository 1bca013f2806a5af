"""Progress back in: filled supervision ledgers read as dated progress records.

A ledger written by policygraph.ledger comes back from the departments reordered, with blank
lines, edited task text, extra columns, saved from WPS. Columns are found by their headers and
rows by the hidden measure id (else by the task text as written in the plan). Every problem is
reported by sheet and row, and a file is imported whole or not at all.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from policygraph.loader.errors import InputError
from policygraph.loader.model import (
    DONE,
    IN_PROGRESS,
    LATE,
    MEASURE,
    NOT_STARTED,
    PROGRESS,
    STATUS_WORDS,
    Progress,
)
from policygraph.loader.stores.base import Store
from policygraph.loader.stores.read import plan_titles

from .ledger import HEADERS, ID_HEADER, SUMMARY, TASK_SHEET

# The words people write in 完成状态, beyond the four of the drop-down.
STATUS_BY_WORD = {word: status for status, word in STATUS_WORDS.items()} | {
    "完成": DONE,
    "已办结": DONE,
    "办结": DONE,
    "进行中": IN_PROGRESS,
    "正在推进": IN_PROGRESS,
    "推进": IN_PROGRESS,
    "未开始": NOT_STARTED,
    "未开展": NOT_STARTED,
    "延期": LATE,
    "逾期": LATE,
    "滞后推进": LATE,
    **{s: s for s in STATUS_WORDS},
}
HEADER_ROWS = 10  # the header is looked for in a sheet's first rows
MAX_PROBLEMS = 20  # problems listed in the error; the rest are counted


@dataclass
class ImportResult:
    plan: str
    records: list[Progress]
    skipped: int = 0  # rows of a measure with nothing filled in
    sheets: list[str] = field(default_factory=list)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _header(ws: Worksheet) -> tuple[int, dict[str, int]] | None:
    """(row, column of each known header) of the ledger's header row, or None."""
    wanted = {*HEADERS, ID_HEADER}
    for r, row in enumerate(ws.iter_rows(max_row=HEADER_ROWS, values_only=True), start=1):
        found = {}
        for c, value in enumerate(row, start=1):
            name = _text(value).replace(" ", "").replace("\n", "")
            if name in wanted and name not in found:
                found[name] = c
        if "工作任务" in found and ("完成状态" in found or "进展情况" in found):
            return r, found
    return None


def read_ledger(
    store: Store,
    path: str | Path,
    *,
    as_of: date | None = None,
    reported_by: str = "",
) -> ImportResult:
    """The progress records of one filled ledger; InputError listing every problem (by sheet
    and row) when any row cannot be read, so nothing of the file is stored."""
    path = Path(path)
    day = (as_of or date.today()).isoformat()
    wb = _open(path)
    problems: list[str] = []
    rows: list[tuple[str, int, str | None, str, str, str, str, str]] = []
    texts: dict[str, list[str]] = {}  # task text -> measure ids, filled once the plan is known
    sheets = []
    for ws in wb.worksheets:
        header = _header(ws)
        if header is None or ws.title == SUMMARY:
            continue
        sheets.append(ws.title)
        start, cols = header
        # a department's sheet (--by department, --department) names who reported it
        who = reported_by or ("" if ws.title == TASK_SHEET else ws.title)
        for r, row in enumerate(ws.iter_rows(min_row=start + 1, values_only=True), start=start + 1):

            def cell(name: str, row: tuple[Any, ...] = row, cols: dict[str, int] = cols) -> str:
                c = cols.get(name)
                return _text(row[c - 1]) if c and c <= len(row) else ""

            status_cell, note, remark = cell("完成状态"), cell("进展情况"), cell("备注")
            id_cell, task = cell(ID_HEADER), cell("工作任务")
            if not (id_cell or task or status_cell or note or remark):
                continue  # a blank line
            rows.append((ws.title, r, id_cell or None, task, status_cell, note, remark, who))
            texts.setdefault(task, [])
    if not sheets:
        raise InputError(
            f"{path.name}: no sheet has a ledger's header row (工作任务 and 完成状态 or 进展情况); "
            "import a ledger written by `policygraph ledger`."
        )
    plan = _plan_of(store, path, [r[2] for r in rows if r[2]])
    measures = dict(
        store.query(
            f"MATCH (m:{MEASURE}) WHERE m.plan = $plan RETURN m.id, m.text", {"plan": plan}
        ).rows
    )
    for measure_id, text in measures.items():
        if text in texts:
            texts[text].append(measure_id)
    numbers = Counter(
        dict(
            store.query(
                f"MATCH (p:{PROGRESS}) WHERE p.plan = $plan RETURN p.measure, max(p.n)",
                {"plan": plan},
            ).rows
        )
    )
    records: list[Progress] = []
    skipped = 0
    for sheet, r, measure_id, task, status_text, note, remark, who in rows:
        where = f"sheet {sheet} row {r}"
        if measure_id is None:
            found = texts.get(task, [])
            if len(found) != 1:
                problems.append(
                    f"{where}: matches no measure of plan {plan} (no measure id in column "
                    f"{ID_HEADER}, and the task text is not one measure's)"
                )
                continue
            measure_id = found[0]
        elif measure_id not in measures:
            problems.append(f"{where}: measure {measure_id} is not in plan {plan} of the store")
            continue
        word = "".join(status_text.split())  # 已 完成, with any space, full-width too
        status = STATUS_BY_WORD.get(word, None) if word else ""
        if status is None:
            problems.append(
                f"{where}: unknown status {status_text!r}; write one of "
                f"{'、'.join(STATUS_WORDS.values())}"
            )
            continue
        if not (status or note or remark):
            skipped += 1
            continue
        numbers[measure_id] += 1
        n = numbers[measure_id]
        records.append(
            Progress(
                f"{measure_id}/r{n}",
                plan,
                measure_id,
                n,
                day,
                status,
                note,
                remark,
                who,
                path.name,
                r,
            )
        )
    if problems:
        more = len(problems) - MAX_PROBLEMS
        listed = "; ".join(problems[:MAX_PROBLEMS]) + (f"; and {more} more" if more > 0 else "")
        raise InputError(
            f"{path.name}: {len(problems)} row(s) cannot be imported, so nothing of the file "
            f"was: {listed}."
        )
    return ImportResult(plan, records, skipped, sheets)


def import_ledger(
    store: Store,
    path: str | Path,
    *,
    as_of: date | None = None,
    reported_by: str = "",
) -> ImportResult:
    """Read one filled ledger and store its records (all or none). A later import adds records;
    it never overwrites earlier ones."""
    result = read_ledger(store, path, as_of=as_of, reported_by=reported_by)
    store.add_progress(result.records)
    return result


def _open(path: Path) -> Any:
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise InputError(
            f"{path.name}: not an .xlsx workbook; save it as Excel 工作簿 (.xlsx) in Excel or "
            "WPS and import that."
        )
    try:
        return load_workbook(path, data_only=True)  # a formula cell: the value it showed
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file.") from exc
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(
            f"{path.name}: cannot read it as an .xlsx workbook ({exc}); save it again as Excel "
            "工作簿 (.xlsx)."
        ) from exc


def _plan_of(store: Store, path: Path, ids: list[str]) -> str:
    """The one plan the ledger's measure ids name; InputError for another plan or a mix."""
    plans = sorted({i.rpartition("/m")[0] for i in ids if "/m" in i})
    stored = set(plan_titles(store))
    if not plans:
        if len(stored) == 1:
            return next(iter(stored))
        raise InputError(
            f"{path.name}: its rows carry no measure ids (the hidden {ID_HEADER} column), so its "
            "plan is unknown; import a ledger written by `policygraph ledger`."
        )
    if len(plans) > 1:
        raise InputError(
            f"{path.name}: its rows name measures of {len(plans)} plans "
            f"({', '.join(plans)}); import one plan's ledger at a time."
        )
    if plans[0] not in stored:
        raise InputError(
            f"{path.name} is a ledger of plan {plans[0]}, which is not in this store; load "
            "that plan first or import the file into its store."
        )
    return plans[0]
