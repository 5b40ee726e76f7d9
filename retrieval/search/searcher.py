"""Hybrid retrieval in three stages.

1. Candidates: the nearest passages in Chroma's vector index and the best BM25 passages of
   the lexical index, keeping only committed versions; when the question names a person (or
   asks what readers said, or for an article's details), also the nearest and the best BM25
   among what that person wrote or was answered with (or the comments, or the details
   passages), ranked from the lexical index's copy of their vectors.
2. A weighted sum of what is known about each candidate (``features``), fitted on the dev set.
3. Optionally, the cross-encoder reads the best window of the first few and its score is
   added (``ranker.rerank``).

Comment threads are then diversified, so one long thread cannot fill every slot; the
paragraphs of one article are not capped.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from typing import TypeVar

import numpy as np

from retrieval.lexical.index import LexicalHit, LexicalIndex
from retrieval.lexical.tokens import question_terms
from retrieval.query import QueryIntent, analyse, plain_question
from retrieval.search import features as feat
from retrieval.search.countries import about_other_countries
from retrieval.search.cross_encoder import CrossEncoder, load_cross_encoder
from retrieval.search.features import Candidate, Question
from retrieval.search.following import (
    answer_after_restating_first,
    quote_after_its_speaker_first,
)
from retrieval.search.hit import Hit, hit_from_chunk
from retrieval.search.nicknames import named_in_full
from retrieval.search.ranker import DEFAULT_WEIGHTS, RankerWeights, rerank
from retrieval.search.respelling import respelled
from retrieval.search.speaker_roles import role_speaker_first
from retrieval.search.speakers import speaker_silent
from retrieval.search.truecase import truecased, typed_in_lower_case
from retrieval.search.unnamed import told_unnamed
from retrieval.store import ChunkStore, StoredChunk
from retrieval.view import StoreView

DENSE_CANDIDATES = 30
LEXICAL_CANDIDATES = 30
PERSON_CANDIDATES = 15
SCAN_LIMIT = 300  # a filtered dense search reads at most this many passages' vectors
PER_THREAD = 2  # at most this many hits from one comment thread, unless nothing else matches
EXPAND_SOURCES = 3  # every passage of the best-matching files joins the candidates …
EXPAND_MAX = 40  # … except the comments of a file with more passages than this


T = TypeVar("T")


def candidate_thread(candidate: Candidate) -> tuple[str, str] | None:
    meta = candidate.meta
    path = str(meta.get("thread_path") or "")
    if meta.get("kind") == "comment" and path:
        return (str(meta.get("source", "")), path.split(".")[0])
    return None


def diversify(
    items: Sequence[T], k: int, per_thread: int, key: Callable[[T], tuple[str, str] | None]
) -> list[T]:
    """The first k, with at most ``per_thread`` from one comment thread while others remain."""
    chosen: list[T] = []
    overflow: list[T] = []
    counts: dict[tuple[str, str], int] = {}
    for item in items:
        thread = key(item)
        if thread is not None and counts.get(thread, 0) >= per_thread:
            overflow.append(item)
            continue
        chosen.append(item)
        if thread is not None:
            counts[thread] = counts.get(thread, 0) + 1
        if len(chosen) == k:
            return chosen
    return (chosen + overflow)[:k]


# What a source did in the story: "which wire service reported that …" asks the story's text
_REPORTED = re.compile(
    r"\b(say|says|said|report|reports|reported|claim|claims|claimed|told|announced|warned|"
    r"quoted|cited|citing|according)\b",
    re.IGNORECASE,
)


def _asks_details_alone(question: Question) -> bool:
    """A question about a file's details that asks about no reader ("which agency did Joe say
    lies?" asks for Joe's comment) and about nothing a source said in the story ("which Korean
    wire service said Washington wanted more?" asks for the paragraph that reports it)."""
    intent = question.intent
    return (
        intent.expects == "facts"
        and intent.kind != "comment"
        and intent.author is None
        and intent.replied_to is None
        and not _REPORTED.search(question.text)
    )


def _replies_as_asked(intent: QueryIntent, c: Candidate) -> bool:
    """A comment answering the reader the question names, by the reader it names if any."""
    return c.meta.get("parent_author") == intent.replied_to and (
        intent.author is None or c.meta.get("author") == intent.author
    )


