"""Serve a folder of pages on 127.0.0.1 with a free port: the demo site, and the tests' fixture sites.

A ``_routes.json`` in the folder gives some paths special answers: with "status" or "body" the
answer is made from the entry (plus "headers", "delay" in seconds); with only "headers" the file is
served with those headers added. "{base}" in a body becomes the server's address. So redirects, errors, headers such as Content-Security-Policy, and slow pages are data, not code.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class _Handler(SimpleHTTPRequestHandler):
    routes: dict[str, dict[str, Any]] = {}
    base = ""
    requests: list[str] | None = None  # when given, every requested path is appended (tests count them)

    def parse_request(self) -> bool:
        ok = super().parse_request()
        if ok and self.requests is not None:
            self.requests.append(self.path)
        return ok

    def log_message(self, format: str, *args: Any) -> None:  # keep test and demo output quiet
        pass

    def _special(self) -> bool:
        route = self.routes.get(self.path, {})
        if "status" not in route and "body" not in route:
            return False
        time.sleep(float(route.get("delay", 0)))
        body = route.get("body", "").replace("{base}", self.base).encode("utf-8")
        self.send_response(int(route.get("status", 200)))
        for name, value in route.get("headers", {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return True

    def end_headers(self) -> None:
        route = self.routes.get(self.path, {})
        if "status" not in route and "body" not in route:  # a real file with extra headers (e.g. CSP)
            for name, value in route.get("headers", {}).items():
                self.send_header(name, value)
        super().end_headers()

    def do_GET(self) -> None:
        if not self._special():
            super().do_GET()

    def do_HEAD(self) -> None:
        if not self._special():
            super().do_HEAD()


class _Server(ThreadingHTTPServer):
    """A browser that goes away mid-answer (a closed tab, a stopped crawl) is ordinary, not an error:
    no traceback on the terminal of whoever runs the demo. Anything else is one line."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError):
            return
        print(f"kaikille: the local server could not answer {client_address[0]}: {type(error).__name__}: {error}",
              file=sys.stderr)


@contextmanager
def serve(folder: str | Path, requests: list[str] | None = None) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 at a port the system picks; yields the base URL ('http://127.0.0.1:N/').
    With ``requests``, the path of every request is appended to that list."""
    folder = Path(folder)
    routes_file = folder / "_routes.json"
    routes = json.loads(routes_file.read_text("utf-8")) if routes_file.is_file() else {}
    handler: Any = type("Handler", (_Handler,), {"routes": routes, "requests": requests})
    server = _Server(("127.0.0.1", 0), partial(handler, directory=str(folder)))
    handler.base = f"http://127.0.0.1:{server.server_address[1]}"
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield handler.base + "/"
    finally:
        server.shutdown()
        server.server_close()
