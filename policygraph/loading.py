"""Plan files into a store: which files a folder holds, how they are parsed (in this process,
or for a large corpus in one process per CPU), and where `load` keeps the parsed plans between
checking every file and writing them (memory, then a spool)."""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
import zlib
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, fields
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import IO, Any, NamedTuple

from policygraph.loader.aliases import Aliases
from policygraph.loader.errors import InputError, PolicygraphError
from policygraph.loader.model import ParsedPlan, Plan
from policygraph.loader.stores.base import LoadResult, Store
from policygraph.loader.vocabulary import PLAN_SUFFIXES

# Of plan files (about 100,000 measures): the plans parsed while checking these first bytes of
# files are kept in memory for the write; later ones go to a temporary spool file and are read
# back as the store reaches them, so a large corpus never sits in memory whole and no file is
# parsed twice.
KEEP_PARSED_BYTES = 32 * 2**20
# Plan files that hold at least this many bytes in all are parsed by one process per CPU
# (`load --workers`); fewer are parsed in this process.
PARALLEL_BYTES = 8 * 2**20


@dataclass(frozen=True)
class ParseSettings:
    """How plan files are read: the alias table, the single-list rule, the jurisdiction (None:
    what each plan says) and the year deadlines without one are read by (None: the plan's).
    Parsing imports the parser only when a file is read."""

    aliases: Aliases | None = None
    single_list: str | None = None  # None: the parser's default rule (first-leads)
    jurisdiction: str | None = None
    year: int | None = None

    def parse(self, path: str | Path, plan_id: str | None = None) -> ParsedPlan:
        """One plan file, parsed (InputError if it cannot be read or holds no measures)."""
        from policygraph.loader.parse import FIRST_LEADS, parse_file  # 50 ms of regexes

        return parse_file(
            path,
            plan_id,
            aliases=self.aliases,
            single_list=self.single_list or FIRST_LEADS,
            jurisdiction=self.jurisdiction,
            year=self.year,
        )

    def parse_text(
        self, text: str, plan_id: str, *, source: str = "", title: str | None = None
    ) -> ParsedPlan:
        """The text of one plan, parsed."""
        from policygraph.loader.parse import FIRST_LEADS, parse_text

        return parse_text(
            text,
            plan_id,
            source=source,
            title=title,
            aliases=self.aliases,
            single_list=self.single_list or FIRST_LEADS,
            jurisdiction=self.jurisdiction,
            year=self.year,
        )


def plan_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files named, with folders expanded to the plan files inside them (sorted).

    In a folder, hidden files, Word lock files (~$…) and README/LICENSE/CHANGELOG are skipped.
    Any other entry with a plan suffix is kept even when it is no regular file (a dangling link,
    a pipe), so reading it says what is wrong instead of the load skipping it silently.
    """
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if not p.is_dir()
                and p.suffix.lower() in PLAN_SUFFIXES
                and not p.name.startswith((".", "~$"))
                and not p.stem.upper().startswith(("README", "LICENSE", "CHANGELOG"))
            )
            if not found:
                raise InputError(
                    f"{name}: the folder holds no plan files ({', '.join(PLAN_SUFFIXES)})."
                )
            files += found
        else:
            files.append(path)
    return files


def parse_workers(paths: list[Path], workers: int | None) -> int:
    """The processes that parse `paths`: `workers` when given, else one per CPU for files of
    PARALLEL_BYTES or more in all, and 1 below that (starting processes would cost more than
    they save)."""
    if workers is not None:
        return workers
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):  # parsing it says what is wrong with it
            total += path.stat().st_size
    return (os.cpu_count() or 1) if total >= PARALLEL_BYTES else 1


class Encoded(NamedTuple):
    """A plan parsed by a worker process: its Plan record, its measure count, and the plan as
    encode_plan's bytes (decode_plan reads them)."""

    plan: Plan
    measures: int
    data: bytes


