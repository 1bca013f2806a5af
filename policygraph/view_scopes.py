"""Views small by construction: one department's ego view, and one place's plans side by side.

`department` draws every measure of a department, which for a busy one is most of the plan
(区委组织部: 62 of the bundled plan's 68 nodes). `ego` draws the same department with its
measures gathered into one node per chapter and only the partners that share most with it, so
it has at most 1 + chapters + `partners` nodes whatever the plan's size.

`plans` draws the departments of one jurisdiction across the plans loaded for it: which plans
each department carries measures in; a department in several plans links them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from policygraph.loader.errors import ViewError
from policygraph.loader.model import LEAD, SUPPORT, ParsedPlan
from policygraph.loader.stores.base import Store
from policygraph.loader.stores.read import read_plan
from policygraph.queries import run_report

from .jurisdictions import label, several
from .view_text import choose, text
from .views import (
    DEPARTMENT_COLOR,
    FOCUS_COLOR,
    LEAD_EDGE,
    NO_THEME_COLOR,
    SUPPORT_EDGE,
    View,
    _add_department,
    _chapter_colors,
    _network,
    _Plan,
    _role_legend,
    _tip,
    check_size,
    department_measures,
    theme_label,
)

if TYPE_CHECKING:
    from pyvis.network import Network

# The ego view's partners when --top does not say: the twelve that share most.
EGO_PARTNERS = 12
PLAN_COLOR = "#e15759"
SINGLE_PLAN_COLOR = "#9fb0c2"  # a department of one plan only: lighter than one linking plans


def _role_edges(
    net: Network, source: str, target: str, counts: Counter, where_tip: str, **extra: Any
) -> None:
    """One LEADS and one SUPPORTS edge (when there are such measures), width by their count."""
    for role, style in ((LEAD, LEAD_EDGE), (SUPPORT, SUPPORT_EDGE)):
        if counts[role]:
            styled = {k: v for k, v in style.items() if k != "width"}
            net.add_edge(source, target, role=role, value=counts[role],
                         tip=_tip(("meta", where_tip)), **styled, **extra)  # fmt: skip


def ego_view(plan: ParsedPlan, department: str, lang: str = "auto", partners: int = 0) -> View:
    """One department, its measures one node per chapter, and the `partners` departments
    (EGO_PARTNERS when 0) sharing most of its measures, linked to the chapters they share."""
    data = _Plan(plan, lang)
    department, measures = department_measures(data, department)
    chosen = set(measures)
    limit = partners or EGO_PARTNERS
    sharing: dict[str, set[str]] = defaultdict(set)
    for d, m, _ in data.assignments:
        if m in chosen and d != department:
            sharing[d].add(m)
    ranked = sorted(sharing, key=lambda d: (-len(sharing[d]), data.rank[d], d))[:limit]
    kept = {department, *ranked}
    chapter_of = {m: _chapter_number(data, m) for m in measures}
    by_chapter: dict[int, list[str]] = defaultdict(list)
    for m in measures:
        by_chapter[chapter_of[m]].append(m)
    check_size(
        "ego", f"plan {data.id}", 1 + len(by_chapter) + len(ranked), 2 * len(by_chapter) * len(kept)
    )
    colors = _chapter_colors(data)
    net = _network()
    _add_department(net, data, department, color=FOCUS_COLOR, borderWidth=3, pg_focus=True)
    for i, d in enumerate(ranked):
        line = data.t("t_shared_with", department=department, n=len(sharing[d]))
        _add_department(net, data, d, lines=[("meta", line)], pg_rank=i + 1,
                        pg_shared=len(sharing[d]))  # fmt: skip
    names = {}
    for c, ids in sorted(by_chapter.items()):
        names[c] = theme_label(data.chapters[c]) if c else data.t("l_no_chapter")
        net.add_node(
            f"c:{c}",
            label=f"{_short(names[c])} · {len(ids)}",
            shape="square",
            value=len(ids),
            color=colors.get(c, NO_THEME_COLOR),
            tip=_tip(
                ("head", names[c]),
                *(
                    (
                        "text",
                        f"{data.t('t_measure', number=data.measures[m].number)}: "
                        f"{data.measures[m].text}",
                    )
                    for m in ids
                ),
            ),  # fmt: skip
            search=names[c],
            pg_sections=[str(c)] if c else [],
        )
    for c, ids in sorted(by_chapter.items()):
        inside = set(ids)
        for d in [department, *ranked]:
            roles = Counter(r for dd, m, r in data.assignments if dd == d and m in inside)
            tip = data.t("t_role_counts", department=d, where=names[c], leads=roles[LEAD],
                         supports=roles[SUPPORT])  # fmt: skip
            shared = {} if d == department else {"pg_shared": len(sharing[d])}
            _role_edges(net, "d:" + d, f"c:{c}", roles, tip, **shared)
    legend = [
        {"shape": "dot", "color": FOCUS_COLOR, "text": department},
        {"shape": "dot", "color": DEPARTMENT_COLOR, "text": data.t("l_partner")},
        *(
            {"shape": "square", "color": colors.get(c, NO_THEME_COLOR),
             "text": data.t("l_chapter_group", chapter=names[c])}
            for c in sorted(by_chapter)
        ),
        *_role_legend(data),
    ]  # fmt: skip
    heading = data.t("h_ego", department=department, measures=len(measures),
                     shown=len(ranked), partners=len(sharing))  # fmt: skip
    controls = {
        "sections": [[str(c), names[c]] for c in sorted(by_chapter) if c],
        "kinds": sorted({data.kinds.get(d, "") for d in ranked} - {""}),
        "groups": [],
        "pairs": True,
    }
    return View("ego", heading, data.title, net, legend, data.lang, controls)


def _chapter_number(data: _Plan, measure: str) -> int:
    chapter = data.chapter_of(data.measures[measure])
    return chapter.chapter if chapter else 0


def _short(title: str, width: int = 12) -> str:
    return title if len(title) <= width else title[: width - 1] + "…"


def plans_view(graph: Store, jurisdiction: str | None, lang: str = "auto") -> View:
    """The departments of one jurisdiction's plans, each linked to the plans it carries
    measures in (edge width: measures), so departments in several plans join them."""
    rows = run_report(graph, "plans").records()
    if not rows:
        raise ViewError("the store holds no plan; load one first: policygraph load PLAN_FILE.")
    places = sorted({r["jurisdiction"] for r in rows})
    if jurisdiction is None:
        if len(places) > 1:
            raise ViewError(
                f"the store holds plans of {len(places)} places; choose one with "
                f"--jurisdiction ({', '.join(places)})."
            )
        jurisdiction = places[0]
    chosen = [r for r in rows if r["jurisdiction"] == jurisdiction]
    if not chosen:
        raise ViewError(
            f"no plan of jurisdiction {jurisdiction!r} in the store; its places: "
            f"{', '.join(places)} (policygraph report jurisdictions)."
        )
    plans = [read_plan(graph, r["plan"]) for r in chosen]
    lang = choose(lang, [p.plan.title for p in plans] + [m.text for m in plans[0].measures[:20]])
    place_of = {(d.name, p.plan.id): d.jurisdiction for p in plans for d in p.departments}
    kind_of = {(d.jurisdiction, d.name): d.kind for p in plans for d in p.departments}
    roles: dict[tuple[str, str], Counter] = defaultdict(Counter)  # (department key, plan) ->
    for p in plans:
        for a in p.assignments:
            key = f"{place_of.get((a.department, p.plan.id), '')}/{a.department}"
            roles[(key, p.plan.id)][a.role] += 1
    in_plans: dict[str, set[str]] = defaultdict(set)
    total: Counter = Counter()
    for (key, pid), counts in roles.items():
        in_plans[key].add(pid)
        total[key] += counts[LEAD] + counts[SUPPORT]
    many = several(k.split("/", 1)[0] for k in in_plans)
    ranked = sorted(in_plans, key=lambda k: (-len(in_plans[k]), -total[k], k))
    check_size("plans", jurisdiction, len(plans) + len(ranked), 2 * len(roles))
    net = _network()
    titles = {p.plan.id: p.plan.title or p.plan.id for p in plans}
    for p in plans:
        pid = p.plan.id
        net.add_node(
            "p:" + pid,
            label=_short(titles[pid], 16),
            shape="diamond",
            value=len(p.measures),
            color=PLAN_COLOR,
            tip=_tip(("head", titles[pid]), ("meta", pid),
                     ("meta", text(lang, "t_plan_counts", measures=len(p.measures),
                                   departments=len({a.department for a in p.assignments})))),
            search=titles[pid],
        )  # fmt: skip
    for i, key in enumerate(ranked):
        place, name = key.split("/", 1)
        shown = label(name, place, many)
        kind = kind_of.get((place, name), "")
        net.add_node(
            "d:" + key,
            label=shown,
            shape="dot",
            value=total[key],
            color=DEPARTMENT_COLOR if len(in_plans[key]) > 1 else SINGLE_PLAN_COLOR,
            tip=_tip(("head", shown), ("meta", text(lang, "t_kind", kind=kind)),
                     ("meta", text(lang, "t_in_plans", n=len(in_plans[key])))),
            search=shown,
            pg_kind=kind,
            pg_rank=i + 1,
        )  # fmt: skip
    for (key, pid), counts in sorted(roles.items()):
        where = titles[pid]
        tip = text(lang, "t_role_counts", department=key.split("/", 1)[1], where=where,
                   leads=counts[LEAD], supports=counts[SUPPORT])  # fmt: skip
        _role_edges(net, "d:" + key, "p:" + pid, counts, tip)
    legend = [
        {"shape": "dot", "color": PLAN_COLOR, "text": text(lang, "l_plan")},
        {"shape": "dot", "color": DEPARTMENT_COLOR, "text": text(lang, "l_shared_department")},
        {"shape": "dot", "color": SINGLE_PLAN_COLOR, "text": text(lang, "l_department")},
        {"shape": "solid", "color": LEAD_EDGE["color"], "text": text(lang, "l_lead")},
        {"shape": "dashed", "color": SUPPORT_EDGE["color"], "text": text(lang, "l_support")},
    ]
    shared = sum(len(v) > 1 for v in in_plans.values())
    heading = text(lang, "h_plans", jurisdiction=jurisdiction, plans=len(plans),
                   departments=len(ranked), shared=shared)  # fmt: skip
    kinds = sorted(set(kind_of.values()) - {""})
    controls = {"sections": [], "kinds": kinds, "groups": [], "pairs": False}
    return View("plans", heading, jurisdiction, net, legend, lang, controls)
