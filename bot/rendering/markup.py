"""Text from the corpus or from users, made safe to show on Discord.

Discord renders ``@everyone``, ``<@123>``, ``<@&1>`` and ``<#1>`` as mentions and ``*``, ``_``,
``~``, ``|``, backticks, ``#``/``>``/``-`` at a line start and ``[text](url)`` as markdown. An
article or comment quoted by the bot must show those characters as typed, never ping anyone and
never unfurl a link preview: mentions get a zero-width space, markdown gets backslashes and bare
links are wrapped in ``<…>``.
"""

from __future__ import annotations

import re

ZERO_WIDTH_SPACE = "\u200b"

_MASS_MENTION = re.compile(r"@(everyone|here)", re.IGNORECASE)
# <@id> <@!id> <@&id> <#id> </cmd:id> <:emoji:id> <a:emoji:id> <t:unix> <id:guide>
_ANGLE_TOKEN = re.compile(r"<(?=[@#/:]|a:|t:|id:)")
_URL = re.compile(r"https?://[^\s<>]+", re.IGNORECASE)
_ALWAYS_ESCAPED = re.compile(r"([\\*~|`])")
_LOOSE_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_LINE_START_MARKUP = re.compile(r"^(\s*)(#{1,3}\s|-#\s|>>>\s|>\s|[-+]\s)", re.MULTILINE)
_NUMBERED_ITEM = re.compile(r"^(\s*\d+)\.(?=\s)", re.MULTILINE)
_MASKED_LINK = re.compile(r"\[(?=[^\]\n]*\]\()")


def neutralize_mentions(text: str) -> str:
    """``@everyone``, ``@here`` and ``<@…>``-style tokens shown as text, never as mentions."""
    text = _MASS_MENTION.sub(lambda m: "@" + ZERO_WIDTH_SPACE + m.group(1), text)
    return _ANGLE_TOKEN.sub("<" + ZERO_WIDTH_SPACE, text)


def escape_markdown(text: str) -> str:
    """Backslash-escape Discord markdown. Underscores inside words (file_names) stay as they
    are: Discord does not read them as italics."""
    text = _ALWAYS_ESCAPED.sub(r"\\\1", text)
    text = _LOOSE_UNDERSCORE.sub(r"\\_", text)
    text = _LINE_START_MARKUP.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    text = _NUMBERED_ITEM.sub(r"\1\\.", text)
    return _MASKED_LINK.sub(r"\\[", text)


def escape_markup(text: str) -> str:
    """Corpus or user text, shown literally: no markdown, no mentions, links without previews."""
    parts: list[str] = []
    position = 0
    for match in _URL.finditer(text):
        parts.append(neutralize_mentions(escape_markdown(text[position : match.start()])))
        parts.append(f"<{match.group(0)}>")
        position = match.end()
    parts.append(neutralize_mentions(escape_markdown(text[position:])))
    return "".join(parts)


def truncate(text: str, limit: int, ellipsis: str = "…") -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, marked with ``ellipsis``."""
    if len(text) <= limit:
        return text
    room = limit - len(ellipsis)
    if room <= 0:
        return ellipsis[:limit]
    cut = text.rfind(" ", 0, room + 1)
    head = text[:cut] if cut > room // 2 else text[:room]
    return head.rstrip() + ellipsis
