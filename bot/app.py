"""The Discord bot: a ``commands.Bot`` holding the engine and what the cogs share, and
``run_bot`` which starts it and turns start-up failures into one line naming the fix."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import re
import signal
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ParamSpec, TypeVar

import aiohttp
import discord
from discord.ext import commands

from bot.exts import EXTENSIONS
from bot.exts.core.errors import handle_event_error, handle_interaction_error
from bot.exts.feedback.buttons import ANSWER_BUTTONS
from bot.exts.feedback.store import FeedbackStore
from bot.exts.qa.conversations import ConversationMemory
from bot.exts.qa.cooldown import QuestionCooldown
from bot.settings import BotSettings
from retrieval.engine import Engine

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
        self.conversations = ConversationMemory()
        self.cooldown = QuestionCooldown(settings.cooldown_rate, settings.cooldown_seconds)
        self.feedback = FeedbackStore(settings.feedback_path, settings.log_author_ids)
        self.answered = 0
        self.started_at = time.time()
        self.tree.error(handle_interaction_error)

    async def run_blocking(self, func: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run CPU-bound engine work in the bounded answer pool, off the event loop."""
        loop = asyncio.get_running_loop()
        call = functools.partial(func, *args, **kwargs)
        return await loop.run_in_executor(self.answer_pool, call)

    async def setup_hook(self) -> None:
        self.add_dynamic_items(*ANSWER_BUTTONS)  # buttons of earlier answers keep working
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        await self.sync_commands()

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


def corpus_bot(client: discord.Client) -> CorpusBot:
    if not isinstance(client, CorpusBot):
        raise TypeError(f"expected a CorpusBot, not {type(client).__name__}")
    return client


# --- logging without secrets ----------------------------------------------------------------
_INTERACTION_TOKEN = re.compile(r"(/(?:webhooks|interactions)/\d+/)([^/\s?\"']+)")
REDACTED = "<redacted>"


class SecretRedactor(logging.Filter):
    """Removes the bot token (and interaction tokens in webhook URLs) from log records,
    including the ones discord.py itself logs about HTTP requests and the gateway."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return _INTERACTION_TOKEN.sub(rf"\1{REDACTED}", text)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: let the handler report it
            return True
        redacted = self.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def install_log_redaction(token: str, logger: logging.Logger | None = None) -> SecretRedactor:
    """Add a ``SecretRedactor`` to every handler of ``logger`` (default: the root logger)."""
    target = logger or logging.getLogger()
    if not target.handlers:
        logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    redactor = SecretRedactor([token])
    for handler in target.handlers:
        handler.addFilter(redactor)
    return redactor


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
