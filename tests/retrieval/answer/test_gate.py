"""The "not in the archive" gate: answer what the archive holds, refuse what it does not."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fakes.hits import make_hit

from retrieval.answer.relevance import Gate
from retrieval.engine import Engine
from retrieval.search import Hit


def hit(similarity: float, relevance: float | None = None, **signals: float) -> Hit:
    return make_hit(
        source="a.txt",
        text="x",
        score=0.0,
        similarity=similarity,
        lexical=0.0,
        coverage=signals.get("coverage", 0.5),
        relevance=relevance,
        signals={"story_cov": 0.8, "sent_cov": 0.4, **signals},
    )


def test_a_passage_the_cross_encoder_rates_higher_is_more_likely_to_answer() -> None:
    gate = Gate()
    low, high = hit(0.5, relevance=-8.0), hit(0.5, relevance=6.0)
    assert gate.confidence(high) > gate.confidence(low)
    assert gate.supports(high) and not gate.supports(low)


def test_names_and_numbers_the_file_lacks_count_against_answering() -> None:
    gate = Gate()
    close = hit(0.6, relevance=4.0)
    other_event = replace(close, signals={**close.signals, "story_missing": 2.0})
    assert gate.supports(close)
    assert not gate.supports(other_event)


@pytest.mark.parametrize(
    "question",
    [
        "How many American troops are stationed in South Korea?",
        "When was the Press TV article first published?",
        "What did CHUCKMAN say about Putin?",
        # a rare phrase shared with one comment is evidence enough
        "Who would celebrate peace with a drum of single malt?",
        "What's the headline of the Reuters story?",
    ],
)
def test_questions_the_sample_answers_are_answered(seeded_engine: Engine, question: str) -> None:
    assert seeded_engine.ask(question).found


@pytest.mark.parametrize(
    "question",
    [
        "How do I bake sourdough bread at home?",
        "What is the boiling point of water at the top of Mount Everest?",
        "Who won the 2014 football World Cup?",
    ],
)
def test_questions_off_the_archive_are_refused(seeded_engine: Engine, question: str) -> None:
    answer = seeded_engine.ask(question)
    assert not answer.found
    assert answer.text == "The archive doesn't cover that."


def test_another_file_s_details_do_not_answer_for_the_file_asked_about(
    seeded_engine: Engine,
) -> None:
    # the Press TV file has a publication date, the Reuters one has none
    answer = seeded_engine.ask("When was the Reuters story published?")
    assert "November 19, 2019" not in answer.text
