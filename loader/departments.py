"""Department kinds, decided by clear rules on the name.

Rules are tried in order; the first that matches decides:
1. collective  - a group rather than one body: 各…单位/部门, …成员单位, 各有关…, 相关部门
2. mass        - mass organisations: 团…委 (Youth League), 工会, 工商联, 妇联, 科协, 残联, 红十字会
3. party       - party committee organs: names starting with 省委/市委/州委/区委/县委, or 党委, 纪委
4. government  - government bodies: ending in 局, 办, 委, 委员会, 中心, 厅, 署, 政府, 办公室
5. other       - anything else
Names written in traditional characters (區委組織部) are judged by their simplified forms.
"""

from __future__ import annotations

import functools
import re

from .chars import simplifier
from .model import COLLECTIVE, GOVERNMENT, MASS, OTHER, PARTY

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (COLLECTIVE, re.compile(r"^各|各.*(单位|部门|政府)|成员单位|(有关|相关)(单位|部门)$")),
    (MASS, re.compile(r"^团.{0,3}委$|团委$|总?工会$|(工商|妇|科|残|侨|文)联$|红十字会$")),
    (PARTY, re.compile(r"^(省|市|州|盟|区|县|旗)委|党委|党工委|纪委|监委")),
    (GOVERNMENT, re.compile(r"(局|办|委|委员会|中心|厅|署|政府|办公室|管委会)$")),
)


# Traditional characters that occur in these rules, read as their simplified forms.
_simplified = simplifier(
    "區縣黨團會聯辦廳單門組織紀監協殘婦僑總員", "区县党团会联办厅单门组织纪监协残妇侨总员"
)


@functools.lru_cache(maxsize=65536)  # names repeat heavily; this was ~12% of parsing
def department_kind(name: str) -> str:
    """Kind of a department, from its name (see the module docstring for the rules)."""
    simplified = _simplified(name)
    for kind, pattern in _RULES:
        if pattern.search(simplified):
            return kind
    return OTHER
