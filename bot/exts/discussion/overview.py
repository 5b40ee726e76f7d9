"""``/discussion [article:]``: the overview of one article's reader comments (most active
threads, commenters, positions, exchanges), split within Discord's limits, under the same
buttons as answers. Without an article, the one with the most comments; with words that match
none, the articles that have comments."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.exts.core.errors import NO_MENTIONS
from bot.exts.qa.answering import QuestionOrigin, SendPart, post_answer
from bot.exts.qa.channels import ChannelNotEnabled, is_enabled
from bot.exts.qa.conversations import conversation_key
from bot.exts.qa.cooldown import QuestionOnCooldown
from bot.exts.qa.questions import QuestionRejected, clean_question
from bot.rendering.markup import escape_markup
from bot.rendering.split import split_message
from retrieval.discussion import NoDiscussion

if TYPE_CHECKING:
    from bot.app import CorpusBot


def admit(bot: CorpusBot, interaction: discord.Interaction[Any], article: str | None) -> str:
    """The cleaned article words ("" for none), or a ``UserFacingError`` answered privately:
    wrong channel, words too long, or the user's cooldown."""
    if not is_enabled(interaction.channel, bot.settings.channel_ids):
        raise ChannelNotEnabled(bot.settings.channel_ids)
    words = clean_question(article or "")
    if len(words) > bot.settings.max_question_chars:
        raise QuestionRejected(
            f"That article name is {len(words):,} characters long; the limit is "
            f"{bot.settings.max_question_chars:,}. Give its file name or a few title words."
        )
    verdict = bot.cooldown.check(interaction.user.id)
    if not verdict.allowed:
        raise QuestionOnCooldown(verdict.retry_after)
    return words


def followup_sender(interaction: discord.Interaction[Any]) -> SendPart:
    async def send(content: str, view: discord.ui.View | None) -> discord.Message:
        if view is None:
            return await interaction.followup.send(content, wait=True, allowed_mentions=NO_MENTIONS)
        return await interaction.followup.send(
            content, wait=True, allowed_mentions=NO_MENTIONS, view=view
        )

    return send


class Discussion(commands.Cog):
    def __init__(self, bot: CorpusBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="discussion",
        description="What the readers say under an article: threads, commenters, positions",
    )
    @app_commands.describe(
        article="Its file name or words of its title (default: the most commented article)"
    )
    @app_commands.guild_only()
    async def discussion(
        self, interaction: discord.Interaction[CorpusBot], article: str | None = None
    ) -> None:
        received = time.perf_counter()
        words = admit(self.bot, interaction, article)
        await interaction.response.defer(thinking=True)
        send = followup_sender(interaction)
        overviews = self.bot.engine.answerer.discussions
        started = time.perf_counter()
        try:
            answer = await self.bot.run_blocking(overviews.overview, words or None)
        except NoDiscussion as exc:
            for part in split_message(escape_markup(str(exc))):
                await send(part, None)
            return
        engine_ms = (time.perf_counter() - started) * 1000
        origin = QuestionOrigin(
            via="slash",
            channel_id=interaction.channel_id or 0,
            author_id=interaction.user.id,
            key=conversation_key(self.bot.conversations, interaction.channel, None, interaction.id),
            received=received,
        )
        await post_answer(self.bot, answer.question, answer, origin, send, engine_ms)


async def setup(bot: CorpusBot) -> None:
    await bot.add_cog(Discussion(bot))
