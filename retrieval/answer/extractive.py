"""The default answer: the best sentences of the retrieved passages, attributed and cited.

The first line quotes the sentence the ranking found to answer best (the one holding the kind
of thing asked for, with the quote that follows when it introduces a speaker); the others add
what further passages that also pass the gate say. No model, no network. Every quote is an
exact substring of a stored passage.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from retrieval.answer.attribution import OPINION_NOTE, speaker
from retrieval.answer.relevance import Gate
from retrieval.answer.types import Answer, Citation
from retrieval.lexical import question_terms
from retrieval.lexical.tokens import QUESTION_STOPWORDS, stems, words
from retrieval.query import QueryIntent
from retrieval.search import Hit
from retrieval.sentences import clip, sentence_spans

MAX_PASSAGES = 3
NEAREST_OFFERED = 3
NOT_COVERED = "The archive doesn't cover that."
QUOTE_CHARS = 420


def best_quote(hit: Hit, question_terms: set[str]) -> str:
    """The sentence(s) the ranking chose, else the sentence sharing most of the question's
    words (a very short one with the next)."""
    text = hit.text
    if hit.best_span is not None:
        start, end = clip(text, *hit.best_span, limit=QUOTE_CHARS)
        return text[start:end]
    spans = sentence_spans(text) or [(0, len(text))]
    scores = [
        len(question_terms & set(stems(words(text[s:e]), QUESTION_STOPWORDS))) for s, e in spans
    ]
    best = max(range(len(spans)), key=lambda i: (scores[i], -i))
    start, end = spans[best]
    if end - start < 60 and best + 1 < len(spans):
        end = spans[best + 1][1]
    start, end = clip(text, start, end)
    return text[start:end]


def _clause(hit: Hit, quote: str, n: int) -> str:
    return f"{speaker(hit)}: “{_inline(quote)}” [{n}]"


def _inline(quote: str) -> str:
    return re.sub(r"\s+", " ", quote).strip()


def answer_from_hits(
    question: str,
    hits: Sequence[Hit],
    gate: Gate | None = None,
    intent: QueryIntent | None = None,
) -> Answer:
    gate = gate or Gate()
    if not hits or not gate.covered(hits, intent):
        return not_covered(question, hits)
    used = [hits[0], *(h for h in hits[1:] if gate.supports(h, intent))][:MAX_PASSAGES]
    terms = set(question_terms(question))
    citations = tuple(
        Citation(n, hit, best_quote(hit, terms)) for n, hit in enumerate(used, start=1)
    )
    lines = [_clause(c.hit, c.quote, c.n) for c in citations]
    if any(c.hit.kind == "comment" for c in citations):
        lines.append(OPINION_NOTE)
    return Answer(question, "\n".join(lines), True, citations, hits=tuple(hits))


def not_covered(question: str, hits: Sequence[Hit]) -> Answer:
    nearest = tuple(
        Citation(n, h, best_quote(h, set())) for n, h in enumerate(hits[:NEAREST_OFFERED], 1)
    )
    return Answer(question, NOT_COVERED, False, nearest=nearest, hits=tuple(hits))
