""" "When was it founded?", "in what year was it built?": a date told with the founding or the
building answers, not any other date of the story (the gate refuses a story that gives none)."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.search import features as feat
from tests.conftest import engine_over_story, question_expecting


@pytest.mark.parametrize(
    ("asked", "told", "other"),
    [
        (
            "When was Tessaline Labs founded?",
            "Tessaline, which was founded in 1998, employs 140 people.",
            "The firm examined 2,400 home PCs between October and December 2004.",
        ),
        (
            "when did Jez San set up Argonaut",
            "He founded Argonaut in 1982, while still at school.",
            "Argonaut's shares were suspended on Friday 29 October.",
        ),
        (
            "In what year was the Main Stand built?",
            "The Main Stand, built in 1927, holds 4,000 fans.",
            "The owners plan to build a new stand to replace one closed since 2002.",
        ),
        (
            "when did the soap first go on air",
            "Tolland has played Dot Fenner since the first episode in 1987.",
            "The soap drew a record 9.2 million viewers in 1995.",
        ),
    ],
)
def test_a_founding_or_building_date_is_told_with_the_founding(
    asked: str, told: str, other: str
) -> None:
    question = question_expecting(asked, "date")
    assert feat.holds_asked_thing(question, told)
    assert not feat.holds_asked_thing(question, other)


def test_when_a_firm_was_founded_is_answered_with_its_founding(tmp_path: Path) -> None:
    answer = engine_over_story(tmp_path, "tableware_results.txt").ask(
        "When was Pellowes Ceramics set up?"
    )
    assert "1811" in answer.text.splitlines()[0]


def test_when_its_factories_were_built_is_refused_over_a_story_that_does_not_say(
    tmp_path: Path,
) -> None:
    engine = engine_over_story(tmp_path, "tableware_results.txt")
    assert not engine.ask("When were the Staffordshire factories built?").found


def test_when_a_decision_is_due_on_whether_homes_can_be_built_is_not_asked_of_a_building(
    tmp_path: Path,
) -> None:
    # "built" after a "whether" is not what the question asks the date of: the council's
    # ruling, due in November, answers; the club's founding and first season do not
    answer = engine_over_story(tmp_path, "ground_sale.txt").ask(
        "When is the local council expected to decide whether the houses can be built on the "
        "rugby ground?"
    )
    assert answer.found
    assert "November" in answer.text.splitlines()[0]


def test_a_first_time_of_another_kind_is_told_without_a_beginning() -> None:
    # a first listing is told as a flotation, not as the start of a run of episodes or seasons
    question = question_expecting("What year did Laura Ashley first list its shares?", "date")
    assert feat.holds_asked_thing(question, "It floated on the Stock Exchange in 1995.")
