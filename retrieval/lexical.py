"""BM25 over the visible chunks (bm25s, English stop words, Snowball stemming)."""

from __future__ import annotations

from collections.abc import Sequence

import bm25s
import numpy as np
import numpy.typing as npt
import Stemmer

_STEMMER = Stemmer.Stemmer("english")


def tokenize(texts: Sequence[str]) -> list[list[str]]:
    tokens: list[list[str]] = bm25s.tokenize(
        list(texts), stopwords="en", stemmer=_STEMMER, return_ids=False, show_progress=False
    )
    return tokens


class LexicalIndex:
    """Scores every indexed text against a query; positions match the input order."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.size = len(texts)
        self._bm25 = bm25s.BM25()
        if texts:
            self._bm25.index(tokenize(texts), show_progress=False)

    def scores(self, query: str) -> npt.NDArray[np.float32]:
        if self.size == 0:
            return np.zeros(0, dtype=np.float32)
        terms = tokenize([query])[0]
        vocab = self._bm25.vocab_dict
        known = [t for t in terms if t in vocab]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

    def top(
        self, query: str, k: int, mask: npt.NDArray[np.bool_] | None = None
    ) -> list[tuple[int, float]]:
        """(position, score) of the k best positive scores, optionally within ``mask``."""
        scores = self.scores(query)
        if scores.size == 0:
            return []
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        k = min(k, scores.size)
        best = np.argpartition(-scores, k - 1)[:k]
        ranked = sorted(best.tolist(), key=lambda i: -scores[i])
        return [(int(i), float(scores[i])) for i in ranked if scores[i] > 0]
