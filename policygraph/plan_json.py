"""The JSON form of a parsed plan (`policygraph parse --format json`): plain dicts and lists."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from policygraph.loader.model import LEAD, SUPPORT, ParsedPlan


def plan_to_json(parsed: ParsedPlan) -> dict[str, Any]:
    """The JSON form of a parsed plan: what ``policygraph parse --format json`` prints.

    Parameters
    ----------
    parsed : ParsedPlan
        From ``parse_file`` or ``parse_text``.

    Returns
    -------
    dict
        ``plan`` (its record), ``measures`` (id, number, line, text, chapter and section
        titles, leads and supports by name in written order, leaders, the deadline as written
        and as read: timing, due, recurrence, ongoing),
        ``departments``, ``warnings`` and ``notes``: plain values, ready for ``json.dumps``.
    """
    themes = {t.id: t for t in parsed.themes}
    # (measure, role) -> names in written order, in one pass: ParsedPlan.units per measure
    # scans every assignment, which took minutes on a 100,000-measure plan
    units: dict[tuple[str, str], list[str]] = {}
    for a in sorted(parsed.assignments, key=lambda a: a.position):
        units.setdefault((a.measure, a.role), []).append(a.department)

    def theme_title(theme_id: str | None, level: str) -> str | None:
        theme = themes.get(theme_id) if theme_id else None
        while theme is not None and theme.level != level:
            theme = themes.get(theme.parent)
        return theme.title if theme else None

    return {
        "plan": asdict(parsed.plan),
        "measures": [
            {
                "id": m.id,
                "number": m.number,
                "line": m.line,
                "text": m.text,
                "chapter": theme_title(m.theme, "chapter"),
                "section": theme_title(m.theme, "section"),
                "leads": units.get((m.id, LEAD), []),
                "supports": units.get((m.id, SUPPORT), []),
                "leaders": m.leaders,
                "deadline": m.deadline,
                "timing": m.timing,
                "due": m.due,
                "recurrence": m.recurrence,
                "ongoing": m.ongoing,
            }
            for m in parsed.measures
        ],
        "departments": [asdict(d) for d in parsed.departments],
        "warnings": [
            {"measure": w.measure, "code": w.code, "message": w.message, "line": w.line}
            for w in parsed.warnings
        ],
        "notes": [
            {"measure": w.measure, "code": w.code, "message": w.message, "line": w.line}
            for w in parsed.notes
        ],
    }
