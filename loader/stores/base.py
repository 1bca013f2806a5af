"""What every graph store offers, and the table rows both stores write.

A store writes parsed plans and runs Cypher with parameters. Rows are derived here, once, from
loader.model, so the embedded store and Neo4j hold exactly the same graph. Stores are opened
through the registry in this package (`open_store`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, Protocol, cast

from ..errors import StoreError
from ..lineage import link_lineage
from ..model import (
    CITES,
    COMMITMENT,
    COMMITS_TO,
    DEPARTMENT,
    DOCUMENT,
    IN_THEME,
    MEASURE,
    NODE_BY_LABEL,
    NODES,
    PART_OF,
    PLAN,
    PROGRESS,
    RELATIONSHIPS,
    ROLE_TYPES,
    THEME,
    ParsedPlan,
    Progress,
)


@dataclass(frozen=True)
class LoadResult:
    plan: str
    status: str  # "loaded", "replaced" or "unchanged"
    measures: int
    departments: int
    relationships: int
    version: int = 1  # the plan's version in the store after the load
    kept: int | None = None  # the earlier version this load kept as a PlanVersion, if any


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


# The Cypher dialects stores speak: a catalogue report may hold one text per dialect, after a
# `// engine: NAME` line (LadybugDB lacks some Neo4j functions, and the other way round).
DIALECTS = ("ladybug", "neo4j")


class Store(Protocol):
    """A graph store: the embedded LadybugDB file or a Neo4j server (see StoreBase)."""

    name: str  # its key in the registry, ENGINES
    dialect: str  # the Cypher it speaks, one of DIALECTS
    read_only: bool  # opened for reading: it writes nothing
    notices: list[str]  # what the caller should tell the user (warnings) about the open

    def query_table(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult: ...

    def load(
        self, parsed: ParsedPlan, *, force: bool = False, replace: bool = False
    ) -> LoadResult: ...

    def load_many(
        self,
        plans: Iterable[ParsedPlan],
        *,
        force: bool = False,
        batch_measures: int | None = None,
        replace: bool = False,
    ) -> list[LoadResult]: ...

    def iter_load(
        self,
        plans: Iterable[ParsedPlan],
        *,
        force: bool = False,
        batch_measures: int | None = None,
        replace: bool = False,
    ) -> Iterator[LoadResult]: ...

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult: ...

    def counts(self) -> dict[str, int]: ...

    def add_progress(self, records: list[Progress]) -> None: ...

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...


class StoreBase:
    """What both stores share: counts and the batched load loop.

    A store class gives `name`, `dialect`, `query`, `_write_batch` (one transaction),
    `batch_measures` (default measures per batch), `close`, and a classmethod
    `open(target, *, read_only=False, **settings)` that the registry calls; it sets
    `read_only` and `notices` when it opens.
    """

    name: str
    dialect: str
    batch_measures: int = 10_000
    read_only: bool = False
    notices: list[str]

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        raise NotImplementedError

    def query_table(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        """A read that may return many rows (a catalogue report): the rows of `query`, fetched
        the fastest way the store has."""
        return self.query(cypher, params)

    def _write_batch(
        self, plans: list[ParsedPlan], replaced: list[str], kept: list[dict[str, Any]]
    ) -> None:
        """Write `plans` in one transaction, first deleting the stored plans `replaced` and
        creating the PlanVersion rows `kept` (the versions they replace, see loader.versions)."""
        raise NotImplementedError

    def _load_batch(self, batch: list[ParsedPlan], force: bool, replace: bool) -> list[LoadResult]:
        """Write the plans of `batch` that are new or changed (all of them when `force`).

        A changed plan becomes the next version and the stored one is kept as a PlanVersion,
        unless `replace` (or the file is unchanged and only `force` rewrites it): then the new
        text takes the stored version's place and number."""
        from ..versions import archive_row, now, stamped
        from .read import read_plan

        stored = self._stored_plans(batch)
        todo = [
            p for p in batch if force or stored.get(p.plan.id, ("", 0))[0] != p.plan.content_hash
        ]
        loaded_at, stamp, kept = now(), {}, {}
        for p in todo:
            pid = p.plan.id
            if pid not in stored:
                stamp[id(p)] = p.plan.version  # 1, unless a version is restored
            elif replace or stored[pid][0] == p.plan.content_hash:
                stamp[id(p)] = stored[pid][1]
            else:
                # every store class is a StoreBase and a Store (the registry's mypy check)
                kept[pid] = archive_row(read_plan(cast(Store, self), pid))
                stamp[id(p)] = stored[pid][1] + 1
        if todo:
            self._write_batch(
                [stamped(p, stamp[id(p)], loaded_at) for p in todo],
                [p.plan.id for p in todo if p.plan.id in stored],
                list(kept.values()),
            )
            link_lineage(self)
        results = []
        for p in batch:
            pid = p.plan.id
            if id(p) not in stamp:
                results.append(load_result(p, "unchanged", stored[pid][1]))
                continue
            status = "replaced" if pid in stored else "loaded"
            kept_version = stored[pid][1] if pid in kept else None
            results.append(load_result(p, status, stamp[id(p)], kept_version))
        return results

    def add_progress(self, records: list[Progress]) -> None:
        """Write progress records in one statement: all of them or, on an error, none."""
        if records:
            props = NODE_BY_LABEL[PROGRESS].properties
            fields = ", ".join(f"{p.name}: row.{p.name}" for p in props)
            rows = [
                {p.name: None if (v := getattr(r, p.name)) == "" else v for p in props}
                for r in records
            ]
            self._write_rows(f"UNWIND $rows AS row CREATE (n:{PROGRESS} {{{fields}}})", rows)

    def _write_rows(self, cypher: str, rows: list[dict[str, Any]]) -> None:
        """Run one writing statement over `$rows` as one transaction."""
        raise NotImplementedError

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

    def _stored_plans(self, batch: list[ParsedPlan]) -> dict[str, tuple[str, int]]:
        """Plan id -> (content hash, version) of the plans of `batch` the store holds."""
        rows = self.query(
            f"MATCH (p:{PLAN}) WHERE p.id IN $ids RETURN p.id, p.content_hash, p.version",
            {"ids": [p.plan.id for p in batch]},
        ).rows
        return {pid: (digest, version or 1) for pid, digest, version in rows}

    def load(self, parsed: ParsedPlan, *, force: bool = False, replace: bool = False) -> LoadResult:
        """Write one plan in one transaction; a stored earlier version of the same plan is kept
        as a PlanVersion (`replace`: overwritten)."""
        return self.load_many([parsed], force=force, replace=replace)[0]

    def load_many(
        self,
        plans: Iterable[ParsedPlan],
        *,
        force: bool = False,
        batch_measures: int | None = None,
        replace: bool = False,
    ) -> list[LoadResult]:
        """Write many plans, up to `batch_measures` measures of them per transaction.

        Every plan appears whole or not at all; when a batch fails, the batches before it stay
        written. `plans` is read lazily: give a generator to hold one batch in memory. An
        edited plan becomes its next version, keeping the stored one, unless `replace`.
        """
        return list(
            self.iter_load(plans, force=force, batch_measures=batch_measures, replace=replace)
        )

    def iter_load(
        self,
        plans: Iterable[ParsedPlan],
        *,
        force: bool = False,
        batch_measures: int | None = None,
        replace: bool = False,
    ) -> Iterator[LoadResult]:
        """load_many, yielding each plan's result once its batch is committed (for progress)."""
        if self.read_only:
            raise StoreError(
                f"the {self.name} store was opened for reading only; open it for writing "
                "to load plans."
            )
        for batch in plan_batches(plans, batch_measures or self.batch_measures):
            yield from self._load_batch(batch, force, replace)


