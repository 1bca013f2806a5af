"""Responsibility lists: where they sit in a measure's text, and the units, people and deadline
they name.

A list is a bracket (（）() 〔〕 [] 【】 ［］, nested brackets kept inside names such as
`各县（市、区）人民政府`) or a run of text after a label (`牵头单位：…`), read as clauses:

    牵头单位：A、B。责任单位：C          labelled: the label gives the role
    A、B牵头，C、D等部门，E配合          inline: a clause's closing role word gives its role; a
                                          clause without one takes the role of the next that has
    A、B、C负责 / 责任单位：A、B          one list that does not say who leads (role None)

People (责任领导 …) and deadlines (完成时限 …) are kept apart from the units. A fragment that
does not look like a unit (no unit ending, too long, or holding verbs) is never made one: the
caller turns it into a warning with the line.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .chars import simplifier
from .departments import region_prefix
from .model import LEAD, SUPPORT
from .vocabulary import (
    DEADLINE_LABELS,
    DIVISION_LABELS,
    LEAD_LABELS,
    OPEN_LABELS,
    PEOPLE_LABELS,
    SUPPORT_LABELS,
    UNIT_LABEL_WORDS,
)

# Traditional characters of the labels and role words, read as their simplified forms.
simplified = simplifier(
    "牽頭單責負協參與門辦配領導時間節點務嚴廳會處隊組區縣鎮鄉園聯團館臺爲彙屬業機構為職關",
    "牵头单责负协参与门办配领导时间节点务严厅会处队组区县镇乡园联团馆台为汇属业机构为职关",
)
# The plan's own rule for a list that does not say who leads (列第一位者为牵头单位, 下同).
PLAN_RULE_RE = re.compile(
    r"(?:列|排|排列|排名|排序)(?:在)?(?:第一位|第一个|首位|第一)(?:的|者)?(?:单位|部门)?"
    r"(?:为|是)牵头(?:单位|部门)?|(?:第一|首位)(?:个|家)?(?:单位|部门)?(?:为|是)牵头(?:单位|部门)"
)

UNIT_LABELS = LEAD_LABELS + OPEN_LABELS + SUPPORT_LABELS
ALL_LABELS = UNIT_LABELS + PEOPLE_LABELS + DEADLINE_LABELS
# People labels may carry a level or a role: 牵头市领导, 分管省领导, 牵头负责领导, 责任人.
_PEOPLE_ROLES = ("牵头", "责任", "分管", "联系", "包抓", "包联", "负责", "协管")
_PEOPLE = rf"(?:{'|'.join(_PEOPLE_ROLES)})[\u4e00-\u9fff]{{0,4}}?领导|责任人"
# Unit labels other than the listed ones: a role word and 单位/部门 (协同责任单位, 主要责任单位).
_ROLE_PREFIXES = ("主要", "其他", "具体")
_ROLE_UNIT = (
    rf"(?:{'|'.join(_ROLE_PREFIXES)})?(?:{'|'.join(UNIT_LABEL_WORDS)})(?:责任)?(?:单位|部门)"
)
_LABEL_ALT = "|".join(sorted(ALL_LABELS + DIVISION_LABELS, key=len, reverse=True))
LABEL = rf"(?:{_PEOPLE}|{_ROLE_UNIT}|{_LABEL_ALT})"
# A label with its colon; group 1 is the label.
LABEL_RE = re.compile(rf"({LABEL})\s*[：:]")
# Something that looks like a label of a kind not known here: a few characters and a colon at
# the start of a clause (`督办单位：`, `备注：`).
ANY_LABEL_RE = re.compile(r"(?:^|(?<=[；;。，,\s]))([\u4e00-\u9fff]{2,6})\s*[：:]")
LINE_LABEL_RE = re.compile(rf"^[（(【〔\[［]?\s*(?:{LABEL})\s*[：:]")
_COLON_RE = re.compile("[：:]")
_OPEN_LABEL_RE = re.compile(rf"[（(〔\[【［]\s*(?:{LABEL})\s*[：:]")
_LONGEST_LABEL = 16


# LABEL_RE with a lookahead of the characters a label can start with (the first characters of
# the words the three alternatives above begin with): the same matches, but a search tries the
# whole alternation only where a label can start (4x faster in a window).
_LABEL_START = "".join(
    sorted(
        {
            word[0]
            for word in (
                *_PEOPLE_ROLES,
                "责任人",
                *_ROLE_PREFIXES,
                *UNIT_LABEL_WORDS,
                *ALL_LABELS,
                *DIVISION_LABELS,
            )
        }
    )
)
_LABEL_SEARCH_RE = re.compile(f"(?=[{re.escape(_LABEL_START)}]){LABEL_RE.pattern}")


def labels_in(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """Every known label with its colon in text[start:end], in order. Found from the colons
    back (a label always ends in one): the label regex is tried near the few colons only,
    rather than at every character of every measure."""
    end = len(text) if end is None else end
    found = []
    search = _LABEL_SEARCH_RE.search
    for colon in _COLON_RE.finditer(text, start, end):
        stop = colon.end()
        m = search(text, max(start, stop - _LONGEST_LABEL), stop)
        while m and m.end() != stop:
            m = search(text, m.start() + 1, stop)
        if m:
            found.append(m)
    return found


OPENERS = "（(〔[【［"
CLOSERS = "）)〕]】］"

# Clause role words, at the end of a clause (`A、B牵头`, `C配合`, `各镇按职责分工负责`).
_LEAD_WORDS = r"牵头负责|负责牵头|牵头|主责|主办"
_SUPPORT_WORDS = (
    r"按照?(?:各自)?职责(?:分工)?(?:分别|共同)?(?:负责|落实)?(?:落实)?|负责落实|分别负责"
    r"|配合|参与|参加|协办|协助|共同参与|落实"  # 落实 last: `各镇街落实` beside a 牵头 clause
)
_OPEN_WORDS = r"共同负责|负责"
CLAUSE_RE = re.compile(
    rf"^(?:由)?(.*?)(?:为牵头单位|(?:分别|共同|联合)?({_LEAD_WORDS})|({_SUPPORT_WORDS})"
    rf"|({_OPEN_WORDS}))"
    r"(?:落实|实施|推进|完成)?$"
)
# Anything that makes a labelled list more than its names: a role word or a stated rule.
_CLAUSE_HINT_RE = re.compile(r"牵头|负责|配合|参与|参加|协办|协助|主责|主办|下同|第一|首位|会同")
_ROLE_WORD_RE = re.compile(r"牵头|负责|配合|参与|参加|协办|协助|主责|主办")

# A unit's name ends in one of these (names in brackets taken out first: 各县（市、区）人民政府).
_UNIT_END_RE = re.compile(
    r"(?:局|委|办|部|厅|院|会|中心|政府|街道|镇|乡|公司|队|所|站|组|处|室|行|署|馆|台|社|校"
    r"|联|协|团|集团|村|社区|园区|新区|开发区|高新区|经开区|片区|景区|管委"
    r"|海关|办事处|指挥部|学|府|司|科|庭|关|场馆|[^各关]部门|园|专班|成员单位|小组|团中央)$"
    r"|各.*(?:企业|国企|单位|部门|机构|学校|医院)$"
    r"|^[^各]{0,10}各[\u4e00-\u9fff]{1,4}$"
)
# Words that make a fragment a sentence, not a name.
_VERB_RE = re.compile(
    r"做好|推进|推动|强化|加强|加快|负责|开展|建立|健全|确保|提高|提升|力争|完成|督促|鼓励|要求|按照"
    r"|根据|通过|进一步|实施|落实|组织开展|牵头|配合|参与|以上|以下|同比|增长|不少于|达到"
    r"|涉及|不再|均需|均由"
)
_COLLECTIVE_RE = re.compile(
    r"^(?:全[省市县区])?(?:[省市州县区](?:级|直)?)?(?:各|有关|相关|其他|其它)"
)
MAX_NAME = 30
# A place named as a unit (its government): 银川市, 黄埔区, 临夏州; not 全市, 本区.
_PLACE_RE = re.compile(r"^(?![全本我该各])[\u4e00-\u9fff]{2,6}?(?:市|县|区|州|盟|旗)$")
_BRACKETED_RE = re.compile(r"[（(][^（()）]*[）)]")
# A word a 各 list goes on with (各镇、街道; 各县、区): a kind of unit, not a unit's name.
_BARE_KIND_RE = re.compile(
    r"^(?:乡|镇|乡镇|街道|街道办|街道办事处|街办|镇街|村|社区|村居|居委会|村委会|苏木|嘎查|县|区|市"
    r"|州|盟|旗|县区|区县|市县|县市|县市区|市区|县级市|旗县|旗县市|旗县区|园区|开发区"
    r"|新区|片区|管委会?|部门|单位|企业|学校|机构|农场|林场)(?:[（(][^）)]*[）)])?"
    r"(?:人民政府|政府|党委|党工委|管委会?|办事处)?(?:[（(][^）)]*[）)])?$"
    r"|^(?:开发|度假|高新|经开|工业|产业)*(?:园区|区|园)管委会?$"  # 管委: 管委会 shortened
)
# A body named by its kind alone, which a collective before it governs (各县党委和人民政府).
_GENERIC_BODY_RE = re.compile(r"^(?:人民政府|政府|党委|党工委|管委会|管委|办事处)$")
# A list's open end: 等, 等部门, 等有关单位, 等相关部门和单位 (a kind of unit, or two joined).
_TRAILING_ETC_RE = re.compile(
    r"等(?:[0-9一二三四五六七八九十]+个)?(?:[省市州县区][级直])?(?:其他|其它)?(?:有关|相关)?"
    r"(?:(?:部门|单位|成员单位)(?:[和及与](?:部门|单位))?)?$"
)
DATE_RE = re.compile(r"\d{4}\s*年|年底|月底|底前|年前|季度|长期|持续|常态|\d{1,2}\s*月")
_SPACE_RE = re.compile(r"\s+")
# A note in brackets after the last name: (列第一位者为牵头单位，下同).
_NOTE_RE = re.compile(r"[（(][^（()）]*(?:下同|牵头|为准|负责)[^（()）]*[）)]$")
_JOIN_RE = re.compile(r"以及|和|及|与")
_SEPARATORS = "、，,;；/"


@dataclass(slots=True)  # several per measure: slots make it quicker to build
class Clause:
    """One part of a responsibility list: a label (or role word) and what it names."""

    label: str
    kind: str  # "units" | "people" | "deadline" | "unknown"
    role: str | None  # LEAD, SUPPORT, or None when the list does not say who leads
    text: str
    names: list[str] = field(default_factory=list)


@functools.lru_cache(maxsize=1024)
def label_kind(label: str) -> tuple[str, str | None]:
    """(kind, role) of a known label."""
    label = simplified(label)
    if label in LEAD_LABELS:
        return "units", LEAD
    if label in SUPPORT_LABELS:
        return "units", SUPPORT
    if label in OPEN_LABELS or label in DIVISION_LABELS:
        return "units", None
    if label in DEADLINE_LABELS:
        return "deadline", None
    if label.endswith(("单位", "部门")):
        if re.search("牵头|主责|主办|主要责任", label):
            return "units", LEAD
        if re.search("配合|协同|协办|参与|参加|协助|其他", label):
            return "units", SUPPORT
        return "units", None
    return "people", None


_BRACKET_RE = re.compile(f"[{re.escape(OPENERS + CLOSERS)}]")


def bracket_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every outermost bracket, end after its closer; an opener never closed
    runs to the end of the text, unless a closed bracket after it holds a responsibility list
    (`(东区滞后（牵头单位：…）`): then the opener is a stray remark's and the brackets after it
    stand alone. Any opener matches any closer (（…) is common)."""
    spans, open_at = _spans_from(text, 0)
    if open_at is None:
        return spans
    rest, tail = _spans_from(text, open_at + 1)  # one more pass, never more: linear time
    if any(is_list_text(text[a + 1 : b - 1]) for a, b in rest):
        return spans + rest + ([(tail, len(text))] if tail is not None else [])
    return [*spans, (open_at, len(text))]


