"""A plan's title from the lines before its first sentence, without what a web page adds.

Plans copied from a government site carry the page's furniture around the title: publishing
date and time, 来源, 浏览次数, 索引号 (labels sometimes spaced out: `索 引 号:`, or without a
colon, several label and value pairs to a line: `发布机构 X 成文日期 2023-05-06`), the site's
name (`X人民政府门户网站`, `X政府网`) and its own words (`欢迎来到…`, `繁体 | 本网站…`, `分享`),
a `XX人民政府文件` banner and the 文号, a breadcrumb (`首页 >> … >> 正文`, `当前位置：…`), the
page's own title line repeating the document's, and the addressees
(`各镇人民政府、街道办事处，区政府各部门：`) after which the preamble starts. Left in, all of
it became the title (and so the ledger's title row and every report that shows titles). A
line is dropped for its shape (labels and values, the site's name), never for one site's
wording. This keeps the title's own words, once; when nothing is left, the title a notice
issues (`《X》已经…同意，现印发给你们`) is the plan's. The plan's year is still read from all
the lines, furniture included (a 文号 or date there dates its deadlines; loader.parse).
"""

from __future__ import annotations

import re


def _spaced(words: str) -> str:
    """`索引号|来源` -> a pattern matching each word with spaces between its characters."""
    return "|".join(r"\s*".join(map(re.escape, word)) for word in words.split("|"))


# A web page's field labels (the 政府信息公开 table's, the article's).
_LABELS = _spaced(
    "发布日期|发布时间|更新时间|时间|发文日期|成文日期|印发日期|生效日期|废止日期|来源|"
    "信息来源|浏览次数|浏览|点击数|点击量|访问次数|阅读次数|文件编号|发布单位|发文机关|"
    "发文单位|发布机构|发布|索引号|主题分类|组配分类|体裁分类|信息分类|分类|主题词|公文种类|"
    "文件分类|字号|文号|时效性|有效性|公开方式|公开范围|所属机构|作者|责任编辑|字体|"
    "发表日期|发表时间|文件类型|发文字号|效力状态|生成日期|公开日期|内容概述|发文机构|公文目录|"
    # the same labels as pages converted to traditional characters write them
    "發布日期|發布時間|發表日期|發表時間|更新時間|時間|來源|信息來源|瀏覽次數|點擊數|閱讀次數"
)
# The title is what comes before the first label on a line: a label with a colon anywhere, …
_FIELD_RE = re.compile(
    r"[-•·]?\s*(?:" + _LABELS + r")\s*[:：]|【\s*字体|【\s*打印|打印本页|关闭窗口|公开方式"
)
# … a label standing as a word, between spaces or at an end of the line (`发布机构 X 成文日期
# 2023-05-06`, `有效性`: never a title's wording, which runs on), or a leading numeric date.
_BARE_FIELD_RE = re.compile(
    r"(?:^|(?<=\s))[-•·]?\s*(?:" + _LABELS + r")(?=\s|$)|^\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)"
)
# Lines of the site itself, never of a document: its name (X人民政府门户网站, X政府网, X局网站),
# its greeting and tools (欢迎来到…, 繁体 | 本网站已支持IPv6), its buttons alone (分享, 【打印】).
_SITE_NAME_RE = re.compile(
    r"^[\u4e00-\u9fff]{2,30}?(?:门户网站|网站|门户网|(?:政府|政务|中国|[省市县区州旗局委厅办])网)"
    r"[!！。.]?$"
)
_SITE_WORDS_RE = re.compile(
    r"^(?:欢迎(?:来到|访问|光临|您)|繁体|繁體|简体|无障碍|無障礙|手机版|长者模式)|本网站"
    r"|^政府信息公开(?:目录|专栏|平台|专题)?$"  # the site's section, never a document's title
)
# A label alone on its line: the next line is its value (`发文单位` / `区人民政府办公室`).
_LONE_LABEL_RE = re.compile(r"^\s*(?:" + _LABELS + r")\s*[:：]?\s*$")
_BUTTONS_RE = re.compile(r"^(?:分享|打印|关闭|收藏|返回|【[^】\n]{0,8}】|[|｜/]|\s)+$")
_TITLE_WORDS_RE = re.compile(r"关于|印发|的")  # a site's name holds none of them
_NAME_FIELD_RE = re.compile(r"^\s*(?:" + _spaced("名称|标题|文件名称") + r")\s*[:：]\s*")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_NUMBER = r"[\u4e00-\u9fff]{1,10}\s*[〔\[［(（【]\s*\d{4}\s*[〕\]］)）】]\s*\d+\s*[号號]"
_LEADING_NUMBER_RE = re.compile(r"^\s*" + _NUMBER)
# `昆明市人民政府文件  昆政发〔2016〕13号`, a lone 文号, `(此件公开发布)`
_BANNER_RE = re.compile(r"(?:文件|" + _NUMBER + r"|[（(]此件[^）)]*[）)])\s*$|^[（(]此件")
_BREADCRUMB_RE = re.compile(r"首页|当前位置|您的位置")
# 当前位置：…, 您当前的位置是:…
_POSITION_RE = re.compile(r"^\s*(?:您?当前的?位置|您的位置)是?\s*[:：]?")
_CRUMB_RE = re.compile(r"[>＞»]")
_TITLE_CRUMB = 10  # characters: a crumb this long is the document's title, not a section's
# The addressees end the title: the preamble follows them.
_ADDRESSEES_RE = re.compile(
    r"^[^：:。]{2,160}?(?:单位|部门|机构|政府|管委会|办事处|委员会|委办局|厅局|党委|团体|企业|"
    r"單位|部門|機構|辦事處)[)）]?\s*[：:]"
)
_ISSUED_RE = re.compile(r"《([^《》\n]{4,80})》[^。\n]{0,60}?(?:现印发|现予印发|印发给|予以印发)")
_ISSUED_LINES = 30  # a notice's 现印发给你们 comes within its first lines
_SPACES_RE = re.compile(r"\s+")