PER_PLAN_LABELS = tuple(n.label for n in NODES if n.per_plan and n.label != PLAN)


def plan_batches(plans: Iterable[ParsedPlan], max_measures: int) -> Iterator[list[ParsedPlan]]:
    """Consecutive groups of plans holding at most `max_measures` measures in all.

    A plan is never split (one larger than the limit is a group of its own), and `plans` is read
    lazily, so a caller that parses while loading holds one group at a time. A plan id seen again
    starts a new group, so its later version replaces the earlier one as if loaded one by one.
    """
    batch: list[ParsedPlan] = []
    ids: set[str] = set()
    size = 0
    for parsed in plans:
        n = len(parsed.measures)
        if batch and (size + n > max_measures or parsed.plan.id in ids):
            yield batch
            batch, ids, size = [], set(), 0
        batch.append(parsed)
        ids.add(parsed.plan.id)
        size += n
    if batch:
        yield batch


def load_result(
    parsed: ParsedPlan, status: str, version: int = 1, kept: int | None = None
) -> LoadResult:
    return LoadResult(
        parsed.plan.id,
        status,
        len(parsed.measures),
        len(parsed.departments),
        len(parsed.assignments),
        version,
        kept,
    )


def describe_plans(plans: list[ParsedPlan]) -> str:
    """`a`, or `5 plans (a … e)` for an error message about a batch."""
    if len(plans) == 1:
        return plans[0].plan.id
    return f"{len(plans)} plans ({plans[0].plan.id} … {plans[-1].plan.id})"


