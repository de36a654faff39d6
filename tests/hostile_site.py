"""A hostile website for the tests, served on 127.0.0.1 with a free port: endless calendars,
parameter explosions, redirect loops, errors, binaries, pages that never load or never settle,
dialogs, a huge DOM, a page that crashes its tab, markup meant to run in our reports, and pages
that try to forge their results (replacing axe, Array.from, JSON), to leave (meta refresh,
location =, a form that submits itself, a sitemap elsewhere), to multiply (popups, prefetch,
prerender), or to take over (a service worker that answers for later pages).
Every request is logged so tests can prove nothing out of scope was asked for: beside the hostile
site runs an "outside" server (127.0.0.1, another port: another origin, out of the crawl's scope)
that the hostile pages link and redirect to; its log must stay empty."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

CASES = [
    "/calendar/2026/1", "/params?view=list", "/loop-a", "/away", "/gone", "/broken", "/photo", "/blob",
    "/never", "/busy", "/dialog", "/huge-dom", "/crash", "/csp", "/hostile",
    "/forge", "/surrogate", "/sw-install", "/refresh-in", "/refresh-out", "/locate", "/autosubmit", "/popups",
    "/attachment", "/frame-3p", "/prefetch", "/restless",
]

FORGE = """<script>
window.axe = {run: () => Promise.resolve({violations: [], incomplete: []}), runPartial: () => ({}), utils: {}};
Object.freeze(window.axe);
Array.from = () => []; Array.prototype.map = () => []; JSON.stringify = () => "{}"; JSON.parse = () => ({});
Object.defineProperty(document, 'title', {get: () => 42});
</script>"""
SERVICE_WORKER = b"""self.addEventListener('install', e => self.skipWaiting());
self.addEventListener('activate', e => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', e => e.respondWith(new Response(
  '<!DOCTYPE html><html lang="en"><title>Forged by a worker</title><main><h1>Forged</h1></main></html>',
  {headers: {'Content-Type': 'text/html'}})));"""


def page(title: str, body: str, head: str = "") -> bytes:
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
            f"<body><main><h1>{title}</h1>{body}</main></body></html>").encode()


class Handler(BaseHTTPRequestHandler):
    log: list[str] = []
    outside = "http://outside.invalid/"  # the outside server's base URL
    widget = "http://widget.invalid/"  # another site whose frame a page embeds (third-party content)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send(self, status: int, body: bytes = b"", kind: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: C901 - one branch per hostile case
        self.log.append(self.path)
        parts = urlsplit(self.path)
        path = parts.path
        if path == "/":
            links = "".join(f'<li><a href="{c}">{c}</a></li>' for c in CASES)
            links += f'<li><a href="{self.outside}elsewhere">Another site</a></li>'
            self.send(200, page("Hostile site", f"<ul>{links}</ul>"))
        elif path.startswith("/calendar/"):
            year, month = (int(x) for x in path.split("/")[2:4])
            nxt = (year + month // 12, month % 12 + 1)
            self.send(200, page(f"Calendar {year}-{month}", f'<a href="/calendar/{nxt[0]}/{nxt[1]}">Next month</a>'))
        elif path == "/params":
            query = dict(parse_qsl(parts.query))
            variants = [urlencode({**query, key: str(int(query.get(key, 0)) + 1)}) for key in ("page", "sort", "size", "filter")]
            self.send(200, page("Listing", "".join(f'<a href="/params?{v}">Variant {i}</a> ' for i, v in enumerate(variants))))
        elif path == "/loop-a":
            self.send(302, Location="/loop-b")
        elif path == "/loop-b":
            self.send(302, Location="/loop-a")
        elif path == "/away":
            self.send(301, Location=self.outside)
        elif path == "/gone":
            self.send(404, page("Not found", "<p>Gone.</p>"))
        elif path == "/broken":
            self.send(500, page("Server error", "<p>Broken.</p>"))
        elif path == "/photo":
            self.send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
        elif path == "/blob":
            self.send(200, b"\x00" * (8 * 1024 * 1024), "application/octet-stream")
        elif path == "/never":
            time.sleep(60)  # accepts, never answers in time
        elif path == "/busy":
            script = "<script>setInterval(() => fetch('/tick?' + Date.now()), 100)</script>"
            self.send(200, page("Never settles", "<p>Polls forever.</p>" + script))
        elif path == "/restless":
            # never at rest, and forging the events that say it moved: analysed at most twice, then audited
            script = ("<style>@keyframes in { from { opacity: 0 } to { opacity: 1 } } .in { animation: in .3s }</style><script>"
                      "setInterval(() => { const p = document.querySelector('p'); p.classList.toggle('in'); p.textContent = Date.now();"
                      " for (const t of ['animationstart', 'transitionrun']) document.dispatchEvent(new Event(t)); }, 20)</script>")
            self.send(200, page("Restless", "<p>Moves forever.</p>" + script))
        elif path == "/tick":
            self.send(200, b"ok", "text/plain")
        elif path == "/dialog":
            self.send(200, page("Dialogs", "<p>Asks.</p><script>alert('hello'); confirm('sure?'); prompt('name?')</script>"))
        elif path == "/huge-dom":
            rows = "".join(f"<li>Item {i}</li>" for i in range(50_000))
            self.send(200, page("Huge DOM", f"<ul>{rows}</ul>"))
        elif path == "/crash":
            hog = "<script>const a = []; while (true) { a.push(new Array(1e7).fill(1.5)); }</script>"
            self.send(200, page("Crashes its tab", "<p>Eats memory.</p>" + hog))
        elif path == "/csp":
            self.send(200, page("Strict CSP", '<img src="/photo">'), Content_Security_Policy="default-src 'none'; img-src 'self'")
        elif path == "/robots.txt":
            self.send(200, f"User-agent: *\nAllow: /\nSitemap: {self.outside}sitemap.xml\n".encode(), "text/plain")
        elif path == "/forge":  # no alt text: axe must still find it, whatever the page did to its globals
            self.send(200, page("Forge", '<img src="/photo">' + FORGE))
        elif path == "/surrogate":
            self.send(200, page("Surrogate", "<script>document.title = 'Bad \\ud800 title';</script>"))
        elif path == "/sw-install":
            script = "<script>navigator.serviceWorker && navigator.serviceWorker.register('/sw.js')</script>"
            self.send(200, page("Installs a worker", '<a href="/sw-victim">next</a>' + script))
        elif path == "/sw.js":
            self.send(200, SERVICE_WORKER, "text/javascript")
        elif path == "/sw-victim":
            self.send(200, page("The real victim page", "<p>Served by the server.</p>"))
        elif path == "/refresh-in":
            self.send(200, page("Refreshes", "<p>Moving.</p>", '<meta http-equiv="refresh" content="0; url=/landing">'))
        elif path == "/landing":
            self.send(200, page("Landing", "<p>Arrived.</p>"))
        elif path == "/refresh-out":
            self.send(200, page("Leaves", "<p>Moving away.</p>", f'<meta http-equiv="refresh" content="0; url={self.outside}refreshed">'))
        elif path == "/locate":
            self.send(200, page("Relocates", "<script>location.href = '/landing2';</script>"))
        elif path == "/landing2":
            self.send(200, page("Second landing", "<p>Arrived by script.</p>"))
        elif path == "/autosubmit":
            form = '<form method="post" action="/posted"><label>X <input name="x"></label></form>'
            self.send(200, page("Submits itself", form + "<script>document.forms[0].submit()</script>"))
        elif path == "/popups":
            opens = "".join(f"window.open('{self.outside}pop{i}');" for i in range(60))
            link = f'<a id="out" href="{self.outside}blank" target="_blank" rel="noopener">out</a>'
            self.send(200, page("Popups", link + f"<script>{opens} document.getElementById('out').click();</script>"))
        elif path == "/attachment":
            self.send(200, page("An attachment", "<p>Save me.</p>"), Content_Disposition='attachment; filename="a.html"')
        elif path == "/frame-3p":
            self.send(200, page("Embeds a widget", f'<iframe src="{self.widget}widget.html" title="Widget"></iframe>'))
        elif path == "/prefetch":
            head = (f'<link rel="prefetch" href="{self.outside}prefetched">'
                    f'<script type="speculationrules">{{"prerender": [{{"source": "list", "urls": ["{self.outside}prerendered"]}}]}}</script>')
            self.send(200, page("Prefetches", "<p>Wants more.</p>", head))
        elif path == "/hostile":
            self.send(200, page("&lt;script&gt;window.__pwned=1&lt;/script&gt;", '<img src="/photo" data-x="<script>window.__pwned=2</script>">'))
        else:
            self.send(404, page("Not found", ""))


class Outside(BaseHTTPRequestHandler):
    """Another site: whatever is asked, one page; every request logged."""

    log: list[str] = []
    body = page("Outside", "<p>Another site.</p>")

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.log.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)


class Widget(Outside):
    """Another site's embeddable content: a frame with an image that has no text alternative."""

    body = page("Widget", '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">')


@dataclass
class Served:
    base: str  # the hostile site
    log: list[str]  # every path the hostile site was asked for
    outside: str  # another origin, out of scope
    outside_log: list[str]  # must stay empty
    widget: str  # another site whose frame /frame-3p embeds (localhost: the same loopback, another site)
    widget_log: list[str]


def _start(handler: type) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@contextmanager
def serve_hostile() -> Iterator[Served]:
    outside_log: list[str] = []
    outside = _start(type("OutsideHandler", (Outside,), {"log": outside_log}))
    outside_base = f"http://127.0.0.1:{outside.server_address[1]}/"
    widget_log: list[str] = []
    widget = _start(type("WidgetHandler", (Widget,), {"log": widget_log}))
    widget_base = f"http://localhost:{widget.server_address[1]}/"
    log: list[str] = []
    hostile = _start(type("HostileHandler", (Handler,), {"log": log, "outside": outside_base, "widget": widget_base}))
    try:
        yield Served(f"http://127.0.0.1:{hostile.server_address[1]}/", log, outside_base, outside_log, widget_base, widget_log)
    finally:
        for server in (hostile, outside, widget):
            server.shutdown()
            server.server_close()