SPEAKER_LEAD = 3  # a passage reporting the words asked for may come up from this far down
ROLE_LEAD = 5  # … by someone of the role asked for ("the head of the judging panel")


def _speaker_first(question: Question, chosen: list[Candidate]) -> list[Candidate]:
    """For "what did Allen Weiner say …?", the first of the best few passages that reports
    words of his comes before those that report nobody's or others' ("For Jupiter analyst
    Olivier Beauvillain, …"). For a reason in someone's words ("why, according to Quarrie,
    does singing help?") any chosen passage may: only words of hers answer, and the
    cross-encoder reads the question's topic more than whose words it asks for."""

    def silent(c: Candidate) -> bool:
        return bool(c.features and c.features.get(feat.SPEAKER_SILENT))

    if not chosen or not silent(chosen[0]):
        return chosen
    lead = SPEAKER_LEAD if question.intent.expects != "reason" else len(chosen)
    return _first_that(chosen, lead, lambda c: not silent(c))


def _first_that(
    chosen: list[Candidate], lead: int, fits: Callable[[Candidate], bool]
) -> list[Candidate]:
    """``chosen`` with the first of its best ``lead`` that ``fits`` moved first."""
    for index, c in enumerate(chosen[:lead]):
        if fits(c):
            return [c, *chosen[:index], *chosen[index + 1 :]]
    return chosen


# "When does the last episode air?": a passage of the best file that gives a time comes before
# one that gives none (the cross-encoder reads "set before the 1960s series" as nearly as well),
# when read within this many logit units of it
KIND_LEAD = 3
KIND_MARGIN = 2.0
# (not a name for "who": any capitalised word, "the Pentagon", passes for one, and moved a
# passage naming nobody asked about first on the sample set)
_KIND_LACKING = (feat.LACKS_DATE, feat.LACKS_AMOUNT)
# "When did the soap first go on air?": a passage that tells only what is to come ("the final
# episode will be shown in December") comes after one that tells it done and holds the kind of
# thing asked ("since the first episode in 1986"), only when that one reads about as well
# (within this many logit units): that it lacks no date proves little ("When did Nintendo
# release the DS in Europe?", over a story of the launch to come, is not answered by "it went
# on sale in the US and Japan last year", read a logit unit worse). (Not for a thing told
# without its name, "one councillor resigning": any passage naming anyone then came first,
# "Chief US negotiator James DeHart" for the drunk soldier's name.)
_ANSWER_LACKING = (feat.TOLD_TO_COME,)
ANSWER_MARGIN = 0.5
# "Who took over the housing brief after the minister stepped down?": a passage that tells no
# one's succession (the resignation, the row over his claims) yields to one of its file among
# those chosen that does ("… would replace him at the housing department"), however much
# better the cross-encoder reads the first (the story's words are in them all, the succession
# in one), when it reads that one as relevant at all (a logit above this)
_SUCCESSION_LACKING = (feat.UNTOLD_SUCCESSION,)
SUCCESSION_FLOOR = 0.0


def kind_first(chosen: list[Candidate]) -> list[Candidate]:
    """The first passage yields to the next of the best few from its file that holds the kind
    of thing asked for (a time for "when", a number for "how many"), when it lacks that kind
    and the other reads nearly as well; or that holds it told as done, when the first tells it
    only as to come and the other reads about as well; or that tells who came next, when the
    first tells no one's succession and the other reads as relevant at all."""

    def lacks(c: Candidate, flags: tuple[str, ...]) -> bool:
        return bool(c.features and any(c.features.get(f) for f in flags))

    first = chosen[0] if chosen else None
    if first is None or first.relevance is None:
        return chosen
    lead = KIND_LEAD
    if lacks(first, _KIND_LACKING):
        floor, kind_needed = first.relevance - KIND_MARGIN, False
    elif lacks(first, _ANSWER_LACKING):
        floor, kind_needed = first.relevance - ANSWER_MARGIN, True
    elif lacks(first, _SUCCESSION_LACKING):
        lead, floor, kind_needed = len(chosen), SUCCESSION_FLOOR, True
    else:
        return chosen
    source = first.meta.get("source")
    return _first_that(
        chosen,
        lead,
        lambda c: (
            not lacks(c, (*_KIND_LACKING, *_ANSWER_LACKING, *_SUCCESSION_LACKING))
            and (not kind_needed or bool(c.features and c.features.get("type_match")))
            and c.meta.get("source") == source
            and c.relevance is not None
            and c.relevance >= floor
        ),
    )


