"""Question → retrieval → answer (extractive by default, LLM when configured)."""

from __future__ import annotations

import logging

import numpy as np
import numpy.typing as npt

from retrieval.answer.calibration import background_similarity, calibrated
from retrieval.answer.extractive import answer_from_hits
from retrieval.answer.followup import ResolvedQuestion, resolve
from retrieval.answer.llm import LLMAnswerer, LLMUnavailable
from retrieval.answer.relevance import Gate
from retrieval.answer.types import Answer
from retrieval.discussion import Discussions
from retrieval.search import Hit, HybridSearcher
from retrieval.settings import Settings

log = logging.getLogger(__name__)
PASSAGES = 8
ACCEPT_ALL = Gate(strong=-1.0)


class Answerer:
    def __init__(self, searcher: HybridSearcher, settings: Settings) -> None:
        self.searcher = searcher
        self.base_gate = (
            Gate(strong=settings.min_answer_score) if settings.min_answer_score else Gate()
        )
        self._gates: dict[int, Gate] = {}  # per store generation
        self.llm = LLMAnswerer(settings.llm) if settings.llm.enabled else None
        self.discussions = Discussions(searcher, self.llm)  # questions about the comments

    @property
    def gate(self) -> Gate:
        """The base gate raised above this archive's background similarity."""
        view = self.searcher.view
        view.refresh()
        gate = self._gates.get(view.generation)
        if gate is None:
            store = self.searcher.store
            embedder = store.embeddings.embedder

            def nearest(vector: npt.NDArray[np.float32]) -> float:
                hits = [s for c, s in store.nearest(vector.tolist(), 5) if view.visible(c)]
                return max(hits, default=0.0)

            gate = calibrated(self.base_gate, background_similarity(nearest, embedder))
            self._gates = {view.generation: gate}
        return gate

    def retrieve(self, resolved: ResolvedQuestion) -> list[Hit]:
        hits = self.searcher.search(resolved.text, PASSAGES)
        if resolved.author is not None:
            hits.sort(key=lambda h: h.author != resolved.author)
        return hits

    def following(self, resolved: ResolvedQuestion) -> list[Hit]:
        """For "what did he say next?": the passages after the previous answer's, in order."""
        if resolved.after is None:
            return []
        source, index = resolved.after
        hit = self.searcher.next_passage(source, index, resolved.author)
        return [hit] if hit else []

    def ask(self, question: str, previous: Answer | None = None) -> Answer:
        resolved = resolve(question, previous)
        discussion = self.discussions.answer(resolved.text, question)
        if discussion is not None:  # about the discussion itself: counts, positions, replies
            return discussion
        following = self.following(resolved)
        if following:  # the position in the thread answers it, whatever the wording
            return answer_from_hits(question, following, ACCEPT_ALL)
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
