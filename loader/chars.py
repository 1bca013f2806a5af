"""Characters of plan text: traditional forms read as simplified ones, cheaply; invisible,
forbidden and look-alike characters cleaned before a plan is read."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass


def simplifier(traditional: str, simplified: str) -> Callable[[str], str]:
    """A function mapping each of `traditional` to the character at the same place in
    `simplified`, one for one (lengths stay the same). Text holding none of them, nearly all
    text, is returned as it is after one regex scan: str.translate looks every CJK character
    up in a dict and was the parser's largest single cost. A text that holds a few is changed
    at those characters only (a whole plan took 5 ms to translate for a handful); a text dense
    with them (over a quarter) is translated, which is then cheaper than a call per character."""
    table = str.maketrans(traditional, simplified)
    each = dict(zip(traditional, simplified, strict=True))
    present = re.compile(f"[{re.escape(traditional)}]")

    def simplify(text: str) -> str:
        if not present.search(text):
            return text
        if len(text) > 256 and len(present.findall(text)) * 4 > len(text):
            return text.translate(table)
        return present.sub(lambda m: each[m.group()], text)

    return simplify


# Characters removed from plan text before it is read: they are invisible, or XML forbids them,
# and inside a name each would make a second department that looks like the first.
# - controls (C0 and C1, not tab and line breaks);
# - every format character of Unicode 15 (category Cf: soft hyphen, U+061C, U+180E, zero-width
#   and bidi controls, word joiners, BOM, interlinear annotation marks, tag characters ...);
# - invisible marks that are not Cf: combining grapheme joiner U+034F, variation selectors
#   (U+FE00–FE0F, U+E0100–E01EF, Mongolian U+180B–180F) and the Hangul fillers (U+115F, U+1160,
#   U+3164, U+FFA0), which render as nothing;
# - lone surrogates and noncharacters (U+FDD0–FDEF, U+xFFFE/xFFFF of every plane), which XML
#   forbids: a name holding one could not be exported to GraphML or GEXF.
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_MARKS = "\u034f\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef\u115f\u1160\u3164\uffa0"
_NONCHARACTERS = "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17)
)
INVISIBLE_RE = re.compile(
    f"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f{_FORMAT}{_MARKS}{_NONCHARACTERS}]"
)
# Look-alikes of CJK ideographs that Unicode itself maps to them: Kangxi radicals (⼯ for 工),
# CJK radicals and compatibility ideographs. Only these are folded (by NFKC, one character at
# a time): NFKC of the whole text would also turn full-width brackets and punctuation, which
# carry a plan's structure, into ASCII.
LOOKALIKE_RE = re.compile("[\u2e80-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")
# One cheap scan that finds every character the two sets above hold, and any character beyond
# the BMP: their BMP members in one table, everything beyond as one range. A set with many
# ranges beyond the BMP is scanned an order of magnitude slower, and nearly every plan holds
# none of them, so the exact sets are only searched when this one finds something.
_ASTRAL = "\U00010000-\U0010ffff"
_BOTH = INVISIBLE_RE.pattern[1:-1] + LOOKALIKE_RE.pattern[1:-1]  # the two sets' members
MAYBE_UNCLEAN_RE = re.compile(f"[{re.sub(f'[{_ASTRAL}](?:-[{_ASTRAL}])?', '', _BOTH)}{_ASTRAL}]")


@dataclass(frozen=True)
class LineCleaning:
    """What `clean_text` changed on one line (numbered from 1, as the text had it)."""

    line: int
    removed: tuple[str, ...]  # the invisible or forbidden characters taken out, in order
    folded: tuple[tuple[str, str], ...]  # (look-alike, the ideograph it became), each once


def clean_text(text: str) -> tuple[str, list[LineCleaning]]:
    """`text` without invisible or XML-forbidden characters and with look-alike ideographs
    read as the characters they imitate, and a note of each line changed.

    Examples
    --------
    >>> clean_text("区教\\u00ad育局 ⼯作")
    ('区教育局 工作', [LineCleaning(line=1, removed=('\\xad',), folded=(('⼯', '工'),))])
    """
    if not MAYBE_UNCLEAN_RE.search(text) or (
        not INVISIBLE_RE.search(text) and not LOOKALIKE_RE.search(text)
    ):
        return text, []  # nearly every plan: one scan each
    notes = []
    for number, line in enumerate(text.splitlines(), start=1):
        removed = tuple(INVISIBLE_RE.findall(line))
        folded = tuple(
            (ch, _fold(ch)) for ch in dict.fromkeys(LOOKALIKE_RE.findall(line)) if _fold(ch) != ch
        )
        if removed or folded:
            notes.append(LineCleaning(number, removed, folded))
    cleaned = INVISIBLE_RE.sub("", text)
    cleaned = LOOKALIKE_RE.sub(lambda m: _fold(m.group()), cleaned)
    return cleaned, notes


@functools.lru_cache(maxsize=1024)
def _fold(ch: str) -> str:
    """The unified ideograph a look-alike stands for, or the character itself."""
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch
