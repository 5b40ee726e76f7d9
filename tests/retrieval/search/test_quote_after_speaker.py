"""A story introduces someone in one paragraph and quotes them in the next ('…," she said.'):
asked what they said, the quote comes first, not the paragraph that only names them."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.engine import Engine
from tests.conftest import STORIES, engine_with_stories

# A trial report: a former employee is named in one paragraph and quoted in the next
TRIAL = (STORIES / "timber_fraud_trial.txt").read_text(encoding="utf-8")

QUESTION = "What did van driver Kenneth Ogilvie say after the verdict in the Pask-Whitley trial?"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    base: Path = tmp_path_factory.mktemp("trial")
    return engine_with_stories(base, {"timber_fraud_trial.txt": TRIAL})


def test_the_quote_after_the_paragraph_naming_the_speaker_comes_first(engine: Engine) -> None:
    first = engine.search(QUESTION, 5)[0]
    assert first.source == "timber_fraud_trial.txt"
    assert "We lost our jobs" in first.text


def test_the_answer_s_first_line_quotes_them(engine: Engine) -> None:
    answer = engine.ask(QUESTION)
    assert answer.found
    assert "We lost our jobs" in answer.text.splitlines()[0]


def test_a_paragraph_telling_what_they_said_about_it_keeps_its_place(
    seeded_engine: Engine,
) -> None:
    # "Kim Hong-kyun … said the collapse of the talks sent a jarring message" answers itself:
    # the quote after it ("It's upsetting that …") does not come first
    first = seeded_engine.search(
        "What did the former nuclear negotiator Kim Hong-kyun say about the collapse?", 5
    )[0]
    assert "jarring message" in first.text
