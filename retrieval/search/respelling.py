"""Words the archive never holds, typed with a slip ("Parliment", "yongest", "Micheal"): the
word of the passages found for the question that is one slip away is read in their place, so
the ranking and the cross-encoder read the question as it was meant (a slip splits a word into
pieces the cross-encoder does not know: "yongest … Parliment" scored the passage that answers
it 17 logits lower than "youngest … Parliament"). An English word is no slip, whether or not
the archive holds it ("writer" is not "write", nor "walking" "waking", in a small archive):
the embedding model's tokenizer lists ~22,500 whole words (``known_words``)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from retrieval.embedding.minilm import TOKENIZER_PATH
from retrieval.lexical.tokens import QUESTION_STOPWORDS, stems, words
from retrieval.search.countries import countries_in
from retrieval.search.written_otherwise import one_edit_apart

SLIP_MIN_LENGTH = 5  # a shorter word one letter from another is as likely another word
_WORD = re.compile(r"[A-Za-z]+")


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """The whole words (lower case) of the embedding model's WordPiece vocabulary."""
    from tokenizers import Tokenizer

    vocabulary = Tokenizer.from_file(str(TOKENIZER_PATH)).get_vocab()
    return frozenset(w for w in vocabulary if w.isalpha())


def swapped(a: str, b: str) -> bool:
    """The two words differ by two letters next to each other swapped ("Micheal")."""
    if len(a) != len(b):
        return False
    differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and a[differ[0]] == b[differ[1]]
        and a[differ[1]] == b[differ[0]]
    )


def one_slip_apart(a: str, b: str) -> bool:
    """One letter left out, added, changed, or two swapped; the first letter as typed."""
    return a[:1] == b[:1] and (one_edit_apart(a, b) or swapped(a, b))


def respelled(question: str, texts: Iterable[str], unseen: frozenset[str]) -> str:
    """``question`` with each word whose stem is ``unseen`` (in no passage of the archive)
    replaced by the word of ``texts`` one slip away (the most frequent, if several), in the
    case it was typed in."""
    typed = _WORD.findall(question)
    slips = {
        w.lower()
        for w in typed
        if len(w) >= SLIP_MIN_LENGTH
        and (stemmed := set(stems(words(w), QUESTION_STOPWORDS)))
        and stemmed <= unseen
        and not countries_in(w)  # "Dutch" is no slip for "ditch"
        and w.lower() not in known_words()
    }
    if not slips:
        return question
    # a name typed with its capital ("Micheal") is meant as a name the passages write so
    named = {w.lower() for w in typed[1:] if w[0].isupper()}
    # a slip keeps the first letter: only the passages' words that start as one are read
    firsts = "".join(sorted({slip[0] for slip in slips}))
    starting = re.compile(rf"\b[{firsts}][A-Za-z]{{{SLIP_MIN_LENGTH - 2},}}\b", re.IGNORECASE)
    found: Counter[str] = Counter()
    capitalised: set[str] = set()
    for w in starting.findall("\n".join(texts)):
        found[w.lower()] += 1
        if w[0].isupper():
            capitalised.add(w.lower())
    meant: dict[str, str] = {}
    for slip in slips:
        near = [
            w
            for w in found
            if abs(len(w) - len(slip)) <= 1
            and one_slip_apart(slip, w)
            and (slip not in named or w in capitalised)
        ]
        if near:
            meant[slip] = max(near, key=lambda w: (found[w], w))

    def typed_as(match: re.Match[str]) -> str:
        typed = match.group(0)
        word = meant.get(typed.lower())
        if word is None:
            return typed
        if typed.isupper() and len(typed) > 1:
            return word.upper()
        return word.capitalize() if typed[0].isupper() else word

    return _WORD.sub(typed_as, question) if meant else question
