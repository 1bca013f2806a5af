"""Interactive network views of a plan, built with pyvis (the page itself: view_page).

A view draws one plan, a ParsedPlan (parsed, or read back from either store by
loader.stores.read), as pyvis nodes and edges: who leads and supports which measures, or which
departments share them (the co-responsibility network of policygraph.analytics).
"""

from __future__ import annotations

import colorsys
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policygraph.loader.aliases import default_aliases
from policygraph.loader.errors import ViewError
from policygraph.loader.model import (
    CHAPTER,
    DONE,
    IN_PROGRESS,
    LATE,
    LEAD,
    NOT_STARTED,
    SUPPORT,
    Measure,
    ParsedPlan,
    Theme,
)
from policygraph.loader.stores.base import Store
from policygraph.loader.stores.read import plan_titles
from policygraph.loader.stores.read import read_plan as read_stored_plan
from policygraph.queries import run_report
from policygraph.queries.values import did_you_mean

from .jurisdictions import several
from .output import writing
from .view_filters import Filters, check_filters
from .view_page import write_view
from .view_text import choose, text

if TYPE_CHECKING:  # pyvis pulls in IPython and networkx is big: import them when a view is built
    import networkx as nx
    from pyvis.network import Network

VIEW_NAMES = ("overview", "department", "ego", "theme", "coordination", "plans", "lineage")

# The largest view written: past this a browser tab stalls for minutes (vis-network draws every
# node and edge on a canvas), so a bigger view is refused with a hint to draw a part instead.
MAX_VIEW_NODES = 20_000
MAX_VIEW_EDGES = 60_000

PALETTE = (  # Tableau 10: chapters cycle through it; communities use community_color
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#e15759",
    "#b07aa1",
    "#76b7b2",
    "#edc948",
    "#9c755f",
    "#ff9da7",
    "#bab0ac",
)
DEPARTMENT_COLOR = "#3b4a5c"
FOCUS_COLOR = "#d62728"
NO_THEME_COLOR = "#999999"
LEAD_EDGE: dict[str, Any] = {"color": "#2f3b48", "width": 3, "dashes": False}
SUPPORT_EDGE: dict[str, Any] = {"color": "#a7b1bc", "width": 1, "dashes": [5, 5]}
PAIR_EDGE_COLOR = "#9aa5b1"
COLOR_BY = ("chapter", "status")
# --color-by status: a measure's latest reported status (report measure-status), red when
# overdue whatever was reported - the red/yellow/green of supervision meetings.
OVERDUE = "overdue"
# texts stay bilingual: statuses are reported in Chinese, and tests and the ledger name them so
STATUS_COLORS = {
    OVERDUE: ("#d62728", "overdue (逾期: due and not 已完成)"),
    DONE: ("#2ca02c", "已完成 (done)"),
    IN_PROGRESS: ("#f2b705", "推进中 (in progress)"),
    LATE: ("#ff7f0e", "滞后 (behind)"),
    NOT_STARTED: ("#8c8c8c", "未启动 (not started)"),
    "": ("#d0d0d0", "no report yet"),
}


def community_color(number: int) -> str:
    """The colour of community `number` (from 1), in the coordination view and the GEXF export
    alike: the palette (Tableau 10) for the first ten, then hues a golden angle apart, so no
    two communities share one."""
    if number <= len(PALETTE):
        return PALETTE[number - 1]
    hue = ((number - len(PALETTE)) * 0.618033988749895) % 1.0
    r, g, b = colorsys.hsv_to_rgb(hue, 0.55, 0.8)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


