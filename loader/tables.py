"""Task tables as plan lines: Word and Markdown tables, and web tables pasted as text.

A task table (序号 | 主要工作举措 | 牵头单位 | 配合单位 | 责任领导 | 完成时限 …) becomes one
plan line per row, `N. 任务（牵头单位：…。配合单位：…。责任领导：…。完成时限：…）`, which the
parser reads like any other measure. The header decides what each column is; 序号 gives the
number; a cell holding several units on separate lines becomes one list; a merged full-width row
is a heading.

A web table pasted as text has one cell per line (or ` | ` between cells), and its empty cells
vanish: rows are found by the 序号 sequence and cells are given to columns by their content
(units, people, dates, text), with a warning whenever a row had cells missing.
"""

from __future__ import annotations

import re

from .departments import region_prefix
from .units import DATE_RE, looks_like_unit, split_names
from .vocabulary import (
    DEADLINE_LABELS,
    LEAD_LABELS,
    LEAD_WORDS,
    OPEN_LABELS,
    PEOPLE_LABELS,
    SUPPORT_LABELS,
    SUPPORT_WORDS,
)

NUMBER, TASK, LEAD_COL, SUPPORT_COL, OPEN_COL, PEOPLE_COL, DEADLINE_COL, OTHER = (
    "number",
    "task",
    "lead",
    "support",
    "open",
    "people",
    "deadline",
    "other",
)
_TASK_WORDS = re.compile(r"任务|措施|举措|内容|项目|事项|工作|目标|指标|实事|名称")
_PEOPLE_WORDS = re.compile(r"领导|责任人")
_DEADLINE_WORDS = re.compile(r"时限|时间|节点|期限")
_LEAD_WORDS = re.compile("|".join(LEAD_WORDS))
_SUPPORT_WORDS = re.compile("|".join(SUPPORT_WORDS))
_OPEN_WORDS = re.compile(r"责任|主体|实施单位|落实单位|承办单位|^单位$|^部门$")
_UNIT_NOUN_RE = re.compile(r"单位|部门|科室|股室|处室")  # a column of units: 牵头科室
_OTHER_WORDS = re.compile(r"情况|备注|说明|是否|类别|进展|打算|问题|成效|序号|级别|领域")
# The label a column's cells are written under in a row's plan line: one the list reader knows.
LABELS = {
    LEAD_COL: LEAD_LABELS[0],  # 牵头单位
    SUPPORT_COL: SUPPORT_LABELS[0],  # 配合单位
    OPEN_COL: OPEN_LABELS[0],  # 责任单位
    PEOPLE_COL: PEOPLE_LABELS[0],  # 责任领导
    DEADLINE_COL: DEADLINE_LABELS[0],  # 完成时限
}
_HEADING_RE = re.compile(
    r"^(?:第[一二三四五六七八九十百]+(?:部分|章)|[一二三四五六七八九十百]+[、.．]"
    r"|[（(][一二三四五六七八九十百]+[）)])"
)
_HEADER_WORD_RE = re.compile(
    r"序号|任务|措施|举措|内容|项目|事项|工作|目标|指标|实事|名称|单位|部门|科室|股室|处室|领导"
    r"|责任|时限|时间|完成"
    r"|节点|期限|情况|备注|说明|是否|类别|进展|打算|问题|成效|级别|领域|分管|政府"
)
_ROW_RE = re.compile(r"^(\d+)\s*[*＊※]?\s*(?:[、.．]\s*(.*))?$")
MAX_HEADER = 14  # characters of a header cell


