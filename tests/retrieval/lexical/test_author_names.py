"""A question's commenters are recognised by name, however the asker types it."""

from __future__ import annotations

import pytest

from retrieval.engine import Engine


def test_both_commenters_of_a_question_are_recognised(seeded_engine: Engine) -> None:
    intent = seeded_engine.searcher.intent("what did canosin say to chuckman?")
    assert (intent.author, intent.replied_to) == ("Canosin", "CHUCKMAN")


def test_words_that_name_no_commenter_are_not_taken_for_one(seeded_engine: Engine) -> None:
    intent = seeded_engine.searcher.intent("What did the Pentagon say about the troops?")
    assert intent.author is None and intent.replied_to is None


@pytest.mark.parametrize(
    "question",
    [
        "Responding to Mary E's comment, which reader said to leave Okinawa too?",
        "replying to mary e, who told the troops to leave another island",
        "In response to Mary E, which commenter brought up Okinawa?",
        "Who wrote back to Mary E about Okinawa?",
        "which reader hit back at Mary E",
    ],
)
def test_a_reader_responding_to_a_commenter_is_asked_for_not_that_commenter(
    seeded_engine: Engine, question: str
) -> None:
    intent = seeded_engine.searcher.intent(question)
    assert (intent.author, intent.replied_to, intent.kind) == (None, "Mary E", "comment")