# -- one plan, as the views look it up -----------------------------------------------------------
def read_plan(graph: Store, plan: str | None = None) -> ParsedPlan:
    """Read one plan from a store; without an id the store must hold exactly one plan.

    Parameters
    ----------
    graph : Store
        An open store; only read.
    plan : str, optional
        The plan's id; needed only when the store holds several plans.

    Returns
    -------
    ParsedPlan
        The plan as loader.stores.read.read_plan reads it back.

    Raises
    ------
    ViewError
        The store holds no plan, several plans and no id was given, or no plan of this id.
    """
    plans = plan_titles(graph)
    if not plans:
        raise ViewError("the store holds no plan; load one first: policygraph load PLAN_FILE.")
    if plan is None:
        if len(plans) > 1:
            raise ViewError(
                f"the store holds {len(plans)} plans; choose one with --plan "
                f"({', '.join(sorted(plans))})."
            )
        plan = next(iter(plans))
    elif plan not in plans:
        raise ViewError(f"no plan {plan!r} in the store; its plans: {', '.join(sorted(plans))}.")
    return read_stored_plan(graph, plan)


def theme_label(theme: Theme) -> str:
    """The heading as the plan numbers it: 一、… for a chapter, （二）… for a section."""
    number = cn_number(theme.ordinal)
    return f"{number}、{theme.title}" if theme.level == CHAPTER else f"（{number}）{theme.title}"


class _Plan:
    """A ParsedPlan with the lookups the views make, built once per view in linear time."""

    def __init__(self, plan: ParsedPlan, lang: str = "auto") -> None:
        self.lang = choose(lang, [plan.plan.title, *(m.text for m in plan.measures[:20])])
        self.id = plan.plan.id
        self.title = plan.plan.title or plan.plan.id
        self.themes = {t.id: t for t in plan.themes}
        self.chapters = {t.chapter: t for t in plan.themes if t.level == CHAPTER}
        self.measures = {m.id: m for m in plan.measures}  # in plan order
        # (department, measure id, role), in plan order
        self.assignments = [(a.department, a.measure, a.role) for a in plan.assignments]
        self.written = {a.as_written: a.department for a in plan.assignments if a.as_written}
        known = {d.name: d for d in plan.departments}
        named = dict.fromkeys(d for d, _, _ in self.assignments)  # in order of first appearance
        self.kinds = {d: known[d].kind if d in known else "" for d in named}
        # a name is one department within a plan, so names stay the keys
        self.places = {d: known[d].jurisdiction if d in known else "" for d in named}
        self.load = Counter((d, r) for d, _, r in self.assignments)
        busy = Counter(d for d, _, _ in self.assignments)
        self.rank = {d: i + 1 for i, d in enumerate(sorted(busy, key=lambda d: (-busy[d], d)))}
        self._units: dict[tuple[str, str], list[str]] = defaultdict(list)
        for a in sorted(plan.assignments, key=lambda a: a.position):
            self._units[(a.measure, a.role)].append(a.department)

    def t(self, key: str, **fields: object) -> str:
        return text(self.lang, key, **fields)

    def section_keys(self, measure: Measure) -> list[str]:
        """What the page's chapter/section filter matches: ['2', '2.3'] for a measure of 2.3."""
        theme = self.themes.get(measure.theme or "")
        if theme is None:
            return []
        keys = [str(theme.chapter)]
        return keys if theme.level == CHAPTER else [*keys, f"{theme.chapter}.{theme.ordinal}"]

    def units(self, measure_id: str, role: str) -> list[str]:
        return self._units.get((measure_id, role), [])

    def chapter_of(self, measure: Measure) -> Theme | None:
        theme = self.themes.get(measure.theme or "")
        return self.chapters.get(theme.chapter) if theme else None

    def theme_path(self, measure: Measure) -> str:
        """'一、chapter › （二）section' as in the plan, or '' for a measure without a theme."""
        theme = self.themes.get(measure.theme or "")
        if theme is None:
            return ""
        chapter = self.chapter_of(measure)
        parts = [theme_label(chapter)] if chapter and chapter is not theme else []
        return " › ".join([*parts, theme_label(theme)])


