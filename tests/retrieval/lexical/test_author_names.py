"""A question's commenters are recognised by name, however the asker types it."""

from __future__ import annotations

from retrieval.engine import Engine


def test_both_commenters_of_a_question_are_recognised(seeded_engine: Engine) -> None:
    intent = seeded_engine.searcher.intent("what did canosin say to chuckman?")
    assert (intent.author, intent.replied_to) == ("Canosin", "CHUCKMAN")


def test_words_that_name_no_commenter_are_not_taken_for_one(seeded_engine: Engine) -> None:
    intent = seeded_engine.searcher.intent("What did the Pentagon say about the troops?")
    assert intent.author is None and intent.replied_to is None
