"""A question's names that a story does not hold make it likely about another event (the
answer gate asks more of it): a country's adjective or a player's forename is not such a
name when the story says the country or the surname."""

from __future__ import annotations

import shutil
from pathlib import Path

from retrieval.engine import Engine
from retrieval.lexical import question_terms
from retrieval.query import QueryIntent
from retrieval.search import features as feat
from retrieval.search.features import Candidate, Question
from retrieval.search.nicknames import named_in_full
from retrieval.store import StoredChunk
from tests.conftest import SEED_DIR, engine_over_story, make_settings

STORM = """Storm's cost to the region emerging

Governments across south-east Asia are counting the cost of the typhoon that swept the \
region at the weekend.

The storm has left at least 2,000 people dead, with the Philippines, Vietnam and Thailand \
worst hit. Early estimates of the cost of rebuilding are starting to emerge, economists said.

Several of the countries hit could see growth slow this year, according to analysts at \
regional banks. Governments are expected to cut taxes and raise spending to help the recovery.

Thailand's Prime Minister Somchai Prasert has estimated the damage at 14bn baht ($350m). \
Analysts said that figure is likely to rise and that the country's rice farmers will be \
hardest hit.

Vietnam has asked the World Bank for emergency loans.
"""


def test_a_people_s_adjective_is_held_by_a_story_naming_their_country(tmp_path: Path) -> None:
    # The story says "Thailand", never "Thai": the question is about this storm all the same
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED_DIR / "000_88f28c69f322998a.txt", corpus)
    (corpus / "storm.txt").write_text(STORM, encoding="utf-8")
    engine = Engine(make_settings(tmp_path, corpus_dir=corpus))
    engine.ingest()
    answer = engine.ask("At what figure did the Thai prime minister put the storm damage?")
    assert answer.found
    assert "14bn baht" in answer.text.splitlines()[0]


def _question(text: str, rarity: dict[str, float]) -> Question:
    terms = tuple(question_terms(text))
    weights = {t: rarity.get(t, 3.0) for t in terms}
    return Question(text, QueryIntent(), terms, weights, feat.specific_terms(text))


def _missing(question: Question, body: str, in_the_file: frozenset[str]) -> float:
    """The question's names that a file lacks, whose passage found is ``body`` and whose
    other passages hold ``in_the_file``."""
    chunk = StoredChunk("c1", body, {"source": "story.txt", "kind": "article", "title": ""})
    candidate = Candidate(chunk, body)
    feat.compute(question, [candidate], lambda source, asked: asked & in_the_file)
    assert candidate.features is not None
    return candidate.features["story_missing"]


def test_a_forename_is_not_lacking_when_the_file_names_the_surname_elsewhere() -> None:
    # The passage found says only "the Russian"; another paragraph of the same file (not
    # among those found) says "Myskina": the file is about Anastasia Myskina, as the question.
    # (Rarities as in the archive: the surname a little commoner than the forename.)
    question = _question(
        "Why did Anastasia Myskina get a walkover into the fourth round?",
        {"anastasia": 7.21, "myskina": 6.99},
    )
    body = "The Russian got a walkover into the fourth round after her opponent withdrew."
    assert _missing(question, body, frozenset({"myskina"})) == 0.0
    assert _missing(question, body, frozenset()) == 2.0  # neither name: another player


def test_a_firm_s_name_is_lacking_when_the_file_holds_only_its_common_last_word() -> None:
    # "Steel" does not single out "Mittal Steel" (much commoner in the archive than "Mittal")
    question = _question("How many jobs will Mittal Steel cut?", {"mittal": 7.5, "steel": 6.07})
    body = "The steel maker will cut 5,000 jobs."
    assert _missing(question, body, frozenset({"steel"})) == 1.0


def test_another_council_s_name_is_lacking_from_a_story_of_one_council() -> None:
    # "Tarrowshire County Council" is not "Haverleigh County Council": the last words of its
    # name are the other's, and "raise its council tax" tells what it did, not what it is
    question = _question(
        "By how much did Tarrowshire County Council raise its council tax?",
        {"tarrowshir": 9.3, "counti": 4.1, "council": 3.2},  # (an unseen word, two common)
    )
    body = "Haverleigh County Council voted for a 6.8% rise in its council tax on Thursday."
    assert _missing(question, body, frozenset()) == 1.0


def test_number_10_is_not_lacking_from_a_story_that_says_downing_street() -> None:
    # "Number 10" is what news calls Downing Street: a story saying "entered Downing Street in
    # 1976" is about the move the question asks of, not another event
    question = _question("When did Jim Hollis move into Number 10?", {})
    body = "Jim Hollis entered Downing Street in 1976 after the resignation of his predecessor."
    assert _missing(question, body, frozenset()) == 0.0
    other = "Jim Hollis became chancellor in 1967."
    assert _missing(question, other, frozenset()) > 0.0  # no Downing Street: lacking


def test_a_rugby_number_10_is_still_a_number() -> None:
    # Lower case, it is a position on the pitch, not Downing Street
    question = _question("Who wore number 10 for Wales against France?", {})
    assert "10" in question.specific
    assert "down" not in question.specific


def test_capitals_for_a_kind_of_person_are_no_name_a_story_lacks() -> None:
    # "which DJ" asks for one; the story calls him a presenter
    question = _question("Which DJ is fronting Radio 2's New Year's Eve special?", {})
    body = "Chris Tarrant will present a one-off New Year's Eve programme on Radio 2."
    assert _missing(question, body, frozenset()) == 0.0
    assert _missing(_question("Which GP saw her?", {}), "A doctor did.", frozenset()) == 0


