"""A real headless Chromium (Debian's, never a downloaded one) driven by Playwright.

Without Chromium or Playwright the browser tests skip, unless `--require-browser` (CI sets it)
makes that a failure. The browser runs with a fresh profile, and every request that is not
for a local file is recorded and aborted, so a test can assert that nothing left the machine.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

ARTIFACTS = ROOT / "artifacts" / "browser"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def find_chromium() -> str | None:
    for candidate in (os.environ.get("POLICYGRAPH_CHROMIUM"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class Page:
    """One opened view and everything it did while loading."""

    page: Any
    url: str
    console: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        # evaluate() goes through the DevTools protocol, which the page's CSP does not block
        # (wait_for_function would: it evals a string inside the page).
        return self.page.evaluate(expression, arg)

    def console_errors(self) -> list[str]:
        return [text for kind, text in self.console if kind == "error"] + self.errors

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path


@pytest.fixture(scope="session")
def browser_context(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    def unavailable(why: str) -> None:
        if request.config.getoption("--require-browser"):
            pytest.fail(f"Chromium is required (--require-browser) but {why}")
        pytest.skip(why)

    executable = find_chromium()
    if executable is None:
        unavailable("no chromium found (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 900},
            locale="zh-CN",
        )
        yield context
        context.close()


@pytest.fixture
def open_view(browser_context):
    """Open an HTML file and wait until its network has settled (physics stopped)."""
    opened: list[Any] = []

    def open_(path: Path, timeout_ms: int = 60_000) -> Page:
        page = browser_context.new_page()
        opened.append(page)
        view = Page(page, path.resolve().as_uri())
        page.on("console", lambda m: view.console.append((m.type, m.text)))
        page.on("pageerror", lambda e: view.errors.append(str(e)))
        page.on("request", lambda r: view.requests.append(r.url))
        page.on("dialog", lambda d: (view.dialogs.append(d.message), d.dismiss()))

        def block(route: Any) -> None:
            view.blocked.append(route.request.url)
            route.abort()

        page.route(lambda url: not url.startswith("file:"), block)
        page.goto(view.url)
        page.wait_for_selector("body[data-settled]", state="attached", timeout=timeout_ms)
        return view

    yield open_
    for page in opened:
        page.close()
