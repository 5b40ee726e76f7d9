"""A "which …" question whose passage tells of the thing asked only without its name.

"Which national group sold Kestlewood to its management?" is not answered by "Kestlewood,
which was bought by its management from a national group in 1998, …", nor "which two airlines
approached the airport?" by "it had been approached by two other airlines", nor "which French
clubs are linked with Veikune?" by "he has attracted interest from two clubs in France": the
passage tells the topic, and the very thing asked, but not its name. A passage that names it
("a national group, Stagecoach", "the group, Arriva") or speaks of it as known ("the group")
may name it elsewhere, and is not judged so.
"""

from __future__ import annotations

import re
from functools import lru_cache

from retrieval.lexical.tokens import QUESTION_STOPWORDS
from retrieval.query import KIND_NOUNS
from retrieval.search.countries import is_country

# "which national group", "what French clubs", "which two airlines" (not "which was", nor a
# noun that ends a longer word: "which businessman" asks for no "man"; nor "what kind of
# successor", which asks for a description)
_ASKED = re.compile(
    r"\b(?:which|what)\s+(?!(?:kind|sort|type|form)s?\s+of\b)"
    rf"(?:(?!(?:is|was|are|were|did|does|do|has|have|had|will|would)\b)"
    rf"[\w'’-]+\s+){{0,3}}?(?P<noun>{KIND_NOUNS})(?:e?s)?\b",
    re.IGNORECASE,
)
# Words that leave what they go before unnamed: "a national group", "two other airlines"
_INDEFINITE = (
    r"a|an|another|other|one|two|three|four|five|six|several|some|unnamed|unidentified|"
    r"undisclosed|various|few|many"
)
# A word after the thing that may well describe it ("a national group in 1998", "two other
# airlines interested in …", "the authority should have acted"): a stop word, a participle, an
# adverb or a time; another word in lower case makes the thing a word describing something else
# ("a pilot scheme" is a scheme, not a pilot)
_GOES_ON = re.compile(r"\w+(?:ed|ing|ly)|last|next|earlier|later|this|such|including|said|says")
NAME_AFTER_WORDS = 5  # a name this close after the thing ("a club in Spain, Real Betis") names it
_CAPITALISED = re.compile(r"\b[A-Z][\w'’&.-]*")
# A name the thing is told after, as its apposition: "The Rural Passenger Alliance, a …"
_NAMED_BEFORE = re.compile(r"\b[A-Z][\w'’&.-]*,\s*$")


def asked_noun(question: str) -> str | None:
    """The noun of the thing a "which …" or "what …" question asks for, lower case."""
    match = _ASKED.search(question)
    return match.group("noun").lower() if match else None


@lru_cache(maxsize=256)
def _mention(noun: str) -> re.Pattern[str]:
    """The noun (singular or plural) and up to two words before it."""
    stem = noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun
    plural = stem[:-1] + "ies" if stem.endswith("y") else stem + "s"
    forms = sorted({stem, plural, noun}, key=len, reverse=True)
    return re.compile(
        r"(?P<before>(?:\b[\w'’-]+\s+){0,2})\b(?:" + "|".join(map(re.escape, forms)) + r")\b",
        re.IGNORECASE,
    )


def told_unnamed(question: str, text: str, answer: tuple[int, int]) -> bool:
    """The text's ``answer`` (the stretch it answers with) speaks of the thing the question
    asks for ("which national group …?"), and the text does so each time without its name ("a
    national group", "two other airlines"), never as one known ("the group") nor named beside
    it ("a group, Stagecoach,", "Arriva, a national group,"). (An answer that does not speak of
    it may name it otherwise: "who joined Rangers from Red Star Belgrade", for the club he came
    from, in a passage where his agent was told to "find the player a new club".)"""
    noun = asked_noun(question)
    if noun is None:
        return False
    mentions = [m for m in _mention(noun).finditer(text) if not _modifies(text, m.end())]
    if not any(answer[0] <= m.start(0) < answer[1] for m in mentions):
        return False
    indefinite = re.compile(rf"\b(?:{_INDEFINITE})\b", re.IGNORECASE)
    for mention in mentions:
        if not indefinite.search(mention.group("before")):
            return False
        if _NAMED_BEFORE.search(text, 0, mention.start("before")):
            return False  # "The Rural Passenger Alliance, a pressure group, said …"
        after = text[mention.end() :].split()[:NAME_AFTER_WORDS]
        if any(_CAPITALISED.match(word) and not is_country(word.strip(",.;:'’")) for word in after):
            return False
    return True


def _modifies(text: str, end: int) -> bool:
    """The word before ``end`` describes the lower-case word after it ("pilot" in "a pilot
    scheme")."""
    following = re.match(r"\s+([a-z][\w'’-]*)", text[end:])
    if following is None:
        return False
    word = following.group(1)
    return word not in QUESTION_STOPWORDS and not _GOES_ON.fullmatch(word)
