"""Quantified commitments in a measure's text: money, percentages, durations, frequencies,
head counts and deadlines, each with its value or range, unit and the exact text span.
"""

from __future__ import annotations

import bisect
import math
import re

from .deadlines import DEADLINE_RE
from .model import Commitment
from .numerals import chinese_value

# Every kind a Commitment may have, in the order the docs list them.
KINDS = ("money", "percent", "duration", "frequency", "count", "deadline")

_CN = "一二两三四五六七八九十百"
# Numbers are matched only from their first character and never given back (possessive), so a
# long run of digits, numerals or spaces costs linear time rather than quadratic.
_DEC = r"(?<!\d)\d++(?:\.\d++)?"
_NUM = rf"{_DEC}|(?<![{_CN}])[{_CN}]++"
_DASH = r"\s*+[—–\-－~～至到]++\s*+"

MONEY_RE = re.compile(
    rf"(?P<low>{_DEC})(?:{_DASH}(?P<high>\d++(?:\.\d++)?))?\s*+(?P<unit>亿元|万元|千元|元)"
)
PERCENT_RE = re.compile(
    r"(?:(?P<qual>不低于|不少于|不超过|不高于|至少|达到|超过)\s*+)?"
    rf"(?P<low>{_DEC})(?:\s*+[%％]?{_DASH}(?P<high>\d++(?:\.\d++)?))?\s*+[%％]"
    r"(?P<after>以上|以下|左右)?"
)
DURATION_RE = re.compile(
    rf"(?P<qual>连续)\s*+(?P<low>{_NUM})\s*+(?P<unit>年|个月|天)|"
    rf"(?P<low2>{_NUM})\s*+(?P<unit2>年|个月)(?P<after>及以上|以上|以内|内)"
)
FREQUENCY_RE = re.compile(
    r"每(?P<unit>年|季度|半年|月|周)(?P<qual>至少)?"
    rf"(?:[^，。；、\d{_CN}]{{0,6}}?(?P<count>\d++|[{_CN}])次)?"
)
COUNT_RE = re.compile(rf"(?P<low>(?<!\d)\d++|(?<![{_CN}])[{_CN}]++)\s*+名")


def _value(text: str | None) -> float | None:
    """A number as written (digits or Chinese numerals); None when it is not a usable one."""
    if text is None:
        return None
    if text[0].isdigit():
        value = float(text)
        return value if math.isfinite(value) else None  # hundreds of digits: not a figure
    number = chinese_value(text)
    return None if number is None else float(number)


def extract(measure_id: str, plan_id: str, text: str) -> list[Commitment]:
    """Every quantified commitment in one measure's text, in order of appearance."""
    found: list[tuple[int, int, str, float | None, float | None, str, str]] = []
    # The spans taken so far, by start: they never overlap, so their ends are in order too and
    # the one starting last before a new span ends is the only one that can overlap it (a
    # measure with hundreds of figures is checked in n log n, not n²).
    starts: list[int] = []
    ends: list[int] = []

    def add(
        m: re.Match[str],
        kind: str,
        low: float | None,
        high: float | None,
        unit: str,
        qualifier: str = "",
    ) -> None:
        start, end = m.span()
        at = bisect.bisect_left(starts, end)
        if at and ends[at - 1] > start:
            return  # already covered by an earlier, more specific pattern
        starts.insert(at, start)
        ends.insert(at, end)
        found.append((start, end, kind, low, high, unit, qualifier))

    # Each pattern needs a literal of its own (元, %, 年/月/天, 每, 名, 年…前): a text holding
    # none of them is not scanned by it; most measures hold few or none.
    money = "元" in text
    percent = "%" in text or "％" in text
    year = "年" in text
    duration = year or "月" in text or "天" in text
    frequency = "每" in text
    count = "名" in text
    deadline = year and "前" in text
    if not (money or percent or duration or frequency or count):
        return []
    for m in MONEY_RE.finditer(text) if money else ():
        low, high = _value(m["low"]), _value(m["high"])
        add(m, "money", low, high if high is not None else low, m["unit"])
    for m in PERCENT_RE.finditer(text) if percent else ():
        low, high = _value(m["low"]), _value(m["high"])
        qual = (m["qual"] or "") + (m["after"] or "")
        if high is None:
            high = None if qual in ("不低于", "不少于", "至少", "超过", "以上") else low
            if qual in ("不超过", "不高于", "以下"):
                low, high = None, low
        add(m, "percent", low, high, "%", qual)
    for m in DURATION_RE.finditer(text) if duration else ():
        low = _value(m["low"] or m["low2"])
        unit = m["unit"] or m["unit2"]
        qual = m["qual"] or m["after"] or ""
        add(m, "duration", low, None if "以上" in qual else low, unit, qual)
    for m in FREQUENCY_RE.finditer(text) if frequency else ():
        times = _value(m["count"]) if m["count"] else 1.0  # not `count`: that flag is read below
        add(m, "frequency", times, None if m["qual"] else times, f"次/{m['unit']}", m["qual"] or "")
    for m in COUNT_RE.finditer(text) if count else ():
        low = _value(m["low"])
        add(m, "count", low, low, "名")
    for m in DEADLINE_RE.finditer(text) if deadline else ():
        add(m, "deadline", float(m["low"]), float(m["low"]), "年", (m["when"] or "") + m["after"])
    found.sort()
    return [
        Commitment(
            f"{measure_id}/q{i}",
            plan_id,
            measure_id,
            kind,
            low,
            high,
            unit,
            qual,
            text[start:end].strip(),
        )
        for i, (start, end, kind, low, high, unit, qual) in enumerate(found, start=1)
    ]
