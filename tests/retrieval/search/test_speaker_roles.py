"""A question that asks for someone's words by their role alone ("the committee's chair") is
answered by the paragraph in which someone of that role speaks, as the story calls them
("Committee chairman Councillor Deirdre Pennycook said")."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.query import QueryIntent
from retrieval.search.features import Candidate, Question, analyse_text
from retrieval.search.speaker_roles import role_speaker_first, speaker_roles_asked
from retrieval.store import StoredChunk
from tests.conftest import engine_with_stories

WIND_FARM = """Wind farm approved despite objections

Plans for a 22-turbine wind farm on Fellgarth Moor have been approved by councillors despite \
more than 1,400 letters of objection from residents.

Members of Skelmoor District Council's planning committee voted by nine votes to five on \
Tuesday night to grant permission for the scheme, which developer Aerovane Renewables says \
will generate enough electricity for about 31,000 homes.

The Fellgarth Moor Action Group, which has about 900 members, said it would ask the \
government to call in the decision. Its chairman, Bernard Quillfeather, said the vote showed \
councillors had ignored the people they were elected to represent. "Visitors come here for \
the open moor and the silence, and they will not come to look at turbines," he said.

Committee chairman Councillor Deirdre Pennycook said members had to weigh local feeling \
against the national need for clean energy. "I understand why so many people are upset," she \
said. "But if we turned down every wind farm that somebody could see, we would never meet our \
obligations on climate change."
"""


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (
            "What did the Skelmoor committee's chair warn would follow from rejecting every "
            "visible turbine project?",
            "obligations on climate change",
        ),
        (
            "According to the leader of the Fellgarth Moor campaigners, what draws tourists "
            "to the area?",
            "the open moor and the silence",
        ),
    ],
)
def test_words_asked_by_the_speaker_s_role_come_from_the_paragraph_where_that_role_speaks(
    tmp_path: Path, question: str, answer: str
) -> None:
    engine = engine_with_stories(tmp_path, {"wind_farm.txt": WIND_FARM})
    found = engine.ask(question)
    assert found.found and answer in found.text


@pytest.mark.parametrize(
    ("question", "roles"),
    [
        ("According to Tallenbridge's chairman, what was to blame?", {"chair"}),
        ("What did the broker's retail specialist say about the shares?", {"analyst"}),
        ("What did the England captain say about the collapse?", {"captain"}),
        ("What themes did the head of the judging panel identify?", {"chair", "head"}),
        ("What did chief executive Magnus Hedderwick say?", set()),  # named: asked by name
        ("What did Magnus Hedderwick say about the routes?", set()),
        ("What did the head coach say?", {"coach"}),
    ],
)
def test_the_role_a_question_gives_its_speaker(question: str, roles: set[str]) -> None:
    assert roles <= speaker_roles_asked(question) and bool(roles) == bool(
        speaker_roles_asked(question)
    )


def _passage(index: int, body: str) -> Candidate:
    meta = {"source": "s.txt", "kind": "article", "section": "body", "chunk_index": index}
    candidate = Candidate(StoredChunk(f"c{index}", body, meta), body)
    analyse_text(candidate)
    return candidate


RESULTS = [
    _passage(0, "Mobile maker Norvik made record profits, chief executive Carl Svanberg said."),
    _passage(1, "Mr Svanberg, however, warned that the extra demand had already faded."),
    _passage(2, "Its shares rose 3% in Stockholm."),
    _passage(3, "Finance chief Karl Lind said costs fell. Chief executive Anna Berg said so too."),
]


def _asked(text: str) -> Question:
    return Question(text, QueryIntent(expects="quote"), (), {})


def test_a_passage_reporting_the_words_of_someone_introduced_in_the_role_stays_first() -> None:
    # "Mr Svanberg warned": the story introduced him as its chief executive
    chosen = [RESULTS[1], RESULTS[2], RESULTS[3]]
    question = _asked("What did the Norvik boss warn about demand?")
    assert role_speaker_first(question, chosen, 5, RESULTS) == chosen


def test_a_passage_in_which_nobody_of_the_role_speaks_yields_to_one_in_which_they_do() -> None:
    chosen = [RESULTS[2], RESULTS[3], RESULTS[1]]
    question = _asked("What did the Norvik boss warn about demand?")
    assert role_speaker_first(question, chosen, 5, RESULTS)[0] is RESULTS[3]
