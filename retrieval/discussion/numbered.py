"""One comment asked for by its number or its place in the thread, as the citations show it:
"What does comment 7.1 say?", "Who wrote reply 4.2?", "What did the first commenter say
about Boeing?", "Who answered the last comment on the Press TV story?".

The answer quotes the comment (the sentence on the point asked about, if the question names
one), says who wrote it and whom it answers, and who replied to it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from retrieval.answer.attribution import OPINION_NOTE
from retrieval.answer.types import Answer
from retrieval.discussion.quotes import Ledger, Quote, content_stems, overlap_scorer, quote
from retrieval.discussion.recognise import article_words, topic_of
from retrieval.discussion.tree import Discussion, Remark
from retrieval.sentences import clip

OPENING_CHARS = 400  # quoted from the start of a comment when no point is asked about
REPLIERS_SHOWN = 6

_NUMBERED = re.compile(
    r"\b(?:comment|reply)\s*(?:no\.?\s*|number\s+|#\s*)?"
    r"(?P<path>\d{1,4}(?:\.\d{1,3}){0,8})(?![\d,]|\.\d)"
    r"(?!\s*(?:%|per\s*cent|times|days?|weeks?|months?|years?|hours?|minutes?|people|"
    r"readers|comments|replies)\b)",
    re.IGNORECASE,
)
_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
_LAST = ("last", "final", "latest")
# "the first comment", "the last commenter" — but not "the first commenter to mention Japan",
# which asks for a search among the comments
_PLACED = re.compile(
    r"\bthe\s+(?:very\s+)?(?P<place>"
    + "|".join((*_ORDINALS, *_LAST))
    + r"|[4-9]th)\s+(?:reader\s+|top-level\s+)?(?:comment|commenter|commentator|poster)\b"
    r"(?!\s+(?:to|who|that|which|whose|with)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class AskedComment:
    label: str  # as the answer names it: "comment 7.1", "the first comment"
    path: str | None = None  # "7.1"
    place: int | None = None  # 1 = the first top-level comment, -1 = the last
    topic: str = ""  # the point asked about ("" = the comment as a whole)
    article: str | None = None  # words naming the article


def asked_comment(question: str) -> AskedComment | None:
    """The comment the question points at by number or place, if it does."""
    numbered = _NUMBERED.search(question)
    placed = None if numbered else _PLACED.search(question)
    match = numbered or placed
    if match is None:
        return None
    article, rest = article_words(question)
    rest = rest.replace(match.group(0), " ")
    topic = topic_of(rest)
    if numbered is not None:
        path = numbered.group("path")
        noun = "comment" if "." not in path else "reply"
        return AskedComment(f"{noun} {path}", path=path, topic=topic, article=article)
    assert placed is not None
    word = placed.group("place").lower()
    place = -1 if word in _LAST else _ORDINALS.get(word) or int(word[:-2])
    return AskedComment(f"the {word} comment", place=place, topic=topic, article=article)


def find(discussion: Discussion, asked: AskedComment) -> Remark | None:
    if asked.path is not None:
        return discussion.remark(asked.path)
    tops = discussion.tops
    index = len(tops) - 1 if asked.place == -1 else (asked.place or 1) - 1
    return tops[index] if 0 <= index < len(tops) else None


def _opening(remark: Remark) -> Quote:
    """The comment from its start, clipped at a word boundary."""
    hit = remark.parts[0]
    start = len(hit.text) - len(hit.text.lstrip())
    start, end = clip(hit.text, start, len(hit.text.rstrip()), OPENING_CHARS)
    return Quote(remark, hit, start, hit.text[start:end])


def _described(label: str, remark: Remark, parent: Remark | None) -> str:
    """``comment 7 by Nick Rhynes``; ``reply 7.1 by CHUCKMAN, answering Nick Rhynes (7),``"""
    described = f"{label} by {remark.author or 'an anonymous reader'}"
    if remark.parent is None:
        return described
    answered = parent.who if parent else "a comment"
    return f"{described}, answering {answered} ({remark.parent}),"


def _replies(replies: Sequence[Remark]) -> str:
    if not replies:
        return "Nobody replied to it."
    shown = ", ".join(
        f"{r.author or 'an anonymous reader'} ({r.path})" for r in replies[:REPLIERS_SHOWN]
    )
    more = len(replies) - REPLIERS_SHOWN
    tail = f" and {more} more" if more > 0 else ""
    told = "1 reply answers it" if len(replies) == 1 else f"{len(replies)} replies answer it"
    return f"{told}: {shown}{tail}."


def _numbering(discussion: Discussion) -> str:
    tops = discussion.tops
    if not tops:
        return "it has no reader comments"
    reply = next((r.path for r in discussion.remarks if r.parent is not None), None)
    replies = f", replies below them as {reply}" if reply else ""
    return f"its comments are numbered {tops[0].path} to {tops[-1].path}{replies}"


def comment_answer(question: str, asked: AskedComment, discussions: Sequence[Discussion]) -> Answer:
    """The comment asked for, under each article in ``discussions`` that has it; when none
    has it, how their comments are numbered."""
    ledger = Ledger()
    lines: list[str] = []
    found = [(d, r) for d in discussions for r in [find(d, asked)] if r is not None]
    wanted = content_stems(asked.topic)
    on_point = [(d, r) for d, r in found if wanted & content_stems(r.text)]
    found = on_point or found  # "what did the first commenter say about Boeing?"
    for discussion, remark in found:
        label = asked.label if asked.path else f"{asked.label} ({remark.path})"
        said = quote(remark, overlap_scorer(wanted)) if wanted else _opening(remark)
        described = _described(label, remark, discussion.parent_of(remark))
        lines.append(
            f"Under {discussion.label}, {described} claims: {ledger.quoted(said)} "
            f"{_replies(discussion.replies_to(remark))}"
        )
    if not found:
        text = "\n".join(f"{d.label} has no {asked.label}: {_numbering(d)}." for d in discussions)
        return Answer(question, text, False)
    lines.append(OPINION_NOTE)
    hits = tuple(dict.fromkeys(c.hit for c in ledger.citations))
    return Answer(question, "\n".join(lines), True, ledger.citations, hits=hits)
