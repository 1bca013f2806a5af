"""A plan diff (policygraph.diff) as text, JSON, Markdown, a workbook or an offline HTML page.

Every format holds the same two parts: the changes (one row per change of a measure) and the
department shift (per department, measures gained and lost). Plan text is untrusted: the text
formats go through policygraph.output (control characters neutralised, Markdown escaped), the
workbook through the ledger's cell writer (never a formula), the page through html.escape
under a Content-Security-Policy that allows no request and no script.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from pathlib import Path
from typing import Any

from policygraph.loader.model import LEAD, SUPPORT, Measure, ParsedPlan

from .diff import CHANGE_COLUMNS, KINDS, SHIFT_COLUMNS, Diff, label, text_changes
from .output import markdown, safe_text, table

DIFF_FORMATS = ("table", "json", "markdown", "xlsx", "html")
CHANGES = "changes"
SHIFT = "department-shift"


def _side(label: str, plan: ParsedPlan) -> dict[str, Any]:
    return {
        "label": label,
        "plan": plan.plan.id,
        "title": plan.plan.title,
        "version": plan.plan.version,
        "measures": len(plan.measures),
    }


def summary(diff: Diff) -> dict[str, int]:
    """How many changes of each kind, in KINDS order (kinds with none left out)."""
    counts = Counter(c.kind for c in diff.changes)
    return {kind: counts[kind] for kind in KINDS if counts[kind]}


def _heading(diff: Diff) -> list[str]:
    lines = []
    for word, name, plan in (("old", diff.old_label, diff.old), ("new", diff.new_label, diff.new)):
        side = _side(name, plan)
        lines.append(f"{word}: {side['label']}  {side['title']} ({side['measures']} measures)")
    counts = summary(diff)
    lines.append(", ".join(f"{n} {kind}" for kind, n in counts.items()) if counts else "no changes")
    return lines


def render(diff: Diff, fmt: str, *, max_width: int = 60) -> str:
    """table, json or markdown text of the diff."""
    changes, shift = diff.change_rows(), diff.shift_rows()
    if fmt == "json":
        data = {
            "old": _side(diff.old_label, diff.old),
            "new": _side(diff.new_label, diff.new),
            "summary": summary(diff),
            CHANGES: [dict(zip(CHANGE_COLUMNS, r, strict=True)) for r in changes],
            "department_shift": [dict(zip(SHIFT_COLUMNS, r, strict=True)) for r in shift],
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    head = [safe_text(line) for line in _heading(diff)]
    if fmt == "markdown":
        return "\n".join(
            [
                "# Plan diff",
                "",
                *(f"- {md_text(line)}" for line in head),
                "",
                "## Changes",
                "",
                markdown(CHANGE_COLUMNS, changes).rstrip("\n"),
                "",
                "## Department shift",
                "",
                markdown(SHIFT_COLUMNS, shift),
            ]
        )
    return "\n".join(
        [
            *head,
            "",
            table(CHANGE_COLUMNS, changes, max_width=max_width).rstrip("\n"),
            "",
            f"{SHIFT}:",
            table(SHIFT_COLUMNS, shift, max_width=max_width),
        ]
    )


def md_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_xlsx(diff: Diff, path: str | Path) -> None:
    """Two sheets, changes and department-shift; cells are written as text, never formulas."""
    from .ledger import write_tables

    write_tables(
        path,
        [
            (CHANGES, CHANGE_COLUMNS, diff.change_rows()),
            (SHIFT, SHIFT_COLUMNS, diff.shift_rows()),
        ],
    )


# -- the side-by-side page -------------------------------------------------------------------
CSP = "default-src 'none'; style-src 'unsafe-inline'"
STYLE = """
body { font-family: sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; width: 100%; margin-bottom: 2em; }
th, td { border: 1px solid #ccc; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #eef; }
td.n { width: 3em; text-align: right; color: #555; }
tr.added td.new, tr.removed td.old { background: #f4f4f4; }
tr.added td.new { background: #e6ffec; }
tr.removed td.old { background: #ffebe9; }
tr.same { color: #777; }
del { background: #ffcecb; text-decoration: line-through; }
ins { background: #abf2bc; text-decoration: none; }
.units { color: #555; font-size: 90%; }
.kind { display: inline-block; margin: 0 4px 2px 0; padding: 0 4px; border-radius: 3px;
        background: #fff3bf; font-size: 85%; }
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _table_html(columns: tuple[str, ...], rows: list[list[object]]) -> str:
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _units_html(plan: ParsedPlan, m: Measure) -> str:
    leads, supports = plan.units(m.id, LEAD), plan.units(m.id, SUPPORT)
    parts = [f"牵头：{'、'.join(leads) or '—'}"]
    if supports:
        parts.append(f"配合：{'、'.join(supports)}")
    if m.timing or m.deadline:
        parts.append(f"时限：{m.deadline or m.timing}")
    return f'<div class="units">{_e("；".join(parts))}</div>'


def _marked(old: str, new: str) -> tuple[str, str]:
    left, right = [], []
    for tag, a, b in text_changes(old, new):
        if tag == "equal":
            left.append(_e(a))
            right.append(_e(b))
            continue
        if a:
            left.append(f"<del>{_e(a)}</del>")
        if b:
            right.append(f"<ins>{_e(b)}</ins>")
    return "".join(left), "".join(right)


def page(diff: Diff) -> str:
    """The whole diff as one offline HTML page: the measures side by side (removed text
    struck through, added text marked), then the change and department-shift tables."""
    rows = []
    for pair in diff.pairs:
        a, b = pair.old, pair.new
        kinds = "".join(f'<span class="kind">{_e(c.kind)}</span>' for c in pair.changes)
        if a is not None and b is not None:
            left, right = _marked(a.text, b.text)
            cls = "changed" if pair.changes else "same"
        else:
            left = _e(a.text) if a else ""
            right = _e(b.text) if b else ""
            cls = "added" if a is None else "removed"
        old_cell = left + (_units_html(diff.old, a) if a else "")
        new_cell = right + (_units_html(diff.new, b) if b else "")
        rows.append(
            f'<tr class="{cls}"><td class="n">{_e(label(diff.old, a) if a else "")}</td>'
            f'<td class="old">{old_cell}</td>'
            f'<td class="n">{_e(label(diff.new, b) if b else "")}</td>'
            f'<td class="new">{new_cell}</td><td>{kinds}</td></tr>'
        )
    head = "".join(f"<li>{_e(line)}</li>" for line in _heading(diff))
    return (
        '<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f"<title>{_e(diff.old_label)} → {_e(diff.new_label)}</title>"
        f"<style>{STYLE}</style></head><body>"
        f"<h1>Plan diff</h1><ul>{head}</ul>"
        "<h2>Side by side</h2><table><thead><tr><th>#</th><th>old</th><th>#</th><th>new</th>"
        f"<th>changes</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f"<h2>Changes</h2>{_table_html(CHANGE_COLUMNS, diff.change_rows())}"
        f"<h2>Department shift</h2>{_table_html(SHIFT_COLUMNS, diff.shift_rows())}"
        "</body></html>\n"
    )