# -- views: which nodes and edges ---------------------------------------------------------------
@dataclass
class View:
    """A built view: its pyvis network and what the page shows around it."""

    name: str
    heading: str  # what this view shows; the page title names the plan too
    plan_title: str
    net: Network
    legend: list[dict[str, str]] = field(default_factory=list)  # shape, color, text
    lang: str = "en"
    # what the page's filter controls offer (chapters, kinds, ...) and their starting values
    controls: dict[str, Any] = field(default_factory=dict)
    filters: Filters = field(default_factory=lambda: Filters())

    @property
    def node_count(self) -> int:
        return len(self.net.nodes)

    @property
    def edge_count(self) -> int:
        return len(self.net.edges)

    @property
    def departments(self) -> bool:
        """Whether the view draws departments (ids `d:…`, as view.js tells them apart): the
        page's department filters (--top) apply only then."""
        return any(str(n["id"]).startswith("d:") for n in self.net.nodes)


def _network() -> Network:
    from pyvis.edge import Edge
    from pyvis.network import Network
    from pyvis.node import Node

    class LinearNetwork(Network):
        """pyvis 0.3's Network, whose add_node and add_edge search lists for the node (a view
        of 100,000 measures took 7 minutes); here its node_map answers. The nodes and edges
        are the same dicts pyvis makes (the pages are byte-identical); pyvis keeps every edge
        of a directed network, as ours are, so there is no duplicate check to keep."""

        def add_node(
            self,
            n_id: str,
            label: str | None = None,
            shape: str = "dot",
            color: str = "#97c2fc",
            **options: Any,
        ) -> None:
            if n_id in self.node_map:
                return
            node = Node(
                n_id, shape, label=label or n_id, color=color, font_color=self.font_color, **options
            )
            self.nodes.append(node.options)
            self.node_ids.append(n_id)
            self.node_map[n_id] = node.options

        def add_edge(self, source: str, to: str, **options: Any) -> None:
            if source not in self.node_map or to not in self.node_map:
                raise ValueError(f"an edge between unknown nodes {source!r} and {to!r}")
            self.edges.append(Edge(source, to, self.directed, **options).options)

    return LinearNetwork(directed=True, cdn_resources="in_line")


def check_size(name: str, of: str, nodes: int, edges: int) -> None:
    """Refuse a view too big for a browser to draw (MAX_VIEW_NODES, MAX_VIEW_EDGES); `of`
    names what it draws (plan X)."""
    if nodes > MAX_VIEW_NODES or edges > MAX_VIEW_EDGES:
        raise ViewError(
            f"the {name} view of {of} would draw {nodes} nodes and {edges} edges, "
            f"more than a browser can show (at most {MAX_VIEW_NODES} nodes and "
            f"{MAX_VIEW_EDGES} edges); draw a part of it: one chapter or section "
            "(view theme --theme 2) or one department (view department --department NAME), "
            "or use `policygraph analyze` for the numbers."
        )


def _tip(*lines: tuple[str, str]) -> list[list[str]]:
    """A tooltip as [style, text] lines; the page builds it with textContent."""
    return [[style, text] for style, text in lines if text]


def _chapter_colors(data: _Plan) -> dict[int, str]:
    return {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(sorted(data.chapters))}


def _add_department(net: Network, data: _Plan, name: str, **options: Any) -> None:
    leads, supports = data.load[(name, LEAD)], data.load[(name, SUPPORT)]
    extra_lines = options.pop("lines", ())
    options.setdefault("color", DEPARTMENT_COLOR)
    counts = data.t("t_counts", leads=leads, supports=supports, total=leads + supports)
    if several(data.places.values()):  # shown only when the plan names departments of two places
        extra_lines = (("meta", data.t("t_jurisdiction", place=data.places.get(name, ""))),
                       *extra_lines)  # fmt: skip
    options.setdefault("value", leads + supports)
    options.setdefault("pg_kind", data.kinds.get(name, ""))
    options.setdefault("pg_rank", data.rank.get(name, 0))
    net.add_node(
        "d:" + name,
        label=name,
        shape="dot",
        tip=_tip(
            ("head", name),
            ("meta", data.t("t_kind", kind=data.kinds.get(name, ""))),
            ("meta", counts),
            *extra_lines,
        ),
        search=name,
        **options,
    )


