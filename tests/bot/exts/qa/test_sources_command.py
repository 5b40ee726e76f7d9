"""/sources: the top passages with their locations, no answer composed."""

from __future__ import annotations

from pathlib import Path

from bot_harness import ANSWER_SOURCE, BotStarter, SpyEngine, engine_settings
from fakes.discord_server import FakeDiscord

from retrieval.engine import Engine


async def test_sources_lists_passages_with_locations(
    fake: FakeDiscord, start_corpus_bot: BotStarter, seeded_engine: Engine
) -> None:
    spy = SpyEngine(seeded_engine)
    await start_corpus_bot(engine=spy)
    interaction = await fake.send_interaction(
        "sources", {"question": "How much does the US demand?", "count": 3}
    )
    callback = await fake.wait_for_callback(interaction)
    [listing] = await fake.wait_for_followups(interaction)

    assert callback["type"] == 5
    [embed] = listing["embeds"]
    assert embed["title"] == "Top passages"
    assert embed["description"] == "For: How much does the US demand?"
    names = [f["name"] for f in embed["fields"]]
    assert len(names) == 3 and names[0].startswith("[1] ")
    assert any(ANSWER_SOURCE in name and "article ¶" in name for name in names)
    assert all(0 < len(f["value"]) <= 400 for f in embed["fields"])
    assert spy.asked == []  # retrieval only


async def test_sources_says_when_nothing_is_found(
    fake: FakeDiscord, start_corpus_bot: BotStarter, tmp_path: Path
) -> None:
    (tmp_path / "empty").mkdir()
    await start_corpus_bot(engine=Engine(engine_settings(tmp_path, tmp_path / "empty")))
    interaction = await fake.send_interaction("sources", {"question": "anything at all?"})
    [listing] = await fake.wait_for_followups(interaction)
    [embed] = listing["embeds"]
    assert "No passages found" in embed["description"] and "/reindex" in embed["description"]
    assert "fields" not in embed or embed["fields"] == []
