""" "What was the point of …", "what was the trip meant to achieve": a question about a
purpose is a "why" question, and the sentence that gives the purpose ("is designed to
highlight") answers it; "what went wrong" asks for a cause ("poor design meant …"), which what
a thing was meant to do is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.engine import Engine
from tests.conftest import engine_with_stories

TOUR = """Chancellor sees Kenya's slums first hand

Chancellor Gordon Brown has visited Kenya's biggest shantytown as he opened a week-long tour \
of Kenya, Tanzania and Mozambique.

Mr Brown's trip is designed to highlight how the UK wants to make Africa's problems a priority \
of its chairmanship of the G8 this year. He will see an orphanage in Tanzania and a women's \
credit union in Mozambique before returning to London. At slums in Nairobi on Wednesday, he \
said education needs had to be tackled.

Mr Brown's aides say he wants to find out more about the Kenyan government's schools policy, \
which included introducing free primary education in 2003.
"""


@pytest.fixture(scope="module")
def tour(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_with_stories(tmp_path_factory.mktemp("tour"), {"tour.txt": TOUR})


@pytest.mark.parametrize(
    "question",
    [
        "What was the point of Gordon Brown's week-long tour of Kenya, Tanzania and Mozambique?",
        "What was Brown's African tour meant to achieve?",
    ],
)
def test_what_a_trip_was_for_is_answered_by_the_sentence_giving_its_purpose(
    tour: Engine, question: str
) -> None:
    # the lead repeats the question's words; the answer opens with the purpose instead
    answer = tour.ask(question)
    assert "designed to highlight" in answer.citations[0].quote


REVIEW = """Blinx returns in a sequel

The original Blinx was intended to convert many platform game lovers to Microsoft's then new \
Xbox console. Its sharp graphics and novel gameplay, with the main character able to pause \
and rewind time, were meant to lure many fans to the new machine. But poor design meant the \
game became a very frustrating affair, with players often stranded half-way through a level.

Blinx 2 is out on Xbox now, and the sequel fixes many of the original's flaws.
"""


def test_what_went_wrong_is_answered_by_the_cause(tmp_path: Path) -> None:
    engine = engine_with_stories(tmp_path, {"review.txt": REVIEW})
    answer = engine.ask("Saw the review of Blinx 2 - what went wrong with the original Blinx game?")
    assert "poor design meant" in answer.citations[0].quote
