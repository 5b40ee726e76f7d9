"""A question typed all in lower case still has names: the ones the archive writes only with a
capital count as names a story may lack."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.engine import Engine
from retrieval.search.truecase import truecased
from tests.conftest import make_settings

TEXTS = [
    "The talks in Seoul broke down, and Defense Secretary Mark Esper said so on a trip.",
    "Troops are also based in Germany, the secretary said. Seoul disagreed.",
    "Talks resumed. the city council met.",
]


def test_words_the_archive_writes_only_as_names_get_their_capitals() -> None:
    assert truecased("what did esper say about seoul and germany", TEXTS) == (
        "what did Esper say about Seoul and Germany"
    )


@pytest.mark.parametrize(
    ("question", "why"),
    [
        ("when did the talks resume", "'Talks' opens a sentence; 'talks' is also written small"),
        ("what did the secretary say", "a title before a name is not a name"),
        ("what did the council decide", "written small"),
        ("What did esper say about Seoul?", "a question with a capital says its own names"),
    ],
)
def test_other_words_keep_their_case(question: str, why: str) -> None:
    assert truecased(question, TEXTS) == question, why


TROOPS = """US keeps its troops in Korea

The United States keeps 28,500 troops in South Korea, the Pentagon said on Tuesday, as talks \
on sharing their cost broke down.
"""
ELECTION = """Coalition talks in Berlin

Chancellor Angela Merkel began coalition talks in Berlin after the election in Germany, where \
her party won the most seats.
"""


@pytest.mark.parametrize(
    "question",
    [
        "How many US troops are stationed in Germany?",
        "how many us troops are stationed in germany?",
    ],
)
def test_a_name_typed_in_lower_case_that_the_story_lacks_is_refused_like_a_capitalised_one(
    tmp_path: Path, question: str
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "troops.txt").write_text(TROOPS, encoding="utf-8")
    (corpus / "election.txt").write_text(ELECTION, encoding="utf-8")
    engine = Engine(make_settings(tmp_path, corpus_dir=corpus))
    engine.ingest()
    assert engine.ask("How many US troops are stationed in South Korea?").found
    assert not engine.ask(question).found
