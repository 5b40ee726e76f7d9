"""Quotes cut from comments (always exact substrings of one stored passage) and the numbered
citations an answer collects as it quotes them."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace

from retrieval.answer.types import Citation
from retrieval.discussion.tree import Remark
from retrieval.lexical.tokens import QUESTION_STOPWORDS, stems, words
from retrieval.search import Hit
from retrieval.sentences import clip, sentence_spans

QUOTE_CHARS = 220
WHOLE_BELOW_CHARS = 160  # a comment (part) this short is quoted whole
SHORT_SENTENCE_CHARS = 25  # a sentence this short is only quoted when nothing longer scores
JOIN_BELOW_CHARS = 50  # … and a quoted sentence shorter than this takes the next one along

Scorer = Callable[[str], float]


def content_stems(text: str) -> set[str]:
    """The words of a text that say what it is about (lower-cased stems, no function words)."""
    return set(stems(words(text), QUESTION_STOPWORDS))


def overlap_scorer(wanted: Collection[str]) -> Scorer:
    """Scores a sentence by how many of ``wanted`` (stems) it holds."""
    wanted = set(wanted)
    return lambda sentence: float(len(wanted & content_stems(sentence)))


def density_scorer(wanted: Collection[str]) -> Scorer:
    """Like ``overlap_scorer``, per (square root of the) sentence's words: a short sentence
    that says it beats a long one that also says other things."""
    wanted = set(wanted)

    def score(sentence: str) -> float:
        found = content_stems(sentence)
        return len(wanted & found) / math.sqrt(max(4, len(found)))

    return score


@dataclass(frozen=True)
class Quote:
    remark: Remark
    hit: Hit  # the passage (part of the comment) the quote is cut from
    start: int  # where in ``hit.text`` the quote starts
    text: str  # an exact substring of ``hit.text``: ``hit.text[start:start + len(text)]``

    @property
    def inline(self) -> str:
        return re.sub(r"\s+", " ", self.text).strip()


def quote(remark: Remark, score: Scorer | None = None) -> Quote:
    """A short comment whole; else its best sentence by ``score`` (its first sentence when
    nothing scores), joined with the next one when very short, clipped at a word boundary."""
    if len(remark.parts) == 1 and len(remark.parts[0].text.strip()) <= WHOLE_BELOW_CHARS:
        hit = remark.parts[0]
        start = len(hit.text) - len(hit.text.lstrip())
        return Quote(remark, hit, start, hit.text.strip())
    candidates: list[tuple[float, int, Hit, int, int, list[tuple[int, int]]]] = []
    order = 0
    for hit in remark.parts:
        spans = sentence_spans(hit.text) or [(0, len(hit.text))]
        for index, (start, end) in enumerate(spans):
            sentence = hit.text[start:end]
            value = score(sentence) if score else 0.0
            if end - start < SHORT_SENTENCE_CHARS:
                value -= 0.5
            candidates.append((value, -order, hit, index, start, spans))
            order += 1
    if not candidates:
        hit = remark.parts[0]
        return Quote(remark, hit, 0, hit.text)
    _, _, hit, index, start, spans = max(candidates, key=lambda c: (c[0], c[1]))
    end = spans[index][1]
    if end - start < JOIN_BELOW_CHARS and index + 1 < len(spans):
        end = spans[index + 1][1]
    start, end = clip(hit.text, start, end, QUOTE_CHARS)
    return Quote(remark, hit, start, hit.text[start:end])


def found_quote(remark: Remark, found: Hit) -> Quote:
    """The words of the comment a search found best (its best span), clipped."""
    part = next((p for p in remark.parts if p.id == found.id), found)
    span = found.best_span
    if span is None or span[1] <= span[0]:
        return quote(remark)
    start, end = clip(part.text, span[0], span[1], QUOTE_CHARS)
    return Quote(remark, part, start, part.text[start:end])


class Ledger:
    """The citations of one answer, numbered in order of first use; quoting the same words
    of the same passage twice reuses the number. Each cited hit carries the quote as its
    ``best_span``, so whatever re-quotes a cited hit (the LLM path) quotes the same words."""

    def __init__(self) -> None:
        self._numbers: dict[tuple[str, str], int] = {}
        self._citations: list[Citation] = []

    def cite(self, quoted: Quote) -> int:
        key = (quoted.hit.id, quoted.text)
        number = self._numbers.get(key)
        if number is None:
            number = self._numbers[key] = len(self._citations) + 1
            span = (quoted.start, quoted.start + len(quoted.text))
            hit = replace(quoted.hit, best_span=span)
            self._citations.append(Citation(number, hit, quoted.text))
        return number

    def quoted(self, quoted: Quote) -> str:
        """``“…” [n]``"""
        return f"“{quoted.inline}” [{self.cite(quoted)}]"

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(self._citations)
