"""50 questions at once from 50 users are all answered; the event loop never stalls."""

from __future__ import annotations

import asyncio
import time

from bot_harness import ANSWER_SOURCE, BotStarter, reply_to
from fakes.discord_server import BOT_USER, CHANNEL_ID, FakeDiscord, FakeUser

QUESTIONS = (
    "How much does the US demand?",
    "What did CHUCKMAN say about Putin?",
    "How many American troops are in South Korea?",
    "What is the capital of Australia?",
)


async def test_fifty_concurrent_questions_are_all_answered(
    fake: FakeDiscord, start_corpus_bot: BotStarter
) -> None:
    bot = await start_corpus_bot(cooldown_rate=1, cooldown_seconds=60)  # per user: 1 each is ok
    users = [FakeUser(1_200_000_000_000_000_000 + i, f"reader{i}") for i in range(50)]

    # the loop stays responsive while the answers are computed: measure its worst stall
    stalls: list[float] = []
    stop = asyncio.Event()

    async def heartbeat() -> None:
        while not stop.is_set():
            before = time.perf_counter()
            await asyncio.sleep(0.01)
            stalls.append(time.perf_counter() - before - 0.01)

    beat = asyncio.create_task(heartbeat())
    questions = await asyncio.gather(
        *(
            fake.send_message(
                CHANNEL_ID, f"{BOT_USER.mention} {QUESTIONS[i % len(QUESTIONS)]}", author=user
            )
            for i, user in enumerate(users)
        )
    )
    await fake.wait_until(
        lambda: all(reply_to(fake, q) for q in questions), timeout=30, what="50 answers"
    )
    stop.set()
    await beat

    replies = [reply_to(fake, q) for q in questions]
    assert len({r["id"] for r in replies if r}) == 50
    assert all(ANSWER_SOURCE in r["content"] for r in replies[::4] if r)
    assert not any("Slow down" in r["content"] for r in replies if r)
    assert bot.answered == 50
    assert max(stalls) < 0.5  # engine work runs in threads, not on the loop
