"""`policygraph diff OLD NEW`: what changed between two plans (policygraph.diff)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import click

from policygraph.loader.errors import InputError
from policygraph.loader.stores.base import Store

from .diff import compare
from .diff_output import DIFF_FORMATS, page, render, write_xlsx
from .emit import check_output, emit
from .loading import ParseSettings
from .options import StoreSpec, output_options, parse_options, store_options
from .output import safe_line, writing
from .versions import read_side

SUFFIXES: dict[str, tuple[str, ...]] = {"xlsx": (".xlsx",), "html": (".html", ".htm")}


@click.command()
@click.argument("old")
@click.argument("new")
@store_options
@parse_options
@output_options(formats=DIFF_FORMATS)
def diff(
    old: str,
    new: str,
    store: StoreSpec,
    settings: ParseSettings,
    fmt: str,
    output: str | None,
    bom: bool,
    max_width: int,
) -> None:
    """Compare two plans: OLD and NEW are plan files, stored plan ids (the latest version)
    or ID@VERSION (an earlier version kept by `load`).

    Measures are matched by text similarity, so renumbered and moved measures still match,
    then each change is listed: added, removed, reworded (the changed words), moved, lead
    changed, supports added/removed, deadline changed, commitment changed (不低于60% ->
    不低于70%). Every format also holds the department shift: per department, its leads and
    supports before and after, and the measures it gained and lost. --format: table, json,
    markdown, xlsx (a changes sheet and a department-shift sheet) or html (the measures side
    by side, changes marked; works offline); xlsx and html need -o FILE.

    \b
    Example:
      policygraph diff talent_2023.txt talent_2024.txt
      policygraph diff talent@1 talent --format html -o changes.html
      policygraph diff talent@1 talent@2 --format xlsx -o changes.xlsx
    """
    inputs = [Path(p) for p in (old, new) if Path(p).is_file()]
    if fmt in SUFFIXES and not output:
        raise InputError(f"--format {fmt} writes a file: name it with -o FILE{_suffix(fmt)}.")
    if output:
        check_output(output, store=store, inputs=inputs)
        if fmt in SUFFIXES and not output.lower().endswith(SUFFIXES[fmt]):
            raise InputError(
                f"--format {fmt} writes a {_suffix(fmt)} file; name the output "
                f"{Path(output).stem}{_suffix(fmt)}."
            )
    with contextlib.ExitStack() as stack:
        opened: list[Store] = []

        def open_store() -> Store:
            if not opened:
                opened.append(stack.enter_context(store.open(read_only=True)))
            return opened[0]

        before, old_label = read_side(old, open_store, settings.parse, what="OLD")
        after, new_label = read_side(new, open_store, settings.parse, what="NEW")
    result = compare(before, after, old_label, new_label)
    if fmt in SUFFIXES:
        assert output is not None
        with writing(output) as path:
            if fmt == "xlsx":
                write_xlsx(result, path)
            else:
                path.write_text(page(result), encoding="utf-8")
        click.echo(f"wrote {safe_line(output)}", err=True)
        return
    emit(render(result, fmt, max_width=max_width), output, store=store, inputs=inputs)


def _suffix(fmt: str) -> str:
    return SUFFIXES[fmt][0]
