"""The Neo4j Browser served by the local server, in headless Chromium: the link `neo4j start`
prints connects by itself (no login form, the right Bolt port), a catalogue report pasted
unchanged from its .cypher file runs (as analysts do), and the guide `neo4j guide` serves plays."""

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest

from policygraph import neo4j_guide
from policygraph.neo4j_server import ServerInfo
from tests.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.neo4j]


@dataclass
class Browser:
    page: Any
    link: str
    bolt_uri: str
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def run(self, text: str) -> None:
        """Type (paste) a command into the main editor and run it."""
        editor = self.page.locator("#monaco-main-editor textarea, .monaco-editor textarea").first
        editor.click()
        self.page.keyboard.insert_text(text)
        self.page.keyboard.press("Control+Enter")


def printed_link(bolt: str, http: str) -> ServerInfo:
    """The server `neo4j start` would report for these ports (its Browser link included)."""
    bolt_port, http_port = urlsplit(bolt).port, urlsplit(http).port
    assert bolt_port and http_port
    return ServerInfo(0, bolt_port, http_port, "", "")


@pytest.fixture
def neo4j_browser(browser_context, neo4j_server) -> Iterator[Browser]:
    """Neo4j Browser opened at the link `neo4j start` prints, connected."""
    http = os.environ.get("POLICYGRAPH_TEST_HTTP_URL", "http://127.0.0.1:7474")
    info = printed_link(neo4j_server["uri"], http)
    page = browser_context.new_page()
    browser = Browser(page, info.browser_url, info.bolt_uri)
    page.on("pageerror", lambda e: browser.errors.append(str(e)))

    def only_loopback(route):
        host = urlsplit(route.request.url).hostname or ""
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            browser.outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_loopback)
    try:
        page.goto(browser.link)
        page.wait_for_selector("text=Connected to Neo4j", timeout=60_000)
        yield browser
    finally:
        page.close()


def test_the_printed_browser_link_connects_to_its_bolt_port_without_a_login_form(
    neo4j_browser,
):
    page = neo4j_browser.page
    assert "Neo4j Browser" in page.title()
    assert page.locator("input[type=password]").count() == 0
    # Connected to the test server, not to whatever answers on 7687: ask it where it listens.
    neo4j_browser.run(
        "SHOW SETTINGS YIELD name, value WHERE name = 'server.bolt.listen_address' "
        "RETURN 'listening on ' + value AS where"
    )
    port = urlsplit(neo4j_browser.bolt_uri).port
    page.wait_for_selector(f"text=listening on 127.0.0.1:{port}", timeout=30_000)
    page.screenshot(path=str(_artifact("neo4j-browser-link.png")))
    assert neo4j_browser.errors == []


def test_a_report_pasted_from_its_file_runs_in_browser(neo4j_browser, neo4j_store, seed_plan):
    neo4j_store.load(seed_plan)
    report = (ROOT / "queries" / "department-workload.cypher").read_text(encoding="utf-8")
    page = neo4j_browser.page
    # Paste the report file as an analyst would (param defaults first), and run it.
    neo4j_browser.run(":param plan => ''")
    page.wait_for_selector("text=Successfully set your parameters", timeout=30_000)
    neo4j_browser.run(report)
    page.wait_for_selector("text=区人力资源和社会保障局", timeout=30_000)
    page.screenshot(path=str(_artifact("neo4j-browser.png")))
    assert neo4j_browser.errors == []


def test_the_guide_served_by_policygraph_plays_in_browser(neo4j_browser):
    server = neo4j_guide.make_server(0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        neo4j_browser.run(f":play {neo4j_guide.guide_url(server)}")
        page = neo4j_browser.page
        page.wait_for_selector("h3:has-text('policygraph reports')", timeout=30_000)
        first = page.locator(".slide").first
        assert "The analysts' question library" in first.inner_text()
        assert "department-workload" in first.inner_text()
        assert page.locator("text=No guide by that name").count() == 0
        page.screenshot(path=str(_artifact("neo4j-browser-guide.png")))
    finally:
        server.shutdown()
        server.server_close()
    assert neo4j_browser.errors == []


PASTE = """(text) => {
    const editor = document.querySelector('#monaco-main-editor textarea, .monaco-editor textarea');
    editor.focus();
    const data = new DataTransfer();
    data.setData('text/plain', text);
    editor.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true}));
}"""
DROP = """(text) => {
    const frame = document.querySelector('article[data-testid="frame"]');  // the newest frame
    const data = new DataTransfer();
    data.items.add(new File([text], 'policygraph.grass'));
    for (const type of ['dragenter', 'dragover', 'drop'])
        frame.dispatchEvent(new DragEvent(type, {dataTransfer: data, bubbles: true}));
}"""
FILLS = """() => [...document.querySelectorAll('svg g.node circle.b-outline')].map(c =>
    [c.parentNode.querySelector('text.caption').textContent.trim(), c.getAttribute('fill'),
     c.getAttribute('r')])"""


@pytest.mark.parametrize("how", ["pasted", "typed", "dropped"])
def test_the_style_applies_pasted_typed_or_dropped_and_colours_the_canvas(
    how, neo4j_browser, neo4j_store, seed_plan
):
    from tests.unit.test_browser_kit import GRASS, parse_grass

    neo4j_store.load(seed_plan)
    text = GRASS.read_text(encoding="utf-8")
    rules = parse_grass(text)
    page = neo4j_browser.page
    neo4j_browser.run(":style reset")
    if how == "pasted":  # a real paste: the editor inserts the text as it is
        page.evaluate(PASTE, ":style " + text)
        page.keyboard.press("Control+Enter")
    elif how == "typed":  # typed text: the editor closes each bracket it sees opened
        neo4j_browser.run(":style " + text)
    else:  # the file dragged onto the :style frame
        neo4j_browser.run(":style")
        page.wait_for_selector("article[data-testid='frame']")
        page.evaluate(DROP, text)
    neo4j_browser.run(
        "MATCH (d:Department)-[r:LEADS]->(m:Measure) WHERE m.number <= 3 RETURN d, r, m"
    )
    page.wait_for_selector("svg g.node circle.b-outline", timeout=30_000)
    page.wait_for_timeout(500)  # the layout's first ticks
    drawn = page.evaluate(FILLS)
    page.screenshot(path=str(_artifact(f"neo4j-browser-style-{how}.png")))
    neo4j_browser.run(":style reset")
    assert page.locator("text=Something went wrong").count() == 0
    assert neo4j_browser.errors == []
    expected = {
        label: (rules[f"node.{label}"]["color"].upper(), rules[f"node.{label}"]["diameter"])
        for label in ("Department", "Measure")
    }
    assert len(drawn) == 6  # three measures and their lead departments
    for caption, fill, radius in drawn:
        label = "Measure" if caption.isdigit() else "Department"
        assert (fill.upper(), f"{2 * float(radius):g}px") == expected[label], caption


def _artifact(name):
    from tests.browser.conftest import ARTIFACTS

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name
