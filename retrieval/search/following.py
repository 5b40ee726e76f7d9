"""The paragraph that answers before the one that restates the event asked about.

News tells an event first and, in the next paragraph, its cause ("Drugmaker Corvane is launching
a series of adverts …", then "The move is in response to a report …") or the name, place or
number asked for ("The director of the film is to remove references …", then "Chris Weitz,
director of About a Boy, said …"). The cross-encoder scores the sentence that repeats the
question's words above the one that answers it, so the best passage is often the restating one.
"""

from __future__ import annotations

from retrieval.search.features import (
    ANSWER_PATTERNS,
    SHORT_ANSWERS,
    Candidate,
    Question,
    paragraph_beside,
    span_holds_asked,
)

READ_TOP = 8  # the next paragraph counts only among the best this many (all read)
_REASON = ANSWER_PATTERNS["reason"]
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
    after.relevance = max(after.relevance, best.relevance)
    after.score = max(after.score, best.score)
    return [after, *(c for c in ranked if c is not after)]
