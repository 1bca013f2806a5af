"""A built view as one self-contained, offline and safe HTML page.

We render pyvis's nodes, edges and options with our own page (policygraph/data/view.html and
view.js) rather than pyvis's template, which links Bootstrap from a CDN, pastes names into the
HTML unescaped, and switches tooltips to innerHTML when a text contains "href". The page:

- is one UTF-8 file: vis-network (shipped inside pyvis) is inlined and nothing is fetched; its
  Content-Security-Policy allows no request and no script but its own two (pinned by hash), so
  even a missed escape could not load or run anything;
- treats every name and text from the plan as data: it travels as JSON and reaches the screen
  only through textContent and vis-network's canvas labels, never as markup.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import math
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from policygraph.loader.errors import ViewError

from .output import writing
from .view_filters import offered
from .view_text import column, text

if TYPE_CHECKING:
    from .views import View

LAYOUTS = ("auto", "physics", "fixed")

# Up to this many nodes a view lays itself out with physics in the browser, which then stops
# (about 4 s for 1,000 nodes on a 2-core CI machine). Bigger views are drawn from positions
# computed here in linear time (see _place) and open at once.
PHYSICS_MAX_NODES = 1000

FONT_PX = 14
FONT = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif'

_PAGE_DIR = Path(__file__).parent / "data"
_PYVIS_DIR = Path(importlib.util.find_spec("pyvis").origin).parent  # type: ignore[union-attr, arg-type]
_VIS_DIR = _PYVIS_DIR / "templates" / "lib" / "vis-9.1.2"


def _options(physics: bool, nodes: int, spread: float = 1.0) -> dict[str, Any]:
    """vis-network options. With physics the layout settles, then the page turns physics off.
    `spread`: how much wider than a physics layout a precomputed one is, so nodes grow with it
    and stay visible when the page fits the whole view on the screen."""
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": nodes <= 100},
        "nodes": {
            # the page keeps labels FONT_PX high on screen whatever the zoom (view.js), on a
            # white ground so an edge passing under a label does not cross its text
            "font": {
                "size": FONT_PX,
                "face": FONT,
                "color": "#1d2733",
                "strokeWidth": 3,
                "background": "rgba(255,255,255,0.8)",
            },
            "scaling": {"min": 8 * spread, "max": 36 * spread, "label": {"enabled": False}},
            "borderWidth": 1,
        },
        "edges": {
            "smooth": False,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.4}},
            "scaling": {"min": 1, "max": 10},
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "multiselect": True,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "hideEdgesOnDrag": not physics,
        },
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -80,
                "springLength": 100,
                "avoidOverlap": 0.4,
            },
            "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 25},
            "minVelocity": 1,
        },
    }


def _place(view: View) -> float:
    """Positions for a big view, computed in linear time so the browser runs no physics.

    Measures (in the coordination view, departments) go round a circle in plan order, in a
    few staggered rows, so each chapter (or community) is one arc. Departments of the other
    views sit inside, towards the arcs of their measures, the busiest nearest the centre.
    Returns the circle's radius over 800, the radius of the smallest circle.
    """
    nodes = view.net.nodes
    ring = [n for n in nodes if n["shape"] == "square"] or nodes
    inner = [n for n in nodes if n["shape"] != "square"] if ring is not nodes else []
    rows = max(1, math.ceil(len(ring) / 400))
    radius = max(800.0, 1.8 * len(ring))
    angle: dict[str, float] = {}
    for i, n in enumerate(ring):
        a = 2 * math.pi * i / len(ring)
        r = radius + 70 * (i % rows)
        n["x"], n["y"] = round(r * math.cos(a), 1), round(r * math.sin(a), 1)
        angle[n["id"]] = a
    linked: dict[str, list[float]] = defaultdict(list)
    for e in view.net.edges:
        if e["to"] in angle and e["from"] not in angle:
            linked[e["from"]].append(angle[e["to"]])
    inner.sort(key=lambda n: -len(linked[n["id"]]))
    for i, n in enumerate(inner):
        angles = linked[n["id"]] or [2 * math.pi * i / len(inner)]
        a = math.atan2(sum(map(math.sin, angles)), sum(map(math.cos, angles)))
        r = 0.8 * radius * math.sqrt((i + 1) / len(inner))  # even density: no crowded centre
        n["x"], n["y"] = round(r * math.cos(a), 1), round(r * math.sin(a), 1)
    return radius / 800


def json_for_script(value: Any) -> str:
    """JSON safe inside a <script> element: '<', '>' and '&' never appear as themselves."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char in "&<>\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(_PAGE_DIR), autoescape=True, undefined=jinja2.StrictUndefined
)


def render_html(view: View, *, layout: str = "auto") -> str:
    """The view as one self-contained HTML page. layout: auto, physics or fixed."""
    if layout not in LAYOUTS:
        raise ViewError(f"unknown layout {layout!r}; choose auto, physics or fixed.")
    physics = view.node_count <= PHYSICS_MAX_NODES if layout == "auto" else layout == "physics"
    note = ""
    spread = 1.0
    if not physics:
        spread = _place(view)
        note = (
            text(view.lang, "note_fixed_auto", nodes=view.node_count, max=PHYSICS_MAX_NODES)
            if layout == "auto"
            else text(view.lang, "note_fixed")
        )
    view.net.options = _options(physics, view.node_count, spread)
    nodes, edges, _, _, _, options = view.net.get_network_data()
    filters = asdict(view.filters)
    if filters["measures"] == "auto":  # a view too big for physics opens with a chapter a node
        filters["measures"] = "each" if physics or not view.controls.get("groups") else "chapter"
    data = {
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options),
        "physics": physics,
        "filters": filters,
        "groups": view.controls.get("groups", []),
        "text": column(view.lang),
    }
    vis_js = (_VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    app_js = (_PAGE_DIR / "view.js").read_text(encoding="utf-8")
    return _ENV.get_template("view.html").render(
        title=f"{view.plan_title} — {view.name}",
        lang="zh-CN" if view.lang == "zh" else "en",
        t=column(view.lang),
        controls=view.controls,
        filters=filters,
        offered=offered(view),
        plan_title=view.plan_title,
        heading=view.heading,
        note=note,
        legend=view.legend,
        pyvis_version=_pyvis_version(),
        csp_scripts=f"{_csp_hash(vis_js)} {_csp_hash(app_js)}",
        vis_css=_raw((_VIS_DIR / "vis-network.css").read_text(encoding="utf-8"), "</style"),
        vis_js=_raw(vis_js, "</script"),
        app_js=_raw(app_js, "</script"),
        data_json=Markup(json_for_script(data)),
    )


def write_view(view: View, path: str | Path, *, layout: str = "auto") -> Path:
    """Write the page as UTF-8 whatever the platform's encoding (pyvis's write_html does not)."""
    page = render_html(view, layout=layout)
    with writing(path) as path:
        path.write_text(page, encoding="utf-8", newline="\n")
    return path


def _raw(text: str, closing: str) -> Any:
    """Our own asset, inlined as is; its element's end tag (or '<!--', which changes how the
    parser looks for it) inside would end the element early."""
    for bad in (closing, "<!--"):
        if bad in text.lower():
            raise ViewError(f"an inlined asset contains {bad!r}; it cannot be embedded.")
    return Markup(text)


def _pyvis_version() -> str:
    from importlib.metadata import version

    return version("pyvis")