def _not_the_asked_line(c: Candidate) -> bool:
    return not (c.features is not None and c.features.get(feat.ASKED_LINE))


class HybridSearcher:
    """Thread-safe search over a store; picks up other processes' re-ingests as it goes."""

    def __init__(
        self,
        store: ChunkStore,
        view: StoreView,
        *,
        rerank: bool = True,
        weights: RankerWeights = DEFAULT_WEIGHTS,
    ) -> None:
        self.store = store
        self.view = view
        self.rerank = rerank
        self.weights = weights
        self._encoder: CrossEncoder | None = None
        self._encoder_lock = threading.Lock()
        self._query_pool = ThreadPoolExecutor(2, thread_name_prefix="query")

    @property
    def lexical(self) -> LexicalIndex:
        return self.view.lexical

    @property
    def encoder(self) -> CrossEncoder:
        if self._encoder is None:
            with self._encoder_lock:
                if self._encoder is None:
                    self._encoder = load_cross_encoder()
        return self._encoder

    # -- what the question asks ---------------------------------------------------------------
    def intent(self, question: str) -> QueryIntent:
        intent = analyse(question, self.lexical.author_spelling)
        if intent.author and not self.lexical.author_count("comment", intent.author):
            return replace(intent, kind=None)  # an article's author (an editor's note)
        return intent

    def question(self, text: str) -> Question:
        intent = self.intent(text)
        terms = question_terms(text)
        lexical = self.lexical
        freqs = lexical.doc_freqs(terms)
        weights = feat.rarity_weights(terms, freqs, lexical.passage_count())
        unseen = frozenset(t for t in terms if not freqs.get(t))
        return Question(text, intent, tuple(terms), weights, feat.specific_terms(text), unseen)

    # -- stage one ----------------------------------------------------------------------------
    def candidates(
        self,
        question: Question,
        vector: Sequence[float] | Future[list[float]],
        best_lexical: list[LexicalHit] | None = None,
    ) -> list[Candidate]:
        """Stage one; ``best_lexical``: the question's ``LEXICAL_CANDIDATES`` best by BM25,
        if they were looked up already. ``vector`` may still be being worked out on another
        core: what needs only the question's words (the BM25 candidates, read into sentences)
        is done first."""
        found: dict[str, Candidate] = {}
        spare: dict[str, Candidate] = {}  # read ahead, in case they are found …
        files: dict[str, list[StoredChunk]] = {}  # … from these files' passages

        def take(chunk: StoredChunk) -> Candidate | None:
            if chunk.id in found:
                return found[chunk.id]
            candidate = found[chunk.id] = spare.get(chunk.id) or _candidate(chunk)
            return candidate

        def dense(k: int, vector: Sequence[float]) -> None:
            nearest = self.store.nearest(vector, k)
            chunks = self.lexical.fetch(i for i, _ in nearest if i not in found)
            for rank, (chunk_id, similarity) in enumerate(nearest):
                chunk = chunks.get(chunk_id)
                candidate = found.get(chunk_id) or (take(chunk) if chunk is not None else None)
                if candidate is not None:
                    candidate.similarity = similarity
                    if candidate.dense_rank is None:
                        candidate.dense_rank = rank

        def dense_within(k: int, **only: str) -> None:
            """The k nearest among the passages that pass a filter, from the lexical index's
            copy of their vectors (a filtered query to Chroma's index is slow at scale)."""
            for chunk, similarity in self.lexical.nearest_where(
                query, k, SCAN_LIMIT, question.terms, **only
            ):
                candidate = take(chunk)
                if candidate is not None and not candidate.similarity:
                    candidate.similarity = similarity

        def lexical(
            k: int, ranked: bool, hits: list[LexicalHit] | None = None, **person: str
        ) -> None:
            if hits is None:
                hits = self.lexical.search(question.terms, k, **person)
            for rank, hit in enumerate(hits):
                candidate = take(hit.chunk)
                if candidate is not None:
                    candidate.bm25 = max(candidate.bm25, hit.score)
                    if ranked and candidate.lexical_rank is None:
                        candidate.lexical_rank = rank

        intent = question.intent
        # "which contractors did one commenter say…": among the comments, which the whole
        # archive's best (mostly article paragraphs) can crowd out; the best of them by BM25
        # are read by the cross-encoder like the archive's best
        any_comment = intent.kind == "comment" and not (intent.author or intent.replied_to)
        lexical(LEXICAL_CANDIDATES, True, best_lexical)
        if intent.author:
            lexical(PERSON_CANDIDATES, False, author=intent.author)
        if intent.replied_to:
            lexical(PERSON_CANDIDATES, False, parent=intent.replied_to)
        if any_comment:
            lexical(PERSON_CANDIDATES, True, kind="comment")
        _read_ahead(question, list(found.values()))
        if isinstance(vector, Future):
            self._best_files_read_ahead(question, list(found.values()), vector, spare, files)
            vector = vector.result()
        query = np.asarray(vector, dtype=np.float32)
        dense(DENSE_CANDIDATES, vector)
        if intent.author:
            dense_within(PERSON_CANDIDATES, author=intent.author)
        if intent.replied_to:
            dense_within(PERSON_CANDIDATES, parent=intent.replied_to)
        if intent.expects == "facts" or intent.file_detail:
            dense_within(PERSON_CANDIDATES, kind="facts")
        if any_comment:
            dense_within(PERSON_CANDIDATES, kind="comment")
        for source in self._best_sources(list(found.values())):
            if source not in files:
                files[source] = self.lexical.passages_of(source, comments_up_to=EXPAND_MAX)
            for chunk in files[source]:
                take(chunk)
        candidates = list(found.values())
        self._complete(question, vector, candidates)
        return candidates

    def _best_files_read_ahead(
        self,
        question: Question,
        candidates: list[Candidate],
        vector: Future[list[float]],
        spare: dict[str, Candidate],
        files: dict[str, list[StoredChunk]],
    ) -> None:
        """While the question's vector is worked out (on the other core, which takes longer
        than reading the question and its BM25 best): the passages of the files BM25 finds
        best into ``files`` (by source), read ahead as candidates into ``spare`` (by id). The
        files whose passages all join the candidates are mostly those (``_best_sources``).
        No more once the vector is there."""
        best: dict[str, float] = {}
        for c in candidates:
            source = str(c.meta.get("source", ""))
            best[source] = max(best.get(source, c.bm25), c.bm25)
        taken = {c.chunk.id for c in candidates}
        for source in sorted(best, key=lambda s: -best[s])[:EXPAND_SOURCES]:
            if vector.done():
                break
            files[source] = self.lexical.passages_of(source, comments_up_to=EXPAND_MAX)
            ahead = [_candidate(chunk) for chunk in files[source] if chunk.id not in taken]
            _read_ahead(question, ahead)
            spare.update((c.chunk.id, c) for c in ahead)

    @staticmethod
    def _best_sources(candidates: list[Candidate]) -> list[str]:
        """The files whose best candidate ranks highest on BM25 and cosine together."""
        best_bm25 = max((c.bm25 for c in candidates), default=0.0) or 1.0
        best: dict[str, float] = {}
        for c in candidates:
            source = str(c.meta.get("source", ""))
            score = c.bm25 / best_bm25 + 2.0 * c.similarity
            best[source] = max(best.get(source, score), score)
        return sorted(best, key=lambda s: -best[s])[:EXPAND_SOURCES]

    def _complete(
        self, question: Question, vector: Sequence[float], candidates: list[Candidate]
    ) -> None:
        """Similarity for candidates that lack one, BM25 for those not scored yet."""
        query = np.asarray(vector, dtype=np.float32)
        missing = [c for c in candidates if c.similarity == 0.0]
        for c in missing:  # the lexical index keeps each passage's vector (float16)
            if c.chunk.vector is not None:
                c.similarity = float(c.chunk.vector @ query)
        unscored = [c.chunk.id for c in candidates if not c.bm25 and not c.bm25_checked]
        if unscored:
            scores = self.lexical.scores_for(question.terms, unscored)
            for c in candidates:
                c.bm25 = c.bm25 or scores.get(c.chunk.id, 0.0)
                c.bm25_checked = True

    # -- stages two and three -----------------------------------------------------------------
    def featured(self, question: Question, candidates: list[Candidate]) -> Question:
        """Fill in the candidates' features (stage two's inputs); the question as they read it
        (its names typed in lower case restored from the candidates)."""
        question = _names_restored(question, candidates)
        feat.compute(
            question, candidates, self.lexical.terms_in_file, self.lexical.names_its_source
        )
        return question

    def rank(
        self, question: Question, candidates: list[Candidate], *, use_reranker: bool
    ) -> list[Candidate]:
        question = self.featured(question, candidates)
        for c in candidates:
            c.score = self.weights.stage_two(c)
        ordered = sorted(candidates, key=lambda c: -c.score)
        if not use_reranker:
            return ordered
        rerank(question, ordered, self.encoder, self.weights)
        ranked = answer_after_restating_first(question, sorted(ordered, key=lambda c: -c.score))
        return quote_after_its_speaker_first(question, ranked)

    def search(self, question: str, k: int = 5, *, use_reranker: bool | None = None) -> list[Hit]:
        """The k best passages for a question, best first."""
        return self.retrieve(question, k, use_reranker=use_reranker)[0]

    def retrieve(
        self, question: str, k: int = 5, *, use_reranker: bool | None = None
    ) -> tuple[list[Hit], QueryIntent]:
        """The k best passages for a question, best first, and what the question asks for."""
        question = plain_question(question.strip())  # as ``ask`` reads it
        if not question or k <= 0:
            return [], QueryIntent()
        # "Spurs" searched as "Spurs (Tottenham)", in lower case if the asker typed in it
        question = named_in_full(question, lower=typed_in_lower_case(question))
        self.view.refresh()
        if self.view.empty:
            return [], QueryIntent()
        return self._retrieve(question, k, use_reranker, respell=True)

    def _retrieve(
        self, question: str, k: int, use_reranker: bool | None, *, respell: bool
    ) -> tuple[list[Hit], QueryIntent]:
        # The question's vector is worked out on another core meanwhile: the model does not
        # hold the interpreter, and reading the question and finding its BM25 best need only
        # its words. (Chroma's reads hold the interpreter: the store is checked before.)
        embedding = self._query_pool.submit(self.store.embeddings.embed_query, question)
        asked = self.question(question)
        best_lexical = self.lexical.search(asked.terms, LEXICAL_CANDIDATES)
        candidates = self.candidates(asked, embedding, best_lexical)
        if respell and asked.unseen:  # "Parliment": searched again as meant, if a passage
            # found holds the word one slip away
            meant = respelled(question, (c.body for c in candidates), asked.unseen)
            if meant != question:
                return self._retrieve(meant, k, use_reranker, respell=False)
        ranked = self.rank(
            asked, candidates, use_reranker=self.rerank if use_reranker is None else use_reranker
        )
        person = asked.intent.author or asked.intent.replied_to
        per_thread = PER_THREAD * 2 if person else PER_THREAD
        if asked.intent.file_detail:  # "when was the Press TV piece on … published?": the
            # details line that says so comes first, whatever the topic words matched best
            ranked.sort(key=_not_the_asked_line)
        elif _asks_details_alone(asked):  # "which broadcaster was the cost-sharing piece
            # reproduced from?": so does that of the file whose passage comes first (not another
            # file's for "who did a Gartner analyst credit with Yahoo's survival?")
            lead = ranked[0].meta.get("source") if ranked else None
            ranked.sort(key=lambda c: _not_the_asked_line(c) or c.meta.get("source") != lead)
        if asked.intent.replied_to:  # "which reader answered AriusArmenian …?": only a reply
            # to AriusArmenian answers, however much better another comment reads
            ranked.sort(key=lambda c: not _replies_as_asked(asked.intent, c))
        chosen = diversify(ranked, k, per_thread, candidate_thread)
        typed_names = not typed_in_lower_case(question)
        for c in chosen:
            if c.features is not None:  # for the gate: a "how many" without any number, …
                c.features[feat.LACKS_AMOUNT] = 1.0 if feat.lacks_amount(asked, c) else 0.0
                answer = c.span or _best_span(c)
                unnamed = feat.lacks_name(asked, c) or told_unnamed(asked.text, c.body, answer)
                c.features[feat.LACKS_NAME] = 1.0 if unnamed else 0.0
                c.features[feat.LACKS_DATE] = 1.0 if feat.lacks_date(asked, c) else 0.0
                untold = feat.untold_succession(asked, c)
                c.features[feat.UNTOLD_SUCCESSION] = 1.0 if untold else 0.0
                c.features[feat.TOLD_TO_COME] = 1.0 if feat.told_only_to_come(asked, c) else 0.0
                silent = speaker_silent(asked, c, candidates)
                c.features[feat.SPEAKER_SILENT] = 1.0 if silent else 0.0
                # … and a name the asker typed that the passage's file never mentions (not a
                # people's adjective: "the Dutch club" describes a club the story names)
                lacking = c.features.get(feat.NAMES_MISSING, 0.0) if typed_names else 0.0
                c.features[feat.TYPED_NAMES_LACKING] = lacking
                # … and, for a date or a number (a fact of one event), other countries than
                # those asked about (a reason or a place may well name others: "an outpost
                # aimed at keeping China and Russia in check")
                other = asked.intent.expects in _ONE_EVENT_FACTS and about_other_countries(
                    asked.text, c.body
                )
                c.features[feat.OTHER_COUNTRIES] = 1.0 if other else 0.0
        chosen = role_speaker_first(asked, _speaker_first(asked, chosen), ROLE_LEAD, candidates)
        chosen = kind_first(chosen)
        return [_to_hit(c) for c in chosen], asked.intent

    # -- reading a file in order --------------------------------------------------------------
    def passages_of(self, source: str) -> list[Hit]:
        """Every committed passage of one file, in reading order."""
        self.view.refresh()
        return [hit_from_chunk(c) for c in self.lexical.passages_of(source)]

    def next_passage(self, source: str, after_index: int, author: str | None) -> Hit | None:
        """The first passage of ``source`` after chunk ``after_index`` (by ``author`` if given)."""
        for hit in self.passages_of(source):
            if hit.chunk_index > after_index and (author is None or hit.author == author):
                return hit
        return None

    def previous_passage(self, source: str, before_index: int) -> Hit | None:
        """The last passage of ``source`` before chunk ``before_index``."""
        earlier = [h for h in self.passages_of(source) if h.chunk_index < before_index]
        return earlier[-1] if earlier else None


