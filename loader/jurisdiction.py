"""Which place a plan and each of its departments belong to.

Today's 区发改局 of three districts are three departments. A plan's jurisdiction is decided, in
this order, from:

1. `--jurisdiction` (the `jurisdiction=` argument of parse_file / parse_text);
2. its title (without a web page's furniture and a site's 【tag】), when it starts with a place
   (`自流井区关于…的实施方案`) or names one after 关于, 《 or a verb of issuing, a year skipped
   (`关于印发自贡市…实施方案的通知`, `关于下达2024年南昌县…的通知`);
3. an issuing line: `XX县人民政府办公室`, `中共XX市委办公室`, `XX区人民政府`;
4. a phrase such as `结合自流井区实际`.

How a place is written: a jurisdiction is the most specific place alone, as plans write it
(`自流井区`, not `四川省自贡市自流井区`), so that a plan that says `自流井区` and one that says
`自贡市自流井区` share their departments. The places above it (its chain: `自贡市`, `四川省`)
are read from the same sources, and from `<place><jurisdiction>` anywhere in the text; they only
decide where a name of a higher level goes. Two places of the same name (the 市中区 of several
cities) share departments unless `--jurisdiction` names them apart (e.g. `枣庄市中区`).

A department is (jurisdiction, name):
- a name with its own place (`自贡市人社局`, `四川省教育厅`) belongs to that place;
- a relative name (`区发改局`, `市人社局`, `县委办`) belongs to the place of its level in the
  plan's chain: `区` -> the plan's 区, `市` -> the 市 above it when the chain names one;
- a relative name of a level the chain does not name (`市人社局` in a plan that names only
  `自流井区`) stays with the plan's jurisdiction, as written, with a note saying so: putting it
  under a guessed city would merge it with the wrong one, and two plans of the same district
  still share it;
- any other name (`发改局`, `团区委`, `各成员单位`) belongs to the plan's jurisdiction.

When nothing says where a plan is from, its jurisdiction is `unknown`, and its relative and bare
names are scoped to the plan itself (`unknown (plan id)`), so two unknown plans never share a
department. How the jurisdiction was decided is said in a note (ParsedPlan.notes).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import Any

from .model import Department, ParsedPlan, ParseWarning
from .titles import title_of

UNKNOWN = "unknown"
JURISDICTION_NOTE = "jurisdiction"  # how it was decided
UNKNOWN_NOTE = "jurisdiction-unknown"  # nothing said; departments scoped to the plan
UNPLACED_NOTE = "jurisdiction-unplaced"  # a higher-level name the chain does not place

# Place endings, longest first; the level each stands for (1 province ... 4 township).
_SUFFIXES = (
    ("特别行政区", 1),
    ("自治区", 1),
    ("自治州", 2),
    ("自治县", 3),
    ("自治旗", 3),
    ("街道", 4),
    ("省", 1),
    ("市", 2),
    ("州", 2),
    ("盟", 2),
    ("县", 3),
    ("区", 3),
    ("旗", 3),
    ("镇", 4),
    ("乡", 4),
)
_SUFFIX_STARTS = frozenset(suffix[0] for suffix, _ in _SUFFIXES)
# A relative name starts with the one-character level of its place: 区发改局, 市人社局.
_LEVEL_CHARS = "省市州盟县区旗镇乡"
_NOT_LEVEL = ("市场", "区域", "县域", "乡村", "镇村", "州际")  # words, not a level prefix
_STOP_FIRST = "各全本我该每某其有相"  # 各县, 全县, 本市, 某区: not places
_NOT_PLACE_ENDINGS = ("城市", "都市", "超市", "城乡", "城镇", "社区", "景区", "园区", "片区")
_MAX_NAME = 8  # characters of a place's name before its ending
# An ending followed by one of these makes a word, not a place: 推进乡村振兴, 区域协调, 市场环境,
# 县域经济, 镇村, 乡镇, 镇街, 州际 (关于推进乡村振兴 is a title, not a township 关于推进乡).
_WORD_AFTER = {"乡": "村镇", "镇": "村街", "区": "域", "市": "场", "县": "域", "州": "际"}
# Words of a title's subject that no place name holds: 关于加快推进乡… is not a place.
_NOT_IN_PLACE = (
    "关于",
    "推进",
    "加快",
    "促进",
    "深化",
    "加强",
    "优化",
    "开展",
    "实施",
    "印发",
    "转发",
    "下达",
    "分解",
    "做好",
    "的",
)
_PARTY_PREFIXES = ("中国共产党", "中共", "共青团")
_ISSUER_RE = re.compile(
    r"^(?:中国共产党|中共)?(.+?)(?:委员会|委|人民政府|人大常委会|政协)(?:办公室|办公厅)?"
    r"(?:\s*\d{4}\s*年.*)?$"
)
_PHRASE_RE = re.compile(r"结合(.{2,20}?)(?:实际|具体情况|工作实际)")
# Where a title names its place: after 《 or a verb of issuing (关于印发/下达/转发 2024年南昌县…),
# a year before the place skipped; a site's tag in brackets before the title (【民生实事】).
_TITLE_START_RE = re.compile(r"《|(?:关于)?(?:印发|下达|转发|分解下达|分解)")
_YEAR_RE = re.compile(r"^\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年度?")
_TAG_RE = re.compile(r"^\s*【[^】]{1,12}】")
MAX_ISSUER_LINE = 40  # characters: an issuing line is short


def _place_at(text: str, start: int = 0) -> tuple[str, int] | None:
    """The place name at `start` of text (`自贡市` in `自贡市人社局`) and its level, or None."""
    if start >= len(text) or text[start] in _STOP_FIRST:
        return None
    for n in range(1, _MAX_NAME + 1):
        at = start + n
        if at >= len(text) or not ("\u4e00" <= text[at - 1] <= "\u9fff"):
            return None
        if text[at] not in _SUFFIX_STARTS:  # no ending starts here: skip the 15 comparisons
            continue
        for suffix, level in _SUFFIXES:
            if not text.startswith(suffix, at):
                continue
            place = text[start : at + len(suffix)]
            if n == 1 and suffix != "县":
                continue  # 城市, 社区, 新区: one character before the ending is a word
            after = text[at + len(suffix) : at + len(suffix) + 1]
            if after and after in _WORD_AFTER.get(suffix, ""):
                continue
            if any(word in place for word in _NOT_IN_PLACE):
                return None  # the text goes on with a title's subject, not places
            if place.endswith(_NOT_PLACE_ENDINGS) or (n == 1 and place[0] in _LEVEL_CHARS):
                continue
            return place, level
    return None


def split_chain(text: str) -> list[str]:
    """The places that `text` starts with, top first: `四川省自贡市自流井区关于` ->
    [四川省, 自贡市, 自流井区]; [] when it does not start with a place."""
    chain: list[str] = []
    at = 0
    while found := _place_at(text, at):
        chain.append(found[0])
        at += len(found[0])
    return chain


def level_of(place: str) -> int:
    return next((lvl for suffix, lvl in _SUFFIXES if place.endswith(suffix)), 3)


@dataclass(frozen=True)
class Decision:
    jurisdiction: str  # the place, or UNKNOWN
    chain: tuple[str, ...]  # the places above it, top first
    how: str  # for the note
    line: int


def decide(text: str, title_lines: list[str], given: str | None = None) -> Decision:
    """The plan's jurisdiction and the places above it (see the module docstring)."""
    lines = text.splitlines()
    candidates: list[tuple[list[str], str, int]] = []  # (chain, how, line)
    if given and given.strip():
        value = re.sub(r"\s+", "", given)
        chain = split_chain(value)
        if "".join(chain) != value:
            chain = [value]  # not a chain of places: taken as one name, as given
        candidates.append((chain, f"given as {given.strip()}", 1))
    # The title as the plan shows it: without a page's furniture (欢迎来到平顶山市水利局! is no
    # title) and a site's tag (【民生实事】关于…).
    title = _TAG_RE.sub("", title_of(title_lines, text))
    title_line = _line_of(lines, title[:_MAX_NAME]) if title else 1
    starts = [_strip_party(title.removeprefix("关于").removeprefix("印发"))]
    starts += [title[m.end() :] for m in _TITLE_START_RE.finditer(title)]
    for start in starts:
        if chain := split_chain(_strip_party(_YEAR_RE.sub("", start, count=1))):
            candidates.append((chain, "from the title", title_line))
            break
    for lineno, raw in enumerate(lines, start=1):
        line = raw.strip().replace("\u3000", "")
        if not line or len(line) > MAX_ISSUER_LINE:
            continue
        if "委" not in line and "政" not in line:
            continue  # every issuer ends in 委/委员会/人民政府/政协: most lines need no regex
        for part in line.split():
            m = _ISSUER_RE.match(part)
            chain = split_chain(m.group(1)) if m else []
            if m and chain and "".join(chain) == m.group(1):  # the whole issuer is places
                candidates.append((chain, "from the issuing line", lineno))
    for lineno, raw in enumerate(lines, start=1):
        if "结合" not in raw:  # the phrase starts with it: most lines need no regex
            continue
        for m in _PHRASE_RE.finditer(raw):
            if chain := split_chain(m.group(1)):
                candidates.append((chain, f"from 结合{m.group(1)}实际", lineno))
    if not candidates:
        return Decision(UNKNOWN, (), "", 1)
    chain, how, found_at = candidates[0]
    place = chain[-1]
    parents = chain[:-1]
    for other, _, _ in candidates[1:]:  # a longer chain for the same place gives its parents
        if other[-1] == place and len(other) - 1 > len(parents):
            parents = other[:-1]
    if not parents:
        parents = _parents_in_text(text, place)
    return Decision(place, tuple(parents), how, found_at)


