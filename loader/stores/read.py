"""Reading a plan back from a store as the parser's own type, ParsedPlan.

One reader for every store (the queries are portable Cypher) and one plan type for everything
that works on a plan: the views draw a ParsedPlan whether it was just parsed or read here.
Properties are named from loader.model, so a property added there is read back too.
"""

from __future__ import annotations

from typing import Any

from ..errors import StoreError
from ..model import (
    CHAPTER,
    CITES,
    COMMITMENT,
    DEPARTMENT,
    DOCUMENT,
    IN_THEME,
    LEADS,
    MEASURE,
    NODE_BY_LABEL,
    PLAN,
    SUPPORTS,
    THEME,
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
from .base import Store


def _fields(var: str, label: str, skip: tuple[str, ...] = ()) -> str:
    """`n.id AS id, n.title AS title, …`: every property the model gives the label."""
    names = [p.name for p in NODE_BY_LABEL[label].properties if p.name not in skip]
    return ", ".join(f"{var}.{name} AS {name}" for name in names)


Q_TITLES = f"MATCH (p:{PLAN}) RETURN p.id AS id, p.title AS title ORDER BY id"
Q_PLAN = f"MATCH (p:{PLAN}) WHERE p.id = $plan RETURN {_fields('p', PLAN)}"
Q_THEMES = (
    f"MATCH (t:{THEME}) WHERE t.plan = $plan RETURN {_fields('t', THEME)} "
    "ORDER BY chapter, level, ordinal"
)
Q_MEASURES = (
    f"MATCH (m:{MEASURE}) WHERE m.plan = $plan "
    f"OPTIONAL MATCH (m)-[:{IN_THEME}]->(t:{THEME}) "
    f"RETURN {_fields('m', MEASURE)}, t.id AS theme ORDER BY seq"
)
# r.role, not type(r): LadybugDB has no type(). Leads before supports, each in written order.
Q_ASSIGNMENTS = (
    f"MATCH (d:{DEPARTMENT})-[r:{LEADS}|{SUPPORTS}]->(m:{MEASURE}) WHERE m.plan = $plan "
    f"RETURN {_fields('d', DEPARTMENT, skip=('id',))}, m.id AS measure, m.seq AS seq, "
    "r.role AS role, r.position AS position, r.inferred AS inferred, "
    "r.as_written AS as_written ORDER BY seq, role, position, name"
)
Q_COMMITMENTS = (
    f"MATCH (c:{COMMITMENT}) WHERE c.plan = $plan RETURN {_fields('c', COMMITMENT)} ORDER BY id"
)
# The documents the plan and its measures cite (loader.citations), one row per citation.
Q_CITATIONS = (
    f"MATCH (p:{PLAN})-[c:{CITES}]->(d:{DOCUMENT}) WHERE p.id = $plan "
    f"RETURN p.id AS source, '{PLAN}' AS label, 0 AS seq, c.kind AS kind, {_fields('d', DOCUMENT)} "
    f"UNION ALL MATCH (m:{MEASURE})-[c:{CITES}]->(d:{DOCUMENT}) WHERE m.plan = $plan "
    f"RETURN m.id AS source, '{MEASURE}' AS label, m.seq AS seq, c.kind AS kind, "
    f"{_fields('d', DOCUMENT)}"
)


def plan_titles(store: Store) -> dict[str, str]:
    """Every plan in the store: id -> title, by id.

    Parameters
    ----------
    store : Store
        An open store; only read.

    Returns
    -------
    dict of str to str
        Plan id -> its title ("" when the plan has none).
    """
    return {pid: title or "" for pid, title in store.query(Q_TITLES).rows}


def read_plan(store: Store, plan: str) -> ParsedPlan:
    """One plan as a ParsedPlan: what the parser made of it, as the store holds it.

    Parameters
    ----------
    store : Store
        An open store; only read.
    plan : str
        The plan's id (`policygraph report plans` lists them).

    Returns
    -------
    ParsedPlan
        The plan, its themes (chapter, level, ordinal order), measures (plan order), the
        departments it names (in order of first appearance), assignments (by measure, leads
        first, in written order), commitments, and the documents cited (by id) with the
        citations (the plan's first, then by measure). Parser warnings and notes are not stored, so
        they are empty; text the parser left empty comes back as "", an assignment's
        `as_written` as stored (the name when the plan wrote it so).

    Raises
    ------
    StoreError
        The store holds no plan with this id, or could not be read.
    """
    params = {"plan": plan}
    found = store.query(Q_PLAN, params).records()
    if not found:
        raise StoreError(f"no plan {plan!r} in the store; `policygraph report plans` lists them.")
    themes = [_record(THEME, r) for r in store.query(Q_THEMES, params).records()]
    chapters = {t["chapter"]: t["id"] for t in themes if t["level"] == CHAPTER}
    measures = [
        Measure(**_record(MEASURE, r), theme=r["theme"])
        for r in store.query(Q_MEASURES, params).records()
    ]
    departments: dict[str, Department] = {}
    assignments = []
    for r in store.query(Q_ASSIGNMENTS, params).records():
        name = r["name"]
        if name not in departments:
            departments[name] = Department(name, r["kind"], r["jurisdiction"] or "")
        assignments.append(
            Assignment(
                name,
                r["measure"],
                r["role"],
                r["position"],
                bool(r["inferred"]),
                r["as_written"] or "",
            )
        )
    seq = {m.id: m.seq for m in measures}
    rows = store.query(Q_COMMITMENTS, params).records()
    commitments = sorted(
        (Commitment(**_record(COMMITMENT, r)) for r in rows),
        key=lambda c: (seq.get(c.measure, 0), _ordinal(c.id)),
    )
    cited = sorted(
        store.query(Q_CITATIONS, params).records(),
        key=lambda r: (r["label"] != PLAN, r["seq"], r["id"]),
    )
    documents = {r["id"]: Document(**_record(DOCUMENT, r)) for r in cited}
    return ParsedPlan(
        Plan(**_record(PLAN, found[0])),
        themes=[
            Theme(**t, parent=plan if t["level"] == CHAPTER else chapters.get(t["chapter"], plan))
            for t in themes
        ],
        measures=measures,
        departments=list(departments.values()),
        assignments=assignments,
        commitments=commitments,
        documents=sorted(documents.values(), key=lambda d: d.id),
        citations=[Citation(r["source"], r["label"], r["id"], r["kind"]) for r in cited],
    )


def _record(label: str, row: dict[str, Any]) -> dict[str, Any]:
    """The label's properties from a row; empty text is stored as null, read back as ""."""
    return {
        p.name: "" if row[p.name] is None and p.type == "STRING" else row[p.name]
        for p in NODE_BY_LABEL[label].properties
    }


def _ordinal(commitment_id: str) -> int:
    """n of `<measure id>/q<n>`: commitments in the order the parser found them."""
    tail = commitment_id.rsplit("/q", 1)[-1]
    return int(tail) if tail.isdigit() else 0
