"""Discussion answers for ``Answerer.ask`` (questions) and for ``corpusbot discussion`` and
``/discussion`` (the overview of one article's comments)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import replace

from retrieval.answer.llm import LLMAnswerer, LLMUnavailable
from retrieval.answer.relevance import Gate
from retrieval.answer.types import Answer
from retrieval.discussion.archive import Archive, Vector
from retrieval.discussion.articles import LISTED, Article, choose, listing
from retrieval.discussion.compose import (
    between_answer,
    count_answer,
    overview_answer,
    replies_answer,
)
from retrieval.discussion.exchanges import PersonReplies, between, replies_to_person
from retrieval.discussion.llm import written_by_llm
from retrieval.discussion.matching import Addressing, addressing
from retrieval.discussion.most_commented import SHOWN as SHOWN_COMMENTED
from retrieval.discussion.most_commented import asks_most_commented, most_commented_answer
from retrieval.discussion.numbered import AskedComment, asked_comment, comment_answer
from retrieval.discussion.overview import build_overview
from retrieval.discussion.quotes import content_stems, found_quote
from retrieval.discussion.recognise import DiscussionQuestion, recognise
from retrieval.discussion.tree import Discussion, discussion_from
from retrieval.discussion.vectors import RemarkKey, centred, raw_vectors
from retrieval.search import Hit, HybridSearcher

log = logging.getLogger(__name__)

SCOPE_HITS = 8  # passages searched to find the articles a point is discussed under
SCOPE_ARTICLES = 3  # at most this many articles in one overview
LEAD_COMMENTS = 2  # comments quoted first for "did anyone suggest …?"
GATE = Gate()  # a comment found for it is quoted first only if it would answer it
PEOPLE_HITS = 20  # passages searched to find the articles people commented under
CACHED_FILES = 256  # comment trees kept (each read again only when its file changes)


_PRONOUNS = frozenset("him her them it this that he she they".split())


class NoDiscussion(LookupError):
    """There is no article to give an overview of; the message says which there are."""


class Discussions:
    """Thread-safe. A file's comment tree is read once per version of the file (the last few
    hundred are kept); which files an answer needs comes from the lexical index, never from
    reading every file."""

    def __init__(self, searcher: HybridSearcher, llm: LLMAnswerer | None = None) -> None:
        self.archive = Archive(searcher)
        self.llm = llm
        self._lock = threading.Lock()
        self._files: dict[str, tuple[str, Discussion, list[Hit]]] = {}  # source -> hash, …

    # -- the archive's comment trees ---------------------------------------------------------
    def _file(self, source: str) -> tuple[Discussion, list[Hit]]:
        """The file's comment tree and its other passages."""
        title, file_hash = self.archive.version(source)
        with self._lock:
            cached = self._files.get(source)
        if cached is not None and cached[0] == file_hash:
            return cached[1], cached[2]
        passages = self.archive.passages(source)
        tree = discussion_from(source, title, passages)
        others = [p for p in passages if p.kind != "comment"]
        with self._lock:
            if len(self._files) >= CACHED_FILES:
                self._files.pop(next(iter(self._files)))  # the oldest
            self._files[source] = (file_hash, tree, others)
        return tree, others

    def _article_passages(self, source: str) -> list[Hit]:
        return self._file(source)[1]

    def discussion(self, source: str) -> Discussion:
        return self._file(source)[0]

    def _commented_named(self, words: str) -> list[Article]:
        """The articles with reader comments that ``words`` name (file name or title words)."""
        return [a for a in choose(words, self.archive.named(words)) if a.comments]

    def _listing(self) -> str:
        """The most commented articles, one a line, and how many more there are."""
        shown = self.archive.most_commented(LISTED)
        return listing(shown, self.archive.file_count(commented=True))

    # -- questions ---------------------------------------------------------------------------
    def answer(
        self, text: str, question: str | None = None, context: Sequence[str] = ()
    ) -> Answer | None:
        """The discussion answer to a discussion question; None for any other question (or
        when the comments have nothing on it), which the ordinary answer then handles.
        ``text`` is what is read (a follow-up resolved), ``question`` what was asked, and
        ``context`` the files the previous answer cited ("what does comment 4 say?" is about
        the article just discussed)."""
        numbered = asked_comment(question or text)
        if numbered is not None:
            return self._numbered(question or text, numbered, context)
        if asks_most_commented(text):
            shown = self.archive.most_commented(SHOWN_COMMENTED)
            return most_commented_answer(question or text, shown, self.archive.passages)
        asked = recognise(text, self.archive.intent(text))
        if asked is None:
            return None
        if asked.kind == "between":
            outline = self._between(text, asked)
        elif asked.kind == "replies":
            outline = self._replies(text, asked)
        elif asked.kind == "count":
            outline = self._count(text, asked)
        else:
            outline = self._overview(text, asked)
        if outline is None:
            return None
        return replace(self._written(text, outline), question=question or text)

    def silent_on(self, text: str) -> str | None:
        """The point a question asks the readers' view of ("what did commenters say about
        James DeHart?"), when ``answer`` found no comment on it (it returned None): the reply
        says so before what the articles say."""
        asked = recognise(text, self.archive.intent(text))
        if asked is None or asked.kind != "overview" or asked.people:
            return None
        words = asked.topic.split()
        if not words or all(w.lower() in _PRONOUNS for w in words):
            return None  # "about him", with no one before to be him
        start, end = text.find(words[0]), text.rfind(words[-1])
        if 0 <= start <= end:  # as asked: "weather in Paris", not "weather Paris"
            return text[start : end + len(words[-1])]
        return asked.topic

    def overview(self, article: str | None = None) -> Answer:
        """``corpusbot discussion [FILE]``: the overview of one article's comments, chosen by
        file name or title words, else the most commented; ``NoDiscussion`` says what exists."""
        files = self.archive.file_count()
        if not files:
            raise NoDiscussion("The archive is empty: ingest some articles first.")
        if not self.archive.file_count(commented=True):
            raise NoDiscussion(
                "The only article in the archive has no reader comments."
                if files == 1
                else f"None of the {files} articles in the archive has reader comments."
            )
        if article and article.strip():
            candidates = choose(article, self.archive.named(article))
            if not candidates:
                raise NoDiscussion(
                    f"No article matches “{article.strip()}”. Articles with comments:\n"
                    + self._listing()
                )
            if len(candidates) > 1:
                raise NoDiscussion(
                    f"“{article.strip()}” matches several articles; give its file name:\n"
                    + listing(candidates)
                )
            chosen = candidates[0]
            if not chosen.comments:
                raise NoDiscussion(
                    f"{chosen.source} has no reader comments. Articles with comments:\n"
                    + self._listing()
                )
        else:
            chosen = self.archive.most_commented(1)[0]
        question = f"What do the comments on {chosen.source} say?"
        overview = self._overview_of(question, "", [self.discussion(chosen.source)])
        if overview is None:  # its comments went away since they were counted
            raise NoDiscussion(f"{chosen.source} has no reader comments any more.")
        return self._written(question, overview)

    # -- the three kinds of answer -----------------------------------------------------------
    def _scope(self, asked: DiscussionQuestion, found: Sequence[Hit]) -> list[Discussion]:
        """The articles the question is about: the one it names, else (with no point named)
        the most commented, else those whose passages (``found`` for it) best match it."""
        if asked.article:
            named = self._commented_named(asked.article)
            if named:
                return [self.discussion(a.source) for a in named[:SCOPE_ARTICLES]]
        if not asked.topic:
            best = self.archive.most_commented(1)
            return [self.discussion(best[0].source)] if best else []
        sources = list(dict.fromkeys(h.source for h in found))
        discussions = [self.discussion(s) for s in sources]
        return [d for d in discussions if d.remarks][:SCOPE_ARTICLES]

    def _overview(self, question: str, asked: DiscussionQuestion) -> Answer | None:
        found: list[Hit] = []
        intent = None
        if asked.topic:
            found, intent = self.archive.retrieve(question, SCOPE_HITS)
        scope = self._scope(asked, found)
        # "Did anyone suggest …?": the comments the search found saying it come first
        leads = (
            [h for h in found if h.kind == "comment" and GATE.supports(h, intent, found)]
            if asked.anyone
            else []
        )
        return self._overview_of(question, asked.topic, scope, leads[:LEAD_COMMENTS])

    def _overview_of(
        self,
        question: str,
        topic: str,
        discussions: Sequence[Discussion],
        leads: Sequence[Hit] = (),
    ) -> Answer | None:
        if not discussions:
            return None
        articles = {d.source: self._article_passages(d.source) for d in discussions}
        ids = [p.id for d in discussions for r in d.remarks for p in r.parts]
        ids += [p.id for passages in articles.values() for p in passages]
        vectors = self.archive.vectors(ids)
        query: Vector | None = self.archive.embed(topic) if topic else None
        stems = content_stems(topic)
        scoped: list[tuple[Discussion, Addressing]] = []
        remark_vectors: dict[RemarkKey, Vector] = {}
        for d in discussions:
            scoped.append((d, addressing(d, articles[d.source], query, stems, vectors)))
            remark_vectors.update(centred(raw_vectors(d, vectors)))
        overview = build_overview(topic, scoped, remark_vectors)
        if not overview.remarks:
            return None
        trees = {d.source: d for d in overview.discussions}
        lead_quotes = [
            found_quote(remark, hit)
            for hit in leads
            if hit.thread_path and hit.source in trees
            for remark in [trees[hit.source].remark(hit.thread_path)]
            if remark is not None
        ]
        return overview_answer(question, overview, lead_quotes)

    def _people_scope(self, text: str, asked: DiscussionQuestion) -> list[Discussion]:
        """The articles under which the people named commented: the one the question names,
        else those the search finds their comments (or replies to them) in."""
        if asked.article:
            named = self._commented_named(asked.article)
            if named:
                found = [self.discussion(a.source) for a in named]
                return [d for d in found if any(d.by(p) for p in asked.people)]
        people = set(asked.people)
        hits = self.archive.search(text, PEOPLE_HITS)
        sources = [h.source for h in hits if {h.author, h.parent_author} & people]
        found = [self.discussion(s) for s in dict.fromkeys(sources)]
        return [d for d in found if any(d.by(p) for p in asked.people)]

    def _person(self, question: str, asked: DiscussionQuestion) -> PersonReplies | None:
        """What the person named wrote and the replies to it, where the search finds them."""
        discussions = self._people_scope(question, asked)
        if not discussions:
            return None  # not a commenter (an article's author, say)
        return replies_to_person(discussions, asked.people[0])

    def _replies(self, question: str, asked: DiscussionQuestion) -> Answer | None:
        found = self._person(question, asked)
        return replies_answer(question, found, asked.direction) if found is not None else None

    def _count(self, question: str, asked: DiscussionQuestion) -> Answer | None:
        found = self._person(question, asked)
        return count_answer(question, found, asked.direction) if found is not None else None

    def _between(self, question: str, asked: DiscussionQuestion) -> Answer | None:
        one, other = asked.people[0], asked.people[1]
        discussions = self._people_scope(question, asked)
        if not any(d.by(one) for d in discussions) or not any(d.by(other) for d in discussions):
            return None
        chains = between(discussions, one, other)
        background = [r for d in discussions for r in d.remarks]
        return between_answer(question, one, other, chains, background)

    def _numbered(self, question: str, asked: AskedComment, context: Sequence[str]) -> Answer:
        """One comment by its number or place: under the article the question names, else
        the one the previous answer cited, else every commented article when there are only
        a few; with more, the answer asks which article."""
        if asked.article:
            named = self._commented_named(asked.article)
            if not named:
                text = (
                    f"No article with reader comments matches “{asked.article}”. "
                    f"Articles with comments:\n{self._listing()}"
                )
                return Answer(question, text, False)
            found = [self.discussion(a.source) for a in named[:SCOPE_ARTICLES]]
            return comment_answer(question, asked, found)
        cited = [d for d in map(self.discussion, dict.fromkeys(context)) if d.remarks]
        if cited:
            return comment_answer(question, asked, cited[:1])
        commented = self.archive.file_count(commented=True)
        if commented > SCOPE_ARTICLES:
            text = (
                f"Which article's {asked.label}? {commented} articles have reader comments: "
                f"name one, as in “{asked.label} on the <title words> story” or by its file "
                f"name. The most commented:\n{self._listing()}"
            )
            return Answer(question, text, False)
        shown = self.archive.most_commented(SCOPE_ARTICLES)
        if not shown:
            return Answer(question, "No article in the archive has reader comments.", False)
        return comment_answer(question, asked, [self.discussion(a.source) for a in shown])

    # -- extractive or written by the LLM ----------------------------------------------------
    def _written(self, question: str, outline: Answer) -> Answer:
        if self.llm is None or not outline.found:
            return outline
        try:
            return written_by_llm(self.llm, question, outline)
        except LLMUnavailable as exc:
            log.warning("LLM discussion answer failed, using the extractive one: %s", exc)
            note = f"The language model did not answer ({exc}); this is the extractive answer."
            return replace(outline, note=note)
