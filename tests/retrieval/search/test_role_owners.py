""" "Who is the chief executive of Tillingham's?": a sentence naming another firm's chief
executive holds no answer; one naming the role alone, or Tillingham's, may."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.search import features as feat
from retrieval.search.role_owners import role_owner_asked
from tests.conftest import engine_with_stories, question_expecting

BIDDER = "Oakhaven chief executive Dwight Hollister said the bid was full and fair."


@pytest.mark.parametrize(
    ("asked", "role", "owner"),
    [
        (
            "Who is the chief executive of the toffee maker Tillingham's?",
            "chief executive",
            "Tillingham's",
        ),
        ("Who is Tillingham's chief executive?", "chief executive", "Tillingham's"),
        ("Who is the Blackwater chairman?", "chairman", "Blackwater"),
    ],
)
def test_whose_role_is_asked(asked: str, role: str, owner: str) -> None:
    assert role_owner_asked(asked) == (role, owner)


def test_another_body_s_holder_of_the_role_is_no_answer() -> None:
    question = question_expecting("Who is the chief executive of Tillingham's?", "person")
    assert not feat.holds_asked_thing(question, BIDDER)
    assert feat.holds_asked_thing(question, "Its chief executive, Ruth Gell, said no.")
    assert feat.holds_asked_thing(question, "Tillingham's chief executive Ruth Gell said no.")
    # initials typed for the name the story writes out
    british = question_expecting("Who is the BA chief executive?", "person")
    assert feat.holds_asked_thing(british, "British Airways chief executive Rod Eddington said.")


STORY = """Toffee maker rejects US bid

Tillingham's, the Yorkshire maker of Fudgelings toffees, has rejected a £640m hostile takeover \
bid from US food group Oakhaven Foods.

Oakhaven chief executive Dwight Hollister said the bid was full and fair, and urged \
shareholders to accept it.

The family firm employs 2,300 people, most of them at its factory in Wrenfield.
"""


def test_who_runs_the_firm_bid_for_is_not_answered_with_the_bidder_s_boss(tmp_path: Path) -> None:
    engine = engine_with_stories(tmp_path, {"toffee.txt": STORY})
    answer = engine.ask("Who is the chief executive of the toffee maker Tillingham's?")
    assert not answer.found  # the story never names Tillingham's own
    # the bidder's own boss is still answered
    first = engine.ask("Who is Oakhaven's chief executive?").text.splitlines()[0]
    assert "Dwight Hollister" in first
