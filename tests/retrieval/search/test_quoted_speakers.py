"""A quote attributed to "he" or "she" is read with the sentence that names the speaker: in
news copy the paragraph before says who is talking and about what, and the quote itself comes
after the speaker's indirect words."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.engine import Engine
from retrieval.lexical import question_terms
from retrieval.query import Expects, QueryIntent
from retrieval.search import features as feat
from retrieval.search.features import Candidate, Question
from retrieval.search.ranker import with_quote_after
from retrieval.search.speakers import speaker_silent
from retrieval.store import StoredChunk
from tests.conftest import engine_over_story, engine_with_stories


@pytest.fixture(scope="module")
def steelworks(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_over_story(tmp_path_factory.mktemp("steel"), "steelworks_sale.txt")


@pytest.mark.parametrize(
    "question",
    [
        "What did union leader Grazyna Wojcik say about the Vandermeer deal?",
        "What did the union leader say?",
    ],
)
def test_what_someone_said_quotes_their_words_after_the_sentence_that_names_them(
    steelworks: Engine, question: str
) -> None:
    # "Union leader Grazyna Wojcik said workers had been alarmed … "Our members can sleep a
    # little easier tonight, but we will be watching every promise," she said."
    first = steelworks.ask(question).text.splitlines()[0]
    assert "Grazyna Wojcik" in first
    assert "Our members can sleep a little easier tonight" in first


def test_a_quote_by_she_is_found_through_the_paragraph_that_names_her(tmp_path: Path) -> None:
    # The reason is a paragraph of its own, '"We simply cannot find enough good people in
    # Sweden, and frankly the costs are much lower in Estonia," she said.'; the one before says
    # the firm will hire programmers in Tallinn.
    engine = engine_over_story(tmp_path, "games_handset_deal.txt")
    hits = engine.search("Why is Nordljus hiring programmers in Estonia rather than Sweden?", 5)
    assert any("We simply cannot find enough good people" in hit.text for hit in hits)


BROADBAND = (
    '"User experience has contributed to people searching more," said Dana Whitlock of Yahoo. '
    "As people become more familiar with the internet, they tend to spend more time online, she "
    'said. "The other thing is broadband," Ms Whitlock told the BBC News website. "This will do '
    'to the internet what colour did to television." Rivals disagree.'
)


def test_a_quote_that_goes_on_after_its_speaker_is_named_is_quoted_to_its_end() -> None:
    # The window the ranking chose ends with '"The other thing is broadband," Ms Whitlock told
    # the BBC News website.'; what she compared broadband to is the quote after it
    candidate = _article(BROADBAND)
    chosen = (BROADBAND.index("As people"), BROADBAND.index(' "This will'))
    start, end = with_quote_after(candidate, chosen)
    assert BROADBAND[start:end].endswith('what colour did to television."')
    # … and when narration follows the speaker's name, the window stays as it was
    ends_quoted = (0, BROADBAND.index(" As people"))
    assert with_quote_after(candidate, ends_quoted) == ends_quoted


def _article(body: str, position: int = 1) -> Candidate:
    meta = {"source": "f.txt", "kind": "article", "chunk_index": position}
    candidate = Candidate(StoredChunk(f"c{position}", body, meta), body)
    feat.analyse_text(candidate)
    return candidate


FLOOD = "What did the Hexley butcher say about her insurance after the flood?"


def test_the_hexley_butcher_speaks_as_the_butcher_not_as_anyone_called_hexley() -> None:
    terms = tuple(question_terms(FLOOD))
    question = Question(
        FLOOD, QueryIntent(expects="quote"), terms, dict.fromkeys(terms, 3.0), frozenset({"hexley"})
    )
    before = _article("The shops on the square were the worst hit.", 0)
    named = _article("Butcher Lorna Beckwith said she had lost about £20,000 worth of stock.")
    assert not speaker_silent(question, named, [before, named])
    # … and "she" in the paragraph after is the butcher
    quoted = _article('"We are insured, but it does not pay," she said.', 2)
    assert not speaker_silent(question, quoted, [before, named, quoted])
    other = _article("Council leader Dorothy Pennock said the authority could not pay.")
    assert speaker_silent(question, other, [before, other])  # a leader is no butcher


def test_a_named_person_s_father_is_not_his_mother() -> None:
    asked = "What did Kieran Dowsett's father say after the Castleway verdict?"
    terms = tuple(question_terms(asked))
    question = Question(
        asked,
        QueryIntent(expects="quote"),
        terms,
        dict.fromkeys(terms, 3.0),
        frozenset({"kieran", "dowsett", "castleway"}),
    )
    before = _article("Malzard was jailed for two and a half years.", 0)
    mother = _article("Kieran's mother, Sandra Dowsett, said they would not forgive.")
    assert speaker_silent(question, mother, [before, mother])
    father = _article("His father, Alan Dowsett, said the family had been failed.")
    assert not speaker_silent(question, father, [before, father])


@pytest.mark.parametrize(
    "asked",
    [
        "Why does singing help people with COPD, according to Rosalind Quarrie?",
        "Why did Rosalind Quarrie say the singers stayed out of hospital?",
    ],
)
def test_a_reason_in_someone_s_words_is_not_told_by_someone_else(asked: str) -> None:
    question = _asking(asked, "reason", feat.specific_terms(asked))
    before = _article("The study followed 412 patients for 18 months.", 0)
    other = _article("Professor Anselm Brackwell said the singers may have been fitter.")
    assert speaker_silent(question, other, [before, other])
    hers = _article('Dr Quarrie said: "Singing teaches you to control your breath."')
    assert not speaker_silent(question, hers, [before, hers])


def test_according_to_a_study_asks_for_no_one_s_words() -> None:
    asked = "Why did the patients sing, according to the Wendlebury study?"
    question = _asking(asked, "reason", feat.specific_terms(asked))
    told = _article("The study found singing eased breathing because it trained the lungs.")
    assert not speaker_silent(question, told, [told])


def _asking(asked: str, expects: Expects, specific: frozenset[str]) -> Question:
    """The question as the features read it, each of its words weighted alike."""
    terms = tuple(question_terms(asked))
    return Question(asked, QueryIntent(expects=expects), terms, dict.fromkeys(terms, 3.0), specific)


PLEDGE = (
    "Chairman Sir Clive Mottersby said the board was deeply disappointed. He said the loans had "
    'been approved under rules which have since been tightened. "We got this wrong," he said. '
    '"No single customer will ever again account for more than 5% of our lending."'
)


def test_what_he_said_next_and_the_quotes_after_it_are_the_speaker_s_words() -> None:
    # The window naming him ends in narration; "He said …" and the quotes after it go on with
    # his words, to the pledge at the end
    candidate = _article(PLEDGE)
    start, end = with_quote_after(candidate, (0, PLEDGE.index(" He said")))
    assert (start, PLEDGE[start:end]) == (0, PLEDGE)


HALVERSTONE = f"""Bank shares slump on profit warning

