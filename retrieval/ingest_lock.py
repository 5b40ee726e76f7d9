"""One ingest at a time on a Chroma server: a lease record in the ``<collection>_files``
manifest collection (``retrieval.ingest.ingest_lock`` uses it; an embedded store has a lock file).

The record holds the holder's id, a label saying who holds it and an expiry that a background
thread renews while the ingest runs. A lease whose holder died expires and is taken over.

Taking the lease relies on Chroma ignoring an ``add`` of an id that already exists (the first
write wins, in the server's log order): a contender writes its record, re-reads it and backs off
when another holder's record is there. An expired lease is removed with a delete conditioned
on the dead holder's id, so two processes taking it over at once cannot remove each other's
fresh record; after taking it, the record is read again after a short pause to be sure.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from retrieval.chroma_client import timed_out, timeout_message
from retrieval.ingest import IngestError
from retrieval.store import CONNECTION_ERRORS, ChunkStore, StoreUnavailable

log = logging.getLogger(__name__)

LEASE_ID = "__ingest_lease__"
SETTLE_SECONDS = 0.2  # pause before the confirming read


class IngestLocked(IngestError):
    """Another ingest holds the store; the message says who and what to do."""


@contextmanager
def server_lease(store: ChunkStore) -> Iterator[None]:
    """Hold the Chroma server's ingest lease for the block, or raise ``IngestLocked``."""
    settings = store.settings
    lease = ServerLease(store.files, settings.store_label, settings.ingest_lease_seconds)
    try:
        lease.acquire()
    except CONNECTION_ERRORS as exc:
        raise StoreUnavailable(_unreachable(store, exc)) from exc
    try:
        yield
    finally:
        lease.release()


def _unreachable(store: ChunkStore, exc: BaseException) -> str:
    settings = store.settings
    if settings.chroma_server is not None and timed_out(exc):
        return timeout_message(settings.chroma_server, settings.store_label, exc)
    return (
        f"Lost the connection to the {settings.store_label} while taking the ingest lock "
        f"({type(exc).__name__}: {exc}). Check that it is running, then ingest again."
    )


@dataclass(frozen=True)
class LeaseRecord:
    holder: str
    label: str
    acquired_at: float
    expires_at: float

    def metadata(self) -> dict[str, Any]:
        return {
            "kind": "lease",
            "holder": self.holder,
            "label": self.label,
            "acquired_at": self.acquired_at,
            "expires_at": self.expires_at,
        }

    @staticmethod
    def from_metadata(meta: dict[str, Any]) -> LeaseRecord:
        return LeaseRecord(
            holder=str(meta.get("holder", "")),
            label=str(meta.get("label", "")),
            acquired_at=float(meta.get("acquired_at", 0.0) or 0.0),
            expires_at=float(meta.get("expires_at", 0.0) or 0.0),
        )


class ServerLease:
    """The ingest lease on a Chroma server's manifest collection (``files``)."""

    def __init__(self, files: Any, store_label: str, seconds: float) -> None:
        self.files = files
        self.store_label = store_label
        self.seconds = seconds
        self.holder = uuid.uuid4().hex
        self.label = f"{socket.gethostname()} pid {os.getpid()}"
        self.lost = threading.Event()  # set when another holder took the lease over
        self._stop = threading.Event()
        self._renewer: threading.Thread | None = None

    # --- reading and writing the record
    def current(self) -> LeaseRecord | None:
        got = self.files.get(ids=[LEASE_ID], include=["metadatas"])
        if not got["ids"]:
            return None
        return LeaseRecord.from_metadata(dict((got["metadatas"] or [{}])[0] or {}))

    def _record(self, acquired_at: float) -> LeaseRecord:
        return LeaseRecord(self.holder, self.label, acquired_at, time.time() + self.seconds)

    # --- the lease
    def acquire(self) -> None:
        existing = self.current()
        if existing is not None:
            if existing.expires_at > time.time():
                raise IngestLocked(self._held_message(existing))
            log.warning(
                "taking over the expired ingest lease of %s (expired %.0f s ago)",
                existing.label or existing.holder,
                time.time() - existing.expires_at,
            )
            # Only the dead holder's record: a fresh one written meanwhile stays.
            self.files.delete(ids=[LEASE_ID], where={"holder": existing.holder})
        self.files.add(
            ids=[LEASE_ID], embeddings=[[1.0]], metadatas=[self._record(time.time()).metadata()]
        )
        for pause in (0.0, SETTLE_SECONDS):
            time.sleep(pause)
            winner = self.current()
            if winner is None or winner.holder != self.holder:
                if winner is None:
                    raise IngestLocked(
                        f"Another ingest took and released the lock on the {self.store_label} "
                        "meanwhile; run the ingest again."
                    )
                raise IngestLocked(self._held_message(winner))
        self._renewer = threading.Thread(
            target=self._renew_until_released, name="ingest-lease", daemon=True
        )
        self._renewer.start()

    def release(self) -> None:
        self._stop.set()
        if self._renewer is not None:
            self._renewer.join(timeout=self.seconds)
        try:
            self.files.delete(ids=[LEASE_ID], where={"holder": self.holder})
        except Exception as exc:  # the server is gone: the lease expires by itself
            log.warning(
                "could not release the ingest lease (it expires in %.0f s): %s", self.seconds, exc
            )

    def _renew_until_released(self) -> None:
        acquired_at = time.time()
        while not self._stop.wait(self.seconds / 3):
            try:
                record = self.current()
                if record is None or record.holder != self.holder:
                    taker = record.label if record else "nobody"
                    log.error("the ingest lease was taken over (now held by %s)", taker)
                    self.lost.set()
                    return
                self.files.update(ids=[LEASE_ID], metadatas=[self._record(acquired_at).metadata()])
            except Exception as exc:  # keep trying: the server may be back before expiry
                log.warning("could not renew the ingest lease: %s", exc)

    def _held_message(self, record: LeaseRecord) -> str:
        started = time.strftime("%H:%M:%S", time.localtime(record.acquired_at))
        left = max(0.0, record.expires_at - time.time())
        return (
            f"Another ingest is running on the {self.store_label} (held by "
            f"{record.label or record.holder} since {started}); wait for it to finish. If that "
            f"process died, its lock expires by itself in {left:.0f} s (INGEST_LEASE_SECONDS)."
        )