def _spans_from(text: str, begin: int) -> tuple[list[tuple[int, int]], int | None]:
    """The closed outermost brackets from `begin` on, and where an opener never closed is."""
    spans = []
    depth, start = 0, 0
    for m in _BRACKET_RE.finditer(text, begin):  # only the brackets, not every character
        i, ch = m.start(), m.group()
        if ch in OPENERS:
            if depth == 0:
                start = i
            depth += 1
        elif ch in CLOSERS and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    return spans, (start if depth else None)


_ANY_OPENER_RE = re.compile(f"[{re.escape(OPENERS)}]")


@functools.lru_cache(maxsize=8)
def _splitter(separators: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(separators)}]")


def top_level_split(text: str, separators: str = _SEPARATORS) -> list[str]:
    """Split at separators outside brackets (各县（市、区）人民政府 stays whole)."""
    if not _ANY_OPENER_RE.search(text):  # nearly always: one C-level split
        return _splitter(separators).split(text)
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS and depth:
            depth -= 1
        elif depth == 0 and ch in separators:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


@functools.lru_cache(maxsize=65536)
def looks_like_unit(name: str, strict: bool = False) -> bool:
    """Whether a fragment can be the name of a unit: a unit's ending, short, no verbs."""
    if not name or len(name) > MAX_NAME:
        return False
    simple = simplified(name)
    bare = (_BRACKETED_RE.sub("", simple) or simple).rstrip("\"'“”‘’」』")
    if _VERB_RE.search(bare) or len(bare) < 2 and not _BARE_KIND_RE.match(simple):
        return False
    bare = bare.rstrip("0123456789")  # 局0, 第2中学: numbered bodies
    return (
        bool(_UNIT_END_RE.search(bare))
        or (bool(_COLLECTIVE_RE.match(bare)) and len(bare) <= 12)
        or bool(_PLACE_RE.match(bare))
        or (not strict and _prefixed_name(bare))
    )


