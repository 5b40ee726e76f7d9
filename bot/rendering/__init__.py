"""Turning answers, passages and stats into Discord messages and embeds within Discord's limits.

Everything here is pure (no I/O), so it is unit-tested without a Discord connection.
"""
