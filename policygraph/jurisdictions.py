"""How results show the jurisdiction of a department: one rule for reports, analyze and views.

A department is (jurisdiction, name). Every department-level report returns a `jurisdiction`
column right after the department's name (`jurisdiction_a` after `department_a` ...). JSON
always keeps it; the human formats (table, Markdown, CSV) leave those columns out when every
value in them is the same place, so a store of one place reads as it did before places
existed. Where a department is only a label (a graph node, a list of members), the label is
`name（jurisdiction）` when the departments shown span more than one place, else the name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

COLUMN = "jurisdiction"


def is_jurisdiction_column(columns: Sequence[str], index: int) -> bool:
    """A column that qualifies the name before it (not a report's own first column)."""
    name = columns[index]
    return index > 0 and (name == COLUMN or name.startswith(COLUMN + "_"))


def drop_uniform(
    columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> tuple[list[str], list[list[Any]]]:
    """Columns and rows without the jurisdiction columns when they hold one place only."""
    found = [i for i in range(len(columns)) if is_jurisdiction_column(columns, i)]
    places = {row[i] for row in rows for i in found}
    if not found or len(places) > 1:
        return list(columns), [list(r) for r in rows]
    keep = [i for i in range(len(columns)) if i not in found]
    return [columns[i] for i in keep], [[row[i] for i in keep] for row in rows]


def label(name: str, jurisdiction: str, several: bool) -> str:
    """`name（jurisdiction）` when several places are shown, else the name."""
    return f"{name}（{jurisdiction}）" if several else name


def several(jurisdictions: Iterable[str]) -> bool:
    return len(set(jurisdictions)) > 1