def _prefixed_name(name: str) -> bool:
    """A short name after a region prefix (区局育教, 省直机关工委): a unit's shape."""
    prefix = region_prefix(name)
    return len(prefix) == 1 and 4 <= len(name) <= 5


def is_list_text(text: str) -> bool:
    """Whether a bracket's text holds a labelled or inline responsibility list."""
    simple = simplified(text)
    if LINE_LABEL_RE.match(simple) or labels_in(simple):
        return True
    return bool(_ROLE_WORD_RE.search(simple))


def _has_label(inner: str) -> bool:
    """A known label at the start of the bracket or of one of its clauses."""
    head = inner.lstrip()
    if LABEL_RE.match(head):
        return True
    return any(m.start() == 0 or inner[m.start() - 1] in "；;。，, " for m in labels_in(inner))


def unit_lists(text: str, rule_lists: bool = False) -> tuple[str, list[tuple[int, int, str]]]:
    """The measure text without its lists, and each list as (start, end, inner text).

    Lists are brackets holding labels or role words, or the rest of the text after a label
    outside brackets (`……。牵头单位：A；责任单位：B`). With `rule_lists` (the plan states who
    leads a bare list, 列第一位者为牵头单位) a final bracket of unit names is a list too.
    Linear in the text: hostile lines of a million brackets or labels stay fast.
    """
    simple = simplified(text)
    spans = bracket_spans(simple)
    if len(spans) == 1 and not _COLON_RE.search(simple, 0, spans[0][0]):
        # Nearly always: one bracket, no label before it. A labelled list at the end?
        start, end = spans[0]
        if _OPEN_LABEL_RE.match(simple, start) and not simple[end:].strip(_TAIL):
            inner_end = end - 1 if simple[end - 1] in CLOSERS else end
            return text[:start].rstrip(), [(start, end, text[start + 1 : inner_end])]
    tail = len(simple.rstrip(_TAIL + CLOSERS))  # a bracket ending here or later ends the text
    found: list[tuple[int, int, str]] = []
    # A label outside every bracket starts a list that runs to the end of the text.
    outside = _first_label_outside(simple, spans)
    for start, end in spans:
        if outside is not None and start >= outside:
            break
        inner_end = end - 1 if simple[end - 1] in CLOSERS else end
        if inner_end - start <= 2:
            continue  # （） or one character: never a list
        inner = text[start + 1 : inner_end]
        if (
            _has_label(simplified(inner))
            or _inline_list(inner, last=end >= tail)
            or (rule_lists and end >= tail and _bare_units(inner))
        ):
            found.append((start, end, inner))
    if outside is not None:
        found.append((outside, len(text), text[outside:]))
    if not found:
        return text.rstrip(), []
    body, last = [], 0
    for start, end, _ in found:
        body.append(text[last:start])
        last = end
    if text[last:].strip(_TAIL):
        body.append(text[last:])
    return "".join(body).rstrip(), found


