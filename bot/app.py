"""The Discord bot: a ``commands.Bot`` holding the engine and what the cogs share, and
``run_bot`` which starts it and turns start-up failures into one line naming the fix."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import signal
import sqlite3
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ParamSpec, TypeVar

import aiohttp
import discord
from discord.ext import commands

from bot.exts import EXTENSIONS
from bot.exts.admin.ingests import IngestRunner
from bot.exts.core.errors import handle_event_error, handle_interaction_error
from bot.exts.core.log_redaction import install_log_redaction
from bot.exts.feedback.buttons import ANSWER_BUTTONS
from bot.exts.feedback.store import FeedbackStore
from bot.exts.qa.conversations import ConversationMemory
from bot.exts.qa.cooldown import QuestionCooldown
from bot.settings import BotSettings
from retrieval.engine import Engine
from retrieval.store import StoreUnavailable

P = ParamSpec("P")
T = TypeVar("T")

log = logging.getLogger(f"corpusbot.{__name__}")

PORTAL = "https://discord.com/developers/applications"
REQUIRED_PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    create_public_threads=True,
    embed_links=True,
    read_message_history=True,
    add_reactions=True,
)
SCOPES = ("bot", "applications.commands")


def invite_url(application_id: int) -> str:
    return discord.utils.oauth_url(application_id, permissions=REQUIRED_PERMISSIONS, scopes=SCOPES)


def bot_intents() -> discord.Intents:
    """Default intents plus Message Content (privileged: enable it in the Developer Portal)."""
    intents = discord.Intents.default()
    intents.message_content = True
    return intents


class CorpusBot(commands.Bot):
    def __init__(self, settings: BotSettings, engine: Engine, **options: Any) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,  # unused: there are no prefix commands
            help_command=None,
            intents=bot_intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            chunk_guilds_at_startup=False,
            **options,
        )
        self.settings = settings
        self.engine = engine
        self.answer_pool = ThreadPoolExecutor(
            max_workers=settings.answer_threads, thread_name_prefix="corpusbot-answer"
        )
        # Kept beside the feedback, in the same SQLite file, to survive restarts.
        self.conversations = ConversationMemory(store_path=settings.feedback_path)
        self.ingests = IngestRunner(engine)  # /reindex, /add and the watcher: one at a time
        self.cooldown = QuestionCooldown(settings.cooldown_rate, settings.cooldown_seconds)
        self.feedback = FeedbackStore(settings.feedback_path, settings.log_author_ids)
        self.answered = 0
        self.tree.error(handle_interaction_error)

    async def run_blocking(self, func: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run CPU-bound engine work in the bounded answer pool, off the event loop."""
        loop = asyncio.get_running_loop()
        call = functools.partial(func, *args, **kwargs)
        return await loop.run_in_executor(self.answer_pool, call)

    async def setup_hook(self) -> None:
        await self.open_engine()
        await self.load_conversations()
        self.add_dynamic_items(*ANSWER_BUTTONS)  # buttons of earlier answers keep working
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        await self.sync_commands()

    async def open_engine(self) -> None:
        """Open the store and build the answerer once, before events can race to do it: the
        engine creates them on first use without a lock, and two threads opening one embedded
        Chroma store at once fail. An unreachable store is reported, not fatal: the questions
        are then answered with "the archive is unavailable" until it is back."""
        try:
            await self.run_blocking(lambda: self.engine.answerer)
        except StoreUnavailable as exc:
            log.warning("The store is unavailable: %s", exc)

    async def load_conversations(self) -> None:
        """The conversations of before a restart, so replies to old answers are follow-ups."""
        try:
            count = await asyncio.to_thread(self.conversations.load)
        except (sqlite3.Error, OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("Could not load the kept conversations (starting afresh): %s", exc)
            return
        if count:
            log.info("Loaded %d conversation(s) kept from before the restart.", count)

    async def sync_commands(self) -> None:
        """To one server (instant) with DISCORD_GUILD_ID, else globally (may take a while)."""
        guild = discord.Object(self.settings.guild_id) if self.settings.guild_id else None
        if guild is not None:
            self.tree.copy_global_to(guild=guild)
        try:
            synced = await self.tree.sync(guild=guild)
        except discord.Forbidden as exc:
            log.error(
                "Could not register the slash commands (%s). Re-invite the bot with the "
                "applications.commands scope: %s",
                exc.text,
                invite_url(self.application_id or 0),
            )
            return
        where = f"server {self.settings.guild_id}" if guild else "all servers (global)"
        log.info("Slash commands %s registered for %s.", [c.name for c in synced], where)

    async def on_message(self, message: discord.Message, /) -> None:
        """No prefix commands: questions are handled by the ``qa.ask`` cog's listener."""

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        error = sys.exc_info()[1]
        if error is None:
            await super().on_error(event_method, *args, **kwargs)
            return
        await handle_event_error(event_method, error, args)

    async def close(self) -> None:
        await super().close()
        self.answer_pool.shutdown(wait=False, cancel_futures=True)
        self.feedback.close()
        self.conversations.close()


def corpus_bot(client: discord.Client) -> CorpusBot:
    if not isinstance(client, CorpusBot):
        raise TypeError(f"expected a CorpusBot, not {type(client).__name__}")
    return client


def configure_logging(token: str, verbose: bool) -> None:
    install_log_redaction(token)
    level = logging.DEBUG if verbose else logging.INFO
    logging.getLogger("corpusbot").setLevel(level)
    logging.getLogger("discord").setLevel(level)


# --- running ----------------------------------------------------------------------------------
def startup_failure(exc: BaseException) -> str | None:
    """One line naming the fix for a start-up failure we understand, else None."""
    if isinstance(exc, discord.LoginFailure):
        return (
            "Discord rejected DISCORD_TOKEN. Reset it in the Developer Portal "
            f"({PORTAL} → your application → Bot → Reset Token) and put the new one in .env."
        )
    if isinstance(exc, discord.PrivilegedIntentsRequired):
        return (
            "Discord refused the Message Content intent. Enable it in the Developer Portal "
            f"({PORTAL} → your application → Bot → Privileged Gateway Intents → Message Content "
            "Intent), then start the bot again."
        )
    if isinstance(exc, aiohttp.ClientConnectionError | OSError):
        return f"Cannot reach Discord ({exc}). Check the network connection, then try again."
    return None


async def serve(bot: CorpusBot) -> None:
    """Run ``bot`` until it is closed (SIGTERM closes it cleanly, e.g. ``docker stop``)."""
    loop = asyncio.get_running_loop()
    with contextlib.suppress(NotImplementedError, RuntimeError):  # not on the main thread
        loop.add_signal_handler(signal.SIGTERM, lambda: loop.create_task(bot.close()))
    async with bot:
        await bot.start(bot.settings.token)


def run_bot(settings: BotSettings, engine: Engine | None = None, *, verbose: bool = False) -> int:
    """Start the bot and block until it stops. Returns the process exit code."""
    configure_logging(settings.token, verbose)
    bot = CorpusBot(settings, engine or Engine(settings.engine))
    try:
        asyncio.run(serve(bot))
    except KeyboardInterrupt:
        print("corpusbot: stopped", file=sys.stderr)
    except Exception as exc:
        message = startup_failure(exc)
        if message is None:
            raise
        print(f"corpusbot: {message}", file=sys.stderr)
        return 1
    return 0