def parse_each(
    settings: ParseSettings, paths: list[Path], workers: int = 1, plan_id: str | None = None
) -> Generator[tuple[Path, ParsedPlan | Encoded | InputError], None, None]:
    """Each of `paths`, in order, with its parsed plan or the InputError that stops it. With
    `workers` > 1 (and several files) that many processes parse them and each plan arrives
    Encoded, small and quick to pass between processes; closing the generator early cancels
    the files not parsed yet."""
    if workers <= 1 or len(paths) <= 1:
        for path in paths:
            try:
                yield path, settings.parse(path, plan_id)
            except InputError as exc:
                yield path, exc
        return
    pool = ProcessPoolExecutor(max_workers=min(workers, len(paths)))
    try:
        parse = partial(_parse_encoded, settings, plan_id)
        for path, got in zip(paths, pool.map(parse, paths), strict=True):
            yield path, InputError(got) if isinstance(got, str) else got
    except BrokenProcessPool as exc:  # a worker killed (out of memory, by a person)
        raise worker_stopped() from exc
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def worker_stopped() -> PolicygraphError:
    """The error of a parsing process that stopped before it finished (a broken pool)."""
    return PolicygraphError(
        "a process parsing the plan files stopped before it finished (was the machine out of "
        "memory?); nothing was stored. Run the command again with --workers 1."
    )


def _parse_encoded(settings: ParseSettings, plan_id: str | None, path: Path) -> Encoded | str:
    """In a worker process: one file parsed and encoded, or the message of the InputError
    that stops it."""
    try:
        parsed = settings.parse(path, plan_id)
    except InputError as exc:
        return str(exc)
    return Encoded(parsed.plan, len(parsed.measures), encode_plan(parsed))


def check_unique_ids(plans: Iterable[Plan]) -> None:
    """InputError when two files give the same plan id (the second would replace the first)."""
    seen: dict[str, str] = {}
    for plan in plans:
        if plan.id in seen:
            raise InputError(
                f"two files give the plan id {plan.id!r} ({seen[plan.id]} and "
                f"{plan.source}); rename one, or load them one at a time with --plan-id."
            )
        seen[plan.id] = plan.source


class PlanBatch:
    """Plan files, each read and checked by `add_all` before `write` stores any of them.

    The parsed plans of the first KEEP_PARSED_BYTES of files are kept in memory for the write;
    later ones are written to a temporary spool file (deleted when closed, or by the system if
    the process dies) and read back one at a time as the store reaches them. A plan the spool
    cannot take (a full disk) is parsed again instead.
    """

    def __init__(self, settings: ParseSettings, plan_id: str | None = None) -> None:
        self.settings = settings
        self.plan_id = plan_id
        self.paths: list[Path] = []
        self.plans: list[Plan] = []
        self.measures = 0  # in the files added
        self.warnings: list[int] = []  # per plan written, in order, as the store reads them
        self.departments: set[str] = set()  # keys (place/name) of the plans written
        # per file: the plan kept (or its bytes, from a worker process), (offset, length) of
        # its bytes in the spool, or None (parse it again)
        self._kept: list[ParsedPlan | bytes | tuple[int, int] | None] = []
        self._size = 0
        self._spool: IO[bytes] | None = None
        self._spool_failed = False

    def add_all(
        self, paths: list[Path], workers: int = 1
    ) -> Generator[tuple[Path, InputError | None], None, None]:
        """Parse `paths` for the batch (parse_each), adding each plan that can be read; yields
        each path with the InputError that kept it out (None: added). Plans parsed by worker
        processes arrive encoded, and are kept or spooled as they are."""
        for path, got in parse_each(self.settings, paths, workers, self.plan_id):
            if isinstance(got, InputError):
                yield path, got
                continue
            if isinstance(got, ParsedPlan):
                self._add(path, got.plan, len(got.measures), got)
            else:
                self._add(path, got.plan, got.measures, got.data)
            yield path, None

    def _add(self, path: Path, plan: Plan, measures: int, parsed: ParsedPlan | bytes) -> None:
        """Add a plan read from `path`: `parsed`, or its bytes as encode_plan wrote them."""
        self.paths.append(path)
        self.plans.append(plan)
        self.measures += measures
        self._size += path.stat().st_size
        self._kept.append(parsed if self._size <= KEEP_PARSED_BYTES else self._to_spool(parsed))

    def _to_spool(self, parsed: ParsedPlan | bytes) -> tuple[int, int] | None:
        if self._spool_failed:
            return None
        data = parsed if isinstance(parsed, bytes) else encode_plan(parsed)
        try:
            if self._spool is None:
                # open across add_all() and write(); closed by close(), at the latest by the OS
                self._spool = tempfile.TemporaryFile(prefix="policygraph-load-")  # noqa: SIM115
            offset = self._spool.seek(0, 2)
            self._spool.write(data)
        except OSError:  # no room for the spool: parsing again costs time, not the load
            self._spool_failed = True
            return None
        return offset, len(data)

    def parsed_plans(self) -> Iterator[ParsedPlan]:
        """The plans in order: kept ones handed over (and forgotten), spooled ones read back,
        any the spool could not take parsed again. The spool is deleted at the end."""
        try:
            for i, path in enumerate(self.paths):
                kept = self._kept[i]
                self._kept[i] = None  # the store holds it now, for one batch
                if isinstance(kept, ParsedPlan):
                    parsed = kept
                elif isinstance(kept, bytes):  # parsed by a worker process
                    parsed = decode_plan(kept)
                elif kept is not None and self._spool is not None:
                    self._spool.seek(kept[0])
                    parsed = decode_plan(self._spool.read(kept[1]))
                else:
                    parsed = self.settings.parse(path, self.plan_id)
                self.warnings.append(len(parsed.warnings))
                self.departments.update(d.id for d in parsed.departments)
                yield parsed
        finally:
            self.close()

    def close(self) -> None:
        """Delete the spool (plans not yet written are parsed again if asked for)."""
        if self._spool is not None:
            self._spool.close()
            self._spool = None
            self._kept = [k if isinstance(k, ParsedPlan | bytes) else None for k in self._kept]

    def check(self) -> None:
        """InputError if two files give one plan id (the second would replace the first)."""
        check_unique_ids(self.plans)

    def write(
        self,
        store: Store,
        *,
        force: bool = False,
        batch_measures: int | None = None,
        replace: bool = False,
    ) -> Iterator[LoadResult]:
        """Store every plan, many per transaction; yields each plan's result once its batch has
        committed. InputError at once, before anything is written, if two files give one id."""
        self.check()
        if not self.paths:
            return iter(())
        return store.iter_load(
            self.parsed_plans(), force=force, batch_measures=batch_measures, replace=replace
        )


