"""/ask: deferred at once, then answered in follow-ups; refusals are private."""

from __future__ import annotations

from bot_harness import (
    ANSWER_QUESTION,
    ANSWER_SOURCE,
    BotStarter,
    SpyEngine,
    allows_no_mentions,
    custom_ids,
    ephemeral_reply,
    wait_for_slash_answer,
)
from fakes.discord_server import (
    APPLICATION_ID,
    CHANNEL_ID,
    FLAG_EPHEMERAL,
    GUILD_ID,
    OTHER_CHANNEL_ID,
    FakeDiscord,
)

from retrieval.engine import Engine


async def test_commands_are_synced_to_the_configured_guild(
    fake: FakeDiscord, start_corpus_bot: BotStarter
) -> None:
    await start_corpus_bot()
    names = sorted(c["name"] for c in fake.commands[GUILD_ID])
    assert names == ["add", "ask", "discussion", "reindex", "sources", "stats"]
    assert fake.requests_to("PUT", f"/applications/{APPLICATION_ID}/guilds/{GUILD_ID}/commands")


async def test_commands_are_synced_globally_without_a_guild(
    fake: FakeDiscord, start_corpus_bot: BotStarter
) -> None:
    await start_corpus_bot(guild_id=None)
    names = sorted(c["name"] for c in fake.commands[None])
    assert names == ["add", "ask", "discussion", "reindex", "sources", "stats"]
    assert GUILD_ID not in fake.commands


async def test_ask_is_deferred_then_answered_with_the_question_echoed(
    fake: FakeDiscord, start_corpus_bot: BotStarter
) -> None:
    await start_corpus_bot()
    interaction = await fake.send_interaction("ask", {"question": ANSWER_QUESTION})
    callback = await fake.wait_for_callback(interaction)
    [answer] = await wait_for_slash_answer(fake, interaction)

    assert callback["type"] == 5  # deferred: "corpusbot is thinking…"
    content = answer["content"]
    assert content.startswith(f"> **Q:** {ANSWER_QUESTION}\n\n")
    assert "[1]" in content and f"{ANSWER_SOURCE} — article ¶" in content
    assert allows_no_mentions(answer)
    assert custom_ids(answer) == ["corpusbot:sources", "corpusbot:vote:up", "corpusbot:vote:down"]
    assert fake.posted[CHANNEL_ID] == [answer]  # a visible channel message


async def test_ask_refusals_are_ephemeral_and_do_not_reach_the_engine(
    fake: FakeDiscord, start_corpus_bot: BotStarter, seeded_engine: Engine
) -> None:
    spy = SpyEngine(seeded_engine)
    await start_corpus_bot(engine=spy, channel_ids=frozenset({CHANNEL_ID}))
    cases = [
        ("ask", {"question": "   "}, CHANNEL_ID, "Ask me something about the archive"),
        ("ask", {"question": "x" * 4000}, CHANNEL_ID, "4,000 characters long; the limit is 1,000"),
        ("ask", {"question": ANSWER_QUESTION}, OTHER_CHANNEL_ID, f"only in <#{CHANNEL_ID}>"),
        ("sources", {"question": "``` ```"}, CHANNEL_ID, "Ask me something about the archive"),
    ]
    for name, options, channel, expected in cases:
        interaction = await fake.send_interaction(name, options, channel_id=channel)
        callback = await fake.wait_for_callback(interaction)
        assert callback["type"] == 4
        assert callback["data"]["flags"] == FLAG_EPHEMERAL
        assert expected in ephemeral_reply(fake, interaction)["content"]
    assert spy.asked == []
    assert fake.posted.get(CHANNEL_ID, []) == [] and fake.posted.get(OTHER_CHANNEL_ID, []) == []
