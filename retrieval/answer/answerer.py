"""Question → retrieval → answer (extractive by default, LLM when configured)."""

from __future__ import annotations

import logging

from retrieval.answer.extractive import answer_from_hits
from retrieval.answer.followup import ResolvedQuestion, resolve
from retrieval.answer.llm import LLMAnswerer, LLMUnavailable
from retrieval.answer.relevance import Gate
from retrieval.answer.types import Answer
from retrieval.search import Hit, HybridSearcher
from retrieval.settings import Settings

log = logging.getLogger(__name__)
PASSAGES = 8


class Answerer:
    def __init__(self, searcher: HybridSearcher, settings: Settings) -> None:
        self.searcher = searcher
        self.gate = Gate(strong=settings.min_answer_score) if settings.min_answer_score else Gate()
        self.llm = LLMAnswerer(settings.llm) if settings.llm.enabled else None

    def retrieve(self, resolved: ResolvedQuestion) -> list[Hit]:
        hits = self.searcher.search(resolved.text, PASSAGES)
        if resolved.after is not None:
            source, index = resolved.after
            later = [
                h
                for h in self.searcher.search(resolved.text, PASSAGES * 3, diversify=False)
                if h.source == source
                and h.chunk_index > index
                and (resolved.author is None or h.author == resolved.author)
            ]
            later.sort(key=lambda h: h.chunk_index)
            hits = later[:2] + [h for h in hits if h not in later[:2]]
        elif resolved.author is not None:
            hits.sort(key=lambda h: h.author != resolved.author)
        return hits

    def ask(self, question: str, previous: Answer | None = None) -> Answer:
        resolved = resolve(question, previous)
        hits = self.retrieve(resolved)
        intent = self.searcher.intent(resolved.text)
        extractive = answer_from_hits(question, hits, self.gate, intent)
        if self.llm is None or not extractive.found:
            return extractive
        try:
            return self.llm.answer(question, hits)
        except LLMUnavailable as exc:
            log.warning("LLM answer failed, using the extractive answer: %s", exc)
            note = f"The language model did not answer ({exc}); this is the extractive answer."
            return Answer(
                extractive.question,
                extractive.text,
                extractive.found,
                extractive.citations,
                extractive.nearest,
                extractive.hits,
                note=note,
            )