def _add_measure(
    net: Network,
    data: _Plan,
    m: Measure,
    colors: dict[int, str],
    status: str | None = None,
) -> None:
    chapter = data.chapter_of(m)
    leads, supports = data.units(m.id, LEAD), data.units(m.id, SUPPORT)
    color = colors[chapter.chapter] if chapter else NO_THEME_COLOR
    if status is not None:
        color = STATUS_COLORS[status][0]
    net.add_node(
        "m:" + m.id,
        label=str(m.number),
        shape="square",
        size=9,
        color=color,
        tip=_tip(
            ("head", data.t("t_measure", number=m.number)),
            ("theme", data.theme_path(m)),
            ("text", m.text),
            ("meta", data.t("t_lead", names="、".join(leads)) if leads else ""),
            ("meta", data.t("t_support", names="、".join(supports)) if supports else ""),
            (
                "meta",
                data.t("t_status", status=STATUS_COLORS[status][1]) if status is not None else "",
            ),
        ),
        search=f"{m.number} {m.text}",
        pg_chapter=chapter.chapter if chapter else 0,
        pg_sections=data.section_keys(m),
    )


def _controls(data: _Plan, measures: list[str], depts: Iterable[str]) -> dict[str, Any]:
    """The page's filter choices for a view of these measures and departments."""
    colors = _chapter_colors(data)
    keys = dict.fromkeys(k for m in measures for k in data.section_keys(data.measures[m]))
    sections = []
    for theme in data.themes.values():  # in plan order
        key = str(theme.chapter) if theme.level == CHAPTER else f"{theme.chapter}.{theme.ordinal}"
        if key in keys:
            sections.append([key, theme_label(theme)])
    used = {c.chapter for m in measures if (c := data.chapter_of(data.measures[m]))}
    groups = [
        {"chapter": c, "label": theme_label(data.chapters[c]), "color": colors[c]}
        for c in sorted(used)
    ]
    kinds = sorted({data.kinds.get(d, "") for d in depts} - {""})
    return {"sections": sections, "kinds": kinds, "groups": groups, "pairs": False}


def _assignment_view(
    name: str,
    heading: str,
    data: _Plan,
    measures: list[str],
    focus: str | None = None,
    statuses: dict[str, str] | None = None,
) -> View:
    """Departments and the given measures, joined by LEADS (solid) and SUPPORTS (dashed)."""
    chosen = set(measures)
    rows = [a for a in data.assignments if a[1] in chosen]
    depts = dict.fromkeys(d for d, _, _ in rows)
    check_size(name, f"plan {data.id}", len(depts) + len(measures), len(rows))
    colors = _chapter_colors(data)
    net = _network()
    for dept in depts:
        focused = (
            {"color": FOCUS_COLOR, "borderWidth": 3, "pg_focus": True} if dept == focus else {}
        )
        _add_department(net, data, dept, **focused)
    for m in measures:
        status = statuses.get(m, "") if statuses is not None else None
        _add_measure(net, data, data.measures[m], colors, status)
    for dept, m, role in rows:
        verb = "t_leads_edge" if role == LEAD else "t_supports_edge"
        net.add_edge(
            "d:" + dept,
            "m:" + m,
            role=role,
            tip=_tip(("meta", data.t(verb, department=dept, number=data.measures[m].number))),
            **(LEAD_EDGE if role == LEAD else SUPPORT_EDGE),
        )
    shown = sorted({c.chapter for m in measures if (c := data.chapter_of(data.measures[m]))})
    legend: list[dict[str, str]] = [
        *([{"shape": "dot", "color": FOCUS_COLOR, "text": focus}] if focus else []),
        {"shape": "dot", "color": DEPARTMENT_COLOR, "text": data.t("l_department")},
        *(
            {
                "shape": "square",
                "color": colors[c],
                "text": data.t("l_measure_of", chapter=theme_label(data.chapters[c])),
            }
            for c in shown
        ),
        *(
            [{"shape": "square", "color": NO_THEME_COLOR, "text": data.t("l_no_chapter")}]
            if any(data.chapter_of(data.measures[m]) is None for m in measures)
            else []
        ),
        *_role_legend(data),
    ]
    if statuses is not None:  # the status colours replace the chapters'
        shown_status = {statuses.get(m, "") for m in measures}
        legend = [
            legend[0],
            *(
                {"shape": "square", "color": color, "text": text}
                for status, (color, text) in STATUS_COLORS.items()
                if status in shown_status
            ),
            *legend[-2:],
        ]
    controls = _controls(data, measures, depts)
    if statuses is not None:  # a chapter node has no one status colour
        controls["groups"] = []
    return View(name, heading, data.title, net, legend, data.lang, controls)


