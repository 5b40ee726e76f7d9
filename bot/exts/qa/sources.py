"""``/sources question:``: the passages that best match, with where they are, no answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.exts.core.errors import NO_MENTIONS
from bot.exts.qa.answering import admit_slash_question
from bot.exts.qa.questions import EXAMPLE_QUESTION
from bot.rendering.passages import hits_embed

if TYPE_CHECKING:
    from bot.app import CorpusBot

DEFAULT_PASSAGES = 5


class Sources(commands.Cog):
    def __init__(self, bot: CorpusBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="sources", description="Show the passages that best match a question (no answer)"
    )
    @app_commands.describe(
        question=f"Your question, e.g. {EXAMPLE_QUESTION}",
        count=f"How many passages (1–10, default {DEFAULT_PASSAGES})",
    )
    @app_commands.guild_only()
    async def sources(
        self,
        interaction: discord.Interaction[CorpusBot],
        question: str,
        count: app_commands.Range[int, 1, 10] = DEFAULT_PASSAGES,
    ) -> None:
        cleaned = admit_slash_question(self.bot, interaction, question)
        await interaction.response.defer(thinking=True)
        hits = await self.bot.run_blocking(self.bot.engine.search, cleaned, count)
        await interaction.followup.send(
            embed=hits_embed(cleaned, hits), allowed_mentions=NO_MENTIONS
        )


async def setup(bot: CorpusBot) -> None:
    await bot.add_cog(Sources(bot))
