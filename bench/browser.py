"""View generation time, and time to a settled, responsive network in headless Chromium."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from generator import iter_plans
from policygraph.loader.parse import parse_file
from policygraph.loader.stores.embedded import EmbeddedStore

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DEPARTMENTS_PER_REGION = 75  # about how many departments one region's plan names

# Mean time of a forced redraw after a zoom (what a pan or zoom costs), and of two animation
# frames (is the page's main thread free?).
REDRAW_JS = """() => {
  const n = window.network, t0 = performance.now();
  for (let i = 0; i < 5; i++) { n.moveTo({scale: 0.2 + 0.1 * i}); n.redraw(); }
  return (performance.now() - t0) / 5;
}"""
SETTLED_JS = "() => !!(window.policygraph && window.policygraph.settled)"
FIRST_SCREEN_JS = """() => ({shown: (window.policygraph.shown || {}).nodes,
  labelled: window.policygraph.labelled})"""
FRAME_JS = """() => new Promise(done => { const t0 = performance.now();
  requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0))); })"""


def build_page(nodes: int, folder: Path, seed: int = 11) -> dict[str, Any]:
    """One plan sized to give an overview of about `nodes` nodes; times building its page."""
    from policygraph.views import build_view

    render_html = _render_html()
    measures = max(10, nodes - DEPARTMENTS_PER_REGION)
    name, text, _ = next(iter_plans(measures, plan_measures=measures, seed=seed))
    source = folder / f"view{nodes}-{name}"
    source.write_text(text, encoding="utf-8")
    with EmbeddedStore(folder / f"view{nodes}.lbug") as store:
        store.load(parse_file(source))
        t0 = time.perf_counter()
        view = build_view(store, "overview")
        t1 = time.perf_counter()
        html = render_html(view)
        t2 = time.perf_counter()
    page = folder / f"view{nodes}.html"
    page.write_text(html, encoding="utf-8")
    return {
        "nodes": view.node_count,
        "edges": view.edge_count,
        "build_s": t1 - t0,
        "render_s": t2 - t1,
        "generate_s": t2 - t0,
        "html_mb": len(html.encode("utf-8")) / 1e6,
        "page": str(page),
    }


def _render_html() -> Any:
    """policygraph's page renderer (in policygraph.view_page, earlier in policygraph.views)."""
    try:
        from policygraph.view_page import render_html
    except ImportError:
        from policygraph.views import render_html
    return render_html


def browser_available() -> str | None:
    """None when Playwright and Chromium are there, else why not."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install playwright)"
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


def settle_times(pages: list[Path], timeout: float = 120.0) -> list[dict[str, Any]]:
    """For each page: seconds from navigation to window.policygraph.settled, then redraw costs."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for page_path in pages:
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                t0 = time.perf_counter()
                page.goto(page_path.resolve().as_uri(), wait_until="load")
                try:
                    # Poll from here: the page's Content-Security-Policy forbids the eval
                    # that page.wait_for_function would inject.
                    while not page.evaluate(SETTLED_JS):
                        if time.perf_counter() - t0 > timeout:
                            raise TimeoutError(f"not settled after {timeout:.0f} s")
                        time.sleep(0.05)
                    settled = time.perf_counter() - t0
                    how = page.evaluate("document.body.getAttribute('data-settled')")
                    redraw = page.evaluate(REDRAW_JS)
                    frame = page.evaluate(FRAME_JS)
                    # what a person sees first: nodes the starting filters show, labels drawn
                    first = page.evaluate(FIRST_SCREEN_JS)
                    out.append(
                        {"settle_s": settled, "how": how, "redraw_ms": redraw, "frame_ms": frame,
                         **first}
                    )  # fmt: skip
                except Exception as exc:  # a page that never settles is a finding
                    out.append({"error": str(exc).splitlines()[0][:200]})
                page.close()
            version = browser.version
        finally:
            browser.close()
    for o in out:
        o["chromium"] = version
    return out


def view_figures(targets: list[int], with_browser: bool) -> list[dict[str, Any]]:
    try:
        import policygraph.views  # noqa: F401

        _render_html()
    except ImportError as exc:
        return [
            {"target": t, "pending": f"policygraph.views not available: {exc}"} for t in targets
        ]
    with tempfile.TemporaryDirectory(prefix="policygraph-bench-views-") as tmp:
        folder = Path(tmp)
        rows = [{"target": t, **build_page(t, folder)} for t in targets]
        if with_browser:
            pages = [Path(r["page"]) for r in rows]
            for row, timing in zip(rows, settle_times(pages), strict=True):
                row.update(timing)
    return rows
