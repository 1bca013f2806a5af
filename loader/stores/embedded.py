"""The embedded store: LadybugDB, one file on disk, no server.

New plans are written through LadybugDB's bulk path (COPY from CSV files written to a temporary
folder); plans that replace a stored version by logged CREATE statements, so a kill at any
moment leaves the old version or the new one (see `_write_batch`). `load_many` groups many
plans into one transaction of about 100,000 measures, so a plan appears whole or not at all
and thousands of plans load in seconds.

The free disk space is checked before writing, a write-ahead log damaged by an interrupted
write is repaired on the next open (keeping a copy), and a read-only store rereads a query
whose file a writer changed under it."""

from __future__ import annotations

import contextlib
import csv
import math
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ladybug

from ..errors import StoreBusyError, StoreError
from ..model import (
    DEPARTMENT,
    DOCUMENT,
    NODE_BY_LABEL,
    NODES,
    PLAN,
    PLAN_VERSION,
    RELATIONSHIPS,
    ParsedPlan,
)
from . import DEFAULT_PATH
from .base import (
    PER_PLAN_LABELS,
    BatchRows,
    QueryResult,
    StoreBase,
    Table,
    batch_rows,
    describe_plans,
)

BATCH_MEASURES = 100_000  # measures per transaction (one COPY per table) in load_many
# LadybugDB's error when COMMIT succeeded but the checkpoint after it failed (a full disk). It
# adds that the data "is durable", but rows written by COPY are not in its WAL, and after a
# partly written checkpoint they are gone on the next open: the plan may or may not be there.
COMMITTED = "Transaction committed successfully, but the post-commit checkpoint failed"
UNWIND_ROWS = 5000  # rows per `UNWIND $rows` statement when writing replaced plans
# LadybugDB 0.22 aborts the process when a write to its log fails, as on a full disk, so
# space is checked before writing: this much, plus FREE_PER_MEASURE for each measure written.
MIN_FREE_MB = 16  # POLICYGRAPH_MIN_FREE_MB overrides it; 0 turns the check off
FREE_PER_MEASURE = 4096  # bytes (a stored measure with its edges takes about 1 KB)
DAMAGED_WAL = "the WAL file is corrupted"
RECOVERY_PENDING = "checkpoint recovery is pending"
READ_ATTEMPTS = 3  # reads of a query when a writer changes the file under a read-only store
# Shared nodes (departments, cited documents) that only a replaced plan named.
DELETE_ORPHANS = tuple(
    f"MATCH (d:{label}) WHERE NOT EXISTS {{ MATCH (d)--() }} DELETE d"
    for label in (DEPARTMENT, DOCUMENT)
)


def schema_statements() -> list[str]:
    """DDL for every node and relationship table, from policygraph.loader.model."""
    statements = []
    for node in NODES:
        cols = ", ".join(f"{p.name} {p.type}" for p in node.properties)
        statements.append(
            f"CREATE NODE TABLE IF NOT EXISTS {node.label}({cols}, PRIMARY KEY ({node.key}))"
        )
    for rel in RELATIONSHIPS:
        ends = ", ".join(f"FROM {a} TO {b}" for a, b in rel.ends)
        cols = "".join(f", {p.name} {p.type}" for p in rel.properties)
        statements.append(f"CREATE REL TABLE IF NOT EXISTS {rel.type}({ends}{cols})")
    return statements


