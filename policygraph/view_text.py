"""Every word a view shows around the plan's own text, in Chinese and English: one table.

A view speaks Chinese when its plan is Chinese (the plans policygraph reads are), English with
`--lang en`. The Python side (headings, legend, tooltips' field names) and the page's script
(buttons, filters, status line) both read this table: the page gets its language's column as
JSON, so no word of the chrome is written anywhere else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import islice

LANGS = ("auto", "zh", "en")

# key: (Chinese, English). `{name}` fields are filled by text().
TEXT: dict[str, tuple[str, str]] = {
    # page chrome (view.html, view.js)
    "search": ("查找部门、措施编号或文字…", "Find a department, measure number or text…"),
    "search_label": ("查找节点", "Find nodes"),
    "reset": ("全部显示", "Show all"),
    "legend": ("图例", "Legend"),
    "selected": ("选中", "Selected"),
    "pick": ("点击节点，或在上方查找。", "Click a node, or find one above."),
    "filters": ("筛选", "Filters"),
    "f_chapter": ("章节", "Chapter"),
    "f_kind": ("部门类型", "Department kind"),
    "f_supports": ("隐藏配合（责任单位）连线", "Hide SUPPORTS edges"),
    "f_min_shared": ("至少共担措施数", "At least N shared measures"),
    "f_top": ("前 N 个部门（0：全部）", "Top N departments (0: all)"),
    "f_group": ("措施按章汇总", "Measures per chapter"),
    "all": ("全部", "all"),
    "laying_out": ("正在布局…", "Laying out…"),
    "status": ("显示 {shown} 个节点、{edges} 条连线（共 {nodes} 个节点）",
               "{shown} nodes, {edges} edges shown (of {nodes} nodes)"),
    "matches": ("{n} 个匹配", "{n} matches"),
    "more": ("……另有 {n} 个", "… and {n} more"),
    "group_tip": ("{chapter}：{n} 项措施", "{chapter}: {n} measures"),
    "group_edge": ("{department}：{chapter} 中 {n} 项措施",
                   "{department}: {n} measures in {chapter}"),
    "note_fixed": ("按预先计算的布局绘制，未使用物理模拟。",
                   "Drawn from a precomputed layout, without physics."),
    "note_fixed_auto": ("按预先计算的布局绘制，未使用物理模拟："
                        "{nodes} 个节点超过浏览器内布局的上限 {max}。",
                        "Drawn from a precomputed layout, without physics: {nodes} nodes is "
                        "above the {max} laid out in the browser."),
    # headings
    "h_overview": ("总览：{measures} 项措施，{departments} 个部门",
                   "Overview: {measures} measures, {departments} departments"),
    "h_department": ("部门：{department} — {measures} 项措施，与 {partners} 个部门共担",
                     "Department: {department} — {measures} measures, shared with {partners} "
                     "departments"),
    "h_ego": ("部门：{department} — {measures} 项措施（按章汇总），"
              "共担最多的 {shown} 个部门（共 {partners} 个）",
              "Department: {department} — {measures} measures by chapter, the {shown} of its "
              "{partners} partners sharing most"),
    "h_theme": ("主题：{theme} — {measures} 项措施", "Theme: {theme} — {measures} measures"),
    "h_coordination": ("协同：{departments} 个部门，{pairs} 对部门共担措施，{communities} 个社群",
                       "Coordination: {departments} departments, {pairs} pairs sharing "
                       "measures, {communities} communities"),
    "h_lineage": ("实施 {up} 个上级方案，被 {down} 个方案实施，另引用 {documents} 份文件",
                  "implements {up} loaded plans, implemented by {down}, cites {documents} other "
                  "documents"),
    "h_plans": ("{jurisdiction}的 {plans} 个方案：{departments} 个部门，"
                "其中 {shared} 个在多个方案中",
                "{jurisdiction}: {plans} plans, {departments} departments, {shared} of them in "
                "more than one plan"),
    # legend
    "l_department": ("部门（大小：措施数）", "department (size: its measures)"),
    "l_measure_of": ("{chapter}的措施", "measure of {chapter}"),
    "l_no_chapter": ("不属于任何章的措施", "measure outside any chapter"),
    "l_lead": ("牵头（LEADS，牵头单位）", "LEADS (牵头单位)"),
    "l_support": ("配合（SUPPORTS，责任单位）", "SUPPORTS (责任单位)"),
    "l_community": ("社群 {n}：{size} 个部门", "community {n}: {size} departments"),
    "l_pair_width": ("线宽：共担措施数", "width: measures shared"),
    "l_chapter_group": ("{chapter}（大小：措施数）", "{chapter} (size: measures)"),
    "l_partner": ("共担部门", "partner department"),
    "l_plan": ("方案", "plan"),
    "l_document": ("引用的其他文件", "other document cited"),
    "l_document_drafted": ("拟制定的文件", "document to be drafted"),
    "l_implements": ("实施（箭头指向被实施的方案）", "implements (arrow to the plan carried out)"),
    "l_cites": ("引用", "cites"),
    "l_shared_department": ("在多个方案中的部门", "department in several plans"),
    "l_edge_width": ("线宽：措施数", "width: measures"),
    # tooltips' field names
    "t_measure": ("措施 {number}", "Measure {number}"),
    "t_kind": ("类型：{kind}", "kind: {kind}"),
    "t_jurisdiction": ("地区：{place}", "jurisdiction: {place}"),
    "t_counts": ("本方案中：牵头 {leads} · 配合 {supports} · 合计 {total}",
                 "in this plan: leads {leads} · supports {supports} · total {total}"),
    "t_lead": ("牵头：{names}", "Lead: {names}"),
    "t_support": ("配合：{names}", "Support: {names}"),
    "t_status": ("状态：{status}", "Status: {status}"),
    "t_leads_edge": ("{department} 牵头措施 {number}", "{department} leads measure {number}"),
    "t_supports_edge": ("{department} 配合措施 {number}", "{department} supports measure {number}"),
    "t_community": ("社群 {n} · 与 {degree} 个部门共担措施",
                    "community {n} · shares measures with {degree} departments"),
    "t_pair": ("{a} + {b}：共担 {n} 项措施", "{a} + {b}: {n} shared measures"),
    "t_shared_with": ("与 {department} 共担 {n} 项措施", "shares {n} measures with {department}"),
    "t_in_plans": ("出现在 {n} 个方案中", "in {n} plans"),
    "t_implements": ("按{by}关联 · {measures} 项措施对应上级措施",
                     "linked by {by} · {measures} measures carry out the parent's"),
    "t_cited_as": ("引用方式：{kind}", "cited as: {kind}"),
    "t_role_counts": ("{department} · {where}：牵头 {leads} · 配合 {supports}",
                      "{department} · {where}: leads {leads} · supports {supports}"),
    "t_plan_counts": ("{measures} 项措施，{departments} 个部门",
                      "{measures} measures, {departments} departments"),
}  # fmt: skip

_CJK = re.compile(r"[\u4e00-\u9fff]")


def choose(lang: str, texts: Iterable[str]) -> str:
    """'zh' or 'en': `auto` is Chinese when the plan's text (title, measures) is."""
    if lang != "auto":
        return lang
    sample = "".join(islice(texts, 50))
    return "zh" if len(_CJK.findall(sample)) * 4 >= len(sample.strip() or "x") else "en"


def text(lang: str, key: str, **fields: object) -> str:
    """One string of the table in a language, its `{fields}` filled."""
    zh, en = TEXT[key]
    if lang == "zh":
        return zh.format(**fields)
    return _ONE.sub(lambda m: f"1 {_SINGULAR.get(m[1], m[1][:-1])}", en.format(**fields))


# English counts: "1 measures" -> "1 measure", "1 communities" -> "1 community"
_ONE = re.compile(r"(?<![\d.,])\b1 (measures|departments|pairs|plans|partners|communities)\b")
_SINGULAR = {"communities": "community"}


def column(lang: str) -> dict[str, str]:
    """The whole table in one language, unfilled: what the page's script reads."""
    return {key: zh if lang == "zh" else en for key, (zh, en) in TEXT.items()}
