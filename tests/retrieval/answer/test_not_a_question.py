"""Words said to the bot rather than asked of the archive ("thanks", "hello bot") get a hint,
not whatever passage happens to be nearest ("Thank you for Ray Charles …")."""

from __future__ import annotations

import pytest

from retrieval.answer.answerer import NOT_A_QUESTION
from retrieval.engine import Engine


@pytest.mark.parametrize("said", ["thanks", "Thank you!", "hello bot", "ok", "lol", "and?"])
def test_chat_that_asks_nothing_gets_a_hint_and_no_sources(
    seeded_engine: Engine, said: str
) -> None:
    answer = seeded_engine.ask(said)
    assert not answer.found and answer.text == NOT_A_QUESTION
    assert not answer.citations and not answer.nearest


@pytest.mark.parametrize("asked", ["THAAD", "28,500", "Summarise the discussion"])
def test_a_bare_topic_is_still_searched(seeded_engine: Engine, asked: str) -> None:
    assert seeded_engine.ask(asked).text != NOT_A_QUESTION


def test_a_follow_up_that_borrows_its_topic_is_still_answered(seeded_engine: Engine) -> None:
    previous = seeded_engine.ask("How much does the US demand?")
    assert seeded_engine.ask("tell me more", previous).found
