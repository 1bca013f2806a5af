"""Documents a plan cites: `《…》` titles and 文号 (川委发〔2016〕13号), with the issuer when the
text says it. Pure: text in, records out.

What counts as a cited document, decided here once:
- a `《…》` whose title ends as documents do (意见, 方案, 通知, 规划, 办法, 措施, 报告, 目录 ...,
  before a trailing `(试行)`/`(2018-2020年)`); a newspaper, journal or book (《人民日报》, 《求是》)
  ends otherwise and stays out;
- not the plan itself: its own title line, or the title a notice issues (`《X》…现印发给你们`);
- not a short name for a document just cited (`(以下简称《目录》)`, a later `《规划》`);
- a 文号 written after a title in brackets belongs to that title; one written alone is a document
  known only by its number, unless it is the plan's own (`own_number`).
A title the text says is to be drafted (`制定出台《…》`) is kept with kind `drafts`: a document
named, not one the plan builds on. Nothing is guessed: a damaged 文号 (`国办发〔2018104号`) is no
number, and an issuer is given only when the title, the words before it or an unambiguous
文号 prefix (国发, 川委发) name it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import MEASURE, PLAN, Citation, Document, ParsedPlan

# Kinds of citation (the CITES relationship's `kind`).
BASIS = "basis"  # the plan acts on it: 根据 / 按照 / 贯彻落实 《…》
MENTION = "mention"  # named without saying how
DRAFTS = "drafts"  # the plan is to draft it: 制定出台《…》
CITATION_KINDS = (BASIS, MENTION, DRAFTS)

# A 文号: prefix, year in any of the brackets pages use, number, 号 (號 in traditional text).
_NUMBER_CORE = (
    r"([\u4e00-\u9fff]{1,12})\s*[〔\[［【(（]\s*((?:19|20)\d\d)\s*[〕\]］】)）]"
    r"\s*(\d{1,4})\s*[号號]"
)
NUMBER_RE = re.compile(_NUMBER_CORE)
# a 文号 in the brackets after a title: `(昆政发〔2016〕13号)`, `(粤府〔2018〕79号,以下简称…)`
_PAIRED_RE = re.compile(rf"\s*[（(]\s*{_NUMBER_CORE}\s*[）),，、;；]")
# Words a 文号's prefix never holds: what is before them is the sentence, not the prefix.
_PREFIX_CUT_RE = re.compile(
    r"根据|根據|按照|依据|依據|贯彻|貫徹|落实|落實|执行|執行|印发|印發|参照|文件|转发|轉發|以及|和|及|与|的|为|為"
    r"|通知"
)
_DOC_END_RE = re.compile(
    r"(?:意见|意見|方案|通知|规划|規劃|纲要|綱要|办法|辦法|规定|規定|措施|举措|舉措|决定|決定|计划|計劃"
    r"|要点|要點|条例|條例|法|细则|細則|标准|標準|指南|清单|清單|报告|報告|目录|目錄|制度|批复|批復|函"
    r"|公告|通告|决议|決議|准则|準則|章程|政策|安排|分解|分工|任务|任務|纪要|紀要|名录|名錄|规则|規則"
    r"|指引|白皮书|通报|通報|公报|公報|行动|行動|工程|方针|方針)$"
)
_TRAILING_BRACKETS_RE = re.compile(r"(?:[（(][^（）()]*[）)])+$")
_SELF_ISSUED_RE = re.compile(r"印发给|印發給|现印发|現印發|现予印发|予以印发|印发你们")
_ISSUES_RE = re.compile(r"(?:印发|印發|转发|轉發)\s*$")  # 关于印发《X》的通知: the plan itself
_ALIAS_RE = re.compile(r"(?:以下简称|以下簡稱|下称|下稱|简称|簡稱)\s*[“\"]?《([^》]{1,20})》")
_DRAFTS_RE = re.compile(
    r"(?:制定|制订|出台|起草|编制|編制|修订|修訂|研究制定|印发|印發|印发实施|出台实施)\s*$"
)
_BASIS_RE = re.compile(
    r"根据|根據|按照|依据|依據|贯彻|貫徹|落实|落實|执行|執行|遵照|对照|對照|围绕|圍繞|推动|推動"
    r"|精神|要求|部署"
)
_TITLE_MARK_RE = re.compile(r"[《》\n]")
_CLAUSE_END_RE = re.compile(r"[。；;，,\n]")
# What the words just before a 《 may be besides an issuer: cut away, up to the last of them.
_ISSUER_CUT_RE = re.compile(
    r"^.*(?:贯彻落实|貫徹落實|贯彻|貫徹|落实|落實|执行|執行|根据|根據|按照|依据|依據|遵照|对照|對照"
    r"|围绕|圍繞|推动|推動|推进|結合|结合|参照|通过|通過|公布|发布|發布|制定|出台|起草|编制|修订"
    r"|制订|印发|印發|现将|現將|特将|将|將|的|和|及|与|為|为|据|據|了|年|在|是|对|對)"
)
_BODY_END_RE = re.compile(
    r"(?:国务院|國務院|中央|政府|委|厅|廳|办公室|辦公室|办|辦|局|人大|常委会|^省|^市|^州|^县|^縣|^区|^區)$"
)
_TITLE_ISSUER_RE = re.compile(r"^(.{2,40}?)(?:关于|關于|關於|关於|印发|印發|转发|轉發)")
_NATIONAL_RE = re.compile(r"^(?:国务院|國務院|中共中央|党中央|黨中央|中央|全国人大|全國人大)")
# Level words of a place, the last one in an issuer's name deciding (重庆市沙坪坝区 -> 区).
_LEVEL_RE = re.compile(
    r"自治区|自治區|省|(?<![城都超])市(?!场|場)|州|盟|县|縣|旗|(?<!自治)区|(?<!自治)區"
)
_LEVELS = {"自治区": "省", "自治區": "省", "省": "省", "市": "市", "州": "市", "盟": "市"}
_LEVELS |= {"县": "县", "縣": "县", "旗": "县", "区": "区", "區": "区"}
# A title that starts with a place's own name (运城市…规划) names a document unambiguously.
_PLACE_START_RE = re.compile(
    r"^(?:\d{4}年)?[\u4e00-\u9fff]{2,8}?(?<![城都超])(?:省|市(?!场)|州|县|区|自治区)"
)

# Provinces by the one-character abbreviation their 文号 start with (川委发, 湘政发, 粤府).
PROVINCES = {
    "京": "北京市", "津": "天津市", "沪": "上海市", "渝": "重庆市", "冀": "河北省", "晋": "山西省",
    "辽": "辽宁省", "吉": "吉林省", "黑": "黑龙江省", "苏": "江苏省", "浙": "浙江省",
    "皖": "安徽省",
    "闽": "福建省", "赣": "江西省", "鲁": "山东省", "豫": "河南省", "鄂": "湖北省", "湘": "湖南省",
    "粤": "广东省", "粵": "广东省", "琼": "海南省", "川": "四川省", "黔": "贵州省", "云": "云南省",
    "陕": "陕西省", "甘": "甘肃省", "青": "青海省", "蒙": "内蒙古自治区", "桂": "广西壮族自治区",
    "藏": "西藏自治区", "宁": "宁夏回族自治区", "新": "新疆维吾尔自治区",
}  # fmt: skip
# What follows the abbreviation: the issuing body (None: a party committee's own organ).
_PROVINCE_BODIES = {
    "委发": "委", "委": "委", "委办发": "委办公厅", "委办": "委办公厅",
    "政发": "人民政府", "政": "人民政府", "府发": "人民政府", "府": "人民政府", "政函": "人民政府",
    "府函": "人民政府", "政办发": "人民政府办公厅", "府办发": "人民政府办公厅",
    "办发": "人民政府办公厅",
    "政办": "人民政府办公厅", "府办": "人民政府办公厅", "办函": "人民政府办公厅",
}  # fmt: skip
_NATIONAL_PREFIXES = {
    "国发": "国务院", "国函": "国务院", "国办发": "国务院办公厅", "国办函": "国务院办公厅",
    "中发": "中共中央", "中办发": "中共中央办公厅",
}  # fmt: skip


@dataclass(frozen=True)
class Cited:
    """One document cited in a text, as the text names it."""

    title: str  # inside 《》, whitespace removed; "" for a 文号 cited alone
    number: str  # the 文号 with its year in 〔〕, or ""
    issuer: str  # as the text names it (昆明市人民政府, 市委、市政府, 省), or ""
    level: str  # 国家, 省, 市, 县, 区, or "" when the issuer does not say
    kind: str  # BASIS, MENTION or DRAFTS


def normal_number(prefix: str, year: str, n: str) -> str:
    return f"{prefix}〔{year}〕{int(n)}号"


def _prefix(raw: str) -> str:
    """A 文号's prefix: the characters before its bracket, after the sentence's last word."""
    return _PREFIX_CUT_RE.split(raw)[-1][-6:]


def _numbers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, 文号) of every 文号 in `text` with a prefix of two characters or more."""
    found = []
    for m in NUMBER_RE.finditer(text):
        prefix = _prefix(m.group(1))
        if len(prefix) >= 2:
            start = m.end(1) - len(prefix)
            found.append((start, m.end(), normal_number(prefix, m.group(2), m.group(3))))
    return found