def _strip_party(text: str) -> str:
    for prefix in _PARTY_PREFIXES:
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text


def _line_of(lines: list[str], first: str) -> int:
    return next((i for i, line in enumerate(lines, start=1) if first in line), 1)


def _parents_in_text(text: str, place: str) -> list[str]:
    """The places written just before `place` in the text (`自贡市自流井区`), top first.

    Only occurrences right after a place ending (市, 省 ...) are looked at, each distinct
    context once: a plan names its own place in hundreds of department names (自流井区人社局).
    """
    best: list[str] = []
    seen: set[str] = set()
    if any(place[:k] == place[-k:] for k in range(1, len(place))):
        found = (m.start() for m in re.finditer(re.escape(place), text))
    else:  # occurrences cannot overlap: the regex finds just those after a place ending,
        # without a Python step for each of the hundreds of others
        found = (m.end() for m in re.finditer(f"[{_HIGHER_ENDINGS}](?={re.escape(place)})", text))
    for at in found:
        if at == 0 or text[at - 1] not in _HIGHER_ENDINGS:
            continue
        before = text[max(0, at - 3 * (_MAX_NAME + 3)) : at]
        if before in seen:
            continue
        seen.add(before)
        for start in range(len(before)):
            chain = split_chain(before[start:])
            if chain and "".join(chain) == before[start:]:
                if len(chain) > len(best) and all(level_of(p) < level_of(place) for p in chain):
                    best = chain
                break
    return best


