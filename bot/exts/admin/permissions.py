"""Who may run the admin commands (/reindex, /add): members with Manage Server, or with the
DISCORD_ADMIN_ROLE role."""

from __future__ import annotations

from typing import Any

import discord

from bot.exts.core.errors import UserFacingError
from bot.rendering.markup import escape_markup


class NotAllowed(UserFacingError):
    pass


def is_admin(member: discord.abc.User, permissions: discord.Permissions, role: str) -> bool:
    """Manage Server (in this channel), or the configured role (by name or id)."""
    if permissions.manage_guild:
        return True
    if not role or not isinstance(member, discord.Member):
        return False
    return any(r.name.casefold() == role.casefold() or str(r.id) == role for r in member.roles)


def require_admin(interaction: discord.Interaction[Any], role: str, command: str) -> None:
    """Raise ``NotAllowed`` (answered privately) unless the user may run ``command``."""
    if not is_admin(interaction.user, interaction.permissions, role):
        who = "Manage Server" + (f" or the {escape_markup(role)} role" if role else "")
        raise NotAllowed(f"Only members with {who} can run {command}.")
