"""Report parameters checked against the store: a value that matches nothing is an error.

A department is looked up as given, then through the alias table the parser uses (区人社局 finds
区人力资源和社会保障局), then by what the stored plans wrote for it (the `as_written` of its edges:
a short form read through an --aliases FILE at load); a department, jurisdiction, plan or
measure number the store does not hold, or a commitment kind that does not exist, is a
ReportError naming the closest values, instead of an empty table that looks like an answer. A
`limit` or `top` below 1 is refused.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from policygraph.loader.aliases import default_aliases
from policygraph.loader.commitments import KINDS
from policygraph.loader.errors import ReportError
from policygraph.loader.model import DEPARTMENT, LEADS, MEASURE, PLAN, SUPPORTS

if TYPE_CHECKING:
    from policygraph.loader.stores.base import Store

COUNT_PARAMS = ("limit", "top")  # how many rows: a whole number of at least 1
NUMBER_PARAMS = ("number", "measure")  # a measure's number as written in its plan


def closest(value: str, names: Iterable[str], cutoff: float = 0.5) -> list[str]:
    """Up to three of `names` closest to `value` (the hint of every 'no such X' error)."""
    return difflib.get_close_matches(value, list(dict.fromkeys(names)), n=3, cutoff=cutoff)


def did_you_mean(value: str, names: Iterable[str]) -> str:
    """` (did you mean A, B?)`, or '' when nothing is close."""
    close = closest(value, names)
    return f" (did you mean {', '.join(close)}?)" if close else ""


def check_counts(report: str, values: dict[str, Any]) -> None:
    """A `limit` or `top` below 1 would answer an empty table for a question never asked."""
    for name in COUNT_PARAMS:
        if name in values and values[name] < 1:
            raise ReportError(
                f"parameter {name!r} of report {report} must be 1 or more, not {values[name]}."
            )


def check_values(store: Store, report: str, values: dict[str, Any]) -> None:
    """Resolve department aliases in `values` (in place) and refuse values the store lacks."""
    plans = None
    if values.get("plan"):
        plans = _column(store, f"MATCH (p:{PLAN}) RETURN p.id AS id")
        if values["plan"] not in plans:
            raise ReportError(
                f"no plan {values['plan']!r} in the store{did_you_mean(values['plan'], plans)}; "
                "list them with: policygraph report plans."
            )
    kind = values.get("kind")
    if kind and report == "commitments" and kind not in KINDS:
        raise ReportError(f"no commitment kind {kind!r}; use one of {', '.join(KINDS)}.")
    for name in values:
        if name.startswith("department") and isinstance(values[name], str) and values[name]:
            values[name] = _department(store, values[name])
        elif name.startswith("jurisdiction") and isinstance(values[name], str) and values[name]:
            _jurisdiction(store, values[name])
    for name in NUMBER_PARAMS:
        if isinstance(values.get(name), int):
            _check_number(store, values[name], values.get("plan", ""))


def _department(store: Store, name: str) -> str:
    """The stored name of a department given as written or by an alias: the bundled table's,
    or any a plan of the store wrote for it (`as_written` on its edges), which also finds the
    short forms of an --aliases FILE given at load."""
    query = f"MATCH (d:{DEPARTMENT}) WHERE d.name = $name RETURN count(d) AS n"
    if store.query(query, {"name": name}).rows[0][0]:
        return name
    canonical = default_aliases().resolve(name)
    if canonical != name and store.query(query, {"name": canonical}).rows[0][0]:
        return canonical
    written = _column(
        store,
        f"MATCH (d:{DEPARTMENT})-[r:{LEADS}|{SUPPORTS}]->(:{MEASURE}) "
        "WHERE r.as_written = $name RETURN DISTINCT d.name AS name ORDER BY name",
        {"name": name},
    )
    if len(written) == 1:
        return written[0]
    if written:
        raise ReportError(
            f"the plans write {name!r} for {len(written)} departments: {', '.join(written)}; "
            "give the one you mean by its full name."
        )
    names = _column(store, f"MATCH (d:{DEPARTMENT}) RETURN DISTINCT d.name AS name")
    raise ReportError(
        f"no department {name!r} in the store{did_you_mean(name, names)}; "
        "list them with: policygraph report department-workload."
    )


def _jurisdiction(store: Store, place: str) -> None:
    """A jurisdiction no department of the store belongs to is an error, not an empty table."""
    query = f"MATCH (d:{DEPARTMENT}) WHERE d.jurisdiction = $place RETURN count(d) AS n"
    if store.query(query, {"place": place}).rows[0][0]:
        return
    places = _column(store, f"MATCH (d:{DEPARTMENT}) RETURN DISTINCT d.jurisdiction AS place")
    raise ReportError(
        f"no jurisdiction {place!r} in the store{did_you_mean(place, places)}; "
        "list them with: policygraph report jurisdictions."
    )


def _check_number(store: Store, number: int, plan: str) -> None:
    where = f"MATCH (m:{MEASURE}) WHERE ($plan = '' OR m.plan = $plan)"
    hit = store.query(
        f"{where} AND m.number = $number RETURN count(m) AS n", {"number": number, "plan": plan}
    ).rows[0][0]
    if hit:
        return
    low, high, count = store.query(
        f"{where} RETURN min(m.number) AS low, max(m.number) AS high, count(m) AS n",
        {"plan": plan},
    ).rows[0]
    numbers = f"its measures are numbered {low} to {high}" if count else "it has none"
    place = f"plan {plan}" if plan else "the store"
    raise ReportError(f"no measure numbered {number} in {place}; {numbers}.")


def _column(store: Store, query: str, params: dict[str, Any] | None = None) -> list[str]:
    return [row[0] for row in store.query(query, params or {}).rows if row[0] is not None]