_HIGHER_ENDINGS = "省市州盟区"  # 区: 自治区


def scope_of(decision: Decision, plan_id: str) -> str:
    """Where the plan's own (relative and bare) names belong."""
    if decision.jurisdiction == UNKNOWN:
        return f"{UNKNOWN} ({plan_id})"
    return decision.jurisdiction


def place_name(name: str, decision: Decision, plan_id: str) -> tuple[str, bool]:
    """The jurisdiction of a department named `name` in the plan; True when the name is of a
    higher level than any place the plan's chain names (kept with the plan's place)."""
    place, higher = _place_of(name, decision)
    return place or scope_of(decision, plan_id), higher


@functools.lru_cache(maxsize=65536)  # names repeat across the plans of a place
def _place_of(name: str, decision: Decision) -> tuple[str | None, bool]:
    """place_name, with None for the plan's own scope."""
    known = [*decision.chain, decision.jurisdiction] if decision.jurisdiction != UNKNOWN else []
    bare = _strip_party(name)
    for place in sorted(known, key=len, reverse=True):  # 自贡市自流井区人社局, 自流井区人社局
        if bare.startswith(place) and len(bare) > len(place):
            rest = split_chain(bare[len(place) :])  # 自贡市 + 自流井区人社局
            if rest and len(bare) > len(place) + len("".join(rest)):
                return rest[-1], False
            return place, False
    level = _relative_level(bare)
    if level is None:
        chain = split_chain(bare)
        if chain and len(bare) > len("".join(chain)) + 1:
            return chain[-1], False  # 自贡市人社局, 四川省教育厅: its own place
        return None, False
    for place in reversed(known):
        if place[-1] == level:
            return place, False
    plan_level = level_of(decision.jurisdiction) if known else None
    return None, plan_level is not None and _SUFFIX_LEVEL.get(level, 3) < plan_level


