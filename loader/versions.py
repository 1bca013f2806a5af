"""Versions of a plan: the stored graph holds the latest; earlier ones are kept as snapshots.

Loading an edited file of a stored plan id writes the new version into the graph, as before,
and keeps the one it replaces as one `PlanVersion` node holding the whole plan as JSON, in the
same transaction. Reports and views read the graph, so they see the latest version of every
plan without a filter of their own; asking for an earlier version reads its snapshot back (see
policygraph.versions for reports and views on it).
"""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from .errors import InputError, StoreError
from .model import (
    NODE_BY_LABEL,
    PLAN,
    PLAN_VERSION,
    Assignment,
    Citation,
    Commitment,
    Department,
    Document,
    Measure,
    ParsedPlan,
    Plan,
    Theme,
)

if TYPE_CHECKING:
    from .stores.base import Store

# The parts of a ParsedPlan a snapshot keeps, with the record type of each. Warnings and notes
# are not stored in the graph either.
_PARTS: dict[str, type] = {
    "themes": Theme,
    "measures": Measure,
    "departments": Department,
    "assignments": Assignment,
    "commitments": Commitment,
    "documents": Document,
    "citations": Citation,
}
# A version's own facts live on its PlanVersion node, not in the snapshot: a snapshot is the
# same text on every store and whenever it is taken.
_VOLATILE = ("version", "loaded_at")
_REF_RE = re.compile(r"^(?P<plan>.+)@(?P<version>\d+)$")


def now() -> str:
    """The time a version is stamped with: UTC, to the second, ISO 8601."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def snapshot(parsed: ParsedPlan) -> str:
    """The plan as JSON text: every record with every field the model gives it."""
    plan = {k: v for k, v in dataclasses.asdict(parsed.plan).items() if k not in _VOLATILE}
    data: dict[str, Any] = {"plan": plan}
    for part in _PARTS:
        data[part] = [_fields(record) for record in getattr(parsed, part)]
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _fields(record: Any) -> dict[str, Any]:
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}


def restore(text: str, *, version: int, loaded_at: str) -> ParsedPlan:
    """A snapshot read back as a ParsedPlan; fields the model has gained since take their
    defaults, fields it has lost are dropped."""
    data = json.loads(text)

    def build(kind: type, fields: dict[str, Any]) -> Any:
        known = {f.name for f in dataclasses.fields(kind)}
        return kind(**{k: v for k, v in fields.items() if k in known})

    plan = build(Plan, {**data["plan"], "version": version, "loaded_at": loaded_at})
    parts = {part: [build(kind, r) for r in data.get(part, [])] for part, kind in _PARTS.items()}
    return ParsedPlan(plan, **parts)


def archive_row(stored: ParsedPlan) -> dict[str, Any]:
    """The PlanVersion row that keeps `stored` (a plan as the store holds it, read_plan)."""
    plan = stored.plan
    values = {
        "id": f"{plan.id}@{plan.version}",
        "plan": plan.id,
        "version": plan.version,
        "loaded_at": plan.loaded_at,
        "content_hash": plan.content_hash,
        "source": plan.source,
        "title": plan.title,
        "measures": plan.measures,
        "snapshot": snapshot(stored),
    }
    names = [p.name for p in NODE_BY_LABEL[PLAN_VERSION].properties]
    return {name: None if values[name] == "" else values[name] for name in names}


def stamped(parsed: ParsedPlan, version: int, loaded_at: str) -> ParsedPlan:
    """`parsed` as version `version`, loaded at `loaded_at` (a given loaded_at is kept)."""
    plan = dataclasses.replace(
        parsed.plan, version=version, loaded_at=parsed.plan.loaded_at or loaded_at
    )
    return dataclasses.replace(parsed, plan=plan)


def split_ref(ref: str) -> tuple[str, int | None]:
    """`plan@3` -> ("plan", 3); `plan` -> ("plan", None)."""
    match = _REF_RE.match(ref)
    if not match:
        return ref, None
    return match.group("plan"), int(match.group("version"))


Q_VERSIONS = (
    f"MATCH (p:{PLAN}) WHERE p.id = $plan "
    "RETURN p.version AS version, p.loaded_at AS loaded_at, p.content_hash AS content_hash, "
    "p.source AS source, p.title AS title, p.measures AS measures"
)
Q_EARLIER = (
    f"MATCH (v:{PLAN_VERSION}) WHERE v.plan = $plan "
    "RETURN v.version AS version, v.loaded_at AS loaded_at, v.content_hash AS content_hash, "
    "v.source AS source, v.title AS title, v.measures AS measures ORDER BY version"
)
Q_SNAPSHOT = (
    f"MATCH (v:{PLAN_VERSION}) WHERE v.plan = $plan AND v.version = $version "
    "RETURN v.snapshot, v.loaded_at"
)


def versions(store: Store, plan: str) -> list[dict[str, Any]]:
    """Every stored version of `plan`, oldest first; the last is the one in the graph
    (`current` true). StoreError when the store holds no such plan."""
    current = store.query(Q_VERSIONS, {"plan": plan}).records()
    if not current:
        raise StoreError(f"no plan {plan!r} in the store; `policygraph report plans` lists them.")
    earlier = store.query(Q_EARLIER, {"plan": plan}).records()
    rows = [{**r, "current": False} for r in earlier]
    latest = {**current[0], "current": True}
    latest["version"] = latest["version"] or 1  # a plan stored before versions were kept
    return [*rows, latest]


def current_version(store: Store, plan: str) -> int:
    """The version of `plan` the graph holds."""
    return int(versions(store, plan)[-1]["version"])


def read_version(store: Store, plan: str, version: int | None = None) -> ParsedPlan:
    """Version `version` of `plan` (None: the latest) as a ParsedPlan.

    Raises StoreError for an unknown plan, InputError for a version the store does not hold
    (the message lists those it does)."""
    from .stores.read import read_plan

    known = versions(store, plan)
    if version is None or version == known[-1]["version"]:
        return read_plan(store, plan)
    rows = store.query(Q_SNAPSHOT, {"plan": plan, "version": version}).rows
    if not rows or not rows[0][0]:
        held = ", ".join(str(v["version"]) for v in known)
        raise InputError(f"plan {plan!r} has no version {version}; the store holds {held}.")
    return restore(rows[0][0], version=version, loaded_at=rows[0][1] or "")