def _role_legend(data: _Plan) -> list[dict[str, str]]:
    return [
        {"shape": "solid", "color": LEAD_EDGE["color"], "text": data.t("l_lead")},
        {"shape": "dashed", "color": SUPPORT_EDGE["color"], "text": data.t("l_support")},
    ]


def overview(plan: ParsedPlan, statuses: dict[str, str] | None = None, lang: str = "auto") -> View:
    """Every department and measure of the plan; `statuses` (measure id -> a STATUS_COLORS
    key) colours measures by status instead of by chapter."""
    data = _Plan(plan, lang)
    heading = data.t("h_overview", measures=len(data.measures), departments=len(data.kinds))
    return _assignment_view("overview", heading, data, list(data.measures), statuses=statuses)


def measure_statuses(graph: Store, plan: str, as_of: str = "") -> dict[str, str]:
    """Measure id -> `overdue` or its latest reported status ('' when none), as of a day."""
    rows = run_report(graph, "measure-status", {"as_of": as_of, "plan": plan}).records()
    return {r["id"]: OVERDUE if r["overdue"] else (r["status"] or "") for r in rows}


def department_measures(data: _Plan, department: str) -> tuple[str, list[str]]:
    """The department's stored name (given by a short name, 区人社局, it is resolved through the
    alias table, or as the plan wrote it, as reports resolve it) and the ids of its measures, in
    plan order; an error naming the closest names."""
    if department not in data.kinds:
        resolved = default_aliases().resolve(department)
        department = resolved if resolved in data.kinds else data.written.get(department, resolved)
    measures = list(dict.fromkeys(m for d, m, _ in data.assignments if d == department))
    if not measures:
        hint = did_you_mean(department, data.kinds)
        raise ViewError(
            f"no department {department!r} in plan {data.id}{hint}; list them with: "
            "policygraph report department-workload."
        )
    return department, measures


def department_view(plan: ParsedPlan, department: str, lang: str = "auto") -> View:
    """One department, every one of its measures, and the departments it shares them with
    (for a busy department most of the plan: `ego` is the small view of it)."""
    data = _Plan(plan, lang)
    department, measures = department_measures(data, department)
    chosen = set(measures)
    partners = {d for d, m, _ in data.assignments if m in chosen} - {department}
    heading = data.t(
        "h_department", department=department, measures=len(measures), partners=len(partners)
    )
    return _assignment_view("department", heading, data, measures, focus=department)


