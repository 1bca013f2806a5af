"""Serve the report guide to Neo4j Browser (`:play http://localhost:PORT/guide.html`).

Browser fetches a guide from the page, so the answer needs CORS headers for Browser's origin;
this server sends them to any page served from this machine (localhost, 127.0.0.1, ::1, any
port) and to no other. The guide is built from the catalogue when asked for
(policygraph.queries.docs), so it is the same text as browser/guide.html and needs no file from
the source tree. Standard library only; it listens on 127.0.0.1.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from policygraph.loader.errors import InputError

GUIDE_PATH = "/guide.html"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def guide_html() -> bytes:
    from policygraph.queries import catalogue
    from policygraph.queries.docs import browser_guide

    return browser_guide(catalogue()).encode("utf-8")


def local_origin(origin: str | None) -> bool:
    """True for an `Origin` of a page served from this machine."""
    if not origin:
        return False
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and (parts.hostname or "") in LOCAL_HOSTS


class _Handler(BaseHTTPRequestHandler):
    body = b""
    log: Callable[[str], None] = staticmethod(lambda _msg: None)

    def _cors(self) -> None:
        origin = self.headers.get("Origin")
        if local_origin(origin):
            self.send_header("Access-Control-Allow-Origin", origin or "")
            self.send_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "*")
            self.send_header("Vary", "Origin")

    def _answer(self, send_body: bool) -> None:
        if urlsplit(self.path).path not in (GUIDE_PATH, "/"):
            self.send_response(404)
            self._cors()
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self._cors()
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if send_body:
            self.wfile.write(self.body)

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        self._answer(True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(False)

    def do_OPTIONS(self) -> None:  # noqa: N802
        self.send_response(204)
        self._cors()
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (base's name)
        self.log(f"{self.address_string()} {format % args}")


def make_server(port: int, log: Callable[[str], None] | None = None) -> ThreadingHTTPServer:
    """A server for the guide on 127.0.0.1:port (0: any free port); call serve_forever()."""
    handler = type(
        "GuideHandler", (_Handler,), {"body": guide_html(), "log": staticmethod(log or _quiet)}
    )
    try:
        return ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE or getattr(exc, "winerror", None) == 10048:
            raise InputError(
                f"port {port} on 127.0.0.1 is already in use; choose another with --port"
            ) from exc
        raise InputError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}") from exc


def guide_url(server: ThreadingHTTPServer) -> str:
    """The address to `:play`. Its host is `localhost`, not 127.0.0.1: Browser fetches the guide
    either way but shows only one from a host in the server's
    `browser.remote_content_hostname_allowlist`, whose default allows `localhost` alone (of
    this machine's names); measured with Browser 5.24."""
    return f"http://localhost:{server.server_address[1]}{GUIDE_PATH}"


def _quiet(_msg: str) -> None:
    pass
