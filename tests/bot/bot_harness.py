"""Helpers for end-to-end bot tests: the real ``CorpusBot`` (real discord.py, real engine)
against the fake Discord in ``tests/fakes``."""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from fakes.discord_server import GUILD_ID, FakeDiscord, FakeInteraction

from bot.app import CorpusBot
from bot.settings import BotSettings
from retrieval.answer.types import Answer
from retrieval.engine import Engine
from retrieval.settings import Settings

JSON = dict[str, Any]
BotStarter = Callable[..., Awaitable[CorpusBot]]  # the start_corpus_bot fixture
NO_MENTIONS = {"parse": [], "replied_user": False}


def allows_no_mentions(message: JSON) -> bool:
    """The send asked Discord to ping nobody (webhook sends carry no replied_user)."""
    allowed = message.get("allowed_mentions")
    return (
        allowed is not None
        and allowed.get("parse") == []
        and not allowed.get("users")
        and not allowed.get("roles")
        and not allowed.get("replied_user", False)
    )


ANSWER_QUESTION = "How much does the US demand?"
ANSWER_SOURCE = "000_88f28c69f322998a.txt"


def engine_settings(base: Path, corpus: Path) -> Settings:
    """Engine settings with the store under ``base`` (like tests/conftest.py's)."""
    return Settings(data_dir=base / "data", corpus_dir=corpus, store_path=base / "data" / "chroma")


def bot_settings(engine: Engine, data: Path, **changes: Any) -> BotSettings:
    """Test settings: the engine's store, feedback under ``data``, no cooldown, the fake guild."""
    base = BotSettings(
        engine=engine.settings,
        token="test-token",
        feedback_path=data / "feedback.sqlite3",
        cooldown_rate=0,
        guild_id=GUILD_ID,
    )
    return dataclasses.replace(base, **changes)


def make_bot(engine: Engine, settings: BotSettings) -> CorpusBot:
    return CorpusBot(settings, engine, guild_ready_timeout=0.05)


class SpyEngine(Engine):
    """A real engine that records what it was asked (and may fail on demand)."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine.settings)
        self._store = engine.store  # share the already-open store and its snapshot
        self._searcher = engine.searcher
        self.asked: list[tuple[str, Answer | None]] = []
        self.failures_left = 0

    def ask(self, question: str, previous: Answer | None = None) -> Answer:
        self.asked.append((question, previous))
        if self.failures_left:
            self.failures_left -= 1
            raise RuntimeError("engine exploded")
        return super().ask(question, previous)


def reply_to(fake: FakeDiscord, question: JSON) -> JSON | None:
    """The bot's reply to ``question``, if posted."""
    for message in fake.posted.get(int(question["channel_id"]), []):
        reference = message.get("message_reference") or {}
        if reference.get("message_id") == question["id"]:
            return message
    return None


async def wait_for_reply(fake: FakeDiscord, question: JSON, timeout: float = 5.0) -> JSON:
    return await fake.wait_until(
        lambda: reply_to(fake, question), timeout=timeout, what=f"a reply to {question['id']}"
    )


async def wait_for_answer(fake: FakeDiscord, question: JSON, timeout: float = 5.0) -> list[JSON]:
    """Every part of the bot's answer to ``question``: the reply, up to the part with buttons."""
    first = await wait_for_reply(fake, question, timeout)
    channel = int(question["channel_id"])

    def parts() -> list[JSON] | None:
        posted = fake.posted.get(channel, [])
        start = next(i for i, m in enumerate(posted) if m["id"] == first["id"])
        for end in range(start, len(posted)):
            if posted[end]["components"]:
                return posted[start : end + 1]
        return None

    return await fake.wait_until(parts, timeout=timeout, what="the part with the buttons")


async def wait_for_slash_answer(
    fake: FakeDiscord, interaction: FakeInteraction, timeout: float = 5.0
) -> list[JSON]:
    """The follow-ups of a deferred slash command, up to the one with the buttons."""

    def parts() -> list[JSON] | None:
        followups = fake.interactions[interaction.id].followups
        for end, message in enumerate(followups):
            if message["components"]:
                return followups[: end + 1]
        return None

    return await fake.wait_until(parts, timeout=timeout, what="the slash answer")


def custom_ids(message: JSON) -> list[str]:
    return [c["custom_id"] for row in message["components"] for c in row["components"]]


def ephemeral_reply(fake: FakeDiscord, interaction: FakeInteraction) -> JSON:
    """The first private message of an interaction: its response or its first follow-up."""
    record = fake.interactions[interaction.id]
    if record.callbacks and record.callbacks[0]["type"] == 4:
        data: JSON = record.callbacks[0]["data"]
        return data
    return record.followups[0]
