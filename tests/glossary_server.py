"""A glossary server on 127.0.0.1 for the tests of remote glossaries: each path answers what
the test sets (a body with an ``ETag``, an error status, a redirect, no answer at all), and
every request is logged, so a test can tell a fetch from a ``304`` from no request."""

from __future__ import annotations

import hashlib
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Route:
    """What one path answers."""

    body: bytes = b""
    status: int = 200
    #: ``Location`` of a redirect (``status`` 3xx).
    location: str = ""
    #: Accept the connection and never answer.
    hang: bool = False
    #: Answer these bytes as they are (a broken status line …).
    raw: bytes = b""
    #: Send the answer a byte at a time, this many seconds apart.
    trickle: float = 0.0

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


@dataclass
class Request:
    path: str
    #: What was answered: 200, 304, 404 …; 0 for no answer.
    status: int
    if_none_match: str | None


@dataclass
class GlossaryServer:
    url: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    log: list[Request] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def serve(self, path: str, text: str | bytes, **options: object) -> str:
        """Answer ``path`` with ``text``; returns its URL."""
        body = text.encode("utf-8") if isinstance(text, str) else text
        self.routes[path] = Route(body, **options)  # type: ignore[arg-type]
        return self.url + path

    def statuses(self, path: str) -> list[int]:
        return [request.status for request in self.log if request.path == path]


def _handler(site: GlossaryServer) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

        def do_GET(self) -> None:
            route = site.routes.get(self.path.split("?", 1)[0])
            condition = self.headers.get("If-None-Match")
            if route is None:
                status = 404
            elif route.hang:
                site.log.append(Request(self.path, 0, condition))
                site.stop.wait(60)
                return
            elif route.raw:
                site.log.append(Request(self.path, 0, condition))
                self.wfile.write(route.raw)
                return
            elif route.trickle:
                site.log.append(Request(self.path, 0, condition))
                answer = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(route.body)
                for byte in answer + route.body:
                    if site.stop.wait(route.trickle):
                        return
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                return
            elif route.status == 200 and condition == route.etag:
                status = 304
            else:
                status = route.status
            site.log.append(Request(self.path, status, condition))
            self.send_response(status)
            if route is not None and route.location:
                self.send_header("Location", route.location)
            if status == 200 and route is not None:
                self.send_header("ETag", route.etag)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)
            else:
                self.send_header("Content-Length", "0")
                self.end_headers()

    return Handler


@contextmanager
def glossary_server() -> Iterator[GlossaryServer]:
    site = GlossaryServer()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    server.block_on_close = False
    site.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield site
    finally:
        site.stop.set()
        server.shutdown()
        server.server_close()
