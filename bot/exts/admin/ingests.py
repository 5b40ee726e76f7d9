"""One ingest at a time inside the bot: /reindex, /add and the corpus watcher all go through
the ``IngestRunner`` on the bot.

The runner also remembers what the corpus folder looked like when its last ingest started, so
the watcher can tell that changes it saw were already ingested (by a /reindex that ran
meanwhile) and does not ingest them twice. Other processes (a shell, another bot) are kept out
by the store's own ingest lock (``retrieval.ingest_lock``).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from retrieval.engine import Engine
from retrieval.ingest import IngestProgress, IngestSummary

T = TypeVar("T")
FileState = tuple[int, int]  # (mtime_ns, size)
IngestCall = Callable[[], IngestSummary]


class IngestBusy(RuntimeError):
    def __init__(self, holder: str) -> None:
        super().__init__(f"An ingest ({holder}) is running; try again when it ends.")
        self.holder = holder


def corpus_state(folder: Path) -> dict[str, FileState]:
    """Every visible file under ``folder`` (absolute path) with its modification time and size."""
    state: dict[str, FileState] = {}
    root = folder.resolve()
    for directory, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            path = os.path.join(directory, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            state[path] = (stat.st_mtime_ns, stat.st_size)
    return state


def file_state(path: str) -> FileState | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


class IngestRunner:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._lock = asyncio.Lock()
        self.holder: str | None = None  # who runs the current ingest, e.g. "/reindex by Bob"
        self.seen: dict[str, FileState] | None = None  # the corpus as the last ingest found it

    @property
    def busy(self) -> bool:
        return self._lock.locked()

    async def run(self, holder: str, job: Callable[[IngestCall], T], *, wait: bool = True) -> T:
        """Run ``job`` in a worker thread once no other ingest runs here (``IngestBusy`` at once
        with ``wait=False``). ``job`` gets the function that ingests CORPUS_DIR."""
        if not wait and self.busy:
            raise IngestBusy(self.holder or "another one")
        async with self._lock:
            self.holder = holder
            try:
                return await asyncio.to_thread(job, self._ingest_corpus)
            finally:
                self.holder = None

    async def ingest(
        self, holder: str, progress: IngestProgress | None = None, *, wait: bool = True
    ) -> IngestSummary:
        return await self.run(holder, lambda ingest: self._ingest_corpus(progress), wait=wait)

    def _ingest_corpus(self, progress: IngestProgress | None = None) -> IngestSummary:
        before = corpus_state(self.engine.settings.corpus_dir)  # what this ingest will see
        summary = self.engine.ingest(None, progress)
        self.seen = before
        return summary

    def already_ingested(self, paths: Iterable[str]) -> bool:
        """True when every path is as the last finished ingest found it (present or absent)."""
        if self.seen is None:
            return False
        return all(file_state(path) == self.seen.get(path) for path in paths)
