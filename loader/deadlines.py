"""Deadlines as data: the words a plan gives for when a measure is due, normalised.

A deadline is written in a table column or a labelled clause (完成时限：2024年6月底前, read
by loader.units into Measure.deadline) or in the measure's own text (2023年底前完成). Either way
it becomes `due` (the last day of the period it names), `recurrence` (yearly / quarterly /
monthly / none) and `ongoing` (长期坚持, 持续推进). A year left unsaid (12月底前, 年内, 明年) is
the plan's year, read from its title or 文号 unless the caller gives it.

This module is the one place that reads time words: the `deadline` commitments of
loader.commitments use its DEADLINE_RE.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .numerals import chinese_value

NONE = "none"
YEARLY = "yearly"
QUARTERLY = "quarterly"
MONTHLY = "monthly"
RECURRENCES = (NONE, YEARLY, QUARTERLY, MONTHLY)

# A deadline commitment in a measure's text (2023年底前, 2024年6月前): kept exactly as
# loader.commitments has always matched it, so its records do not change.
DEADLINE_RE = re.compile(
    r"(?P<low>20\d\d)\s*+年(?P<when>底|年底|上半年|\d{1,2}\s*+月(?:底)?)?"
    r"(?P<after>前|之前|以前)"
)

_FOLD = str.maketrans("０１２３４５６７８９－～", "0123456789-~")
_FOLDED_RE = re.compile("[０-９－～]")  # str.translate looks up every character: only if needed


def _fold(text: str) -> str:
    """Full-width digits and dashes as ASCII ones."""
    return text.translate(_FOLD) if _FOLDED_RE.search(text) else text


_CN = "一二三四五六七八九十"
_MONTH = rf"(?P<month>\d{{1,2}}|[{_CN}]{{1,3}})\s*月(?:份)?"
_DAY = r"(?:\s*(?P<day>\d{1,2})\s*[日号])?"
_PART = r"(?P<part>上旬|中旬|下旬|底|末|中)?"
_HALF = r"(?P<half>上半年|下半年|年底|年末|底|末)"
_QUARTER = r"第?(?P<quarter>[1-4一二三四])\s*季度"
_YEAR = r"(?P<year>(?:19|20)\d\d)\s*年"
# 三年内 is a duration, not this year: no numeral before a relative year.
_REL = (
    r"(?<![\d一二三四五六七八九十两几])"
    r"(?P<rel>年内|年底|年末|今年|本年|当年|全年|明年|次年|来年)"
)
_DASH = r"\s*[—–\-~至到]+\s*"
# One period: a year (written or relative) with a month, quarter or half, or a month alone.
PERIOD_RE = re.compile(
    rf"(?P<range>(?P<from>(?:19|20)\d\d)\s*年?{_DASH}(?P<to>(?:19|20)\d\d)\s*年)"
    rf"|(?:{_YEAR}|{_REL})?\s*(?:{_MONTH}{_DAY}{_PART}|{_QUARTER}|{_HALF})?"
)
ONGOING_RE = re.compile(r"长期|持续|常态化|经常性")
RECURRENCE_RE = re.compile(r"每(?P<unit>年度?|季度?|个?月)")


def _unnamed(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


# The time words of a measure's text worth reading when no deadline is given: a dated
# `…前`, this or next year's end, a span of years, a recurrence, an ongoing task.
TEXT_RE = re.compile(
    _unnamed(
        rf"{_YEAR}(?:{_MONTH}{_DAY}{_PART}|{_QUARTER}|{_HALF})?\s*(?:前|之前|以前)"
        rf"|(?:今年|明年)?(?:年底|年末)前?|(?<![\d{_CN}两几])年内"
        rf"|(?:19|20)\d\d\s*年?{_DASH}(?:19|20)\d\d\s*年"
        rf"|{_MONTH}(?:\s*\d{{1,2}}\s*[日号])?(?:底|末)?\s*(?:前|之前|以前)"
        r"|每季度|每年|每月|长期坚持|持续推进"
    )
)
_RELATIVE = {"明年": 1, "次年": 1, "来年": 1}
_TEXT_WORDS = ("前", "年内", "年底", "年末", "每季度", "每年", "每月", "长期坚持", "持续推进")
_TEXT_WORDS_RE = re.compile("|".join(_TEXT_WORDS))  # one scan in C instead of one per word
_RANGE_HINT_RE = re.compile(r"(?:19|20|１９|２０)\d\d\s*年?\s*[—–\-－~～至到]")


@dataclass(frozen=True)
class Deadline:
    """A deadline normalised. `due` is None when the words name no day (每季度, 长期坚持) or
    when they name one relative to a year nobody gave (`needs_year`)."""

    written: str
    due: date | None
    recurrence: str = NONE
    ongoing: bool = False
    needs_year: bool = False  # a relative year (年内, 12月底前) and no plan year to read it by

    @property
    def due_text(self) -> str:
        """`due` as stored: an ISO date (sorts and compares as a string on both stores)."""
        return self.due.isoformat() if self.due else ""


def _month_value(text: str) -> int | None:
    value = chinese_value(text)
    return value if value is not None and 1 <= value <= 12 else None


def _end_of(year: int, month: int, day: int | None = None, part: str | None = None) -> date:
    last = calendar.monthrange(year, month)[1]
    if day is not None and 1 <= day <= last:
        return date(year, month, day)
    if part == "上旬":
        return date(year, month, 10)
    if part in ("中旬", "中"):
        return date(year, month, 20)
    return date(year, month, last)


def _period(m: re.Match[str], plan_year: int | None) -> tuple[date | None, bool]:
    """(last day of the period matched, whether a missing year kept it from having one)."""
    if m["range"]:
        return date(int(m["to"]), 12, 31), False
    has_time = m["month"] or m["quarter"] or m["half"]
    if not (m["year"] or m["rel"] or has_time):
        return None, False
    if m["year"]:
        year: int | None = int(m["year"])
    elif plan_year is None:
        return None, True
    else:
        year = plan_year + _RELATIVE.get(m["rel"] or "", 0)
    assert year is not None
    if m["month"]:
        month = _month_value(m["month"])
        if month is None:
            return None, False
        return _end_of(year, month, int(m["day"]) if m["day"] else None, m["part"]), False
    if m["quarter"]:
        quarter = _month_value(m["quarter"]) or 4
        return _end_of(year, min(quarter, 4) * 3), False
    if m["half"] == "上半年":
        return date(year, 6, 30), False
    return date(year, 12, 31), False


def normalise(written: str, plan_year: int | None = None) -> Deadline:
    """What the words `written` mean as a deadline; several (`5月底前动工；12月底前`) give the
    latest day. `plan_year` is the year of a relative deadline (年内, 12月底前)."""
    text = _fold(written)
    recurrence = NONE
    for m in RECURRENCE_RE.finditer(text):
        word = m["unit"]
        if word.startswith("年"):
            recurrence = YEARLY
        elif word.startswith("季"):
            recurrence = QUARTERLY
        else:
            recurrence = MONTHLY
        break
    due: date | None = None
    needs_year = False
    if recurrence == NONE or re.search(r"\d|[前底内]", text):
        for m in PERIOD_RE.finditer(text):
            if not m.group(0).strip():
                continue
            if recurrence != NONE and not m["year"] and not m["range"]:
                continue  # 每季度末月20日: a day in each period, not one due day
            day, missing = _period(m, plan_year)
            needs_year = needs_year or missing
            if day is not None and (due is None or day > due):
                due = day
    return Deadline(written, due, recurrence, bool(ONGOING_RE.search(text)), needs_year)


def find(text: str) -> str:
    """The first time words of a measure's text (`2023年底前`, `年内`, `每季度`); empty
    when it has none."""
    # Every form needs one of these words (a span of years: a year and a dash); most measure
    # texts hold none, and the search itself is slow (many alternatives, no literal prefix).
    if not (
        _TEXT_WORDS_RE.search(text) or ("年" in text and _RANGE_HINT_RE.search(text) is not None)
    ):
        return ""
    m = TEXT_RE.search(_fold(text))
    return text[m.start() : m.end()] if m else ""


# The plan's year: in its title (2024年…工作要点, 三年行动计划（2023—2025年）) or its 文号
# (竹府办〔2016〕20号), which names the year it was issued.
TITLE_YEAR_RE = re.compile(r"((?:19|20)\d\d)\s*年")
DOC_NUMBER_RE = re.compile(r"[〔\[［【(（]\s*((?:19|20)\d\d)\s*[〕\]］】)）]\s*\d+\s*号")


def plan_year(title: str, text: str = "", head: int = 3000) -> int | None:
    """The year relative deadlines of a plan are read by: the first year of its title, else
    of a 文号 in its first `head` characters; None when neither gives one."""
    m = TITLE_YEAR_RE.search(_fold(title))
    if m:
        return int(m.group(1))
    m = DOC_NUMBER_RE.search(_fold(text[:head]))
    return int(m.group(1)) if m else None
