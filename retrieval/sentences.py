"""Sentence spans of a passage, as exact (start, end) offsets."""

from __future__ import annotations

import re

_BOUNDARY = re.compile(r"(?<=[.!?…])[\"”’)\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9$£€])|\n+")
MAX_QUOTE_CHARS = 320
# The longest quote an answer gives of a passage's best window (the ranking grows a window
# only as far as this)
ANSWER_QUOTE_CHARS = 420
OPENING_QUOTES = ("“", '"', "‘")  # what a quote of someone's words opens with


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.start()
        # keep closing quotes/brackets that the lookbehind left in the match
        end += len(match.group(0)) - len(match.group(0).lstrip('"”’)]'))
        _add(spans, text, start, end)
        start = match.end()
    _add(spans, text, start, len(text))
    return _merge_abbreviations(spans, text)


_ABBREVIATION = re.compile(r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|St|No|vs|Gen|Sen|Rep)\.)$")


def _merge_abbreviations(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Undo splits after "U.S." or "Mr." (the next sentence continues the same one)."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if (
            merged
            and _ABBREVIATION.search(text[merged[-1][0] : merged[-1][1]])
            and ("\n" not in text[merged[-1][1] : start])
        ):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start >= 2:
        spans.append((start, end))


def clip(text: str, start: int, end: int, limit: int = MAX_QUOTE_CHARS) -> tuple[int, int]:
    """Shorten a span to ``limit`` characters at a word boundary."""
    if end - start <= limit:
        return start, end
    cut = text.rfind(" ", start, start + limit)
    return start, (cut if cut > start + limit // 2 else start + limit)
