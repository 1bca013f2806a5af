"""The words plans use to say who does what, and the files plans come in: one list of each.

The list reader (units.py: labels such as `牵头单位：`), the table reader (tables.py: which
column holds what, and the labels a row is rewritten with), the PDF reader (readers.py: a line
that starts a list is never joined to the one before) and the folder scan (policygraph.options)
all take their words from here, so a label added here is read everywhere. The grammar around
the words (inline clauses such as `A牵头，B配合`, heading leads) stays with the code that reads
it.
"""

from __future__ import annotations

# -- plan files ---------------------------------------------------------------------------------
DOCX_SUFFIXES = (".docx",)
PDF_SUFFIXES = (".pdf",)
MARKDOWN_SUFFIXES = (".md", ".markdown")  # text whose markup is taken out before parsing
# The files a folder yields to parse, validate and load, in this order. A file named on its own
# is read whatever its suffix: .docx and .pdf as documents, anything else as text.
PLAN_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES, *DOCX_SUFFIXES, *PDF_SUFFIXES)

# -- role words: a label or a table column holding one of these names units in that role --------
LEAD_WORDS = ("牵头", "主责", "主办")
SUPPORT_WORDS = ("配合", "协同", "协作", "协办", "参与", "参加", "协助")
OPEN_WORDS = ("责任", "落实", "实施", "承办")  # says neither: one list leads with its first unit
UNIT_LABEL_WORDS = LEAD_WORDS + SUPPORT_WORDS + OPEN_WORDS

# -- labels of a list (`牵头单位：A、B`); the first of each is the one tables.py writes -----------
LEAD_LABELS = (
    "牵头单位",
    "牵头部门",
    "主责单位",
    "主责部门",
    "主办单位",
    "主办部门",
    "牵头责任单位",
    "责任牵头单位",
    "牵头",
    "主责",
    "主办",
)
# 责任单位 beside a lead list supports; alone it is one list that does not say who leads.
OPEN_LABELS = ("责任单位", "责任部门", "责任主体", "实施单位", "落实单位", "承办单位")
SUPPORT_LABELS = (
    "配合单位",
    "配合部门",
    "参与单位",
    "参与部门",
    "参加单位",
    "协办单位",
    "协办部门",
    "协助单位",
    "协同单位",
    "协同部门",
    "协作单位",
    "协作部门",
    "支持单位",
    "配合",
    "参与",
    "参加",
    "协办",
    "协助",
)
PEOPLE_LABELS = ("责任领导", "牵头领导", "分管领导", "联系领导", "包抓领导", "责任人")
DEADLINE_LABELS = (
    "完成时限",
    "时间节点",
    "完成时间",
    "时间要求",
    "时限要求",
    "完成期限",
    "进度要求",
    "时限",
)
# A division of work written as inline roles: 部门分工：A牵头，B配合.
DIVISION_LABELS = ("部门分工", "责任分工", "任务分工", "职责分工", "分工")