def decode_number(number: str) -> tuple[str, str]:
    """(issuer, level) a 文号's prefix names: 国发 -> 国务院, 川委发 -> 四川省委; ("", "") when the
    prefix does not say (自府办发: a city's or a county's?)."""
    prefix = number.split("〔", 1)[0]
    if prefix in _NATIONAL_PREFIXES:
        return _NATIONAL_PREFIXES[prefix], "国家"
    body = _PROVINCE_BODIES.get(prefix[1:])
    province = PROVINCES.get(prefix[:1])
    if body is None or province is None:
        return "", ""
    if body.startswith("委") and province.endswith("自治区"):
        body = "党" + body
    return province + body, "省"


def level_of(issuer: str) -> str:
    """国家, 省, 市, 县 or 区, from the issuer's name; "" when it names no level."""
    if _NATIONAL_RE.match(issuer):
        return "国家"
    if issuer[:2] in {"北京", "天津", "上海", "重庆"} and not re.search("[区县區縣]", issuer):
        return "省"
    levels = _LEVEL_RE.findall(issuer)
    return _LEVELS.get(levels[-1], "") if levels else ""


def title_issuer(title: str) -> str:
    """The issuer a title starts with (`昆明市人民政府关于…` -> 昆明市人民政府), or ""."""
    m = _TITLE_ISSUER_RE.match(title)
    if m and _BODY_END_RE.search(m.group(1)) and not _ISSUER_CUT_RE.match(m.group(1)):
        return m.group(1)
    return ""


