"""A question calling a side or a player by a nickname ("Spurs", "the Springboks"), or writing
a short form ("HQ"), finds and answers from the story that writes the full name; "the Fed" of
business news is no player."""

from __future__ import annotations

import pytest

from retrieval.engine import Engine
from retrieval.search.nicknames import named_in_full
from tests.conftest import engine_with_stories

CUP_TIE = """Tottenham through after scrappy win

Tottenham manager Martin Jol praised his side's patience after a 2-0 win over a stubborn \
Rotherham side in the FA Cup fourth round on Saturday.

The victory was sealed by a late header from defender Ledley King after Jermain Defoe had \
opened the scoring from the penalty spot.

Jol's side will travel to Bolton in the fifth round next month.
"""
OTHER_TIE = """Arsenal ease into the fifth round

Arsenal manager Arsene Wenger was pleased with a comfortable 3-0 FA Cup fourth-round win \
over Wolves on Sunday.

Wenger's side will travel to Chelsea in the fifth round of the cup next month.
"""
SIGNING = """Dutch defender joins Spurs

Spurs have signed Dutch defender Jan Smit from Ajax for a fee of £3m, the club confirmed on \
Friday.

Smit, 24, has agreed a four-year contract and will go straight into the squad.
"""
TEST_MATCH = """South Africa edge out Wales

South Africa held on for a 28-21 win over Wales in Cardiff on Saturday, with flanker Pieter \
Marais named man of the match.

Wales coach Mike Ruddock said his side had given away too many penalties in the first half.
"""
JOB_CUTS = """Union attacks jobs plan

The head of the senior civil servants' union has accused ministers of playing politics with \
public services.

Under the plans, some 84,000 civil service jobs will be axed or changed and the savings \
ploughed back into frontline services.
"""


@pytest.fixture(scope="module")
def sports_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    stories = {
        "cup_tie.txt": CUP_TIE,
        "other_tie.txt": OTHER_TIE,
        "signing.txt": SIGNING,
        "test_match.txt": TEST_MATCH,
        "job_cuts.txt": JOB_CUTS,
    }
    return engine_with_stories(tmp_path_factory.mktemp("nicknames"), stories)


def test_a_club_called_by_its_nickname_is_answered_from_its_story(sports_engine: Engine) -> None:
    # "Spurs", with a capital, is a name no story writes: without "Tottenham" it was refused
    answer = sports_engine.ask("where are Spurs going in the fifth round?")
    assert answer.found
    assert "Bolton" in answer.text.splitlines()[0]


def test_a_story_writing_only_the_nickname_does_not_lack_the_full_name(
    sports_engine: Engine,
) -> None:
    # the question is searched as "Spurs (Tottenham)"; this story never writes "Tottenham"
    answer = sports_engine.ask("How much did Spurs pay Ajax for Jan Smit?")
    assert answer.found
    assert "£3m" in answer.text.splitlines()[0]


def test_a_national_side_s_nickname_is_a_name_the_story_holds(sports_engine: Engine) -> None:
    # "Springbok" is nowhere in the story: without its full name it read as another match
    answer = sports_engine.ask("Which Springbok flanker was man of the match against Wales?")
    assert answer.found
    assert "Pieter Marais" in answer.text.splitlines()[0]


@pytest.mark.parametrize(
    ("question", "searched"),
    [
        ("Did the Fed raise rates?", "Did the Fed raise rates?"),  # the Federal Reserve
        ("Was Fed chairman Alan Greenspan knighted?", "Was Fed chairman Alan Greenspan knighted?"),
        ("Who did Fed beat in Dubai?", "Who did Fed (Federer) beat in Dubai?"),
        ("a posh restaurant", "a posh restaurant"),  # only "Posh" is a name
        ("who did spurs sign", "who did spurs (tottenham) sign"),
        ("When did Spurs last beat Tottenham?", "When did Spurs last beat Tottenham?"),
        ("a room near the Tories' HQ", "a room near the Tories' HQ (headquarters)"),
        ("the vote at 5 pm", "the vote at 5 pm"),  # only "PM" is the prime minister
        ("Why are barn owls in decline?", "Why are barn owls in decline?"),
        ("who wore number 10 for wales", "who wore number 10 for wales"),  # the fly-half
        ("What did Number 10 say?", "What did Number 10 (Downing Street) say?"),
        ("How many Whitehall jobs go?", "How many Whitehall (civil service) jobs go?"),
        ("why tax swapping greenbacks", "why tax swapping greenbacks (dollars)"),
        ("which MEP spoke?", "which MEP (member of the European Parliament) spoke?"),
        ("her first Academy Award", "her first Academy Award (Oscar)"),
        ("why did the Foxes sack him", "why did the Foxes (Leicester) sack him"),
        ("Three foxes were seen", "Three foxes were seen"),  # only "Foxes" is a club
    ],
)
def test_a_nickname_is_searched_with_the_name_stories_write(question: str, searched: str) -> None:
    assert named_in_full(question, lower=question.islower()) == searched


def test_a_place_named_for_who_works_there_is_a_name_the_story_holds(
    sports_engine: Engine,
) -> None:
    # "Whitehall" is nowhere in the story, which writes "civil service": it was refused
    answer = sports_engine.ask("How many Whitehall posts are due to go or change?")
    assert answer.found
    assert "84,000" in answer.text.splitlines()[0]
