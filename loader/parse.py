"""Plan text -> records (loader.model). Pure: no database, no printing.

A plan is read in two passes. The first splits it into numbered items, each with a level:
`第一部分`/`第一章` (0), `一、` (1), `（一）` (2), `1.`/`1．`/`1、` (3), `（1）` (4) — half- or
full-width, with any other line continuing the item before it. An item ends with its
responsibility list, written in one of the common shapes:

    （牵头单位：A、B。责任单位：C、D）       labelled lists (also 配合/参与/协办单位, 责任部门 ...)
    （责任单位：A、B） or （A、B、C负责）    one list: A leads, the rest support (inferred)
    （A、B牵头，C配合）                      inline roles
    责任单位：A                               on its own line below the item

The second pass decides what is a measure: an item with a responsibility list, or any item at
the level where most lists appear. Shallower items are headings (the shallowest become chapters,
the next sections); deeper ones are sub-points of their measure. Whatever looks odd becomes a
warning naming the measure and the line; nothing is dropped silently.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import commitments
from . import jurisdiction as places
from .aliases import Aliases, default_aliases
from .chars import LineCleaning, clean_text, simplifier
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
from .numerals import chinese_value
from .readers import read_plan_file

FIRST_LEADS = "first-leads"  # one unlabelled list: the first unit leads, the rest support
ALL_LEAD = "all-lead"  # one unlabelled list: every unit leads
SINGLE_LIST_RULES = (FIRST_LEADS, ALL_LEAD)

_CN_NUM = "[一二三四五六七八九十百零〇]+"
_OPEN, _CLOSE = "[（(]", "[）)]"

# (level, pattern) for numbered items; group 1 is the number, group 2 the text.
ITEM_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(rf"^第\s*({_CN_NUM}|\d{{1,4}})\s*(?:部分|章|篇)\s*[、.．:：]?\s*(.*)$")),
    (1, re.compile(rf"^({_CN_NUM})\s*[、.．]\s*(.+)$")),
    (2, re.compile(rf"^{_OPEN}\s*({_CN_NUM})\s*{_CLOSE}\s*[、.．]?\s*(.*)$")),
    (3, re.compile(r"^(\d{1,4})\s*[.．、](?!\d)\s*(.*)$")),
    (4, re.compile(rf"^{_OPEN}\s*(\d{{1,4}})\s*{_CLOSE}\s*[、.．]?\s*(.*)$")),
)
ATTACHMENT_RE = re.compile(r"^附\s*件\s*\d*\s*[:：]?$")

# Traditional characters of the labels and role words, read as their simplified forms.
_simplified = simplifier("牽頭單責負協參與門辦配", "牵头单责负协参与门办配")
LEAD_LABELS = ("牵头单位", "牵头部门", "主责单位", "主责部门", "牵头")
SUPPORT_LABELS = (
    "责任单位",
    "责任部门",
    "配合单位",
    "配合部门",
    "参与单位",
    "协办单位",
    "协助单位",
    "配合",
)
_LABEL = "|".join(sorted(LEAD_LABELS + SUPPORT_LABELS, key=len, reverse=True))
LABEL_RE = re.compile(rf"({_LABEL})\s*[：:]")
# A labelled list on a line of its own (no bracket).
LABEL_LINE_RE = re.compile(rf"^{_OPEN}?\s*(?:{_LABEL})\s*[：:]")
_ROLE_WORDS = "牵头|负责|配合|参与|协办|协助"
CLAUSE_RE = re.compile(
    rf"^(.*?)(?:按职责分工|按照职责分工|按职责|分别)?({_ROLE_WORDS})(?:落实|实施)?$"
)
SPLIT_RE = re.compile(r"[、，,;；/]")
SPACE_RE = re.compile(r"\s+")
LEAD_MARK_RE = re.compile(rf"{_OPEN}\s*牵头\s*{_CLOSE}$")


def chinese_number(text: str) -> int:
    """Value of a heading or item number (一 -> 1, 十二 -> 12, 12 -> 12); 0 if unreadable."""
    return chinese_value(text) or 0


def plan_id_from_path(path: str | Path) -> str:
    """A stable plan id: the file name without its extension, spaces replaced."""
    return SPACE_RE.sub("_", Path(path).stem.strip()) or "plan"


def parse_file(
    path: str | Path,
    plan_id: str | None = None,
    *,
    aliases: Aliases | None = None,
    single_list: str = FIRST_LEADS,
    jurisdiction: str | None = None,
) -> ParsedPlan:
    """Read and parse one plan file; InputError if it has no measures."""
    text, digest = read_plan_file(path)
    parsed = parse_text(
        text,
        plan_id or plan_id_from_path(path),
        source=Path(path).name,
        content_hash=digest,
        aliases=aliases,
        single_list=single_list,
        jurisdiction=jurisdiction,
    )
    if not parsed.measures:
        raise InputError(
            f"{path}: no numbered measures found; expected lines such as "
            "`1. …（牵头单位：…。责任单位：…）` under headings `一、` and `（一）`."
        )
    return parsed


@dataclass
class _Item:
    """A numbered line, with the lines that continue it."""

    level: int
    number: int
    line: int
    parts: list[tuple[int, str]]  # (line number, text): the item's own line, then continuations
    unit_lines: list[str] = field(default_factory=list)
    units: tuple[str, str] | None = None  # ("labelled" | "inline", text of the list)
    body: str = ""

    def split_units(self) -> None:
        """Cut the responsibility list off the item's text, if it has one."""
        text = "".join(part for _, part in self.parts).strip()
        if self.unit_lines:
            self.units = ("labelled", "。".join(u.strip("（()） ") for u in self.unit_lines))
            self.body = text
        elif found := tail_units(text):
            kind, start, inner, end = found
            self.units, self.body = (kind, text[inner:end]), text[:start]
        else:
            self.body = text
        self.body = self.body.rstrip()