def _issuer_before(text: str, start: int) -> str:
    """The issuer written just before a 《 (`市委、市政府《`, `国务院《`, `省《`), or ""."""
    m = re.search(r"[\u4e00-\u9fff、]{1,24}$", text[max(0, start - 24) : start])
    if not m:
        return ""
    words = _ISSUER_CUT_RE.sub("", m.group(0)).strip("、")
    return words if words and _BODY_END_RE.search(words) else ""


def _clause_before(text: str, start: int) -> str:
    ends = list(_CLAUSE_END_RE.finditer(text, max(0, start - 80), start))
    return text[ends[-1].end() if ends else max(0, start - 80) : start]


def _kind(text: str, start: int, issuer: str) -> str:
    before = _clause_before(text, start)
    if issuer and before.endswith(issuer):
        before = before[: -len(issuer)]
    if _DRAFTS_RE.search(before):
        return DRAFTS
    return BASIS if _BASIS_RE.search(before + text[start : start + 2]) else MENTION


def _titles(text: str) -> list[tuple[int, int, str]]:
    """(start, end, title) of every outermost 《…》; nested 《》 stay inside the title."""
    found: list[tuple[int, int, str]] = []
    if "《" not in text:
        return found
    depth, start = 0, 0
    for m in _TITLE_MARK_RE.finditer(text):  # only the marks, not every character (long plans)
        i, ch = m.start(), m.group(0)
        if ch == "《":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
            if depth == 0:
                found.append((start, i + 1, re.sub(r"\s+", "", text[start + 1 : i])))
        elif ch == "\n" and depth:  # a lost 》 does not swallow the rest of the plan
            depth = 0
    return found


def is_document_title(title: str) -> bool:
    """Whether a 《》 title names a document (意见, 方案 …), not a newspaper or a book."""
    return bool(_DOC_END_RE.search(_TRAILING_BRACKETS_RE.sub("", title)))


def _key(title: str) -> str:
    return re.sub(r"[\s《》〈〉<>“”\"'‘’]", "", title)


