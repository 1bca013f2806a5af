"""Plan text -> records (loader.model). Pure: no database, no printing.

A plan is read line by line. Chapters (`一、…`), sections (`（一）…`) and numbered measures
(`1. …`) start new items; any other line continues the current measure. A measure ends with its
responsibility list, e.g. `（牵头单位：A、B。责任单位：C、D）`. Whatever looks odd becomes a
warning naming the measure and the line; nothing is dropped silently.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .departments import department_kind
from .errors import InputError
from .model import (
    CHAPTER,
    COLLECTIVE,
    LEAD,
    SECTION,
    SUPPORT,
    Assignment,
    Department,
    Measure,
    ParsedPlan,
    ParseWarning,
    Plan,
    Theme,
)

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_NUM = "[一二三四五六七八九十百零〇]+"

CHAPTER_RE = re.compile(rf"^({_CN_NUM})\s*[、.．]\s*(.+)$")
SECTION_RE = re.compile(rf"^[（(]\s*({_CN_NUM})\s*[）)]\s*(.*)$")
MEASURE_RE = re.compile(r"^(\d{1,4})\s*[.．、](?!\d)\s*(.*)$")
ATTACHMENT_RE = re.compile(r"^附\s*件\s*\d*\s*[:：]?$")

LEAD_LABELS = ("牵头单位", "牵头部门", "主责单位")
SUPPORT_LABELS = ("责任单位", "责任部门", "配合单位", "参与单位", "协办单位")
_LABEL = "|".join(LEAD_LABELS + SUPPORT_LABELS)
# The responsibility list: a bracket that starts with a label, at the very end of the measure.
UNITS_RE = re.compile(rf"[（(]\s*((?:{_LABEL})\s*[：:].*)[）)]\s*[。.;；]?\s*$", re.S)
LABEL_RE = re.compile(rf"({_LABEL})\s*[：:]")
SPLIT_RE = re.compile(r"[、，,;；/]")
SPACE_RE = re.compile(r"\s+")


def chinese_number(text: str) -> int:
    """Value of a Chinese numeral up to 999 (一 -> 1, 十二 -> 12, 二十 -> 20)."""
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_DIGITS[ch]
    return total + current


def read_plan_file(path: str | Path) -> tuple[str, str]:
    """Text and sha256 of a plan file; raises InputError saying what is wrong with it."""
    p = Path(path)
    if not p.exists():
        raise InputError(
            f"{path}: no such file. Check the path, or run `policygraph demo` "
            "to try the bundled plan."
        )
    if p.is_dir():
        raise InputError(f"{path}: is a folder; give a plan file (.txt or .md).")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror}).") from None
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise InputError(f"{path}: the file is empty; expected a plan with numbered measures.")
    if b"\x00" in data[:8192]:
        raise InputError(
            f"{path}: looks like a binary file; expected a plan as UTF-8 or GB18030 "
            "text (.txt or .md)."
        )
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding), digest
        except UnicodeDecodeError:
            continue
    raise InputError(f"{path}: is neither UTF-8 nor GB18030 text; save it as UTF-8 and retry.")


def plan_id_from_path(path: str | Path) -> str:
    """A stable plan id: the file name without its extension, spaces replaced."""
    return SPACE_RE.sub("_", Path(path).stem.strip()) or "plan"


def parse_file(path: str | Path, plan_id: str | None = None) -> ParsedPlan:
    """Read and parse one plan file; InputError if it has no measures."""
    text, digest = read_plan_file(path)
    parsed = parse_text(
        text, plan_id or plan_id_from_path(path), source=Path(path).name, content_hash=digest
    )
    if not parsed.measures:
        raise InputError(
            f"{path}: no numbered measures found; expected lines such as "
            "`1. …（牵头单位：…。责任单位：…）` under headings `一、` and `（一）`."
        )
    return parsed


@dataclass
class _Open:
    """A measure whose lines are still being collected."""

    number: int
    line: int
    theme: str | None
    parts: list[str] = field(default_factory=list)


class _Parser:
    def __init__(self, plan_id: str) -> None:
        self.plan_id = plan_id
        self.themes: list[Theme] = []
        self.measures: list[Measure] = []
        self.departments: dict[str, Department] = {}
        self.assignments: list[Assignment] = []
        self.warnings: list[ParseWarning] = []
        self.chapter: Theme | None = None
        self.section: Theme | None = None
        self.open: _Open | None = None
        self.title_lines: list[str] = []
        self.in_body = False
        self.section_changed = False

    def warn(self, measure: int | None, code: str, message: str, line: int) -> None:
        self.warnings.append(ParseWarning(measure, code, message, line))

    # -- structure -------------------------------------------------------------------------
    def feed(self, lineno: int, raw: str) -> None:
        line = raw.strip().replace("\u3000", " ").strip()
        if not line:
            return
        if m := CHAPTER_RE.match(line):
            self.close()
            self.start_chapter(chinese_number(m.group(1)), m.group(2).strip())
        elif m := SECTION_RE.match(line):
            self.close()
            self.start_section(chinese_number(m.group(1)), m.group(2).strip(), lineno)
        elif m := MEASURE_RE.match(line):
            self.close()
            self.in_body = True
            theme = self.section or self.chapter
            self.open = _Open(int(m.group(1)), lineno, theme.id if theme else None, [m.group(2)])
        elif self.open is not None:
            self.open.parts.append(line)
        elif not self.in_body:
            if not ATTACHMENT_RE.match(line) and not any("。" in t for t in self.title_lines):
                self.title_lines.append(line)
        else:
            self.warn(
                None,
                "text-outside-measure",
                f"line {lineno} is not part of any measure and was not loaded: {line[:40]}",
                lineno,
            )

    def start_chapter(self, ordinal: int, title: str) -> None:
        self.in_body = True
        self.chapter = Theme(
            f"{self.plan_id}/c{ordinal}",
            self.plan_id,
            CHAPTER,
            ordinal,
            title,
            ordinal,
            self.plan_id,
        )
        self.section = None
        self.themes.append(self.chapter)
        self.section_changed = True

    def start_section(self, ordinal: int, title: str, lineno: int) -> None:
        self.in_body = True
        if self.chapter is None:
            self.warn(
                None,
                "section-without-chapter",
                f"section （{ordinal}） at line {lineno} comes before any chapter; "
                "it was placed in a chapter 0",
                lineno,
            )
            self.chapter = Theme(
                f"{self.plan_id}/c0", self.plan_id, CHAPTER, 0, "", 0, self.plan_id
            )
            self.themes.append(self.chapter)
        self.section = Theme(
            f"{self.chapter.id}/s{ordinal}",
            self.plan_id,
            SECTION,
            ordinal,
            title,
            self.chapter.ordinal,
            self.chapter.id,
        )
        self.themes.append(self.section)
        self.section_changed = True

    # -- measures --------------------------------------------------------------------------
    def close(self) -> None:
        """Finish the open measure: split off its responsibility list and record it."""
        op, self.open = self.open, None
        if op is None:
            return
        self.check_number(op)
        seq = len(self.measures) + 1
        measure_id = f"{self.plan_id}/m{seq}"
        text = "".join(op.parts).strip()
        units = UNITS_RE.search(text)
        if units:
            body = text[: units.start()].rstrip()
            self.assign(op, measure_id, units.group(1))
        else:
            body = text
            self.warn(
                op.number,
                "no-units",
                f"measure {op.number} names no responsible units (no （牵头单位：…） list)",
                op.line,
            )
        if op.theme is None:
            self.warn(
                op.number,
                "no-theme",
                f"measure {op.number} comes before any chapter or section heading",
                op.line,
            )
        self.measures.append(
            Measure(measure_id, self.plan_id, op.number, seq, body, op.line, op.theme)
        )

    def check_number(self, op: _Open) -> None:
        previous = self.measures[-1].number if self.measures else 0
        restarted = op.number == 1 and self.section_changed
        self.section_changed = False
        if op.number != previous + 1 and not restarted:
            if any(m.number == op.number and m.theme == op.theme for m in self.measures):
                self.warn(
                    op.number,
                    "numbering-duplicate",
                    f"measure {op.number} repeats an earlier number",
                    op.line,
                )
            else:
                self.warn(
                    op.number,
                    "numbering-gap",
                    f"measure {op.number} follows measure {previous}",
                    op.line,
                )

    def assign(self, op: _Open, measure_id: str, block: str) -> None:
        labels = list(LABEL_RE.finditer(block))
        lists: list[tuple[str, list[str]]] = []
        for i, label in enumerate(labels):
            end = labels[i + 1].start() if i + 1 < len(labels) else len(block)
            lists.append((label.group(1), self.split_units(op, block[label.end() : end])))
        roles = [LEAD if name in LEAD_LABELS else SUPPORT for name, _ in lists]
        inferred = False  # one unlabelled-role list: first unit leads, the rest support
        relabelled = False  # the first list was labelled as support but leads
        if roles and roles[0] == SUPPORT and len(lists) > 1:
            roles[0] = LEAD
            relabelled = True
            self.warn(
                op.number,
                "mislabelled-lead",
                f"measure {op.number}: its first list is labelled {lists[0][0]}; "
                "read as the lead list (牵头单位)",
                op.line,
            )
        elif roles == [SUPPORT]:
            inferred = True
        seen: dict[str, str] = {}
        positions = {LEAD: 0, SUPPORT: 0}
        for index, ((label, names), role) in enumerate(zip(lists, roles, strict=True)):
            for k, name in enumerate(names):
                this_role = (LEAD if k == 0 else SUPPORT) if inferred else role
                if name in seen:
                    self.warn(
                        op.number,
                        "duplicate-unit",
                        f"measure {op.number}: {name} is listed twice (as {seen[name]} "
                        f"and in {label}); kept once",
                        op.line,
                    )
                    continue
                seen[name] = label
                positions[this_role] += 1
                dept = self.departments.setdefault(name, Department(name, department_kind(name)))
                if dept.kind == COLLECTIVE:
                    self.warn(
                        op.number,
                        "collective-unit",
                        f"measure {op.number}: {name} is a collective, not one department",
                        op.line,
                    )
                self.assignments.append(
                    Assignment(
                        name,
                        measure_id,
                        this_role,
                        positions[this_role],
                        inferred or (relabelled and index == 0),
                    )
                )
        if inferred:
            self.warn(
                op.number,
                "roles-inferred",
                f"measure {op.number} has one list ({lists[0][0]}) and no lead list; "
                "its first unit was taken as lead, the rest as support",
                op.line,
            )
        if positions[LEAD] == 0:
            self.warn(op.number, "no-lead", f"measure {op.number} has no lead unit", op.line)
        elif positions[SUPPORT] == 0:
            self.warn(
                op.number,
                "no-supports",
                f"measure {op.number} has a lead list and no supporting list",
                op.line,
            )

    def split_units(self, op: _Open, text: str) -> list[str]:
        names = []
        items = SPLIT_RE.split(text.strip().rstrip("。.；;，, "))
        for item in items:
            name = SPACE_RE.sub("", item).strip("。.")
            if name:
                names.append(name)
            elif len(items) > 1:
                self.warn(
                    op.number,
                    "empty-item",
                    f"measure {op.number}: an empty item in a unit list was skipped",
                    op.line,
                )
        return names

    def title(self) -> str:
        lines = [t for t in self.title_lines if "。" not in t]
        return "".join(lines)


def parse_text(
    text: str, plan_id: str, *, source: str = "", content_hash: str = "", title: str | None = None
) -> ParsedPlan:
    """Parse the text of one plan into records; warnings describe anything odd."""
    parser = _Parser(plan_id)
    for lineno, raw in enumerate(text.splitlines(), start=1):
        parser.feed(lineno, raw)
    parser.close()
    if not content_hash:
        content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    plan = Plan(
        plan_id, title or parser.title() or plan_id, source, content_hash, len(parser.measures)
    )
    return ParsedPlan(
        plan,
        parser.themes,
        parser.measures,
        list(parser.departments.values()),
        parser.assignments,
        parser.warnings,
    )