def column_kinds(header: list[str]) -> list[str]:
    """What each column of a task table holds, from its header; [] if it is not a task table."""
    names = [re.sub(r"\s+", "", h) for h in header]
    kinds = []
    for h in names:
        if h in ("序号", "编号", "序"):
            kinds.append(NUMBER)
        elif _PEOPLE_WORDS.search(h):
            kinds.append(PEOPLE_COL)
        elif _LEAD_WORDS.search(h) and (_UNIT_NOUN_RE.search(h) or h in ("牵头", "主责")):
            kinds.append(LEAD_COL)
        elif _SUPPORT_WORDS.search(h) and not _OTHER_WORDS.search(h):
            kinds.append(SUPPORT_COL)
        elif _OPEN_WORDS.search(h) and not _OTHER_WORDS.search(h):
            kinds.append(OPEN_COL)
        elif _DEADLINE_WORDS.search(h) and not _OTHER_WORDS.search(h):
            kinds.append(DEADLINE_COL)
        elif _TASK_WORDS.search(h) and TASK not in kinds and not _OTHER_WORDS.search(h):
            kinds.append(TASK)
        else:
            kinds.append(OTHER)
    if LEAD_COL in kinds:  # 责任单位 beside a lead column supports
        kinds = [SUPPORT_COL if k == OPEN_COL else k for k in kinds]
    if TASK not in kinds or not any(k in (LEAD_COL, SUPPORT_COL, OPEN_COL) for k in kinds):
        return []
    return kinds


def row_line(number: str, kinds: list[str], cells: list[list[str]]) -> str:
    """One row as a plan line; each cell is its lines (units on separate lines stay apart)."""
    task = "".join(p for k, c in zip(kinds, cells, strict=True) if k == TASK for p in c)
    lists = []
    for kind in (LEAD_COL, OPEN_COL, SUPPORT_COL, PEOPLE_COL, DEADLINE_COL):
        values = [p for k, c in zip(kinds, cells, strict=True) if k == kind for p in c if p]
        if values:
            joint = "；" if kind == DEADLINE_COL else "、"
            lists.append(f"{LABELS[kind]}：{joint.join(values)}")
    units = f"（{'。'.join(lists)}）" if lists else ""
    return f"{number}. {task.strip()}{units}"


def table_lines(rows: list[list[str]]) -> list[str]:
    """A Word or Markdown table as plan lines, when its header names a task column and a unit
    column; otherwise its text, one row a line."""
    if not rows:
        return []
    start = next((i for i, r in enumerate(rows[:3]) if column_kinds(r)), None)
    if start is None:
        return [" ".join(c for c in dict.fromkeys(r) if c) for r in rows]
    kinds = column_kinds(rows[start])
    out = [" ".join(dict.fromkeys(c for c in r if c)) for r in rows[:start]]
    n = 0
    for row in rows[start + 1 :]:
        cells = (row + [""] * len(kinds))[: len(kinds)]
        distinct = {c.strip() for c in cells if c.strip()}
        if len(distinct) == 1 and len(row) > 1 and len([c for c in cells if c.strip()]) > 1:
            out.append(distinct.pop().replace("\n", ""))  # a merged full-width row: a heading
            continue
        if len(distinct) == 1 and len(row) == 1:
            out.append(distinct.pop().replace("\n", ""))
            continue
        if not distinct:
            continue
        n += 1
        number = str(n)
        if NUMBER in kinds and (m := re.match(r"\s*(\d+)", cells[kinds.index(NUMBER)])):
            number = m.group(1)
        lines = [[p.strip() for p in c.splitlines() if p.strip()] for c in cells]
        out.append(row_line(number, kinds, lines))
    return out


# -- web tables pasted as text ----------------------------------------------------------------
_ROLE_TAIL_RE = re.compile(r"(?:牵头|配合|负责|参与|协办|协助)(?:落实|实施)?$")
_TITLE_RE = re.compile(r"(?:长|书记|主任|秘书|委员|组长|经理)$")


# A cell that is nothing but a span of time (全年, 年内, 长期) is a deadline, never a person.
_TIME_WORD_RE = re.compile(r"全年|年内|当年|常年|长期|每年|每季度|每月|持续推进|常态化推进")


def _cell_kind(cell: str) -> str:
    if cell.endswith(("。", "；", ";")):
        return TASK
    if (DATE_RE.search(cell) and len(cell) <= 24) or _TIME_WORD_RE.fullmatch(cell.strip()):
        return DEADLINE_COL
    names, _ = split_names(_ROLE_TAIL_RE.sub("", cell))
    if names and all(looks_like_unit(n) for n in names):
        return "units"
    bare = re.sub(r"\s+", "", cell)
    if (2 <= len(bare) <= 4 or _TITLE_RE.search(bare)) and not re.search(r"[。，,；;：:%\d]", bare):
        return PEOPLE_COL
    return TASK


