"""Splitting long text into Discord messages at the cleanest boundary that fits.

Boundaries are tried in order (paragraph, line, sentence, word) within the last half of the
room left in a message, so a part is never cut short just because an early paragraph ended;
only a single "word" longer than a whole message is cut hard.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.rendering.limits import MESSAGE_CHARS

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s")
_WHITESPACE = re.compile(r"\s")


def _last_paragraph_break(window: str) -> int:
    return window.rfind("\n\n")


def _last_line_break(window: str) -> int:
    return window.rfind("\n")


def _last_sentence_end(window: str) -> int:
    ends = [m.end() - 1 for m in _SENTENCE_END.finditer(window)]
    return ends[-1] if ends else -1


def _last_space(window: str) -> int:
    spaces = [m.start() for m in _WHITESPACE.finditer(window)]
    return spaces[-1] if spaces else -1


BOUNDARIES: tuple[Callable[[str], int], ...] = (
    _last_paragraph_break,
    _last_line_break,
    _last_sentence_end,
    _last_space,
)


def _cut_position(text: str, limit: int) -> int:
    # One character past the limit is looked at: a boundary right after a full part is fine.
    window = text[: limit + 1]
    for boundary in BOUNDARIES:
        position = boundary(window)
        if position >= limit // 2:
            return position
    return limit


def split_message(text: str, limit: int = MESSAGE_CHARS) -> list[str]:
    """``text`` as parts of at most ``limit`` characters, none of them blank."""
    if limit < 2:
        raise ValueError("limit must be at least 2")
    text = text.strip()
    parts: list[str] = []
    while len(text) > limit:
        cut = _cut_position(text, limit)
        head = text[:cut].rstrip()
        if head:
            parts.append(head)
        text = text[cut:].lstrip()
    if text:
        parts.append(text)
    return parts
