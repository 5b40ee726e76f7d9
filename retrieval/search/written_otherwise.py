"""A name the question gives that the story writes another way.

A story that never writes a name the asker typed is most likely about another event
(``features.compute``'s "story_missing"). But readers who half-remember a story often write its
names differently: "the LSE" for the story's "London Stock Exchange", "Moscow" for its "Russia",
spelled right where the story slipped ("Sheffield", written "Sheffied"), or with a slip of
their own ("DeHeart" for "DeHart"). Those names are held, and the story is not pushed down or
refused for lacking them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cached_property, lru_cache

from retrieval.lexical.tokens import QUESTION_STOPWORDS, stems, words
from retrieval.query import KIND_NOUNS
from retrieval.search.countries import (
    countries_in,
    names_country,
    names_region,
    places_named,
    regions_in,
)
from retrieval.search.nicknames import nicknames_held

_WORD = re.compile(r"[A-Za-z][\w'’-]*")
# A run of capitalised words, with the small words names hold between them ("Bank of England")
_CAPITALISED_RUN = re.compile(
    r"\b[A-Z][\w'’-]*(?:\s+(?:(?:of|and|for|the|de|&)\s+)?[A-Z][\w'’-]*)+"
)
_SMALL = frozenset({"of", "and", "for", "the", "de", "&"})
INITIALISM = re.compile(r"[A-Z]{2,6}")
NAME_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)+")
_POSSESSIVE = re.compile(r"['’]s?$")
_CAMEL = re.compile(r"(?:[A-Z][a-z]{2,}){2,}['’]?s?")
_PARTS = re.compile(r"[A-Z][a-z]+")
# Names written from another alphabet start either way: "Costas" and "Kostas" Kenteris
_TRANSLITERATED = frozenset({"c", "k"})
SLIP_MIN_LENGTH = 6  # a one-letter slip is read as such only in a word this long
_LONG_WORD = re.compile(rf"\b[a-z][\w'’]{{{SLIP_MIN_LENGTH - 2},}}")  # one letter shorter, or more


@lru_cache(maxsize=1024)
def typed_as(question: str, term: str) -> tuple[str, ...]:
    """The question's words (as typed) whose stem is ``term``."""
    return tuple(
        w for w in _WORD.findall(question) if stems(words(w), QUESTION_STOPWORDS) == [term]
    )


def initials(texts: Iterable[str]) -> frozenset[str]:
    """The initials (lower case) of every run of two or more capitalised words in the texts,
    and of every shorter run within it, with and without its small words: "London Stock
    Exchange" gives "lse", "ls" and "se", "Bank of England" "be" and "boe"."""
    found: set[str] = set()
    for text in texts:
        for run in _CAPITALISED_RUN.finditer(text):
            named = run.group(0).replace("&", " ").split()
            for kept in (named, [w for w in named if w not in _SMALL]):
                letters = "".join(w[0].lower() for w in kept)
                for start in range(len(letters)):
                    for end in range(start + 2, len(letters) + 1):
                        found.add(letters[start:end])
    return frozenset(found)


def one_edit_apart(a: str, b: str) -> bool:
    """The two words differ by one letter left out, added or changed."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def held_otherwise(question: str, terms: Iterable[str], texts: Sequence[str]) -> frozenset[str]:
    """Those of the question's names ``terms`` that the texts (a story's passages at hand and
    its title) hold written another way: as the initials they are typed in ("LSE"), as their
    country by another of its names ("Moscow" for "Russia"), with one letter slipped, in the
    story ("Sheffied") or in the question ("DeHeart"), transliterated with a C for a K
    ("Costas" for "Kostas"), without a hyphen ("Hongkyun"), as the region of its country
    ("Scandinavian" for "Norwegian") or shortened ("Lib Dems" for "Liberal Democrats"); and
    the question's numbers that the story writes joined to a unit ("8x10in", "£5bn")."""
    story = _Story(texts)
    nicknamed = nicknames_held(question, story.joined)
    placed = _places_held(question, story)
    return frozenset(
        t
        for t in terms
        if (t.isdigit() and _number_in(t, story.joined))
        or _held(typed_as(question, t), t, story)
        or _shortened(question, t, story)
        or any(w.lower() in nicknamed or w.lower() in placed for w in typed_as(question, t))
    )


def _places_held(question: str, story: _Story) -> frozenset[str]:
    """The words (lower case) of the places the question names in several words that the
    story names another way: "Middle East" in a story of flights to Saudi Arabia, "South
    Korea" in one that says "Seoul" (each word alone names no place)."""
    held: set[str] = set()
    for written, kind, key in places_named(question):
        if " " not in written:
            continue
        if (
            names_country(story.joined, key)
            if kind == "country"
            else names_region(story.joined, key)
        ):
            held.update(written.lower().split())
    return frozenset(held)


