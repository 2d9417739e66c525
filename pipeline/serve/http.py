"""The HTTP side of ``edition serve``: the published edition, its event stream, source views.

One thread per connection (``ThreadingHTTPServer``, standard library). Routes:

- ``/html/...``, ``/epub/...``, ``/index/...``: files of the published edition, resolved by
  ``site.resolve`` at each request; HTML responses get the live-reload script (the file on
  disk never does); ``/`` redirects to ``/html/``;
- ``/__edition__/events``: Server-Sent Events, one ``state`` event per change of the
  ``LiveState`` (a page reloads when the build it shows is no longer the published one);
- ``/__edition__/state``: the same state as JSON;
- ``/__edition__/source/N``: the Nth file named by a diagnostic, with numbered lines, so
  that a diagnostic's ``file:line`` link opens at its line. No other path is ever read.

Only GET and HEAD are answered. Bound to loopback, the server also refuses requests whose
``Host`` is not a loopback name, so that a web page cannot reach it through DNS rebinding.
"""

from __future__ import annotations

import contextlib
import html
import os
import secrets
import shutil
import socket
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ..columns import decode
from ..paths import ASSETS_DIR
from . import site
from .state import LiveState

LIVE_SCRIPT = (ASSETS_DIR / "serve" / "live.js").read_text(encoding="utf-8")
#: Seconds between two keep-alive comments on an idle event stream.
KEEP_ALIVE = 15.0
#: Largest source file the source view shows.
SOURCE_LIMIT = 16 * 1024 * 1024
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or address to bind) means this machine only."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    import ipaddress

    return all(ipaddress.ip_address(str(info[4][0]).split("%")[0]).is_loopback for info in infos)


