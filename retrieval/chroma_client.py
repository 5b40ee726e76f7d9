"""The Chroma HTTP client with connect and read time-outs.

``chromadb.HttpClient`` talks to the server through an ``httpx.Client`` created with
``timeout=None``: a server that accepts the connection but never answers would hang the
command (or the bot's worker thread) forever. This client sets the time-outs of
``CHROMA_CONNECT_TIMEOUT`` / ``CHROMA_TIMEOUT`` before its first request, so every call fails
with ``httpx.TimeoutException`` (an ``httpx.TransportError``) within seconds instead.
"""

from __future__ import annotations

from typing import Any

import httpx
from chromadb.api import ClientAPI
from chromadb.api.client import Client
from chromadb.config import DEFAULT_DATABASE, DEFAULT_TENANT
from chromadb.config import Settings as ChromaSettings

from retrieval.settings import ChromaServer


def http_timeout(server: ChromaServer) -> httpx.Timeout:
    return httpx.Timeout(server.timeout, connect=min(server.connect_timeout, server.timeout))


class _TimedClient(Client):
    """A ``chromadb`` client whose HTTP session has time-outs from its very first request."""

    def __init__(self, timeout: httpx.Timeout, settings: ChromaSettings) -> None:
        self._http_timeout = timeout
        super().__init__(tenant=DEFAULT_TENANT, database=DEFAULT_DATABASE, settings=settings)

    def get_user_identity(self) -> Any:
        # The first request the client makes (from __init__): the session exists by now.
        session = getattr(self._server, "_session", None)
        if isinstance(session, httpx.Client):
            session.timeout = self._http_timeout
        return super().get_user_identity()


def http_client(server: ChromaServer, settings: ChromaSettings) -> ClientAPI:
    """What ``chromadb.HttpClient`` returns, with time-outs (and the bearer token, if any)."""
    settings.chroma_api_impl = "chromadb.api.fastapi.FastAPI"
    settings.chroma_server_host = server.host
    settings.chroma_server_http_port = server.port
    settings.chroma_server_ssl_enabled = server.ssl
    settings.chroma_server_headers = (
        {"Authorization": f"Bearer {server.token}"} if server.token else None
    )
    return _TimedClient(http_timeout(server), settings)


def timed_out(exc: BaseException) -> bool:
    return _timeout_in(exc) is not None


def _timeout_in(exc: BaseException) -> BaseException | None:
    """``exc`` or what caused it (chromadb wraps some errors), if that is a time-out."""
    seen: BaseException | None = exc
    for _ in range(5):
        if seen is None or isinstance(seen, httpx.TimeoutException | TimeoutError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def timeout_message(server: ChromaServer, label: str, exc: BaseException) -> str:
    kind = type(_timeout_in(exc) or exc).__name__
    return (
        f"The {label} did not answer in time ({kind}; CHROMA_CONNECT_TIMEOUT="
        f"{server.connect_timeout:g} s, CHROMA_TIMEOUT={server.timeout:g} s). Check that it is "
        "running and not overloaded (restart it if it hangs), or raise CHROMA_TIMEOUT for a "
        "slow server."
    )
