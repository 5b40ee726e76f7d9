"""@mentions get cited answers, only where enabled, with markup stripped and limits explained."""

from __future__ import annotations

import logging

import pytest
from bot_harness import (
    ANSWER_QUESTION,
    ANSWER_SOURCE,
    NO_MENTIONS,
    BotStarter,
    SpyEngine,
    custom_ids,
    reply_to,
    wait_for_answer,
    wait_for_reply,
)
from fakes.discord_server import BOT_ROLE_ID, BOT_USER, CHANNEL_ID, OTHER_CHANNEL_ID, FakeDiscord

from retrieval.engine import Engine


async def test_mention_gets_a_cited_answer_with_sources_and_buttons(
    fake: FakeDiscord, start_corpus_bot: BotStarter
) -> None:
    await start_corpus_bot()
    question = await fake.send_message(CHANNEL_ID, f"{BOT_USER.mention} {ANSWER_QUESTION}")
    [answer] = await wait_for_answer(fake, question)

    content = answer["content"]
    assert "The article reports:" in content and "[1]" in content
    assert "**Sources**" in content
    assert (
        f"[1] {ANSWER_SOURCE} — article ¶" in content or f"{ANSWER_SOURCE} — article ¶" in content
    )
    assert answer["message_reference"]["message_id"] == question["id"]
    assert answer["allowed_mentions"] == NO_MENTIONS
    assert answer["mentions"] == [] and not answer["mention_everyone"]
    assert custom_ids(answer) == ["corpusbot:sources", "corpusbot:vote:up", "corpusbot:vote:down"]
    # acknowledged at once: 👀 on the question and a typing indicator, before the reply
    assert fake.reactions[0]["message_id"] == int(question["id"])
    assert fake.reactions[0]["emoji"] == "👀"
    assert fake.typing == [CHANNEL_ID]
    reaction = fake.requests_to("PUT", rf"/channels/{CHANNEL_ID}/messages/\d+/reactions/.+/@me")[0]
    reply = fake.requests_to("POST", f"/channels/{CHANNEL_ID}/messages")[0]
    assert reaction.time <= reply.time


async def test_not_covered_says_so_and_lists_nearest_sources(
    fake: FakeDiscord, start_corpus_bot: BotStarter
) -> None:
    await start_corpus_bot()
    question = await fake.send_message(
        CHANNEL_ID, f"{BOT_USER.mention} What is the capital of Australia?"
    )
    [answer] = await wait_for_answer(fake, question)
    assert "The archive doesn't cover that." in answer["content"]
    assert "**Nearest sources** (they do not answer it):" in answer["content"]
    assert "\n- 00" in answer["content"] and "[1]" not in answer["content"]


async def test_only_enabled_channels_and_their_threads_are_answered(
    fake: FakeDiscord, start_corpus_bot: BotStarter
) -> None:
    await start_corpus_bot(channel_ids=frozenset({CHANNEL_ID}))
    ignored = await fake.send_message(OTHER_CHANNEL_ID, f"{BOT_USER.mention} {ANSWER_QUESTION}")
    root = await fake.send_message(CHANNEL_ID, "a plain message, not for the bot")
    thread = await fake.create_thread(CHANNEL_ID, root["id"], name="questions")
    in_thread = await fake.send_message(
        thread["id"], f"{BOT_USER.mention} {ANSWER_QUESTION}", thread=True
    )
    answer = await wait_for_reply(fake, in_thread)
    assert ANSWER_SOURCE in answer["content"]
    assert reply_to(fake, ignored) is None and OTHER_CHANNEL_ID not in fake.posted
    assert all(r["message_id"] != int(ignored["id"]) for r in fake.reactions)
    assert reply_to(fake, root) is None  # no mention: not a question


async def test_a_mention_of_the_bots_role_counts_as_a_mention(
    fake: FakeDiscord, start_corpus_bot: BotStarter
) -> None:
    await start_corpus_bot()
    question = await fake.send_message(CHANNEL_ID, f"<@&{BOT_ROLE_ID}> {ANSWER_QUESTION}")
    answer = await wait_for_reply(fake, question)
    assert ANSWER_SOURCE in answer["content"]


async def test_markup_is_stripped_before_retrieval(
    fake: FakeDiscord, start_corpus_bot: BotStarter, seeded_engine: Engine
) -> None:
    spy = SpyEngine(seeded_engine)
    await start_corpus_bot(engine=spy)
    raw = (
        f"{BOT_USER.mention} **How** much does ||the US|| `demand`? ```\nplease\n``` "
        "<@&1> <@123> @everyone <:wave:123456789012345678> [link](https://example.com)"
    )
    question = await fake.send_message(CHANNEL_ID, raw, mention_everyone=False)
    answer = await wait_for_reply(fake, question)
    assert spy.asked[0][0] == "How much does the US demand? please link"
    assert ANSWER_SOURCE in answer["content"]
    assert "@everyone" not in answer["content"] and "<@123>" not in answer["content"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "Ask me something about the archive"),
        ("   \n\t  ", "Ask me something about the archive"),
        ("``` ``` ** ||  ||", "Ask me something about the archive"),
        ("why " * 999 + "why?", "That question is 4,000 characters long; the limit is 1,000"),
    ],
    ids=["empty", "whitespace", "only-markup", "4000-chars"],
)
async def test_unusable_questions_get_a_clear_reply(
    fake: FakeDiscord, start_corpus_bot: BotStarter, seeded_engine: Engine, text: str, expected: str
) -> None:
    spy = SpyEngine(seeded_engine)
    await start_corpus_bot(engine=spy)
    question = await fake.send_message(CHANNEL_ID, f"{BOT_USER.mention} {text}")
    reply = await wait_for_reply(fake, question)
    assert expected in reply["content"]
    assert reply["allowed_mentions"] == NO_MENTIONS
    assert spy.asked == []


def answer_log_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "corpusbot.answers"]


async def test_each_answer_is_logged_as_one_structured_line(
    fake: FakeDiscord, start_corpus_bot: BotStarter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="corpusbot.answers")
    await start_corpus_bot()
    question = await fake.send_message(CHANNEL_ID, f"{BOT_USER.mention} {ANSWER_QUESTION}")
    await wait_for_answer(fake, question)
    [line] = await fake.wait_until(lambda: answer_log_lines(caplog), what="the answer log line")
    fields = dict(part.split("=", 1) for part in line.split())
    assert fields["via"] == "mention" and fields["channel"] == str(CHANNEL_ID)
    assert fields["found"] == "true" and fields["mode"] == "extractive"
    assert int(fields["hits"]) > 0 and int(fields["latency_ms"]) >= int(fields["engine_ms"]) >= 0
    assert "author" not in fields


async def test_author_ids_are_logged_only_when_enabled(
    fake: FakeDiscord, start_corpus_bot: BotStarter, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="corpusbot.answers")
    await start_corpus_bot(log_author_ids=True)
    question = await fake.send_message(CHANNEL_ID, f"{BOT_USER.mention} {ANSWER_QUESTION}")
    await wait_for_answer(fake, question)
    [line] = await fake.wait_until(lambda: answer_log_lines(caplog), what="the answer log line")
    assert f"author={question['author']['id']}" in line
