"""A site with a login, for the tests of logged-in audits and journeys, on 127.0.0.1 with a free port.

Logging in (POST /login with the user "asukas" and the password the test chose) sets a session
cookie; /account/ and /book/ need it, else they redirect to /login. The account page links to
logging out and deleting the account in ways a crawler must never follow (by the link's text only,
by its URL only); those addresses count their visits. /book is a three-step booking form; /search
echoes its query (in the title, the text and the URL); /away links to another host name. Every
request is logged (method, path, and the cookie's presence), so tests see what was asked for.
"""

from __future__ import annotations

import html
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

USER = "asukas"
DANGER = ("/session/end", "/logout", "/account/remove")


def page(title: str, body: str) -> bytes:
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body><main><h1>{title}</h1>{body}</main></body></html>").encode()


PAGES = {
    "/": page("Demo services", '<p><a href="/login">Log in</a> to see your bookings.</p>'),
    "/login": page("Log in", '<form method="post" action="/login"><label for="user">User name</label>'
                   '<input id="user" name="user"><label for="password">Password</label>'
                   '<input id="password" name="password" type="password"><button>Log in</button></form>'),
    "/account/": page("Your account", '<ul><li><a href="/account/details">Your details</a></li>'
                      '<li><a href="/book">Book a room</a></li>'
                      '<li><a href="/session/end">Kirjaudu ulos</a></li>'
                      '<li><a href="/logout">Exit</a></li>'
                      '<li><a href="/account/remove">Delete my account</a></li></ul>'),
    "/account/details": page("Your details", '<p>Name: Testi Asukas</p><img src="/portrait.png">'),
    "/book": page("Book a room: 1 room", '<form action="/book/time"><label for="room">Room</label>'
                  '<select id="room" name="room"><option>Sali</option><option>Kokoushuone</option></select>'
                  '<button id="next">Next</button></form>'),
    "/book/time": page("Book a room: 2 time", '<form action="/book/confirm"><fieldset><legend>Time</legend>'
                       '<input type="radio" name="time" value="10" id="t10"><label for="t10">10–12</label>'
                       '<input type="radio" name="time" value="12" id="t12">12–14</fieldset>'
                       '<button id="next">Next</button></form>'),
    "/book/confirm": page("Book a room: 3 confirm", '<form method="post" action="/book/done">'
                          '<input name="note" placeholder="Note"><button id="confirm">Confirm</button></form>'),
    "/book/done": page("Booked", "<p>Your room is booked.</p>"),
    "/search": page("Search", '<form action="/search/results"><label for="q">Search</label><input id="q" name="q">'
                    '<button id="go">Search</button></form>'),
}
PROTECTED = ("/account/", "/book")


@dataclass
class LoginSite:
    url: str
    password: str
    log: list[tuple[str, str, bool]] = field(default_factory=list)  # (method, path, had a session)

    def visits(self, path: str) -> int:
        return sum(1 for _, p, _ in self.log if p == path)


class Handler(BaseHTTPRequestHandler):
    site: LoginSite
    sessions: set[str]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _session(self) -> bool:
        cookie = self.headers.get("Cookie", "")
        return any(part.strip().removeprefix("session=") in self.sessions for part in cookie.split(";")
                   if part.strip().startswith("session="))

    def _send(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        logged_in = self._session()
        self.site.log.append(("GET", path, logged_in))
        if path in DANGER:
            self.sessions.clear()  # logged out (and, for /account/remove, the account gone)
            self._send(303, Location="/", Set_Cookie="session=; Max-Age=0; Path=/")
        elif path.startswith(PROTECTED) and not logged_in:
            self._send(302, Location="/login")
        elif path == "/search/results":  # echoes what was searched for: in the title, the text and the URL
            query = html.escape(parse_qs(urlsplit(self.path).query).get("q", [""])[0])
            self._send(200, page(f"Results for {query}", f'<p>Nothing found for <input value="{query}" readonly>.</p>'))
        elif path == "/away":  # a link to another host name for this same server: a journey must not go there
            other = self.site.url.replace("127.0.0.1", "localhost")
            self._send(200, page("Elsewhere", f'<p><a id="out" href="{other}">Our partner</a></p>'))
        elif path in PAGES:
            self._send(200, PAGES[path])
        else:
            self._send(404, page("Not found", "<p>No such page.</p>"))

    def do_POST(self) -> None:
        path = urlsplit(self.path).path
        length = int(self.headers.get("Content-Length") or 0)
        form = parse_qs(self.rfile.read(length).decode("utf-8", "replace"))
        self.site.log.append(("POST", path, self._session()))
        if path == "/login":
            if form.get("user") == [USER] and form.get("password") == [self.site.password]:
                token = secrets.token_hex(16)
                self.sessions.add(token)
                self._send(303, Location="/account/", Set_Cookie=f"session={token}; HttpOnly; Path=/")
            else:
                self._send(200, page("Log in", '<p role="alert">Wrong user name or password.</p>'))
        elif path == "/book/done" and self._session():
            self._send(303, Location="/book/done")
        else:
            self._send(403, page("Forbidden", "<p>Log in first.</p>"))


@contextmanager
def serve_login(password: str) -> Iterator[LoginSite]:
    site = LoginSite("", password)
    server = ThreadingHTTPServer(("127.0.0.1", 0), type("LoginHandler", (Handler,), {"site": site, "sessions": set()}))
    site.url = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
