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
the level where most lists appear but the preamble's (`（一）指导思想。…` with no list, a
heading). Shallower items are headings (the shallowest become chapters,
the next sections); deeper ones are sub-points of their measure. Whatever looks odd becomes a
warning naming the measure and the line; nothing is dropped silently.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import repeat
from pathlib import Path

from . import citations, commitments, deadlines
from . import jurisdiction as places
from .aliases import Aliases, default_aliases
from .chars import LineCleaning, clean_text
from .departments import department_kind, elidable, region_prefix, with_prefix
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
from .tables import text_tables
from .titles import title_of
from .units import (
    LINE_LABEL_RE,
    PLAN_RULE_RE,
    Clause,
    is_list_text,
    looks_like_unit,
    one_list,
    plain_lists,
    plain_unit,
    read_list,
    shared_suffixes,
    split_names,
    unglue,
    unit_lists,
)
from .units import simplified as _simplified

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
    (3, re.compile(r"^(\d+)\s*[.．、。]\s*(.*)$")),
    (4, re.compile(rf"^{_OPEN}\s*(\d+)\s*{_CLOSE}\s*[、.．]?\s*(.*)$")),
)
ITEM_LEVELS = tuple(level for level, _ in ITEM_PATTERNS)
# The patterns tried most common first: each starts with its own kind of character (第, a
# numeral, a digit, a bracket before a numeral or before a digit), so at most one can match a
# line and the order cannot change what is read; numbered measures (level 3) are most lines.
_ITEMS_TRIED = (ITEM_PATTERNS[3], *ITEM_PATTERNS[:3], ITEM_PATTERNS[4])
# A heading naming the lead of the items below it: 县示范区管委会牵头工作（8项）.
HEADING_LEAD_RE = re.compile(
    r"^(.+?)(?:牵头|负责|主责)(?:的|负责的|推进的|落实的)?(?:重点|主要)?(?:工作|任务|事项)"
    r"(?:[（(][^）)]*[）)])?[。.]?$"
)
_HEADING_LEAD_WORD_RE = re.compile("牵头|负责|主责")
_PEOPLE_WORD_RE = re.compile("领导|责任人|領導|責任人")  # the people labels' words
_CHAPTER_LEVEL = 1  # 一、 (and 第一章): a heading of chapters, never a measure with sub-points


# What a plan's 总体要求 says before its tasks, as the first words of a numbered item
# (`（一）指导思想。以…为指导`, `（三）发展目标：到2025年…`).
_PREAMBLE_RE = re.compile(
    r"(?:指导思想|基本原则|工作原则|总体要求|总体目标|发展目标|工作目标|主要目标|目标任务"
    r"|适用范围|编制依据)(?:[。：:．.\s]|$)"
)


def _preamble(item: _Item) -> bool:
    """Whether an item without a list is a part of the plan's preamble, not a task: a heading."""
    return bool(_PREAMBLE_RE.match(item.parts[0][1].lstrip()))


def _heading_list(head: _Item) -> tuple[str, str] | None:
    """A chapter heading's own list (`一、强化科技创新（区科技局牵头）`) as (its text, the units
    it names), or None: another heading, or a list that is not of units only (a `1.` item's
    list is its own, over its sub-points)."""
    if head.level > _CHAPTER_LEVEL or len(head.lists) != 1 or head.lists[0] not in head.parts[0][1]:
        return None  # the list must be the heading line's own, not a paragraph's below it
    clauses = read_list(head.lists[0])[0]
    if not clauses or any(c.kind != "units" for c in clauses):
        return None
    return head.lists[0], "、".join(c.text for c in clauses)


_DEEPER = {level: tuple(k for k in ITEM_LEVELS if k > level) for level in ITEM_LEVELS}
ATTACHMENT_RE = re.compile(r"^附\s*件\s*\d*\s*[:：]?$")
# A list of attachments: `附件：1.…任务清单`, then `2.…` `3.…` on lines of their own.
ATTACHMENT_LIST_RE = re.compile(r"^(附\s*件\s*[:：]\s*)?(\d+)\s*[.．、]")
ATTACHMENTS = -1  # key of the attachment list's last number among the levels' last numbers

