"""Why-questions: the paragraph that gives the cause before the one that restates the event.

News tells an event first and its cause in the next paragraph ("Bruce Willis is suing
Revolution Studios over an injury …", then "Willis is seeking medical expenses after he said he
was hit in the head by a firework …"). The cross-encoder scores the sentence that repeats the
question's words above the one that answers it, so a why-question's best passage is often the
restating one.
"""

from __future__ import annotations

from collections.abc import Sequence

from retrieval.search.features import ANSWER_PATTERNS, Candidate, Question

READ_TOP = 8  # the next paragraph counts only among the best this many (all read)
_REASON = ANSWER_PATTERNS["reason"]
# Words that as often tell the time as a cause ("after 11 minutes", "since November 2003")
_TIME_OR_CAUSE = frozenset({"after", "since", "following"})


def gives_cause(text: str) -> bool:
    """The text gives a cause in so many words: "due to", "because", "in response to", … (a
    bare "after", "since" or "following" is not enough)."""
    return any(m.group(0).lower() not in _TIME_OR_CAUSE for m in _REASON.finditer(text))


def _span_text(candidate: Candidate) -> str:
    if candidate.span is None:
        return candidate.body
    start, end = candidate.span
    return candidate.body[start:end]


def _next_paragraph(best: Candidate, ranked: Sequence[Candidate]) -> Candidate | None:
    meta = best.meta
    index = int(str(meta.get("chunk_index") or 0))
    for c in ranked:
        if (
            c.meta.get("source") == meta.get("source")
            and c.meta.get("kind") == meta.get("kind")
            and c.meta.get("section") == meta.get("section")
            and c.meta.get("chunk_index") == index + 1
        ):
            return c
    return None


def cause_first(question: Question, ranked: list[Candidate]) -> list[Candidate]:
    """For a why-question whose best passage's best window gives no reason at all, the
    paragraph right after it in the file, if the cross-encoder read it among the best
    ``READ_TOP`` and its best window gives a cause in so many words, moved first. It is taken
    to answer as well as the paragraph it follows (that paragraph sets its scene: the event
    asked about), so the gate reads it with that paragraph's relevance when that is higher."""
    if question.intent.expects != "reason" or len(ranked) < 2:
        return ranked
    best = ranked[0]
    if best.relevance is None or _REASON.search(_span_text(best)):
        return ranked
    after = _next_paragraph(best, ranked[1:READ_TOP])
    if after is None or after.relevance is None or not gives_cause(_span_text(after)):
        return ranked
    after.relevance = max(after.relevance, best.relevance)
    after.score = max(after.score, best.score)
    return [after, *(c for c in ranked if c is not after)]
