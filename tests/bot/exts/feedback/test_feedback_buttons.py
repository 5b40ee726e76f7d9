"""Buttons under answers: Show sources (private) and 👍/👎 stored with the answer."""

from __future__ import annotations

from bot_harness import (
    ANSWER_QUESTION,
    ANSWER_SOURCE,
    BotStarter,
    ephemeral_reply,
    wait_for_answer,
)
from fakes.discord_server import ADMIN, BOT_USER, CHANNEL_ID, FLAG_EPHEMERAL, USER, FakeDiscord

from bot.app import CorpusBot


async def ask(fake: FakeDiscord, text: str = ANSWER_QUESTION) -> dict[str, object]:
    question = await fake.send_message(CHANNEL_ID, f"{BOT_USER.mention} {text}")
    [*_, last] = await wait_for_answer(fake, question)
    return last


async def test_show_sources_is_ephemeral_and_quotes_the_cited_passages(
    fake: FakeDiscord, start_corpus_bot: BotStarter
) -> None:
    await start_corpus_bot()
    answer = await ask(fake)
    click = await fake.click_button(answer, "corpusbot:sources", user=ADMIN)
    callback = await fake.wait_for_callback(click)

    assert callback["type"] == 4 and callback["data"]["flags"] == FLAG_EPHEMERAL
    [embed] = callback["data"]["embeds"]
    assert embed["title"] == "Sources"
    first = embed["fields"][0]
    assert first["name"].startswith(f"[1] {ANSWER_SOURCE} — article ¶")
    assert first["value"].startswith("“") and first["value"].endswith("”")
    assert len(fake.posted[CHANNEL_ID]) == 1  # nothing new in the channel


async def test_show_sources_of_a_not_covered_answer_lists_the_nearest_passages(
    fake: FakeDiscord, start_corpus_bot: BotStarter
) -> None:
    await start_corpus_bot()
    answer = await ask(fake, "What is the capital of Australia?")
    click = await fake.click_button(answer, "corpusbot:sources")
    callback = await fake.wait_for_callback(click)
    [embed] = callback["data"]["embeds"]
    assert embed["title"] == "Nearest passages" and "do not answer it" in embed["description"]
    assert embed["fields"]


async def test_a_thumbs_up_writes_a_feedback_row_with_the_answer(
    fake: FakeDiscord, start_corpus_bot: BotStarter
) -> None:
    bot = await start_corpus_bot()
    answer = await ask(fake)
    click = await fake.click_button(answer, "corpusbot:vote:up", user=USER)
    await fake.wait_for_callback(click)
    assert ephemeral_reply(fake, click)["content"] == "Thanks, your 👍 is noted."

    [vote] = bot.feedback.votes()
    assert vote.vote == "up" and vote.user_id is None  # no ids unless DISCORD_LOG_AUTHOR_IDS
    assert vote.answer.question == ANSWER_QUESTION and vote.answer.found
    assert vote.answer.message_id == int(answer["id"])
    assert vote.answer.citations[0].source == ANSWER_SOURCE
    assert vote.answer.citations[0].quote in vote.answer.text
    assert vote.created_at > 0

    again = await fake.click_button(answer, "corpusbot:vote:up", user=USER)
    await fake.wait_for_callback(again)
    assert ephemeral_reply(fake, again)["content"] == "You already rated this answer 👍."
    changed = await fake.click_button(answer, "corpusbot:vote:down", user=USER)
    await fake.wait_for_callback(changed)
    assert ephemeral_reply(fake, changed)["content"] == "Changed your rating to 👎."
    assert [v.vote for v in bot.feedback.votes()] == ["down"]


async def test_voter_ids_are_stored_only_when_enabled(
    fake: FakeDiscord, start_corpus_bot: BotStarter
) -> None:
    bot = await start_corpus_bot(log_author_ids=True)
    answer = await ask(fake)
    click = await fake.click_button(answer, "corpusbot:vote:down", user=USER)
    await fake.wait_for_callback(click)
    [vote] = bot.feedback.votes()
    assert vote.vote == "down" and vote.user_id == USER.id


async def test_buttons_keep_working_after_a_restart(
    fake: FakeDiscord, start_corpus_bot: BotStarter
) -> None:
    first = await start_corpus_bot()
    answer = await ask(fake)
    await fake.wait_until(lambda: first.feedback.load_answer(int(answer["id"])), what="the save")
    await first.close()

    second: CorpusBot = await start_corpus_bot()  # same feedback file, empty memory
    click = await fake.click_button(answer, "corpusbot:sources")
    callback = await fake.wait_for_callback(click)
    assert callback["data"]["embeds"][0]["title"] == "Sources"
    vote = await fake.click_button(answer, "corpusbot:vote:up")
    await fake.wait_for_callback(vote)
    assert [v.answer.question for v in second.feedback.votes()] == [ANSWER_QUESTION]
