"""Rows -> text: aligned tables (by display width), JSON, CSV and Markdown.

Plan text is untrusted: table and Markdown output neutralise control characters (terminal escape
sequences) and Markdown escapes HTML, so a hostile plan cannot act on the reader's terminal or
viewer.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from wcwidth import wcswidth, wcwidth

from policygraph.loader.errors import InputError

from .jurisdictions import drop_uniform

FORMATS = ("table", "json", "csv", "markdown")
_CONTROL_RE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]"
)
_LINE_BREAKS: dict[str, str | int | None] = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def safe_text(value: Any) -> str:
    """A value as one line of text with control and bidi-override characters made visible."""
    text = "" if value is None else str(value)
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return _CONTROL_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def safe_line(value: Any, *, keep_lines: bool = False) -> str:
    """A message (or a file name in one) as one terminal line: line breaks shown as \\n, and
    control, escape and bidi characters as \\uXXXX, so a hostile file name can neither split an
    `Error:` line nor send escape codes to the terminal. keep_lines: each line made safe, for
    a message that ends with a log on purpose."""
    text = "" if value is None else str(value)
    if keep_lines:
        return "\n".join(safe_line(line) for line in text.split("\n"))
    text = text.translate(str.maketrans(_LINE_BREAKS))
    return _CONTROL_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@contextmanager
def writing(path: str | Path) -> Iterator[Path]:
    """Wrap the writing of one output file: a failure (a full disk, a missing folder, no
    permission) becomes one InputError naming the file, never a traceback."""
    try:
        yield Path(path)
    except OSError as exc:
        raise InputError(
            f"cannot write {path}: {exc.strerror or exc}; check the folder exists, is "
            "writable and has free space."
        ) from exc


def display_width(text: str) -> int:
    width = wcswidth(text)
    return width if width >= 0 else sum(max(wcwidth(ch), 0) for ch in text)


def _clip(text: str, limit: int) -> str:
    if limit <= 0 or display_width(text) <= limit:
        return text
    out, width = [], 0
    for ch in text:
        w = max(wcwidth(ch), 0)
        if width + w > limit - 1:
            break
        out.append(ch)
        width += w
    return "".join(out) + "…"


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def table(columns: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int = 60) -> str:
    """An aligned text table; cells wider than max_width display columns are clipped with …"""
    cells = [[_clip(safe_text(v), max_width) for v in row] for row in rows]
    widths = [display_width(c) for c in columns]
    for row in cells:
        widths = [max(w, display_width(c)) for w, c in zip(widths, row, strict=True)]
    numeric = [
        bool(rows) and all(_is_number(r[i]) or r[i] is None for r in rows)
        for i in range(len(columns))
    ]

    def line(values: Sequence[str]) -> str:
        parts = []
        for value, width, right in zip(values, widths, numeric, strict=True):
            pad = " " * (width - display_width(value))
            parts.append(pad + value if right else value + pad)
        return "  ".join(parts).rstrip()

    out = [line(list(columns)), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in cells]
    return "\n".join(out) + "\n"


def to_json(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    records = [dict(zip(columns, row, strict=True)) for row in rows]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def to_csv(columns: Sequence[str], rows: Sequence[Sequence[Any]], bom: bool = False) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else _csv_cell(v) for v in row])
    return ("\ufeff" if bom else "") + buf.getvalue()


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list | tuple | set):
        value = "、".join(str(v) for v in value)  # joined first, so the guard sees the cell
    # A cell starting with = + - @ (or a tab or CR before one) runs as a formula in Excel and
    # LibreOffice; quote it as text. Numbers are kept as numbers.
    if isinstance(value, str) and value[:1] in _FORMULA_START:
        return "'" + value
    return value


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP's list for CSV injection


def _md_cell(value: Any) -> str:
    text = safe_text("、".join(map(str, value)) if isinstance(value, list) else value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|")


def markdown(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    out = [
        "| " + " | ".join(_md_cell(c) for c in columns) + " |",
        "|" + "|".join("---" for _ in columns) + "|",
    ]
    out += ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(out) + "\n"


def render(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    fmt: str,
    *,
    bom: bool = False,
    max_width: int = 60,
) -> str:
    """Rows in one of FORMATS. JSON keeps every column; the others leave out jurisdiction
    columns that hold one place only (policygraph.jurisdictions)."""
    if fmt == "json":
        return to_json(columns, rows)
    columns, rows = drop_uniform(columns, rows)
    if fmt == "csv":
        return to_csv(columns, rows, bom=bom)
    if fmt == "markdown":
        return markdown(columns, rows)
    list_cells = [[("、".join(map(str, v)) if isinstance(v, list) else v) for v in r] for r in rows]
    return table(columns, list_cells, max_width=max_width)
