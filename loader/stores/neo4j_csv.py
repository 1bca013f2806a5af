"""CSV files for Neo4j's offline bulk importer (`neo4j-admin database import full`).

A first load of a large corpus is many times faster through the importer than over Bolt. The
files hold exactly the graph a Bolt load writes: their rows come from `batch_rows`, the same
code both stores write from, and their headers from loader.model, so a property added to the
model reaches the importer without a second list. The writer acts as a store for the load loop
(`iter_load`), streaming: each batch of plans is appended to the files and then forgotten.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..errors import InputError, StoreError
from ..model import DEPARTMENT, DOCUMENT, NODE_BY_LABEL, RELATIONSHIPS, ParsedPlan, Property
from .base import LoadResult, StoreBase, Table, batch_rows, load_result

BATCH_MEASURES = 100_000  # measures parsed into rows before they are appended to the files
# The importer's types for the model's (LadybugDB) type names; STRING is its default.
CSV_TYPES = {"STRING": "", "INT64": ":long", "DOUBLE": ":double", "BOOLEAN": ":boolean"}
REL_PROPERTIES = {r.type: {p.name: p for p in r.properties} for r in RELATIONSHIPS}
NODE_PROPERTIES = {n.label: {p.name: p for p in n.properties} for n in NODE_BY_LABEL.values()}
_TEXT = Property("", "STRING", "")  # a relationship's ends, which are no property


def _column(prop: Property) -> str:
    try:
        return prop.name + CSV_TYPES[prop.type]
    except KeyError:  # a new type in loader.model: say where to teach the importer it
        raise StoreError(
            f"loader/stores/neo4j_csv.py has no importer type for {prop.type} ({prop.name})"
        ) from None


def _booleans(table: Table, types: dict[str, Property]) -> list[int]:
    """Where the model's boolean properties are among the columns of `table`."""
    return [at for at, name in enumerate(table.columns) if types.get(name, _TEXT).type == "BOOLEAN"]


def _cells(table: Table, booleans: list[int]) -> Iterable[Iterable[Any]]:
    """The rows of `table` as cells: empty text (and None) an empty unquoted cell, which the
    importer leaves unset, as the stores do; the values of the columns at `booleans` as the
    importer spells them (it reads `True` as false). Only those columns are looked at: a
    conversion of every cell was a third of the CSV files' time."""
    if not booleans:
        return table.rows

    def spelled(row: tuple[Any, ...]) -> list[Any]:
        cells = list(row)
        for at in booleans:
            value = cells[at]
            if value is True:
                cells[at] = "true"
            elif value is False:
                cells[at] = "false"
        return cells

    return map(spelled, table.rows)


def given_twice(plan_id: str) -> InputError:
    """The refusal of a plan id given by two files (an import writes each plan once)."""
    return InputError(
        f"the plan id {plan_id!r} is given twice; an import writes each "
        "plan once (rename one file, or load it later over Bolt)."
    )


@dataclass(frozen=True)
class PartFile:
    """One CSV file written, as the importer is told of it: `group` is the node label or the
    relationship type; `ends` the relationship's (type, from label, to label), else None."""

    group: str
    path: Path
    rows: int
    multiline: bool
    ends: tuple[str, str, str] | None = None


def admin_arguments(
    files: Sequence[PartFile], database: str = "neo4j", *, overwrite: bool = False
) -> list[str]:
    """What follows `neo4j-admin` to import `files` into `database` (absolute paths);
    `overwrite`: replace the database's files (an empty database that exists). A label or
    type written in several files (one per worker) is one group per file, each with its
    header."""
    # the database first: each --nodes/--relationships takes every word after it as a file
    args = ["database", "import", "full", database]
    if overwrite:
        args.append("--overwrite-destination=true")
    args += [f"--nodes={f.group}={f.path.resolve()}" for f in files if f.ends is None]
    args += [f"--relationships={f.group}={f.path.resolve()}" for f in files if f.ends]
    if any(f.multiline for f in files):
        # a measure's text may hold a line break; slower, so asked for only when needed
        args.append("--multiline-fields=true")
    return args


class _File:
    """One CSV file of the import, appended batch by batch."""

    def __init__(self, path: Path, header: list[str]) -> None:
        self.path = path
        self.rows = 0
        self.multiline = False  # a value holds a line break: the importer must be told
        self._fh: IO[str] = path.open("w", encoding="utf-8", newline="")
        csv.writer(self._fh, lineterminator="\n").writerow(header)

    def append(self, rows: Iterable[Iterable[Any]], count: int) -> None:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        text = buffer.getvalue()
        # A row without a line break in a value is exactly one line (counted in C, not by
        # looking at every value).
        if not self.multiline and (text.count("\n") != count or "\r" in text):
            self.multiline = True
        self._fh.write(text)
        self.rows += count

    def close(self) -> None:
        self._fh.close()


