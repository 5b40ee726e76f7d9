"""Does the archive answer this question? A calibrated gate on the retrieved passages.

Calibrated on ``eval/golden.jsonl`` (see README "Answer threshold"): a question counts as
covered when its best passage is semantically close, or moderately close *and* shares
distinctive words with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from retrieval.search import Hit

STRONG_SIMILARITY = 0.50
SUPPORTED_SIMILARITY = 0.35
SUPPORTING_LEXICAL = 4.0


@dataclass(frozen=True)
class Gate:
    strong: float = STRONG_SIMILARITY
    supported: float = SUPPORTED_SIMILARITY
    lexical: float = SUPPORTING_LEXICAL

    def covered(self, hits: Sequence[Hit]) -> bool:
        return any(self.supports(h) for h in hits)

    def supports(self, hit: Hit) -> bool:
        return hit.similarity >= self.strong or (
            hit.similarity >= self.supported and hit.lexical >= self.lexical
        )