def find_theme(plan: ParsedPlan, spec: str) -> Theme:
    """A chapter ('2'), a section ('2.3'), a theme id or a theme's exact title."""
    data = _Plan(plan)
    spec = spec.strip()
    number = re.fullmatch(r"(\d+)(?:\.(\d+))?", spec)
    for t in data.themes.values():
        if number:
            section = int(number[2]) if number[2] else None
            if t.chapter == int(number[1]) and (
                t.ordinal == section if t.level != CHAPTER else section is None
            ):
                return t
        elif spec in (t.id, t.title):
            return t
    chapters = ", ".join(f"{c}={t.title}" for c, t in sorted(data.chapters.items()))
    raise ViewError(
        f"no theme {spec!r} in plan {data.id}; give a chapter number, chapter.section "
        f"(e.g. 2.3) or an exact title. Chapters: {chapters or 'none'}."
    )


def theme_view(plan: ParsedPlan, spec: str, lang: str = "auto") -> View:
    """The measures of one chapter (with its sections) or section, and their departments."""
    data = _Plan(plan, lang)
    theme = find_theme(plan, spec)
    if theme.level == CHAPTER:
        inside = {t.id for t in data.themes.values() if t.chapter == theme.chapter}
    else:
        inside = {theme.id}
    measures = [m.id for m in data.measures.values() if m.theme in inside]
    chapter = data.chapters.get(theme.chapter)
    label = theme_label(theme)
    if chapter and chapter is not theme:
        label = f"{theme_label(chapter)} › {label}"
    if not measures:
        raise ViewError(f"theme {label} of plan {data.id} has no measures.")
    heading = data.t("h_theme", theme=label, measures=len(measures))
    return _assignment_view("theme", heading, data, measures)


def coordination_view(plan: ParsedPlan, network: nx.Graph, lang: str = "auto") -> View:
    """Departments only, linked by shared measures (edge width), coloured by community.

    Parameters
    ----------
    plan : ParsedPlan
        The plan, for each department's counts, kind and place.
    network : networkx.Graph
        The plan's co-responsibility network: analytics.build_network(store, plan id). Its
        communities are analytics.find_communities', numbered as `analyze` numbers them.
    lang : {"auto", "zh", "en"}
        The language of the page's words (auto: the plan's).

    Returns
    -------
    View
        One node per department, one edge per pair sharing measures.
    """
    from .analytics import find_communities

    data = _Plan(plan, lang)
    check_size(
        "coordination", f"plan {data.id}", network.number_of_nodes(), network.number_of_edges()
    )
    groups = find_communities(network)
    name = {node: attrs["name"] for node, attrs in network.nodes(data=True)}
    order = {dept: i for i, dept in enumerate(data.kinds)}
    net = _network()
    for i, group in enumerate(groups):
        for node in sorted(group, key=lambda n: (order.get(name[n], len(order)), n)):
            line = data.t("t_community", n=i + 1, degree=network.degree(node))
            _add_department(
                net, data, name[node], color=community_color(i + 1), lines=[("meta", line)]
            )
    for a, b, weight in network.edges(data="weight"):
        net.add_edge(
            "d:" + name[a],
            "d:" + name[b],
            value=weight,
            pg_shared=weight,
            color={"color": PAIR_EDGE_COLOR, "opacity": 0.7},
            arrows={"to": {"enabled": False}},
            tip=_tip(("meta", data.t("t_pair", a=name[a], b=name[b], n=weight))),
        )
    legend: list[dict[str, str]] = [
        {"shape": "dot", "color": community_color(i + 1),
         "text": data.t("l_community", n=i + 1, size=len(g))}
        for i, g in enumerate(groups)
    ]  # fmt: skip
    legend.append({"shape": "solid", "color": PAIR_EDGE_COLOR, "text": data.t("l_pair_width")})
    heading = data.t(
        "h_coordination",
        departments=network.number_of_nodes(),
        pairs=network.number_of_edges(),
        communities=len(groups),
    )
    controls = {"sections": [], "kinds": sorted(set(data.kinds.values()) - {""}), "groups": [],
                "pairs": True}  # fmt: skip
    return View("coordination", heading, data.title, net, legend, data.lang, controls)


