"""A "which …" question is refused when its story tells of the thing asked only unnamed ("a
national group"), and answered when the story names it."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.search.unnamed import told_unnamed
from tests.conftest import engine_with_stories

BUSES = """Bus firm axes rural routes

Kestlewood Motor Services is to withdraw 14 rural bus routes across Brammerdale from 3 April \
after the county council cut its support for loss-making services by almost half.

Kestlewood, which was bought by its management from a national group in 1998, made a pre-tax \
profit of £1.3m last year on turnover of £21m.

The routes affected carry about 900 passengers a week between them, many of them pensioners \
with free travel passes.
"""


def test_a_which_question_is_refused_when_the_story_leaves_the_thing_unnamed(
    tmp_path: Path,
) -> None:
    engine = engine_with_stories(tmp_path, {"buses.txt": BUSES})
    answer = engine.ask("Which national group sold Kestlewood Motor Services to its management?")
    assert not answer.found


def test_a_which_question_is_answered_when_the_story_names_the_thing(tmp_path: Path) -> None:
    named = BUSES.replace("from a national group in 1998", "from a national group, Arriva, in 1998")
    engine = engine_with_stories(tmp_path, {"buses.txt": named})
    answer = engine.ask("Which national group sold Kestlewood Motor Services to its management?")
    assert answer.found and "Arriva" in answer.text.splitlines()[0]


def test_a_decision_s_cause_is_answered_though_what_it_decides_is_still_to_come(
    tmp_path: Path,
) -> None:
    # asked in the past ("what prompted …"), told as to come ("is to withdraw … after …")
    engine = engine_with_stories(tmp_path, {"buses.txt": BUSES})
    answer = engine.ask("What prompted Kestlewood to drop its country routes?")
    assert answer.found and "cut its support" in answer.text.splitlines()[0]


@pytest.mark.parametrize(
    ("question", "text", "unnamed"),
    [
        (
            "Which two airlines approached the airport?",
            "It had been approached by two other airlines interested in the routes.",
            True,
        ),
        (
            "Which French clubs are chasing Veikune?",
            "He has attracted interest from two clubs in France.",
            True,
        ),
        ("Which club did he join?", "He joined a club in Spain, Real Betis, last year.", False),
        (
            "Which campaign group has been counting lost bus services?",
            "The Rural Passenger Alliance, a pressure group, said the cuts were widespread.",
            False,
        ),
        ("Which group bought it?", "It was bought by a group. The group, Arriva, said so.", False),
        ("What kind of successor do they need?", "They need a successor with energy.", False),
        ("What TV pilot will the court run?", "The court will run a pilot scheme on TV.", False),
        (
            "Which local authority is responsible for the school?",
            "A head comes from a neighbouring authority. The authority should have acted.",
            False,
        ),
        ("Which firm builds it?", "The council approved the scheme on Tuesday.", False),
    ],
)
def test_what_leaves_the_thing_asked_unnamed(question: str, text: str, unnamed: bool) -> None:
    assert told_unnamed(question, text, (0, len(text))) is unnamed


def test_an_answer_that_does_not_speak_of_the_thing_may_name_it_otherwise() -> None:
    text = "He joined Rangers from Red Star Belgrade. His agent was told to find a new club."
    question = "Which club did the midfielder arrive from?"
    assert not told_unnamed(question, text, (0, 41))
    assert told_unnamed(question, text, (42, len(text)))
