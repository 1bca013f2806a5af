"""Chinese numerals as numbers: 一 -> 1, 十二 -> 12, 二十 -> 20, 一百零五 -> 105."""

from __future__ import annotations

DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def chinese_value(text: str) -> int | None:
    """Value of a Chinese numeral up to 999, or of digits; None when it is not one number
    (一二三 is a list of numerals, not a number)."""
    if text.isdigit():
        return int(text)
    total, current = 0, None
    for ch in text:
        if ch in "十百":
            total += (current or 1) * (10 if ch == "十" else 100)
            current = None
        elif ch not in DIGITS or (current is not None and current != 0):
            return None
        else:
            current = DIGITS[ch]
    return total + (current or 0)
