"""BM25 over the visible chunks (bm25s, English stop words, Snowball stemming)."""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np
import numpy.typing as npt
import Stemmer

_STEMMER = Stemmer.Stemmer("english")
logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG
# For coverage (how much of the question a passage holds): bm25s's 33 English stop words plus
# the words every question is made of, which say nothing about which passage answers it.
# Ranking keeps the short list: BM25's own weighting handles common words there.
QUESTION_STOPWORDS = sorted(
    set(bm25s.stopwords.STOPWORDS_EN)
    | set(
        "how much many what which who whom whose why when where does did do done doing have has "
        "had having was were been being am i me my we our you your he him his she her its them "
        "can could would should shall may might must about any some all also just so than too "
        "very from up out over after before again more most other own same only nor".split()
    )
)
_INITIALISM = re.compile(r"\b(?:[A-Za-z]\.){2,}")


def _fold_initialisms(text: str) -> str:
    """ "U.S." and "U.K." become "US" and "UK" so they match the spelling without dots."""
    return _INITIALISM.sub(lambda m: m.group(0).replace(".", ""), text)


def tokenize(texts: Sequence[str], stopwords: str | list[str] = "en") -> list[list[str]]:
    tokens: list[list[str]] = bm25s.tokenize(
        [_fold_initialisms(t) for t in texts],
        stopwords=stopwords,
        stemmer=_STEMMER,
        return_ids=False,
        show_progress=False,
    )
    return tokens


class LexicalIndex:
    """Scores every indexed text against a query; positions match the input order."""

    def __init__(self, texts: Sequence[str] = (), bm25: bm25s.BM25 | None = None) -> None:
        if bm25 is None:
            bm25 = bm25s.BM25()
            if texts:
                bm25.index(tokenize(texts), show_progress=False)
        self._bm25 = bm25
        scores = getattr(bm25, "scores", None)
        self.size = int(scores["num_docs"]) if scores else 0

    def save(self, folder: Path) -> None:
        if self.size:
            self._bm25.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        if not (folder / "params.index.json").exists():
            return cls()
        return cls(bm25=bm25s.BM25.load(str(folder), show_progress=False))

    def _known(self, query: str) -> list[str]:
        vocab = self._bm25.vocab_dict
        return [t for t in dict.fromkeys(tokenize([query])[0]) if t in vocab]

    def scores(self, query: str) -> npt.NDArray[np.float32]:
        if self.size == 0:
            return np.zeros(0, dtype=np.float32)
        known = self._known(query)
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

    @staticmethod
    def terms(query: str) -> list[str]:
        """The question's distinct content words (question words left out)."""
        return list(dict.fromkeys(tokenize([query], QUESTION_STOPWORDS)[0]))

    def coverage(self, terms: Sequence[str], position: int) -> float:
        """Share of the question's words (weighted by rarity) that the passage contains."""
        if not terms or self.size == 0:
            return 0.0
        vocab = self._bm25.vocab_dict
        indptr = self._bm25.scores["indptr"]
        indices = self._bm25.scores["indices"]
        ceiling = math.log(1 + self.size)  # unknown words weigh as much as the rarest one
        total = present = 0.0
        for term in terms:
            tid = vocab.get(term)
            if tid is None:
                total += ceiling
                continue
            docs = indices[indptr[tid] : indptr[tid + 1]]
            weight = math.log(1 + self.size / max(1, len(docs)))
            total += weight
            if np.any(docs == position):
                present += weight
        return present / total if total else 0.0