SPACE_RE = re.compile(r"\s+")
LEAD_MARK_RE = re.compile(rf"{_OPEN}\s*牵头\s*{_CLOSE}$")
_PEOPLE_SPLIT_RE = re.compile(r"[、，,；;]+")
# A two-character name padded to a three-character one (`陆 明`); a table cell holding two
# such names runs them together with no separator (`陆 明俞 悦`): each padded name is a person.
_PADDED_NAME_RE = re.compile(r"[\u4e00-\u9fff][ \u3000][\u4e00-\u9fff]")
_PADDED_NAMES_RE = re.compile(rf"(?:{_PADDED_NAME_RE.pattern}){{2,}}")


def people_names(texts: list[str]) -> list[str]:
    """The people a measure's people lists name, in order, each once."""
    names: list[str] = []
    for text in texts:
        for name in (n.strip() for n in _PEOPLE_SPLIT_RE.split(text)):
            names += _PADDED_NAME_RE.findall(name) if _PADDED_NAMES_RE.fullmatch(name) else [name]
    return list(dict.fromkeys(n for n in names if n))


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
    year: int | None = None,
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
        year=year,
    )
    if not parsed.measures:
        raise InputError(
            f"{path}: no numbered measures found; expected lines such as "
            "`1. …（牵头单位：…。责任单位：…）` under headings `一、` and `（一）`."
        )
    return parsed


@dataclass(slots=True)  # one per numbered line: slots make it quicker to build
class _Item:
    """A numbered line, with the lines that continue it."""

    level: int
    number: int
    line: int
    parts: list[tuple[int, str]]  # (line number, text): the item's own line, then continuations
    unit_lines: list[str] = field(default_factory=list)
    lists: list[str] = field(default_factory=list)  # text of each responsibility list
    body: str = ""

    @property
    def units(self) -> bool:
        return bool(self.lists)

    def split_units(self, rule_lists: bool = False) -> None:
        """Cut the responsibility lists off the item's text, if it has any."""
        parts = self.parts
        text = (parts[0][1] if len(parts) == 1 else "".join([p for _, p in parts])).strip()
        if not self.unit_lines and (common := one_list(text)):  # nearly always
            self.body, inner = common
            self.lists = [inner]
            return
        self.body, found = unit_lists(text, rule_lists)
        self.lists = [inner for _, _, inner in found]
        for line in self.unit_lines:
            self.lists += [inner for _, _, inner in unit_lists(line)[1]]


def _split_items(text: str) -> tuple[list[str], list[_Item]]:
    """Pass one: the title's lines and the numbered items (the preamble is passed over)."""
    title: list[str] = []
    items: list[_Item] = []
    last: dict[int, int] = {}  # level -> last number read at that level
    restart: set[int] = set()  # levels that may number from 1 again (a heading came since)
    measure_line = ITEM_PATTERNS[3][1].match
    for lineno, raw in enumerate(text.replace("\u3000", " ").splitlines(), start=1):
        line = raw.strip()
        if len(line) >= RUN_ON and _RUN_ON_HINT_RE.search(line):
            for piece in _run_on_pieces(line, last, restart):
                _read_line(piece, lineno, items, title, last, restart)
        elif (
            (m := measure_line(line))
            and ATTACHMENTS not in last
            and not m.group(2)[:1].isdigit()  # else _starts_item decides
        ):  # nearly every line: a measure, `12. …`, read as _read_line reads it
            number = int(m.group(1))
            items.append(_Item(3, number, lineno, [(lineno, m.group(2))]))
            last[3] = number
            restart.discard(3)
            restart.add(4)  # _DEEPER[3]
        else:
            _read_line(line, lineno, items, title, last, restart)
    return [t for t in title if "。" not in t], items


def _read_line(
    line: str,
    lineno: int,
    items: list[_Item],
    title: list[str],
    last: dict[int, int],
    restart: set[int],
) -> None:
    """One line of the plan: a new item, a list below an item, or the text that continues it."""
    if not line:
        return
    if line[0] == "附" or ATTACHMENTS in last:  # 附件：1.… then 2.… 3.…: attachments' titles
        m = ATTACHMENT_LIST_RE.match(line)
        if m and (m.group(1) or int(m.group(2)) == last.get(ATTACHMENTS, -9) + 1):
            last[ATTACHMENTS] = int(m.group(2))
            _read_text(line, lineno, items, title)
            return
        last.pop(ATTACHMENTS, None)
    for level, pattern in _ITEMS_TRIED:
        if (m := pattern.match(line)) and _starts_item(m, level, last, restart):
            # \d+ (level 3) is read as chinese_number reads digits, without its two calls
            number = int(m.group(1)) if level == 3 else chinese_number(m.group(1))
            items.append(_Item(level, number, lineno, [(lineno, m.group(2))]))
            last[level] = number
            restart.discard(level)
            restart.update(_DEEPER[level])
            return
    _read_text(line, lineno, items, title)


