"""For "when" or "how many", a passage of the best story that gives a time or a number comes
before the one the cross-encoder read a little better that gives none ("set before the
original 1960s series" is no air date), so the answer's first line answers instead of the
question being refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.search import features as feat
from retrieval.search.features import Candidate
from retrieval.search.searcher import KIND_MARGIN, kind_first
from retrieval.store import StoredChunk
from tests.conftest import engine_over_story


def _passage(name: str, source: str, relevance: float, lacks_date: bool) -> Candidate:
    chunk = StoredChunk(name, name, {"source": source, "kind": "article", "title": ""})
    candidate = Candidate(chunk, name)
    candidate.relevance = relevance
    candidate.features = {feat.LACKS_DATE: 1.0 if lacks_date else 0.0, feat.LACKS_AMOUNT: 0.0}
    return candidate


def test_a_passage_giving_a_time_comes_first_when_read_nearly_as_well() -> None:
    cast = _passage("cast", "trek.txt", 6.0, lacks_date=True)
    final = _passage("final episode on 13 May", "trek.txt", 5.4, lacks_date=False)
    other = _passage("other", "other.txt", 1.0, lacks_date=False)
    assert kind_first([cast, other, final]) == [final, cast, other]


def test_not_when_it_reads_much_worse_or_is_another_story() -> None:
    cast = _passage("cast", "trek.txt", 6.0, lacks_date=True)
    far = _passage("far", "trek.txt", 6.0 - KIND_MARGIN - 0.5, lacks_date=False)
    assert kind_first([cast, far]) == [cast, far]
    elsewhere = _passage("elsewhere", "wars.txt", 5.9, lacks_date=False)
    assert kind_first([cast, elsewhere]) == [cast, elsewhere]
    # a first passage that gives a time keeps its place
    dated = _passage("dated", "trek.txt", 6.0, lacks_date=False)
    assert kind_first([dated, cast]) == [dated, cast]


@pytest.mark.parametrize(
    "question",
    [
        "in what year was the Kettlewick drama first shown",
        "when was the first episode of the drama shown",
    ],
)
def test_when_something_first_happened_is_answered_by_the_passage_telling_the_beginning(
    tmp_path: Path, question: str
) -> None:
    # the lead's "the final episode will be shown in March" tells only what is to come, and
    # "a record 9.2 million viewers in 1995" no beginning: the first episode's paragraph answers
    answer = engine_over_story(tmp_path, "soap_axed.txt").ask(question)
    assert answer.found
    assert "1987" in answer.text.splitlines()[0]


@pytest.mark.parametrize(
    "question",
    [
        "who took over the transport brief after the minister stepped down over his travel claims",
        "who took over after the minister resigned over MPs' travel claims",
    ],
)
def test_who_took_over_is_answered_by_the_paragraph_telling_the_succession(
    tmp_path: Path, question: str
) -> None:
    # the resignation, the row and the review of the rules share the question's words; only
    # the paragraph naming his replacement tells who took over
    answer = engine_over_story(tmp_path, "minister_resigns.txt").ask(question)
    assert answer.found
    assert "Priya Castellan" in answer.text.splitlines()[0]
