"""One question through the engine (off the event loop), its answer posted under the buttons,
remembered for follow-ups and feedback, and logged as one structured line.

Shared by the @mention path and ``/ask``; they differ only in how a message part is sent.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import discord

from bot.exts.feedback.buttons import answer_buttons
from bot.exts.qa.channels import ChannelNotEnabled, is_enabled
from bot.exts.qa.conversations import ConversationKey, Turn
from bot.exts.qa.cooldown import QuestionOnCooldown
from bot.exts.qa.questions import checked_question
from bot.rendering.answers import answer_messages
from retrieval.answer.followup import resolve
from retrieval.answer.types import Answer

if TYPE_CHECKING:
    from bot.app import CorpusBot

log = logging.getLogger(f"corpusbot.{__name__}")
answers_log = logging.getLogger("corpusbot.answers")

SendPart = Callable[[str, discord.ui.View | None], Awaitable[discord.Message]]


@dataclass(frozen=True)
class QuestionOrigin:
    via: Literal["mention", "slash"]
    channel_id: int
    author_id: int
    key: ConversationKey  # the conversation it continues or starts
    linked_ids: tuple[int, ...] = ()  # messages that belong to it (the question message)
    received: float = 0.0  # time.perf_counter() when it arrived
    echo_question: bool = False  # repeat the question above the answer (slash commands)


def admit_slash_question(bot: CorpusBot, interaction: discord.Interaction[Any], raw: str) -> str:
    """The cleaned question of a slash command, or a ``UserFacingError`` (answered privately
    by the error handler): wrong channel, empty or too long, or the user's cooldown."""
    if not is_enabled(interaction.channel, bot.settings.channel_ids):
        raise ChannelNotEnabled(bot.settings.channel_ids)
    question = checked_question(raw, bot.settings.max_question_chars)
    verdict = bot.cooldown.check(interaction.user.id)
    if not verdict.allowed:
        raise QuestionOnCooldown(verdict.retry_after)
    return question


def follows(question: str, previous: Answer | None) -> str | None:
    """The previous question, if the engine reads ``question`` as a follow-up to it."""
    if previous is None:
        return None
    resolved = resolve(question, previous)
    return previous.question if resolved.text != question or resolved.after else None


async def answer_and_post(
    bot: CorpusBot, question: str, origin: QuestionOrigin, send: SendPart
) -> list[discord.Message]:
    previous = bot.conversations.previous_answer(origin.key)
    started = time.perf_counter()
    answer = await bot.run_blocking(bot.engine.ask, question, previous)
    engine_ms = (time.perf_counter() - started) * 1000
    return await post_answer(
        bot, question, answer, origin, send, engine_ms, follows(question, previous)
    )


async def post_answer(
    bot: CorpusBot,
    question: str,
    answer: Answer,
    origin: QuestionOrigin,
    send: SendPart,
    engine_ms: float,
    follows_question: str | None = None,
) -> list[discord.Message]:
    """Post an answer in parts (buttons under the last), remember it for follow-ups and the
    buttons, and log it."""
    parts = answer_messages(answer, question if origin.echo_question else None)
    sent: list[discord.Message] = []
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        sent.append(await send(part, answer_buttons() if last else None))
    message_ids = [*origin.linked_ids, *(m.id for m in sent)]
    turn = Turn(question, answer)
    bot.conversations.remember(origin.key, turn, message_ids)
    bot.answered += 1
    try:
        await bot.feedback.remember_answer(sent[-1].id, origin.channel_id, answer, follows_question)
    except (sqlite3.Error, OSError) as exc:
        log.warning("could not keep the answer for its buttons: %s", exc)
    log_answer(bot, answer, origin, engine_ms, len(sent))
    try:
        await asyncio.to_thread(bot.conversations.persist, origin.key, turn, message_ids)
    except (sqlite3.Error, OSError) as exc:
        log.warning("could not keep the conversation for follow-ups after a restart: %s", exc)
    return sent


def log_answer(
    bot: CorpusBot, answer: Answer, origin: QuestionOrigin, engine_ms: float, parts: int
) -> None:
    fields: dict[str, object] = {
        "event": "answer",
        "via": origin.via,
        "channel": origin.channel_id,
        "latency_ms": round((time.perf_counter() - origin.received) * 1000),
        "engine_ms": round(engine_ms),
        "hits": len(answer.hits),
        "found": str(answer.found).lower(),
        "citations": len(answer.citations),
        "mode": answer.mode,
        "parts": parts,
    }
    if bot.settings.log_author_ids:
        fields["author"] = origin.author_id
    answers_log.info(" ".join(f"{name}={value}" for name, value in fields.items()))
