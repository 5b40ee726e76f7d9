"""/discussion [article:] with the real discord.py client against the fake Discord: the
overview of one article's comments, split within Discord's limits, under the answer buttons;
and discussion questions by mention."""

from __future__ import annotations

import re

from bot_harness import (
    BotStarter,
    allows_no_mentions,
    custom_ids,
    ephemeral_reply,
    wait_for_answer,
    wait_for_slash_answer,
)
from fakes.discord_server import (
    BOT_USER,
    CHANNEL_ID,
    FLAG_EPHEMERAL,
    OTHER_CHANNEL_ID,
    FakeDiscord,
)

from bot.rendering.answers import answer_text
from bot.rendering.limits import MESSAGE_CHARS
from retrieval.engine import Engine

REUTERS = "000_88f28c69f322998a.txt"
PRESS_TV = "001_a3f27b942b602c7e.txt"
BUTTONS = ["corpusbot:sources", "corpusbot:vote:up", "corpusbot:vote:down"]


def joined(parts: list[dict[str, object]]) -> str:
    return "\n".join(str(p["content"]) for p in parts)


async def test_discussion_of_an_article_named_by_title_words(
    fake: FakeDiscord, start_corpus_bot: BotStarter
) -> None:
    await start_corpus_bot()
    interaction = await fake.send_interaction("discussion", {"article": "Press TV"})
    callback = await fake.wait_for_callback(interaction)
    parts = await wait_for_slash_answer(fake, interaction)

    assert callback["type"] == 5  # deferred: "corpusbot is thinking…"
    text = joined(parts)
    assert text.startswith(f"The reader discussion under “from Press TV, Tehran” ({PRESS_TV})")
    assert ": 6 comments, all anonymous." in text
    assert "Positions (comments that say alike, largest group first):" in text
    assert "**Sources**" in text and f"{PRESS_TV} — comment " in text
    assert REUTERS not in text
    assert all(len(str(p["content"])) <= MESSAGE_CHARS for p in parts)
    assert all(allows_no_mentions(p) for p in parts)
    assert custom_ids(parts[-1]) == BUTTONS
    assert [m["id"] for m in fake.posted[CHANNEL_ID]] == [p["id"] for p in parts]


async def test_without_an_article_the_most_commented_one_comes_in_parts(
    fake: FakeDiscord, start_corpus_bot: BotStarter, seeded_engine: Engine
) -> None:
    await start_corpus_bot()
    interaction = await fake.send_interaction("discussion")
    parts = await wait_for_slash_answer(fake, interaction)

    whole = answer_text(seeded_engine.answerer.discussions.overview())
    assert len(whole) > MESSAGE_CHARS and len(parts) >= 2
    assert all(0 < len(str(p["content"])) <= MESSAGE_CHARS for p in parts)
    assert re.sub(r"\s+", "", joined(parts)) == re.sub(r"\s+", "", whole)  # nothing lost
    assert f"({REUTERS}): 27 comments by 13 commenters." in joined(parts)
    assert "Exchanges (a comment and the replies that push back on it):" in joined(parts)
    assert [bool(p["components"]) for p in parts] == [False] * (len(parts) - 1) + [True]


async def test_an_unknown_article_gets_the_list_of_articles_with_comments(
    fake: FakeDiscord, start_corpus_bot: BotStarter
) -> None:
    await start_corpus_bot()
    interaction = await fake.send_interaction("discussion", {"article": "sourdough bread"})
    await fake.wait_for_callback(interaction)
    [message] = await fake.wait_for_followups(interaction, 1)
    content = message["content"]
    assert content.startswith("No article matches “sourdough bread”. Articles with comments:")
    assert f"{REUTERS} — “US-South Korea Talks" in content and "(27 comments)" in content
    assert f"{PRESS_TV} — “from Press TV, Tehran” (6 comments)" in content
    assert not message["components"] and allows_no_mentions(message)


async def test_show_sources_quotes_the_cited_comments_privately(
    fake: FakeDiscord, start_corpus_bot: BotStarter
) -> None:
    await start_corpus_bot()
    interaction = await fake.send_interaction("discussion", {"article": PRESS_TV})
    *_, last = await wait_for_slash_answer(fake, interaction)
    click = await fake.click_button(last, "corpusbot:sources")
    callback = await fake.wait_for_callback(click)

    assert callback["type"] == 4 and callback["data"]["flags"] == FLAG_EPHEMERAL
    [embed] = callback["data"]["embeds"]
    assert embed["title"] == "Sources"
    assert embed["fields"][0]["name"].startswith(f"[1] {PRESS_TV} — comment ")
    assert all(f["value"].startswith("“") for f in embed["fields"])


async def test_discussion_refusals_are_private_and_do_not_reach_the_engine(
    fake: FakeDiscord, start_corpus_bot: BotStarter
) -> None:
    await start_corpus_bot(channel_ids=frozenset({CHANNEL_ID}))
    elsewhere = await fake.send_interaction("discussion", channel_id=OTHER_CHANNEL_ID)
    too_long = await fake.send_interaction("discussion", {"article": "x" * 4000})
    for interaction, expected in (
        (elsewhere, f"only in <#{CHANNEL_ID}>"),
        (too_long, "4,000 characters long; the limit is 1,000"),
    ):
        callback = await fake.wait_for_callback(interaction)
        assert callback["type"] == 4 and callback["data"]["flags"] == FLAG_EPHEMERAL
        assert expected in ephemeral_reply(fake, interaction)["content"]
    assert fake.posted.get(CHANNEL_ID, []) == [] and fake.posted.get(OTHER_CHANNEL_ID, []) == []


async def test_discussion_shares_the_question_cooldown(
    fake: FakeDiscord, start_corpus_bot: BotStarter
) -> None:
    await start_corpus_bot(cooldown_rate=1, cooldown_seconds=60)
    first = await fake.send_interaction("discussion", {"article": PRESS_TV})
    await wait_for_slash_answer(fake, first)
    second = await fake.send_interaction("discussion", {"article": PRESS_TV})
    callback = await fake.wait_for_callback(second)
    assert callback["data"]["flags"] == FLAG_EPHEMERAL
    assert "Slow down" in ephemeral_reply(fake, second)["content"]


async def test_a_mentioned_discussion_question_gets_the_overview(
    fake: FakeDiscord, start_corpus_bot: BotStarter
) -> None:
    await start_corpus_bot()
    question = await fake.send_message(
        CHANNEL_ID, f"{BOT_USER.mention} What do readers think of the US demand?"
    )
    parts = await wait_for_answer(fake, question)
    text = joined(parts)
    assert text.startswith("What readers say about “US demand”:")
    assert "Positions (" in text and "Exchanges (" in text and " replied “" in text
    assert "Reader comments are opinions, not checked facts." in text
    assert all(len(str(p["content"])) <= MESSAGE_CHARS for p in parts)
    assert custom_ids(parts[-1]) == BUTTONS