def _assign(
    kinds: list[str], cells: list[str], by_position: bool = True
) -> tuple[list[list[str]], bool]:
    """Cells to columns in order, by what they hold; whether any was guessed."""
    columns: list[list[str]] = [[] for _ in kinds]
    places = [i for i, k in enumerate(kinds) if k != NUMBER]
    direct = len(cells) == len(places)
    if direct and by_position and _positional(kinds, places, cells):
        for n, cell in enumerate(cells):
            columns[places[n]].append(cell)
        return columns, False
    at = 0
    guessed = False
    for n, cell in enumerate(cells):
        # No cell missing: the task column's cell is the task, even one that reads like a
        # unit's name (推行一网通办). Cells missing or not, a row's first cell is its task when
        # the task column comes first: a row exists for its task, only the cells after it are
        # left empty (现代化美丽城镇 is a task, not a town).
        first_task = n == 0 and kinds[places[0]] == TASK
        kind = TASK if first_task or (direct and kinds[places[n]] == TASK) else _cell_kind(cell)
        if kind == PEOPLE_COL and PEOPLE_COL not in kinds:
            kind = TASK
        if kind == DEADLINE_COL and DEADLINE_COL not in kinds:
            kind = TASK
        accepts = {
            "units": (LEAD_COL, SUPPORT_COL, OPEN_COL),
            PEOPLE_COL: (PEOPLE_COL,),
            DEADLINE_COL: (DEADLINE_COL,),
            TASK: (TASK, OTHER),
        }[kind]
        choice = None
        for i in range(at, len(kinds)):
            if kinds[i] not in accepts:
                continue
            later_unit = any(k in (LEAD_COL, SUPPORT_COL) for k in kinds[i + 1 :])
            if kind == "units" and columns[i] and kinds[i] != OPEN_COL and later_unit:
                continue  # the lead cell is filled: this one is the next unit column's
            choice = i
            break
        if choice is None:  # nothing after: the column of its kind met first
            choice = next((i for i, k in enumerate(kinds) if k in accepts), None)
            guessed = guessed or kind != TASK
        if choice is None:
            continue
        if not direct and kind == "units" and kinds[choice] != OPEN_COL:
            guessed = True
        columns[choice].append(cell)
        at = choice
    return columns, guessed


def _positional(kinds: list[str], places: list[int], cells: list[str]) -> bool:
    """Whether a row with a cell for every column reads cell by column: each unit column gets a
    cell naming units, and no other cell naming units comes before the last unit column but the
    task's (推行一网通办 reads like a unit; a cell after the last unit column is a note column's:
    备注 `县民生实事`). Otherwise the count matched by chance (a spanning cell missing, a unit
    cell split over two lines) and content decides."""
    unit_cols = [i for i, k in enumerate(kinds) if k in (LEAD_COL, SUPPORT_COL, OPEN_COL)]
    last = unit_cols[-1]
    for n, cell in enumerate(cells):
        column, held = places[n], _cell_kind(cell) == "units"
        if column in unit_cols and not held:
            return False
        if held and column not in unit_cols and kinds[column] != TASK and column < last:
            return False
    return True


def _join_header(header: list[str]) -> list[str]:
    """Header cells broken over two lines: `市级牵头` / `责任单位` is one column's name, and so
    are a role or time word and the noun that completes it (`责任` / `领导`, `责任` / `科室`,
    `完成` / `时限`)."""
    out: list[str] = []
    for cell in header:
        if out and (
            (
                re.search(r"(?:牵头|配合|协办|主责|责任|分管)$", out[-1])
                and re.fullmatch(r"(?:责任)?(?:单位|部门|科室|股室|处室|领导|人)", cell)
            )
            or (out[-1] == "完成" and cell in ("时限", "时间"))
        ):
            out[-1] += cell
        else:
            out.append(cell)
    return out


