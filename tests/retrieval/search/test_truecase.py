"""A question typed all in lower case still has names: the ones the archive writes only with a
capital count as names a story may lack. One typed all in capitals is read as if in lower case."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from retrieval.engine import Engine
from retrieval.query import typed_plainly
from retrieval.search.truecase import truecased
from tests.conftest import STORIES, engine_with_stories, make_settings

TEXTS = [
    "The talks in Seoul broke down, and Defense Secretary Mark Esper said so on a trip.",
    "Troops are also based in Germany, the secretary said. Seoul disagreed.",
    "Talks resumed. the city council met.",
    "The film was directed by Ritchie. Asked why, Guy said he liked it.",
    "The Greater London Authority will decide.",
    "The novel by London-based Levy won. The Kremlin said nothing.",
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
        ("who was the guy who stood in", "how an asker calls someone they cannot name"),
        ("which authority will decide", "the kind of thing asked for is no name"),
        ("what do firms think of the levy", "a name, but never written after 'the'"),
    ],
)
def test_other_words_keep_their_case(question: str, why: str) -> None:
    assert truecased(question, TEXTS) == question, why


def test_a_name_asked_without_an_article_or_written_with_one_is_still_a_name() -> None:
    assert truecased("what did levy say about the novel", TEXTS) == (
        "what did Levy say about the novel"
    )
    assert truecased("what did the kremlin say", TEXTS) == "what did the Kremlin say"


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


NEGOTIATOR = [
    "Kim Hong-kyun, a former nuclear negotiator, said the collapse sent a jarring message.",
    "The Americans cut short the talks, and President Moon said nothing.",
    "A vaccine against HIV Aids could be years away.",
]


@pytest.mark.parametrize(
    ("question", "unseen", "expected"),
    [
        (  # "Kim" only ever opens a sentence, as a part of a name: "jong" and "un" run on
            "what did kim jong un say about the talks",
            frozenset({"jong", "un"}),
            "what did Kim Jong Un say about the talks",
        ),
        ("what did moon jae-in say", frozenset({"jae"}), "what did Moon Jae-in say"),
        # a people's name, an initialism: a word the archive lacks after them is no name
        ("why did the americans walk out", frozenset({"walk"}), "why did the Americans walk out"),
        ("when might an hiv jab exist", frozenset({"jab"}), "when might an hiv jab exist"),
        # a short form typed without its apostrophe is no part of a name
        ("why wouldnt moon say", frozenset({"wouldnt"}), "why wouldnt Moon say"),
    ],
)
def test_a_word_the_archive_lacks_runs_on_from_a_part_of_a_name(
    question: str, unseen: frozenset[str], expected: str
) -> None:
    assert truecased(question, NEGOTIATOR, unseen) == expected


@pytest.mark.parametrize(
    "question",
    [
        "What did Kim Jong Un say in response to the talks collapsing?",
        "what did kim jong un say in response to the talks collapsing",
    ],
)
def test_a_person_the_archive_never_names_is_refused_however_the_question_is_typed(
    seeded_engine: Engine, question: str
) -> None:
    """The sample has a Kim (Kim Hong-kyun, who spoke on the collapse), not Kim Jong Un."""
    assert not seeded_engine.ask(question).found
    assert seeded_engine.ask("What did Kim Hong-kyun say about the collapse?").found


RUGBY = """Northampton part company with Pountney

Northampton have parted company with their director of rugby Budge Pountney after a run of \
seven defeats. The club said Budge Pountney had left by mutual consent.
"""


def test_a_word_the_archive_writes_only_before_a_surname_is_not_a_name_alone(
    tmp_path: Path,
) -> None:
    """ "refused to budge" is not about Budge Pountney: were it a name, the trade story (which
    never says "budge") would lack it and the question would be refused."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(STORIES / "trade_talks.txt", corpus / "trade_talks.txt")
    (corpus / "rugby.txt").write_text(RUGBY, encoding="utf-8")
    engine = Engine(make_settings(tmp_path, corpus_dir=corpus))
    engine.ingest()
    answer = engine.ask(
        "what did the brazilian ambassador complain about after pretoria refused to budge"
    )
    assert answer.found and "protecting inefficient producers" in answer.text.splitlines()[0]


AIRLINE = """British Airways profits fall as fuel bill soars

British Airways has blamed high fuel prices for a 40% drop in profits in the three months to \
December. The airline made a pre-tax profit of £75m, against £125m a year earlier.

Its fuel bill rose by £106m, chief executive Rod Eddington said, and passengers paid more \
for their tickets as a result.

Rival carriers also face rising costs, and many have added fuel surcharges to their fares.
"""


def test_a_question_typed_in_capitals_is_read_in_lower_case() -> None:
    assert typed_plainly("WHAT DID THE AIRLINE'S BOSS SAY?") == "what did the airline's boss say?"
    for question in ("What did the US say?", "NATO?"):  # capitals that mark names
        assert typed_plainly(question) == question


def test_a_question_typed_in_capitals_is_answered_as_if_typed_in_lower_case(
    tmp_path: Path,
) -> None:
    """Read as typed, every word of it would be a name the story lacks ("BOSS", "BILL")."""
    engine = engine_with_stories(tmp_path, {"airline.txt": AIRLINE})
    for question in (
        "WHAT DID THE AIRLINE'S BOSS SAY ABOUT ITS FUEL BILL?",
        "what did the airline's boss say about its fuel bill?",
    ):
        answer = engine.ask(question)
        assert answer.found, question
        assert "fuel bill rose by £106m" in answer.text.splitlines()[0]
        assert answer.question == question  # shown as the asker typed it
