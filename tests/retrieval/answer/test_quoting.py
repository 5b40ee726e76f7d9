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
