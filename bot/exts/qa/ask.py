"""Questions: an @mention of the bot (or a reply to one of its answers) and ``/ask``.

Both answer only in enabled channels (and threads under them), acknowledge at once (👀 and
typing for mentions, a deferred "thinking…" for /ask), continue the conversation of the thread
or reply chain they are in, and post the cited answer split within Discord's limits.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.exts.core.errors import NO_MENTIONS
from bot.exts.qa.answering import QuestionOrigin, SendPart, admit_slash_question, answer_and_post
from bot.exts.qa.channels import is_enabled
from bot.exts.qa.conversations import conversation_key
from bot.exts.qa.cooldown import QuestionOnCooldown
from bot.exts.qa.questions import EXAMPLE_QUESTION, checked_question

if TYPE_CHECKING:
    from bot.app import CorpusBot

log = logging.getLogger(f"corpusbot.{__name__}")

ACKNOWLEDGE_EMOJI = "👀"
SEEN_MESSAGES_KEPT = 4096


def _view_kwarg(view: discord.ui.View | None) -> Any:
    """``view`` for discord.py's send methods, where "no view" is spelled MISSING."""
    return view if view is not None else discord.utils.MISSING


def message_replier(message: discord.Message) -> SendPart:
    """Send the first part as a reply to ``message`` (without pinging), the rest after it."""
    sent_first = False

    async def send(content: str, view: discord.ui.View | None) -> discord.Message:
        nonlocal sent_first
        if not sent_first:
            sent_first = True
            return await message.reply(
                content, mention_author=False, allowed_mentions=NO_MENTIONS, view=_view_kwarg(view)
            )
        return await message.channel.send(
            content, allowed_mentions=NO_MENTIONS, view=_view_kwarg(view)
        )

    return send


def followup_sender(interaction: discord.Interaction[Any]) -> SendPart:
    async def send(content: str, view: discord.ui.View | None) -> discord.Message:
        return await interaction.followup.send(
            content,
            wait=True,
            allowed_mentions=NO_MENTIONS,
            view=_view_kwarg(view),
        )

    return send


class Ask(commands.Cog):
    def __init__(self, bot: CorpusBot) -> None:
        self.bot = bot
        self._seen: OrderedDict[int, None] = OrderedDict()

    # --- @mentions and replies -------------------------------------------------------------
    def addressed_to_me(self, message: discord.Message) -> bool:
        """A mention of the bot (or its role), or a reply to one of its messages."""
        me = self.bot.user
        if me is None or message.author.bot or message.guild is None:
            return False
        if any(user.id == me.id for user in message.mentions):
            return True
        own_role = message.guild.self_role
        if own_role is not None and any(r.id == own_role.id for r in message.role_mentions):
            return True
        reference = message.reference
        if reference is None or reference.message_id is None:
            return False
        resolved = reference.resolved
        if isinstance(resolved, discord.Message):
            return resolved.author.id == me.id
        return self.bot.conversations.key_for_message(reference.message_id) is not None

    def first_time_seen(self, message_id: int) -> bool:
        """False for a message already handled (a replayed event must not be answered twice)."""
        if message_id in self._seen:
            return False
        self._seen[message_id] = None
        while len(self._seen) > SEEN_MESSAGES_KEPT:
            self._seen.popitem(last=False)
        return True

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Errors raised here (refusals and failures) go to the central error handler."""
        received = time.perf_counter()
        if not self.addressed_to_me(message):
            return
        if not is_enabled(message.channel, self.bot.settings.channel_ids):
            log.debug("ignoring a question in channel %s (not enabled)", message.channel.id)
            return
        if not self.first_time_seen(message.id):
            return
        question = checked_question(message.content, self.bot.settings.max_question_chars)
        verdict = self.bot.cooldown.check(message.author.id)
        if not verdict.allowed:
            if verdict.first_refusal:
                raise QuestionOnCooldown(verdict.retry_after)
            return
        await self.acknowledge(message)
        reference_id = message.reference.message_id if message.reference else None
        origin = QuestionOrigin(
            via="mention",
            channel_id=message.channel.id,
            author_id=message.author.id,
            key=conversation_key(self.bot.conversations, message.channel, reference_id, message.id),
            linked_ids=(message.id,),
            received=received,
        )
        await answer_and_post(self.bot, question, origin, message_replier(message))

    @staticmethod
    async def acknowledge(message: discord.Message) -> None:
        """👀 on the question and a typing indicator, at once; neither is worth failing for."""
        with contextlib.suppress(discord.HTTPException):
            await message.add_reaction(ACKNOWLEDGE_EMOJI)
        with contextlib.suppress(discord.HTTPException):
            await message.channel.typing()

    # --- /ask ------------------------------------------------------------------------------
    @app_commands.command(
        name="ask", description="Ask the archive: who said what, with cited sources"
    )
    @app_commands.describe(question=f"Your question, e.g. {EXAMPLE_QUESTION}")
    @app_commands.guild_only()
    async def ask(self, interaction: discord.Interaction[CorpusBot], question: str) -> None:
        received = time.perf_counter()
        cleaned = admit_slash_question(self.bot, interaction, question)
        await interaction.response.defer(thinking=True)
        channel_id = interaction.channel_id or 0
        origin = QuestionOrigin(
            via="slash",
            channel_id=channel_id,
            author_id=interaction.user.id,
            key=conversation_key(self.bot.conversations, interaction.channel, None, interaction.id),
            received=received,
            echo_question=True,
        )
        await answer_and_post(self.bot, cleaned, origin, followup_sender(interaction))


async def setup(bot: CorpusBot) -> None:
    await bot.add_cog(Ask(bot))
