"""The graph model: records the parser produces and the schema both stores write.

This is the only module that names node labels, relationship types and their properties;
stores, reports' validation and graph_model.md (kept in step by a test) all read from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Node labels and relationship types.
PLAN = "Plan"
THEME = "Theme"
MEASURE = "Measure"
DEPARTMENT = "Department"
COMMITMENT = "Commitment"
PROGRESS = "Progress"
LEADS = "LEADS"
SUPPORTS = "SUPPORTS"
IN_THEME = "IN_THEME"
PART_OF = "PART_OF"
COMMITS_TO = "COMMITS_TO"

# Roles a department can have on a measure, and the relationship type each one becomes.
LEAD = "lead"
SUPPORT = "support"
ROLE_TYPES = {LEAD: LEADS, SUPPORT: SUPPORTS}

# Department kinds (decided by rules on the name, see loader.departments).
PARTY = "party"
GOVERNMENT = "government"
MASS = "mass"
COLLECTIVE = "collective"
OTHER = "other"
DEPARTMENT_KINDS = (PARTY, GOVERNMENT, MASS, COLLECTIVE, OTHER)

# Statuses of a progress record, and the words a ledger writes for them (完成状态).
NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
DONE = "done"
LATE = "late"
STATUS_WORDS = {NOT_STARTED: "未启动", IN_PROGRESS: "推进中", DONE: "已完成", LATE: "滞后"}

# Theme levels.
CHAPTER = "chapter"
SECTION = "section"


@dataclass(frozen=True)
class Property:
    name: str
    type: str  # STRING | INT64 | DOUBLE | BOOLEAN (LadybugDB type names; Neo4j is schemaless)
    doc: str
    key: bool = False


@dataclass(frozen=True)
class NodeType:
    label: str
    doc: str
    properties: tuple[Property, ...]
    per_plan: bool = True  # belongs to one plan (has a `plan` or is the Plan); False: shared

    @property
    def key(self) -> str:
        return next(p.name for p in self.properties if p.key)


@dataclass(frozen=True)
class RelType:
    type: str
    doc: str
    ends: tuple[tuple[str, str], ...]  # (from label, to label) pairs
    properties: tuple[Property, ...] = ()


NODES: tuple[NodeType, ...] = (
    NodeType(
        PLAN,
        "One plan document.",
        (
            Property("id", "STRING", "stable id, from the file name unless given", key=True),
            Property("title", "STRING", "the document's title"),
            Property("source", "STRING", "file name it was read from"),
            Property("content_hash", "STRING", "sha256 of the file's bytes"),
            Property("measures", "INT64", "number of measures"),
            Property(
                "jurisdiction",
                "STRING",
                "the place it is of (`自流井区`), or `unknown` (see loader.jurisdiction)",
            ),
            Property(
                "year",
                "INT64",
                "the year relative deadlines (年内, 12月底前) are read by: `--year`, else its "
                "title's, else its 文号's (〔2016〕); empty when none",
            ),
        ),
    ),
    NodeType(
        THEME,
        "A chapter (一、) or section (（一）) of a plan.",
        (
            Property("id", "STRING", "`<plan>/c<n>` or `<plan>/c<n>/s<n>`", key=True),
            Property("plan", "STRING", "id of its plan"),
            Property("level", "STRING", "`chapter` or `section`"),
            Property("ordinal", "INT64", "position among its siblings, from 1"),
            Property("title", "STRING", "heading text without its number"),
            Property("chapter", "INT64", "ordinal of the chapter it is or belongs to"),
        ),
    ),
    NodeType(
        MEASURE,
        "One numbered measure (task) of a plan.",
        (
            Property("id", "STRING", "`<plan>/m<n>`, unique across plans", key=True),
            Property("plan", "STRING", "id of its plan"),
            Property("number", "INT64", "its number as written in the plan"),
            Property("seq", "INT64", "its position in the plan, from 1"),
            Property("text", "STRING", "full text, without the responsibility list"),
            Property("line", "INT64", "line of the source file where it starts"),
            Property(
                "leaders",
                "STRING",
                "people named as 责任领导/牵头领导/分管领导/责任人/联系领导, joined by 、; "
                "empty when none (never Department nodes)",
            ),
            Property(
                "deadline",
                "STRING",
                "the 完成时限/时间节点 text as written; empty when none",
            ),
            Property(
                "timing",
                "STRING",
                "the time words `due`, `recurrence` and `ongoing` were read from: `deadline` "
                "when given, else the first in the text (`2023年底前`, `年内`, `每季度`); empty "
                "when none (see loader.deadlines)",
            ),
            Property(
                "due",
                "STRING",
                "the last day of the period `timing` names, as an ISO date (`2024-06-30`); "
                "empty when it names none (每季度, 长期坚持) or a relative year cannot be read",
            ),
            Property(
                "recurrence",
                "STRING",
                "`yearly`, `quarterly`, `monthly` (每年, 每季度, 每月) or `none`",
            ),
            Property(
                "ongoing", "BOOLEAN", "true when `timing` says 长期/持续 (长期坚持, 持续推进)"
            ),
        ),
    ),
    NodeType(
        DEPARTMENT,
        "A responsible unit of one place, shared by every plan of that place that names it.",
        (
            Property("id", "STRING", "`<jurisdiction>/<name>`: unique across places", key=True),
            Property("name", "STRING", "name as written (after trimming and aliases)"),
            Property(
                "jurisdiction",
                "STRING",
                "the place it belongs to; `unknown (<plan>)` when its plan does not say",
            ),
            Property(
                "kind",
                "STRING",
                "`party`, `government`, `mass`, `collective` or `other` (rules on the name)",
            ),
        ),
        per_plan=False,
    ),
    NodeType(
        COMMITMENT,
        "A quantified commitment in a measure's text: money, a percentage, a duration...",
        (
            Property("id", "STRING", "`<measure id>/q<n>`", key=True),
            Property("plan", "STRING", "id of its plan"),
            Property("measure", "STRING", "id of its measure"),
            Property(
                "kind",
                "STRING",
                "`money`, `percent`, `duration`, `frequency`, `count` or `deadline`",
            ),
            Property("low", "DOUBLE", "lower bound (or the value); empty when open below"),
            Property("high", "DOUBLE", "upper bound (or the value); empty when open above"),
            Property("unit", "STRING", "unit as written: 万元, %, 年, 次/年, 名 ..."),
            Property("qualifier", "STRING", "不低于, 以上, 连续, 至少, 前 ... as written"),
            Property("text", "STRING", "the exact span of the measure's text"),
        ),
    ),
    NodeType(
        PROGRESS,
        "One reported state of a measure: a row of a filled ledger (`policygraph progress "
        "import`). A later report is a new record, never an overwrite; it names its measure by "
        "id, not by an edge, so reloading the plan keeps the history.",
        (
            Property(
                "id", "STRING", "`<measure id>/r<n>`, n counting that measure's records", key=True
            ),
            Property("plan", "STRING", "id of the measure's plan"),
            Property("measure", "STRING", "id of the measure"),
            Property(
                "n",
                "INT64",
                "its number among its measure's records, from 1: a later import is higher",
            ),
            Property("as_of", "STRING", "the day the state was reported for, an ISO date"),
            Property(
                "status",
                "STRING",
                "`not_started`, `in_progress`, `done` or `late` (未启动/推进中/已完成/滞后); "
                "empty when the row gave none",
            ),
            Property("note", "STRING", "进展情况 as written"),
            Property("remark", "STRING", "备注 as written"),
            Property("reported_by", "STRING", "who reported it (`--reported-by`); may be empty"),
            Property("source", "STRING", "the ledger file's name"),
            Property("row", "INT64", "its row in that file's sheet"),
        ),
        per_plan=False,
    ),
)

_ASSIGNMENT_PROPS = (
    Property(
        "role", "STRING", "`lead` or `support`: the type as a value, since LadybugDB has no type(r)"
    ),
    Property("position", "INT64", "place of the department in its list, from 1"),
    Property("inferred", "BOOLEAN", "true when the role was not written as labelled"),
    Property("as_written", "STRING", "the name as the plan wrote it, before aliases"),
)

RELATIONSHIPS: tuple[RelType, ...] = (
    RelType(
        LEADS,
        "The department leads the measure (牵头单位).",
        ((DEPARTMENT, MEASURE),),
        _ASSIGNMENT_PROPS,
    ),
    RelType(
        SUPPORTS,
        "The department supports the measure (责任单位).",
        ((DEPARTMENT, MEASURE),),
        _ASSIGNMENT_PROPS,
    ),
    RelType(
        IN_THEME,
        "The measure belongs to its section (or chapter if it has no section).",
        ((MEASURE, THEME),),
    ),
    RelType(
        PART_OF,
        "A section is part of its chapter; a chapter is part of its plan.",
        ((THEME, THEME), (THEME, PLAN)),
    ),
    RelType(COMMITS_TO, "The measure makes this quantified commitment.", ((MEASURE, COMMITMENT),)),
)

NODE_BY_LABEL = {n.label: n for n in NODES}


@dataclass(frozen=True)
class Plan:
    id: str
    title: str
    source: str
    content_hash: str
    measures: int = 0
    jurisdiction: str = "unknown"
    year: int | None = None


@dataclass(frozen=True)
class Theme:
    id: str
    plan: str
    level: str
    ordinal: int
    title: str
    chapter: int
    parent: str  # id of the parent theme, or of the plan for a chapter


@dataclass(frozen=True)
class Measure:
    id: str
    plan: str
    number: int
    seq: int
    text: str
    line: int
    theme: str | None  # id of its section or chapter
    leaders: str = ""  # people named as 责任领导 ..., joined by 、
    deadline: str = ""  # the 完成时限 text as written
    timing: str = ""  # what due/recurrence/ongoing were read from: deadline, else the text's
    due: str = ""  # ISO date, the last day of the period
    recurrence: str = "none"
    ongoing: bool = False


@dataclass(frozen=True)
class Department:
    name: str
    kind: str
    jurisdiction: str = ""  # set by loader.jurisdiction once the plan's place is known

    @property
    def id(self) -> str:
        """The key: `<jurisdiction>/<name>` (a name never holds `/`, the parser splits on it)."""
        return f"{self.jurisdiction}/{self.name}"


# Not frozen: the parser makes one per unit per measure, and a frozen dataclass's __init__
# (object.__setattr__ per field) took 4x as long (0.77 vs 0.18 µs, Python 3.11). Treat it as
# immutable all the same; slots keep it small.
@dataclass(slots=True)
class Assignment:
    # The canonical name, as read within the plan: a name is one department of a plan, so the
    # edge is stored from that department's key (ParsedPlan.department_keys), not the name.
    department: str
    measure: str
    role: str  # LEAD or SUPPORT
    position: int
    inferred: bool = False
    as_written: str = ""  # the name in the plan's text, before aliases


@dataclass(frozen=True)
class Commitment:
    id: str
    plan: str
    measure: str
    kind: str
    low: float | None
    high: float | None
    unit: str
    qualifier: str
    text: str


@dataclass(frozen=True)
class Progress:
    id: str
    plan: str
    measure: str
    n: int
    as_of: str
    status: str
    note: str = ""
    remark: str = ""
    reported_by: str = ""
    source: str = ""
    row: int = 0


@dataclass(frozen=True)
class ParseWarning:
    measure: int | None  # the measure's number, None for problems outside a measure
    code: str
    message: str
    line: int


@dataclass
class ParsedPlan:
    """Everything read from one plan document, ready to be written to a store."""

    plan: Plan
    themes: list[Theme] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    departments: list[Department] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    # What was decided rather than found odd (the plan's jurisdiction and how): shown by
    # `parse`, kept apart from the warnings, which are problems to fix.
    notes: list[ParseWarning] = field(default_factory=list)

    def department_keys(self) -> dict[str, str]:
        """Department name -> key (`<jurisdiction>/<name>`): what an Assignment points at."""
        return {d.name: d.id for d in self.departments}

    def units(self, measure_id: str, role: str) -> list[str]:
        """Department names of one role on one measure, in written order."""
        found = [a for a in self.assignments if a.measure == measure_id and a.role == role]
        return [a.department for a in sorted(found, key=lambda a: a.position)]
