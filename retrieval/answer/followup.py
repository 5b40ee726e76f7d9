"""Follow-up questions resolved against the previous turn ("what did he say next?")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.answer.types import Answer
from retrieval.lexical import tokenize
from retrieval.search.features import specific_terms

_PERSON = re.compile(
    r"\b(he|she|him|her|his|hers|they|them|their|this (?:person|commenter))\b", re.I
)
_THING = re.compile(r"\b(it|that|this|there|those|these)\b", re.I)
_NEXT = re.compile(r"\b(next|then|after that|afterwards|later|else|more|again)\b", re.I)
SHORT_QUESTION_WORDS = 8


@dataclass(frozen=True)
class ResolvedQuestion:
    text: str  # the question to search with
    author: str | None = None  # the person the pronoun stood for
    after: tuple[str, int] | None = None  # (source, chunk index) the answer should follow

    @property
    def wants_next(self) -> bool:
        return self.after is not None


def resolve(question: str, previous: Answer | None) -> ResolvedQuestion:
    """Rewrite a follow-up with the names and topic of the previous turn."""
    if previous is None or not previous.citations:
        return ResolvedQuestion(question)
    top = previous.citations[0].hit
    person = next((c.hit.author for c in previous.citations if c.hit.author), None)
    text = question
    author = None
    if person and _PERSON.search(question):
        text = _PERSON.sub(person, question, count=1)
        author = person
    short = len(question.split()) <= SHORT_QUESTION_WORDS
    # "What did he say?" after "Who is the US negotiator?" is about whom that question asked
    # (not "Why did Kennedy quit his seat?": it names its own)
    names = [t for t in specific_terms(question) if not t[0].isdigit()]
    about_asked = _PERSON.search(question) is not None and not names
    if short and (_THING.search(question) or author or about_asked or _NEXT.search(question)):
        topic = " ".join(dict.fromkeys(tokenize([previous.question])[0]))
        text = f"{text} ({topic})" if topic else text
    after = (top.source, top.chunk_index) if _NEXT.search(question) else None
    return ResolvedQuestion(text, author, after)
