"""Plain BM25 on the same chunks: the baseline every figure is compared with.

Ranking is the lexical index's BM25 alone (no vectors, no re-ranking). The answer quotes, for
each of the three best passages, the sentence sharing most of the question's words; it is
refused when the best passage holds less than half of the question's (rarity-weighted) words.
"""

from __future__ import annotations

from dataclasses import replace

from retrieval.answer.attribution import speaker
from retrieval.answer.types import Answer, Citation
from retrieval.lexical.tokens import QUESTION_STOPWORDS, question_terms, stems, words
from retrieval.search import Hit, HybridSearcher, hit_from_chunk
from retrieval.search.features import rarity_weights
from retrieval.sentences import sentence_spans

MIN_COVERAGE = 0.5
QUOTED = 3


class Bm25Baseline:
    def __init__(self, searcher: HybridSearcher) -> None:
        self.searcher = searcher

    def search(self, question: str, k: int = 5) -> list[Hit]:
        view = self.searcher.view
        view.refresh()
        lexical = self.searcher.lexical
        terms = question_terms(question)
        weights = rarity_weights(terms, lexical.doc_freqs(terms), lexical.passage_count())
        total = sum(weights.values()) or 1.0
        hits: list[Hit] = []
        for found in lexical.search(terms, k * 2):
            hit = hit_from_chunk(found.chunk, found.score, 0.0, found.score)
            present = set(stems(words(hit.text), QUESTION_STOPWORDS))
            present |= set(stems(words(hit.author or ""), QUESTION_STOPWORDS))
            coverage = sum(w for t, w in weights.items() if t in present) / total
            hits.append(replace(hit, coverage=coverage))
        return hits[:k]

    def ask(self, question: str) -> Answer:
        hits = self.search(question, QUOTED)
        if not hits or hits[0].coverage < MIN_COVERAGE:
            return Answer(question, "The archive doesn't cover that.", False, hits=tuple(hits))
        terms = set(question_terms(question))
        citations = tuple(
            Citation(n, hit, _best_sentence(hit.text, terms)) for n, hit in enumerate(hits, 1)
        )
        text = "\n".join(f"{speaker(c.hit)}: “{c.quote}” [{c.n}]" for c in citations)
        return Answer(question, text, True, citations, hits=tuple(hits))


def _best_sentence(text: str, terms: set[str]) -> str:
    spans = sentence_spans(text) or [(0, len(text))]
    best = max(
        spans, key=lambda s: len(terms & set(stems(words(text[s[0] : s[1]]), QUESTION_STOPWORDS)))
    )
    return text[best[0] : best[1]]
