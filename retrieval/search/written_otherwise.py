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

from retrieval.lexical.tokens import QUESTION_STOPWORDS, stems, words
from retrieval.search.countries import countries_in

_WORD = re.compile(r"[A-Za-z][\w'’-]*")
# A run of capitalised words, with the small words names hold between them ("Bank of England")
_CAPITALISED_RUN = re.compile(
    r"\b[A-Z][\w'’-]*(?:\s+(?:(?:of|and|for|the|de|&)\s+)?[A-Z][\w'’-]*)+"
)
_SMALL = frozenset({"of", "and", "for", "the", "de", "&"})
INITIALISM = re.compile(r"[A-Z]{2,6}")
SLIP_MIN_LENGTH = 6  # a one-letter slip is read as such only in a word this long


def typed_as(question: str, term: str) -> list[str]:
    """The question's words (as typed) whose stem is ``term``."""
    return [w for w in _WORD.findall(question) if stems(words(w), QUESTION_STOPWORDS) == [term]]


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


def written_otherwise(question: str, term: str, texts: Sequence[str]) -> bool:
    """The texts (a story's passages at hand and its title) hold the question's name ``term``
    written another way: as the initials it is typed in ("LSE"), as its country by another of
    its names ("Moscow" for "Russia"), with one letter slipped, in the story ("Sheffied") or in
    the question ("DeHeart"), or without its hyphen ("Hongkyun")."""
    typed = typed_as(question, term)
    if not typed:
        return False
    if any(INITIALISM.fullmatch(w) for w in typed) and term in initials(texts):
        return True
    asked = countries_in(" ".join(typed))
    if asked and asked & countries_in(" ".join(texts)):
        return True
    long = [w.lower() for w in typed if len(w) >= SLIP_MIN_LENGTH]
    if not long:
        return False
    held = {
        w
        for text in texts
        for w in words(f"{text} {text.replace('-', '')}")  # "Hong-kyun" typed "Hongkyun"
        if len(w) >= SLIP_MIN_LENGTH - 1
    }
    return any(w == h or one_edit_apart(w, h) for w in long for h in held if w[0] == h[0])