def _join_broken(cells: list[str]) -> list[str]:
    """A unit cell broken over two lines is one cell: after a separator (`市教体局、` / `团市委`)
    or inside a name (`市人力资源` / `社会保障局`: a region prefix and no unit's ending, which the
    next line completes)."""
    out: list[str] = []
    for cell in cells:
        prev = out[-1] if out else ""
        if (
            prev
            and _cell_kind(cell) == "units"
            and (
                (prev[-1] in "、，," and _cell_kind(prev.rstrip("、，,")) == "units")
                or (
                    region_prefix(prev)
                    and not region_prefix(cell)  # the tail of a name, not a name of its own
                    and len(prev) <= 10
                    and not looks_like_unit(prev, strict=True)
                    and not re.search(r"[\d。，,；;：:（()）%]", prev)
                    and looks_like_unit(prev + cell)
                )
            )
        ):
            out[-1] = prev + cell
        else:
            out.append(cell)
    return out


def _row_complete(kinds: list[str], cells: list[str]) -> bool:
    """Whether a row read so far may end: it holds a unit cell, or a cell for every column (a
    figure such as `1` or `9` among a row's cells is a value, not the next row's number)."""
    if len(cells) >= len([k for k in kinds if k != NUMBER]):
        return True
    return any(_cell_kind(c) == "units" for c in cells)


def _normalise(line: str) -> str:
    line = line.strip().strip("|").strip()
    return "" if set(line) <= {"|", " "} else line


def text_tables(text: str) -> tuple[str, list[tuple[int, str]]]:
    """The text with each pasted web task table turned into plan lines (line numbers kept: the
    rows' other lines become empty), and (line, message) warnings for guessed rows."""
    if (
        "序号" not in text
        and not _UNIT_HEADER_RE.search(text)
        and not _SPACED_UNIT_HEADER_RE.search(text)
    ):  # nearly always
        return text, []
    lines = text.splitlines()
    warnings: list[tuple[int, str]] = []
    i = 0
    while i < len(lines):
        # A header with | between its cells is a pipe table's, never a spaced one: its |s are
        # separators, not cells.
        spaced = _SPACED_HEADER_RE.search(lines[i]) if "|" not in lines[i] else None
        if spaced and column_kinds(["序号", *spaced.group(1).split()]):
            i = _read_spaced_table(lines, i, spaced.start(), spaced.group(1).split(), warnings)
            continue
        trailing = _trailing_header(lines[i]) if "|" not in lines[i] else None
        if trailing and _row_follows(lines, i + 1):
            i = _read_spaced_table(lines, i, *trailing, warnings)
            continue
        cell = _normalise(lines[i]).replace(" ", "")
        if cell.split("|")[0].strip() == "序号":
            i = _read_table(lines, i, warnings)
        elif _UNIT_HEADER_RE.fullmatch(cell) and (start := _header_start(lines, i)) is not None:
            i = _read_table(
                lines, start, warnings
            )  # a header without 序号 (类别 | 指标 | 责任部门)
        else:
            i += 1
    return "\n".join(lines), warnings


_UNIT_HEADER_RE = re.compile(r"^(?:牵头|责任|配合)(?:单位|部门)$", re.M)
# A header written on one line with spaces between its cells, at the end of a line:
# `序号 名称 工作任务 牵头责任单位`; its rows are `1 任务…… 发改委、财政局`.
_SPACED_HEADER_RE = re.compile(
    r"(?:^|\s)序号((?:[ \t\u3000]+[^\s：:。，,]{1,14}){2,})[ \t\u3000]*$"
)
# A row of such a table: its number, then a space or 、/. (`1、任务…. 发改委 财政局`).
_SPACED_ROW_RE = re.compile(r"^(\d+)[*＊※]?(?:\s*[、．.](?!\d)\s*|\s+)(\S.*)$")
# A unit column's name ending a line after a space (`… 主要任务 牵头部门 配合部门`).
_SPACED_UNIT_HEADER_RE = re.compile(
    r"[ \t\u3000](?:牵头|责任|配合)(?:责任)?(?:单位|部门)[ \t\u3000]*$", re.M
)
_SPACES = " \t\u3000"
# The units glued to a row's task after its full stop (`…建设.省科技厅`).
_GLUED_CELL_RE = re.compile(r"[。.](?!\d)([^。.\s]+)$")


