"""A sentence answers "why" when it tells a cause, even without "because": the ranking reads
such sentences first, and the answer quotes them."""

from __future__ import annotations

import pytest

from retrieval.search import features as feat
from tests.conftest import question_expecting

WHY_RETIRED = question_expecting(
    "Why did Jarkko Nieminen retire from his match against Federer?", "reason"
)


@pytest.mark.parametrize(
    "sentence",
    [
        "The top seed was leading 6-3 5-2 when Nieminen pulled out with an abdominal injury.",
        "Nieminen missed the rest of the season through illness.",
        "He retired with a hamstring strain in the second set.",
    ],
)
def test_an_injury_or_illness_tells_why_someone_pulled_out(sentence: str) -> None:
    assert feat.holds_asked_thing(WHY_RETIRED, sentence)


def test_saying_that_he_retired_does_not_tell_why() -> None:
    sentence = "Federer's route was made easy when Jarkko Nieminen was forced to retire."
    assert not feat.holds_asked_thing(WHY_RETIRED, sentence)


WHY_CLOSING = question_expecting("Why is the Dunmere Advertiser closing?", "reason")


def test_falling_sales_that_made_it_impossible_to_carry_on_tell_why() -> None:
    sentence = (
        "Calder Press said falling circulation and a slump in advertising had made it "
        "impossible to carry on."
    )
    assert feat.holds_asked_thing(WHY_CLOSING, sentence)
    assert feat.holds_asked_thing(WHY_CLOSING, "The losses forced the owners to sell up.")


@pytest.mark.parametrize(
    "sentence",
    [
        "The Dunmere Advertiser is to close after 120 years, its owners have announced.",
        "The paper, printed in Dunmere after 1995, sells fewer than 6,000 copies.",
    ],
)
def test_after_so_many_years_is_a_time_not_a_cause(sentence: str) -> None:
    assert not feat.holds_asked_thing(WHY_CLOSING, sentence)
    # … while "after" something that happened still tells one
    assert feat.holds_asked_thing(WHY_CLOSING, "It is closing after a row over pay.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Cyril Penhale, 79, said he had read the paper every week since he was a boy.",
        "Arthur Kettlewell has bought the Advertiser every Friday since 1936.",
        "Sales have halved since the 1970s and fallen again since last year.",
    ],
)
def test_since_a_time_is_no_cause(sentence: str) -> None:
    assert not feat.holds_asked_thing(WHY_CLOSING, sentence)
    # … while "since" something is so still tells one
    assert feat.holds_asked_thing(WHY_CLOSING, "It is closing since nobody buys it any more.")