_CLOSERS, _OPENERS, _END_PUNCT = "）)", "（(", "。.;；"
LABEL_OPEN_RE = re.compile(rf"{_OPEN}\s*+(?=(?:{_LABEL})\s*+[：:])")
_ROLE_WORD_RE = re.compile(_ROLE_WORDS)


def tail_units(text: str) -> tuple[str, int, int, int] | None:
    """The responsibility list in a bracket at the very end of an item's text, if any.

    Returns (kind, start of the bracket, start of the list, end of the list), kind being
    "labelled" for `（牵头单位：A。责任单位：B）` (which may hold brackets of its own) or "inline"
    for `（A、B牵头，C配合）`. Found with string scans rather than one end-anchored regex, whose
    backtracking is quadratic on long or hostile lines.
    """
    end = len(text.rstrip())
    if end and text[end - 1] in _END_PUNCT:
        end = len(text[: end - 1].rstrip())
    if not end or text[end - 1] not in _CLOSERS:
        return None
    close = end - 1
    simplified = _simplified(text[:close])  # same length: one character for one
    if m := LABEL_OPEN_RE.search(simplified):
        return "labelled", m.start(), m.end(), close
    opener = max(simplified.rfind(c) for c in _OPENERS)
    if opener < 0 or max(simplified.rfind(c) for c in _CLOSERS) > opener:
        return None
    if not _ROLE_WORD_RE.search(simplified, opener + 1):
        return None
    return "inline", opener, opener + 1, close


def _split_items(text: str) -> tuple[list[str], list[_Item]]:
    """Pass one: the title's lines and the numbered items (the preamble is passed over)."""
    title: list[str] = []
    title_ended = False  # the title is the lines before the first sentence (one with 。)
    items: list[_Item] = []
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.replace("\u3000", " ").strip()
        if not line:
            continue
        for level, pattern in ITEM_PATTERNS:
            if m := pattern.match(line):
                number = chinese_number(m.group(1))
                items.append(_Item(level, number, lineno, [(lineno, m.group(2))]))
                break
        else:
            if items and LABEL_LINE_RE.match(_simplified(line)):
                items[-1].unit_lines.append(line)
            elif items:
                items[-1].parts.append((lineno, line))
            elif not ATTACHMENT_RE.match(line) and not title_ended:
                title.append(line)
                title_ended = "。" in line
    return [t for t in title if "。" not in t], items


