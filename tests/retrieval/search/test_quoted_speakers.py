"""A quote attributed to "he" or "she" is read with the sentence that names the speaker: in
news copy the paragraph before says who is talking and about what, and the quote itself comes
after the speaker's indirect words."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.engine import Engine
from retrieval.search import features as feat
from retrieval.search.features import Candidate
from retrieval.search.ranker import with_quote_after
from retrieval.store import StoredChunk
from tests.conftest import engine_over_story


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
    chunk = StoredChunk("c1", BROADBAND, {"source": "search.txt", "kind": "article"})
    candidate = Candidate(chunk, BROADBAND)
    feat.analyse_text(candidate)
    chosen = (BROADBAND.index("As people"), BROADBAND.index(' "This will'))
    start, end = with_quote_after(candidate, chosen)
    assert BROADBAND[start:end].endswith('what colour did to television."')
    # … and when narration follows the speaker's name, the window stays as it was
    ends_quoted = (0, BROADBAND.index(" As people"))
    assert with_quote_after(candidate, ends_quoted) == ends_quoted