_TAIL = " \t。.；;，,"
# unit_lists' commonest case as one regex: one bracket, holding a label, nothing but _TAIL after
# it and no colon before it. Matched on the text as written: simplifying changes no bracket or
# colon, and a label written in traditional characters does not match, so the text is then
# read the long way.
_NOT_BRACKET = f"[^{re.escape(OPENERS + CLOSERS)}]"
_ONE_LIST_RE = re.compile(
    rf"([^{re.escape(OPENERS + CLOSERS)}：:]*)"
    rf"[{re.escape(OPENERS)}](\s*(?:{LABEL})\s*[：:]{_NOT_BRACKET}*)[{re.escape(CLOSERS)}]"
    rf"[{re.escape(_TAIL)}]*"
)


def one_list(text: str) -> tuple[str, str] | None:
    """(text without its list, the list's inner text) when `text` ends in the one bracket it
    holds and that bracket starts with a label (as unit_lists reads it); None otherwise."""
    m = _ONE_LIST_RE.fullmatch(text)
    return None if m is None else (m.group(1).rstrip(), m.group(2))


_EMPTY_BODY = _TAIL + OPENERS + CLOSERS
_BEFORE_LIST = "。.；;，,：:！!？?）)]】〕］”"


def _first_label_outside(text: str, spans: list[tuple[int, int]]) -> int | None:
    gaps, last = [], 0
    for start, end in spans:
        gaps.append((last, start))
        last = end
    gaps.append((last, len(text)))
    for gap_start, gap_end in gaps:
        if gap_end - gap_start < 2:
            continue
        for m in labels_in(text, gap_start, gap_end):
            if (pos := _label_start(text, m.start())) is not None:
                return pos
    return None