class _Builder:
    """Pass two: items -> themes, measures, departments and assignments."""

    def __init__(self, plan_id: str, aliases: Aliases, single_list: str) -> None:
        if single_list not in SINGLE_LIST_RULES:
            raise ValueError(f"single_list must be one of {SINGLE_LIST_RULES}")
        self.plan_id = plan_id
        self.aliases = aliases
        self.single_list = single_list
        self.result = ParsedPlan(Plan(plan_id, "", "", ""))
        self.departments: dict[str, Department] = {}
        self.chapter: Theme | None = None
        self.section: Theme | None = None
        self.heading_seen = False
        # Kept as we go, so that no step rescans what came before (linear on huge plans).
        self.subpoints: dict[int, list[str]] = {}  # measure index -> text of its sub-points
        self.numbers: set[tuple[int, str | None]] = set()  # (number, theme id) of measures
        self.chapters = 0
        self.sections: Counter[str] = Counter()  # chapter id -> sections so far

    def warn(self, measure: int | None, code: str, message: str, line: int) -> None:
        self.result.warnings.append(ParseWarning(measure, code, message, line))

    def build(self, items: list[_Item]) -> None:
        for item in items:
            item.split_units()
        with_units = Counter(i.level for i in items if i.units)
        measure_level = (
            with_units.most_common(1)[0][0]
            if with_units
            else max((i.level for i in items), default=3)
        )
        heading_levels = sorted({i.level for i in items if i.level < measure_level and not i.units})
        chapter_level = heading_levels[0] if heading_levels else None
        current: int | None = None  # index of the measure that sub-points extend
        previous_number = 0
        for item in items:
            if item.units or item.level == measure_level:
                restarted = item.number == 1 and self.heading_seen
                self.heading_seen = False
                if item.number != previous_number + 1 and not restarted and current is not None:
                    self.warn_numbering(item, previous_number)
                self.add_measure(item)
                current = len(self.result.measures) - 1
                previous_number = item.number
            elif item.level < measure_level:
                self.add_heading(item, is_chapter=item.level == chapter_level)
                current = None
            elif current is not None:  # a sub-point of the measure above
                self.extend_measure(current, item)
            else:
                self.warn_outside(item.parts)
        for index, pieces in self.subpoints.items():
            measure = self.result.measures[index]
            self.result.measures[index] = replace(measure, text=measure.text + "".join(pieces))

    def warn_cleaned(self, notes: list[LineCleaning]) -> None:
        for note in notes:
            if found := note.removed:
                codes = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(found))
                self.warn(
                    None,
                    "control-character",
                    f"line {note.line}: removed {len(found)} control or invisible "
                    f"character{'s' if len(found) > 1 else ''} ({codes})",
                    note.line,
                )
            if note.folded:
                pairs = ", ".join(f"U+{ord(a):04X} as {b}" for a, b in note.folded)
                self.warn(
                    None,
                    "look-alike-character",
                    f"line {note.line}: read look-alike characters as the ideographs they "
                    f"imitate ({pairs})",
                    note.line,
                )

    def warn_outside(self, parts: list[tuple[int, str]]) -> None:
        for lineno, text in parts:
            self.warn(
                None,
                "text-outside-measure",
                f"line {lineno} is not part of any measure and was not loaded: {text[:40]}",
                lineno,
            )

    def warn_numbering(self, item: _Item, previous: int) -> None:
        theme = self.section or self.chapter
        if (item.number, theme.id if theme else None) in self.numbers:
            self.warn(
                item.number,
                "numbering-duplicate",
                f"measure {item.number} repeats an earlier number",
                item.line,
            )
        else:
            self.warn(
                item.number,
                "numbering-gap",
                f"measure {item.number} follows measure {previous}",
                item.line,
            )

    def add_heading(self, item: _Item, *, is_chapter: bool) -> None:
        title = item.parts[0][1].strip()
        self.warn_outside(item.parts[1:])
        self.heading_seen = True
        themes = self.result.themes
        if is_chapter or self.chapter is None:
            if not is_chapter:
                self.warn(
                    None,
                    "section-without-chapter",
                    f"heading at line {item.line} comes before any chapter; it was read "
                    "as a chapter",
                    item.line,
                )
            self.chapters += 1
            seq = self.chapters
            self.chapter = Theme(
                f"{self.plan_id}/c{seq}",
                self.plan_id,
                CHAPTER,
                item.number,
                title,
                item.number,
                self.plan_id,
            )
            self.section = None
            themes.append(self.chapter)
        else:
            self.sections[self.chapter.id] += 1
            seq = self.sections[self.chapter.id]
            self.section = Theme(
                f"{self.chapter.id}/s{seq}",
                self.plan_id,
                SECTION,
                item.number,
                title,
                self.chapter.ordinal,
                self.chapter.id,
            )
            themes.append(self.section)

    def extend_measure(self, index: int, item: _Item) -> None:
        """Append a sub-point (`（1）…` under `1. …`) to the text of measure `index`."""
        prefix = {2: "（{}）", 4: "（{}）", 3: "{}."}.get(item.level, "{}、")
        self.subpoints.setdefault(index, []).append(prefix.format(item.number) + item.body)

    def add_measure(self, item: _Item) -> Measure:
        seq = len(self.result.measures) + 1
        measure_id = f"{self.plan_id}/m{seq}"
        theme = self.section or self.chapter
        if theme is None:
            self.warn(
                item.number,
                "no-theme",
                f"measure {item.number} comes before any chapter or section heading",
                item.line,
            )
        measure = Measure(
            measure_id,
            self.plan_id,
            item.number,
            seq,
            item.body,
            item.line,
            theme.id if theme else None,
        )
        self.result.measures.append(measure)
        self.numbers.add((item.number, measure.theme))
        if item.units is None:
            self.warn(
                item.number,
                "no-units",
                f"measure {item.number} names no responsible units (no （牵头单位：…） list)",
                item.line,
            )
        else:
            kind, block = item.units
            lists = self.labelled_lists(block) if kind == "labelled" else self.inline_lists(block)
            self.assign(item, measure_id, lists)
        return measure

    # -- responsibility lists ----------------------------------------------------------------
    def labelled_lists(self, block: str) -> list[tuple[str, str | None, str]]:
        """(label, role or None when one list leaves it open, text) for `牵头单位：…` lists."""
        labels = list(LABEL_RE.finditer(_simplified(block)))
        lists = []
        for i, label in enumerate(labels):
            end = labels[i + 1].start() if i + 1 < len(labels) else len(block)
            role = LEAD if label.group(1) in LEAD_LABELS else SUPPORT
            lists.append((block[label.start(1) : label.end(1)], role, block[label.end() : end]))
        if (
            len(lists) == 1
            and lists[0][1] == SUPPORT
            and _simplified(lists[0][0]) in ("责任单位", "责任部门")
        ):
            lists[0] = (lists[0][0], None, lists[0][2])  # one 责任单位 list: roles not written
        return lists

    def inline_lists(self, block: str) -> list[tuple[str, str | None, str]]:
        """Lists from inline roles: （A、B牵头，C配合）, （A负责）."""
        lists = []
        for clause in re.split(r"[，,；;。]", block):
            clause = clause.strip()
            m = CLAUSE_RE.match(_simplified(clause)) if clause else None
            if not m:
                continue
            word = m.group(2)
            role = LEAD if word == "牵头" else (None if word == "负责" else SUPPORT)
            lists.append((word, role, clause[: m.end(1)]))
        if len(lists) > 1:  # 负责 beside a 牵头 clause means support
            lists = [(w, SUPPORT if r is None else r, t) for w, r, t in lists]
        return lists

    def assign(
        self, item: _Item, measure_id: str, lists: list[tuple[str, str | None, str]]
    ) -> None:
        n = item.number
        roles: list[str | None] = [role for _, role, _ in lists]
        relabelled = False
        if len(lists) > 1 and roles[0] == SUPPORT and LEAD not in roles:
            roles[0] = LEAD
            relabelled = True
            self.warn(
                n,
                "mislabelled-lead",
                f"measure {n}: its first list is labelled {lists[0][0]}; read as the lead "
                "list (牵头单位)",
                item.line,
            )
        seen: dict[str, str] = {}
        positions = {LEAD: 0, SUPPORT: 0}
        inferred_any = False
        for index, ((label, _, text), role) in enumerate(zip(lists, roles, strict=True)):
            names = self.split_names(n, item.line, text)
            marked = [LEAD_MARK_RE.search(name) is not None for name in names]
            names = [LEAD_MARK_RE.sub("", name) for name in names]
            for k, written in enumerate(names):
                if role is not None:
                    this_role, inferred = role, relabelled and index == 0
                elif any(marked):
                    this_role, inferred = (LEAD if marked[k] else SUPPORT), False
                else:
                    first = self.single_list == ALL_LEAD or k == 0
                    this_role, inferred = (LEAD if first else SUPPORT), True
                    inferred_any = True
                name = self.aliases.resolve(written)
                if name in seen:
                    self.warn(
                        n,
                        "duplicate-unit",
                        f"measure {n}: {written} is listed twice (as {seen[name]} and in "
                        f"{label}); kept once",
                        item.line,
                    )
                    continue
                seen[name] = label
                positions[this_role] += 1
                dept = self.departments.setdefault(name, Department(name, department_kind(name)))
                if dept.kind == COLLECTIVE:
                    self.warn(
                        n,
                        "collective-unit",
                        f"measure {n}: {name} is a collective, not one department",
                        item.line,
                    )
                self.result.assignments.append(
                    Assignment(name, measure_id, this_role, positions[this_role], inferred, written)
                )
        if inferred_any:
            rule = (
                "every unit leads"
                if self.single_list == ALL_LEAD
                else ("its first unit was taken as lead, the rest as support")
            )
            self.warn(
                n,
                "roles-inferred",
                f"measure {n} has one list ({lists[0][0]}) that does not say who leads; {rule}",
                item.line,
            )
        if positions[LEAD] == 0:
            self.warn(n, "no-lead", f"measure {n} has no lead unit", item.line)
        elif positions[SUPPORT] == 0 and not inferred_any:
            self.warn(
                n, "no-supports", f"measure {n} has a lead list and no supporting list", item.line
            )

    def split_names(self, number: int, line: int, text: str) -> list[str]:
        names = []
        items = SPLIT_RE.split(text.strip().rstrip("。.；;，, "))
        for raw in items:
            name = SPACE_RE.sub("", raw).strip("。.：:")
            if name.endswith("等") and len(name) > 3:
                name = name[:-1]
            if name:
                names.append(name)
            elif len(items) > 1:
                self.warn(
                    number,
                    "empty-item",
                    f"measure {number}: an empty item in a unit list was skipped",
                    line,
                )
        return names


