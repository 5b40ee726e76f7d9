"""Question → retrieval → answer (extractive by default, LLM when configured)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace

from retrieval.answer.about import about_answer, asked_about
from retrieval.answer.extractive import answer_from_hits, distinct
from retrieval.answer.followup import ResolvedQuestion, resolve
from retrieval.answer.llm import LLMAnswerer, LLMUnavailable
from retrieval.answer.relevance import ACCEPT_ALL, Gate
from retrieval.answer.types import Answer
from retrieval.discussion import Discussions
from retrieval.discussion.articles import choose
from retrieval.lexical import question_terms
from retrieval.query import QueryIntent, plain_question
from retrieval.search import Hit, HybridSearcher
from retrieval.settings import Settings

log = logging.getLogger(__name__)
PASSAGES = 8
NAMING_HITS = 8  # passages searched for the article a question names
NOT_A_QUESTION = "That doesn't read as a question: ask about the archive's articles or comments."
# Words said to a bot rather than asked of an archive (stems, as questions are read)
_CHAT_TERMS = frozenset(
    question_terms(
        "hello hi hey thanks thank you ok okay lol cool great bot corpusbot please yes yeah yep "
        "nope sure nice good bye goodbye cheers awesome wow hmm haha morning evening"
    )
)


def asks_anything(question: str) -> bool:
    """The text holds a word that is not question framing nor chat ("thanks", "hello bot",
    "and?" hold none): searching for nothing would quote whatever passage is nearest."""
    return any(term not in _CHAT_TERMS for term in question_terms(question))


class Answerer:
    def __init__(self, searcher: HybridSearcher, settings: Settings) -> None:
        self.searcher = searcher
        self.gate = (
            Gate(threshold=settings.min_answer_score) if settings.min_answer_score else Gate()
        )
        self.llm = LLMAnswerer(settings.llm) if settings.llm.enabled else None
        self.discussions = Discussions(searcher, self.llm)  # questions about the comments

    def retrieve(self, resolved: ResolvedQuestion) -> tuple[list[Hit], QueryIntent]:
        hits, intent = self.searcher.retrieve(resolved.text, PASSAGES)
        if resolved.author is not None:
            hits.sort(key=lambda h: h.author != resolved.author)
        return hits, intent

    def next_in_file(self, hit: Hit) -> Hit | None:
        """The passage right after ``hit`` in its file."""
        return self.searcher.next_passage(hit.source, hit.chunk_index, None)

    def previous_in_file(self, hit: Hit) -> Hit | None:
        """The passage right before ``hit`` in its file."""
        return self.searcher.previous_passage(hit.source, hit.chunk_index)

    def following(self, resolved: ResolvedQuestion) -> list[Hit]:
        """For "what did he say next?": the passages after the previous answer's, in order."""
        if resolved.after is None:
            return []
        source, index = resolved.after
        hit = self.searcher.next_passage(source, index, resolved.author)
        return [hit] if hit else []

    def article_named(self, words: str, cited: Sequence[str]) -> str | None:
        """The file ``words`` name: by file name or title words, else the file of the passage
        holding all of them (a details passage names the credited source and byline); with no
        words ("this article"), the file the previous answer cited first."""
        if not words:
            return cited[0] if cited else None
        named = choose(words, self.discussions.archive.named(words))
        if len(named) == 1:
            return named[0].source
        hits = self.searcher.search(words, NAMING_HITS, use_reranker=False)
        holding = [h for h in hits if h.coverage >= 0.999]
        details = [h for h in holding if h.kind == "facts"]
        return (details or holding)[0].source if holding else None

    def ask(self, question: str, previous: Answer | None = None) -> Answer:
        plain = plain_question(question)  # what is read; ``question`` is what the answer shows
        resolved = resolve(plain, previous)
        if not asks_anything(resolved.text):  # "thanks", "hello bot", "and?"
            return Answer(question, NOT_A_QUESTION, False)
        answer = self._answer(question, plain, resolved, previous)
        # the next follow-up reads this turn as it was searched (its people, its topic)
        return replace(answer, asked=resolved.text) if resolved.text != plain else answer

    def _answer(
        self, question: str, plain: str, resolved: ResolvedQuestion, previous: Answer | None
    ) -> Answer:
        cited = [c.hit.source for c in previous.citations] if previous else []
        discussion = self.discussions.answer(resolved.text, question, cited)
        if discussion is not None:  # about the discussion itself: counts, positions, replies
            return discussion
        following = self.following(resolved)
        if following:  # the position in the thread answers it, whatever the wording
            return answer_from_hits(question, following, ACCEPT_ALL)
        about = asked_about(plain)  # as asked: a follow-up names no topic
        source = self.article_named(about, cited) if about is not None else None
        if source is not None:  # "what is the Reuters article about?": its opening
            opening = about_answer(question, source, self.searcher.passages_of)
            if opening is not None:
                return opening
        hits, intent = self.retrieve(resolved)
        answer = self._from_passages(question, hits, intent)
        silent = self.discussions.silent_on(resolved.text)  # readers asked, none on it
        if silent is None or any(c.hit.kind == "comment" for c in answer.citations):
            return answer
        return replace(answer, text=f"No reader comment is about “{silent}”.\n{answer.text}")

    def _from_passages(self, question: str, hits: list[Hit], intent: QueryIntent) -> Answer:
        extractive = answer_from_hits(
            question, hits, self.gate, intent, self.next_in_file, self.previous_in_file
        )
        if self.llm is None or not extractive.found:
            return extractive
        try:
            return self.llm.answer(question, distinct(hits))  # a story held twice: once
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
