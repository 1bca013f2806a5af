"""Data-quality problems of a parsed plan: what `policygraph validate` lists, one row each."""

from __future__ import annotations

from typing import Any

from policygraph.loader.jurisdiction import UNKNOWN_NOTE, UNPLACED_NOTE
from policygraph.loader.model import ParsedPlan

COLUMNS = ["plan", "line", "measure", "check", "detail"]
DOUBTS = (UNKNOWN_NOTE, UNPLACED_NOTE)  # notes that `validate` lists as problems
# Checks listed for information, never problems (`validate --strict` does not count them): a
# short form read through the alias table (区发改委 -> 区发展和改革委员会) is the normal reading
# of a real plan. A name the parser guessed (elided-prefix, shared-suffix, ...) carries its own
# warning, which stays a problem.
NOTES = ("aliased",)


def problems(rows: list[list[Any]]) -> list[list[Any]]:
    """The rows of `quality_rows` that are problems: all but the NOTES."""
    check = COLUMNS.index("check")
    return [r for r in rows if r[check] not in NOTES]


def quality_rows(parsed: ParsedPlan) -> list[list[Any]]:
    """Parser warnings, doubtful jurisdictions and name checks (aliases, unknown kinds), in
    line order; one row per finding (an aliased name once, where the plan first writes it), in
    the order of COLUMNS. Aliased names are NOTES, the others problems (see `problems`)."""
    plan = parsed.plan.id
    rows = [[plan, w.line, w.measure, w.code, w.message] for w in parsed.warnings]
    # a place that is unknown or not placed keeps departments apart that may be one
    rows += [[plan, n.line, n.measure, n.code, n.message] for n in parsed.notes if n.code in DOUBTS]
    measures = {m.id: m for m in parsed.measures}
    kinds = {d.name: d.kind for d in parsed.departments}
    # Canonicals are full official names, so most plans write short forms (区发改局): each is
    # listed once, where it first occurs, not once per measure naming it.
    aliased: set[str] = set()
    for a in parsed.assignments:
        m = measures[a.measure]
        if a.as_written and a.as_written != a.department and a.as_written not in aliased:
            aliased.add(a.as_written)
            rows.append(
                [
                    plan,
                    m.line,
                    m.number,
                    "aliased",
                    f"measure {m.number}: {a.as_written} read as {a.department}",
                ]
            )
        if kinds[a.department] == "other":
            rows.append(
                [
                    plan,
                    m.line,
                    m.number,
                    "unknown-name",
                    f"measure {m.number}: {a.department} matches no known kind of "
                    "department; check it, or add an alias",
                ]
            )
    return sorted(rows, key=lambda r: (r[1], r[3]))
