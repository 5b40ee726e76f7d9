"""What an answer quotes of each passage it cites, given passages the search found."""

from __future__ import annotations

from fakes.hits import make_hit

from retrieval.answer.extractive import answer_from_hits
from retrieval.answer.relevance import ACCEPT_ALL

LEAD = "Foreign Secretary Jack Straw will visit the camp for the anniversary of its liberation."
EDWARD = "Prince Edward will also join the UK delegation on 27 January."
DELEGATION = (
    "Shadow Foreign Secretary Michael Ancram said he was glad the visit had been announced. "
    "Between 1.1 and 1.5 million people were killed at the camp. "
    f"{EDWARD}"
)


def _span(text: str, sentence: str) -> tuple[int, int]:
    start = text.index(sentence)
    return start, start + len(sentence)


def test_a_further_passage_quotes_its_window_that_answers_nearly_as_well() -> None:
    # The cross-encoder put Ancram's sentence first in the second passage and Prince Edward's
    # within a few logit units of it: that passage's line quotes both, as the first line does
    lead = make_hit(id="lead", text=LEAD, best_span=(0, len(LEAD)))
    delegation = make_hit(
        id="delegation",
        text=DELEGATION,
        paragraph=3,
        chunk_index=2,
        best_span=_span(DELEGATION, DELEGATION.split(". ")[0] + "."),
        also_span=_span(DELEGATION, EDWARD),
    )
    answer = answer_from_hits(
        "Which royal is travelling with the foreign secretary?", [lead, delegation], ACCEPT_ALL
    )
    second = answer.text.splitlines()[1]
    assert "Michael Ancram" in second and "Prince Edward" in second
    assert second.index("Michael Ancram") < second.index("Prince Edward")
    assert second.endswith("[2]") and "[1]" not in second
    cited = answer.citations[1]
    assert cited.hit is delegation and cited.also in delegation.text
    assert "Prince Edward" in cited.also


TRUST = (
    "The supporters' trust, which has 640 members, had tried to raise money for its own bid. "
    "Its chairman, Gareth Lumb, welcomed the deal but said fans wanted a voice in the boardroom."
)
TRUST_QUOTE = (
    '"We will give the new owners a fair chance, but we have heard promises before," he said. '
    '"The trust raised £85,000 in six months, and we want that commitment recognised with a '
    'supporter director." The club said it would reply in January.'
)


def _trust_answer(question: str) -> str:
    intro = make_hit(id="intro", text=TRUST, best_span=_span(TRUST, TRUST.split(". ")[1]))
    quote = make_hit(id="quote", text=TRUST_QUOTE, paragraph=2, chunk_index=2)
    answer = answer_from_hits(
        question, [intro], ACCEPT_ALL, following=lambda hit: quote if hit is intro else None
    )
    return answer.text.splitlines()[0]


def test_the_quote_after_a_speaker_runs_on_to_its_sentence_the_question_asks_about() -> None:
    # the chairman is introduced saying something else; his quote opens the next paragraph
    # and answers in its second sentence, which the first line quotes too (not what follows)
    first = _trust_answer(
        "The fans' trust says it raised a lot of money in six months. What does its chairman "
        "say it wants in return?"
    )
    assert "fair chance" in first and "supporter director" in first
    assert "reply in January" not in first


def test_the_quote_after_a_speaker_is_its_first_sentence_when_no_later_one_shares_more() -> None:
    first = _trust_answer("What did the trust's chairman say about the new owners?")
    assert "fair chance" in first and "supporter director" not in first