class _Story:
    """What the checks read of a story, each worked out once, when first needed."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts

    @cached_property
    def initials(self) -> frozenset[str]:
        return initials(self.texts)

    @cached_property
    def names(self) -> list[list[str]]:
        """Each run of capitalised words, without its small words, lower-cased."""
        return [
            [w.lower() for w in run.group(0).replace("&", " ").split() if w not in _SMALL]
            for text in self.texts
            for run in _CAPITALISED_RUN.finditer(text)
        ]

    @cached_property
    def joined(self) -> str:
        return " ".join(self.texts)

    @cached_property
    def lowered(self) -> str:
        return self.joined.lower()

    @cached_property
    def long_words(self) -> frozenset[str]:
        # and each hyphened word without its hyphen: "Hong-kyun" typed "Hongkyun"
        return frozenset(_LONG_WORD.findall(f"{self.lowered} {self.lowered.replace('-', '')}"))


def _number_in(number: str, text: str) -> bool:
    """The text holds the number, maybe joined to letters: "10 by 8" in "8x10in", "5" in
    "$5bn" (the index reads those as one word each), not within another number."""
    return re.search(rf"(?<![\d.,]){number}(?![\d]|[.,]\d)", text) is not None


def _held(typed: Sequence[str], term: str, story: _Story) -> bool:
    """The story holds the name ``term``, typed in the question as ``typed``, another way."""
    if not typed:
        return False
    if any(INITIALISM.fullmatch(w) for w in typed) and term in story.initials:
        return True
    if any(names_country(story.joined, key) for key in countries_in(" ".join(typed))):
        return True
    if any(names_region(story.joined, region) for region in regions_in(" ".join(typed))):
        return True
    # one letter off leaves one half of the word as it is: no half in the story, no such word
    long = [w.lower() for w in typed if len(w) >= SLIP_MIN_LENGTH]
    long = [
        w for w in long if w[: len(w) // 2] in story.lowered or w[len(w) // 2 :] in story.lowered
    ]
    return any(
        (w == h or one_edit_apart(w, h))
        if w[0] == h[0]
        else (w[0] in _TRANSLITERATED and h[0] in _TRANSLITERATED and w[1:] == h[1:])
        for w in long
        for h in story.long_words
    )


def shortens(short: str, full: str) -> bool:
    """``short`` is ``full`` shortened: its letters, in order, from the same first letter
    ("Utd" for "United", "Dems" for "Democrats")."""
    if not short or short[0] != full[0] or len(short) > len(full):
        return False
    letters = iter(full)
    return all(letter in letters for letter in short)


def _shortened(question: str, term: str, story: _Story) -> bool:
    """A name of several words in the question, one of them typed as ``term`` (or one word
    of capitalised parts), is a name of the story with each word shortened: "Lib Dems" for
    "Liberal Democrats", "Man Utd" for "Manchester United", "StanChart" for "Standard
    Chartered"."""
    typed = {_POSSESSIVE.sub("", w).lower() for w in typed_as(question, term)}
    runs = [run.group(0).split() for run in NAME_RUN.finditer(question)]
    # one word of capitalised parts: "StanChart" for "Standard Chartered"
    runs += [_PARTS.findall(w) for w in typed_as(question, term) if _CAMEL.fullmatch(w)]
    for run in runs:
        named = [_POSSESSIVE.sub("", w).lower() for w in run]
        if not typed & {*named, "".join(named)}:
            continue
        for start in range(len(named) - 1):  # "Did Man Utd…": without its opening words
            short = named[start:]
            if start and not typed & set(short):
                break  # the name asked about is not among those left ("Tarrowshire County
                # Council" is not "Haverleigh County Council")
            if any(
                all(shortens(a, b) for a, b in zip(short, full[i : i + len(short)], strict=True))
                for full in story.names
                for i in range(len(full) - len(short) + 1)
            ):
                return True
    return False


_FUNCTION_WORDS = (
    r"(?:at|in|on|of|the|a|an|to|for|from|with|by|and|or|as|after|before|over|when|who|"
    r"which|that|is|was|are|were|has|had|have|did|does|do|will|would|get|got|"
    # a determiner opens another noun phrase: "Tarrowshire County Council raise its council
    # tax" asks about the council named, it does not describe one
    r"its|their|his|her|our|this|these|those)\b"
)
# A name followed (maybe after the rest of its capitalised run and a word or two in lower
# case) by a noun saying what kind of thing or person it describes
_DESCRIBES = re.compile(
    rf"(?:\s+[A-Z][\w'’-]*)*(?:\s+(?!{_FUNCTION_WORDS})[a-z][\w'’-]*){{0,2}}?\s+(?:{KIND_NOUNS})s?\b"
)


@lru_cache(maxsize=1024)
def describing(question: str, term: str) -> bool:
    """The question types the name ``term`` only to describe someone or something by it: "the
    Black Sabbath frontman", "the Ruhr football club", "the Entertainment Weekly critic". A
    story may well name the frontman, the club or the critic without it; a name asked about
    ("when did Cameron take over?") is no description, nor is a country or its people's
    adjective ("the French engine firm" is not the story's British one)."""
    typed = typed_as(question, term)
    if any(countries_in(w) or regions_in(w) for w in typed):
        return False
    found = [m for w in typed for m in re.finditer(rf"\b{re.escape(w)}(?![\w'’-])", question)]
    return bool(found) and all(_DESCRIBES.match(question, m.end()) for m in found)


# A word in lower case after a people's adjective, which then describes ("the Swedish
# equipment maker", "the British-born novelist"), not a name it opens ("British and Irish
# Lions", "American Express")
_DESCRIBED_NEXT = re.compile(rf"(?:-|\s+(?!{_FUNCTION_WORDS}))[a-z]")


@lru_cache(maxsize=1024)
def describes_as_adjective(question: str, term: str) -> bool:
    """Each time the question types ``term`` (a people's adjective), a word in lower case
    follows: it says what someone or something is like, as a writer paraphrasing a story adds
    ("the American sprinter" of a story that never says "American")."""
    found = [
        m
        for m in re.finditer(r"[A-Za-z]+", question)  # "British" of "British-born" too
        if stems(words(m.group(0)), QUESTION_STOPWORDS) == [term]
    ]
    return bool(found) and all(_DESCRIBED_NEXT.match(question, m.end()) for m in found)