Shares in Halverstone Bank fell by almost a quarter on Wednesday after the Derby-based lender \
warned that profits for 2004 would be well below forecasts.

Most of the losses came from loans to Tarrowby Care, which ran 31 nursing homes and went into \
administration in November owing the bank £14.2m.

{PLEDGE}

Analysts said the problems appeared to be confined to one borrower.
"""


def test_a_pledge_asked_of_someone_is_answered_with_their_words_to_the_end(
    tmp_path: Path,
) -> None:
    engine = engine_with_stories(tmp_path, {"halverstone.txt": HALVERSTONE})
    answer = engine.ask("What pledge did Sir Clive Mottersby make about lending to one client?")
    assert "No single customer will ever again" in answer.text.splitlines()[0]


def _silent(asked: str, before: str, passage: str) -> bool:
    """Whether ``passage`` (after the paragraph ``before``) reports no words of the one whose
    words ``asked`` asks for."""
    question = _asking(asked, "quote", feat.specific_terms(asked))
    candidates = [_article(before, 0), _article(passage)]
    return speaker_silent(question, candidates[1], candidates)


def test_a_person_s_agent_speaking_is_not_the_person_speaking() -> None:
    # "What did Ryan Moatsi himself say?": only his agent is quoted, and the "He claimed" after
    # the agent's name is the agent's, as is his own name inside the agent's words
    asked = "What did Ryan Moatsi himself say about the row over his signing?"
    before = "Westmarch insist Moatsi had already committed himself to them."
    agent = (
        "Moatsi's agent, Faizal Adams, said the document was a statement of interest. He "
        'claimed Westmarch had failed to confirm terms. "Ryan waited for more than a month '
        'and heard nothing," Mr Adams said.'
    )
    assert _silent(asked, before, agent)
    assert not _silent(asked, before, 'Moatsi said: "I signed nothing binding with Westmarch."')


def test_she_said_after_someone_else_speaks_is_not_the_woman_asked_about() -> None:
    # The musical starred Joanna Petrakis, who is never quoted; its composer is
    asked = "What did Joanna Petrakis say about her musical closing early?"
    before = "The show will close in February after just 19 weeks."
    composer = (
        "It starred Joanna Petrakis, with a score by composer Hattie Venning. Ms Venning "
        'admitted the show had been "wounded" by the reviews but said audiences had loved it. '
        '"Every night there is a standing ovation," she said.'
    )
    assert _silent(asked, before, composer)
    star = 'It starred Joanna Petrakis. "I am heartbroken that we are closing," she said.'
    assert not _silent(asked, before, star)
