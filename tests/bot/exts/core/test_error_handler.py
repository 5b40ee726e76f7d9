"""A failing answer gets a short apology with an error id; the log has the traceback."""

from __future__ import annotations

import logging
import re

import pytest
from bot_harness import (
    ANSWER_QUESTION,
    BotStarter,
    SpyEngine,
    wait_for_answer,
    wait_for_reply,
)
from fakes.discord_server import BOT_USER, CHANNEL_ID, FakeDiscord

from retrieval.answer.types import Answer
from retrieval.engine import Engine
from retrieval.store import StoreUnavailable

ERROR_ID = re.compile(r"Error id `([0-9a-f]{8})`")  # in apologies and outage notices


def logged_error(caplog: pytest.LogCaptureFixture, error_id: str) -> logging.LogRecord:
    [record] = [r for r in caplog.records if f"error_id={error_id}" in r.getMessage()]
    return record


async def test_a_failing_mention_answer_apologises_with_an_id_and_the_bot_stays_up(
    fake: FakeDiscord,
    start_corpus_bot: BotStarter,
    seeded_engine: Engine,
    caplog: pytest.LogCaptureFixture,
) -> None:
    spy = SpyEngine(seeded_engine)
    spy.failures_left = 1
    bot = await start_corpus_bot(engine=spy)
    question = await fake.send_message(CHANNEL_ID, f"{BOT_USER.mention} {ANSWER_QUESTION}")
    apology = await wait_for_reply(fake, question)

    match = ERROR_ID.search(apology["content"])
    assert match and apology["content"].startswith("Sorry, something went wrong")
    record = logged_error(caplog, match.group(1))
    assert record.levelno == logging.ERROR and record.exc_info is not None
    assert "engine exploded" in caplog.text and "Traceback" in caplog.text
    assert apology["components"] == []  # no buttons under an apology

    again = await fake.send_message(CHANNEL_ID, f"{BOT_USER.mention} {ANSWER_QUESTION}")
    [answer] = await wait_for_answer(fake, again)
    assert "[1]" in answer["content"] and not bot.is_closed()


async def test_a_failing_slash_answer_apologises_with_an_id(
    fake: FakeDiscord,
    start_corpus_bot: BotStarter,
    seeded_engine: Engine,
    caplog: pytest.LogCaptureFixture,
) -> None:
    spy = SpyEngine(seeded_engine)
    spy.failures_left = 1
    await start_corpus_bot(engine=spy)
    interaction = await fake.send_interaction("ask", {"question": ANSWER_QUESTION})
    [apology] = await fake.wait_for_followups(interaction)

    match = ERROR_ID.search(apology["content"])
    assert match is not None
    assert "interaction:ask" in logged_error(caplog, match.group(1)).getMessage()


class OutageEngine(SpyEngine):
    def ask(self, question: str, previous: Answer | None = None) -> Answer:
        raise StoreUnavailable("Cannot reach the Chroma server at http://chroma:8000: start it.")


async def test_a_store_outage_says_to_try_again_later(
    fake: FakeDiscord,
    start_corpus_bot: BotStarter,
    seeded_engine: Engine,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await start_corpus_bot(engine=OutageEngine(seeded_engine))
    question = await fake.send_message(CHANNEL_ID, f"{BOT_USER.mention} {ANSWER_QUESTION}")
    reply = await wait_for_reply(fake, question)
    assert reply["content"].startswith("The archive is unavailable right now")
    match = ERROR_ID.search(reply["content"])
    assert match is not None
    record = logged_error(caplog, match.group(1))
    assert record.levelno == logging.WARNING and record.exc_info is None
    assert "http://chroma:8000" in record.getMessage()
