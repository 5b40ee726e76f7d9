"""A "who" question answered by a sentence that says only "he" quotes the sentence before it
that names him."""

from __future__ import annotations

import pytest

from retrieval.engine import Engine
from retrieval.search import features as feat
from retrieval.search.features import Candidate
from retrieval.search.ranker import window
from retrieval.store import StoredChunk
from tests.conftest import engine_with_stories

SCHEDULE = """Radio 2 unveils its festive line-up

Radio 2 has announced a string of one-off shows for the festive season, with live sessions, \
interviews and documentaries planned across Christmas week.

The station also confirmed that Chris Tarrant will host a one-off New Year's Eve programme. \
He quit Capital FM this year after 17 years. The former breakfast host will look back on the \
year's biggest stories in the two-hour show, which starts at 10pm.

Other specials include a documentary on the history of the carol and a concert recorded at \
the Royal Albert Hall.
"""


@pytest.fixture(scope="module")
def schedule_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_with_stories(tmp_path_factory.mktemp("who_he_is"), {"schedule.txt": SCHEDULE})


def test_a_short_sentence_about_him_comes_with_the_one_that_names_him(
    schedule_engine: Engine,
) -> None:
    answer = schedule_engine.ask(
        "which DJ who walked out on Capital FM after 17 years has a new year show?"
    )
    assert answer.found
    assert "Chris Tarrant" in answer.text.splitlines()[0]


APPEAL = (
    "Coach Action, representing more than 80 people who appealed against the police actions, "
    "say they are prepared to take their case to the European Court of Human Rights. Their "
    "action is supported by Amnesty International and Liberty."
)


@pytest.mark.parametrize("opening", ["Their action", "Its appeal"])
def test_a_sentence_opening_with_their_or_its_is_read_with_the_one_naming_them(
    opening: str,
) -> None:
    # "Their action is supported by …" says whose action only with the sentence before it
    body = APPEAL.replace("Their action", opening)
    candidate = Candidate(StoredChunk("c1", body, {"source": "appeal.txt"}), body)
    feat.analyse_text(candidate)
    start, end = window(candidate, len(candidate.sentences) - 1)
    assert body[start:end] == body