def _label_start(text: str, pos: int) -> int | None:
    """`pos` when the label there starts a list (after a sentence, a bracket or nothing)."""
    before = pos - 1
    while before >= 0 and text[before] in " \t":
        before -= 1
    return pos if before < 0 or text[before] in _BEFORE_LIST else None


def _inline_list(inner: str, last: bool) -> bool:
    """A bracket of clauses with role words (`A牵头，B配合`), at least one naming a unit."""
    simple = simplified(inner)
    if not _ROLE_WORD_RE.search(simple):
        return False
    clauses = _without_rules([c.strip() for c in re.split(r"[，,；;。]", simple) if c.strip()])
    with_role = [CLAUSE_RE.match(c) for c in clauses]
    if not any(with_role):
        return False
    if not last:
        # A bracket inside a sentence must be nothing but a list, and a note after it (`A牵头，
        # B配合。以下各项均需C落实`): a sentence that follows the last clause with a role.
        at = max(i for i, m in enumerate(with_role) if m)
        if not all(with_role[: at + 1]) or any(looks_like_unit(c) for c in clauses[at + 1 :]):
            return False
    return any(m and any(looks_like_unit(n) for n in _clause_names(m.group(1))) for m in with_role)


def _convening(names: str) -> int | None:
    """Where `会同` splits a clause's names into the units that convene and those convened
    (`A、B会同C负责`: A and B lead, C supports). None when it is no such word (会同县, a county,
    in `怀化市会同县人民政府`): unless both sides are units and the left names no bare place."""
    at = names.find("会同")
    if at <= 0:
        return None
    left, _ = split_names(names[:at])
    right, _ = split_names(names[at + 2 :])
    if (
        left
        and right
        and all(looks_like_unit(n, strict=True) and not _PLACE_RE.match(n) for n in left)
        and all(looks_like_unit(n) for n in right)
    ):
        return at
    return None


def _clause_names(names: str) -> list[str]:
    """The units a clause names (split_names), both sides of a `会同`."""
    at = _convening(names) if "会同" in names else None
    if at is None:
        return split_names(names)[0]
    return split_names(names[:at])[0] + split_names(names[at + 2 :])[0]


def _without_rules(parts: list[str]) -> list[str]:
    """Clauses without the plan's rule stated among them (`列第一位的为牵头部门，其他部门和单位
    按职责分工负责，下同`): the rule, the clause on `其他`/`其余` after it, and 下同."""
    out: list[str] = []
    after_rule = False
    for part in parts:
        simple = simplified(_outside(part))
        if part == "下同" or PLAN_RULE_RE.search(simple):
            after_rule = True
            continue
        if after_rule and simple.startswith(("其他", "其余", "其它")):
            continue
        after_rule = False
        out.append(part)
    return out


def _bare_units(inner: str) -> bool:
    names, _ = split_names(inner)
    return bool(names) and all(looks_like_unit(n) for n in names)


def read_list(text: str) -> tuple[list[Clause], list[str]]:
    """The clauses of one list, and the labels it holds that are not known (warned)."""
    simple = simplified(text)
    labels = labels_in(simple)
    unknown: list[str] = []
    clauses: list[Clause] = []
    # Text before the first known label: an unknown label's text, or an unlabelled list.
    first = labels[0].start() if labels else len(text)
    head = text[:first]
    if head.strip(" 。.；;，,"):
        m = ANY_LABEL_RE.search(simplified(head))
        if m and not m.start() and simplified(head).lstrip().startswith(m.group(1)):
            unknown.append(head.strip(" 。.；;，,"))
        else:
            clauses += _inline_clauses(_without_note(head), None)
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        label = text[m.start(1) : m.end(1)]
        body = text[m.end() : end]
        # An unknown label inside this list's text ends it (`牵头单位：A。备注：…`).
        colon = "：" in body or ":" in body
        extra = ANY_LABEL_RE.search(simplified(body)) if colon else None
        if extra and not LABEL_RE.fullmatch(simplified(body[extra.start(1) : extra.end()]).strip()):
            unknown.append(body[extra.start() :].strip(" 。.；;，,"))
            body = body[: extra.start()]
        elif colon and not extra and (glued := _glued_label(simplified(body))) is not None:
            unknown.append(body[glued:].strip(" 。.；;，,"))
            body = body[:glued]
        if "。" in body:
            body = _without_note(body)
        if not body.strip(_EMPTY_BODY):
            continue
        kind, role = label_kind(label)
        if kind != "units":
            clauses.append(Clause(label, kind, None, body.strip(" 。.；;，,")))
        else:
            clauses += _inline_clauses(body, role, label)
    return clauses, unknown


_GLUED_LABEL_RE = re.compile(r"([\u4e00-\u9fff]{4,16})\s*[：:]")


