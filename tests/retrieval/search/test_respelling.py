"""A word typed with a slip ("Parliment", "yongest", "Micheal") is read as the word of the
passages found that it was meant to be: the question is answered as if spelled right."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.search.respelling import respelled
from tests.conftest import engine_with_stories

TEXTS = [
    "The youngest MP ever elected to Parliament was Edward Turnour, aged 21.",
    "George Michael said the documentary would close the last 22 years of his life.",
    "Critics write that the waking hours of an MP are long.",
]


@pytest.mark.parametrize(
    ("typed", "unseen", "meant"),
    [
        (
            "Who was the yongest person elected to Parliment?",
            {"yongest", "parliment"},
            "Who was the youngest person elected to Parliament?",
        ),
        (  # two letters swapped, and one left out
            "what did george micheal say the documentry was for",
            {"micheal", "documentri"},
            "what did george michael say the documentary was for",
        ),
    ],
)
def test_a_word_one_slip_from_a_word_of_the_passages_is_read_as_that_word(
    typed: str, unseen: set[str], meant: str
) -> None:
    assert respelled(typed, TEXTS, frozenset(unseen)) == meant


@pytest.mark.parametrize(
    ("typed", "unseen", "why"),
    [
        ("Who was the eldest MP?", {"eldest"}, "no word of the passages is one slip away"),
        ("Where was the MP elected?", set(), "every word is in the archive"),
        ("Who is Tumour?", {"tumour"}, "a slip keeps its first letter: not Turnour"),
        ("Who did the Dutch elect?", {"dutch"}, "a people's name is no slip"),
        ("Was the writer walking?", {"writer", "walk"}, "English words are no slips"),
        ("Which MP did Edwin Yongest beat?", {"yongest"}, "a name: the passages write none so"),
    ],
)
def test_other_words_are_read_as_typed(typed: str, unseen: set[str], why: str) -> None:
    assert respelled(typed, TEXTS, frozenset(unseen)) == typed, why


BY_ELECTION = """Youngest MP record still stands

Voters in Horsham have a long history of sending young candidates to Parliament.

But the youngest is understood to have been Tory Edward Turnour, who won the 1904 Horsham \\
by-election aged 21 and 144 days.

The current record for the youngest member of the present House of Commons is held by a \\
Liberal Democrat.
"""


def test_a_question_with_slips_is_answered_as_if_spelled_right(tmp_path: Path) -> None:
    engine = engine_with_stories(tmp_path, {"by_election.txt": BY_ELECTION})
    for question in (
        "Who is thought to be the yongest person ever elected to Parliment?",
        "Who is thought to be the youngest person ever elected to Parliament?",
    ):
        answer = engine.ask(question)
        assert answer.found, question
        assert "Edward Turnour" in answer.text.splitlines()[0], question
