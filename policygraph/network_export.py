"""Network files for Gephi and other tools: GEXF, GraphML or node-link JSON.

Two graphs are written. The department co-responsibility network (analytics.build_network),
each department carrying its community (numbered as `analyze communities` lists them), its
degree plain and weighted, and its betweenness; in GEXF also a colour per community and a
size by the measures it carries. And, with `analyze --export FILE --bipartite`, the
department–measure graph: departments and measures as nodes (attribute `type`), one link per
assignment from the department to the measure with its `role` (LEADS or SUPPORTS), read from
the store as the views read it (loader.stores.read). Text from a plan is written XML-safe.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import networkx as nx

from policygraph.loader.errors import InputError
from policygraph.loader.model import LEAD, LEADS, SUPPORTS
from policygraph.loader.stores.base import Store
from policygraph.loader.stores.read import plan_titles, read_plan

from . import jurisdictions
from .analytics import with_communities
from .output import writing
from .views import DEPARTMENT_COLOR, PALETTE, community_color

EXPORT_FORMATS = {".graphml": "GraphML", ".gexf": "GEXF (Gephi)", ".json": "node-link JSON"}
TEXT_CHARS = 60  # a measure's text on its node and links: enough to recognise it in Gephi
MIN_SIZE, MAX_SIZE = 10.0, 50.0  # GEXF viz sizes, smallest to busiest department
MEASURE_COLOR = PALETTE[1]  # not a community colour: the bipartite graph has none


# -- the co-responsibility network ----------------------------------------------------------
def with_measures(graph: nx.Graph) -> nx.Graph:
    """A copy of the network whose departments carry community (as `analyze communities`
    numbers it), degree_unweighted (partners), degree_weighted (measures shared, summed over
    partners) and betweenness (by hops, unrounded; `analyze centrality` rounds it)."""
    marked = with_communities(graph)
    between = nx.betweenness_centrality(graph)
    for name, data in marked.nodes(data=True):
        data["degree_unweighted"] = graph.degree(name)
        data["degree_weighted"] = graph.degree(name, weight="weight")
        data["betweenness"] = between[name]
    return marked


def _department_viz(graph: nx.Graph) -> dict[str, dict[str, Any]]:
    """GEXF viz per department: its community's colour; size MIN_SIZE..MAX_SIZE by the
    measures it carries (total, leads + supports), linear, the busiest largest."""
    busiest = max((d["total"] for _, d in graph.nodes(data=True)), default=0) or 1
    return {
        n: _viz(
            community_color(d["community"]), MIN_SIZE + (MAX_SIZE - MIN_SIZE) * d["total"] / busiest
        )
        for n, d in graph.nodes(data=True)
    }


def export_graph(graph: nx.Graph, path: str | Path) -> str:
    """Write the co-responsibility network as GraphML, GEXF or node-link JSON, by the suffix.

    Node ids are department names (`name（jurisdiction）` when several places are loaded);
    attributes name, jurisdiction, kind, leads, supports, total and those of with_measures;
    links carry weight (shared measures). GEXF adds viz colour (one per community) and size
    (by total). Returns the format's name; the caller's graph is left as it was.
    """
    marked = with_measures(graph)
    return _write(marked, path, _department_viz(marked))


# -- the department–measure graph -----------------------------------------------------------
def bipartite_network(store: Store, plan: str = "") -> nx.DiGraph:
    """Departments and measures, linked by their assignments, read from a store.

    Parameters
    ----------
    store : Store
        An open store; only read.
    plan : str
        One plan's id, or "" (default) for every plan in the store.

    Returns
    -------
    networkx.DiGraph
        Department nodes (type "department"; id as in build_network; name, jurisdiction,
        kind, leads, supports) and measure nodes (type "measure"; id the measure's id; plan,
        number, text cut to TEXT_CHARS). One link per assignment, department to measure, with
        role LEADS or SUPPORTS, plan, number, text and inferred.

    Raises
    ------
    StoreError
        The store holds no plan with this id.
    """
    plans = [read_plan(store, p) for p in ([plan] if plan else sorted(plan_titles(store)))]
    several = jurisdictions.several(d.jurisdiction for p in plans for d in p.departments)
    graph = nx.DiGraph()
    for parsed in plans:
        places = {d.name: d for d in parsed.departments}
        measures = {m.id: m for m in parsed.measures}
        for m in parsed.measures:
            graph.add_node(
                m.id,
                type="measure",
                label=f"{m.plan} #{m.number}" if len(plans) > 1 else f"#{m.number}",
                plan=m.plan,
                number=m.number,
                text=_short(m.text),
            )
        for a in parsed.assignments:
            dept, m = places[a.department], measures[a.measure]
            node = jurisdictions.label(dept.name, dept.jurisdiction, several)
            if node not in graph:
                graph.add_node(
                    node,
                    type="department",
                    label=node,
                    name=dept.name,
                    jurisdiction=dept.jurisdiction,
                    kind=dept.kind,
                    leads=0,
                    supports=0,
                )
            lead = a.role == LEAD
            graph.nodes[node]["leads" if lead else "supports"] += 1
            graph.add_edge(
                node,
                m.id,
                role=LEADS if lead else SUPPORTS,
                plan=m.plan,
                number=m.number,
                text=_short(m.text),
                inferred=a.inferred,
            )
    return graph


def export_bipartite(graph: nx.DiGraph, path: str | Path) -> str:
    """Write the department–measure graph (bipartite_network) by the file's suffix; GEXF adds
    viz: departments dark, sized by their assignments; measures one colour, smallest."""
    viz = {
        n: _viz(DEPARTMENT_COLOR, MIN_SIZE + graph.degree(n))
        if d["type"] == "department"
        else _viz(MEASURE_COLOR, MIN_SIZE / 2)
        for n, d in graph.nodes(data=True)
    }
    return _write(graph, path, viz)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TEXT_CHARS else text[: TEXT_CHARS - 1] + "…"


# -- writing --------------------------------------------------------------------------------
def _viz(color: str, size: float) -> dict[str, Any]:
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": round(size, 2)}


def _write(graph: nx.Graph, path: str | Path, viz: dict[Any, dict[str, Any]]) -> str:
    path = Path(path)
    kind = export_format(path)
    suffix = path.suffix.lower()
    with writing(path):
        if suffix == ".graphml":
            nx.write_graphml(xml_safe(graph), path, encoding="utf-8")
        elif suffix == ".gexf":
            drawn = graph.copy()
            for name, data in drawn.nodes(data=True):
                data["viz"] = viz[name]
            nx.write_gexf(xml_safe(drawn), path, encoding="utf-8")
        else:
            text = json.dumps(node_link(graph), ensure_ascii=False, indent=2) + "\n"
            path.write_text(text, encoding="utf-8", errors="backslashreplace")
    return kind


# Characters XML 1.0 cannot hold at all, even escaped: C0 controls but tab, LF and CR;
# surrogates; U+FFFE and U+FFFF. lxml crashed the process on them (exit 139, an empty file)
# and ElementTree wrote ill-formed GEXF.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(graph: nx.Graph) -> nx.Graph:
    """A copy of the graph whose names and text attributes (of nodes and links) hold only
    characters XML allows; any other is written as the text \\uXXXX, so it stays visible and
    names stay distinct."""

    def clean(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        return _XML_FORBIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", value)

    safe = nx.relabel_nodes(graph, {n: clean(n) for n in graph}, copy=True)
    for _, data in safe.nodes(data=True):
        data.update({k: clean(v) for k, v in data.items()})
    for *_, data in safe.edges(data=True):
        data.update({k: clean(v) for k, v in data.items()})
    return safe


def export_format(path: str | Path) -> str:
    """The export format a file name asks for, or an InputError naming the choices."""
    suffix = Path(path).suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise InputError(
            f"cannot tell the export format of {path}; end the file name in "
            + ", ".join(EXPORT_FORMATS)
            + "."
        )
    return EXPORT_FORMATS[suffix]


def node_link(graph: nx.Graph) -> dict[str, Any]:
    """The graph as node-link data (d3 and `networkx.node_link_graph(data, edges="links")`)."""
    return {
        "directed": graph.is_directed(),
        "multigraph": False,
        "graph": {
            "name": "department–measure" if graph.is_directed() else "department co-responsibility"
        },
        "nodes": [{"id": n, **d} for n, d in graph.nodes(data=True)],
        "links": [{"source": a, "target": b, **d} for a, b, d in graph.edges(data=True)],
    }
