"""Mentions in questions or in the corpus never ping anyone and show as plain text."""

from __future__ import annotations

from pathlib import Path

from bot_harness import (
    BotStarter,
    SpyEngine,
    allows_no_mentions,
    engine_settings,
    wait_for_answer,
    wait_for_reply,
    wait_for_slash_answer,
)
from fakes.discord_server import ADMIN, BOT_USER, CHANNEL_ID, FakeDiscord

from bot.rendering.markup import ZERO_WIDTH_SPACE
from retrieval.engine import Engine

NOTICE = """Bicycle registration notice

The council said @everyone in the district must register their bicycles by March, and named \
<@{admin}> and the <@&42> committee @here as the contacts for bicycle registration.
"""
RAW_MENTIONS = ("@everyone", "@here", f"<@{ADMIN.id}>", "<@&42>")


def assert_harmless(message: dict[str, object]) -> None:
    content = str(message["content"])
    for raw in RAW_MENTIONS:
        assert raw not in content
    assert allows_no_mentions(message)  # type: ignore[arg-type]
    assert message["mentions"] == [] and message["mention_roles"] == []
    assert message["mention_everyone"] is False


async def test_mentions_quoted_from_the_corpus_are_shown_as_text(
    fake: FakeDiscord, start_corpus_bot: BotStarter, tmp_path: Path
) -> None:
    corpus = tmp_path / "notices"
    corpus.mkdir()
    (corpus / "notice.txt").write_text(NOTICE.format(admin=ADMIN.id), encoding="utf-8")
    engine = Engine(engine_settings(tmp_path, corpus))
    engine.ingest()
    await start_corpus_bot(engine=engine)

    question = await fake.send_message(
        CHANNEL_ID, f"{BOT_USER.mention} Who must register their bicycles?"
    )
    [answer] = await wait_for_answer(fake, question)
    assert "register their bicycles" in answer["content"]
    assert f"@{ZERO_WIDTH_SPACE}everyone" in answer["content"]
    assert f"<{ZERO_WIDTH_SPACE}@{ADMIN.id}>" in answer["content"]
    assert_harmless(answer)

    interaction = await fake.send_interaction(
        "sources", {"question": "Who must register their bicycles?"}
    )
    [listing] = await fake.wait_for_followups(interaction)
    [embed] = listing["embeds"]
    shown = "\n".join(f"{f['name']}\n{f['value']}" for f in embed["fields"])
    assert "@everyone" not in shown and f"<@{ADMIN.id}>" not in shown
    assert f"@{ZERO_WIDTH_SPACE}everyone" in shown


async def test_mentions_in_the_question_ping_nobody(
    fake: FakeDiscord, start_corpus_bot: BotStarter, seeded_engine: Engine
) -> None:
    spy = SpyEngine(seeded_engine)
    await start_corpus_bot(engine=spy)
    text = f"{BOT_USER.mention} @everyone @here <@{ADMIN.id}> <@&42> How much does the US demand?"
    question = await fake.send_message(CHANNEL_ID, text)
    reply = await wait_for_reply(fake, question)
    assert_harmless(reply)
    assert spy.asked[0][0] == "How much does the US demand?"

    interaction = await fake.send_interaction(
        "ask", {"question": f"@everyone <@{ADMIN.id}> How much does the US demand?"}
    )
    [answer] = await wait_for_slash_answer(fake, interaction)
    assert_harmless(answer)
    assert answer["content"].startswith("> **Q:** How much does the US demand?")