def _glued_label(body: str) -> int | None:
    """Where a label written straight after the list's last unit begins (`莲塘镇任务目标：…`,
    the line break between them lost): right after the longest head that is a unit's name,
    when what follows is no unit's name; None when the colon is not such a label's."""
    m = _GLUED_LABEL_RE.search(body)
    if not m:
        return None
    run = m.group(1)
    for cut in range(len(run) - 2, 1, -1):  # the label: 2 characters or more
        head, label = run[:cut], run[cut:]
        if looks_like_unit(head, strict=True) and not looks_like_unit(label):
            return m.start(1) + cut
    return None


def _without_note(body: str) -> str:
    """A list ends at a full stop followed by a note about later measures (`…园区管委会。以下
    政策措施均需各县区人民政府落实，不再单独列出`): the sentence is a note, never units."""
    stop = body.find("。")
    if stop < 0 or stop + 1 == len(body):  # nearly always: 。 ends the list, nothing follows
        return body
    if not _LATER_NOTE_RE.search(simplified(body[stop + 1 :])):
        return body
    return body[:stop]


# What a note about the measures that follow says (以下…均需…落实，不再列出; 另行明确).
_LATER_NOTE_RE = re.compile(r"以下|不再|均需|均由|另行")


def _inline_clauses(text: str, role: str | None, label: str = "") -> list[Clause]:
    """Clauses split at ，；。 with their role words. Under a label, parts without a role word
    belong to the label; in an unlabelled list they join the next clause that has one
    (`X牵头，A、B等部门，C配合`: A and B support), or, with none after, support beside a lead
    and otherwise make one list that does not say who leads."""
    if label and not _CLAUSE_HINT_RE.search(simplified(text)):
        return [Clause(label, "units", role, text)]  # nearly always: `牵头单位：A、B` as it is
    out: list[Clause] = []
    pending: list[str] = []
    # The plan's rule, stated inside a list, is applied plan-wide: it names no units.
    for part in _without_rules([p.strip() for p in top_level_split(text, "，,；;。")]):
        if not part:
            continue
        m = CLAUSE_RE.match(simplified(part))
        names = part[m.start(1) : m.end(1)] if m and m.group(1).strip() else part
        at = _convening(simple) if "会同" in (simple := simplified(names)) else None
        if at is not None:
            # `A会同B负责`, `责任单位：A会同B`: A convenes B, as `A牵头，B配合` says.
            if label and pending:
                out.append(Clause(label, "units", role, "、".join(pending)))
                pending = []
            convener = SUPPORT if role == SUPPORT else LEAD  # 配合单位：A会同B: both support
            out.append(Clause("会同", "units", convener, "、".join([*pending, names[:at]])))
            out.append(Clause("会同", "units", SUPPORT, names[at + 2 :]))
            pending = []
            continue
        if m and m.group(1).strip():
            word = m.group(2) or m.group(3) or m.group(4) or "为牵头单位"
            this = LEAD if (m.group(2) or word == "为牵头单位") else SUPPORT if m.group(3) else None
            names = part[m.start(1) : m.end(1)]
            if _all_posts(names):  # 分管副省长、协管副秘书长负责: people, by their posts
                out.append(Clause("责任领导", "people", None, names))
                continue
            if label:
                if pending:
                    out.append(Clause(label, "units", role, "、".join(pending)))
                    pending = []
                # Under an open label (责任单位：A、B按职责分工负责) only 牵头 says who leads.
                this = this if role is not None or this == LEAD else None
                if (this or role) is None and out and out[-1].role is None:
                    # Still one list that does not say who leads: `责任单位：A、B，C按职责负责`.
                    out[-1].text = f"{out[-1].text}；{names}"  # ； ends a collective
                    continue
                out.append(Clause(label, "units", this or role, names))
            else:
                out.append(Clause(word, "units", this, "、".join([*pending, names])))
                pending = []
        elif not label and DATE_RE.search(part) and not looks_like_unit(part):
            out.append(Clause("完成时限", "deadline", None, part))
        else:
            pending.append(part)
    if pending:
        if not label:
            role = SUPPORT if any(c.role == LEAD for c in out) else None
        out.append(Clause(label or "责任单位", "units", role, "、".join(pending)))
    return out


def _outside(text: str) -> str:
    """The text without its bracketed parts."""
    spans = bracket_spans(text)
    if not spans:
        return text
    out, last = [], 0
    for start, end in spans:
        out.append(text[last:start])
        last = end
    return "".join(out) + text[last:]


_POST_RE = re.compile(r"(?:省长|市长|区长|县长|州长|盟长|旗长|秘书长|书记|主任|部长|镇长|乡长)$")


def _all_posts(text: str) -> bool:
    """Whether a clause names people by their posts only (分管副市长、市政府副秘书长)."""
    names, _ = split_names(text)
    return bool(names) and all(_POST_RE.search(simplified(n)) for n in names)


