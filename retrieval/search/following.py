"""The paragraph that answers before the one that restates the event asked about.

News tells an event first and, in the next paragraph, its cause ("Drugmaker Corvane is launching
a series of adverts …", then "The move is in response to a report …") or the name, place or
number asked for ("The director of the film is to remove references …", then "Chris Weitz,
director of About a Boy, said …"). The cross-encoder scores the sentence that repeats the
question's words above the one that answers it, so the best passage is often the restating one.

Likewise a paragraph introduces someone ("Among them was forklift driver Dennis Garside, who
worked at the depot for 17 years.") and the next one quotes them ('"Nothing will give us back
what we had," he said.'): the quote answers what they said, and shares few of its words.
"""

from __future__ import annotations

import re

from retrieval.search.features import (
    ANSWER_PATTERNS,
    SHORT_ANSWERS,
    Candidate,
    Question,
    paragraph_beside,
    span_holds_asked,
)
from retrieval.search.ranker import asks_words, quoted_by_pronoun
from retrieval.search.speakers import reports_speech, speaker_asked

READ_TOP = 8  # the next paragraph counts only among the best this many (all read)
_REASON = ANSWER_PATTERNS["reason"]
_QUOTE_MARK = re.compile(r"[\"“”]")  # (not ’: it is an apostrophe too)
# Words that as often tell the time as a cause ("after 11 minutes", "since November 2003")
_TIME_OR_CAUSE = frozenset({"after", "since", "following"})


def gives_cause(text: str) -> bool:
    """The text gives a cause in so many words: "due to", "because", "in response to", … (a
    bare "after", "since" or "following" is not enough)."""
    return any(m.group(0).lower() not in _TIME_OR_CAUSE for m in _REASON.finditer(text))


def _window(candidate: Candidate) -> tuple[int, int]:
    """The candidate's best window (the whole passage when it has none)."""
    return candidate.span or (0, len(candidate.body))


def _span_text(candidate: Candidate) -> str:
    start, end = _window(candidate)
    return candidate.body[start:end]


def _holds_asked(question: Question, candidate: Candidate) -> bool:
    return span_holds_asked(question, candidate, _window(candidate))


def _answers(question: Question, candidate: Candidate) -> bool:
    """The candidate's best window answers in kind: gives a cause in so many words, or holds
    the kind of thing asked for (a name, a number, a date)."""
    if question.intent.expects == "reason":
        return gives_cause(_span_text(candidate))
    return _holds_asked(question, candidate)


def _restates(question: Question, candidate: Candidate) -> bool:
    """The candidate's best window does not answer in kind at all: no word of a reason (not
    even "after"), or not the kind of thing asked for."""
    if question.intent.expects == "reason":
        return not _REASON.search(_span_text(candidate))
    return not _holds_asked(question, candidate)


def answer_after_restating_first(question: Question, ranked: list[Candidate]) -> list[Candidate]:
    """For a question asking why, who, where, when, how many or which, whose best passage's best
    window does not answer in kind (``_restates``): the paragraph right after it in the file,
    if the cross-encoder read it among the best ``READ_TOP`` and its best window does
    (``_answers``), moved first. It is taken to answer as well as the paragraph it follows
    (that paragraph sets its scene: the event asked about), so the gate reads it with that
    paragraph's relevance when that is higher."""
    expects = question.intent.expects
    if (expects != "reason" and expects not in SHORT_ANSWERS) or len(ranked) < 2:
        return ranked
    best = ranked[0]
    if best.relevance is None or not _restates(question, best):
        return ranked
    after = paragraph_beside(best, ranked[1:READ_TOP], 1)
    if after is None or after.relevance is None or not _answers(question, after):
        return ranked
    return _moved_first(after, best.relevance, ranked)


def _moved_first(after: Candidate, before: float, ranked: list[Candidate]) -> list[Candidate]:
    """``ranked`` with ``after`` first, read as answering as well as the paragraph before it
    (relevance ``before``: it sets the scene) and scored as high as the best."""
    after.relevance = before if after.relevance is None else max(after.relevance, before)
    after.score = max(after.score, ranked[0].score)
    return [after, *(c for c in ranked if c is not after)]


def _only_introduces(
    question: Question, candidate: Candidate, speaker: tuple[str, ...] = ()
) -> bool:
    """The passage's last sentence (which names the asked speaker, when the question names
    one: the last word of the name, "Garside") quotes no one, and tells of nothing said or of
    nothing the question asks about: "Among them was forklift driver Dennis Garside, who worked
    at the depot for 17 years.", "She said she had been forced to take a second job." Not "Kim
    Hong-kyun … said the collapse of the talks sent a jarring message" for what he said about
    the collapse: that is the answer itself."""
    if candidate.relevance is None or not candidate.sentences:
        return False
    last = candidate.sentences[-1]
    text = candidate.body[last.start : last.end]
    if speaker and not re.search(rf"(?<!\w){re.escape(speaker[-1])}(?!\w)", text):
        return False
    if _QUOTE_MARK.search(text):
        return False
    return not reports_speech(text) or last.stems.isdisjoint(question.weights)


def quote_after_its_speaker_first(question: Question, ranked: list[Candidate]) -> list[Candidate]:
    """For a question asking what someone said (or why, in their words): the passage that
    introduces them and ends telling nothing said (``_only_introduces``: when the question
    names them, the best of the first ``READ_TOP`` whose last sentence names them; otherwise
    the best passage, if it quotes no one); the paragraph right after it in the file, if it
    opens with a quote given to "he" or "she" ('"We lost our jobs …," he said.') and the
    cross-encoder read it, is moved first, with the relevance of the paragraph it follows when
    that is higher (that paragraph says who speaks)."""
    if not asks_words(question) or len(ranked) < 2:
        return ranked
    speaker = speaker_asked(question)
    if speaker:
        intro = next((c for c in ranked[:READ_TOP] if _only_introduces(question, c, speaker)), None)
    else:
        best = ranked[0]
        plain = _only_introduces(question, best) and not _QUOTE_MARK.search(best.body)
        intro = best if plain else None
    if intro is None or intro.relevance is None:
        return ranked
    after = paragraph_beside(intro, ranked, 1)
    if after is None or after.relevance is None or not after.sentences:
        return ranked
    opening = after.sentences[0]
    if not quoted_by_pronoun(after.body[opening.start : opening.end]):
        return ranked
    return _moved_first(after, intro.relevance, ranked)
