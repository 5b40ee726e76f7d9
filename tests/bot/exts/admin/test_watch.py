"""WATCH_CORPUS: files added, changed or removed in CORPUS_DIR are ingested in the background
once they stop changing, with one log line and nothing posted; never while /reindex ingests,
and changes a /reindex already ingested are not ingested twice."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest
from bot_harness import BotStarter, ephemeral_reply, wait_for_answer
from fakes.discord_server import ADMIN, BOT_USER, CHANNEL_ID, FakeDiscord

from bot.app import CorpusBot
from retrieval.engine import Engine
from retrieval.ingest import IngestProgress, IngestSummary
from retrieval.settings import Settings

LIGHTHOUSE = (
    "Lighthouse keepers strike\n\nThe lighthouse keepers of Brest stopped work on Monday over "
    "pay, the union said.\n"
)


class CountingEngine(Engine):
    """A real engine that records its ingests, how many ran at once, and can hold one."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.summaries: list[IngestSummary] = []
        self.active = 0
        self.most_at_once = 0
        self.hold_next = False
        self.holding = threading.Event()
        self.release = threading.Event()
        self._count = threading.Lock()

    def ingest(
        self, paths: Sequence[Path] | None = None, progress: IngestProgress | None = None
    ) -> IngestSummary:
        with self._count:
            self.active += 1
            self.most_at_once = max(self.most_at_once, self.active)
        try:
            if self.hold_next:
                self.hold_next = False
                self.holding.set()
                assert self.release.wait(30), "the test never released the ingest"
            summary = super().ingest(paths, progress)
            self.summaries.append(summary)
            return summary
        finally:
            with self._count:
                self.active -= 1


@pytest.fixture
def engine(settings: Settings) -> CountingEngine:
    engine = CountingEngine(settings)
    engine.ingest()  # the seed files, as `corpusbot start` would before the bot runs
    engine.summaries.clear()
    return engine


async def start_watching(
    start_corpus_bot: BotStarter, engine: CountingEngine, quiet: float
) -> CorpusBot:
    bot = await start_corpus_bot(engine=engine, watch_corpus=True, watch_quiet_seconds=quiet)
    assert bot.get_cog("CorpusWatcher") is not None
    return bot


def watcher_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "corpus watcher" in r.getMessage()]


async def test_added_changed_and_removed_files_are_ingested_once_quiet(
    fake: FakeDiscord,
    start_corpus_bot: BotStarter,
    engine: CountingEngine,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="corpusbot")
    await start_watching(start_corpus_bot, engine, quiet=0.3)
    corpus = engine.settings.corpus_dir

    # Added: written in three steps within the quiet period, ingested once.
    path = corpus / "lighthouse.txt"
    path.write_text(LIGHTHOUSE[:20], encoding="utf-8")
    (corpus / ".lighthouse.txt.swp").write_text("editor state", encoding="utf-8")  # hidden
    path.write_text(LIGHTHOUSE[:60], encoding="utf-8")
    path.write_text(LIGHTHOUSE, encoding="utf-8")
    await fake.wait_until(lambda: engine.summaries, timeout=30, what="the watcher's ingest")
    [added] = engine.summaries
    assert added.added == ["lighthouse.txt"] and not added.updated and not added.skipped
    question = await fake.send_message(
        CHANNEL_ID, f"{BOT_USER.mention} Why did the lighthouse keepers strike?"
    )
    [answer] = await wait_for_answer(fake, question)
    assert "lighthouse.txt" in answer["content"] and "over pay" in answer["content"]

    # Changed, then removed.
    path.write_text(LIGHTHOUSE.replace("over pay", "over rotas"), encoding="utf-8")
    await fake.wait_until(lambda: len(engine.summaries) == 2, timeout=30, what="an update")
    assert engine.summaries[1].updated == ["lighthouse.txt"]
    path.unlink()
    await fake.wait_until(lambda: len(engine.summaries) == 3, timeout=30, what="a removal")
    assert engine.summaries[2].removed == ["lighthouse.txt"]

    # One summary line each, posted nowhere (the only message is the answer).
    lines = watcher_lines(caplog)
    assert len(lines) == 3 and all(
        line.startswith("corpus watcher: 1 changed file") for line in lines
    )
    assert "1 added" in lines[0] and "1 updated" in lines[1] and "1 removed" in lines[2]
    assert len(fake.posted[CHANNEL_ID]) == 1
    assert engine.most_at_once == 1


async def test_changes_a_reindex_ingested_are_not_ingested_again(
    fake: FakeDiscord,
    start_corpus_bot: BotStarter,
    engine: CountingEngine,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="corpusbot")
    bot = await start_watching(start_corpus_bot, engine, quiet=1.0)
    watcher = bot.get_cog("CorpusWatcher")
    path = engine.settings.corpus_dir / "lighthouse.txt"
    path.write_text(LIGHTHOUSE, encoding="utf-8")
    await fake.wait_until(lambda: str(path.resolve()) in watcher.pending, what="the change")  # type: ignore[union-attr]

    run = await fake.send_interaction("reindex", user=ADMIN)  # before the quiet period ends
    await fake.wait_for_callback(run)
    await fake.wait_until(
        lambda: any("already ingested" in line for line in watcher_lines(caplog)),
        timeout=30,
        what="the watcher to skip what /reindex ingested",
    )
    [summary] = engine.summaries  # one ingest: /reindex's
    assert summary.added == ["lighthouse.txt"]
    assert engine.most_at_once == 1


async def test_reindex_is_refused_while_the_watcher_ingests(
    fake: FakeDiscord, start_corpus_bot: BotStarter, engine: CountingEngine
) -> None:
    await start_watching(start_corpus_bot, engine, quiet=0.1)
    engine.hold_next = True
    (engine.settings.corpus_dir / "lighthouse.txt").write_text(LIGHTHOUSE, encoding="utf-8")
    await fake.wait_until(engine.holding.is_set, timeout=30, what="the watcher's ingest")
    try:
        refused = await fake.send_interaction("reindex", user=ADMIN)
        await fake.wait_for_callback(refused)
        assert ephemeral_reply(fake, refused)["content"] == (
            "An ingest (the corpus watcher) is running; run /reindex again when it ends."
        )
    finally:
        engine.release.set()
    await fake.wait_until(lambda: engine.summaries, timeout=30, what="the watcher's ingest")
    assert engine.summaries[0].added == ["lighthouse.txt"] and engine.most_at_once == 1
