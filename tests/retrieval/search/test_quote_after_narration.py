"""Asked what someone warned, the answer quotes their words even when the sentence that names
them comes after another about their employer: the sentence before gives way to the quote."""

from __future__ import annotations

import pytest

from retrieval.engine import Engine
from tests.conftest import STORIES, engine_with_stories

# The regulator's paragraph: what the board said, then its enforcement head named in a
# sentence of his own, then his warning in his words
STORY = (STORIES / "water_contamination.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    base = tmp_path_factory.mktemp("water")
    return engine_with_stories(base, {"water_contamination.txt": STORY})


def test_the_warning_asked_for_is_in_the_first_line(engine: Engine) -> None:
    answer = engine.ask(
        "What warning did the regulator's enforcement chief give about water companies?"
    )
    assert answer.found
    first = answer.text.splitlines()[0]
    # his words in one piece with the sentence naming him (not a fragment after "…")
    opening = first.split("…")[0]
    assert "Graham Oakridge" in opening and "should expect to answer for that" in opening
    assert all(c.quote in c.hit.text for c in answer.citations)
