"""``/stats``: documents, chunks, last ingest time and the models in use."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.exts.core.errors import NO_MENTIONS
from bot.rendering.stats import stats_text

if TYPE_CHECKING:
    from bot.app import CorpusBot


class Stats(commands.Cog):
    def __init__(self, bot: CorpusBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="stats", description="What the archive holds and which models answer"
    )
    @app_commands.guild_only()
    async def stats(self, interaction: discord.Interaction[CorpusBot]) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        stats = await self.bot.run_blocking(self.bot.engine.stats)
        text = stats_text(stats, self.bot.settings.engine.llm.model, self.bot.answered)
        await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)


async def setup(bot: CorpusBot) -> None:
    await bot.add_cog(Stats(bot))