_SEGMENTS_RE, _PIECES_RE = _splitter("；;"), _splitter("、，,/")  # top_level_split's, unbracketed


def split_names(text: str) -> tuple[list[str], int]:
    """Unit names of a clause in written order, and how many empty items it held (`、、`).

    Splits at 、，,;；/ outside brackets, and at 和/及/与 only where both sides are units (住房和
    城乡建设局 stays whole); drops a trailing 等 / 等部门 / 等单位; keeps `各镇、街道` as one
    collective."""
    text = text.strip().rstrip("。.；;，, ")
    # Nearly always no bracket: split in C, without top_level_split's check of each segment.
    plain = not _ANY_OPENER_RE.search(text)
    segments = [text]
    if "；" in text or ";" in text:
        segments = _SEGMENTS_RE.split(text) if plain else top_level_split(text, "；;")
    names: list[str] = []
    empty = 0
    for segment in segments:  # a collective goes on across 、，, never across ；
        pieces = _PIECES_RE.split(segment) if plain else top_level_split(segment, "、，,/")
        first = len(names)
        for raw in pieces:
            name, joined, bare_kind = _piece(raw)
            if not name:
                empty += len(pieces) > 1 or len(segments) > 1
                continue
            if bare_kind and len(names) > first and _COLLECTIVE_RE.match(names[-1]):
                names[-1] = f"{names[-1]}、{name}"  # 各 (有关) governs the whole list
                continue
            names += joined
    return names, empty


@functools.lru_cache(maxsize=65536)  # pieces repeat heavily: one lookup for all three
def _piece(raw: str) -> tuple[str, tuple[str, ...], bool]:
    """A piece of a list: its name, the units it names (split_joined), and whether it is a
    bare kind of unit that a 各 before it governs (街道 in 各镇、街道)."""
    name = _clean_name(raw)
    if not name:
        return name, (), False
    return name, tuple(split_joined(name)), bool(_BARE_KIND_RE.match(name))


@functools.lru_cache(maxsize=65536)  # names repeat heavily
def _clean_name(raw: str) -> str:
    """A piece of a list without spaces, a trailing note or 等部门, or a footnote mark; units
    a space separates (`县教体局 各相关乡镇政府`, a table cell) keep one space between them, for
    unglue to split."""
    name = _NOTE_RE.sub("", _spaced_units(raw.strip())).strip("。.：:").lstrip("*＊※")
    return _TRAILING_ETC_RE.sub("", name) if len(name) > 3 else name


@functools.lru_cache(maxsize=65536)
def split_joined(name: str) -> list[str]:
    """`A和B` as two units when both sides are units; one name otherwise. A left side that
    ends a list with 等 (`A、B等和C`, `A等部门和C`: the open list, then one more unit) is read
    without it. A name longer than four units' names together is never split (and never a unit):
    each split looks at what follows, so a hostile run of joins would take quadratic time."""
    if len(name) > 4 * MAX_NAME or not _JOIN_RE.search(name):
        return [name]
    for m in _JOIN_RE.finditer(name):
        left, right = name[: m.start()], name[m.end() :]
        if len(left) <= MAX_NAME + 16 and "等" in left:  # a longer left is no unit anyway
            left = _TRAILING_ETC_RE.sub("", left)
        if (
            len(left) >= 2
            and looks_like_unit(left, strict=True)
            and not _BARE_KIND_RE.match(left)
            and right
            and (looks_like_unit(right) or split_joined(right) != [right])
            and not _BARE_KIND_RE.match(right)
            # 各县(市、区)党委和人民政府: 各 governs both bodies, one collective
            and not (_COLLECTIVE_RE.match(left) and _GENERIC_BODY_RE.match(right))
        ):
            return [left, *split_joined(right)]
    return [name]


# Region prefixes a glued cell repeats (县交通局县农业农村局).
_GLUE_RE = re.compile(
    r"(?<=局|委|办|厅|院|会|心|府|道|镇|乡|司|队|所|站|组|处|室|部|联|协)(?=[省市州县区])"
)


def _spaced_units(raw: str) -> str:
    """The piece without its spaces, or its words joined by one space when every word is a
    unit's name of its own, each after the first starting with a place or 各 (never
    `县住房和城乡 建设局`, one name a space breaks)."""
    words = raw.split()
    if (
        len(words) > 1
        and all(len(w) >= 3 and looks_like_unit(w, strict=True) for w in words)
        and all(region_prefix(w) or _COLLECTIVE_RE.match(w) for w in words[1:])
    ):
        return " ".join(words)
    return _SPACE_RE.sub("", raw)


