"""Follow-up questions resolved against the previous turn ("what did he say next?")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.answer.types import Answer
from retrieval.lexical.tokens import QUESTION_STOPWORDS, question_terms
from retrieval.query import expects
from retrieval.search.countries import is_initialism, mentions
from retrieval.search.features import specific_terms
from retrieval.search.written_otherwise import NAME_RUN

_PERSON = re.compile(
    r"\b(he|she|him|her|his|hers|they|them|their|this (?:person|commenter))\b", re.I
)
_THING = re.compile(r"\b(it|that|this|there|those|these)\b", re.I)
_NEXT = re.compile(r"\b(next|then|after that|afterwards|later|else|more|again)\b", re.I)
SHORT_QUESTION_WORDS = 8
# "and in Japan?", "what about the South Korean one?": the last question, asked of another place
_ELLIPSIS = re.compile(
    r"^\W*(?:and\s+)?(?:(?:what|how) about\s+|and\s+)(?P<rest>.+?)[\s?.!]*$", re.I
)
ELLIPSIS_MAX_WORDS = 6
_FILLER_WORDS = frozenset("in for to at on of from with the a one ones side team then too".split())
_TOPIC_ADDED = re.compile(r"\s*\([^()]*\)\s*$")  # the " (topic)" a follow-up was given
_WORD = re.compile(r"[\w'’-]+")


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
    if previous is None:
        return ResolvedQuestion(question)
    before = previous.asked or previous.question  # the previous turn as it was searched
    elsewhere = asked_of_another_country(question, before)
    if elsewhere is not None:
        return ResolvedQuestion(elsewhere)
    if not previous.citations:
        return ResolvedQuestion(question)
    top = previous.citations[0].hit
    person = next((c.hit.author for c in previous.citations if c.hit.author), None)
    pronoun = _PERSON.search(question) is not None
    # A question that names someone of its own is not about the last turn's people ("Why did
    # Kennedy quit his seat?")
    names_own = any(not t[0].isdigit() for t in specific_terms(question))
    text = question
    author = None
    if person and pronoun:
        text = _PERSON.sub(person, question, count=1)
        author = person
    elif (
        pronoun
        and not names_own
        and (named := answered_person(before, previous) or asked_person(before))
    ):
        text = _PERSON.sub(named, question, count=1)  # "What did James DeHart say?"
    short = len(question.split()) <= SHORT_QUESTION_WORDS
    about_before = pronoun and not names_own
    if short and (_THING.search(question) or author or about_before or _NEXT.search(question)):
        topic = topic_words(before)
        text = f"{text} ({topic})" if topic else text
    after = (top.source, top.chunk_index) if _NEXT.search(question) else None
    return ResolvedQuestion(text, author, after)


def asked_of_another_country(question: str, before: str) -> str | None:
    """ "and in Japan?" after "How many US troops are in South Korea?": the last question with
    the country put in place of the one named after the same word ("How many US troops are in
    Japan?"), or of the only one it named ("what about the South Korean one?" after "Who is
    the US negotiator?": "Who is the South Korean negotiator?"), or of the only one written
    alike ("And Germany?" after "How much does Japan pay towards US troops?")."""
    match = _ELLIPSIS.match(question)
    if match is None or len(question.split()) > ELLIPSIS_MAX_WORDS:
        return None
    rest = match.group("rest")
    asked = _TOPIC_ADDED.sub("", before)
    named, places = mentions(rest), mentions(asked)
    if len(named) != 1 or not places:
        return None
    start, end = named[0]
    if set(_WORD.findall(f"{rest[:start]} {rest[end:]}".lower())) - _FILLER_WORDS:
        return None  # more than a country: "and the weather in Paris?" asks something else
    if len(places) > 1:  # the one after the same word: "in Japan" for "in South Korea"
        word = rest[:start].lower().split()[-1:]
        after = [p for p in places if word and asked[: p[0]].lower().split()[-1:] == word]
        # … else the one written alike: "Germany" for Japan, not the "US" of "US troops"
        initialism = is_initialism(rest[start:end])
        alike = [p for p in places if is_initialism(asked[p[0] : p[1]]) == initialism]
        places = after or ([] if word else alike)
        if len(places) != 1:
            return None
    begin, finish = places[0]
    return f"{asked[:begin]}{rest[start:end]}{asked[finish:]}"


def topic_words(question: str) -> str:
    """The words of a question that say what it is about, as written ("Who won the Davis Cup
    in 2004?": "won Davis Cup 2004"), a topic a follow-up was given included."""
    kept = [w for w in _WORD.findall(question) if w.lower() not in QUESTION_STOPWORDS]
    return " ".join(dict.fromkeys(kept))


def answered_person(question: str, answer: Answer) -> str | None:
    """Whom a "who" question's answer names first: the first name of two or more words in its
    first quote that the question did not give ("U.S. negotiator James DeHart" for "Who is
    the US negotiator?")."""
    if expects(question) != "person" or not answer.found or not answer.citations:
        return None
    asked = set(question_terms(question))
    for match in NAME_RUN.finditer(answer.citations[0].quote):
        if not set(question_terms(match.group(0))) <= asked:
            return match.group(0)
    return None


def asked_person(question: str) -> str | None:
    """The one name of two or more words a question gave, if it gave one ("What did he say
    next?" after "What did Jeong Eun-bo say?" is about Jeong Eun-bo)."""
    names = set()
    for match in NAME_RUN.finditer(question):
        name = match.group(0)
        if match.start() == 0:  # "Did Jeong Eun-bo …": not the question's first word
            name = name.partition(" ")[2]
        if " " in name:
            names.add(name)
    return names.pop() if len(names) == 1 else None
