"""A web server on 127.0.0.1 serving pages the test defines (for `corpusbot add` and /add).

``site.pages["/path"] = Page(body, content_type)``; a ``Page`` can redirect, announce a
``Content-Length`` it then exceeds (or none at all, streaming the body in pieces) and be slow.
Every request path is recorded.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "web"


@dataclass
class Page:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    location: str | None = None  # a redirect target
    declare_length: bool = True  # False: no Content-Length, the body comes in pieces
    delay: float = 0.0  # seconds before the headers


@dataclass
class FakeSite:
    port: int = 0
    pages: dict[str, Page] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def serve_fixture(self, path: str, name: str) -> str:
        self.pages[path] = Page((FIXTURES / name).read_bytes())
        return self.url(path)


def _handler(site: FakeSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            site.requests.append(self.path)
            page = site.pages.get(self.path)
            if page is None:
                page = Page(b"<html><body><p>Not found</p></body></html>", status=404)
            if page.delay:
                time.sleep(page.delay)
            self.send_response(page.status)
            if page.location is not None:
                self.send_header("Location", page.location)
            self.send_header("Content-Type", page.content_type)
            if page.declare_length:
                self.send_header("Content-Length", str(len(page.body)))
                self.end_headers()
                with contextlib.suppress(OSError):  # the client may stop reading early
                    self.wfile.write(page.body)
                return
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            with contextlib.suppress(OSError):
                for start in range(0, len(page.body), 64 * 1024):
                    piece = page.body[start : start + 64 * 1024]
                    self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that stopped reading (a refused huge page) is expected


@contextlib.contextmanager
def running_site() -> Iterator[FakeSite]:
    site = FakeSite()
    server = _QuietServer(("127.0.0.1", 0), _handler(site))
    site.port = int(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, name="fake-site", daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
