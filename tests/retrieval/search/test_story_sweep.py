"""The best story's paragraphs that the first ranking left unread are read by the
cross-encoder too: the answer often sits in a paragraph of the right story that shares few of
the question's words."""

from __future__ import annotations

from dataclasses import replace

import pytest

from retrieval.engine import Engine
from retrieval.search.ranker import DEFAULT_WEIGHTS
from tests.conftest import STORIES, engine_with_stories

QUESTION = "How many American military personnel are stationed in South Korea?"


def _first_passage(engine: Engine, monkeypatch: pytest.MonkeyPatch, sweep: int) -> str:
    # the cross-encoder reads only the first ranking's best passage, then the sweep
    narrow = replace(
        DEFAULT_WEIGHTS,
        rerank_top=1,
        lexical_read=0,
        dense_read=0,
        comment_read=0,
        comment_dense_read=0,
        sweep=sweep,
    )
    monkeypatch.setattr(engine.searcher, "weights", narrow)
    return engine.search(QUESTION, 5)[0].text


def test_the_best_story_s_unread_paragraphs_are_read(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "28,500" in _first_passage(seeded_engine, monkeypatch, sweep=3)


def test_without_the_sweep_the_answer_is_not_first(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "28,500" not in _first_passage(seeded_engine, monkeypatch, sweep=0)


PICKET = (
    "what did the crew manager on the picket line say had happened to the people he qualified "
    "alongside"
)


@pytest.fixture(scope="module")
def strike_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    # a story that names a crew manager in one paragraph and quotes him in the next, in words
    # the question does not use ("Half the crew I joined with have gone to the oil rigs")
    story = (STORIES / "firefighters_strike.txt").read_text(encoding="utf-8")
    return engine_with_stories(tmp_path_factory.mktemp("strike"), {"strike.txt": story})


def test_the_paragraph_after_the_best_one_is_swept_too(
    strike_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the cross-encoder reads the first ranking's three best passages, then sweeps the best
    # unread one and the paragraph after the best
    narrow = replace(DEFAULT_WEIGHTS, rerank_top=3, lexical_read=0, dense_read=0, sweep=1)
    monkeypatch.setattr(strike_engine.searcher, "weights", narrow)
    assert "Half the crew I joined with" in strike_engine.search(PICKET, 5)[0].text
