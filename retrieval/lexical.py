"""BM25 over the visible chunks (bm25s, English stop words, Snowball stemming)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import bm25s
import numpy as np
import numpy.typing as npt
import Stemmer

_STEMMER = Stemmer.Stemmer("english")


_INITIALISM = re.compile(r"\b(?:[A-Za-z]\.){2,}")


def _fold_initialisms(text: str) -> str:
    """ "U.S." and "U.K." become "US" and "UK" so they match the spelling without dots."""
    return _INITIALISM.sub(lambda m: m.group(0).replace(".", ""), text)


def tokenize(texts: Sequence[str]) -> list[list[str]]:
    tokens: list[list[str]] = bm25s.tokenize(
        [_fold_initialisms(t) for t in texts],
        stopwords="en",
        stemmer=_STEMMER,
        return_ids=False,
        show_progress=False,
    )
    return tokens


class LexicalIndex:
    """Scores every indexed text against a query; positions match the input order."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.size = len(texts)
        self._bm25 = bm25s.BM25()
        tokens = tokenize(texts) if texts else []
        self._terms = [frozenset(t) for t in tokens]
        df: Counter[str] = Counter()
        for terms in self._terms:
            df.update(terms)
        self._idf = {t: math.log(1 + self.size / n) for t, n in df.items()}
        if texts:
            self._bm25.index(tokens, show_progress=False)

    def coverage(self, query: str, position: int) -> float:
        """Share of the question's words (weighted by rarity) that the passage contains."""
        terms = set(tokenize([query])[0])
        if not terms:
            return 0.0
        # words the corpus never uses weigh as much as its rarest word
        ceiling = math.log(1 + self.size)
        weights = {t: self._idf.get(t, ceiling) for t in terms}
        present = self._terms[position]
        return sum(w for t, w in weights.items() if t in present) / sum(weights.values())

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
