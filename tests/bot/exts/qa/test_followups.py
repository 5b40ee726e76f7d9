"""Follow-ups: a reply to an answer, or a question in a thread, continues the conversation."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot_harness import (
    BotStarter,
    SpyEngine,
    wait_for_answer,
    wait_for_reply,
    wait_for_slash_answer,
)
from fakes.discord_server import BOT_USER, CHANNEL_ID, FakeDiscord

from bot.exts.qa.conversations import ConversationMemory, Turn, conversation_key
from retrieval.answer.types import Answer, Citation
from retrieval.engine import Engine
from retrieval.search import Hit

FIRST = "What did CHUCKMAN say about Putin?"
NEXT = "what did he say next?"


async def test_a_reply_to_an_answer_uses_the_previous_answer(
    fake: FakeDiscord, start_corpus_bot: BotStarter, seeded_engine: Engine
) -> None:
    spy = SpyEngine(seeded_engine)
    await start_corpus_bot(engine=spy)
    question = await fake.send_message(CHANNEL_ID, f"{BOT_USER.mention} {FIRST}")
    [first] = await wait_for_answer(fake, question)
    assert "CHUCKMAN" in first["content"]

    follow_up = await fake.send_message(CHANNEL_ID, NEXT, message_reference=first["id"])
    second = await wait_for_reply(fake, follow_up)

    (_, none), (asked, previous) = spy.asked
    assert none is None
    assert asked == NEXT and previous is not None and previous.question == FIRST
    assert "by CHUCKMAN" in second["content"] and "Commenter CHUCKMAN" in second["content"]
    assert second["content"] != first["content"]


async def test_an_unrelated_mention_in_the_channel_starts_afresh(
    fake: FakeDiscord, start_corpus_bot: BotStarter, seeded_engine: Engine
) -> None:
    spy = SpyEngine(seeded_engine)
    await start_corpus_bot(engine=spy)
    first = await fake.send_message(CHANNEL_ID, f"{BOT_USER.mention} {FIRST}")
    await wait_for_answer(fake, first)
    second = await fake.send_message(CHANNEL_ID, f"{BOT_USER.mention} {NEXT}")
    await wait_for_reply(fake, second)
    assert [previous for _, previous in spy.asked] == [None, None]


async def test_questions_in_a_thread_opened_on_an_answer_continue_it(
    fake: FakeDiscord, start_corpus_bot: BotStarter, seeded_engine: Engine
) -> None:
    spy = SpyEngine(seeded_engine)
    await start_corpus_bot(engine=spy)
    question = await fake.send_message(CHANNEL_ID, f"{BOT_USER.mention} {FIRST}")
    [answer] = await wait_for_answer(fake, question)
    thread = await fake.create_thread(CHANNEL_ID, answer["id"], name="Putin")

    in_thread = await fake.send_message(thread["id"], f"{BOT_USER.mention} {NEXT}", thread=True)
    reply = await wait_for_reply(fake, in_thread)
    assert spy.asked[1][1] is not None and spy.asked[1][1].question == FIRST
    assert "CHUCKMAN" in reply["content"]

    # /ask in the same thread continues the same conversation
    interaction = await fake.send_interaction(
        "ask", {"question": "and what did he say after that?"}, channel_id=thread["id"]
    )
    await wait_for_slash_answer(fake, interaction)
    previous = spy.asked[2][1]
    assert previous is not None and previous.question == NEXT


def answer(question: str, found: bool = True) -> Answer:
    return Answer(question=question, text="…", found=found)


def test_memory_keeps_the_last_turns_and_forgets_the_oldest_conversations() -> None:
    memory = ConversationMemory(max_conversations=2, turns_kept=2, max_linked_messages=3)
    memory.remember(("chain", 1), Turn("a", answer("a")), [1, 10])
    memory.remember(("chain", 1), Turn("b", answer("b")), [11])
    memory.remember(("chain", 1), Turn("c", answer("c", found=False)), [12])
    assert [t.question for t in memory.turns(("chain", 1))] == ["b", "c"]
    # the latest turn found nothing: follow-ups refer to the one before
    previous = memory.previous_answer(("chain", 1))
    assert previous is not None and previous.question == "b"

    memory.remember(("thread", 2), Turn("d", answer("d")), [20])
    memory.remember(("thread", 3), Turn("e", answer("e")), [30])
    assert len(memory) == 2 and memory.turns(("chain", 1)) == []
    assert memory.key_for_message(1) is None  # only the last 3 message links are kept
    assert memory.key_for_message(30) == ("thread", 3)


def test_conversation_key_prefers_the_replied_message_then_the_thread() -> None:
    memory = ConversationMemory()
    memory.remember(("chain", 5), Turn("q", answer("q")), [5, 6])
    channel = object()
    assert conversation_key(memory, channel, 6, 99) == ("chain", 5)
    assert conversation_key(memory, channel, 1234, 99) == ("chain", 99)
    assert conversation_key(memory, channel, None, 99) == ("chain", 99)


async def test_a_reply_after_a_restart_still_continues_the_conversation(
    fake: FakeDiscord, start_corpus_bot: BotStarter, seeded_engine: Engine
) -> None:
    first_bot = await start_corpus_bot(engine=SpyEngine(seeded_engine))
    question = await fake.send_message(CHANNEL_ID, f"{BOT_USER.mention} {FIRST}")
    [first] = await wait_for_answer(fake, question)

    def kept() -> bool:
        with sqlite3.connect(first_bot.settings.feedback_path) as db:
            return bool(db.execute("SELECT * FROM conversation_links").fetchall())

    await fake.wait_until(kept, what="the conversation on disk")
    await first_bot.close()  # a restart: a new process knows only what is on disk

    spy = SpyEngine(seeded_engine)
    await start_corpus_bot(engine=spy)  # same DISCORD_FEEDBACK_FILE
    follow_up = await fake.send_message(CHANNEL_ID, NEXT, message_reference=first["id"])
    second = await wait_for_reply(fake, follow_up)

    [(asked, previous)] = spy.asked
    assert asked == NEXT and previous is not None and previous.question == FIRST
    assert previous.found and previous.citations[0].hit.author == "CHUCKMAN"
    assert "Commenter CHUCKMAN" in second["content"] and second["content"] != first["content"]


def test_kept_conversations_are_bounded_and_rebuild_answers(tmp_path: Path) -> None:
    path = tmp_path / "feedback.sqlite3"
    hit = Hit("a.txt", "T", "comment", "Ann", "1.2", None, "Ann's text.", 1.0, 0.9, 2.0, id="x")
    cited = Answer(question="q", text="Ann says…", found=True, citations=(Citation(1, hit, "A"),))
    memory = ConversationMemory(
        max_conversations=2, turns_kept=2, max_linked_messages=3, store_path=path
    )
    for n, key in enumerate(
        [("chain", 1), ("chain", 1), ("chain", 1), ("thread", 2), ("thread", 3)]
    ):
        turn = Turn(f"q{n}", cited if n == 2 else answer(f"q{n}"))
        memory.remember(key, turn, [100 + n])  # type: ignore[arg-type]
        memory.persist(key, turn, [100 + n])  # type: ignore[arg-type]
    memory.close()

    again = ConversationMemory(
        max_conversations=2, turns_kept=2, max_linked_messages=3, store_path=path
    )
    assert again.load() == 2
    assert again.turns(("chain", 1)) == []  # the oldest conversation was dropped
    assert [t.question for t in again.turns(("thread", 3))] == ["q4"]
    assert again.key_for_message(104) == ("thread", 3) and again.key_for_message(101) is None
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM conversation_turns").fetchone() == (2,)
        assert db.execute("SELECT COUNT(*) FROM conversation_links").fetchone() == (3,)
    again.close()

    keep = ConversationMemory(store_path=tmp_path / "other.sqlite3")
    keep.persist(("chain", 7), Turn("q", cited), [7])
    keep.close()
    loaded = ConversationMemory(store_path=tmp_path / "other.sqlite3")
    loaded.load()
    rebuilt = loaded.previous_answer(("chain", 7))
    assert rebuilt is not None and rebuilt.citations == cited.citations
    assert rebuilt.text == cited.text and rebuilt.question == "q"
    loaded.close()