@dataclass
class Table:
    """The rows of one node label or relationship table: its `columns`, and per row a tuple
    of the values in that order, as the records hold them. Tuples, not dicts: a batch has
    hundreds of thousands of rows, and the CSV files both bulk paths write take them as they
    are (a dict per row was a third of the embedded store's load time). `nulls`: empty text
    is no value (node properties: both stores leave it unset)."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    nulls: bool = False

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list[Any]:
        at = self.columns.index(name)
        return [row[at] for row in self.rows]

    def where(self, name: str, keep: Callable[[Any], bool]) -> Table:
        """The rows whose `name` value `keep` accepts."""
        at = self.columns.index(name)
        return Table(self.columns, [row for row in self.rows if keep(row[at])], self.nulls)

    def dicts(self) -> list[dict[str, Any]]:
        """The rows as dicts (a statement's `$rows`), empty text as None where `nulls`."""
        columns = self.columns
        if not self.nulls:
            return [dict(zip(columns, row, strict=True)) for row in self.rows]
        return [
            {c: None if v == "" else v for c, v in zip(columns, row, strict=True)}
            for row in self.rows
        ]


_NODE_GETTERS = {
    n.label: (tuple(p.name for p in n.properties), attrgetter(*(p.name for p in n.properties)))
    for n in NODES
    if len(n.properties) > 1
}
ROLE_COLUMNS = ("from", "to", "role", "position", "inferred", "as_written")


def _node_table(label: str, records: Iterable[Any]) -> Table:
    """The records of a node label as its table, with exactly the model's properties (records
    are flat: attrgetter gives what asdict would, many times faster)."""
    columns, get = _NODE_GETTERS[label]
    return Table(columns, list(map(get, records)), nulls=True)


def node_rows(parsed: ParsedPlan) -> dict[str, Table]:
    """The table of every node label of one plan, keyed by label."""
    return {
        PLAN: _node_table(PLAN, [parsed.plan]),
        THEME: _node_table(THEME, parsed.themes),
        MEASURE: _node_table(MEASURE, parsed.measures),
        DEPARTMENT: _node_table(DEPARTMENT, parsed.departments),
        COMMITMENT: _node_table(COMMITMENT, parsed.commitments),
        DOCUMENT: _node_table(DOCUMENT, parsed.documents),
    }


def relationship_rows(parsed: ParsedPlan) -> dict[tuple[str, str, str], Table]:
    """The table of every relationship of one plan, keyed by (type, from label, to label):
    `from` and `to` (the keys of its ends), then the relationship's properties."""
    rels = {(t, DEPARTMENT, MEASURE): Table(ROLE_COLUMNS) for t in ROLE_TYPES.values()}
    append = {role: rels[(t, DEPARTMENT, MEASURE)].rows.append for role, t in ROLE_TYPES.items()}
    key = parsed.department_keys().get
    for a in parsed.assignments:  # the hottest loop of a load: one row per assignment
        name = a.department
        append[a.role](
            (key(name, name), a.measure, a.role, a.position, a.inferred, a.as_written or name)
        )
    ends = ("from", "to")
    themes = parsed.themes
    rels[(IN_THEME, MEASURE, THEME)] = Table(
        ends, [(m.id, m.theme) for m in parsed.measures if m.theme]
    )
    rels[(PART_OF, THEME, THEME)] = Table(
        ends, [(t.id, t.parent) for t in themes if t.parent != parsed.plan.id]
    )
    rels[(PART_OF, THEME, PLAN)] = Table(
        ends, [(t.id, t.parent) for t in themes if t.parent == parsed.plan.id]
    )
    rels[(COMMITS_TO, MEASURE, COMMITMENT)] = Table(
        ends, [(c.measure, c.id) for c in parsed.commitments]
    )
    for label in (PLAN, MEASURE):
        rels[(CITES, label, DOCUMENT)] = Table(
            (*ends, "kind"),
            [(c.source, c.document, c.kind) for c in parsed.citations if c.label == label],
        )
    return rels


@dataclass
class BatchRows:
    """The rows a batch of plans writes, table by table."""

    nodes: dict[str, Table]  # by label: the Plan, then the other per-plan labels
    departments: Table  # one row per key: shared by plans, written once
    rels: dict[tuple[str, str, str], Table]  # as relationship_rows, non-empty
    documents: Table  # shared too, one row per key


def batch_rows(plans: Iterable[ParsedPlan]) -> BatchRows:
    nodes: dict[str, Table] = {
        label: Table(_NODE_GETTERS[label][0], nulls=True) for label in (PLAN, *PER_PLAN_LABELS)
    }
    shared: dict[str, dict[Any, tuple[Any, ...]]] = {DEPARTMENT: {}, DOCUMENT: {}}
    rels: dict[tuple[str, str, str], Table] = {}
    for parsed in plans:
        for label, table in node_rows(parsed).items():
            if label in shared:  # the first plan (or citation) loaded gives the properties
                at = table.columns.index(NODE_BY_LABEL[label].key)
                seen = shared[label]
                for row in table.rows:
                    seen.setdefault(row[at], row)
            else:
                nodes[label].rows.extend(table.rows)
        for key, table in relationship_rows(parsed).items():
            if table.rows:
                if key in rels:
                    rels[key].rows.extend(table.rows)
                else:
                    rels[key] = Table(table.columns, list(table.rows))

    def kept(label: str) -> Table:
        return Table(_NODE_GETTERS[label][0], list(shared[label].values()), nulls=True)

    return BatchRows(nodes, kept(DEPARTMENT), rels, kept(DOCUMENT))
