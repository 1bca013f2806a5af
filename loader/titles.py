"""A plan's title from the lines before its first sentence, without what a web page adds.

Plans copied from a government site carry the page's furniture around the title: publishing
date and time, 来源, 浏览次数, 索引号 (labels sometimes spaced out: `索 引 号:`), a
`XX人民政府文件` banner and the 文号, a breadcrumb (`首页 >> … >> 正文`), the page's own title
line repeating the document's, and the addressees (`各镇人民政府、街道办事处，区政府各部门：`)
after which the preamble starts. Left in, all of it became the title (and so the ledger's title
row and every report that shows titles). This keeps the title's own words, once; when nothing
is left, the title a notice issues (`《X》已经…同意，现印发给你们`) is the plan's.
"""

from __future__ import annotations

import re


def _spaced(words: str) -> str:
    """`索引号|来源` -> a pattern matching each word with spaces between its characters."""
    return "|".join(r"\s*".join(map(re.escape, word)) for word in words.split("|"))


# A web page's field label: the title is what comes before the first one on a line.
_FIELD_RE = re.compile(
    r"[-•·]?\s*(?:"
    + _spaced(
        "发布日期|发布时间|更新时间|时间|发文日期|成文日期|印发日期|生效日期|废止日期|来源|"
        "信息来源|浏览次数|浏览|点击数|点击量|访问次数|阅读次数|文件编号|发布单位|发文机关|"
        "发文单位|发布机构|发布|索引号|主题分类|公文种类|文件分类|字号|文号|时效性|有效性|作者|"
        "责任编辑|字体"
    )
    + r")\s*[:：]|【\s*字体|【\s*打印|打印本页|关闭窗口|公开方式"
)
_NAME_FIELD_RE = re.compile(r"^\s*(?:" + _spaced("名称|标题|文件名称") + r")\s*[:：]\s*")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_NUMBER = r"[\u4e00-\u9fff]{1,10}\s*[〔\[［(（【]\s*\d{4}\s*[〕\]］)）】]\s*\d+\s*[号號]"
_LEADING_NUMBER_RE = re.compile(r"^\s*" + _NUMBER)
# `昆明市人民政府文件  昆政发〔2016〕13号`, a lone 文号, `(此件公开发布)`
_BANNER_RE = re.compile(r"(?:文件|" + _NUMBER + r"|[（(]此件[^）)]*[）)])\s*$|^[（(]此件")
_BREADCRUMB_RE = re.compile(r"首页|当前位置|您的位置")
_CRUMB_RE = re.compile(r"[>＞»]")
# The addressees end the title: the preamble follows them.
_ADDRESSEES_RE = re.compile(
    r"^[^：:。]{2,160}?(?:单位|部门|机构|政府|管委会|办事处|委员会|委办局|厅局|党委|团体|企业|"
    r"單位|部門|機構|辦事處)[)）]?\s*[：:]"
)
_ISSUED_RE = re.compile(r"《([^《》\n]{4,80})》[^。\n]{0,60}?(?:现印发|现予印发|印发给|予以印发)")
_ISSUED_LINES = 30  # a notice's 现印发给你们 comes within its first lines
_SPACES_RE = re.compile(r"\s+")


def _own_words(line: str) -> str:
    """The line without a page's labels, breadcrumb and leading 文号."""
    line = _NAME_FIELD_RE.sub("", line)
    if cut := _FIELD_RE.search(line):
        line = line[: cut.start()]
    if _BREADCRUMB_RE.search(line) and _CRUMB_RE.search(line):  # 首页 >> … >> 正文Title
        line = _CRUMB_RE.split(line)[-1].strip().removeprefix("正文")
    return _LEADING_NUMBER_RE.sub("", line).strip()


def title_of(lines: list[str], text: str) -> str:
    """The title: `lines` (those before the first sentence) up to the addressees, without a
    page's furniture, each wording once; else the title the notice at the top of `text`
    issues; else ""."""
    kept: list[str] = []
    for raw in lines:
        if _ADDRESSEES_RE.match(raw):
            break
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
