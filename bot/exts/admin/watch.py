"""With ``WATCH_CORPUS=true``: re-ingest CORPUS_DIR when files in it are added, changed or
removed, once they have stopped changing for ``WATCH_QUIET_SECONDS``.

Runs in the background and posts nothing; each ingest logs one summary line. It goes through
the bot's ``IngestRunner``, so it never runs while /reindex or /add ingest, and skips changes
that an ingest which ran meanwhile has already picked up. When another process holds the
store's ingest lock it tries again later.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from discord.ext import commands
from watchfiles import Change, awatch

from bot.exts.admin.ingests import IngestCall
from retrieval.ingest import IngestSummary
from retrieval.ingest_lock import IngestLocked
from retrieval.store import StoreUnavailable

if TYPE_CHECKING:
    from bot.app import CorpusBot

log = logging.getLogger(f"corpusbot.{__name__}")

RETRY_SECONDS = 30.0  # after the store was locked by another process or unreachable
STOP_SECONDS = 5.0


def visible_in(folder: Path) -> Callable[[Change, str], bool]:
    """Hidden files and folders under ``folder`` (editor swap files, `add`'s temporary files)
    are not articles, as for `corpusbot ingest`."""

    def visible(change: Change, path: str) -> bool:
        try:
            parts = Path(path).relative_to(folder).parts
        except ValueError:
            return False
        return not any(part.startswith(".") for part in parts)

    return visible


class CorpusWatcher(commands.Cog):
    def __init__(self, bot: CorpusBot) -> None:
        self.bot = bot
        self.folder = bot.settings.engine.corpus_dir.resolve()
        self.quiet_seconds = bot.settings.watch_quiet_seconds
        self.retry_seconds = RETRY_SECONDS
        self.pending: set[str] = set()
        self._last_change = 0.0
        self._changed = asyncio.Event()
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    async def cog_load(self) -> None:
        if not self.folder.is_dir():
            log.warning(
                "WATCH_CORPUS is on but CORPUS_DIR %s is not a folder; not watching it.",
                self.folder,
            )
            return
        self._tasks = [
            asyncio.create_task(self.watch(), name="corpusbot-watch"),
            asyncio.create_task(self.reingest_when_quiet(), name="corpusbot-watch-ingest"),
        ]
        log.info(
            "Watching %s: changes are ingested %g s after they stop.",
            self.folder,
            self.quiet_seconds,
        )

    async def cog_unload(self) -> None:
        self._stop.set()  # the file watcher's thread checks it every 50 ms
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(task, STOP_SECONDS)

    async def watch(self) -> None:
        try:
            async for changes in awatch(
                self.folder, watch_filter=visible_in(self.folder), stop_event=self._stop, step=50
            ):
                self.note({path for _, path in changes})
        except asyncio.CancelledError:
            raise
        except Exception:  # e.g. the folder was removed: say so, the bot keeps answering
            log.exception("corpus watcher: stopped watching %s", self.folder)

    def note(self, paths: set[str]) -> None:
        self.pending |= paths
        self._last_change = time.monotonic()
        self._changed.set()

    async def reingest_when_quiet(self) -> None:
        while True:
            await self._changed.wait()
            while (left := self._last_change + self.quiet_seconds - time.monotonic()) > 0:
                await asyncio.sleep(left)
            self._changed.clear()
            paths, self.pending = self.pending, set()
            if not await self.reingest(paths):
                await asyncio.sleep(self.retry_seconds)
                self.note(paths)

    async def reingest(self, paths: set[str]) -> bool:
        """Ingest for these changed paths; False when it should be tried again later."""
        runner = self.bot.ingests
        count = f"{len(paths)} changed file{'s' if len(paths) != 1 else ''}"

        def job(ingest: IngestCall) -> IngestSummary | None:
            if runner.already_ingested(paths):
                return None  # an ingest that ran meanwhile saw these files as they are now
            return ingest()

        try:
            summary = await runner.run("the corpus watcher", job)
        except (IngestLocked, StoreUnavailable) as exc:
            log.warning(
                "corpus watcher: %s not ingested (%s); trying again in %g s",
                count,
                exc,
                self.retry_seconds,
            )
            return False
        except Exception:
            log.exception("corpus watcher: the ingest of %s failed", count)
            return True
        if summary is None:
            log.info("corpus watcher: %s, already ingested", count)
        else:
            log.info("corpus watcher: %s: %s", count, summary.line())
        return True


async def setup(bot: CorpusBot) -> None:
    if bot.settings.watch_corpus:
        await bot.add_cog(CorpusWatcher(bot))