def _trailing_header(line: str) -> tuple[int, list[str]] | None:
    """(where it starts, its cells) of a task table's header written at the end of a line with
    spaces between its cells and no 序号 (`附件2 …分工方案 主要任务 建设重点 牵头部门 配合部门`,
    a web table flattened to one line a row): the short words that end the line, when they
    name a task column and a unit column; None otherwise. Reads a dozen words back at most."""
    if not _SPACED_UNIT_HEADER_RE.search(line[-40:]):
        return None
    stripped = line.rstrip(_SPACES)
    words: list[str] = []
    pos = len(stripped)
    while pos > 0 and len(words) < 12:
        cut = max(stripped.rfind(c, 0, pos) for c in _SPACES)
        word = stripped[cut + 1 : pos]
        if len(word) > MAX_HEADER or re.search(r"[：:。，,；;]", word):
            break
        words.insert(0, word)
        pos = cut + 1
        while pos > 0 and stripped[pos - 1] in _SPACES:
            pos -= 1
    if len(words) < 2 or not column_kinds(["序号", *words]):
        return None
    return pos, words


def _row_follows(lines: list[str], at: int) -> bool:
    """Whether the first line after `at` that is not empty or a heading is a spaced row."""
    for line in lines[at : at + 20]:
        line = line.replace("\u3000", " ").strip()
        if line and not _HEADING_RE.match(line):
            return bool(_SPACED_ROW_RE.match(line))
    return False


def _read_spaced_table(
    lines: list[str], at: int, start: int, header: list[str], warnings: list[tuple[int, str]]
) -> int:
    """Rows one a line with spaces between cells: the units are the cells at the end of the
    row that name units, given to the unit columns in order; the cells before are the task.
    A unit cell glued to the task after its full stop (`…建设.省科技厅 省直有关部门`) is cut
    off when the row has fewer unit cells than the header has unit columns."""
    kinds = column_kinds(["序号", *header])
    unit_columns = [k for k, kind in enumerate(kinds) if kind in (LEAD_COL, SUPPORT_COL, OPEN_COL)]
    lines[at] = lines[at][:start]
    i = at + 1
    while i < len(lines):
        line = lines[i].replace("\u3000", " ").strip()
        if not line or _HEADING_RE.match(line):
            i += 1
            continue
        row = _SPACED_ROW_RE.match(line)
        if not row:
            break
        cells = row.group(2).split()
        found: list[str] = []
        while len(cells) > 1 and _cell_kind(cells[-1]) == "units":
            found.append(cells.pop())  # appended, then turned: insert(0) made it quadratic
        found.reverse()
        glued = _GLUED_CELL_RE.search(cells[-1]) if len(found) < len(unit_columns) else None
        if glued and _cell_kind(glued.group(1)) == "units":
            found.insert(0, glued.group(1))
            cells[-1] = cells[-1][: glued.start(1)]
        columns: list[list[str]] = [[] for _ in kinds]
        columns[kinds.index(TASK)] = ["".join(cells)]
        for n, cell in enumerate(found):
            columns[unit_columns[min(n, len(unit_columns) - 1)]].append(cell)
        if len(found) != len(unit_columns):
            warnings.append(
                (
                    i + 1,
                    f"line {i + 1}: table row {row.group(1)} had cells missing; its cells "
                    "were given to columns by what they hold",
                )
            )
        lines[i] = row_line(row.group(1), kinds, columns)
        i += 1
    return i


def _header_start(lines: list[str], at: int) -> int | None:
    """The first line of the header a unit column's name (责任部门 alone on its line) ends: the
    short lines before it, which must name a task column."""
    start = at
    while start > 0 and at - start < 10:
        cell = _normalise(lines[start - 1])
        if not cell:
            start -= 1
            continue
        if len(cell) > MAX_HEADER or re.search(r"[：:。，,]", cell) or _ROW_RE.match(cell):
            break
        start -= 1
    header = [_normalise(x).replace(" ", "") for x in lines[start : at + 1] if _normalise(x)]
    return start if column_kinds(header) and start < at else None