NAME_SOURCES = 20  # the best candidates by BM25 and by cosine that say how a word is written


def _names_restored(question: Question, candidates: Sequence[Candidate]) -> Question:
    """The question with the names it typed in lower case capitalised, as the candidates
    write them (the features find a question's names by their capitals)."""
    if not typed_in_lower_case(question.text):
        return question
    by_words = sorted(candidates, key=lambda c: -c.bm25)[:NAME_SOURCES]
    by_meaning = sorted(candidates, key=lambda c: -c.similarity)[:NAME_SOURCES]
    read = {id(c): c for c in [*by_words, *by_meaning]}.values()
    texts = (c.chunk.content.partition("\n")[2] for c in read)
    text = truecased(question.text, texts, question.unseen)
    if text == question.text:
        return question
    return replace(question, text=text, specific=feat.specific_terms(text))


_ONE_EVENT_FACTS = frozenset({"date", "number"})


def _read_ahead(question: Question, candidates: Sequence[Candidate]) -> None:
    """What stage two needs of these candidates and the question's words alone, worked out
    while the question's vector is (on another core): their sentences and, unless the
    question's names are yet to be restored from them (typed in lower case), which sentences
    hold the kind of thing asked for."""
    restored_later = typed_in_lower_case(question.text)
    for c in candidates:
        feat.analyse_text(c)
        if not restored_later:
            for index in range(len(c.sentences)):
                feat.asked_in_sentence(question, c, index)


def _candidate(chunk: StoredChunk) -> Candidate:
    return Candidate(chunk, chunk.content.partition("\n")[2])


def _best_span(c: Candidate) -> tuple[int, int]:
    best = c.sentences[c.best] if c.sentences else None
    return (best.start, best.end) if best else (0, len(c.body))


def _to_hit(c: Candidate) -> Hit:
    feats = c.features or {}
    span = c.span or (_best_span(c) if c.sentences else None)
    hit = hit_from_chunk(c.chunk, c.score, c.similarity, c.bm25, feats.get("coverage", 0.0))
    return replace(
        hit, relevance=c.relevance, best_span=span, also_span=c.also_span, signals=dict(feats)
    )