class ImportFiles(StoreBase):
    """Writes parsed plans as the importer's CSV files in `folder`, one file per node label
    and per relationship type and ends. Load plans into it as into a store (`load_many`,
    `iter_load`: a batch at a time), then `admin_arguments` names the files for
    `neo4j-admin database import full`. It runs no queries."""

    name = "neo4j-import"
    dialect = "neo4j"
    batch_measures = BATCH_MEASURES

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self.notices: list[str] = []
        if self.folder.exists() and not self.folder.is_dir():
            raise InputError(f"{self.folder} is a file; give a folder for the import files.")
        if self.folder.is_dir() and any(self.folder.iterdir()):
            raise InputError(
                f"the folder {self.folder} is not empty; give a new or empty folder for the "
                "import files (nothing in it is overwritten)."
            )
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot create the folder {self.folder}: {exc.strerror}.") from exc
        self.nodes: dict[str, _File] = {}  # by label
        self.rels: dict[tuple[str, str, str], _File] = {}  # by (type, from label, to label)
        self._shared: dict[str, set[str]] = {}  # keys written of nodes shared by plans
        self._ids: set[str] = set()  # plan ids written

    # -- the store side: StoreBase's load loop calls it a batch of plans at a time ---------
    def _load_batch(self, batch: list[ParsedPlan], force: bool, replace: bool) -> list[LoadResult]:
        """Append the plans of `batch` to the files (each plan once, as version 1 stamped now:
        there is no replacing, so `force` and `replace` change nothing)."""
        from ..versions import now, stamped

        for parsed in batch:
            if parsed.plan.id in self._ids:
                raise given_twice(parsed.plan.id)
            self._ids.add(parsed.plan.id)
        loaded_at = now()
        self._append([stamped(p, p.plan.version, loaded_at) for p in batch])
        return [load_result(p, "loaded") for p in batch]

    def _append(self, batch: list[ParsedPlan]) -> None:
        rows = batch_rows(batch)
        shared = [
            (label, self._new(label, table))
            for label, table in ((DEPARTMENT, rows.departments), (DOCUMENT, rows.documents))
        ]
        for label, table in (*shared, *rows.nodes.items()):
            if table:
                booleans = _booleans(table, NODE_PROPERTIES[label])
                self._node_file(label).append(_cells(table, booleans), len(table))
        for ends, table in rows.rels.items():
            # from, to, then the relationship's properties
            booleans = _booleans(table, REL_PROPERTIES[ends[0]])
            self._rel_file(ends, table.columns).append(_cells(table, booleans), len(table))

    def _new(self, label: str, table: Table) -> Table:
        """The rows of nodes shared by plans (departments, documents) not written yet: as the
        stores do, the first plan written gives their properties."""
        key, seen = NODE_BY_LABEL[label].key, self._shared.setdefault(label, set())
        new = table.where(key, lambda value: value not in seen)
        seen.update(new.column(key))
        return new

    def _node_file(self, label: str) -> _File:
        if label not in self.nodes:
            node = NODE_BY_LABEL[label]
            header = [f"{p.name}:ID({label})" if p.key else _column(p) for p in node.properties]
            self.nodes[label] = _File(self.folder / f"{label}.csv", header)
        return self.nodes[label]

    def _rel_file(self, ends: tuple[str, str, str], columns: Sequence[str]) -> _File:
        if ends not in self.rels:
            rel_type, src, dst = ends
            props = REL_PROPERTIES[rel_type]
            header = [f":START_ID({src})", f":END_ID({dst})"]
            header += [_column(props[name]) for name in columns[2:]]
            self.rels[ends] = _File(self.folder / f"{rel_type}-{src}-{dst}.csv", header)
        return self.rels[ends]

    # -- the importer's side --------------------------------------------------------------
    def admin_arguments(self, database: str = "neo4j", *, overwrite: bool = False) -> list[str]:
        """What follows `neo4j-admin` to import the files into `database` (absolute paths);
        `overwrite`: replace the database's files (an empty database that exists)."""
        return admin_arguments(self.files(), database, overwrite=overwrite)

    def files(self) -> list[PartFile]:
        """The files written, nodes first."""
        nodes = [PartFile(label, f.path, f.rows, f.multiline) for label, f in self.nodes.items()]
        return nodes + [
            PartFile(ends[0], f.path, f.rows, f.multiline, ends) for ends, f in self.rels.items()
        ]

    def merge(self, parts: Sequence[Sequence[PartFile]]) -> list[PartFile]:
        """The files of several writers (each in a folder of its own, given in file order) as
        one import: the nodes shared by plans (departments, documents) go into this writer's
        file once, the first row of each key kept, as one writer keeps it; the writers' files
        of them are removed. Returns every file to import."""
        kept: list[PartFile] = []
        for part in parts:
            for f in part:
                if f.ends is None and f.group in (DEPARTMENT, DOCUMENT):
                    self._copy_new(f)
                    f.path.unlink()
                else:
                    kept.append(f)
        self.close()
        return self.files() + sorted(kept, key=lambda f: f.ends is not None)

    def _copy_new(self, part: PartFile) -> None:
        """Append the rows of `part` whose key is not written yet."""
        node = NODE_BY_LABEL[part.group]
        at = [p.name for p in node.properties].index(node.key)
        seen = self._shared.setdefault(part.group, set())
        with part.path.open(encoding="utf-8", newline="") as fh:
            rows = csv.reader(fh)
            next(rows)  # the header, which _node_file writes
            new = []
            for row in rows:
                if row[at] not in seen:
                    seen.add(row[at])
                    new.append(row)
        if new:
            self._node_file(part.group).append(new, len(new))

    def counts(self) -> dict[str, int]:
        """Rows written, by label and by relationship type."""
        counts = {label: f.rows for label, f in self.nodes.items()}
        for (rel_type, _, _), f in self.rels.items():
            counts[rel_type] = counts.get(rel_type, 0) + f.rows
        return counts

    def close(self) -> None:
        for f in (*self.nodes.values(), *self.rels.values()):
            f.close()

    def discard(self) -> None:
        """Close and delete the files written (an import that failed half-way)."""
        self.close()
        for f in (*self.nodes.values(), *self.rels.values()):
            f.path.unlink(missing_ok=True)

    def __enter__(self) -> ImportFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
