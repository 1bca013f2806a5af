"""Reading traditional characters as their simplified forms, cheaply."""

from __future__ import annotations

import re
from collections.abc import Callable


def simplifier(traditional: str, simplified: str) -> Callable[[str], str]:
    """A function mapping each of `traditional` to the character at the same place in
    `simplified`, one for one (lengths stay the same). Text holding none of them, nearly all
    text, is returned as it is after one regex scan: str.translate looks every CJK character
    up in a dict and was the parser's largest single cost."""
    table = str.maketrans(traditional, simplified)
    present = re.compile(f"[{re.escape(traditional)}]")

    def simplify(text: str) -> str:
        return text.translate(table) if present.search(text) else text

    return simplify