def _coordination(graph: Store, plan: ParsedPlan, lang: str) -> View:
    from .analytics import build_network

    return coordination_view(plan, build_network(graph, plan.plan.id), lang)


def build_view(
    graph: Store,
    name: str,
    *,
    plan: str | None = None,
    department: str | None = None,
    theme: str | None = None,
    color_by: str = "chapter",
    as_of: str = "",
    jurisdiction: str | None = None,
    lang: str = "auto",
    filters: Filters | None = None,
) -> View:
    """Read one plan from a store and build the named view; `color_by="status"` colours the
    overview's measures by their status as of `as_of` (an ISO date; empty: today). `filters`
    are what the page shows at first (checked against what the view holds); `lang` chooses
    the language of the page's own words (auto: the plan's)."""
    from .view_scopes import ego_view, plans_view

    if name not in VIEW_NAMES:
        raise ViewError(f"no view {name!r}; choose one of {', '.join(VIEW_NAMES)}.")
    if name in ("department", "ego") and not department:
        raise ViewError(f"the {name} view needs --department NAME, e.g. 区委组织部.")
    if name == "theme" and not theme:
        raise ViewError("the theme view needs --theme: a chapter (2), section (2.3) or title.")
    if color_by == "status" and name != "overview":
        raise ViewError("--color-by status colours the overview view; draw it with overview.")
    if jurisdiction and name != "plans":
        raise ViewError("--jurisdiction chooses the places of the plans view; draw it with plans.")
    if name == "plans" and plan:
        raise ViewError(
            "the plans view draws every plan of a place: choose it with --jurisdiction."
        )
    if name == "plans":
        built = plans_view(graph, jurisdiction, lang)
    elif name == "lineage":
        from .view_lineage import lineage_view

        built = lineage_view(graph, plan, lang)
    else:
        parsed = read_plan(graph, plan)
        if color_by == "status":
            built = overview(parsed, measure_statuses(graph, parsed.plan.id, as_of), lang)
        elif name == "department":
            built = department_view(parsed, department or "", lang)
        elif name == "ego":
            built = ego_view(parsed, department or "", lang, (filters or Filters()).top)
        elif name == "theme":
            built = theme_view(parsed, theme or "", lang)
        elif name == "overview":
            built = overview(parsed, lang=lang)
        else:
            built = _coordination(graph, parsed, lang)
    built.filters = check_filters(built, filters or Filters())
    return built


def write_all(graph: Store, folder: str | Path, *, plan: str | None = None) -> list[Path]:
    """Every view of one plan into a folder: overview, coordination, the busiest department
    (department.html, and its ego view ego.html) and one theme view per chapter that has
    measures (theme-1.html, ...)."""
    from .view_scopes import ego_view

    parsed = read_plan(graph, plan)
    with writing(folder) as folder:
        folder.mkdir(parents=True, exist_ok=True)
    views = [("overview", overview(parsed)), ("coordination", _coordination(graph, parsed, "auto"))]
    busy = Counter(a.department for a in parsed.assignments)
    if busy:
        busiest = min(busy, key=lambda d: (-busy[d], d))
        views.append(("department", department_view(parsed, busiest)))
        views.append(("ego", ego_view(parsed, busiest)))
    chapter = {t.id: t.chapter for t in parsed.themes}
    used = {chapter[m.theme] for m in parsed.measures if m.theme in chapter}
    views += [(f"theme-{c}", theme_view(parsed, str(c))) for c in sorted(used)]
    return [write_view(view, folder / f"{stem}.html") for stem, view in views]


# -- small helpers ------------------------------------------------------------------------------
_CN = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 -> 一, 12 -> 十二, 40 -> 四十: how plans number chapters and sections (up to 99)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN[tens] + "十")
    return head + (_CN[ones] if ones else "")
