"""What the long commands (`load`, `validate`, `analyze`, `view`, `ledger`) show while they
work: one live line on a terminal, the plans that could not be read, and one summary line at
the end."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import click

from policygraph.loader.stores.base import LoadResult

from .output import safe_text


class Progress:
    """One live line on stderr (click's progress bar) whose label, length and counts change as
    a command moves from reading files to writing them. Shown only when stderr is a terminal:
    in a pipe or a log it prints nothing."""

    def __init__(self, label: str, length: int) -> None:
        self.began = time.monotonic()
        self.visible = sys.stderr.isatty()
        self._bar: Any = click.progressbar(
            length=max(length, 1),
            label=label,
            file=sys.stderr,
            hidden=not self.visible,
            show_eta=False,
            show_pos=True,
            item_show_func=lambda detail: detail,
        )

    def __enter__(self) -> Progress:
        self._bar.__enter__()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._bar.__exit__(kind, exc, tb)

    def advance(self, steps: int, detail: str) -> None:
        self._bar.update(steps, detail)

    def note(self, detail: str) -> None:
        """Say what is being done now (e.g. `betweenness of 3,061 departments`), counting no
        step: a long step shows what it works on, never a guessed share of it."""
        self._bar.current_item = detail
        self._bar.render_progress()  # update(0, ...) would not redraw

    def phase(self, label: str, length: int, detail: str = "") -> None:
        """Start counting something else (e.g. measures written after files read)."""
        bar = self._bar
        bar.label, bar.length, bar.pos, bar.finished = label, max(length, 1), 0, False
        bar.current_item = detail
        bar.render_progress()

    def error(self, message: str) -> None:
        """An `Error:` line for one file, above the live line (which the next update redraws)."""
        self.echo(f"Error: {message}")

    def echo(self, line: str) -> None:
        """A line on stderr above the live line (a --verbose line per item, an error)."""
        if self.visible:
            click.echo("\r\x1b[K", err=True, nl=False)
        click.echo(line, err=True)

    def seconds(self) -> str:
        took = time.monotonic() - self.began
        return f"{took:.1f} s" if took < 10 else f"{took:,.0f} s"


def load_summary(
    results: Sequence[LoadResult], departments: int, warnings: int, took: str, where: str
) -> str:
    """`loaded 400 plans, 100,000 measures, 3,061 departments, … in 25 s -> STORE`."""
    statuses: dict[str, int] = {}
    for r in results:
        statuses[r.status] = statuses.get(r.status, 0) + 1
    plans = f"{len(results):,} plan{'s' if len(results) != 1 else ''}"
    if len(statuses) == 1:
        head = f"{next(iter(statuses))} {plans}"
    else:
        head = f"{plans} ({', '.join(f'{n:,} {s}' for s, n in statuses.items())})"
    measures = sum(r.measures for r in results)
    assignments = sum(r.relationships for r in results)
    warned = f", {warnings:,} warnings" if warnings else ""
    return (
        f"{head}, {measures:,} measures, {departments:,} departments, {assignments:,} "
        f"assignments{warned} in {took} -> {where}"
    )


def unreadable_error(failed: Sequence[Path], total: int, done: str, rerun: str) -> str:
    """The last line when some files of a folder could not be read and the others were used."""
    names = ", ".join(safe_text(str(p)) for p in failed[:5])
    more = f" and {len(failed) - 5} more" if len(failed) > 5 else ""
    if len(failed) >= total:
        done = "no plan was used"
    return (
        f"{len(failed)} of {total} plan files could not be read ({names}{more}; each is named "
        f"above) and {done}; fix or remove them and {rerun}, or use --strict to stop at the "
        "first one."
    )
