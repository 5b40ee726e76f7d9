""" "Which local authority", "which university", "which river": a name of that kind answers
(a council's for a local authority), not a sentence that tells the topic without one."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.search import features as feat
from tests.conftest import engine_over_story, engine_with_stories, question_expecting

NAMED = "Members of North Vale District Council's planning committee voted by nine to four."
TOLD = "Plans for a new stadium for Harbridge Falcons have been approved by councillors."
LEADER = "Council leader Dorothy Pennock said the authority could not meet the bill alone."


@pytest.mark.parametrize(
    "asked",
    [
        "which local authority gave the go-ahead to the rugby club's new ground",
        "Which council approved the Falcons' stadium?",
    ],
)
def test_a_local_authority_is_held_by_a_council_s_name(asked: str) -> None:
    question = question_expecting(asked, "organisation")
    assert feat.holds_asked_thing(question, NAMED)
    assert not feat.holds_asked_thing(question, TOLD)  # the club's name is no council's
    assert not feat.holds_asked_thing(question, LEADER)  # nor "Council" alone


def test_which_council_approved_is_answered_with_the_council_s_name(tmp_path: Path) -> None:
    engine = engine_over_story(tmp_path, "stadium_approval.txt")
    answer = engine.ask("Which council approved the Falcons' stadium?")
    assert "North Vale District Council" in answer.text.splitlines()[0]


def test_a_river_is_held_by_a_river_s_name() -> None:
    question = question_expecting("Which watercourse flooded the festival fields?", "entity")
    assert feat.holds_asked_thing(question, "The River Tarle burst its banks on Friday.")
    assert not feat.holds_asked_thing(question, "Sallows Farm was under water on Friday.")


def test_an_athletics_club_is_held_by_a_club_s_name() -> None:
    question = question_expecting("Which athletics club is Isobel Tremlow a member of?", "entity")
    assert feat.holds_asked_thing(question, "The 23-year-old from Fenbridge Harriers won.")
    assert not feat.holds_asked_thing(question, "Her coach, Desmond Achterberg, was delighted.")


CONVICTED = "Leonard Pask-Whitley, 61, was convicted at Harbury Crown Court on Friday."


@pytest.mark.parametrize(
    "asked", ["Which judge presided over the fraud trial?", "who was the judge in the case"]
)
def test_a_judge_is_held_by_a_name_with_the_title_or_the_role(asked: str) -> None:
    question = question_expecting(asked, "person")
    assert feat.holds_asked_thing(question, "Judge Amelia Rook adjourned sentencing.")
    assert feat.holds_asked_thing(question, "The judge, Amelia Rook, adjourned sentencing.")
    assert not feat.holds_asked_thing(question, CONVICTED)  # the man in the dock is no judge


def test_which_judge_is_answered_with_the_judge_not_the_defendant(tmp_path: Path) -> None:
    engine = engine_over_story(tmp_path, "timber_fraud_trial.txt")
    answer = engine.ask("Which judge presided over the finance chief's fraud trial?")
    assert "Judge Amelia Rook" in answer.text.splitlines()[0]


@pytest.mark.parametrize(
    ("asked", "role", "other"),
    [
        (
            "Who manages the club that sold its striker?",
            "Rovers manager Glyn Pettifer said he had tried to keep him.",
            "Striker Danny Oldacre flew to Lisbon on Wednesday.",
        ),
        (
            "who chairs the club",
            "Chairman Howard Elsdon said the club had lost £900,000.",
            "Its secretary, Lynne Crabtree, said fans were disappointed.",
        ),
        (
            "Who is leading the campaign to save the village branch?",
            '"The branch is a lifeline," said campaign chairwoman Edith Thwaite.',
            "The bank's head of retail banking, Colin Ashworth, defended the programme.",
        ),
        (
            "Who leads the union representing the striking drivers?",
            '"It is a safety issue," said union general secretary Derek Hollin.',
            "Managing director Alison Pym said the timetable met demand.",
        ),
        (
            "who set up the studio behind the pirate game that sold a million copies",
            "Managing director Ewan Pollock, who founded the studio in 1998, was upbeat.",
            "Its last game, the pirate adventure Saltspray, sold 1.1 million copies.",
        ),
        (
            "Who passed sentence on the fraudster?",
            "Sentencing him, Judge Anthony Coldridge said he had shown no remorse.",
            "Raymond Fessendon, 52, was found guilty on Thursday.",
        ),
    ],
)
def test_who_does_a_role_is_held_by_a_name_beside_the_role(
    asked: str, role: str, other: str
) -> None:
    question = question_expecting(asked, "person")
    assert feat.holds_asked_thing(question, role)
    assert not feat.holds_asked_thing(question, other)  # a name, but not in the role


def test_who_managed_to_do_something_asks_for_no_manager() -> None:
    question = question_expecting("Who managed to score the winner?", "person")
    assert feat.holds_asked_thing(question, "Striker Danny Oldacre flew to Lisbon on Wednesday.")


@pytest.mark.parametrize(
    ("asked", "answer"),
    [
        ("Who manages the League One club that sold its top scorer abroad?", "Glyn Pettifer"),
        ("Who presides over the club that sold Danny Oldacre?", "Howard Elsdon"),
    ],
)
def test_who_does_a_role_is_answered_with_that_person(
    tmp_path: Path, asked: str, answer: str
) -> None:
    engine = engine_over_story(tmp_path, "striker_sale.txt")
    assert answer in engine.ask(asked).text.splitlines()[0]


@pytest.mark.parametrize(
    ("told", "held"),
    [
        ("The studio in Hembury employs 96 people.", True),
        ("The Hembury-based studio employs 96 people.", True),
        ("The firm is moving its factory to Estonia.", True),
        ("He met Sharron Storer, the Birmingham woman who harangued him.", True),
        ("The messages reached the Caribbean nation of Trinidad and Tobago.", True),
        ("And leave Okinawa while you're at it.", True),
        ("Mr Askwith's company said the studio would not close.", False),
        ("Quillfeather's studio head, Rowena Askwith, said the team needed more time.", False),
        ("Greville's Dutch coach said she would have a scan on Tuesday.", False),
    ],
)
def test_where_is_held_by_a_name_written_where_a_place_goes(told: str, held: bool) -> None:
    question = question_expecting("In which town is Quillfeather based?", "place")
    assert feat.holds_asked_thing(question, told) is held


def test_where_a_team_works_is_answered_with_the_town_not_its_head(tmp_path: Path) -> None:
    engine = engine_over_story(tmp_path, "studio_delay.txt")
    answer = engine.ask("Where does Rowena Askwith's team work?")
    assert "Hembury" in answer.text.splitlines()[0]


def test_a_role_the_story_never_names_is_not_in_the_archive(tmp_path: Path) -> None:
    # The transfer story names the striker, his manager and his chairman, but no agent
    engine = engine_over_story(tmp_path, "striker_sale.txt")
    assert not engine.ask("Who is Danny Oldacre's agent?").found
    assert not engine.ask("Who captained Harbeck Rovers this season?").found
    # … while a role it names is answered
    assert "Glyn Pettifer" in engine.ask("Who is the Harbeck Rovers manager?").text


MUSICAL = """West End musical to close early

The Glass Orchard, the £4.8m West End musical about a Victorian music hall star, is to close \
in February after just 19 weeks, following poor ticket sales and damning reviews.

The show opened at the Calloway Theatre on 12 October. Producer Lionel Ashcombe said audiences \
had averaged only 46% of the theatre's seats. "We believed in this show, but belief does not \
pay the wages," Mr Ashcombe said.

Based on a 1911 novel, the musical starred Joanna Petrakis, with a score by composer Hattie \
Venning and choreography by Marcus Oyelaran. Ms Venning said the reviews had wounded the show.

The closure will mean the loss of 62 jobs among the cast, band and backstage crew.
"""


def test_who_directed_is_refused_over_a_story_that_names_no_director(tmp_path: Path) -> None:
    engine = engine_with_stories(tmp_path, {"musical_closes.txt": MUSICAL})
    assert not engine.ask("Who directed the West End musical The Glass Orchard?").found
    # … while the one who wrote its music is answered
    assert "Hattie Venning" in engine.ask("Who wrote the score for The Glass Orchard?").text
