"""The bot's client configuration, secrets kept out of logs, and start-up failures."""

from __future__ import annotations

import asyncio
import io
import logging
import re
from pathlib import Path

import discord
from bot_harness import ANSWER_QUESTION, BotStarter, engine_settings, wait_for_slash_answer
from fakes.discord_server import FakeDiscord

from bot.app import REQUIRED_PERMISSIONS, invite_url
from bot.exts.core.log_redaction import SecretRedactor, install_log_redaction
from retrieval.engine import Engine

TOKEN = "MTEwMDAw.fake-secret.bot-token_value"


async def test_client_uses_explicit_intents_and_never_mentions(
    fake: FakeDiscord, start_corpus_bot: BotStarter
) -> None:
    bot = await start_corpus_bot()
    intents = discord.Intents(fake.identify_payloads[0]["intents"])
    assert intents.message_content and intents.guilds and intents.guild_messages
    assert not intents.members and not intents.presences
    mentions = bot.allowed_mentions
    assert mentions is not None and mentions.to_dict() == {"parse": []}
    assert not (mentions.everyone or mentions.users or mentions.roles or mentions.replied_user)
    assert not [f for f in fake.gateway_frames if f.get("op") == 8]  # no member chunking


def test_invite_url_asks_for_the_documented_permissions_and_scopes() -> None:
    url = invite_url(123)
    assert "client_id=123" in url and "scope=bot+applications.commands" in url
    assert f"permissions={REQUIRED_PERMISSIONS.value}" in url
    assert REQUIRED_PERMISSIONS.value == 309237730368


def test_redactor_removes_the_token_from_messages_arguments_and_tracebacks() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(SecretRedactor([TOKEN]))
    logger = logging.getLogger("corpusbot.test.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    try:
        logger.warning("Authorization: Bot %s", TOKEN)
        logger.warning("POST https://discord.com/api/v10/webhooks/1/itoken.abc-DEF_1/messages")
        logger.debug("WebSocket Event: %s", {"d": {"id": "1", "token": "itoken.xyz"}})
        try:
            raise RuntimeError(f"bad header {TOKEN}")
        except RuntimeError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert TOKEN not in text and "itoken.abc-DEF_1" not in text and "itoken.xyz" not in text
    assert text.count("<redacted>") == 4 and "'token': '<redacted>'" in text
    assert "/webhooks/1/<redacted>/messages" in text and "RuntimeError: bad header" in text


async def test_discord_debug_logs_carry_no_secrets(
    fake: FakeDiscord, start_corpus_bot: BotStarter
) -> None:
    root = logging.getLogger()
    discord_logger = logging.getLogger("discord")
    redacted, raw = io.StringIO(), io.StringIO()
    redacted_handler, raw_handler = logging.StreamHandler(redacted), logging.StreamHandler(raw)
    root.addHandler(redacted_handler)
    redactor = install_log_redaction(TOKEN)
    root.handlers.insert(0, raw_handler)  # unfiltered and first: shows what would have leaked
    old_level = discord_logger.level
    discord_logger.setLevel(logging.DEBUG)
    try:
        await start_corpus_bot(token=TOKEN)
        interaction = await fake.send_interaction("ask", {"question": ANSWER_QUESTION})
        await wait_for_slash_answer(fake, interaction)
        logging.getLogger("discord.http").debug("headers: Authorization: Bot %s", TOKEN)
    finally:
        discord_logger.setLevel(old_level)
        root.removeHandler(raw_handler)
        for handler in root.handlers:
            handler.removeFilter(redactor)
        root.removeHandler(redacted_handler)
    assert interaction.token in raw.getvalue() and TOKEN in raw.getvalue()
    assert interaction.token not in redacted.getvalue() and TOKEN not in redacted.getvalue()
    assert re.search(r"/webhooks/\d+/<redacted>", redacted.getvalue())


async def test_the_bot_closes_cleanly(fake: FakeDiscord, start_corpus_bot: BotStarter) -> None:
    bot = await start_corpus_bot()
    await bot.close()
    await asyncio.sleep(0)
    assert bot.is_closed() and bot.answer_pool._shutdown  # type: ignore[attr-defined]


def test_default_feedback_file_is_under_the_data_folder(tmp_path: Path) -> None:
    from bot.settings import load_bot_settings

    settings = load_bot_settings(store=str(tmp_path / "store"))
    assert settings.feedback_path == Path("data") / "feedback.sqlite3"
    assert settings.engine.store_path == tmp_path / "store"


async def test_the_engine_is_opened_before_any_event_can_race_to_open_it(
    fake: FakeDiscord, start_corpus_bot: BotStarter, tmp_path: Path
) -> None:
    (tmp_path / "empty").mkdir()
    engine = Engine(engine_settings(tmp_path, tmp_path / "empty"))
    assert engine._answerer is None and engine._store is None
    await start_corpus_bot(engine=engine)
    assert engine._answerer is not None and engine._store is not None
