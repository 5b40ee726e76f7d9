"""Wait for a Chroma server at start-up (compose starts the bot and the server together).

Retries with back-off, logging what it waits for, up to ``CHROMA_WAIT`` seconds; then gives up
with a ``StoreUnavailable`` naming the server and the fix. The embedded store needs no wait.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from retrieval.settings import Settings
from retrieval.store import StoreUnavailable, open_client

FIRST_DELAY = 0.5
MAX_DELAY = 5.0


def wait_for_store(
    settings: Settings,
    say: Callable[[str], None],
    *,
    limit: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Return once the configured Chroma server answers; raise ``StoreUnavailable`` after
    ``limit`` seconds (default ``settings.chroma_wait``; 0 tries once)."""
    if settings.chroma_server is None:
        return
    limit = settings.chroma_wait if limit is None else limit
    started = time.monotonic()
    delay = FIRST_DELAY
    attempt = 1
    while True:
        try:
            open_client(settings)
        except StoreUnavailable as exc:
            waited = time.monotonic() - started
            if waited + delay > limit:
                if attempt == 1:
                    raise
                raise StoreUnavailable(
                    f"Gave up waiting for the {settings.store_label} after {waited:.0f} s "
                    f"and {attempt} attempts (CHROMA_WAIT={limit:g}). Last error: {exc}"
                ) from exc
            say(
                f"waiting for the {settings.store_label} (attempt {attempt}, next in "
                f"{delay:g} s, giving up after {limit:g} s): {_root_cause(exc)}"
            )
            sleep(delay)
            delay = min(delay * 2, MAX_DELAY)
            attempt += 1
            continue
        if attempt > 1:
            say(f"the {settings.store_label} answers; going on")
        return


def _root_cause(exc: BaseException) -> str:
    """What actually failed (chromadb wraps it), e.g. "ConnectError: [Errno 111] Connection
    refused"."""
    cause = exc
    for _ in range(5):
        inner = cause.__cause__ or cause.__context__
        if inner is None:
            break
        cause = inner
    return f"{type(cause).__name__}: {cause}"
