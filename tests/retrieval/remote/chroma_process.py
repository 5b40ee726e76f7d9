"""Helpers for the remote-store tests: a real Chroma server process (`chroma run` from the venv),
a second corpusbot process to ask over a pipe, and a header-recording proxy.

Every child process also dies with the test process (PR_SET_PDEATHSIG) if pytest is killed.
"""

from __future__ import annotations

import contextlib
import ctypes
import http.client
import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO, Any

from retrieval.settings import ChromaServer, Settings
from tests.conftest import ROOT

CHROMA = Path(sys.executable).parent / "chroma"
HOST = "127.0.0.1"
START_TIMEOUT = 30.0
ANSWER_TIMEOUT = 60.0
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform == "linux" else None


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def unique_collection() -> str:
    return f"t{uuid.uuid4().hex[:16]}"


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    if _LIBC is not None:
        _LIBC.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class ChromaProcess:
    """``chroma run --host 127.0.0.1 --port PORT --path PATH``; restartable on the same port."""

    def __init__(self, base: Path) -> None:
        self.path = base / "db"
        self.log = base / "chroma.log"
        self.port = free_port()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def address(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def server(self) -> ChromaServer:
        return ChromaServer(HOST, self.port)

    def start(self) -> None:
        assert self._process is None, "already running"
        command = [str(CHROMA), "run", "--host", HOST, "--port", str(self.port)]
        with self.log.open("ab") as log:
            self._process = subprocess.Popen(
                [*command, "--path", str(self.path)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent,
            )
        self._wait_for_heartbeat()

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover - a wedged server
            process.kill()
            process.wait(timeout=10)

    def restart(self) -> None:
        self.stop()
        self.start()

    def _wait_for_heartbeat(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                self._process = None
                raise RuntimeError(f"chroma run exited early:\n{self.log.read_text()[-2000:]}")
            with (
                contextlib.suppress(OSError),
                _DIRECT.open(f"{self.address}/api/v2/heartbeat", timeout=1) as response,
            ):
                if response.status == 200:
                    return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"chroma run did not answer within {START_TIMEOUT:.0f} s")


@contextlib.contextmanager
def running_chroma(base: Path) -> Iterator[ChromaProcess]:
    server = ChromaProcess(base)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def server_env(settings: Settings, data_dir: Path) -> dict[str, str]:
    """The environment of a separate corpusbot process using the same server and collection."""
    assert settings.chroma_server is not None
    env = dict(os.environ)
    env.update(
        CHROMA_HOST=settings.chroma_server.host,
        CHROMA_PORT=str(settings.chroma_server.port),
        CHROMA_COLLECTION=settings.collection,
        CORPUSBOT_DATA_DIR=str(data_dir),
        NO_PROXY=HOST,
        no_proxy=HOST,
    )
    if settings.chroma_server.token:
        env["CHROMA_AUTH_TOKEN"] = settings.chroma_server.token
    return env


class SearchProcess:
    """A long-lived second corpusbot process (``search --batch -``) asked over a pipe."""

    def __init__(self, env: dict[str, str], stderr: IO[bytes]) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli.entry", "search", "--batch", "-", "--k", "8"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            preexec_fn=_die_with_parent,
        )
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            self._lines.put(line)
        self._lines.put("")  # end of output

    def search(self, question: str) -> list[dict[str, Any]]:
        """The hits the second process prints for one question."""
        assert self._process.stdin is not None
        self._process.stdin.write(question + "\n")
        self._process.stdin.flush()
        line = self._lines.get(timeout=ANSWER_TIMEOUT)
        assert line, f"the second process exited with {self._process.wait(timeout=10)}"
        hits: list[dict[str, Any]] = json.loads(line)
        return hits

    def close(self) -> int:
        """End its input and wait; the exit status."""
        if self._process.stdin is not None and not self._process.stdin.closed:
            self._process.stdin.close()
        try:
            return self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # pragma: no cover - a hung child
            self._process.kill()
            return self._process.wait(timeout=10)


@dataclass
class RecordingProxy:
    """An HTTP proxy on 127.0.0.1 in front of a server; records each Authorization header."""

    upstream_port: int
    authorizations: list[str | None] = field(default_factory=list)
    port: int = 0


def _proxy_handler(proxy: RecordingProxy) -> type[BaseHTTPRequestHandler]:
    skip = {"host", "connection", "transfer-encoding", "content-length"}

    class Forward(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def forward(self) -> None:
            proxy.authorizations.append(self.headers.get("Authorization"))
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            upstream = http.client.HTTPConnection(HOST, proxy.upstream_port, timeout=60)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in skip}
            upstream.request(self.command, self.path, body=body, headers=headers)
            response = upstream.getresponse()
            data = response.read()
            upstream.close()
            self.send_response(response.status)
            for key, value in response.getheaders():
                if key.lower() not in skip:
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = forward

    return Forward


@contextlib.contextmanager
def running_proxy(upstream_port: int) -> Iterator[RecordingProxy]:
    proxy = RecordingProxy(upstream_port=upstream_port)
    httpd = ThreadingHTTPServer((HOST, 0), _proxy_handler(proxy))
    proxy.port = int(httpd.server_address[1])
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield proxy
    finally:
        httpd.shutdown()
        httpd.server_close()
