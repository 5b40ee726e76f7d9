"""Per-user cooldown: "slow down, try again in N s" instead of queueing a flood."""

from __future__ import annotations

import asyncio

from bot_harness import ANSWER_QUESTION, BotStarter, ephemeral_reply, reply_to, wait_for_reply
from fakes.discord_server import ADMIN, BOT_USER, CHANNEL_ID, FLAG_EPHEMERAL, USER, FakeDiscord

from bot.exts.qa.cooldown import QuestionCooldown


async def test_a_flooding_user_is_told_once_to_slow_down(
    fake: FakeDiscord, start_corpus_bot: BotStarter
) -> None:
    await start_corpus_bot(cooldown_rate=2, cooldown_seconds=60)
    ask = f"{BOT_USER.mention} {ANSWER_QUESTION}"
    first = await fake.send_message(CHANNEL_ID, ask, author=USER)
    second = await fake.send_message(CHANNEL_ID, ask, author=USER)
    third = await fake.send_message(CHANNEL_ID, ask, author=USER)
    fourth = await fake.send_message(CHANNEL_ID, ask, author=USER)
    other = await fake.send_message(CHANNEL_ID, ask, author=ADMIN)  # another user is not limited

    for question in (first, second, other):
        assert "[1]" in (await wait_for_reply(fake, question))["content"]
    refusal = await wait_for_reply(fake, third)
    assert refusal["content"] in {f"Slow down — you can ask again in {n} s." for n in (59, 60)}
    await asyncio.sleep(0.2)
    assert reply_to(fake, fourth) is None  # told once per window, then dropped silently

    interaction = await fake.send_interaction("ask", {"question": ANSWER_QUESTION}, user=USER)
    callback = await fake.wait_for_callback(interaction)
    assert callback["data"]["flags"] == FLAG_EPHEMERAL
    assert ephemeral_reply(fake, interaction)["content"].startswith("Slow down — you can ask again")


def test_cooldown_window_refills_and_can_be_disabled() -> None:
    now = [1000.0]
    cooldown = QuestionCooldown(rate=2, per=10, clock=lambda: now[0])
    assert cooldown.check(1).allowed and cooldown.check(1).allowed
    refused = cooldown.check(1)
    assert not refused.allowed and refused.first_refusal and 0 < refused.retry_after <= 10
    again = cooldown.check(1)
    assert not again.allowed and not again.first_refusal
    assert cooldown.check(2).allowed
    now[0] += 10.5
    assert cooldown.check(1).allowed

    disabled = QuestionCooldown(rate=0, per=10)
    assert all(disabled.check(1).allowed for _ in range(100))
