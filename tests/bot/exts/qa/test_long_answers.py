"""An answer longer than one message arrives in parts within Discord's limits, split at lines."""

from __future__ import annotations

import dataclasses

from bot_harness import (
    ANSWER_QUESTION,
    BotStarter,
    SpyEngine,
    allows_no_mentions,
    custom_ids,
    wait_for_answer,
    wait_for_slash_answer,
)
from fakes.discord_server import BOT_USER, CHANNEL_ID, FakeDiscord

from bot.rendering.answers import answer_text
from bot.rendering.limits import MESSAGE_CHARS
from retrieval.answer.attribution import speaker
from retrieval.answer.types import Answer, Citation
from retrieval.engine import Engine


class WholePassageEngine(SpyEngine):
    """Answers like a verbose LLM would: every retrieved passage quoted in full."""

    def ask(self, question: str, previous: Answer | None = None) -> Answer:
        answer = super().ask(question, previous)
        citations = tuple(Citation(n, hit, hit.text) for n, hit in enumerate(answer.hits, 1))
        text = "\n".join(f"{speaker(c.hit)}: “{c.quote}” [{c.n}]" for c in citations)
        return dataclasses.replace(answer, text=text, citations=citations, mode="llm")


def assert_split_cleanly(parts: list[str], whole: str) -> None:
    assert len(parts) >= 2
    assert all(0 < len(p) <= MESSAGE_CHARS for p in parts)
    for line in whole.split("\n"):  # no line of the answer is cut in two
        assert any(line in p for p in parts), line[:80]
    assert "".join(parts).replace("\n", "") == whole.replace("\n", "")


async def test_a_long_mention_answer_is_split_under_the_limit(
    fake: FakeDiscord, start_corpus_bot: BotStarter, seeded_engine: Engine
) -> None:
    engine = WholePassageEngine(seeded_engine)
    await start_corpus_bot(engine=engine)
    question = await fake.send_message(CHANNEL_ID, f"{BOT_USER.mention} {ANSWER_QUESTION}")
    parts = await wait_for_answer(fake, question)

    whole = answer_text(engine.ask(ANSWER_QUESTION))
    assert len(whole) > MESSAGE_CHARS
    assert_split_cleanly([p["content"] for p in parts], whole)
    assert parts[0]["message_reference"]["message_id"] == question["id"]
    assert all("message_reference" not in p for p in parts[1:])
    assert [bool(p["components"]) for p in parts] == [False] * (len(parts) - 1) + [True]
    assert custom_ids(parts[-1])[0] == "corpusbot:sources"
    assert all(allows_no_mentions(p) for p in parts)
    assert "**Sources**" in parts[-1]["content"]


async def test_a_long_slash_answer_is_split_into_follow_ups(
    fake: FakeDiscord, start_corpus_bot: BotStarter, seeded_engine: Engine
) -> None:
    engine = WholePassageEngine(seeded_engine)
    await start_corpus_bot(engine=engine)
    interaction = await fake.send_interaction("ask", {"question": ANSWER_QUESTION})
    parts = await wait_for_slash_answer(fake, interaction)

    whole = answer_text(engine.ask(ANSWER_QUESTION), ANSWER_QUESTION)
    assert_split_cleanly([p["content"] for p in parts], whole)
