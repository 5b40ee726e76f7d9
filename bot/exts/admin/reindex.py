"""``/reindex``: re-ingest the corpus folder in the background and report in the channel.

Only members with Manage Server (or the DISCORD_ADMIN_ROLE role) may run it; one ingest runs
at a time (with /add and the corpus watcher, through the bot's ``IngestRunner``). The ingest
runs in a worker thread, so questions keep being answered meanwhile; the command's message is
edited with the progress every few seconds and then with the summary.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.exts.admin.permissions import require_admin
from bot.exts.admin.progress import ThreadSafeProgress
from bot.exts.core.errors import NO_MENTIONS, UserFacingError, reply_for
from bot.rendering.limits import MESSAGE_CHARS
from bot.rendering.markup import escape_markup, truncate
from retrieval.ingest import IngestError, IngestSummary

if TYPE_CHECKING:
    from bot.app import CorpusBot

log = logging.getLogger(f"corpusbot.{__name__}")

PROGRESS_EDIT_SECONDS = 3.0
# Interaction tokens expire after 15 minutes; after that the summary is posted as a new message.
INTERACTION_EDIT_SECONDS = 14 * 60
FAILURES_LISTED = 5


class ReindexAlreadyRunning(UserFacingError):
    pass


def summary_text(summary: IngestSummary) -> str:
    lines = [f"Re-index done. {summary.line()}"]
    lines += [f"- failed: {escape_markup(m)}" for m in summary.failed[:FAILURES_LISTED]]
    lines += [f"- {escape_markup(m)}" for m in summary.skipped[:FAILURES_LISTED]]
    return truncate("\n".join(lines), MESSAGE_CHARS)


class Reindex(commands.Cog):
    def __init__(self, bot: CorpusBot) -> None:
        self.bot = bot
        self.task: asyncio.Task[None] | None = None
        self.progress_edit_seconds = PROGRESS_EDIT_SECONDS
        self._started_by = ""

    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done()

    @app_commands.command(
        name="reindex", description="Re-ingest the corpus folder (Manage Server or admin role)"
    )
    @app_commands.guild_only()
    async def reindex(self, interaction: discord.Interaction[CorpusBot]) -> None:
        require_admin(interaction, self.bot.settings.admin_role, "/reindex")
        if self.running:
            raise ReindexAlreadyRunning(
                f"A re-index started by {self._started_by} is still running; its summary will "
                "be posted when it ends."
            )
        if self.bot.ingests.busy:
            raise ReindexAlreadyRunning(
                f"An ingest ({escape_markup(self.bot.ingests.holder or 'another one')}) is "
                "running; run /reindex again when it ends."
            )
        corpus = escape_markup(str(self.bot.settings.engine.corpus_dir))
        self._started_by = escape_markup(interaction.user.display_name)
        await interaction.response.send_message(
            f"Re-indexing `{corpus}`: starting…", allowed_mentions=NO_MENTIONS
        )
        self.task = asyncio.create_task(self.run(interaction, corpus), name="corpusbot-reindex")

    async def run(self, interaction: discord.Interaction[Any], corpus: str) -> None:
        started = time.monotonic()
        progress = ThreadSafeProgress()
        reporter = asyncio.create_task(self.report_progress(interaction, progress, corpus))
        try:
            holder = f"/reindex by {interaction.user.display_name}"
            summary = await self.bot.ingests.ingest(holder, progress)
            text = summary_text(summary)
            log.info("reindex by %s: %s", interaction.user.id, summary.line())
        except IngestError as exc:  # e.g. IngestLocked: another process ingests
            text = f"Re-index did not run: {escape_markup(str(exc))}"
        except Exception as exc:
            text = "Re-index failed. " + reply_for(exc, "reindex")
        finally:
            reporter.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await reporter
        await self.post_result(interaction, text, time.monotonic() - started)

    async def report_progress(
        self, interaction: discord.Interaction[Any], progress: ThreadSafeProgress, corpus: str
    ) -> None:
        shown = ""
        while True:
            await asyncio.sleep(self.progress_edit_seconds)
            line = progress.snapshot().line(corpus)
            if line == shown:
                continue
            try:
                await interaction.edit_original_response(content=line)
                shown = line
            except discord.HTTPException as exc:  # an expired token: stop editing
                log.info("stopped reporting reindex progress: %s", exc)
                return

    async def post_result(
        self, interaction: discord.Interaction[Any], text: str, elapsed: float
    ) -> None:
        if elapsed < INTERACTION_EDIT_SECONDS:
            with contextlib.suppress(discord.HTTPException):
                await interaction.edit_original_response(content=text)
                return
        channel = interaction.channel
        try:
            if isinstance(channel, discord.abc.Messageable):
                await channel.send(text, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException as exc:
            log.warning("could not post the reindex result (%s): %s", exc, text)


async def setup(bot: CorpusBot) -> None:
    await bot.add_cog(Reindex(bot))