def _read_table(lines: list[str], start: int, warnings: list[tuple[int, str]]) -> int:
    """Rewrite the table whose header starts at line `start`; returns where to go on."""
    first = _normalise(lines[start])
    if "|" in first:  # ` | ` between cells, one row a line
        return _read_pipe_table(lines, start, warnings)
    header: list[str] = []
    i = start
    while i < len(lines):
        cell = _normalise(lines[i])
        if cell:
            if _ROW_RE.match(cell) or _HEADING_RE.match(cell) or len(cell) > MAX_HEADER:
                break
            if header and column_kinds(header) and not _HEADER_WORD_RE.search(cell):
                break  # a category cell of the first row (高质量发展), not a header
            header.append(cell.replace(" ", ""))
        i += 1
    header = _join_header(header)
    kinds = column_kinds(header)
    if not kinds:
        return start + 1
    for k in range(start, i):
        lines[k] = ""
    expected: int | None = None
    row_start: int | None = None
    cells: list[str] = []
    number = ""

    # A column that names units in no role (评分部门, 考核单位) after the unit columns: a row's
    # last unit cell is its cell, not a responsible unit's.
    units_at = [k for k, kind in enumerate(kinds) if kind in (LEAD_COL, SUPPORT_COL, OPEN_COL)]
    trailing_other = any(
        kinds[k] == OTHER and header[k].endswith(("部门", "单位")) and k > units_at[-1]
        for k in range(len(kinds))
        if k < len(header)
    )

    def flush() -> None:
        if row_start is None:
            return
        cells[:] = _join_broken(cells)
        if trailing_other:
            held = [n for n, c in enumerate(cells) if _cell_kind(c) == "units"]
            if len(held) >= 2:
                del cells[held[-1]]
        # A row's cells were counted without its trailing column's (taken out above).
        columns, guessed = _assign(kinds, cells, by_position=not trailing_other)
        lines[row_start] = row_line(number, kinds, columns)
        if guessed:
            warnings.append(
                (
                    row_start + 1,
                    f"line {row_start + 1}: table row {number} had cells missing; its cells "
                    "were given to columns by what they hold",
                )
            )

    while i < len(lines):
        cell = _normalise(lines[i])
        m = _ROW_RE.match(cell)
        is_row = (
            m is not None
            and (expected is None or int(m.group(1)) in (expected, 1))
            and not (m.group(2) or "")[:1].isdigit()
            and (row_start is None or _row_complete(kinds, cells))
        )
        if is_row and m:
            flush()
            number, row_start, expected = m.group(1), i, int(m.group(1)) + 1
            cells = [m.group(2)] if m.group(2) else []
            lines[i] = ""
        elif cell and _HEADING_RE.match(cell):
            flush()
            row_start, cells = None, []
            lines[i] = cell  # a section row: a heading, and the lines after it its title
        elif cell and row_start is not None:
            cells.append(cell)
            lines[i] = ""
        i += 1
    flush()
    return i


def _read_pipe_table(lines: list[str], start: int, warnings: list[tuple[int, str]]) -> int:
    header = [c.strip().replace(" ", "") for c in _normalise(lines[start]).split("|")]
    kinds = column_kinds(header)
    if not kinds:
        return start + 1
    lines[start] = ""
    i = start + 1
    last: int | None = None
    while i < len(lines):
        raw = _normalise(lines[i])
        if not raw:
            i += 1
            continue
        cells = [c.strip() for c in raw.split("|")]
        if not cells[0].isdigit():
            if last is None or "|" not in lines[i]:
                break
            lines[i] = ""  # a line that continues the row above
            i += 1
            continue
        cells = (cells + [""] * len(kinds))[: len(kinds)]
        columns = [[c] if c else [] for c in cells]
        lines[i] = row_line(cells[0], kinds, columns)
        last = i
        i += 1
    return i
