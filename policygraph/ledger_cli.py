"""`policygraph ledger` writes a plan's supervision ledger (督查台账) as .xlsx or .docx;
`policygraph progress import` reads the filled copies back as dated progress records."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from policygraph.loader.errors import InputError

from .emit import check_output
from .options import StoreSpec, store_options
from .output import safe_line, writing
from .progress import Progress

SUFFIXES = {"xlsx": ".xlsx", "docx": ".docx"}


def check_suffix(output: str, fmt: str) -> None:
    """Refuse a file name whose suffix says another format than the one written."""
    suffix = Path(output).suffix.lower()
    wanted = SUFFIXES.get(fmt)
    if suffix in SUFFIXES.values() and suffix != wanted:
        raise InputError(
            f"cannot write {fmt} into {safe_line(output)}: a {suffix} file would not open; "
            f"use --format {suffix[1:]} or a file name ending in {wanted or '.' + fmt}."
        )


@click.command()
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, writable=True),
    help="File to write (.xlsx or .docx, as --format says).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(SUFFIXES)),
    help="xlsx: the workbook to send out and read back; docx: a Word table for a 通知. "
    "[default: from the file name, else xlsx]",
)
@click.option("--plan", help="Plan id; needed only when the store holds several plans.")
@click.option(
    "--department", default="", help="Only the measures this department leads or supports."
)
@click.option(
    "--jurisdiction", default="", help="The department's place, when several have its name."
)
@click.option(
    "--by",
    type=click.Choice(["department"]),
    help="department: a 汇总 sheet and one sheet per department (xlsx only).",
)
@click.option(
    "--as-of",
    type=click.DateTime(["%Y-%m-%d"]),
    help="The day 汇总 counts due-this-quarter and overdue tasks by [default: today].",
)
@click.option(
    "-v", "--verbose", is_flag=True, help="Print one line per department sheet (on stderr)."
)
@store_options
def ledger(
    output: str,
    fmt: str | None,
    plan: str | None,
    department: str,
    jurisdiction: str,
    by: str | None,
    as_of: datetime | None,
    verbose: bool,
    store: StoreSpec,
) -> None:
    """Write a plan's supervision ledger (督查台账): 序号, 工作任务, 牵头单位, 责任单位, 完成时限,
    and empty 进展情况, 完成状态 (a drop-down: 未启动/推进中/已完成/滞后) and 备注 columns for the
    departments to fill in. Read the filled copies back with `policygraph progress import`.
    On a terminal one line shows the step under way and the tasks once read.

    \b
    Example:
      policygraph ledger -o 台账.xlsx
      policygraph ledger --by department -o 分单位台账.xlsx
      policygraph ledger --department 区委组织部 --format docx -o 组织部任务.docx
    """
    fmt = fmt or ("docx" if output.lower().endswith(".docx") else "xlsx")
    check_suffix(output, fmt)
    if by and fmt != "xlsx":
        raise InputError("--by department writes one sheet per department: use --format xlsx.")
    check_output(output, store=store)
    day = as_of.date() if as_of else date.today()
    from . import ledger as ledgers  # openpyxl loads only for the commands that write sheets

    with Progress("reading", 1) as progress:
        progress.note("the plan's measures")
        with store.open(read_only=True) as graph:
            built = ledgers.build_ledger(
                graph,
                plan=plan,
                department=department,
                jurisdiction=jurisdiction,
                by_department=by == "department",
                as_of=day,
            )
        sheets = f", {len(built.sheets)} department sheets" if built.sheets else ""
        progress.phase("writing", 1, f"{len(built.rows):,} tasks{sheets}")
        with writing(output) as path:
            if fmt == "docx":
                from .ledger_docx import write_docx

                write_docx(built, path)
            else:
                ledgers.write_xlsx(built, path)
        progress.advance(1, f"{len(built.rows):,} tasks{sheets}")
        if verbose:
            for name, rows in built.sheets:
                progress.echo(f"{safe_line(name)}: {len(rows)} tasks")
    click.echo(f"wrote {safe_line(output)}: {len(built.rows)} tasks{sheets}")


@click.group()
def progress() -> None:
    """Progress on a plan's measures, as the departments report it in filled ledgers.

    \b
    Example:
      policygraph progress import 台账-6月.xlsx --as-of 2024-06-30
    """


@progress.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--as-of",
    type=click.DateTime(["%Y-%m-%d"]),
    help="The day the filled ledger reports on [default: today].",
)
@click.option(
    "--reported-by",
    default="",
    help="Who reported it (a department); by default a department sheet's name.",
)
@store_options
def import_cmd(file: str, as_of: datetime | None, reported_by: str, store: StoreSpec) -> None:
    """Read a filled ledger (written by `policygraph ledger`, then filled in Excel or WPS)
    and store each filled row as a progress record of its measure, dated --as-of. Rows may be
    reordered, blank lines added and task text edited: rows are matched by the ledger's hidden
    measure id. A row that matches no measure, an unknown 完成状态 or a ledger of another plan
    is reported by row number, and then nothing of the file is stored. Earlier records are
    kept: see `policygraph report measure-history -p measure=N`.

    \b
    Example:
      policygraph progress import 台账-6月.xlsx --as-of 2024-06-30 --reported-by 区委组织部
      policygraph report overdue-measures -p as_of=2024-06-30
    """
    from . import tracking

    with store.open() as graph:
        result = tracking.import_ledger(
            graph, file, as_of=as_of.date() if as_of else None, reported_by=reported_by
        )
    n = result.skipped
    skipped = f"; {n} row{'' if n == 1 else 's'} of a measure left empty" if n else ""
    click.echo(
        f"imported {len(result.records)} progress records of plan {safe_line(result.plan)} "
        f"from {safe_line(Path(file).name)}{skipped}"
    )