def _site_line(line: str) -> bool:
    """Whether the line is the site's own: its name, greeting, tools or buttons."""
    bare = _SPACES_RE.sub("", line)
    if _SITE_NAME_RE.match(bare) and not _TITLE_WORDS_RE.search(bare):
        return True
    return bool(_SITE_WORDS_RE.search(bare) or _BUTTONS_RE.match(line))


def _own_words(line: str) -> str:
    """The line without a page's labels, site lines, breadcrumb and leading 文号."""
    if _site_line(line):
        return ""
    line = _NAME_FIELD_RE.sub("", line)
    cuts = [m.start() for m in (_FIELD_RE.search(line), _BARE_FIELD_RE.search(line)) if m]
    if cuts:
        line = line[: min(cuts)]
    if _POSITION_RE.match(line) or (_BREADCRUMB_RE.search(line) and _CRUMB_RE.search(line)):
        # 首页 >> … >> 正文Title: the title only when glued after 正文 or as long as a title
        last = _CRUMB_RE.split(_POSITION_RE.sub("", line))[-1].strip()
        if last.startswith("正文"):
            line = last.removeprefix("正文")
        else:
            line = last if len(_SPACES_RE.sub("", last)) >= _TITLE_CRUMB else ""
    return _LEADING_NUMBER_RE.sub("", line).strip()


_VALUE_LEN = 12  # characters: a label's value on its own line is no longer
_DATE_VALUE_RE = re.compile(r"\d{4}(?:年\d{1,2}月|[-/.]\d{1,2})")  # 2023年02月13日, 2023-02-13


def _value_line(line: str) -> bool:
    """Whether a line after a label alone on its line is that label's value: short (`有效`,
    `区人民政府办公室`) or a date; a title is longer, and a label may have no value."""
    bare = _SPACES_RE.sub("", line)
    return len(bare) <= _VALUE_LEN or bool(_DATE_VALUE_RE.match(bare))


def title_of(lines: list[str], text: str) -> str:
    """The title: `lines` (those before the first sentence) up to the addressees, without a
    page's furniture, each wording once; else the title the notice at the top of `text`
    issues; else ""."""
    kept: list[str] = []
    value = False  # the line is the value of a label alone on the line before
    for raw in lines:
        if _ADDRESSEES_RE.match(raw):
            break
        if value and _value_line(raw):
            value = False
            continue
        value = bool(_LONE_LABEL_RE.match(raw))
        if value:
            continue
        line = _own_words(raw)
        if not _CJK_RE.search(line) or _BANNER_RE.search(line):
            continue
        key = _SPACES_RE.sub("", line)
        if any(key in _SPACES_RE.sub("", k) for k in kept):
            continue  # the page's title line and the document's say the same
        kept = [k for k in kept if _SPACES_RE.sub("", k) not in key]
        kept.append(line)
    if kept:
        return "".join(kept)
    head = "\n".join(text.splitlines()[:_ISSUED_LINES])
    issued = _ISSUED_RE.search(head)
    return issued.group(1).strip() if issued else ""