class EmbeddedStore(StoreBase):
    """A LadybugDB database file. Open read_only to run reports beside a running load."""

    name = "embedded"
    dialect = "ladybug"
    batch_measures = BATCH_MEASURES

    @classmethod
    def open(
        cls, target: str, *, read_only: bool = False, buffer_pool_size: int = 0
    ) -> EmbeddedStore:
        """The store file at the path `target` (for the registry, `open_store`)."""
        return cls(target, read_only=read_only, buffer_pool_size=buffer_pool_size)

    def __init__(
        self,
        path: str | Path = DEFAULT_PATH,
        *,
        read_only: bool = False,
        buffer_pool_size: int = 0,
    ) -> None:
        """`buffer_pool_size` caps LadybugDB's memory for pages, in bytes (0: its default, up
        to 80% of RAM, which it takes only as a query needs it)."""
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise StoreError(
                f"no embedded store at {self.path}; load a plan first: "
                f"policygraph load PLAN --store {self.path}"
            )
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a folder; give a file path for the store.")
        if not read_only and not self.path.parent.is_dir():
            raise StoreError(
                f"cannot create the store {self.path}: the folder "
                f"{self.path.parent} does not exist."
            )
        self.read_only, self._buffer_pool_size = read_only, buffer_pool_size
        self.notices: list[str] = []  # what the caller should tell the user (warnings)
        self._seen: tuple[int, int, bool] | None = None  # the file as a read-only open found it
        self._opened_state: tuple[Any, ...] = ()  # ... with its write-ahead log
        if not read_only and not self.path.exists():
            check_free_space(self.path, 0)
        self._db = self._open_database(read_only, buffer_pool_size)
        self._conn = ladybug.Connection(self._db)
        if not read_only:
            try:
                for statement in schema_statements():
                    self._conn.execute(statement)
            except RuntimeError as exc:
                raise StoreError(
                    f"cannot create the tables of the store {self.path}: {exc}"
                ) from exc
        self._check_schema()

    def _open_database(self, read_only: bool, buffer_pool_size: int) -> ladybug.Database:
        """Open the file, finishing the recovery a writer that died left for the next one.

        A read-only open races the writer of a running load: LadybugDB 0.22 then fails now and
        then with an error of its own (`Write-write conflict`, seen in about 1 of 93 opens
        during a replacing load; `invalid local node offset`). Such an open is tried again,
        and when the store keeps changing it is reported as in use, never as damaged."""
        if not read_only:
            return self._open_recovering(False, buffer_pool_size)
        changed = False
        for attempt in range(READ_ATTEMPTS):
            before = _store_state(self.path)
            try:
                return self._open_recovering(True, buffer_pool_size)
            except StoreBusyError:
                raise
            except StoreError as exc:
                if not _raced(exc, before, self.path):
                    raise
                last, changed = exc, changed or _store_state(self.path) != before
            time.sleep(0.05 * 2**attempt)
        if not changed:  # the same error each time on a store nothing writes: it is damaged
            raise last
        raise self._busy()

    def _busy(self) -> StoreBusyError:
        return StoreBusyError(
            f"the store {self.path} is in use by another process (a load is writing to it); "
            "run this again when the load has finished."
        )

    def _open_recovering(self, read_only: bool, buffer_pool_size: int) -> ladybug.Database:
        try:
            return self._open_file(read_only, buffer_pool_size)
        except StoreError as exc:
            if not (read_only and (RECOVERY_PENDING in str(exc) or DAMAGED_WAL in str(exc))):
                raise
        # Opening read-write completes the recovery (as the next load would); when a writer
        # is alive instead, it says that the store is busy.
        self._open_file(False, buffer_pool_size).close()
        return self._open_file(True, buffer_pool_size)

    def _open_file(self, read_only: bool, buffer_pool_size: int) -> ladybug.Database:
        """Open the file; repair it from a damaged write-ahead log, telling the user."""

        def open_db(**options: Any) -> ladybug.Database:
            if read_only:
                self._seen = _file_state(self.path)
                self._opened_state = _store_state(self.path)
            try:
                return ladybug.Database(
                    str(self.path),
                    read_only=read_only,
                    buffer_pool_size=buffer_pool_size,
                    **options,
                )
            except RuntimeError as exc:
                raise _open_error(self.path, exc) from exc

        try:
            return open_db()
        except StoreError as exc:
            if read_only or DAMAGED_WAL not in str(exc):
                raise
        # A write cut off mid-way (LadybugDB aborts when a log write fails on a full disk)
        # leaves a torn record at the end of the log. Replay stops there: every transaction
        # committed before it is kept. The damaged log is kept too, in case it held more.
        wal = self.path.with_name(self.path.name + ".wal")
        kept = wal.with_name(f"{wal.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            shutil.copy2(wal, kept)
        except OSError as exc:
            kept.unlink(missing_ok=True)
            raise StoreError(
                f"the store {self.path} has a damaged write-ahead log and there is no room to "
                f"keep a copy of it before repairing ({exc.strerror}); free disk space and retry."
            ) from exc
        self.notices.append(
            f"repaired the store {self.path}: its write-ahead log was damaged (a load was cut "
            "off); every transaction committed before the damage is kept, and the damaged log "
            f"is saved as {kept.name}. Run the interrupted load again to finish it."
        )
        return open_db(throw_on_wal_replay_failure=False)

    def _check_schema(self) -> None:
        """Refuse a store written by a policygraph whose model had other properties."""
        tables = {row[0] for row in self.query("CALL show_tables() RETURN name").rows}
        named = [(n.label, n.properties) for n in NODES]
        named += [(r.type, r.properties) for r in RELATIONSHIPS]
        for name, properties in named:
            if name not in tables:
                continue
            found = {row[0] for row in self.query(f"CALL table_info('{name}') RETURN name").rows}
            missing = {p.name for p in properties} - found
            if missing:
                raise StoreError(
                    f"the store {self.path} was written by another version of policygraph "
                    f"({name} lacks {', '.join(sorted(missing))}); load your plans into a new "
                    "store file (--store NEW.lbug)."
                )

    # -- reading -------------------------------------------------------------------------
    def query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        for _ in range(READ_ATTEMPTS):
            opened = self._opened_state
            try:
                result = self._conn.execute(cypher, params or {})
                assert not isinstance(result, list)  # one statement gives one result
                columns = result.get_column_names()
                rows = result.get_all()
            except RuntimeError as exc:
                error = StoreError(f"the embedded store rejected the query: {exc}")
                if not (self.read_only and _raced(error, opened, self.path)):
                    raise error from exc
            else:
                if not self.read_only or _file_state(self.path) == self._seen:
                    return QueryResult(columns, [list(r) for r in rows])
            # A writer checkpointed into the file while this process read it, so the rows may
            # mix two versions of the graph (or LadybugDB failed on the change): read again
            # from a fresh open.
            self.close()
            self._db = self._open_database(True, self._buffer_pool_size)
            self._conn = ladybug.Connection(self._db)
        raise StoreBusyError(
            f"the store {self.path} kept changing while it was read (a load is writing to it); "
            "run this again when the load has finished."
        )

    # -- writing -------------------------------------------------------------------------
    def _write_rows(self, cypher: str, rows: list[dict[str, Any]]) -> None:
        if self.read_only:
            raise StoreError(f"the store {self.path} was opened read-only; nothing was written.")
        check_free_space(self.path, len(rows))
        try:
            self._conn.execute(cypher, {"rows": rows})  # one statement: one transaction
        except RuntimeError as exc:
            raise StoreError(
                f"writing to {self.path} failed and nothing was written: {exc}"
            ) from exc

    def _write_batch(
        self, plans: list[ParsedPlan], replaced: list[str], kept: list[dict[str, Any]]
    ) -> None:
        """Replaced plans go in by CREATE statements (durable), new plans by COPY (fast).

        LadybugDB 0.22 does not log COPY's rows in its write-ahead log: they are safe only
        once the checkpoint that follows the commit has finished. A process killed during that
        checkpoint loses them on recovery, while the transaction's deletes, which are logged,
        are replayed. A replacement written by COPY would then lose its old version and its
        new one. Statements are logged, so a replaced plan is whole in one version or the
        other whatever the moment of a kill; a new plan is at worst absent, as it was never
        reported loaded, and the rerun writes it.

        The two kinds take a transaction each: COPY after CREATE into the same table in one
        transaction breaks LadybugDB's primary-key index ("invalid local node offset").
        The versions `kept` are created in the replacing transaction: a kill leaves the old
        version without its copy or the new one with it.
        """
        check_free_space(self.path, sum(len(p.measures) for p in plans))
        again = set(replaced)
        renewed = [p for p in plans if p.plan.id in again]
        new = [p for p in plans if p.plan.id not in again]
        if renewed:
            with self._transaction(renewed):
                if kept:
                    fields = ", ".join(f"{c}: row.{c}" for c in kept[0])
                    self._conn.execute(
                        f"UNWIND $rows AS row CREATE (n:{PLAN_VERSION} {{{fields}}})",
                        {"rows": kept},
                    )
                self._delete_plans(replaced)
                self._create_batch(batch_rows(renewed))
                # only a replaced plan can leave a department with no edges
                for statement in DELETE_ORPHANS:
                    self._conn.execute(statement)
        if new:
            with self._transaction(new), tempfile.TemporaryDirectory(prefix="policygraph-") as tmp:
                self._copy_batch(batch_rows(new), Path(tmp))

    @contextlib.contextmanager
    def _transaction(self, plans: list[ParsedPlan]) -> Iterator[None]:
        """One write transaction for `plans`; its errors say what happened to them."""
        what, were = describe_plans(plans), "were" if len(plans) > 1 else "was"
        self._conn.execute("BEGIN TRANSACTION")
        try:
            yield
            self._conn.execute("COMMIT")
        except BaseException as exc:
            if isinstance(exc, RuntimeError) and COMMITTED in str(exc):
                cause = re.split(r"Original error: |recovered on restart: ", str(exc))[-1]
                raise StoreError(
                    f"{what} {were} committed, but the store could not finish writing to disk "
                    f"({cause.strip()}), so {'they' if len(plans) > 1 else 'it'} may be "
                    "missing when the store is next opened; free disk space, then run the "
                    "load again to write what is missing."
                ) from exc
            self._rollback()
            if isinstance(exc, RuntimeError):
                raise StoreError(
                    f"loading {what} failed and nothing "
                    f"{'of them ' if len(plans) > 1 else ''}was written: {exc}"
                ) from exc
            raise

    def _rollback(self) -> None:
        # LadybugDB already rolls back a transaction whose statement failed.
        try:
            self._conn.execute("ROLLBACK")
        except RuntimeError as exc:
            if "No active transaction" not in str(exc):
                raise

    def _delete_plans(self, plan_ids: list[str]) -> None:
        for label, key in (*((lbl, "plan") for lbl in PER_PLAN_LABELS), (PLAN, "id")):
            self._conn.execute(
                f"MATCH (n:{label}) WHERE n.{key} IN $ids DETACH DELETE n", {"ids": plan_ids}
            )

    def _create_batch(self, rows: BatchRows) -> None:
        """Write rows by `UNWIND $rows` statements (logged in the WAL, unlike COPY)."""

        def run(cypher: str, table: Table) -> None:
            dicts = table.dicts()
            for i in range(0, len(dicts), UNWIND_ROWS):
                self._conn.execute(cypher, {"rows": dicts[i : i + UNWIND_ROWS]})

        def fields(table: Table, skip: tuple[str, ...] = ()) -> str:
            return ", ".join(f"{c}: row.{c}" for c in table.columns if c not in skip)

        key = NODE_BY_LABEL[DEPARTMENT].key
        if rows.departments:  # shared with other plans: created only when not yet stored
            new = ", ".join(f"n.{c} = row.{c}" for c in rows.departments.columns if c != key)
            run(
                f"UNWIND $rows AS row MERGE (n:{DEPARTMENT} {{{key}: row.{key}}})"
                + (f" ON CREATE SET {new}" if new else ""),
                rows.departments,
            )
        if rows.documents:  # shared too; the first citation loaded gives the properties
            new = ", ".join(f"n.{c} = row.{c}" for c in rows.documents.columns if c != "id")
            run(
                f"UNWIND $rows AS row MERGE (n:{DOCUMENT} {{id: row.id}}) ON CREATE SET {new}",
                rows.documents,
            )
        for label, table in rows.nodes.items():
            if table:
                run(f"UNWIND $rows AS row CREATE (n:{label} {{{fields(table)}}})", table)
        for (rel_type, src, dst), table in rows.rels.items():
            src_key, dst_key = NODE_BY_LABEL[src].key, NODE_BY_LABEL[dst].key
            # Two MATCH clauses, not one with two patterns: LadybugDB plans the single MATCH
            # as a join that rescans the tables, quadratic in the store's size (7x slower at
            # 20,000 measures); matched one after the other, each end is a key lookup.
            run(
                f"UNWIND $rows AS row MATCH (a:{src} {{{src_key}: row.`from`}}) WITH a, row "
                f"MATCH (b:{dst} {{{dst_key}: row.`to`}}) "
                f"CREATE (a)-[:{rel_type} {{{fields(table, ('from', 'to'))}}}]->(b)",
                table,
            )

    def _copy_batch(self, rows: BatchRows, folder: Path) -> None:
        """One CSV file and one COPY per table for all the plans (nodes first, then edges)."""
        key = NODE_BY_LABEL[DEPARTMENT].key
        known = {
            row[0]
            for row in self.query(
                f"MATCH (d:{DEPARTMENT}) WHERE d.{key} IN $keys RETURN d.{key}",
                {"keys": rows.departments.column(key)},
            ).rows
        }
        tables = [(DEPARTMENT, rows.departments.where(key, lambda k: k not in known), "")]
        stored = {
            row[0]
            for row in self.query(
                f"MATCH (d:{DOCUMENT}) WHERE d.id IN $ids RETURN d.id",
                {"ids": rows.documents.column("id")},
            ).rows
        }
        tables.append((DOCUMENT, rows.documents.where("id", lambda k: k not in stored), ""))
        tables += [(label, table, "") for label, table in rows.nodes.items()]
        tables += [
            (rel_type, table, f", from='{src}', to='{dst}'")
            for (rel_type, src, dst), table in rows.rels.items()
        ]
        for i, (name, table, extra) in enumerate(tables):
            if table:
                self._conn.execute(_write_csv(name, table, folder / f"{i}-{name}.csv", extra))

    def close(self) -> None:
        self._conn.close()
        self._db.close()

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _write_csv(table: str, rows: Table, file: Path, extra: str) -> str:
    """Write `rows` to a CSV file; the COPY statement that reads it into `table`. Empty text
    is an empty cell, which LadybugDB's CSV reader makes null, as `Table.dicts` does."""
    with file.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(rows.columns)
        writer.writerows(rows.rows)
    # LadybugDB's parallel CSV reader cannot read a quoted newline. A row without one is
    # exactly one line, so count lines (fast, in C) rather than inspect every value.
    data = file.read_bytes()
    multiline = data.count(b"\n") != len(rows) + 1 or b"\r" in data
    # The dialect csv.writer wrote, said outright: LadybugDB otherwise guesses it from the
    # first lines, and a file whose first quoted cell (a half-width comma in a title) comes
    # after them was read without quotes, so a whole batch of plans failed to load.
    options = f"header=true, auto_detect=false, delim=',', quote='\"', escape='\"'{extra}"
    options += ", parallel=false" if multiline else ""
    return f"COPY {table} FROM '{_quote_path(file)}' ({options})"


def _file_state(path: Path) -> tuple[int, int, bool]:
    """What changes when a writer checkpoints into the file (LadybugDB writes a .shadow file of
    pages first, then copies them in): modification time, size, and whether a shadow exists."""
    try:
        st = path.stat()
    except OSError:
        return (0, 0, False)
    return (st.st_mtime_ns, st.st_size, path.with_name(path.name + ".shadow").exists())


def _store_state(path: Path) -> tuple[Any, ...]:
    """The file and its write-ahead log as they are now: any change means a writer is at work."""
    return (_file_state(path), _file_state(path.with_name(path.name + ".wal")))


# LadybugDB's errors when a read-only open or read meets a store a writer is changing.
RACE_ERRORS = ("Write-write conflict", "invalid local node offset")


def _raced(exc: Exception, before: tuple[Any, ...], path: Path) -> bool:
    """Whether a failed read-only open or read met a writer: the store changed meanwhile, or
    LadybugDB says so in one of the errors it gives when it does."""
    return _store_state(path) != before or any(e in str(exc) for e in RACE_ERRORS)


def check_free_space(store: Path, measures: int) -> None:
    """Refuse to write when the store's disk has too little room (see MIN_FREE_MB)."""
    try:
        min_mb = float(os.environ.get("POLICYGRAPH_MIN_FREE_MB", MIN_FREE_MB))
        if not math.isfinite(min_mb):  # nan and inf parse as floats but are no size
            raise ValueError
    except ValueError as exc:
        raise StoreError(
            "POLICYGRAPH_MIN_FREE_MB must be a number of megabytes (default "
            f"{MIN_FREE_MB}), not {os.environ['POLICYGRAPH_MIN_FREE_MB']!r}."
        ) from exc
    if min_mb <= 0:
        return  # the check is off
    need = int(min_mb * 2**20) + measures * FREE_PER_MEASURE
    try:
        free = shutil.disk_usage(store.parent).free
    except OSError:
        return  # the open or the write itself will say what is wrong with the folder
    if free < need:
        raise StoreError(
            f"not enough disk space for the store {store}: {free / 2**20:.1f} MB free, "
            f"writing needs about {need / 2**20:.0f} MB; free disk space and run the load "
            "again (nothing was written)."
        )


def _quote_path(path: Path) -> str:
    return str(path).replace("\\", "\\\\").replace("'", "\\'")


_LOCK_RE = re.compile(r"Lock is held by PID (\d+)")


def _open_error(path: Path, exc: RuntimeError) -> StoreError:
    text = str(exc)
    if "Could not set lock" in text:
        held = _LOCK_RE.search(text)
        who = f" (process {held.group(1)})" if held else ""
        return StoreBusyError(
            f"the store {path} is in use by another process{who}; wait for it "
            "to finish, or use another --store path."
        )
    first = text.splitlines()[0] if text else type(exc).__name__
    return StoreError(f"cannot open the embedded store {path}: {first}")
