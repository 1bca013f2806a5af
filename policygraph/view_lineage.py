"""The lineage view: where one plan comes from and which plans carry it out.

It draws what the `lineage` report lists: the loaded plans the plan implements, up to five
levels (IMPLEMENTS, loader.lineage), the plans implementing it, down to five levels, and the
other documents it cites (CITES, loader.citations). An IMPLEMENTS edge says how many of the
child's measures carry out a measure of the parent (CARRIES_OUT) and how the link was found
(the same 文号 or the same title).
"""

from __future__ import annotations

from collections import defaultdict

from policygraph.loader.model import CARRIES_OUT, IMPLEMENTS, MEASURE, PLAN
from policygraph.loader.stores.base import Store
from policygraph.queries import run_report

from .view_scopes import _short
from .view_text import choose, text
from .views import View, _network, _tip, read_plan

DEPTH = 5  # as the lineage report
FOCUS_COLOR = "#e15759"
PLAN_COLOR = "#4e79a7"
DOCUMENT_COLOR = "#b6b6b6"
DRAFT_COLOR = "#edc948"

Q_LINKS = (
    f"MATCH (a:{PLAN})-[i:{IMPLEMENTS}]->(b:{PLAN}) RETURN a.id AS child, b.id AS parent, "
    "i.by AS by ORDER BY child, parent"
)
Q_CARRIED = (
    f"MATCH (c:{MEASURE})-[:{CARRIES_OUT}]->(p:{MEASURE}) "
    "RETURN c.plan AS child, p.plan AS parent, count(*) AS measures"
)
Q_PLANS = f"MATCH (p:{PLAN}) RETURN p.id AS id, p.title AS title, p.jurisdiction AS place"


def lineage_view(graph: Store, plan: str | None, lang: str = "auto") -> View:
    """One plan (the store's only plan when `plan` is None), the plans it implements and
    those implementing it (up to DEPTH levels each way), and the documents it cites."""
    focus = read_plan(graph, plan).plan
    links = graph.query(Q_LINKS).records()
    up: dict[str, list[dict]] = defaultdict(list)
    down: dict[str, list[dict]] = defaultdict(list)
    for link in links:
        up[link["child"]].append(link)
        down[link["parent"]].append(link)
    shown, edges, reached = {focus.id}, [], {}
    for step in (up, down):  # breadth first, each way, as the report's path lengths
        reached[id(step)] = 0
        frontier = [focus.id]
        for _ in range(DEPTH):
            following = []
            for pid in frontier:
                for link in step.get(pid, []):
                    other = link["parent"] if step is up else link["child"]
                    if link not in edges:
                        edges.append(link)
                    if other not in shown:
                        shown.add(other)
                        following.append(other)
                        reached[id(step)] += 1
            frontier = following
    plans = {r["id"]: r for r in graph.query(Q_PLANS).records() if r["id"] in shown}
    carried = {(r["child"], r["parent"]): r["measures"] for r in graph.query(Q_CARRIED).records()}
    cited = [
        r for r in run_report(graph, "lineage", {"plan": focus.id}).records()
        if r["kind"] == "document"
    ]  # fmt: skip
    lang = choose(lang, [focus.title, *(p["title"] or "" for p in plans.values())])
    net = _network()
    for pid, row in sorted(plans.items()):
        title = row["title"] or pid
        net.add_node(
            "p:" + pid,
            label=_short(title, 16),
            shape="diamond" if pid != focus.id else "star",
            value=3 if pid == focus.id else 2,
            color=FOCUS_COLOR if pid == focus.id else PLAN_COLOR,
            tip=_tip(("head", title), ("meta", pid), ("meta", row["place"] or "")),
            search=title,
            pg_focus=pid == focus.id,
        )
    for link in edges:
        n = carried.get((link["child"], link["parent"]), 0)
        net.add_edge(
            "p:" + link["child"],
            "p:" + link["parent"],
            arrows="to",
            width=2,
            color="#555555",
            tip=_tip(("meta", text(lang, "t_implements", by=link["by"] or "", measures=n))),
        )
    for i, doc in enumerate(cited):
        title = doc["title"] or doc["number"] or ""
        node = f"doc:{i}"
        net.add_node(
            node,
            label=_short(f"《{doc['title']}》" if doc["title"] else title, 16),
            shape="box",
            value=1,
            color=DRAFT_COLOR if doc["cited_as"] == "drafts" else DOCUMENT_COLOR,
            tip=_tip(
                ("head", title),
                ("meta", doc["number"] or ""),
                ("meta", doc["issuer"] or ""),
                ("meta", text(lang, "t_cited_as", kind=doc["cited_as"] or "")),
            ),
            search=title,
        )
        net.add_edge("p:" + focus.id, node, arrows="to", dashes=True, color="#999999", width=1)
    legend = [
        {"shape": "dot", "color": FOCUS_COLOR, "text": focus.title or focus.id},
        {"shape": "dot", "color": PLAN_COLOR, "text": text(lang, "l_plan")},
        {"shape": "square", "color": DOCUMENT_COLOR, "text": text(lang, "l_document")},
        {"shape": "square", "color": DRAFT_COLOR, "text": text(lang, "l_document_drafted")},
        {"shape": "solid", "color": "#555555", "text": text(lang, "l_implements")},
        {"shape": "dashed", "color": "#999999", "text": text(lang, "l_cites")},
    ]
    heading = text(lang, "h_lineage", up=reached[id(up)], down=reached[id(down)],
                   documents=len(cited))  # fmt: skip
    controls = {"sections": [], "kinds": [], "groups": [], "pairs": False}
    return View("lineage", heading, focus.title or focus.id, net, legend, lang, controls)
