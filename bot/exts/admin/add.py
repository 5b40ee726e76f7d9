"""``/add url:``: download an article page (with its comments) into CORPUS_DIR and ingest it.

The same admins as /reindex; the download runs in a worker thread, the ingest through the bot's
``IngestRunner`` (after any /reindex or watcher ingest that is running). A page that cannot be
added gets a reply saying why, and nothing changes.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.exts.admin.ingests import IngestCall
from bot.exts.admin.permissions import require_admin
from bot.exts.core.errors import NO_MENTIONS, UserFacingError, reply_for
from bot.rendering.limits import MESSAGE_CHARS
from bot.rendering.markup import escape_markup, truncate
from retrieval.ingest import IngestError, IngestSummary
from retrieval.web.add import CorpusNotWritable, PreparedPage, prepare_page, save_and_ingest
from retrieval.web.fetch import FetchError, check_url

if TYPE_CHECKING:
    from bot.app import CorpusBot

log = logging.getLogger(f"corpusbot.{__name__}")


def link(url: str) -> str:
    """The address without a Discord preview (and without markup)."""
    return f"<{url.replace('>', '%3E')}>"


def added_text(page: PreparedPage, summary: IngestSummary) -> str:
    comments = f"{page.comments} comment{'s' if page.comments != 1 else ''}"
    return truncate(
        f"Added **{escape_markup(page.title)}** from {link(page.url)} as "
        f"`{escape_markup(page.file_name)}` ({page.paragraphs} paragraphs, {comments}).\n"
        f"{summary.line()}",
        MESSAGE_CHARS,
    )


class Add(commands.Cog):
    def __init__(self, bot: CorpusBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="add",
        description="Add an article page (and its comments) to the archive (Manage Server or "
        "admin role)",
    )
    @app_commands.describe(url="The page's address, e.g. https://example.com/news/story.html")
    @app_commands.guild_only()
    async def add(self, interaction: discord.Interaction[CorpusBot], url: str) -> None:
        require_admin(interaction, self.bot.settings.admin_role, "/add")
        try:
            url = check_url(url)
        except FetchError as exc:
            raise UserFacingError(f"Not added: {escape_markup(str(exc))}") from None
        await interaction.response.defer(thinking=True)
        text = await self.add_page(url, interaction.user)
        await interaction.followup.send(text, allowed_mentions=NO_MENTIONS)

    async def add_page(self, url: str, user: discord.abc.User) -> str:
        settings = self.bot.settings.engine
        try:
            page = await asyncio.to_thread(prepare_page, url, settings)

            def job(ingest: IngestCall) -> IngestSummary:
                return save_and_ingest([page], settings.corpus_dir, ingest)

            summary = await self.bot.ingests.run(f"/add by {user.display_name}", job)
        except (FetchError, CorpusNotWritable, IngestError) as exc:
            return truncate(f"Not added: {escape_markup(str(exc))}", MESSAGE_CHARS)
        except Exception as exc:
            return "Not added. " + reply_for(exc, "add")
        log.info("add by %s: %s; %s", user.id, page.line(), summary.line())
        return added_text(page, summary)


async def setup(bot: CorpusBot) -> None:
    await bot.add_cog(Add(bot))
