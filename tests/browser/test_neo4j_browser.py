"""The Neo4j Browser served by the local server loads in headless Chromium, connects, and runs
a catalogue report pasted unchanged from its .cypher file (as analysts do)."""

import os
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.neo4j]


def test_neo4j_browser_loads_connects_and_runs_a_pasted_report(
    browser_context, neo4j_server, neo4j_store, seed_plan
):
    neo4j_store.load(seed_plan)
    report = (ROOT / "queries" / "department-workload.cypher").read_text(encoding="utf-8")
    bolt = neo4j_server["uri"]
    http = os.environ.get("POLICYGRAPH_TEST_HTTP_URL", "http://127.0.0.1:7474")
    page = browser_context.new_page()
    outside: list[str] = []
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    def only_loopback(route):
        host = urlsplit(route.request.url).hostname or ""
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_loopback)
    try:
        page.goto(f"{http}/browser/?preselectAuthMethod=NO_AUTH&dbms={bolt}")
        page.wait_for_selector("text=Connected to Neo4j", timeout=60_000)
        assert "Neo4j Browser" in page.title()
        # Paste the report file as an analyst would (param defaults first), and run it.
        editor = page.locator("#monaco-main-editor textarea, .monaco-editor textarea").first
        editor.click()
        page.keyboard.insert_text(":param plan => ''")
        page.keyboard.press("Control+Enter")
        page.wait_for_selector("text=Successfully set your parameters", timeout=30_000)
        editor.click()
        page.keyboard.insert_text(report)
        page.keyboard.press("Control+Enter")
        page.wait_for_selector("text=区人力资源社会保障局", timeout=30_000)
        page.screenshot(path=str(_artifact("neo4j-browser.png")))
    finally:
        page.close()
    assert errors == []


def _artifact(name):
    from tests.browser.conftest import ARTIFACTS

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name
