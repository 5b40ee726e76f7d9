"""Ingest progress collected in the ingest's worker thread, read from the event loop."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class ProgressSnapshot:
    total: int | None  # None until the files are counted
    done: int
    notes: int
    finished: bool
    passages: int = 0
    seconds: float = 0.0

    def line(self, corpus: str) -> str:
        if self.total is None:
            return f"Re-indexing `{corpus}`: looking for files…"
        percent = 100 * self.done // self.total if self.total else 100
        notes = f", {self.notes} note{'s' if self.notes != 1 else ''}" if self.notes else ""
        rate = (
            f", {self.done / self.seconds:.1f} files/s, {self.passages / self.seconds:.0f} "
            "passages/s"
            if self.seconds >= 1 and self.done
            else ""
        )
        return f"Re-indexing `{corpus}`: {self.done}/{self.total} files ({percent}%{notes}{rate})…"


class ThreadSafeProgress:
    """An ``IngestProgress`` whose state can be read from another thread at any time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._total: int | None = None
        self._done = 0
        self._notes = 0
        self._passages = 0
        self._started = time.monotonic()
        self._finished = False

    def start(self, total_files: int) -> None:
        with self._lock:
            self._total = total_files

    def advance(self, source: str, passages: int = 0) -> None:
        with self._lock:
            self._done += 1
            self._passages += passages

    def note(self, message: str) -> None:
        with self._lock:
            self._notes += 1

    def finish(self) -> None:
        with self._lock:
            self._finished = True

    def snapshot(self) -> ProgressSnapshot:
        with self._lock:
            return ProgressSnapshot(
                self._total,
                self._done,
                self._notes,
                self._finished,
                self._passages,
                time.monotonic() - self._started,
            )