_SUFFIX_LEVEL = {s: lvl for s, lvl in _SUFFIXES if len(s) == 1}


def _relative_level(name: str) -> str | None:
    """The level character a relative name starts with (区发改局 -> 区), or None."""
    if name.startswith("团") and len(name) > 2:
        name = name[1:]  # 团区委
    if len(name) < 2 or name[0] not in _LEVEL_CHARS or name.startswith(_NOT_LEVEL):
        return None
    if name[0] == "市" and name.startswith(_NOT_LEVEL, 1):  # 市市场监管局
        return "市"
    return name[0]


def apply(parsed: ParsedPlan, text: str, title_lines: list[str], given: str | None) -> None:
    """Give the plan and its departments their jurisdiction; add the notes saying how."""
    plan_id = parsed.plan.id
    decision = decide(text, title_lines, given)
    parsed.plan = replace(parsed.plan, jurisdiction=decision.jurisdiction)
    if decision.jurisdiction == UNKNOWN:
        parsed.notes.append(
            ParseWarning(
                None,
                UNKNOWN_NOTE,
                "jurisdiction unknown: neither the title, an issuing line nor a phrase such as "
                f"结合X区实际 names the place; its departments are kept to plan {plan_id} "
                "(give --jurisdiction PLACE to share them with other plans of that place)",
                1,
            )
        )
    else:
        chain = "".join(decision.chain)
        above = f" (in {chain})" if chain else ""
        parsed.notes.append(
            ParseWarning(
                None,
                JURISDICTION_NOTE,
                f"jurisdiction {decision.jurisdiction}{above}, {decision.how}",
                decision.line,
            )
        )
    placed: dict[str, Department] = {}
    higher: list[str] = []  # names of a higher level than the chain names, in order
    for dept in parsed.departments:
        where, unplaced = place_name(dept.name, decision, plan_id)
        placed[dept.name] = replace(dept, jurisdiction=where)
        if unplaced:
            higher.append(dept.name)
    first = _first_uses(parsed, set(higher)) if higher else {}
    for name in higher:
        measure = first.get(name)
        parsed.notes.append(
            ParseWarning(
                measure.number if measure else None,
                UNPLACED_NOTE,
                f"{name} is a unit of a higher level ({name[0]}) than "
                f"{decision.jurisdiction}, and the plan does not say which; it is kept "
                f"with {decision.jurisdiction} (give --jurisdiction with the chain, e.g. "
                f"XX市{decision.jurisdiction}, to place it)",
                measure.line if measure else 1,
            )
        )
    parsed.departments = list(placed.values())


def _first_uses(parsed: ParsedPlan, names: set[str]) -> dict[str, Any]:
    """The measure where each of `names` is first assigned: looked up for those few names only,
    not by indexing the plan's thousands of assignments."""
    found: dict[str, str] = {}  # name -> id of its first measure
    for a in parsed.assignments:
        if a.department in names and a.department not in found:
            found[a.department] = a.measure
            if len(found) == len(names):
                break
    ids = set(found.values())
    measures = {m.id: m for m in parsed.measures if m.id in ids}
    return {name: measures[id_] for name, id_ in found.items() if id_ in measures}
