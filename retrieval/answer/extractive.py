"""The default answer: the best sentences of the retrieved passages, attributed and cited.

No model, no network. Every quote is an exact substring of a stored passage.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from retrieval.answer.attribution import OPINION_NOTE, speaker
from retrieval.answer.relevance import Gate
from retrieval.answer.sentences import clip, sentence_spans
from retrieval.answer.types import Answer, Citation
from retrieval.lexical import tokenize
from retrieval.query import QueryIntent
from retrieval.search import Hit

MAX_PASSAGES = 4
NEAREST_OFFERED = 3
NOT_COVERED = "The archive doesn't cover that."


def best_quote(hit: Hit, question_terms: set[str]) -> str:
    """The sentence (or two) of the passage that shares most words with the question."""
    text = hit.text
    spans = sentence_spans(text) or [(0, len(text))]
    terms = tokenize([text[s:e] for s, e in spans])
    scores = [len(question_terms & set(t)) for t in terms]
    best = max(range(len(spans)), key=lambda i: (scores[i], -i))
    start, end = spans[best]
    if end - start < 60 and best + 1 < len(spans):  # a very short sentence: take the next too
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
    terms = set(tokenize([question])[0])
    used = [h for h in hits if gate.supports(h, intent)][:MAX_PASSAGES]
    # the article first, then the editor's note, then readers
    order = {"body": 0, "editor_note": 1, "comments": 2}
    used.sort(key=lambda h: order.get(h.section, 0 if h.kind == "article" else 2))
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
