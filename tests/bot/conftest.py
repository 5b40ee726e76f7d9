"""Bot tests run the real ``CorpusBot`` on the fake Discord over the session's seeded engine."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from bot_harness import BotStarter, bot_settings, make_bot
from fakes.discord_fixtures import running_fake_discord, start_bot, stop_bot
from fakes.discord_server import FakeDiscord

from bot.app import CorpusBot
from retrieval.engine import Engine


@pytest.fixture
async def fake(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    async with running_fake_discord(monkeypatch) as server:
        yield server


@pytest.fixture
async def start_corpus_bot(
    fake: FakeDiscord, seeded_engine: Engine, tmp_path: Path
) -> AsyncIterator[BotStarter]:
    """``bot = await start_corpus_bot(engine=None, **settings_changes)``; closed at teardown."""
    started: list[tuple[CorpusBot, asyncio.Task[None]]] = []

    async def start(engine: Engine | None = None, **changes: Any) -> CorpusBot:
        engine = engine or seeded_engine
        settings = bot_settings(engine, tmp_path / "bot-data", **changes)
        bot = make_bot(engine, settings)
        started.append((bot, await start_bot(bot, fake, token=settings.token)))
        return bot

    yield start
    for bot, task in reversed(started):
        await stop_bot(bot, task)
