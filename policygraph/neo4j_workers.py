"""The import files written by several processes (`neo4j import --workers N`).

Parsing is pure Python and about half of an import, so it runs on every core: the plan files
are cut, in file order, into shares of about equal size; each worker process parses its share
and writes its own CSV files (ImportFiles, one batch in memory at a time) in a folder of its
own. Nothing parsed comes back to the parent, only each plan's LoadResult, the warning count,
the department keys and the names of the files written. The parent then refuses a plan id
given by two shares, and writes the nodes shared by plans (departments, documents) once, the
first row of each kept in file order (ImportFiles.merge), as one process writes them.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from policygraph.loader.errors import InputError
from policygraph.loader.model import ParsedPlan
from policygraph.loader.stores.base import LoadResult
from policygraph.loader.stores.neo4j_csv import ImportFiles, PartFile, given_twice

from .loading import ParseSettings, worker_stopped

SHARES_PER_WORKER = 4  # more shares: a steadier progress line and fairer load, more files


@dataclass
class Written:
    """What one share (or all of them) wrote: small enough to send between processes."""

    results: list[LoadResult] = field(default_factory=list)
    files: list[PartFile] = field(default_factory=list)
    warnings: int = 0
    departments: set[str] = field(default_factory=set)
    error: str | None = None  # an unreadable file's InputError, nothing written


def write_share(
    paths: list[Path],
    writer: ImportFiles,
    settings: ParseSettings,
    plan_id: str | None,
    batch_measures: int | None,
    on_plan: Callable[[ParsedPlan], None] | None = None,
) -> Written:
    """Parse `paths` and write them with `writer` (in a worker process, or in this one for one
    worker); `on_plan` is called with each plan parsed. An unreadable file or a plan given
    twice gives `error`, and the files written are removed."""
    written = Written()

    def parsed_plans() -> Iterator[ParsedPlan]:
        for path in paths:
            parsed = settings.parse(path, plan_id)
            written.warnings += len(parsed.warnings)
            written.departments.update(d.id for d in parsed.departments)
            if on_plan is not None:
                on_plan(parsed)
            yield parsed

    try:
        with writer:
            written.results = list(writer.iter_load(parsed_plans(), batch_measures=batch_measures))
    except InputError as exc:
        writer.discard()
        return Written(error=str(exc))
    written.files = writer.files()
    return written


def _worker(
    paths: list[Path],
    folder: Path,
    settings: ParseSettings,
    plan_id: str | None,
    batch_measures: int | None,
) -> Written:
    """One share, in a worker process: its files go to `folder`, a new folder of its own."""
    return write_share(paths, ImportFiles(folder), settings, plan_id, batch_measures)


def write_parallel(
    paths: list[Path],
    writer: ImportFiles,
    settings: ParseSettings,
    plan_id: str | None,
    batch_measures: int | None,
    workers: int,
    on_share: Callable[[int, Written], None],
) -> Written:
    """Write `paths` with `workers` processes into subfolders of `writer`'s folder, then merge
    the shared nodes into `writer`. `on_share(files, written)` is called as each share is done
    (in the order they finish). InputError (and no files left) if a file cannot be read or two
    files give one plan id."""
    shares = cut(paths, workers * SHARES_PER_WORKER)
    folders = [writer.folder / f"part-{i:03d}" for i in range(len(shares))]
    done: dict[int, Written] = {}
    seen: set[str] = set()
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        try:
            futures = {
                pool.submit(_worker, share, folder, settings, plan_id, batch_measures): i
                for i, (share, folder) in enumerate(zip(shares, folders, strict=True))
            }
            pending = set(futures)
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    i, share = futures[future], future.result()
                    done[i] = share
                    if share.error is None:
                        twice = next((r.plan for r in share.results if r.plan in seen), None)
                        if twice is not None:
                            share.error = str(given_twice(twice))
                        seen.update(r.plan for r in share.results)
                    if share.error is not None:
                        pending = set()  # the others are cancelled, or finish, below
                        break
                    on_share(len(shares[i]), share)
        finally:  # a share that failed stops the ones not started
            pool.shutdown(wait=True, cancel_futures=True)
        errors = [done[i].error for i in sorted(done) if done[i].error]
        if errors:
            raise InputError(str(errors[0]))
        ordered = [done[i] for i in range(len(shares))]
        return Written(
            results=[r for share in ordered for r in share.results],
            files=writer.merge([share.files for share in ordered]),
            warnings=sum(share.warnings for share in ordered),
            departments=set().union(*(share.departments for share in ordered)),
        )
    except BaseException as exc:
        writer.discard()
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
        if isinstance(exc, BrokenProcessPool):  # a worker killed (out of memory, by a person)
            raise worker_stopped() from exc
        raise
    finally:
        for folder in folders:  # a share's folder emptied by the merge (or never made)
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()


def cut(paths: list[Path], shares: int) -> list[list[Path]]:
    """`paths` in order, cut into at most `shares` runs of about equal size in bytes."""
    sizes = []
    for path in paths:
        try:
            sizes.append(path.stat().st_size)
        except OSError:  # its worker says what is wrong with it
            sizes.append(0)
    total, shares = sum(sizes), max(1, min(shares, len(paths)))
    runs: list[list[Path]] = [[] for _ in range(shares)]
    before = 0
    for path, size in zip(paths, sizes, strict=True):
        # the share holding the file's middle byte
        at = min(shares - 1, (before + size // 2) * shares // max(total, 1))
        runs[at].append(path)
        before += size
    return [run for run in runs if run]
