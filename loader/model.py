"""The graph model: records the parser produces and the schema both stores write.

This is the only module that names node labels, relationship types and their properties;
the stores create their schema from it, and graph_model.md is generated from it (the `doc`
fields below are its text; `python scripts/docs.py` rewrites it, `--check` and a test keep it
in step).
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
PLAN_VERSION = "PlanVersion"
LEADS = "LEADS"
SUPPORTS = "SUPPORTS"
IN_THEME = "IN_THEME"
PART_OF = "PART_OF"
COMMITS_TO = "COMMITS_TO"
DOCUMENT = "Document"
CITES = "CITES"
IMPLEMENTS = "IMPLEMENTS"
CARRIES_OUT = "CARRIES_OUT"

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
            Property(
                "id", "STRING", "stable id, from the file name unless given (`--plan-id`)", key=True
            ),
            Property("title", "STRING", "the document's title"),
            Property("source", "STRING", "file name it was read from"),
            Property(
                "content_hash",
                "STRING",
                "sha256 of the file's bytes; an unchanged file is not rewritten",
            ),
            Property("measures", "INT64", "number of measures"),
            Property(
                "jurisdiction",
                "STRING",
                "the place the plan is of (`自流井区`), or `unknown` (see Jurisdictions)",
            ),
            Property(
                "year",
                "INT64",
                "the year relative deadlines (年内, 12月底前) are read by: `--year`, else its "
                "title's, else its 文号's (〔2016〕); empty when none",
            ),
            Property(
                "number",
                "STRING",
                "its own 文号 when the text gives one (`昆政发〔2016〕13号`, brackets read as "
                "〔〕); empty when none (see loader.citations)",
            ),
            Property(
                "version",
                "INT64",
                "1 when first loaded; one more each time an edited file is loaded (the version "
                "it replaces becomes a `PlanVersion`); `load --replace` keeps the number",
            ),
            Property("loaded_at", "STRING", "when this version was loaded: UTC, ISO 8601"),
        ),
    ),
    NodeType(
        THEME,
        "A chapter (一、) or section (（一）) of a plan.",
        (
            Property(
                "id",
                "STRING",
                "`<plan>/c<n>` for a chapter, `<plan>/c<n>/s<n>` for a section",
                key=True,
            ),
            Property("plan", "STRING", "id of its plan"),
            Property("level", "STRING", "`chapter` (一、…) or `section` (（一）…)"),
            Property("ordinal", "INT64", "position among its siblings, from 1"),
            Property("title", "STRING", "heading text without its number"),
            Property("chapter", "INT64", "ordinal of the chapter it is or belongs to"),
        ),
    ),
    NodeType(
        MEASURE,
        "One numbered measure (task) of a plan.",
        (
            Property("id", "STRING", "`<plan>/m<seq>`, unique across plans", key=True),
            Property("plan", "STRING", "id of its plan"),
            Property("number", "INT64", "its number as written in the plan"),
            Property(
                "seq", "INT64", "its position in the plan, from 1 (numbers may restart per section)"
            ),
            Property("text", "STRING", "full text, without the responsibility list"),
            Property("line", "INT64", "line of the source file where it starts"),
            Property(
                "leaders",
                "STRING",
                "people named as 责任领导 / 牵头领导 / 分管领导 / 责任人 / 联系领导 (also in a "
                "table's 责任领导 column), as written, joined by 、; empty when none. People are "
                "never `Department` nodes",
            ),
            Property(
                "deadline",
                "STRING",
                "the 完成时限 / 时间节点 / 完成时间 / 时限 text (or a table's deadline column) as "
                "written, several joined by ；; empty when none",
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
                "the last day of the period `timing` names, as an ISO date (`2024年6月底前` and "
                "`2024年上半年` -> `2024-06-30`, `年内` -> the plan year's 12-31, several -> the "
                "latest); empty when it names none (每季度, 长期坚持) or a relative year cannot be "
                "read (a `deadline-year` warning)",
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
            Property(
                "id",
                "STRING",
                "`<jurisdiction>/<name>` (`自流井区/区发展和改革局`), shared by the plans of one "
                "place",
                key=True,
            ),
            Property(
                "name",
                "STRING",
                "the canonical name: the name as written (spaces removed, an elided region "
                "prefix filled in) put through the alias table, whose canonicals are full "
                "official names: 区人社局 is stored as 区人力资源和社会保障局, 区发改局 as "
                "区发展和改革局; the edges keep the written form (`as_written`)",
            ),
            Property(
                "jurisdiction",
                "STRING",
                "the place it belongs to; `unknown (<plan>)` for a relative or bare name in a plan "
                "whose place is unknown",
            ),
            Property(
                "kind",
                "STRING",
                "`party`, `government`, `mass`, `collective` or `other` (see Department kinds)",
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
            Property(
                "low", "DOUBLE", "lower bound, or the value; empty when open below (不超过70%)"
            ),
            Property(
                "high",
                "DOUBLE",
                "upper bound, or the value; empty when open above (不低于70%, 至少)",
            ),
            Property(
                "unit", "STRING", "as written: 万元, 亿元, %, 年, 个月, 次/年, 次/季度, 名 ..."
            ),
            Property("qualifier", "STRING", "不低于, 以上, 连续, 至少, 前 ... as written"),
            Property("text", "STRING", "the exact span of the measure's text, e.g. `不低于70%`"),
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
    NodeType(
        DOCUMENT,
        "A document a plan cites: a `《…》` title, a 文号, or both (see loader.citations). Shared "
        "by the plans that cite it; its properties are those of the first citation loaded.",
        (
            Property(
                "id",
                "STRING",
                "its 文号; else `《title》` when the title names its place or issuer (运城市…规划, "
                "国务院关于…); else `issuer《title》` when the issuer names its place; else "
                "`<plan>/《title》` (a relative issuer such as 市委 is not resolved to a place)",
                key=True,
            ),
            Property(
                "title",
                "STRING",
                "the title inside 《》, spaces removed; empty when cited by 文号 alone",
            ),
            Property("number", "STRING", "its 文号, brackets read as 〔〕; empty when not given"),
            Property(
                "issuer",
                "STRING",
                "as the text names it: the title's start (`昆明市人民政府关于…`), the words before "
                "`《` (`市委、市政府《…》`), or a 文号 prefix that says it (国发 -> 国务院, "
                "川委发 -> 四川省委); empty when none does",
            ),
            Property(
                "level",
                "STRING",
                "`国家`, `省`, `市`, `县` or `区`, from the issuer; empty when it does not say",
            ),
        ),
        per_plan=False,
    ),
    NodeType(
        PLAN_VERSION,
        "An earlier version of a plan, kept when an edited file of the same plan id was loaded "
        "(see Versions). Like a progress record it names its plan by id, without edges, so "
        "no report or view sees it unless it asks for a version.",
        (
            Property("id", "STRING", "`<plan>@<version>`", key=True),
            Property("plan", "STRING", "id of its plan"),
            Property("version", "INT64", "the plan's `version` it was"),
            Property("loaded_at", "STRING", "when it was loaded: UTC, ISO 8601"),
            Property("content_hash", "STRING", "sha256 of its file's bytes"),
            Property("source", "STRING", "file name it was read from"),
            Property("title", "STRING", "its title"),
            Property("measures", "INT64", "number of measures"),
            Property(
                "snapshot",
                "STRING",
                "the whole version as JSON (plan, themes, measures, departments, assignments, "
                "commitments, cited documents and citations), as the store held it: "
                "`diff ID@N`, `-p version=N` and `view --version N` read it back",
            ),
        ),
        per_plan=False,
    ),
)

_ASSIGNMENT_PROPS = (
    Property(
        "role",
        "STRING",
        "`lead` or `support`: the type as a value, since LadybugDB has no `type(r)`",
    ),
    Property("position", "INT64", "place of the department in its written list, from 1"),
    Property(
        "inferred",
        "BOOLEAN",
        "true when the role or name is a guess: a first list labelled 责任单位 read as the "
        "lead list, one list (`（责任单位：A、B）`, `（A、B负责）`) split by the single-list "
        "rule (or the plan's own `列第一位者为牵头单位`), an elided region prefix filled in "
        "(`商务厅` read as `省商务厅`), a shared suffix given to each unit "
        "(`黄埔区、南沙区政府`), or a glued or spaced cell split (`县交通局县农业农村局`)",
    ),
    Property(
        "as_written",
        "STRING",
        "the department's name as the plan wrote it, before aliases (区人社局 for "
        "区人力资源和社会保障局)",
    ),
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
        "The department supports the measure (责任单位, 配合单位 ...).",
        ((DEPARTMENT, MEASURE),),
        _ASSIGNMENT_PROPS,
    ),
    RelType(
        IN_THEME,
        "The measure belongs to its section (its chapter if it has no section).",
        ((MEASURE, THEME),),
    ),
    RelType(
        PART_OF,
        "A section is part of its chapter; a chapter is part of its plan.",
        ((THEME, THEME), (THEME, PLAN)),
    ),
    RelType(COMMITS_TO, "The measure makes this quantified commitment.", ((MEASURE, COMMITMENT),)),
    RelType(
        CITES,
        "The plan cites the document (anywhere in its text), or the measure does (in its own).",
        ((PLAN, DOCUMENT), (MEASURE, DOCUMENT)),
        (
            Property(
                "kind",
                "STRING",
                "`basis` (根据, 按照, 贯彻落实 《…》), `drafts` (制定出台《…》: a document to be "
                "made) or `mention`",
            ),
        ),
    ),
    RelType(
        IMPLEMENTS,
        "The plan cites the other loaded plan (not as one to draft), by its title or its 文号. "
        "Linked whenever either plan is loaded, so loading order does not matter.",
        ((PLAN, PLAN),),
        (
            Property("by", "STRING", "`number` when the 文号s are equal, else `title`"),
            Property("document", "STRING", "id of the cited Document that names the other plan"),
        ),
    ),
    RelType(
        CARRIES_OUT,
        "A measure of an implementing plan carries out a measure of the plan it implements: "
        "computed when the IMPLEMENTS link is made and stored (see policygraph.loader.lineage).",
        ((MEASURE, MEASURE),),
        (
            Property("score", "DOUBLE", "0-100: the text score plus 10 for a shared lead"),
            Property(
                "text_score",
                "DOUBLE",
                "0-100: how much of the shorter text the other holds "
                "(rapidfuzz's longest common subsequence over the shorter length)",
            ),
            Property(
                "shared", "STRING", "the longest shared words, longest first, joined by ` / `"
            ),
            Property(
                "departments",
                "STRING",
                "departments of the same kind in both, with roles "
                "(`lead 政务服务局`), joined by `; `; empty when none",
            ),
        ),
    ),
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
    number: str = ""  # its own 文号
    version: int = 1
    loaded_at: str = ""  # set by the store when it writes the plan


@dataclass(frozen=True)
class Theme:
    id: str
    plan: str
    level: str
    ordinal: int
    title: str
    chapter: int
    parent: str  # id of the parent theme, or of the plan for a chapter


# Not frozen, for the reason Assignment is not (one per measure, and a copy per measure given a
# deadline or sub-points): treat it as immutable all the same.
@dataclass(slots=True)
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
class Document:
    id: str
    title: str
    number: str
    issuer: str
    level: str


@dataclass(frozen=True)
class Citation:
    source: str  # id of the citing plan or measure
    label: str  # PLAN or MEASURE
    document: str  # id of the Document
    kind: str  # basis, drafts or mention


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


# Every code a parser warning carries (ParseWarning.code), with what it means; graph_model.md
# lists them, and a test checks that the parser emits exactly these.
WARNING_CODES: dict[str, str] = {
    "mislabelled-lead": "a measure has several lists and none labelled lead: its first (such as "
    "责任单位) is read as the lead list, marked `inferred`",
    "no-supports": "a measure has a lead list and no supporting list",
    "no-lead": "a measure has units but none of them leads",
    "no-units": "a measure names no responsible units",
    "roles-inferred": "a measure has one list that does not say who leads (`（责任单位：A、B）`): "
    "its first unit leads and the rest support (`--single-list all-lead`: every unit leads), "
    "marked `inferred`",
    "collective-unit": "a unit is a collective (`各成员单位`), not one department; kept, of kind "
    "`collective`",
    "duplicate-unit": "a unit is named twice in one measure; kept once, in its first role",
    "empty-item": "an empty item in a unit list (`A、、B`) was skipped",
    "numbering-gap": "a measure's number does not follow the one before it",
    "numbering-duplicate": "a measure repeats an earlier number in the same section",
    "no-theme": "a measure comes before any chapter or section heading (or the plan has none)",
    "deadline-year": "a measure's deadline leaves out the year (`年内`, `12月底前`) and neither "
    "the plan's title nor its 文号 gives one: it gets no `due`; pass `--year`",
    "section-without-chapter": "a section heading comes before any chapter",
    "text-outside-measure": "a line belongs to no measure and was not loaded",
    "control-character": "control or invisible characters were removed from a line",
    "look-alike-character": "look-alike characters (Kangxi radicals such as ⼯, compatibility "
    "ideographs) were read as the ideographs they imitate",
    "unknown-label": "a label that is not known (`督办单位：`): its text is not read as units; "
    "the known labels after it are",
    "not-a-unit": "a fragment with no unit's ending, too long or holding verbs: never made a "
    "department",
    "glued-units-split": "a glued cell (`县交通局县农业农村局`), or units with only a space "
    "between them (`县教体局 各相关乡镇政府`), read as two units, marked `inferred`",
    "elided-prefix": "a name read with the plan's dominant region prefix (`商务厅` after "
    "`省发展改革委` read as `省商务厅`), marked `inferred`; `as_written` keeps `商务厅`",
    "shared-suffix": "units sharing one suffix (`黄埔区、南沙区政府`: 黄埔区 read as 黄埔区政府), "
    "marked `inferred`",
    "plan-rule": "the plan states who leads a bare list (`列第一位者为牵头单位`), and that rule "
    "was applied",
    "table-cells-guessed": "a web table pasted one cell a line had cells missing in a row: they "
    "were given to columns by what they hold",
    "heading-lead": "a heading such as `一、县示范区管委会牵头工作` names the lead of the items "
    "below it that have no list of their own, or a chapter heading's own list "
    "(`一、强化科技创新（区科技局牵头）`) is theirs",
    "heading-leaders": "a heading whose only list names people (`一、…（牵头领导：张三、李四）`) "
    "names the leaders of the items below it that name none of their own; it is a heading, not "
    "a measure",
}


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
    documents: list[Document] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
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
