"""At start-up the bot says what is missing instead of silently not answering."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from bot_harness import BotStarter, engine_settings
from fakes.discord_server import (
    ADD_REACTIONS,
    BOT_ROLE_ID,
    CHANNEL_ID,
    EMBED_LINKS,
    GUILD_ID,
    FakeDiscord,
)

from retrieval.engine import Engine


async def test_missing_permissions_unseen_channels_and_an_empty_store_are_reported(
    fake: FakeDiscord,
    start_corpus_bot: BotStarter,
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
) -> None:
    for role_id in (GUILD_ID, BOT_ROLE_ID):
        role = fake.roles[role_id]
        role["permissions"] = str(int(role["permissions"]) & ~(ADD_REACTIONS | EMBED_LINKS))
    (tmp_path / "empty").mkdir()
    empty = Engine(engine_settings(tmp_path, tmp_path / "empty"))
    caplog.set_level(logging.INFO, logger="corpusbot")
    await start_corpus_bot(engine=empty, channel_ids=frozenset({CHANNEL_ID, 42}))

    def warnings() -> list[str] | None:
        found = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
        return found if len(found) >= 3 else None

    messages = await fake.wait_until(warnings, what="the start-up warnings")
    assert "DISCORD_CHANNEL_IDS lists channels the bot cannot see: 42" in messages
    assert any(
        m.startswith("In #general (Fake Guild) the bot lacks: Add Reactions, Embed Links.")
        for m in messages
    )
    assert any("The store is empty" in m for m in messages)
