"""What a view shows at first: the filters its page starts from, checked against the view.

The page applies them (policygraph/data/view.js) and its controls start from their values, so
`view --top 10` and typing 10 into the page show the same; here they are only checked, so an
option the view cannot apply is an error naming what it offers, not an empty page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from policygraph.loader.errors import ViewError

if TYPE_CHECKING:
    from .views import View

MEASURES = ("auto", "each", "chapter")


@dataclass(frozen=True)
class Filters:
    """What a view shows at first; the page's filter controls start from these values and
    apply them (view.js), so `view --top 10` and typing 10 into the page show the same.

    chapter: a chapter ('2') or section ('2.3') key, '' for all; kind: a department kind,
    '' for all; hide_supports: hide SUPPORTS edges; min_shared: hide department pairs (and
    the ego view's partners) sharing fewer measures; top: the N busiest departments only (0:
    all); measures: each (one node per measure), chapter (one per chapter) or auto (per
    chapter when the view is drawn from a precomputed layout)."""

    chapter: str = ""
    kind: str = ""
    hide_supports: bool = False
    min_shared: int = 1
    top: int = 0
    measures: str = "auto"


def offered(view: View) -> list[str]:
    """The page's filter controls that apply to what this view draws, in page order: a
    control that could change nothing (the busiest departments of a view without any) is
    left off."""
    controls = view.controls
    applies = {
        "chapter": bool(controls.get("sections")),
        "kind": len(controls.get("kinds", [])) > 1,
        "supports": any(e.get("role") == "support" for e in view.net.edges),
        "min_shared": bool(controls.get("pairs")),
        "top": view.departments,
        "group": bool(controls.get("groups")),
    }
    return [name for name, shown in applies.items() if shown]


def check_filters(view: View, filters: Filters) -> Filters:
    """The filters, if this view can apply them; else a ViewError naming what it offers."""
    sections = dict(view.controls.get("sections", []))
    kinds = view.controls.get("kinds", [])
    if filters.chapter and filters.chapter not in sections:
        offered = ", ".join(f"{k}={label}" for k, label in sections.items() if "." not in k)
        raise ViewError(
            f"no chapter or section {filters.chapter!r} in the {view.name} view; "
            f"give a chapter or chapter.section (2.3); chapters: {offered or 'none'}."
        )
    if filters.kind and filters.kind not in kinds:
        raise ViewError(
            f"no department of kind {filters.kind!r} in the {view.name} view; "
            f"its kinds: {', '.join(kinds) or 'none'}."
        )
    if filters.min_shared < 1 or filters.top < 0:
        raise ViewError("--min-shared must be 1 or more and --top 0 (all) or more.")
    if filters.min_shared > 1 and not view.controls.get("pairs"):
        raise ViewError(
            "--min-shared counts measures shared by departments: use it with the "
            "coordination or ego view."
        )
    if filters.top and not view.departments:
        raise ViewError(
            f"--top keeps the busiest departments, and the {view.name} view draws none; "
            "leave it out."
        )
    if filters.measures not in MEASURES:
        raise ViewError(f"--measures is one of {', '.join(MEASURES)}, not {filters.measures!r}.")
    if filters.measures == "chapter" and not view.controls.get("groups"):
        raise ViewError(f"the {view.name} view has no measures to draw per chapter.")
    return filters
