"""The `policygraph` command: thin click commands over the public API (policygraph.api).

A command parses its options, calls the library, prints and picks the exit code. Commands that
need heavy libraries (analyze: networkx; view: pyvis and jinja2; neo4j: the launcher) live in
their own modules, imported only when that command runs, so `policygraph report` starts fast.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from policygraph.loader.errors import InputError, PolicygraphError
from policygraph.queries import get_report

from . import api
from .emit import check_output, emit
from .options import StoreSpec, output_options, parse_options, store_options, workers_option
from .output import FORMATS, render, safe_line, safe_text, writing
from .progress import Progress, load_summary, unreadable_error

if TYPE_CHECKING:
    from policygraph.loader.model import ParsedPlan
    from policygraph.loader.stores.base import QueryResult

    from .loading import ParseSettings

SAMPLE_PLAN = api.SAMPLE_PLAN

# Commands in modules of their own, imported when named (or when --help lists them).
LAZY_COMMANDS = {
    "analyze": "policygraph.analyze_cli:analyze",
    "neo4j": "policygraph.neo4j_cli:neo4j",
    "view": "policygraph.view_cli:view",
    "ledger": "policygraph.ledger_cli:ledger",
    "progress": "policygraph.ledger_cli:progress",
    "search": "policygraph.search_cli:search",
    "diff": "policygraph.diff_cli:diff",
}


class Group(click.Group):
    """Turns policygraph's own errors into one `Error:` line and exit code 1, and imports the
    commands of LAZY_COMMANDS only when they are used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            module, _, name = LAZY_COMMANDS[cmd_name].partition(":")
            self.add_command(getattr(importlib.import_module(module), name), cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PolicygraphError as exc:
            # one line for a person; the cause stays on the exception for POLICYGRAPH_DEBUG
            keep = getattr(exc, "keeps_lines", False)  # a server's log, quoted line by line
            raise click.ClickException(safe_line(exc, keep_lines=keep)) from exc
        except click.ClickException as exc:  # click's own usage errors name files too
            exc.message = safe_line(exc.message)
            raise
        except (click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:  # output piped into `head` and the like: stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise click.exceptions.Exit(0) from None
        except Exception as exc:  # a bug: say so plainly, traceback only on request
            if os.environ.get("POLICYGRAPH_DEBUG"):
                raise
            raise click.ClickException(
                f"unexpected {type(exc).__name__}: {safe_line(exc)}. This is a bug in policygraph; "
                "rerun with POLICYGRAPH_DEBUG=1 for the traceback and report it."
            ) from exc


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """click's --version, reading the version only when asked (see policygraph.__getattr__)."""
    if value and not ctx.resilient_parsing:
        from policygraph import __version__

        click.echo(f"policygraph, version {__version__}")
        ctx.exit()


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help="Show the version and exit.",
)
def cli() -> None:
    """Turn Chinese government implementation plans into a graph of measures and the
    departments that lead and support them, and ask it questions.

    The graph goes to an embedded store (one file, no server) unless you choose Neo4j.

    \b
    Example:
      policygraph demo
    """


# -- parse ----------------------------------------------------------------------------------
@cli.command()
@click.argument("file", type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table: measures and warnings; json: every record.",
)
@click.option("--plan-id", help="Plan id to use instead of the file name.")
@parse_options
def parse(file: str, fmt: str, plan_id: str | None, settings: ParseSettings) -> None:
    """Read a plan file and show its measures, departments and warnings (no database).

    \b
    Example:
      policygraph parse data/ziliujing_talent_plan.txt --format json
    """
    parsed = settings.parse(file, plan_id)
    data = api.plan_to_json(parsed)
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    rows = [
        [m["number"], m["section"] or m["chapter"] or "", m["leads"], m["supports"]]
        for m in data["measures"]
    ]
    click.echo(
        f"{safe_text(parsed.plan.title)}: {len(parsed.measures)} measures, "
        f"{len(parsed.departments)} departments"
    )
    click.echo(
        render(["number", "theme", "leads", "supports"], rows, "table", max_width=40), nl=False
    )
    for w in parsed.notes:
        click.echo(f"note: line {w.line}: {safe_text(w.message)} [{w.code}]")
    for w in parsed.warnings:
        click.echo(f"warning: line {w.line}: {safe_text(w.message)} [{w.code}]")


# -- load -----------------------------------------------------------------------------------
@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@store_options
@parse_options
@click.option("--plan-id", help="Plan id to use instead of the file name (one file only).")
@click.option("--force", is_flag=True, help="Rewrite a plan even if its file is unchanged.")
@click.option(
    "--replace",
    is_flag=True,
    help="Overwrite the stored version of an edited plan instead of keeping it as an earlier "
    "version.",
)
@click.option(
    "--batch-measures",
    type=click.IntRange(min=1),
    metavar="N",
    help="Measures per transaction (default: 100000 on the embedded store, 10000 on Neo4j). "
    "Smaller batches hold less memory; 1 writes one plan per transaction.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Load nothing when any file cannot be read (by default the others are loaded and "
    "the command exits with code 1 at the end).",
)
@workers_option
@click.option("-v", "--verbose", is_flag=True, help="Print one line per plan.")
@click.option(
    "--bulk",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="FOLDER",
    help="With a Neo4j store: write the plans as CSV files for Neo4j's offline importer into "
    "this new folder (nothing is sent to the server; any unreadable file stops it), and "
    "print the `neo4j-admin database import full` command and the command that creates the "
    "constraints and indexes after it. A first load of a large corpus into a server you run "
    "yourself; `policygraph neo4j import` does it all for the local one.",
)
def load(
    files: tuple[str, ...],
    store: StoreSpec,
    settings: ParseSettings,
    plan_id: str | None,
    force: bool,
    replace: bool,
    batch_measures: int | None,
    strict: bool,
    workers: int | None,
    verbose: bool,
    bulk: Path | None,
) -> None:
    """Parse plan files and write them to the store, many plans per transaction.

    Every file is read and checked before anything is written (past the first 32 MB of files,
    the parsed plans wait in a temporary file, to bound memory). A file that cannot be read
    is named in an `Error:` line and the others are loaded; the command then exits with
    code 1 (--strict loads nothing instead). A transaction holds up to about 100,000
    measures (embedded store) or 10,000 (Neo4j); each plan appears whole or not at all.
    Loading an edited plan (same plan id) makes it the plan's next version; the stored one is
    kept (`report plan-versions`, `diff ID@N`) unless --replace. An unchanged file is skipped. On a
    terminal one line shows the progress; the command ends with one summary line (one
    line per plan with --verbose). The embedded store first checks for
    16 MB plus about 4 KB per measure of free disk space (POLICYGRAPH_MIN_FREE_MB sets the
    16; 0 turns the check off).

    \b
    Example:
      policygraph load data/ziliujing_talent_plan.txt --store plans.lbug
      policygraph load plans/ --store bolt://db.example.org:7687 --bulk import-files/
    """
    if bulk is not None:
        from . import neo4j_import

        neo4j_import.write_for_server(
            bulk, store, files, settings, plan_id, batch_measures, verbose, workers
        )
        return
    from .loading import PlanBatch, parse_workers, plan_files

    all_paths = plan_files(files)
    if plan_id and len(all_paths) > 1:
        raise InputError("--plan-id names one plan; give one file with it.")
    strict = strict or len(all_paths) == 1
    batch = PlanBatch(settings, plan_id)  # every file read and checked before any is written
    failed: list[Path] = []
    with Progress("reading", len(all_paths)) as progress:
        added = batch.add_all(all_paths, parse_workers(all_paths, workers))
        for f, error in added:
            if error is not None:
                if strict:
                    added.close()  # the files not parsed yet are not
                    raise error
                progress.error(str(error))
                failed.append(f)
            progress.advance(1, f"{batch.measures:,} measures")
        batch.check()  # two files with one plan id: an error before the store is opened
        results = []
        if batch.paths:
            paths = batch.paths
            progress.phase("writing", batch.measures, f"0 of {len(paths):,} plans")
            with store.open() as graph:
                # each plan's result, in order, once its batch has committed
                written = batch.write(
                    graph, force=force, batch_measures=batch_measures, replace=replace
                )
                for result in written:
                    results.append(result)
                    progress.advance(result.measures, f"{len(results):,} of {len(paths):,} plans")
        warnings, departments = batch.warnings, batch.departments
    if verbose or len(results) == 1:
        for result, warned in zip(results, warnings, strict=True):
            warn = f", {warned} warnings" if warned else ""
            kept = f" (version {result.version}, version {result.kept} kept)" if result.kept else ""
            click.echo(
                f"{result.status} {safe_text(result.plan)}{kept}: {result.measures} measures, "
                f"{result.departments} departments, {result.relationships} assignments"
                f"{warn} -> {safe_line(store.describe())}"
            )
    if len(results) > 1:
        click.echo(
            load_summary(
                results,
                len(departments),
                sum(warnings),
                progress.seconds(),
                safe_line(store.describe()),
            )
        )
    if failed:
        raise click.ClickException(
            unreadable_error(failed, len(all_paths), "the others are loaded", "load them again")
        )


# -- validate -------------------------------------------------------------------------------
@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@parse_options
@output_options
@click.option(
    "--strict",
    is_flag=True,
    help="Exit with code 3 when any problem is found (aliased names are notes, not "
    "problems), and stop at the first file that cannot be read.",
)
@workers_option
def validate(
    files: tuple[str, ...],
    settings: ParseSettings,
    fmt: str,
    output: str | None,
    bom: bool,
    max_width: int,
    strict: bool,
    workers: int | None,
) -> None:
    """Check plan files and list every data-quality problem, with line numbers.

    Lists measures without a lead, empty or doubled list items, roles that had to be
    inferred, collective units, numbering gaps and repeats, names that match no known kind of
    department, and, as notes that are not problems, short names read through the alias table
    (区发改委 as 区发展和改革委员会). A file that cannot be read is named in an
    `Error:` line, the others are checked, and the command exits with code 1 (--strict stops
    at the first one). Nothing is written to a store.

    \b
    Example:
      policygraph validate plans/ --format csv --bom -o problems.csv
    """
    from policygraph.loader.model import ParsedPlan

    from .loading import decode_plan, parse_each, parse_workers, plan_files
    from .quality import COLUMNS, problems

    paths = plan_files(files)
    if output:
        check_output(output, inputs=paths)  # before the work, not after it
    rows: list[list[Any]] = []
    failed: list[Path] = []
    measures = 0
    with Progress("checking", len(paths)) as progress:
        each = parse_each(settings, paths, parse_workers(paths, workers))
        for path, got in each:
            if isinstance(got, InputError):
                if strict or len(paths) == 1:
                    each.close()  # the files not parsed yet are not
                    raise got
                progress.error(str(got))
                failed.append(path)
            else:
                parsed = got if isinstance(got, ParsedPlan) else decode_plan(got.data)
                measures += len(parsed.measures)
                rows += api.validate(parsed).rows
            progress.advance(1, f"{measures:,} measures")
    emit(render(COLUMNS, rows, fmt, bom=bom, max_width=max_width), output, inputs=paths)
    found = problems(rows)  # aliased names are listed, as notes, but are not problems
    plans = len({r[0] for r in found})
    checked = len(paths) - len(failed)
    aliased = len(rows) - len(found)
    notes = f"; {aliased} aliased names listed as notes" if aliased else ""
    click.echo(f"{len(found)} problems in {plans} of {checked} plans{notes}", err=True)
    if failed:
        raise click.ClickException(
            unreadable_error(failed, len(paths), "the others are checked", "check them again")
        )
    if strict and found:
        raise click.exceptions.Exit(3)


# -- reports --------------------------------------------------------------------------------
@cli.command("reports")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def reports_cmd(fmt: str) -> None:
    """List the canned reports with their questions and parameters.

    \b
    Example:
      policygraph reports --format json
    """
    reports = api.reports()
    if fmt == "json":
        data = [
            {
                "name": r.name,
                "description": r.description,
                "group": r.group,
                "params": [
                    {
                        "name": p.name,
                        "type": p.type,
                        "required": p.required,
                        "default": p.default,
                        "description": p.doc,
                    }
                    for p in r.params
                ],
            }
            for r in reports
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for r in reports:
        click.echo(f"{r.name}\n    {r.description}")
        for p in r.params:
            default = "required" if p.required else f"default {p.default!r}"
            click.echo(f"    -p {p.name}=<{p.type}>  {p.doc} ({default})")


def parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{pair!r} is not KEY=VALUE", param_hint="-p")
        params[key.strip()] = value
    return params


@cli.command()
@click.argument("name")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A report parameter; repeat for several.",
)
@store_options
@output_options(formats=(*FORMATS, "xlsx"))
def report(
    name: str,
    params: tuple[str, ...],
    store: StoreSpec,
    fmt: str,
    output: str | None,
    bom: bool,
    max_width: int,
) -> None:
    """Run one canned report (see `policygraph reports`) and print its rows.

    A department may be given by an alias (区人社局); a value the store does not hold is an
    error naming the closest ones. Every report takes -p version=N (with -p plan=ID when the
    store holds several plans): it then runs on that stored version of the plan, not the latest.

    \b
    Example:
      policygraph report department-measures -p department=区委组织部 --format csv --bom
      policygraph report overdue-measures -p as_of=2024-07-01 --format xlsx -o 逾期.xlsx
    """
    from .versions import split_version

    report = get_report(name)
    report.bind(split_version(report, parse_params(params))[0])  # fail before opening
    check_rows_output(fmt, output, store)
    with store.open(read_only=True) as graph:
        result = api.run_report(graph, name, parse_params(params))
    print_rows(result, name, fmt, output, store, bom=bom, max_width=max_width)


def check_rows_output(fmt: str, output: str | None, store: StoreSpec) -> None:
    """Refuse an output a command's rows could not be written to, before the work."""
    if fmt == "xlsx" and not output:
        raise InputError("--format xlsx writes a workbook: name it with -o FILE.xlsx.")
    if output:
        check_output(output, store=store)
        if fmt == "xlsx":
            from .ledger_cli import check_suffix

            check_suffix(output, fmt)


def print_rows(
    result: QueryResult,
    title: str,
    fmt: str,
    output: str | None,
    store: StoreSpec,
    *,
    bom: bool,
    max_width: int,
) -> None:
    """Rows as text to -o FILE or stdout, or as one sheet named `title` (--format xlsx)."""
    if fmt == "xlsx":
        from .ledger import write_table  # openpyxl loads only when a sheet is written

        assert output is not None
        with writing(output) as path:
            write_table(path, title, result.columns, result.rows)
        click.echo(f"wrote {safe_line(output)}", err=True)
        return
    emit(
        render(result.columns, result.rows, fmt, bom=bom, max_width=max_width), output, store=store
    )


# -- demo -----------------------------------------------------------------------------------
@cli.command()
@click.option(
    "--keep",
    type=click.Path(dir_okay=False),
    help="Keep the store at this path instead of a temporary folder.",
)
@click.option(
    "--views",
    "views_dir",
    type=click.Path(file_okay=False),
    help="Write the HTML views here [default: policygraph-views in the system temp folder].",
)
def demo(keep: str | None, views_dir: str | None) -> None:
    """Load the bundled talent plan into a fresh embedded store, print headline answers and
    write the interactive HTML views (see `policygraph view`).

    \b
    Example:
      policygraph demo
    """
    if not SAMPLE_PLAN.exists():
        raise InputError(
            f"the bundled plan {SAMPLE_PLAN} is missing; reinstall policygraph "
            "(pip install --force-reinstall policygraph)."
        )
    from . import views  # pyvis and jinja2: only for the commands that draw

    parsed = api.parse_file(SAMPLE_PLAN)
    with tempfile.TemporaryDirectory(prefix="policygraph-demo-") as tmp:
        path = Path(keep) if keep else Path(tmp) / "demo.lbug"
        if keep and path.exists():
            raise InputError(f"{path} exists; give --keep a new file name.")
        with api.open_store(path) as store:
            store.load(parsed)
            workload = api.run_report(store, "department-workload")
            pairs = api.run_report(store, "coordination-pairs", {"limit": 3})
            leader = api.run_report(store, "lead-ranking").records()[0]
            folder = Path(views_dir or Path(tempfile.gettempdir()) / "policygraph-views")
            pages = views.write_all(store, folder)
        _print_demo(parsed, workload, pairs, leader)
        names = ", ".join(p.name for p in pages)
        click.echo(f"\nViews (open in a browser): {names} in {safe_line(folder)}")
        if keep:
            click.echo(
                f"\nThe store is kept at {safe_line(path)}; try:\n"
                f"  policygraph report department-measures -p department=区委组织部 "
                f"--store {safe_line(path)}"
            )


def _print_demo(
    parsed: ParsedPlan, workload: QueryResult, pairs: QueryResult, leader: dict[str, Any]
) -> None:
    rows = workload.records()
    chapters = sum(t.level == "chapter" for t in parsed.themes)
    sections = len(parsed.themes) - chapters
    click.echo(f"{safe_text(parsed.plan.title)}")
    click.echo(
        f"  {len(parsed.measures)} measures in {chapters} chapters and {sections} "
        f"sections, {len(parsed.departments)} departments, {len(parsed.assignments)} "
        f"assignments, {len(parsed.warnings)} parser warnings\n"
    )
    busiest = rows[0]
    click.echo(
        f"Leads the most measures:   {safe_text(leader['department'])} "
        f"({leader['leads']} of {len(parsed.measures)})"
    )
    click.echo(
        f"Carries the most in total: {safe_text(busiest['department'])} "
        f"({busiest['total']}: {busiest['leads']} lead, {busiest['supports']} support)"
    )
    click.echo("Busiest pairs (measures shared):")
    for pair in pairs.records():
        click.echo(
            f"  {safe_text(pair['department_a'])} + {safe_text(pair['department_b'])}: "
            f"{pair['shared']}"
        )
    click.echo("\nTop departments (report department-workload):")
    click.echo(render(workload.columns, workload.rows[:8], "table"), nl=False)


def main() -> None:
    cli(prog_name="policygraph")


if __name__ == "__main__":
    main()