@functools.lru_cache(maxsize=65536)
def unglue(name: str) -> list[str]:
    """Units written without a separator (`县交通局县农业农村局`), split where a unit's ending is
    followed by the name's own region prefix, or with only a space between them (`县教体局
    各相关乡镇政府`); the name itself when it is not that."""
    if " " in name:  # _clean_name kept the space: each word is a unit's name
        return name.split(" ")
    if len(name) < 6 or name[0] not in "省市州县区":
        return [name]
    prefix = name[0]
    cuts = [m.start() for m in _GLUE_RE.finditer(name) if name[m.start()] == prefix]
    if not cuts:
        return [name]
    parts, last = [], 0
    for cut in cuts:
        parts.append(name[last:cut])
        last = cut
    parts.append(name[last:])
    # 县委县政府 is one body's customary name, never glued units.
    if any(len(p) < 3 or p in (prefix + "委", prefix + "政府") for p in parts):
        return [name]
    if not all(looks_like_unit(p) for p in parts):
        return [name]
    return parts


@functools.lru_cache(maxsize=65536)
def plain_unit(name: str) -> bool:
    """A unit's name that needs no second look: not glued, not a bare place."""
    return looks_like_unit(name) and len(unglue(name)) == 1 and not _PLACE_RE.match(name)


def shared_suffixes(names: list[str]) -> list[str | None]:
    """Full names of places that share the suffix of a later name in the same list
    (`黄埔区、南沙区政府`: 黄埔区 is 黄埔区政府); None where a name stands as written."""
    full: list[str | None] = [None] * len(names)
    for i, name in enumerate(names):
        if not _PLACE_RE.match(name):
            continue
        for later in names[i + 1 :]:
            place = region_prefix(later)
            if len(place) >= 3 and looks_like_unit(later):
                full[i] = name + later[len(place) :]
                break
            if not _PLACE_RE.match(later):
                break
    return full


# -- the common shapes, read in one step -----------------------------------------------------
# Nearly every list is `牵头单位：A、B` with perhaps one more labelled list after it
# (`。责任单位：C、D`), or one list that does not say who leads (`责任单位：A、B`), its names
# plain units joined by 、 or a comma. `plain_lists` reads those shapes with one regex match and
# one cached check per name, and gives exactly what read_list, split_names and
# names_with_guesses give for them (bench/parse_oracle.py holds every answer to that); anything
# else is None, and the caller reads the list the general way. Why the shortcut is exact: the
# names hold no colon, so the labels matched are the only ones labels_in finds; no bracket,
# semicolon, full stop or space, so a clause is its names split at 、，, as split_names splits
# them; no role word, so _inline_clauses keeps each clause whole.
_PLAIN_NAME = r"[^\s：:（()）〔\[【［〕\]】］。.；;，,、/]+"
_PLAIN_NAMES = rf"{_PLAIN_NAME}(?:[、，,]{_PLAIN_NAME})*"


def _labels(labels: tuple[str, ...]) -> str:
    return "|".join(sorted(labels, key=len, reverse=True))


_PLAIN_LISTS_RE = re.compile(
    rf"(?:({_labels(LEAD_LABELS)})[：:]({_PLAIN_NAMES})"
    rf"(?:[。；;]({_labels(OPEN_LABELS + SUPPORT_LABELS)})[：:]({_PLAIN_NAMES}))?"
    rf"|({_labels(OPEN_LABELS)})[：:]({_PLAIN_NAMES}))[。；;]?"
)


@functools.lru_cache(maxsize=65536)
def _plain_piece(raw: str) -> bool:
    """Whether split_names and names_with_guesses keep a piece of a list as it is, unwarned,
    and _inline_clauses finds no role word in it (none spans a 、) nor a traditional form."""
    return (
        _piece(raw) == (raw, (raw,), False)
        and plain_unit(raw)
        and simplified(raw) is raw
        and not _CLAUSE_HINT_RE.search(raw)
    )


def plain_lists(block: str) -> list[tuple[str, str | None, list[str]]] | None:
    """(label, role, names) of each clause of a list in a common shape, with the role the
    lists' reader settles on (a second list that does not say its role supports; one list alone
    that does not say who leads has None); None for any other list."""
    m = _PLAIN_LISTS_RE.fullmatch(block)
    if m is None:
        return None
    lead, lead_names, more, more_names, open_label, open_names = m.groups()
    if open_label:
        names = _PIECES_RE.split(open_names)
        return [(open_label, None, names)] if all(map(_plain_piece, names)) else None
    names = _PIECES_RE.split(lead_names)
    if not all(map(_plain_piece, names)):
        return None
    out: list[tuple[str, str | None, list[str]]] = [(lead, LEAD, names)]
    if more:
        names = _PIECES_RE.split(more_names)
        if not all(map(_plain_piece, names)):
            return None
        out.append((more, label_kind(more)[1] or SUPPORT, names))
    return out
