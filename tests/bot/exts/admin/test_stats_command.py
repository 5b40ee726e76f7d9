"""/stats: documents, chunks, last ingest time and the models in use."""

from __future__ import annotations

from bot_harness import ANSWER_QUESTION, BotStarter, wait_for_answer
from fakes.discord_server import BOT_USER, CHANNEL_ID, FLAG_EPHEMERAL, FakeDiscord

from retrieval.engine import Engine


async def test_stats_shows_counts_and_models(
    fake: FakeDiscord, start_corpus_bot: BotStarter, seeded_engine: Engine
) -> None:
    await start_corpus_bot()
    question = await fake.send_message(CHANNEL_ID, f"{BOT_USER.mention} {ANSWER_QUESTION}")
    await wait_for_answer(fake, question)

    interaction = await fake.send_interaction("stats")
    [reply] = await fake.wait_for_followups(interaction)
    stats = seeded_engine.stats()
    content = reply["content"]
    assert reply["flags"] & FLAG_EPHEMERAL
    assert "Documents: 2\n" in content
    assert f"Chunks: {stats.chunks:,}\n" in content and stats.chunks > 10
    assert f"Last ingest: <t:{int(stats.last_ingest)}:f>" in content
    assert "Embedding model: all-MiniLM-L6-v2-int8" in content
    assert "Answers: extractive (no LLM)" in content
    assert "Questions answered since the bot started: 1" in content
