"""Where a command's text goes: -o FILE (never over the store or an input plan) or stdout."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from policygraph.loader.errors import InputError

from .output import safe_line, writing

if TYPE_CHECKING:
    from .options import StoreSpec

BINARY_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".docx", ".doc")  # text written into one breaks it


def emit(
    text: str, output: str | None, *, store: StoreSpec | None = None, inputs: Iterable[Path] = ()
) -> None:
    """Write rows to -o FILE, or to standard output: in a pipe the same UTF-8 bytes as the
    file (click.echo would strip escape codes from them, and Windows would double the CSV's
    CR LF and use the console's code page); on a terminal through click, which also speaks
    to the Windows console."""
    if output:
        check_output(output, store=store, inputs=inputs)
        if Path(output).suffix.lower() in BINARY_SUFFIXES:
            raise InputError(
                f"cannot write text into {safe_line(output)}: a {Path(output).suffix} file "
                "would not open; use --format xlsx (policygraph report) or a .csv, .json, .md "
                "or .txt file name."
            )
        with writing(output) as path:
            path.write_text(text, encoding="utf-8", newline="")
        click.echo(f"wrote {safe_line(output)}", err=True)
    elif sys.stdout.isatty():
        click.echo(text, nl=False)
    else:
        sys.stdout.flush()
        stdout = click.get_binary_stream("stdout")
        stdout.write(text.encode("utf-8"))
        stdout.flush()


def check_output(
    output: str | Path, *, store: StoreSpec | None = None, inputs: Iterable[Path] = ()
) -> None:
    """Refuse an output file in a folder that does not exist (before the work, not after it),
    or that is the store, one of the store's own files (its .wal, .shadow, ...), or one of the
    input files: writing it would destroy them."""
    out = Path(output)
    folder = out.parent
    if not folder.is_dir():
        state = "is not a folder" if folder.exists() else "does not exist"
        raise InputError(
            f"cannot write {safe_line(output)}: the folder {safe_line(folder)} {state}; "
            "create it first or choose another file."
        )
    target = out.resolve()
    for stored in store.files() if store else []:
        stored = stored.resolve()
        if (
            target == stored
            or (target.parent == stored.parent and target.name.startswith(stored.name + "."))
            or _same_file(out, stored)
        ):
            raise InputError(
                f"cannot write {safe_line(output)}: it is the store {safe_line(stored)} or one "
                "of its files, and writing it would destroy the graph; choose another file."
            )
    for given in inputs:
        if target == given.resolve() or (out.exists() and _same_file(out, given)):
            raise InputError(
                f"cannot write {safe_line(output)}: it is the input file {safe_line(given)}, "
                "and writing it would destroy the plan; choose another file."
            )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
