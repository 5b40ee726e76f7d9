"""An engine ``Answer`` as Discord message contents: the attributed text, then its sources."""

from __future__ import annotations

from bot.rendering.limits import MESSAGE_CHARS
from bot.rendering.markup import escape_markup, truncate
from bot.rendering.split import split_message
from retrieval.answer.types import Answer, Citation

QUESTION_ECHO_CHARS = 300
SOURCES_HEADING = "**Sources**"
NEAREST_HEADING = "**Nearest sources** (they do not answer it):"


def source_line(citation: Citation) -> str:
    """``[2] 000_x.txt — comment 7.1 by CHUCKMAN``, safe to show."""
    return escape_markup(citation.line)


def nearest_line(citation: Citation) -> str:
    """``- 000_x.txt — article ¶3`` (nearest passages are offered, not cited)."""
    return "- " + escape_markup(f"{citation.hit.source} — {citation.hit.location}")


def answer_text(answer: Answer, question: str | None = None) -> str:
    """The whole reply as one text: optional question echo, answer, note, sources."""
    blocks: list[str] = []
    if question:
        blocks.append(f"> **Q:** {escape_markup(truncate(question, QUESTION_ECHO_CHARS))}")
    blocks.append(escape_markup(answer.text))
    if answer.note:
        blocks.append(f"*({escape_markup(answer.note)})*")
    if answer.citations:
        blocks.append("\n".join([SOURCES_HEADING, *(source_line(c) for c in answer.citations)]))
    if answer.nearest:
        blocks.append("\n".join([NEAREST_HEADING, *(nearest_line(c) for c in answer.nearest)]))
    return "\n\n".join(blocks)


def answer_messages(
    answer: Answer, question: str | None = None, limit: int = MESSAGE_CHARS
) -> list[str]:
    """The reply as message contents of at most ``limit`` characters each."""
    return split_message(answer_text(answer, question), limit)
