"""The one central error handler.

Slash commands and buttons (``handle_interaction_error``, installed as the command tree's error
handler) and events such as the @mention path (``handle_event_error``, called by the bot's
``on_error``) end up here. Errors meant for the user (``UserFacingError``: an empty
question, a cooldown, a missing permission) are answered with their message. An unreachable
store is an outage: the user is asked to try again later and the log gets one line. Anything
else is a bug: the user gets a short apology with an error id, the log gets the traceback with
the same id, and the bot stays up.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

import discord
from discord import app_commands

from retrieval.store import StoreUnavailable

log = logging.getLogger(f"corpusbot.{__name__}")

NO_MENTIONS = discord.AllowedMentions.none()


class UserFacingError(app_commands.AppCommandError):
    """An expected refusal; ``message`` is shown to the user as it is."""

    def __init__(self, message: str, *, ephemeral: bool = True) -> None:
        super().__init__(message)
        self.message = message
        self.ephemeral = ephemeral


def new_error_id() -> str:
    return secrets.token_hex(4)


def apology(error_id: str) -> str:
    return (
        "Sorry, something went wrong while answering that. "
        f"Error id `{error_id}` (the bot's log has the details); please try again later."
    )


def outage_notice(error_id: str) -> str:
    return (
        "The archive is unavailable right now (its store cannot be reached); please try again "
        f"in a minute. Error id `{error_id}`."
    )


def log_outage(error: StoreUnavailable, where: str) -> str:
    """An expected outage (e.g. the Chroma server is down): one log line, no traceback."""
    error_id = new_error_id()
    log.warning("error_id=%s where=%s store unavailable: %s", error_id, where, error)
    return error_id


def reply_for(error: BaseException, where: str) -> str:
    """What to tell the user about an error that is not a ``UserFacingError``."""
    if isinstance(error, StoreUnavailable):
        return outage_notice(log_outage(error, where))
    return apology(log_unexpected(error, where))


def log_unexpected(error: BaseException, where: str) -> str:
    """Log ``error`` with its traceback under a new error id, and return the id."""
    error_id = new_error_id()
    log.error(
        "error_id=%s where=%s %s: %s",
        error_id,
        where,
        type(error).__name__,
        error,
        exc_info=(type(error), error, error.__traceback__),
    )
    return error_id


async def send_ephemeral(interaction: discord.Interaction[Any], content: str) -> None:
    """Answer an interaction privately, whether or not it was already responded to."""
    if interaction.response.is_done():
        await interaction.followup.send(content, ephemeral=True, allowed_mentions=NO_MENTIONS)
    else:
        await interaction.response.send_message(
            content, ephemeral=True, allowed_mentions=NO_MENTIONS
        )


def _unwrap(error: BaseException) -> BaseException:
    if isinstance(error, app_commands.CommandInvokeError):
        return error.original
    return error


async def handle_interaction_error(
    interaction: discord.Interaction[Any], error: BaseException
) -> None:
    """Slash commands and buttons."""
    error = _unwrap(error)
    if isinstance(error, UserFacingError):
        content = error.message
    elif isinstance(error, app_commands.CheckFailure):
        content = "You can't use that command here."
    else:
        name = interaction.command.qualified_name if interaction.command else "component"
        content = reply_for(error, f"interaction:{name}")
    try:
        await send_ephemeral(interaction, content)
    except discord.HTTPException as exc:  # the interaction expired or Discord is down
        log.warning("could not tell the user about an error: %s", exc)


async def handle_message_error(message: discord.Message, error: BaseException) -> None:
    """The @mention path: reply to the question message."""
    if isinstance(error, UserFacingError):
        content = error.message
    else:
        content = reply_for(error, f"message:{message.channel.id}/{message.id}")
    try:
        await message.reply(content, mention_author=False, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException as exc:
        log.warning("could not tell the user about an error: %s", exc)


async def handle_event_error(event: str, error: BaseException, args: tuple[Any, ...]) -> None:
    """An exception escaped an event listener: for a message, answer it; log anything else."""
    if event == "on_message" and args and isinstance(args[0], discord.Message):
        await handle_message_error(args[0], error)
    else:
        log_unexpected(error, f"event:{event}")
