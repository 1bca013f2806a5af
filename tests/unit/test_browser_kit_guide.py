"""`policygraph neo4j guide`: the guide served with CORS for pages from this machine only,
the same text as browser/guide.html, and a clear error when the port is taken."""

from __future__ import annotations

import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from policygraph.queries.docs import GUIDE_HTML

from policygraph import neo4j_guide
from tests.conftest import run_cli


@pytest.fixture
def served() -> Iterator[str]:
    server = neo4j_guide.make_server(0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def get(url: str, origin: str | None = None, method: str = "GET"):
    request = urllib.request.Request(url, method=method)
    if origin:
        request.add_header("Origin", origin)
    return urllib.request.urlopen(request, timeout=10)


def test_the_served_guide_is_the_generated_guide_file(served):
    with get(served + "/guide.html") as answer:
        assert answer.status == 200
        assert answer.headers["Content-Type"] == "text/html; charset=utf-8"
        assert answer.read().decode("utf-8") == GUIDE_HTML.read_text(encoding="utf-8")


@pytest.mark.parametrize("origin", ["http://127.0.0.1:7474", "http://localhost:17716"])
def test_a_page_from_this_machine_may_read_the_guide(served, origin):
    with get(served + "/guide.html", origin) as answer:
        assert answer.headers["Access-Control-Allow-Origin"] == origin
    with get(served + "/guide.html", origin, method="OPTIONS") as preflight:
        assert preflight.status == 204
        assert preflight.headers["Access-Control-Allow-Origin"] == origin


@pytest.mark.parametrize("origin", ["http://evil.example", "http://127.0.0.1.evil.example"])
def test_a_page_from_elsewhere_gets_no_cors_header(served, origin):
    with get(served + "/guide.html", origin) as answer:
        assert answer.headers["Access-Control-Allow-Origin"] is None


def test_other_paths_are_not_found(served):
    with pytest.raises(urllib.error.HTTPError) as caught:
        get(served + "/../browser/policygraph.grass")
    assert caught.value.code == 404


def test_the_play_address_uses_localhost_which_browser_allows_by_default():
    server = neo4j_guide.make_server(0)
    try:
        port = server.server_address[1]
        assert neo4j_guide.guide_url(server) == f"http://localhost:{port}/guide.html"
    finally:
        server.server_close()


def test_a_taken_port_is_one_error_line():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("neo4j", "guide", "--port", str(port))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: port {port} on 127.0.0.1 is already in use; choose another with --port"
    ]
