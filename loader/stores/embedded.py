"""The embedded store: LadybugDB, one file on disk, no server.

Plans are written through LadybugDB's bulk path (COPY from CSV files written to a temporary
folder). `load_many` groups many plans into one transaction of about 100,000 measures (one COPY
per table), so a plan appears whole or not at all and thousands of plans load in seconds.
"""

from __future__ import annotations

import csv
import re
import tempfile
from pathlib import Path
from typing import Any

import ladybug

from ..errors import StoreBusyError, StoreError
from ..model import DEPARTMENT, NODES, PLAN, RELATIONSHIPS, ParsedPlan
from .base import (
    PER_PLAN_LABELS,
    LoadResult,
    QueryResult,
    StoreBase,
    describe_plans,
    load_result,
    node_rows,
    relationship_rows,
)

DEFAULT_PATH = "policygraph.lbug"
BATCH_MEASURES = 100_000  # measures per transaction (one COPY per table) in load_many
DELETE_ORPHANS = f"MATCH (d:{DEPARTMENT}) WHERE NOT EXISTS {{ MATCH (d)--() }} DELETE d"


def schema_statements() -> list[str]:
    """DDL for every node and relationship table, from loader.model."""
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
    batch_measures = BATCH_MEASURES

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
        try:
            self._db = ladybug.Database(
                str(self.path), read_only=read_only, buffer_pool_size=buffer_pool_size
            )
            self._conn = ladybug.Connection(self._db)
        except RuntimeError as exc:
            raise _open_error(self.path, exc) from None
        if not read_only:
            for statement in schema_statements():
                self._conn.execute(statement)
        self._check_schema()

    def _check_schema(self) -> None:
        """Refuse a store written by a policygraph whose model had other properties."""
        tables = {row[0] for row in self.query("CALL show_tables() RETURN name").rows}
        for table in [*NODES, *RELATIONSHIPS]:
            name = getattr(table, "label", None) or table.type
            if name not in tables:
                continue
            found = {row[0] for row in self.query(f"CALL table_info('{name}') RETURN name").rows}
            missing = {p.name for p in table.properties} - found
            if missing:
                raise StoreError(
                    f"the store {self.path} was written by another version of policygraph "
                    f"({name} lacks {', '.join(sorted(missing))}); load your plans into a new "
                    "store file (--store NEW.lbug)."
                )

    # -- reading -------------------------------------------------------------------------
    def query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        try:
            result = self._conn.execute(cypher, params or {})
            columns = result.get_column_names()
            rows = result.get_all()
        except RuntimeError as exc:
            raise StoreError(f"the embedded store rejected the query: {exc}") from None
        return QueryResult(columns, [list(r) for r in rows])

    # -- writing -------------------------------------------------------------------------
    def _load_batch(self, batch: list[ParsedPlan], force: bool) -> list[LoadResult]:
        stored = self._stored_hashes(batch)
        todo = [p for p in batch if force or stored.get(p.plan.id) != p.plan.content_hash]
        replaced = [p.plan.id for p in todo if p.plan.id in stored]
        if todo:
            with tempfile.TemporaryDirectory(prefix="policygraph-") as tmp:
                self._conn.execute("BEGIN TRANSACTION")
                try:
                    if replaced:
                        self._delete_plans(replaced)
                    self._copy_batch(todo, Path(tmp))
                    if replaced:  # only a replaced plan can leave a department with no edges
                        self._conn.execute(DELETE_ORPHANS)
                    self._conn.execute("COMMIT")
                except BaseException as exc:
                    self._rollback()
                    if isinstance(exc, RuntimeError):
                        raise StoreError(
                            f"loading {describe_plans(todo)} failed and nothing "
                            f"{'of them ' if len(todo) > 1 else ''}was written: {exc}"
                        ) from None
                    raise
        written = {id(p) for p in todo}
        return [
            load_result(
                p,
                "unchanged"
                if id(p) not in written
                else ("replaced" if p.plan.id in stored else "loaded"),
            )
            for p in batch
        ]

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

    def _copy_batch(self, plans: list[ParsedPlan], folder: Path) -> None:
        """One CSV file and one COPY per table for all the plans (nodes first, then edges)."""
        tables: dict[Any, _CsvTable] = {}

        def table(key: Any, name: str, file: str, extra: str = "") -> _CsvTable:
            if key not in tables:
                tables[key] = _CsvTable(name, folder / file, extra)
            return tables[key]

        departments: dict[str, dict[str, Any]] = {}
        for parsed in plans:
            for label, rows in node_rows(parsed).items():
                if label == DEPARTMENT:
                    for row in rows:
                        departments.setdefault(row["name"], row)
                else:
                    table(label, label, f"{label}.csv").write(rows)
        # Relationship files are written after all node rows are known, but before any COPY.
        for parsed in plans:
            for (rel_type, src, dst), rows in relationship_rows(parsed).items():
                table(
                    (rel_type, src, dst),
                    rel_type,
                    f"{rel_type}-{src}-{dst}.csv",
                    f", from='{src}', to='{dst}'",
                ).write(rows)
        known = {
            row[0]
            for row in self.query(
                f"MATCH (d:{DEPARTMENT}) WHERE d.name IN $names RETURN d.name",
                {"names": list(departments)},
            ).rows
        }
        new = [row for name, row in departments.items() if name not in known]
        table(DEPARTMENT, DEPARTMENT, f"{DEPARTMENT}.csv").write(new)
        nodes = [t for k, t in tables.items() if isinstance(k, str)]
        edges = [t for k, t in tables.items() if not isinstance(k, str)]
        for t in [*nodes, *edges]:
            statement = t.finish()
            if statement:
                self._conn.execute(statement)

    def close(self) -> None:
        self._conn.close()
        self._db.close()

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _CsvTable:
    """Rows of one table collected in a CSV file, then read by one COPY statement."""

    def __init__(self, table: str, file: Path, extra: str) -> None:
        self.table, self.file, self.extra = table, file, extra
        self.rows = 0
        self._fh = file.open("w", encoding="utf-8", newline="")
        self._writer = csv.writer(self._fh, lineterminator="\n")
        self._header = False

    def write(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        if not self._header:
            self._writer.writerow(rows[0].keys())
            self._header = True
        self._writer.writerows(row.values() for row in rows)
        self.rows += len(rows)

    def finish(self) -> str | None:
        """Close the file; the COPY statement that reads it, or None when it has no rows."""
        self._fh.close()
        if not self.rows:
            return None
        # LadybugDB's parallel CSV reader cannot read a quoted newline. A row without one is
        # exactly one line, so count lines (fast, in C) rather than inspect every value.
        data = self.file.read_bytes()
        multiline = data.count(b"\n") != self.rows + 1 or b"\r" in data
        options = f"header=true{self.extra}" + (", parallel=false" if multiline else "")
        return f"COPY {self.table} FROM '{_quote_path(self.file)}' ({options})"


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