def _read_text(line: str, lineno: int, items: list[_Item], title: list[str]) -> None:
    """A line that starts no item: a list below the item before, or its text."""
    if items and LINE_LABEL_RE.match(_simplified(line)):
        items[-1].unit_lines.append(line)
    elif items:
        items[-1].parts.append((lineno, line))
    elif not ATTACHMENT_RE.match(line) and not any("。" in t for t in title[-1:]):
        title.append(line)  # the title is the lines before the first sentence (。)


# Item numbers inside a line: a text copied from a web page may hold a whole plan in one line.
_CN_DIGITS = "一二三四五六七八九十百零〇"
_MARKER_RE = re.compile(  # possessive and never mid-number: linear on a line of digits
    rf"第\s*+[{_CN_DIGITS}]++\s*+(?:部分|章|篇)|(?<![{_CN_DIGITS}])[{_CN_DIGITS}]++\s*+[、.．]"
    rf"|{_OPEN}\s*+(?:[{_CN_DIGITS}]++|\d++)\s*+{_CLOSE}|(?<!\d)\d++\s*+[.．、]"
)
# An item number right after a sentence or a bracket: a line without one is never split.
_RUN_ON_HINT_RE = re.compile(
    rf"[。；;！？）)\s](?<!\s\s)\s*+(?:\d+\s*[.．、]|{_OPEN}\s*[{_CN_DIGITS}\d]+\s*{_CLOSE}|[{_CN_DIGITS}]+\s*[、.．])"
)
RUN_ON = 100  # a line this long with several item numbers in sequence is split at them
_SENTENCE_END = "。；;！!？?：:）)】」”\"' \t"


def _run_on_pieces(line: str, last: dict[int, int], restart: set[int]) -> list[str]:
    """A run-on line split before each item number that continues the plan's sequence (a
    heading, a chapter or a measure; never a sub-point, never inside a name or a figure)."""
    if len(line) < RUN_ON or not _RUN_ON_HINT_RE.search(line):
        return [line]
    last, restart = dict(last), set(restart)
    cuts = []
    subcuts: list[tuple[int, bool]] = []  # (1) (2) …: (where, after a list)
    for m in _MARKER_RE.finditer(line):
        start = m.start()
        before = line[start - 1] if start else ""
        if before and (before.isdigit() or before in "第、.．" or chinese_value(before)):
            continue
        for level, pattern in ITEM_PATTERNS:
            if not (found := pattern.match(line[start : start + 40])):  # a window: linear
                continue
            number = chinese_number(found.group(1))
            if level == 4:  # a sub-point: cut only where the sub-points carry lists
                if number == len(subcuts) + 1:
                    subcuts.append((start, _after_list(line, start)))
                break
            if found.group(2)[:1].isdigit() and before and before not in _SENTENCE_END:
                break
            fits = number == last.get(level, 0) + 1 or (number == 1 and level in restart)
            if start and fits:
                cuts.append(start)
            if fits or not start:
                last[level] = number
                restart.discard(level)
                restart.update(k for k in ITEM_LEVELS if k > level)
            break
    if any(listed for _, listed in subcuts[1:]):
        cuts = sorted({*cuts, *(at for at, _ in subcuts if at)})
    if len(cuts) < 2:
        return [line]
    bounds = [0, *cuts, len(line)]
    pieces = (line[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False))
    return [piece for piece in pieces if piece]


def _after_list(line: str, at: int) -> bool:
    """Whether the text before `at` ends with a responsibility list in brackets."""
    if at == 0 or line[at - 1] not in "）)":
        return False
    opener = max(line.rfind("（", 0, at - 1), line.rfind("(", 0, at - 1))
    return opener >= 0 and is_list_text(line[opener + 1 : at - 1])


def _starts_item(m: re.Match[str], level: int, last: dict[int, int], restart: set[int]) -> bool:
    """Whether `7.100个…` starts item 7 or continues the line before (`1.5万元…`): a number
    followed by a digit starts an item only where the neighbours' sequence expects it."""
    if level != 3 or not m.group(2)[:1].isdigit():
        return True
    number = int(m.group(1))
    if level not in last:  # the first of its level: only 1 (附件：1.2025年… / 2.2025年… is no list)
        return number == 1
    return number == last[level] + 1 or (number == 1 and level in restart)


