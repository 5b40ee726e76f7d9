"""Ingest progress collected in the ingest's worker thread, read from the event loop."""

from __future__ import annotations

import threading
from dataclasses import dataclass


@dataclass(frozen=True)
class ProgressSnapshot:
    total: int | None  # None until the files are counted
    done: int
    notes: int
    finished: bool

    def line(self, corpus: str) -> str:
        if self.total is None:
            return f"Re-indexing `{corpus}`: looking for files…"
        percent = 100 * self.done // self.total if self.total else 100
        notes = f", {self.notes} note{'s' if self.notes != 1 else ''}" if self.notes else ""
        return f"Re-indexing `{corpus}`: {self.done}/{self.total} files ({percent}%{notes})…"


class ThreadSafeProgress:
    """An ``IngestProgress`` whose state can be read from another thread at any time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._total: int | None = None
        self._done = 0
        self._notes = 0
        self._finished = False

    def start(self, total_files: int) -> None:
        with self._lock:
            self._total = total_files

    def advance(self, source: str) -> None:
        with self._lock:
            self._done += 1

    def note(self, message: str) -> None:
        with self._lock:
            self._notes += 1

    def finish(self) -> None:
        with self._lock:
            self._finished = True

    def snapshot(self) -> ProgressSnapshot:
        with self._lock:
            return ProgressSnapshot(self._total, self._done, self._notes, self._finished)
