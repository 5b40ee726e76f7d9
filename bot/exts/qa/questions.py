"""What users type, turned into a question for retrieval.

Discord markup means nothing to the search: code fences, inline code, spoilers, emphasis,
headings, quotes, masked links, mentions and custom emoji are stripped (their text kept where
they have any), whitespace is collapsed, and the result is checked for emptiness and length.
"""

from __future__ import annotations

import re

from bot.exts.core.errors import UserFacingError

EXAMPLE_QUESTION = "How much does the US demand?"

_CODE_BLOCK = re.compile(r"```(?:[\w+-]*\n)?(.*?)```", re.DOTALL)
_INLINE_CODE = re.compile(r"`([^`]*)`")
_SPOILER = re.compile(r"\|\|(.*?)\|\|", re.DOTALL)
_MASKED_LINK = re.compile(r"\[([^\]]*)\]\(<?https?://[^)\s]*>?\)")
_ANGLE_TOKENS = re.compile(r"<(?:@[!&]?\d+|#\d+|/[\w -]+:\d+|a?:\w+:\d+|t:-?\d+(?::\w)?|id:\w+)>")
_MASS_MENTION = re.compile(r"@(?:everyone|here)\b", re.IGNORECASE)
_LINE_MARKUP = re.compile(r"^\s*(?:#{1,3}|-#|>>>|>|[-*+])\s+", re.MULTILINE)
_EMPHASIS = re.compile(r"\*{1,3}|~~|(?<!\w)_{1,2}|_{1,2}(?!\w)")
_WHITESPACE = re.compile(r"\s+")


class QuestionRejected(UserFacingError):
    """The question is empty or too long; the message says what to do."""


def clean_question(raw: str) -> str:
    """The question's words without Discord markup, mentions or emoji."""
    text = _CODE_BLOCK.sub(r" \1 ", raw)
    text = _INLINE_CODE.sub(r"\1", text)
    text = _SPOILER.sub(r"\1", text)
    text = _MASKED_LINK.sub(r"\1", text)
    text = _ANGLE_TOKENS.sub(" ", text)
    text = _MASS_MENTION.sub(" ", text)
    text = _LINE_MARKUP.sub("", text)
    text = _EMPHASIS.sub("", text)
    return _WHITESPACE.sub(" ", text).strip()


def checked_question(raw: str, max_chars: int) -> str:
    """``clean_question(raw)``, or ``QuestionRejected`` saying why it cannot be asked."""
    question = clean_question(raw)
    if not question:
        raise QuestionRejected(
            "Ask me something about the archive, e.g. "
            f"“{EXAMPLE_QUESTION}” (mention me with the question, or use /ask)."
        )
    if len(question) > max_chars:
        raise QuestionRejected(
            f"That question is {len(question):,} characters long; the limit is "
            f"{max_chars:,}. Please ask something shorter."
        )
    return question
