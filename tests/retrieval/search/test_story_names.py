"""A later paragraph of a story is read by the cross-encoder with the names the story's first
sentence gives, which say what story it is: a question that names the story by names only its
opening holds ("the Tories in Eskdown and Pellow") is answered by the paragraph that answers
it, not by the opening that shares its words; the opening's figures are not lent."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.engine import Engine
from retrieval.search.features import Candidate, analyse_text
from retrieval.search.ranker import cross_encoder_text, story_names, unwritten
from retrieval.store import StoredChunk
from tests.conftest import engine_with_stories

BY_ELECTION = """Lib Dems seize seat in by-election shock

The Liberal Democrats have won the Eskdown and Pellow by-election, overturning a Labour \
majority of 12,377 in what party activists called their best result in the north for a decade.

Helen Marchbank took the seat with 16,204 votes, a majority of 2,918 over Labour's Tom Garside.

The Conservative candidate, Richard Ellery-Vaughn, came third with 7,311 votes. The Green \
Party's Sarah Quill and two independent candidates all lost their deposits.

Turnout was 48.6%, down from 61.3% at the general election in 2001.

The campaign was dominated by plans to close the accident and emergency unit at Pellow General \
Hospital.
"""


@pytest.fixture(scope="module")
def by_election(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_with_stories(tmp_path_factory.mktemp("lead"), {"by_election.txt": BY_ELECTION})


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("who stood for the Tories in Eskdown and Pellow", "Richard Ellery-Vaughn"),
        ("What majority did the Lib Dem winner get in Eskdown and Pellow?", "2,918"),
    ],
)
def test_a_later_paragraph_answers_a_question_naming_the_story_by_its_opening(
    by_election: Engine, question: str, answer: str
) -> None:
    found = by_election.ask(question)
    assert found.found
    assert answer in found.text.splitlines()[0]


def _paragraph(index: int, body: str, kind: str = "article", section: str = "body") -> Candidate:
    meta = {
        "source": "s.txt",
        "kind": kind,
        "section": section,
        "chunk_index": index,
        "title": "Seat won",
    }
    candidate = Candidate(StoredChunk(f"c{index}", body, meta), body)
    analyse_text(candidate)
    return candidate


def test_the_names_are_those_of_the_opening_sentence_the_window_does_not_write() -> None:
    opening = _paragraph(0, "The Lib Dems won Eskdown by 2,918 votes. Labour lost.")
    later = _paragraph(2, "The Tory in Eskdown came third.")
    comment = _paragraph(5, "I voted Tory.", kind="comment")
    passages = [opening, later, comment]
    assert story_names(later, passages) == ("Lib Dems", "Eskdown")  # not "The", nor 2,918
    assert unwritten(story_names(later, passages), later.body) == "Lib Dems"
    # the opening sentence reads as itself; the opening's later sentence with its names
    assert unwritten(story_names(opening, passages), opening.body[:40]) == ""
    assert unwritten(story_names(opening, passages), opening.body[41:]) == "Lib Dems, Eskdown"
    assert story_names(comment, passages) == ()  # a reader's words are not the story's
    assert story_names(later, [later]) == ()  # no opening at hand: the title alone
    text = cross_encoder_text(later, (0, 31), names="Lib Dems")
    assert text == "Seat won (Lib Dems). The Tory in Eskdown came third."


RINGLARK = """Mobile photo firm raises £4.5m

Ringlark, a London start-up which lets people share pictures taken on camera phones, has \
raised £4.5m from venture capital investors to expand into Europe.

Ringlark's service sends photos straight from a user's handset to an online album, which \
friends can then look at on their own phones or on a computer. The company says it has \
260,000 registered users, two-thirds of them aged under 25.

The funding round was led by Vellacott Ventures, with Saltmarsh Capital also taking part.

Users pay 25p for each picture sent by multimedia message, or can upload for nothing.

Ringlark raised £750,000 in its first round in March 2004, when it had fewer than 20,000 \
users.

Mr Quennell said he was not worried by rivals. He said Ringlark's users had sent more than \
11 million photos since the service began.
"""


def test_a_later_sentence_of_a_paragraph_is_read_with_the_story_s_name(tmp_path: Path) -> None:
    # "The company says it has 260,000 registered users" tells Ringlark's count only to a
    # reader told the story is Ringlark's, though its paragraph names Ringlark a sentence before
    engine = engine_with_stories(tmp_path, {"ringlark.txt": RINGLARK})
    answer = engine.ask("How many people have signed up to the Ringlark service?")
    assert "260,000" in answer.text.splitlines()[0]


def test_a_story_opening_after_an_editor_s_note_opens_with_its_own_first_paragraph() -> None:
    # The Press TV layout: the editor's note comes first in the file; the story's names are
    # those of its own first paragraph, not the note's
    note = _paragraph(0, "The US has walked into another Trump snake pit.", section="editor_note")
    opening = _paragraph(1, "South Korean negotiators left talks with the US in Seoul.")
    later = _paragraph(2, "The Americans walked out after 80 minutes.")
    assert story_names(later, [note, opening, later]) == ("South Korean", "US", "Seoul")
    assert story_names(later, [opening, later]) == ()  # the note not at hand: no opening known


def test_an_opening_that_names_nobody_lends_the_names_of_the_sentence_after_it() -> None:
    # "A consultant gynaecologist … has been struck off": the story is Dr Ferremont's, which
    # the next paragraph says; a later paragraph is read with his name, not with none
    opening = _paragraph(0, "A consultant gynaecologist has been struck off the register.")
    second = _paragraph(1, "A panel found that Dr Lucian Ferremont, 54, had lied at Wexcombe.")
    later = _paragraph(4, "The concerns first came to light in March 2002.")
    passages = [opening, second, later]
    assert story_names(later, passages) == ("Dr Lucian Ferremont", "Wexcombe")
    assert story_names(later, [opening, later]) == ()  # the next paragraph not at hand


SURGEON = """Surgeon struck off over altered notes

A consultant gynaecologist who altered hospital notes to cover up mistakes in operations on \
nine women has been struck off the medical register.

A disciplinary panel found that Dr Lucian Ferremont, 54, had been guilty of serious \
professional misconduct while working at Wexcombe General Hospital between 1999 and 2002.

Panel chairman Professor Hamish Dunnerdale said the doctor had shown no insight into the harm \
he had caused.

The concerns first came to light in March 2002 when a theatre nurse, Carys Pendrill, noticed \
that an entry she had witnessed had been altered. He was suspended by the trust in the same \
month.

The trust has paid about £640,000 in compensation to six of the patients.
"""


def test_a_story_opening_without_names_is_read_by_the_names_that_follow_it(
    tmp_path: Path,
) -> None:
    # The opening names nobody; the paragraph telling when the concerns arose names nobody
    # either, and is read with "Dr Lucian Ferremont" from the paragraph after the opening
    engine = engine_with_stories(tmp_path, {"surgeon.txt": SURGEON})
    answer = engine.ask("In which month and year did worries about Ferremont's conduct surface?")
    assert "March 2002" in answer.text.splitlines()[0]