def cited_documents(text: str, plan_title: str = "", own: str | None = None) -> list[Cited]:
    """Every document `text` cites, in written order, each once (see the module docstring).

    `own` is the plan's own 文号 (found in `text` when not given), never read as a citation."""
    if "《" not in text and "号" not in text and "號" not in text:
        return []
    own_title = _key(plan_title)
    aliases = set(_ALIAS_RE.findall(text))
    found: list[tuple[int, Cited]] = []
    seen: set[tuple[str, str]] = set()
    paired: set[int] = set()  # starts of 文号 that belong to a title
    titles: list[str] = []
    for start, end, title in _titles(text):
        m = _PAIRED_RE.match(text, end)
        number = ""
        if m and len(prefix := _prefix(m.group(1))) >= 2:
            number = normal_number(prefix, m.group(2), m.group(3))
            paired.add(m.end(1) - len(prefix))
        sentence = re.split(r"[。\n]", text[end : end + 60], maxsplit=1)[0]
        back_reference = len(title) <= 6 and any(t.endswith(title) for t in titles)
        if (
            title in aliases
            or back_reference
            or not is_document_title(title)
            or (own_title and _key(title) in own_title)
            or _SELF_ISSUED_RE.search(sentence)
            or (
                _ISSUES_RE.search(text[max(0, start - 4) : start]) and sentence.startswith("的通知")
            )
        ):
            continue
        titles.append(title)
        if (title, number) in seen:
            continue
        seen.add((title, number))
        issuer = title_issuer(title) or _issuer_before(text, start) or decode_number(number)[0]
        level = level_of(issuer) or decode_number(number)[1]
        found.append((start, Cited(title, number, issuer, level, _kind(text, start, issuer))))
    own = own_number(text) if own is None else own
    for start, _, number in _numbers(text):
        if start in paired or number == own or ("", number) in seen:
            continue
        seen.add(("", number))
        issuer, level = decode_number(number)
        kind = BASIS if _BASIS_RE.search(_clause_before(text, start)) else MENTION
        found.append((start, Cited("", number, issuer, level, kind)))
    return [c for _, c in sorted(found, key=lambda f: f[0])]


def own_number(text: str, head: int = 3000) -> str:
    """The plan's own 文号: the first in its first `head` characters that is not cited (not after
    a 《title》, not in a clause that cites: 根据 / 贯彻落实 …); "" when the text gives none."""
    part = text[:head]
    for start, _, number in _numbers(part):
        if re.search(r"》\s*[（(]\s*$", part[:start]):
            continue
        if _BASIS_RE.search(_clause_before(part, start)):
            continue
        return number
    return ""


def document_key(cited: Cited, plan: str) -> str:
    """The Document's id: its 文号; else its title when the title names its place or issuer
    (运城市…规划, 国务院关于…); else the issuer and title when the issuer names a place
    (国务院《关于…》); else the title within the citing plan (`<plan>/《政府工作报告》`),
    since a relative issuer (市委, 省) is not resolved to a place."""
    if cited.number:
        return cited.number
    if _PLACE_START_RE.match(cited.title) or _NATIONAL_RE.match(cited.title):
        return f"《{cited.title}》"
    if cited.issuer and (_NATIONAL_RE.match(cited.issuer) or _PLACE_START_RE.match(cited.issuer)):
        return f"{cited.issuer}《{cited.title}》"
    return f"{plan}/《{cited.title}》"


def title_keys(title: str) -> set[str]:
    """Forms a title is matched by: itself, and the title a notice issues
    (`关于印发《X》的通知` and `…关于印发X的通知` -> X), without quotes, brackets and spaces."""
    key = _key(title)
    keys = {key} if key else set()
    m = re.search(r"(?:印发|印發|转发|轉發)(.+?)的通知$", key)
    if m:
        keys.add(m.group(1))
    return keys


_STRENGTH = {DRAFTS: 0, MENTION: 1, BASIS: 2}


def attach(parsed: ParsedPlan, text: str) -> None:
    """Give `parsed` the documents its text cites: the plan cites every one, wherever it is
    written; a measure cites those in its own text. `parsed.plan.number` must be set."""
    plan = parsed.plan
    documents: dict[str, Document] = {}
    by_plan: dict[str, str] = {}  # document id -> the strongest kind the plan cites it with
    by_measure: dict[tuple[str, str], str] = {}

    def add(cited: Cited) -> str:
        key = document_key(cited, plan.id)
        documents.setdefault(
            key, Document(key, cited.title, cited.number, cited.issuer, cited.level)
        )
        if _STRENGTH[cited.kind] > _STRENGTH.get(by_plan.get(key, ""), -1):
            by_plan[key] = cited.kind
        return key

    for cited in cited_documents(text, plan.title, plan.number):
        add(cited)
    for measure in parsed.measures:
        for cited in cited_documents(measure.text, plan.title, plan.number):
            by_measure.setdefault((measure.id, add(cited)), cited.kind)
    parsed.documents = list(documents.values())
    parsed.citations = [Citation(plan.id, PLAN, key, kind) for key, kind in by_plan.items()]
    parsed.citations += [Citation(m, MEASURE, key, kind) for (m, key), kind in by_measure.items()]