def lift_closing_lists(items: list[_Item], rule_lists: bool) -> None:
    """A list on its own line after the last of several sub-items (`1. …` `（1）…` `（2）…`
    `责任单位：…`), none of which has a list, is the list of their parent item."""
    for i, item in enumerate(items):
        if not item.unit_lines or (i + 1 < len(items) and items[i + 1].level >= item.level):
            continue
        j = i - 1
        while j >= 0 and items[j].level >= item.level:
            j -= 1
        if j < 0 or items[j].level < 3 or items[j].units:
            continue
        siblings = items[j + 1 : i]
        if not siblings or any(s.units for s in siblings):
            continue
        parent = items[j]
        parent.unit_lines, item.unit_lines = item.unit_lines, []
        parent.split_units(rule_lists)
        item.split_units(rule_lists)


class _Builder:
    """Pass two: items -> themes, measures, departments and assignments."""

    def __init__(
        self, plan_id: str, aliases: Aliases, single_list: str, rule_lists: bool = False
    ) -> None:
        if single_list not in SINGLE_LIST_RULES:
            raise ValueError(f"single_list must be one of {SINGLE_LIST_RULES}")
        self.plan_id = plan_id
        self.rule_lists = rule_lists  # the plan states who leads a bare list
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
        self.written: list[str] = []  # names as written, each time kept: the dominant prefix
        # Each name as written -> (canonical name, whether a collective): names repeat heavily,
        # so each is resolved and its department made once per plan.
        self.resolved: dict[str, tuple[str, bool]] = {}
        self.canonical: dict[str, str] = {}  # the same, of the names that are no collective
        self.chapters = 0
        self.sections: Counter[str] = Counter()  # chapter id -> sections so far

    def warn(self, measure: int | None, code: str, message: str, line: int) -> None:
        self.result.warnings.append(ParseWarning(measure, code, message, line))

    def build(self, items: list[_Item]) -> None:
        for item in items:
            item.split_units(self.rule_lists)
        lift_closing_lists(items, self.rule_lists)
        self.heading_leads(items)
        self.heading_leaders(items)
        with_units = Counter(i.level for i in items if i.lists)  # .lists: no property call
        measure_level = (
            with_units.most_common(1)[0][0]
            if with_units
            else max((i.level for i in items), default=3)
        )
        heading_levels = sorted({i.level for i in items if i.level < measure_level and not i.lists})
        chapter_level = heading_levels[0] if heading_levels else None
        current: int | None = None  # index of the measure that sub-points extend
        previous_number = 0
        for item in items:
            if not item.lists and item.level == measure_level and _preamble(item):
                self.add_heading(item, is_chapter=False)  # （一）指导思想。…: no task
                current = None
                continue
            if item.lists or item.level == measure_level:
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
        self.fill_elided_prefixes()
        for index, pieces in self.subpoints.items():
            measure = self.result.measures[index]
            self.result.measures[index] = replace(measure, text=measure.text + "".join(pieces))

    def heading_leads(self, items: list[_Item]) -> None:
        """A heading that names the lead of its items (`一、县示范区管委会牵头工作（8项）`), or a
        chapter heading with a list of its own (`一、强化科技创新（区科技局牵头）`), gives that
        lead or list to each item below it that has no list of its own, at the level most of
        them are written at; a heading naming an official (王丹县长牵头) names no unit."""
        for i, head in enumerate(items):
            if head.lists:
                if head.level > _CHAPTER_LEVEL:
                    continue  # cheap: nearly every item with a list is a measure's
                own = _heading_list(head)
                if own is None:
                    continue
                given, lead = own
            else:
                heading = head.parts[0][1].strip()
                if (
                    len(heading) > 60
                    or not _HEADING_LEAD_WORD_RE.search(heading)  # cheap: most items have none
                    or not (m := HEADING_LEAD_RE.match(heading))
                ):
                    continue  # a heading is short: a long line is no heading of this kind
                lead = m.group(1)
                given = f"牵头单位：{lead}"
            names, _ = split_names(lead)
            if not names or not all(looks_like_unit(n, strict=True) for n in names):
                continue
            scope = []
            for item in items[i + 1 :]:
                if item.level <= head.level:
                    break
                scope.append(item)
            levels = Counter(item.level for item in scope)
            if not levels or any(item.units for item in scope):
                continue
            if head.lists:  # the heading is a heading, its list its items'
                head.lists = []
                first_line, first = head.parts[0]
                head.parts[0] = (first_line, unit_lists(first)[0])
            level = levels.most_common(1)[0][0]
            for item in scope:
                if item.level == level:
                    item.lists = [given]
                    self.warn(
                        item.number,
                        "heading-lead",
                        f"measure {item.number}: its units ({lead}) are named by the heading "
                        f"at line {head.line}",
                        item.line,
                    )

    def heading_leaders(self, items: list[_Item]) -> None:
        """A heading whose only list names people (a table's section row
        `一、…工作目标（牵头领导：成坤、柯相国）`) stays a heading, never a measure of its own: its
        people are the leaders of the items below it that have lists and name no people."""
        last = len(items) - 1
        for i, head in enumerate(items):
            if not head.lists or i == last or items[i + 1].level <= head.level:
                continue  # cheap: nearly every item with a list is followed by its like
            if not _PEOPLE_WORD_RE.search("".join(head.lists)):
                continue  # most lists name no people at all
            scope = []
            for item in items[i + 1 :]:
                if item.level <= head.level:
                    break
                scope.append(item)
            below = [item for item in scope if item.lists]
            if not below:
                continue  # nothing below it with a list: the item is a measure as it stands
            clauses = [c for block in head.lists for c in read_list(block)[0]]
            if not clauses or any(c.kind != "people" for c in clauses):
                continue
            head.lists = []
            first_line, first = head.parts[0]
            head.parts[0] = (first_line, unit_lists(first)[0])  # its name without the list
            for item in below:
                if _PEOPLE_WORD_RE.search("".join(item.lists)):
                    continue  # its own leaders
                item.lists += [f"{c.label}：{c.text}" for c in clauses]
                self.warn(
                    item.number,
                    "heading-leaders",
                    f"measure {item.number}: its leaders ({'、'.join(c.text for c in clauses)}) "
                    f"are named by the heading at line {head.line}",
                    item.line,
                )

    def fill_elided_prefixes(self) -> None:
        """Names the plan wrote without its region prefix (省发展改革委、商务厅) get the plan's
        dominant prefix: the department is named in full, the edge keeps `as_written`, is
        marked inferred, and a warning says so."""
        assignments = self.result.assignments
        prefixes: Counter[str] = Counter()
        written = Counter(self.written)
        for written_as, times in written.items():  # distinct names: a few hundred at most
            if p := region_prefix(written_as):
                prefixes[p] += times
        if not prefixes or not any(elidable(w) for w in written):
            return
        prefix, count = prefixes.most_common(1)[0]
        if count < 2 or count * 2 < sum(prefixes.values()):
            return
        measures = {m.id: m for m in self.result.measures}
        on: set[tuple[str, str]] | None = None  # (measure, department) pairs, when needed
        changed = False
        for i, a in enumerate(assignments):
            if not elidable(a.as_written) or a.department != self.aliases.resolve(a.as_written):
                continue
            full = self.aliases.resolve(with_prefix(prefix, a.as_written))
            if on is None:
                on = {(b.measure, b.department) for b in assignments}
            if (a.measure, full) in on:
                continue  # already on the measure: keep the name as written, never twice
            on.add((a.measure, full))
            measure = measures[a.measure]
            self.warn(
                measure.number,
                "elided-prefix",
                f"measure {measure.number}: {a.as_written} read as {full} (the plan's names "
                f"start with {prefix})",
                measure.line,
            )
            assignments[i] = replace(a, department=full, inferred=True)
            changed = True
        if changed:  # departments in the order the plan first names them
            kinds = self.departments
            self.departments = {}
            for a in assignments:
                if a.department not in self.departments:
                    known = kinds.get(a.department)
                    self.departments[a.department] = known or Department(
                        a.department, department_kind(a.department)
                    )

    def warn_shapes(
        self, text: str, rule: re.Match[str] | None, table_rows: list[tuple[int, str]]
    ) -> None:
        """Say which table rows were guessed, and which rule of its own the plan states."""
        for line, message in table_rows:
            self.warn(None, "table-cells-guessed", message, line)
        if rule:
            line = text.count("\n", 0, rule.start()) + 1
            self.warn(
                None,
                "plan-rule",
                f"line {line}: the plan states its own rule ({rule.group(0)}); lists that do not "
                "say who leads were read by it: the first unit leads",
                line,
            )

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
        # `（一）产业提升人才行动计划。围绕…，实施如下重点项目：`: the heading is its first
        # sentence, the paragraph after it is no part of the theme's name.
        title = item.parts[0][1].strip()
        stop = title.find("。")
        title = title[:stop] if stop > 0 else title
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
        units: list[tuple[str, str | None, str]] = []  # (label, role, text) of unit clauses
        people: list[str] = []
        deadlines: list[str] = []
        # Nearly always one list of a common shape, read in one step (units.plain_lists): no
        # people, no deadline.
        plain = plain_lists(item.lists[0]) if len(item.lists) == 1 else None
        for c in self.read_lists(item) if plain is None else ():
            if c.kind == "units":
                units.append((c.label, c.role, c.text))
            elif c.kind == "people" and c.text:
                people.append(c.text)
            elif c.kind == "deadline" and c.text:
                deadlines.append(c.text)
        leaders: list[str] = []
        if people:  # few measures name people
            leaders = people_names(people)
        measure = Measure(
            measure_id,
            self.plan_id,
            item.number,
            seq,
            item.body,
            item.line,
            theme.id if theme else None,
            "、".join(leaders),
            "；".join(deadlines),
        )
        self.result.measures.append(measure)
        self.numbers.add((item.number, measure.theme))
        if plain is not None:
            self.assign_plain(item, measure_id, plain)
        elif not item.lists:
            self.warn(
                item.number,
                "no-units",
                f"measure {item.number} names no responsible units (no （牵头单位：…） list)",
                item.line,
            )
        elif units:
            self.assign(item, measure_id, units)
        elif not people:
            self.warn(item.number, "no-units", f"measure {item.number} names no units", item.line)
        return measure

    def read_deadlines(self, year: int | None) -> None:
        """Each measure's deadline (or else the first time words of its text) as data; a
        relative deadline without a plan year is warned about, once per measure."""
        measures = self.result.measures
        warned = False
        for m in measures:
            timing = m.deadline or deadlines.find(m.text)
            if not timing:
                continue
            d = deadlines.normalise(timing, year)
            # The parser's own record, not yet handed out: set in place (a copy per measure
            # by dataclasses.replace cost more than reading the deadline).
            m.timing, m.due, m.recurrence, m.ongoing = timing, d.due_text, d.recurrence, d.ongoing
            if d.needs_year:
                self.warn(
                    m.number,
                    "deadline-year",
                    f"measure {m.number}'s deadline `{timing}` leaves out the year and the "
                    "plan's title and 文号 do not give one; pass --year YEAR",
                    m.line,
                )
                warned = True
        if warned:
            self.result.warnings.sort(key=lambda w: w.line)

    # -- responsibility lists ----------------------------------------------------------------
    def read_lists(self, item: _Item) -> list[Clause]:
        """The clauses of all the item's lists, in written order; unknown labels warned."""
        clauses: list[Clause] = []
        for block in item.lists:
            found, unknown = read_list(block)
            clauses += found
            for text in unknown:
                self.warn(
                    item.number,
                    "unknown-label",
                    f"measure {item.number}: a label that is not known was not read as units: "
                    f"{text[:40]}",
                    item.line,
                )
        return clauses

    def assign(
        self, item: _Item, measure_id: str, lists: list[tuple[str, str | None, str]]
    ) -> None:
        n = item.number
        # Names first: a clause that names no unit (a note, a sentence) is warned and no list.
        named = [
            (label, role, self.names_with_guesses(n, item.line, self.split_names(n, item.line, t)))
            for label, role, t in lists
        ]
        if all(names for _, _, names in named):  # nearly always: every clause names units
            lists_text = [t for _, _, t in lists]
        else:
            kept_named = [i for i, entry in enumerate(named) if entry[2]] or [0]
            named = [named[i] for i in kept_named]
            lists_text = [lists[i][2] for i in kept_named]
        first_label = named[0][0]
        roles: list[str | None] = [role for _, role, _ in named]
        if roles == [SUPPORT] and first_label not in ("配合单位", "配合部门"):
            roles = [None]  # `A、B配合` alone: one list that does not say who leads
        if len(roles) > 1:  # 负责 or 责任单位 beside another list: support ...
            keep = self.rule_lists and roles[0] is None  # ... unless the plan's rule says
            roles = [
                r if r is not None or (keep and i == 0) else SUPPORT for i, r in enumerate(roles)
            ]
        relabelled = False
        if len(roles) > 1 and roles[0] == SUPPORT and LEAD not in roles:
            roles[0] = LEAD
            relabelled = True
            self.warn(
                n,
                "mislabelled-lead",
                f"measure {n}: its first list is labelled {first_label}; read as the lead "
                "list (牵头单位)",
                item.line,
            )
        seen: dict[str, str] = {}
        positions = {LEAD: 0, SUPPORT: 0}
        inferred_any = False
        add = self.result.assignments.append
        for index, ((label, _, kept), role) in enumerate(zip(named, roles, strict=True)):
            marked: list[bool] = []
            if "牵头" in lists_text[index] and any("牵头" in w for w, _, _ in kept):
                # `A（牵头）、B`: marks inside one list
                marked = [LEAD_MARK_RE.search(w) is not None for w, _, _ in kept]
                kept = [(LEAD_MARK_RE.sub("", w), full, guessed) for w, full, guessed in kept]
            any_marked = any(marked)
            as_lead = relabelled and index == 0  # a list relabelled as the lead: inferred
            for k, (written, full, guessed) in enumerate(kept):
                if role is not None:
                    this_role, inferred = role, as_lead
                elif any_marked:
                    this_role, inferred = (LEAD if marked[k] else SUPPORT), False
                else:
                    first = self.single_list == ALL_LEAD or (k == 0 and positions[LEAD] == 0)
                    this_role, inferred = (LEAD if first else SUPPORT), True
                    inferred_any = True
                name = self.admit(item, written, full or written, label, seen)
                if name is None:
                    continue
                positions[this_role] += 1
                add(
                    Assignment(
                        name,
                        measure_id,
                        this_role,
                        positions[this_role],
                        inferred or guessed,
                        written,
                    )
                )
        if inferred_any:
            self.warn_inferred(item, first_label)
        if positions[LEAD] == 0:
            self.warn(n, "no-lead", f"measure {n} has no lead unit", item.line)
        elif positions[SUPPORT] == 0 and not inferred_any:
            self.warn(
                n, "no-supports", f"measure {n} has a lead list and no supporting list", item.line
            )

    def assign_plain(
        self, item: _Item, measure_id: str, lists: list[tuple[str, str | None, list[str]]]
    ) -> None:
        """`assign` for lists of the common shapes: names plain, roles stated or one list that
        does not say who leads (as assign reads them, without its steps such lists never
        reach)."""
        label, role, names = lists[0]
        inferred = role is None
        segments: list[tuple[str, str, list[str]]]
        if role is None:  # one list: by the rule assign applies to it
            if self.single_list == ALL_LEAD:
                segments = [(label, LEAD, names)]
            else:
                segments = [(label, LEAD, names[:1]), (label, SUPPORT, names[1:])]
        else:
            segments = [(label, role, names)]
            segments += [(more, SUPPORT if r is None else r, n) for more, r, n in lists[1:]]
        canonical = self.canonical
        found = [list(map(canonical.get, names)) for _, _, names in segments]
        every = [name for names in found for name in names]
        supports = len(segments) - 1  # the first list leads: there is always a lead
        if None in every or len(set(every)) < len(every):
            supports = self.assign_each(item, measure_id, segments, inferred)
        else:  # nearly always: every name seen before in the plan, none a collective or twice
            add_all = self.result.assignments.extend
            for (_, role, names), names_found in zip(segments, found, strict=True):
                self.written += names
                add_all(
                    map(
                        Assignment,
                        names_found,
                        repeat(measure_id),
                        repeat(role),
                        range(1, len(names) + 1),
                        repeat(inferred),
                        names,
                    )
                )
        n = item.number
        if inferred:
            self.warn_inferred(item, label)
        elif not supports:
            self.warn(
                n, "no-supports", f"measure {n} has a lead list and no supporting list", item.line
            )

    def assign_each(
        self,
        item: _Item,
        measure_id: str,
        lists: list[tuple[str, str, list[str]]],
        inferred: bool,
    ) -> int:
        """assign_plain's names one by one: new to the plan, a collective, or twice. Gives
        how many support."""
        seen: dict[str, str] = {}
        positions = {LEAD: 0, SUPPORT: 0}
        add = self.result.assignments.append
        for label, role, names in lists:
            for written in names:
                name = self.admit(item, written, written, label, seen)
                if name is not None:
                    position = positions[role] = positions[role] + 1
                    add(Assignment(name, measure_id, role, position, inferred, written))
        return positions[SUPPORT]

    def admit(
        self, item: _Item, written: str, key: str, label: str, seen: dict[str, str]
    ) -> str | None:
        """The canonical name of a unit a measure names (`key`: its full name when the list
        shares a suffix, else as written), or None when the measure names it already (warned);
        a collective is warned about."""
        n = item.number
        name, collective = self.resolved.get(key) or self.resolve(key)
        if name in seen:
            self.warn(
                n,
                "duplicate-unit",
                f"measure {n}: {written} is listed twice (as {seen[name]} and in {label}); kept "
                "once",
                item.line,
            )
            return None
        seen[name] = label
        if collective:
            self.warn(
                n,
                "collective-unit",
                f"measure {n}: {name} is a collective, not one department",
                item.line,
            )
        self.written.append(written)
        return name

    def warn_inferred(self, item: _Item, label: str) -> None:
        """A list that does not say who leads, read by the rule the parse was given."""
        rule = (
            "every unit leads"
            if self.single_list == ALL_LEAD
            else "its first unit was taken as lead, the rest as support"
        )
        n = item.number
        self.warn(
            n,
            "roles-inferred",
            f"measure {n} has one list ({label}) that does not say who leads; {rule}",
            item.line,
        )

    def resolve(self, written: str) -> tuple[str, bool]:
        """A name's canonical name and whether it is a collective, its department made: once
        per distinct name of the plan."""
        name = self.aliases.resolve(written)
        dept = self.departments.get(name)
        if dept is None:
            dept = self.departments[name] = Department(name, department_kind(name))
        known = self.resolved[written] = (name, dept.kind == COLLECTIVE)
        if not known[1]:
            self.canonical[written] = name
        return known

    def names_with_guesses(
        self, n: int, line: int, names: list[str]
    ) -> list[tuple[str, str | None, bool]]:
        """Each name that looks like a unit, with whether it came from a guessed split: glued
        cells (县交通局县农业农村局) are split with a warning; fragments that are not units are
        warned, never kept."""
        if all(map(plain_unit, names)):  # nearly always: nothing to warn
            return [(name, None, False) for name in names]
        out: list[tuple[str, str | None, bool]] = []
        fulls = shared_suffixes(names)
        for name, full in zip(names, fulls, strict=True):
            if full:
                self.warn(
                    n,
                    "shared-suffix",
                    f"measure {n}: {name} read as {full} (the list shares one suffix)",
                    line,
                )
                out.append((name, full, True))
                continue
            parts = unglue(name)
            if len(parts) > 1:
                self.warn(
                    n,
                    "glued-units-split",
                    f"measure {n}: {name} was read as {len(parts)} units: {'、'.join(parts)}",
                    line,
                )
            for part in parts:
                if looks_like_unit(part):
                    out.append((part, None, len(parts) > 1))
                else:
                    self.warn(
                        n,
                        "not-a-unit",
                        f"measure {n}: {part[:40]} does not look like a unit's name; not loaded",
                        line,
                    )
        return out

    def split_names(self, number: int, line: int, text: str) -> list[str]:
        names, empty = split_names(text)
        if empty:
            items = "an empty item" if empty == 1 else f"{empty} empty items"
            self.warn(
                number,
                "empty-item",
                f"measure {number}: {items} in a unit list {'was' if empty == 1 else 'were'} "
                "skipped",
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
    year: int | None = None,
) -> ParsedPlan:
    """Parse the text of one plan into records; warnings describe anything odd.

    `jurisdiction` names the plan's place, overriding what its text says (loader.jurisdiction).
    `year` is the year relative deadlines (年内, 12月底前) are read by, overriding the title's
    and the 文号's (loader.deadlines).
    """
    cleaned, notes = clean_text(text)
    cleaned, table_warnings = text_tables(cleaned)  # web tables pasted one cell a line
    simple = _simplified(cleaned)
    # The rule always ends in 为牵头 or 是牵头: a plan without either is not scanned for it.
    rule = PLAN_RULE_RE.search(simple) if "为牵头" in simple or "是牵头" in simple else None
    title_lines, items = _split_items(cleaned)
    builder = _Builder(plan_id, aliases or default_aliases(), single_list, rule is not None)
    builder.warn_cleaned(notes)
    builder.warn_shapes(cleaned, rule, table_warnings)
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
    # the year from every line above the first sentence: a 文号 in a page's banner gives it too
    year = year or deadlines.plan_year(title or "".join(title_lines), cleaned)
    title = title or title_of(title_lines, cleaned) or plan_id
    number = citations.own_number(cleaned)
    result.plan = Plan(
        plan_id, title, source, content_hash, len(result.measures), year=year, number=number
    )
    builder.read_deadlines(year)
    places.apply(result, cleaned, title_lines, jurisdiction)
    citations.attach(result, cleaned)
    return result
