"""Does the archive answer this question? A calibrated gate on the retrieved passages.

A passage supports an answer when it is semantically close to the question, or moderately
close *and* contains most of the question's distinctive words, or it was written by (or in
reply to) the person the question names and is at least loosely related. Calibrated on
``eval/golden.jsonl``; the figures and the trade-off are in the README ("Answer threshold").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from retrieval.query import QueryIntent
from retrieval.search import Hit

STRONG_SIMILARITY = 0.40
SUPPORTED_SIMILARITY = 0.15
SUPPORTING_COVERAGE = 0.50
PERSON_SIMILARITY = 0.25


@dataclass(frozen=True)
class Gate:
    strong: float = STRONG_SIMILARITY
    supported: float = SUPPORTED_SIMILARITY
    coverage: float = SUPPORTING_COVERAGE
    person: float = PERSON_SIMILARITY

    def covered(self, hits: Sequence[Hit], intent: QueryIntent | None = None) -> bool:
        return any(self.supports(h, intent) for h in hits)

    def supports(self, hit: Hit, intent: QueryIntent | None = None) -> bool:
        if hit.similarity >= self.strong:
            return True
        if hit.similarity >= self.supported and hit.coverage >= self.coverage:
            return True
        return (
            intent is not None
            and hit.similarity >= self.person
            and (
                (intent.author is not None and hit.author == intent.author)
                or (intent.replied_to is not None and hit.parent_author == intent.replied_to)
            )
        )