def parse_text(
    text: str,
    plan_id: str,
    *,
    source: str = "",
    content_hash: str = "",
    title: str | None = None,
    aliases: Aliases | None = None,
    single_list: str = FIRST_LEADS,
    jurisdiction: str | None = None,
) -> ParsedPlan:
    """Parse the text of one plan into records; warnings describe anything odd.

    `jurisdiction` names the plan's place, overriding what its text says (loader.jurisdiction).
    """
    cleaned, notes = clean_text(text)
    title_lines, items = _split_items(cleaned)
    builder = _Builder(plan_id, aliases or default_aliases(), single_list)
    builder.warn_cleaned(notes)
    builder.build(items)
    result = builder.result
    if items and not result.themes and result.measures:
        result.warnings = [w for w in result.warnings if w.code != "no-theme"]
        builder.warn(None, "no-theme", "the plan has no chapter or section headings", 1)
    result.warnings.sort(key=lambda w: w.line)
    if not content_hash:
        content_hash = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    for measure in result.measures:
        result.commitments += commitments.extract(measure.id, plan_id, measure.text)
    result.departments = list(builder.departments.values())
    result.plan = Plan(
        plan_id,
        title or "".join(title_lines) or plan_id,
        source,
        content_hash,
        len(result.measures),
    )
    places.apply(result, cleaned, title_lines, jurisdiction)
    return result
