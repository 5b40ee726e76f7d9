"""The trie pattern finds what the plain alternation of the same words, longest first, finds."""

from __future__ import annotations

import random
import re

from retrieval.alternation import any_of
from retrieval.search.countries import countries_in

WORDS = ["korea", "south korea", "south korean", "korean", "u.s.", "us", "usa", "a", "ab", "abc"]


def _plain(words: list[str]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


def test_the_trie_matches_the_longest_word_first_as_the_sorted_alternation_does() -> None:
    rng = random.Random(7)
    pieces = [*WORDS, " ", ".", "x", "South Korean", "USA"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(12))
        for flags, ignore in ((0, False), (re.IGNORECASE, True)):
            trie = re.compile(r"\b" + any_of(WORDS, ignore_case=ignore) + r"\b", flags)
            plain = re.compile(r"\b" + _plain(WORDS) + r"\b", flags)
            assert [m.span() for m in trie.finditer(text)] == [
                m.span() for m in plain.finditer(text)
            ], text


def test_no_words_match_nothing() -> None:
    assert re.search(any_of([]), "anything") is None


def test_a_passage_s_countries_are_found_by_their_longest_name() -> None:
    text = "South Korean negotiators met US envoys in Seoul; North Korea was not invited."
    assert countries_in(text) == {"south korea", "united states", "north korea"}
