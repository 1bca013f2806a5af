"""What every graph store offers, and the table rows both stores write.

A store writes parsed plans and runs Cypher with parameters. Rows are derived here, once, from
loader.model, so the embedded store and Neo4j hold exactly the same graph. Stores are opened
through the registry in this package (`open_store`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
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


def node_rows(parsed: ParsedPlan) -> dict[str, list[dict[str, Any]]]:
    """Rows of every node table, keyed by label, with exactly the model's properties."""

    def pick(label: str, record: Any) -> dict[str, Any]:
        # Records are flat, so getattr gives what asdict would, several times faster.
        # Empty text is stored as null on both stores (LadybugDB's CSV reader makes it null).
        values = ((p.name, getattr(record, p.name)) for p in NODE_BY_LABEL[label].properties)
        return {name: None if value == "" else value for name, value in values}

    return {
        PLAN: [pick(PLAN, parsed.plan)],
        THEME: [pick(THEME, t) for t in parsed.themes],
        MEASURE: [pick(MEASURE, m) for m in parsed.measures],
        DEPARTMENT: [pick(DEPARTMENT, d) for d in parsed.departments],
        COMMITMENT: [pick(COMMITMENT, c) for c in parsed.commitments],
        DOCUMENT: [pick(DOCUMENT, d) for d in parsed.documents],
    }


def relationship_rows(parsed: ParsedPlan) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """Rows of every relationship table, keyed by (type, from label, to label).

    Each row has `from` and `to` (the keys of its ends) followed by the relationship's properties.
    """
    rels: dict[tuple[str, str, str], list[dict[str, Any]]] = {
        (t, DEPARTMENT, MEASURE): [] for t in ROLE_TYPES.values()
    }
    keys = parsed.department_keys()
    for a in parsed.assignments:
        rels[(ROLE_TYPES[a.role], DEPARTMENT, MEASURE)].append(
            {
                "from": keys.get(a.department, a.department),
                "to": a.measure,
                "role": a.role,
                "position": a.position,
                "inferred": a.inferred,
                "as_written": a.as_written or a.department,
            }
        )
    rels[(IN_THEME, MEASURE, THEME)] = [
        {"from": m.id, "to": m.theme} for m in parsed.measures if m.theme
    ]
    rels[(PART_OF, THEME, THEME)] = [
        {"from": t.id, "to": t.parent} for t in parsed.themes if t.parent != parsed.plan.id
    ]
    rels[(PART_OF, THEME, PLAN)] = [
        {"from": t.id, "to": t.parent} for t in parsed.themes if t.parent == parsed.plan.id
    ]
    rels[(COMMITS_TO, MEASURE, COMMITMENT)] = [
        {"from": c.measure, "to": c.id} for c in parsed.commitments
    ]
    for label in (PLAN, MEASURE):
        rels[(CITES, label, DOCUMENT)] = [
            {"from": c.source, "to": c.document, "kind": c.kind}
            for c in parsed.citations
            if c.label == label
        ]
    return rels


@dataclass
class BatchRows:
    """The rows a batch of plans writes, table by table."""

    nodes: dict[str, list[dict[str, Any]]]  # by label: the Plan, then the other per-plan labels
    departments: list[dict[str, Any]]  # one row per key: shared by plans, written once
    rels: dict[tuple[str, str, str], list[dict[str, Any]]]  # as relationship_rows, non-empty
    documents: list[dict[str, Any]] = field(default_factory=list)  # shared too, one row per key


def batch_rows(plans: Iterable[ParsedPlan]) -> BatchRows:
    nodes: dict[str, list[dict[str, Any]]] = {PLAN: [], **{lbl: [] for lbl in PER_PLAN_LABELS}}
    departments: dict[str, dict[str, Any]] = {}
    documents: dict[str, dict[str, Any]] = {}
    dept_key = NODE_BY_LABEL[DEPARTMENT].key
    rels: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for parsed in plans:
        for label, rows in node_rows(parsed).items():
            if label == DEPARTMENT:
                for row in rows:
                    departments.setdefault(row[dept_key], row)
            elif label == DOCUMENT:  # the first citation loaded gives its properties
                for row in rows:
                    documents.setdefault(row["id"], row)
            else:
                nodes[label].extend(rows)
        for key, rows in relationship_rows(parsed).items():
            if rows:
                rels.setdefault(key, []).extend(rows)
    return BatchRows(nodes, list(departments.values()), rels, list(documents.values()))