def test_gb_is_britain() -> None:
    question = _question("Who is GB's youngest Davis Cup player?", {})
    body = "Andrew Murray will become Britain's youngest Davis Cup player."
    assert _missing(question, body, frozenset()) == 0.0


def test_initials_typed_for_a_name_the_story_writes_out_are_not_lacking() -> None:
    # "the LSE" asked, "the London Stock Exchange" written
    question = _question("How much did Deutsche Boerse bid for the LSE?", {})
    body = "Deutsche Boerse has offered £1.3bn for the London Stock Exchange."
    assert _missing(question, body, frozenset()) == 0.0
    other = "Deutsche Boerse has offered £1.3bn for the Swiss exchange."
    assert _missing(question, other, frozenset()) == 1.0  # another exchange: lacking


def test_a_capital_asked_for_its_country_is_not_lacking() -> None:
    # "Moscow" asked, "Russia" written: the same government
    question = _question("Why is Menatep suing Moscow?", {})
    body = "Menatep is suing Russia for $28bn over the sale of Yukos."
    assert _missing(question, body, frozenset()) == 0.0
    other = "Menatep is suing the Ukrainian government over the sale."
    assert _missing(question, other, frozenset()) == 1.0


def test_a_name_the_story_misspells_by_one_letter_is_not_lacking() -> None:
    # the story slipped ("Sheffied"); a short name one letter off is another name
    question = _question("Who won the 800m in Sheffield?", {})
    body = "James McIlroy won the 800m title in Sheffied on Sunday."
    assert _missing(question, body, frozenset()) == 0.0
    assert _missing(_question("Who won the 800m in Iran?", {}), "He won in Iraq.", frozenset())


def test_a_country_s_capital_is_held_by_a_story_naming_the_country() -> None:
    # "Havana" for the Cuban government: a story that says "Cuba" is about it; one that
    # names another country is not
    question = _question("What reason did Havana give for taxing dollar swaps?", {})
    cuba = "Cuba's central bank said the tax on dollar swaps answered US economic aggression."
    assert _missing(question, cuba, frozenset()) == 0.0
    venezuela = "Venezuela's central bank said the tax on dollar swaps answered US aggression."
    assert _missing(question, venezuela, frozenset()) == 1.0


def test_parliament_and_its_mps_are_not_lacking_from_a_story_that_says_the_commons() -> None:
    question = _question(
        "What did the MP who chairs Parliament's spending watchdog say about the Dome sale?", {}
    )
    body = (
        "Edward Leigh, chairman of the Commons accounts committee, called the Dome sale a fiasco."
    )
    assert _missing(question, body, frozenset()) == 0.0
    assert _missing(question, "Edward Leigh called the Dome sale a fiasco.", frozenset()) > 0


def test_a_version_the_story_does_not_give_is_lacking() -> None:
    # the index reads "1.5" as "1" and "5", both in a story of Firefox 1.0 that gives 5%
    question = _question("When did the Mozilla Foundation release Firefox 1.5?", {})
    body = "The Mozilla Foundation released Firefox 1.0 in November; it has 5% of the market."
    assert _missing(question, body, frozenset({"1", "5"})) == 1.0
    later = "The Mozilla Foundation released Firefox 1.5 in November."
    assert _missing(question, later, frozenset()) == 0.0
    # a percentage or a sum is no version
    assert _missing(_question("Why did Mozilla's share rise 1.5%?", {}), body, frozenset()) == 0


def _searched(typed: str) -> Question:
    """The question as it is searched: a nickname followed by the name stories write."""
    return _question(named_in_full(typed), {})


def test_a_nickname_and_the_full_name_searched_with_it_are_one_name() -> None:
    # "Spurs" is searched as "Spurs (Tottenham)": a story writing neither lacks one name, not
    # two
    searched = _searched("Which defender did Spurs sign from Ajax?")
    assert _missing(searched, "The club signed Jan Smit from Ajax.", frozenset()) == 1.0
    assert _missing(searched, "Tottenham signed Jan Smit from Ajax.", frozenset()) == 0.0


def test_a_nickname_typed_before_a_name_belongs_to_that_name() -> None:
    # "Springbok Schalk Burger", searched as "Springbok (South Africa) Schalk Burger": a story
    # that names him need not say "Springbok" nor "South Africa"
    searched = _searched("How many caps has Springbok Schalk Burger won?")
    assert _missing(searched, "Schalk Burger has won 20 caps.", frozenset()) == 0.0


def test_a_score_on_the_way_to_the_result_is_no_number_a_match_report_lacks() -> None:
    # a report tells the goals and the result, seldom each score between them
    question = _question("Which keeper gave away the spot kick that put Wexcombe 2-1 up?", {})
    body = "Wexcombe led again from the penalty spot after Marek Szolnay brought down Pellingham."
    assert _missing(question, body, frozenset()) == 0.0
    result = _question("Who scored in Wexcombe's 3-1 win?", {})
    assert {"3", "1"} <= result.specific  # the result is told: still a number to find


def test_a_keeper_asked_for_by_the_score_his_foul_led_to_is_answered(tmp_path: Path) -> None:
    answer = engine_over_story(tmp_path, "cup_tie_report.txt").ask(
        "Which keeper gave away the spot kick that put Wexcombe 2-1 up?"
    )
    assert answer.found
    assert "Marek Szolnay" in answer.text.splitlines()[0]
