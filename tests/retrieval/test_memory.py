"""A long-running process gives back the index pages it read, and answers just as before."""

from __future__ import annotations

import sys

import pytest

from retrieval import memory
from retrieval.engine import Engine

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc, calls madvise")


def test_released_index_pages_leave_answers_unchanged(seeded_engine: Engine) -> None:
    question = "How many American troops are stationed in South Korea?"
    before = seeded_engine.ask(question)
    released = memory.release_index_pages(seeded_engine.view.lexical.folder, budget=0)
    assert released > 0  # the index's files were mapped, and are no longer resident here
    after = seeded_engine.ask(question)
    assert after.text == before.text and "28,500" in after.text.splitlines()[0]


def test_nothing_is_released_under_budget(seeded_engine: Engine) -> None:
    folder = seeded_engine.view.lexical.folder
    assert memory.release_index_pages(folder, budget=memory.mapped_file_bytes() + 2**30) == 0
