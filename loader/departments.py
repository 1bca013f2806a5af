"""Department kinds, decided by clear rules on the name.

Rules are tried in order; the first that matches decides:
1. collective  - a group rather than one body: 各…单位/部门, …成员单位, 各有关…, 相关部门, 属地…
2. mass        - mass organisations: 团…委 (Youth League), 工会, 工商联, 妇联, 科协, 残联, 红十字会,
                 and their full names (工商业联合会, 妇女联合会, 科学技术协会, 残疾人联合会)
3. party       - party committee organs: names starting with 省委/市委/州委/区委/县委/镇委...,
                 also after the place's own name (峨山县委组织部, 中共自贡市委; not 政协…),
                 or holding 党委, 党工委, 纪委, 监委
4. government  - government bodies: ending in 局, 办, 委, 委员会, 中心, 厅, 署, 政府, 办公室,
                 管委会, 办事处
5. other       - anything else
Names written in traditional characters (區委組織部) are judged by their simplified forms.
"""

from __future__ import annotations

import functools
import re

from .chars import simplifier
from .model import COLLECTIVE, GOVERNMENT, MASS, OTHER, PARTY

# A place the body's name may start with: a name ending in a level (省, 市, 州, 盟, 县, 区, 旗,
# 镇, 乡, 街道), or the level alone (区委组织部: the plan's own district). 峨山县委组织部 and
# 中共自贡市委 are party organs as 县委组织部 and 市委 are.
_PLACE = r"\w{0,8}?(?:省|市|州|盟|区|县|旗|镇|乡|街道)"

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 属地乡镇, 属地街道: the township or street where the site lies, whichever it is.
    (COLLECTIVE, re.compile(r"^各|^属地|各.*(单位|部门|政府)|成员单位|(有关|相关)(单位|部门)$")),
    (
        MASS,
        re.compile(
            r"^(?:共青)?团.{0,6}委$|团委$|总?工会$|(工商|妇|科|残|侨|文)联$|联合会$|科协$|科学技术协会$"
            r"|红十字会$"
        ),
    ),
    (PARTY, re.compile(rf"^(?:中共)?(?!政协){_PLACE}委|党委|党工委|纪委|监委")),
    (GOVERNMENT, re.compile(r"(局|办|委|委员会|中心|厅|署|政府|办公室|管委会|办事处)$")),
)


# Traditional characters that occur in these rules, read as their simplified forms.
_simplified = simplifier(
    "區縣黨團會聯辦廳單門組織紀監協殘婦僑總員",
    "区县党团会联办厅单门组织纪监协残妇侨总员",
)


@functools.lru_cache(maxsize=65536)  # names repeat heavily; this was ~12% of parsing
def department_kind(name: str) -> str:
    """Kind of a department, from its name (see the module docstring for the rules)."""
    simplified = _simplified(name)
    for kind, pattern in _RULES:
        if pattern.search(simplified):
            return kind
    return OTHER


# -- region prefixes ------------------------------------------------------------------------------
# A name's region prefix: the place it starts with, up to its level (省, 市, 自治区, 区, 县 ...);
# 市场监管局 starts with 市场, not 市 + 场…; 团市委 and 中共X市委 carry theirs after a first word.
_PREFIX_RE = re.compile(
    r"^(?:团|中共)?((?:[\u4e00-\u9fff]{0,6}?)(?:自治区|自治州|省|市|州|盟|县|区|旗))"
    r"(?!场|域|级|直|属|区|委书记|政局|政公用|政管理|政工程|政园林)"
)
# Words ending in 区 that are no place: 产业园区, 社区, 景区 ...
_NOT_PLACE_RE = re.compile(r"(?:园|社|景|片|矿|校|营|街|辖|城|郊|功能|示范|试验|保护)区$")
_ELIDABLE_END_RE = re.compile(r"(?:局|委|办|厅|委员会|办公室|部|中心)$")
_NOT_ELIDABLE_RE = re.compile(
    r"^(?:各|有关|相关|其他|其它|团|党|国家|中国|中共|中央|人民|全|北京|天津|上海|重庆|河北|山西"
    r"|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南"
    r"|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆|香港|澳门|台湾)"
)
# The party organs' short and full names (the alias table maps the first to the second).
PARTY_STEMS = (
    *("组织部", "宣传部", "统战部", "政法委", "编办", "网信办", "政研室", "党校"),
    *("统一战线工作部", "政法委员会", "机构编制委员会办公室"),
)


@functools.lru_cache(maxsize=65536)
def region_prefix(name: str) -> str:
    """The region prefix a name is written with (`省`, `市`, `自贡市`, `自治区`), or ""."""
    m = _PREFIX_RE.match(_simplified(name))
    if not m or len(m.group(1)) >= len(name) - 1 or _NOT_PLACE_RE.search(m.group(1)):
        return ""
    return name[m.start(1) : m.end(1)]  # as written (自治區, not 自治区)


@functools.lru_cache(maxsize=65536)
def elidable(name: str) -> bool:
    """Whether a name may be one whose region prefix the plan left out (商务厅 after 省发展改革委):
    a government or party body's name with no place of its own."""
    simple = _simplified(name)
    return (
        len(name) >= 3
        and not region_prefix(name)
        and not _NOT_ELIDABLE_RE.match(simple)
        and bool(_ELIDABLE_END_RE.search(simple))
        and department_kind(name) != COLLECTIVE
    )


def with_prefix(prefix: str, name: str) -> str:
    """The full name: `省` + 商务厅; party organs take the party committee's (`市` + 委组织部)."""
    if _simplified(name).endswith(PARTY_STEMS) and not name.startswith("委"):
        return f"{prefix}委{name}"
    return prefix + name
