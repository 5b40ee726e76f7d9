"""Start-up checks: say what is missing instead of silently not answering.

On ready the bot logs where it answers, warns about configured channels it cannot see, about
permissions it lacks in the channels it answers in, about an empty store, and prints the invite
link when it is in no server yet.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.app import REQUIRED_PERMISSIONS, invite_url
from retrieval.store import StoreUnavailable

if TYPE_CHECKING:
    from bot.app import CorpusBot

log = logging.getLogger(f"corpusbot.{__name__}")


def missing_permissions(granted: discord.Permissions) -> list[str]:
    """Names (as in Discord's UI) of the required permissions ``granted`` lacks."""
    return [
        name.replace("_", " ").title()
        for name, needed in REQUIRED_PERMISSIONS
        if needed and not getattr(granted, name)
    ]


class StartupChecks(commands.Cog):
    def __init__(self, bot: CorpusBot) -> None:
        self.bot = bot
        self._checked = False

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        if self._checked:  # on_ready fires again after reconnects
            return
        self._checked = True
        log.info(
            "Connected as %s to %d server(s); answering in %s.",
            self.bot.user,
            len(self.bot.guilds),
            "every channel" if not self.bot.settings.channel_ids else "the configured channels",
        )
        for warning in self.problems():
            log.warning(warning)
        try:
            stats = await self.bot.run_blocking(self.bot.engine.stats)
        except StoreUnavailable as exc:
            log.warning("The store is unavailable: %s", exc)
            return
        if stats.chunks == 0:
            log.warning(
                "The store is empty: run /reindex in Discord or `corpusbot ingest` in a shell."
            )

    def answering_channels(self) -> list[discord.abc.GuildChannel]:
        wanted = self.bot.settings.channel_ids
        return [
            channel
            for guild in self.bot.guilds
            for channel in guild.text_channels
            if not wanted or channel.id in wanted
        ]

    def problems(self) -> list[str]:
        bot = self.bot
        found: list[str] = []
        if not bot.guilds and bot.application_id:
            url = invite_url(bot.application_id)
            found.append(f"The bot is in no server yet. Invite it: {url}")
        channels = self.answering_channels()
        unseen = bot.settings.channel_ids - {c.id for c in channels}
        if unseen:
            found.append(
                "DISCORD_CHANNEL_IDS lists channels the bot cannot see: "
                + ", ".join(str(i) for i in sorted(unseen))
            )
        for channel in channels:
            me = channel.guild.me
            lacking = missing_permissions(channel.permissions_for(me))
            if lacking:
                found.append(
                    f"In #{channel.name} ({channel.guild.name}) the bot lacks: "
                    f"{', '.join(lacking)}. Grant them to its role or in the channel settings."
                )
        return found


async def setup(bot: CorpusBot) -> None:
    await bot.add_cog(StartupChecks(bot))