# -- the spool's format: each dataclass as the tuple of its fields, pickled and compressed -------
# A tuple per record pickles and loads in about half the time of the dataclasses themselves;
# level-1 zlib shrinks the spool about fivefold for little time. Every field of the model's
# records is an __init__ argument, in order (tests/unit/test_loading_spool.py checks a round
# trip of real plans).
_LISTS = tuple(f.name for f in fields(ParsedPlan) if f.name != "plan")
_GETTERS: dict[type, Any] = {}


def _getter(cls: type) -> Any:
    if cls not in _GETTERS:
        names = [f.name for f in fields(cls)]
        get = attrgetter(*names)
        _GETTERS[cls] = get if len(names) > 1 else (lambda x: (get(x),))
    return _GETTERS[cls]


def encode_plan(parsed: ParsedPlan) -> bytes:
    """A parsed plan as compact bytes for the spool (decode_plan reads them back)."""
    lists: list[tuple[type, list[Any]] | None] = []
    for name in _LISTS:
        items = getattr(parsed, name)
        if items:
            get = _getter(type(items[0]))  # the records of a list are of one class
            lists.append((type(items[0]), [get(x) for x in items]))
        else:
            lists.append(None)
    data = (type(parsed.plan), _getter(type(parsed.plan))(parsed.plan), lists)
    return zlib.compress(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL), 1)


def decode_plan(data: bytes) -> ParsedPlan:
    """The plan that encode_plan wrote (the bytes come from this process's own spool)."""
    plan_cls, plan_row, lists = pickle.loads(zlib.decompress(data))
    parts: dict[str, list[Any]] = {}
    for name, entry in zip(_LISTS, lists, strict=True):
        if entry is None:
            parts[name] = []
        else:
            cls, rows = entry
            parts[name] = [cls(*row) for row in rows]
    return ParsedPlan(plan_cls(*plan_row), **parts)