class EditionServer(ThreadingHTTPServer):
    """Serves ``out``'s published edition and the live state of one ``edition serve``."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, host: str, port: int, out: Path, state: LiveState) -> None:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        self.address_family = infos[0][0]
        self.out = out
        self.state = state
        self.loopback = is_loopback(host)
        self.instance = secrets.token_hex(8)
        super().__init__((host, port), Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else str(host)
        shown = f"[{name}]" if ":" in name else name
        return f"http://{shown}:{port}/"

    def snippet(self, build: int) -> bytes:
        served = f'{{"build": {build}, "instance": "{self.instance}"}}'
        script = LIVE_SCRIPT.replace("__EDITION_SERVED__", served)
        return f"<script>{script}</script>".encode()


class Handler(BaseHTTPRequestHandler):
    server: EditionServer

    def version_string(self) -> str:
        return "edition-serve"

    def log_message(self, format: str, *args: Any) -> None:
        """Requests are not logged: the terminal is for diagnostics."""

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def _answer(self, head: bool) -> None:
        if self.server.loopback and not self._loopback_host():
            self._page(403, "Forbidden", "this server answers only to localhost", head)
            return
        decoded = site.request_path(self.path)
        if decoded is not None and decoded.startswith(f"/{site.PRIVATE}/"):
            self._private(decoded[len(site.PRIVATE) + 2 :], head)
            return
        build = self.server.state.snapshot.build  # before resolving: never newer than the file
        found = site.resolve(self.server.out, self.path)
        if found.status in (301, 302):
            self.send_response(found.status)
            self.send_header("Location", found.location or "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif found.status == 200 and found.file is not None:
            self._file(found.file, build, head)
        elif found.status == 503:
            self._page(503, "Nothing published yet", _not_built(), head)
        else:
            self._page(found.status, "Not found", found.reason, head)

    def _loopback_host(self) -> bool:
        host = (self.headers.get("Host") or "").strip().lower()
        if not host:
            return True  # an HTTP/1.0 client; a page reached by DNS rebinding always names one
        if host.startswith("["):
            name = host[: host.find("]") + 1]
        else:
            name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        return name in LOOPBACK_NAMES

    # -- the published files -----------------------------------------------------------------

    def _file(self, path: Path, build: int, head: bool) -> None:
        try:
            handle = open(path, "rb")  # noqa: SIM115 - closed below, after streaming
        except OSError:
            self._page(404, "Not found", "no such file", head)
            return
        with handle:
            kind = site.content_type(path)
            if site.is_html(path):
                body = site.inject(handle.read(), self.server.snippet(build))
                self._headers(200, kind, len(body))
                if not head:
                    self._write(body)
                return
            size = os.fstat(handle.fileno()).st_size
            self._headers(200, kind, size)
            if not head:
                with contextlib.suppress(OSError):
                    shutil.copyfileobj(handle, self.wfile)

    def _headers(self, status: int, kind: str, length: int) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(length))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()

    def _write(self, body: bytes) -> None:
        with contextlib.suppress(OSError):
            self.wfile.write(body)

    def _page(self, status: int, title: str, message: str, head: bool) -> None:
        """A small page of the server's own, with the live script: it reloads by itself
        once an edition is published."""
        body = (
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}'
            f"</title></head><body><h1>{title}</h1><p>{html.escape(message)}</p></body></html>"
        ).encode()
        body = site.inject(body, self.server.snippet(self.server.state.snapshot.build))
        self._headers(status, "text/html; charset=utf-8", len(body))
        if not head:
            self._write(body)

    # -- the server's own routes --------------------------------------------------------------

    def _private(self, route: str, head: bool) -> None:
        state = self.server.state
        if route == "events":
            self._events(head, _served_build(self.path))
        elif route == "state":
            body = state.snapshot.as_json(state.sources(), self.server.instance).encode()
            self._headers(200, "application/json", len(body))
            if not head:
                self._write(body)
        elif route.startswith("source/") and route[7:].isdigit():
            self._source(int(route[7:]), head)
        else:
            self._page(404, "Not found", "no such file", head)

    def _events(self, head: bool, build: int) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if head:
            return
        state = self.server.state
        version = -1
        token = state.opened(build)
        try:
            self.wfile.write(b"retry: 1000\n\n")
            self.wfile.flush()
            while not state.stopping:
                snapshot = state.wait_newer(version, KEEP_ALIVE)
                if snapshot is None:
                    self.wfile.write(b": keep-alive\n\n")
                else:
                    version = snapshot.version
                    data = snapshot.as_json(state.sources(), self.server.instance)
                    self.wfile.write(f"event: state\ndata: {data}\n\n".encode())
                self.wfile.flush()
        except OSError:
            return  # the page went away
        finally:
            state.closed(token)

    def _source(self, number: int, head: bool) -> None:
        path = self.server.state.source_file(number)
        try:
            if path is None or path.stat().st_size > SOURCE_LIMIT:
                raise FileNotFoundError
            # decoded as the check reads it (byte order mark, declared encoding), so that
            # its "#L20" is the line the diagnostic names (probe 120: a UTF-16 file was
            # shown as UTF-8, NULs between its letters, every line twice)
            text = decode(path.read_bytes()) or path.read_bytes().decode("utf-8", "replace")
        except OSError:
            self._page(404, "Not found", "no such file", head)
            return
        body = _source_page(path, text).encode()
        self._headers(200, "text/html; charset=utf-8", len(body))
        if not head:
            self._write(body)


def _served_build(target: str) -> int:
    """The build a page shows, from its event stream's ``?build=N`` (0 when not said)."""
    values = parse_qs(urlsplit(target).query).get("build", ["0"])
    return int(values[0]) if values[0].isdigit() else 0


def _not_built() -> str:
    return (
        "the first build has not published an edition yet; this page reloads by itself when "
        "it has (the diagnostics say what stops it)"
    )


def _lines(text: str) -> list[str]:
    """The lines of XML text: ended by a newline alone (``decode`` made a lone CR one, and a
    CR before one is part of it), not by what str.splitlines takes too, U+2028 and U+0085
    (probe 120: "#L21" showed the half of a line 19)."""
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    return lines[:-1] if lines and lines[-1] == "" else lines


def _source_page(path: Path, text: str) -> str:
    lines = "".join(
        f'<li id="L{n}"><a href="#L{n}" aria-hidden="true" tabindex="-1">{n}</a>'
        f"<code>{html.escape(line)}</code></li>"
        for n, line in enumerate(_lines(text), 1)
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(path.name)}</title><style>"
        "body{font:14px/1.5 system-ui,sans-serif;margin:1rem}"
        "ol{list-style:none;padding:0;font:13px/1.45 ui-monospace,monospace}"
        "li{display:flex;white-space:pre-wrap}li a{flex:0 0 4.5em;color:#666;text-align:right;"
        "padding-right:1em;text-decoration:none}li:target{background:#fff3b0}"
        f"</style></head><body><h1>{html.escape(str(path))}</h1><ol>{lines}</ol></body></html>"
    )
