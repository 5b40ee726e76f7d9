"""Where the bot answers: the configured channels (and threads under them), or everywhere."""

from __future__ import annotations

from collections.abc import Iterable

import discord

from bot.exts.core.errors import UserFacingError


def channel_ids_of(channel: object) -> set[int]:
    """The channel's id and, for a thread, its parent's id."""
    ids: set[int] = set()
    channel_id = getattr(channel, "id", None)
    if isinstance(channel_id, int):
        ids.add(channel_id)
    if isinstance(channel, discord.Thread) and channel.parent_id:
        ids.add(channel.parent_id)
    return ids


def is_enabled(channel: object, enabled: frozenset[int]) -> bool:
    """Whether questions are answered in ``channel`` (an empty ``enabled`` means everywhere)."""
    return not enabled or bool(channel_ids_of(channel) & enabled)


class ChannelNotEnabled(UserFacingError):
    def __init__(self, enabled: Iterable[int]) -> None:
        where = ", ".join(f"<#{channel_id}>" for channel_id in sorted(enabled))
        super().__init__(f"I answer questions only in {where} (and threads there).")
