"""The embedded store: LadybugDB, one file on disk, no server.

Plans are written through LadybugDB's bulk path (COPY from CSV files written to a temporary
folder), one plan per transaction, so a plan appears whole or not at all.
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
from .base import PER_PLAN_LABELS, LoadResult, QueryResult, node_rows, relationship_rows

DEFAULT_PATH = "policygraph.lbug"


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


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


class EmbeddedStore:
    """A LadybugDB database file. Open read_only to run reports beside a running load."""

    name = "embedded"

    def __init__(self, path: str | Path = DEFAULT_PATH, *, read_only: bool = False) -> None:
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
            self._db = ladybug.Database(str(self.path), read_only=read_only)
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

    def counts(self) -> dict[str, int]:
        counts = {}
        for node in NODES:
            counts[node.label] = self._scalar(f"MATCH (n:{node.label}) RETURN count(n)")
        for rel in RELATIONSHIPS:
            counts[rel.type] = self._scalar(f"MATCH ()-[r:{rel.type}]->() RETURN count(r)")
        return counts

    def _scalar(self, cypher: str, params: dict[str, Any] | None = None) -> Any:
        rows = self.query(cypher, params).rows
        return rows[0][0] if rows else None

    # -- writing -------------------------------------------------------------------------
    def load(self, parsed: ParsedPlan, *, force: bool = False) -> LoadResult:
        """Write one plan in one transaction, replacing an earlier version of the same plan."""
        plan = parsed.plan
        stored_hash = self._scalar(
            f"MATCH (p:{PLAN}) WHERE p.id = $id RETURN p.content_hash", {"id": plan.id}
        )
        rel_count = len(parsed.assignments)
        if stored_hash == plan.content_hash and not force:
            return LoadResult(
                plan.id, "unchanged", len(parsed.measures), len(parsed.departments), rel_count
            )
        with tempfile.TemporaryDirectory(prefix="policygraph-") as tmp:
            self._conn.execute("BEGIN TRANSACTION")
            try:
                self._delete_plan(plan.id)
                self._copy_all(parsed, Path(tmp))
                self._conn.execute(
                    f"MATCH (d:{DEPARTMENT}) WHERE NOT EXISTS {{ MATCH (d)--() }} DELETE d"
                )
                self._conn.execute("COMMIT")
            except BaseException as exc:
                self._rollback()
                if isinstance(exc, RuntimeError):
                    raise StoreError(
                        f"loading {plan.id} failed and nothing was written: {exc}"
                    ) from None
                raise
        status = "replaced" if stored_hash is not None else "loaded"
        return LoadResult(plan.id, status, len(parsed.measures), len(parsed.departments), rel_count)

    def _rollback(self) -> None:
        # LadybugDB already rolls back a transaction whose statement failed.
        try:
            self._conn.execute("ROLLBACK")
        except RuntimeError as exc:
            if "No active transaction" not in str(exc):
                raise

    def _delete_plan(self, plan_id: str) -> None:
        for label, key in (*((lbl, "plan") for lbl in PER_PLAN_LABELS), (PLAN, "id")):
            self._conn.execute(
                f"MATCH (n:{label}) WHERE n.{key} = $id DETACH DELETE n", {"id": plan_id}
            )

    def _copy_all(self, parsed: ParsedPlan, folder: Path) -> None:
        nodes = node_rows(parsed)
        known = {
            row[0]
            for row in self.query(
                f"MATCH (d:{DEPARTMENT}) WHERE d.name IN $names RETURN d.name",
                {"names": [d["name"] for d in nodes[DEPARTMENT]]},
            ).rows
        }
        nodes[DEPARTMENT] = [d for d in nodes[DEPARTMENT] if d["name"] not in known]
        for label, rows in nodes.items():
            self._copy(label, rows, folder / f"{label}.csv")
        for (rel_type, src, dst), rows in relationship_rows(parsed).items():
            self._copy(
                rel_type,
                rows,
                folder / f"{rel_type}-{src}-{dst}.csv",
                f", from='{src}', to='{dst}'",
            )

    def _copy(self, table: str, rows: list[dict[str, Any]], file: Path, extra: str = "") -> None:
        if not rows:
            return
        has_newline = False
        with file.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(rows[0].keys())
            for row in rows:
                values = [_csv_value(v) for v in row.values()]
                has_newline = has_newline or any(isinstance(v, str) and "\n" in v for v in values)
                writer.writerow(values)
        # LadybugDB's parallel CSV reader cannot read quoted newlines; fall back for such files.
        options = f"header=true{extra}" + (", parallel=false" if has_newline else "")
        self._conn.execute(f"COPY {table} FROM '{_quote_path(file)}' ({options})")

    def close(self) -> None:
        self._conn.close()
        self._db.close()

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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
