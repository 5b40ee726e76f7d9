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
