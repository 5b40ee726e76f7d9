"""A story introduces someone in one paragraph and quotes them in the next ('…," she said.'):
asked what they said, the quote comes first, not the paragraph that only names them."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.engine import Engine
from tests.conftest import STORIES, engine_with_stories

# A trial report: a former employee is named in one paragraph and quoted in the next
TRIAL = (STORIES / "timber_fraud_trial.txt").read_text(encoding="utf-8")

QUESTION = "What did van driver Kenneth Ogilvie say after the verdict in the Pask-Whitley trial?"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    base: Path = tmp_path_factory.mktemp("trial")
    return engine_with_stories(base, {"timber_fraud_trial.txt": TRIAL})


def test_the_quote_after_the_paragraph_naming_the_speaker_comes_first(engine: Engine) -> None:
    first = engine.search(QUESTION, 5)[0]
    assert first.source == "timber_fraud_trial.txt"
    assert "We lost our jobs" in first.text


def test_the_answer_s_first_line_quotes_them_and_says_who_he_is(engine: Engine) -> None:
    answer = engine.ask(QUESTION)
    assert answer.found
    first = answer.text.splitlines()[0]
    assert "We lost our jobs" in first
    # the quote says only "he said": the paragraph before, which names him, is quoted too
    assert "van driver Kenneth Ogilvie" in first
    quoted = [c for c in answer.citations if "Kenneth Ogilvie" in c.quote]
    assert len(quoted) == 1 and quoted[0].quote in quoted[0].hit.text


def test_a_paragraph_telling_what_they_said_about_it_keeps_its_place(
    seeded_engine: Engine,
) -> None:
    # "Kim Hong-kyun … said the collapse of the talks sent a jarring message" answers itself:
    # the quote after it ("It's upsetting that …") does not come first
    first = seeded_engine.search(
        "What did the former nuclear negotiator Kim Hong-kyun say about the collapse?", 5
    )[0]
    assert "jarring message" in first.text


def test_the_paragraph_naming_him_is_quoted_once(tmp_path_factory: pytest.TempPathFactory) -> None:
    # "Among those on the picket line was Gareth Lowry, 41, a crew manager … He said he had
    # taken a second job …": the sentence naming him says who speaks, and the passage is not
    # quoted a second time as a further answer
    story = (STORIES / "firefighters_strike.txt").read_text(encoding="utf-8")
    engine = engine_with_stories(tmp_path_factory.mktemp("strike"), {"strike.txt": story})
    answer = engine.ask("What did the crew manager on the picket line say about his old crew?")
    first = answer.text.splitlines()[0]
    assert "Half the crew I joined with" in first
    assert first.count("Gareth Lowry") == 1


FLOOD_QUESTION = "What did the Hexley butcher say about her insurance after the flood?"


def test_a_speaker_asked_for_by_town_and_trade_is_quoted_from_the_next_paragraph(
    tmp_path: Path,
) -> None:
    # "the Hexley butcher" is Butcher Lorna Beckwith, not anyone called Hexley; the paragraph
    # naming her goes on with a sentence naming no one else, and her words open the next
    engine = engine_with_stories(
        tmp_path, {"flood.txt": (STORIES / "market_town_flood.txt").read_text(encoding="utf-8")}
    )
    answer = engine.ask(FLOOD_QUESTION)
    first = answer.text.splitlines()[0]
    assert "Butcher Lorna Beckwith" in first and "insurance does not pay" in first
    assert all(c.quote in c.hit.text for c in answer.citations)
    # and her words, told by "she", are hers: the passage is not refused as silent
    quoted = [c for c in answer.citations if "insurance does not pay" in c.quote]
    assert quoted and quoted[0].hit.source == "flood.txt"


def test_why_in_someone_s_words_is_answered_with_their_quote(engine: Engine) -> None:
    # a reason asked "according to" someone is in their words, the paragraph after the one
    # that names them
    answer = engine.ask("Why, according to Kenneth Ogilvie, was the verdict worth it?")
    first = answer.text.splitlines()[0]
    assert "people now know the truth" in first
    assert "van driver Kenneth Ogilvie" in first


def test_what_things_someone_said_is_answered_with_their_quote_first(engine: Engine) -> None:
    # "what things did X say …" asks for their words, as "what did X say …" does
    answer = engine.ask("What things did Kenneth Ogilvie say the staff lost?")
    first = answer.text.splitlines()[0]
    assert first.index("We lost our jobs") < first.index("van driver Kenneth Ogilvie")


BID = """Toffee maker rejects Swiss bid

The Derby toffee maker Pellow & Crane has rejected a 385p-a-share takeover approach from the \
Swiss confectionery group Aldermatt, saying it undervalued the business.

Aldermatt, the world's sixth-largest sweet maker, said it was disappointed but was still \
considering its options. It has until 14 March to make a firm offer.

Analysts said Aldermatt might have to raise its offer to win over shareholders. Rachel Oduya of \
Stonegate Partners said: "The board has set out its stall. I think something north of 430p \
would be needed to get this done, and Aldermatt can afford that." She added that an American \
rival could also enter the race.
"""


def test_words_from_inside_a_quote_are_quoted_with_the_one_who_said_them(tmp_path: Path) -> None:
    # The sentence that answers opens inside Rachel Oduya's quote: the first line starts where
    # her quote does, so it says whose words they are
    engine = engine_with_stories(tmp_path, {"toffee_bid.txt": BID})
    answer = engine.ask("Who reckoned the Swiss would need to go above 430p to clinch the deal?")
    first = answer.text.splitlines()[0]
    assert "Rachel Oduya of Stonegate Partners said" in first
    assert "north of 430p" in first
    assert all(c.quote in c.hit.text for c in answer.citations)


LEAK = """Regulator investigates ticket app leak

The maker of the ticket-booking app Seatwise has admitted that the card details of 400,000
customers were exposed for a fortnight before it told them.

The Information Office said it had opened an investigation. Deputy commissioner Harriet Oyelaran
said: "Firms that hold people's payment details have a duty to guard them. Keeping customers in
the dark for two weeks is not acceptable, and we will want to know why it happened."

Seatwise said it had closed the gap within hours of being told about it.
"""


def test_according_to_someone_the_answer_quotes_their_words_to_the_quote_s_end(
    tmp_path: Path,
) -> None:
    engine = engine_with_stories(tmp_path, {"ticket_leak.txt": LEAK})
    answer = engine.ask(
        "According to the deputy commissioner, what was unacceptable about how the app firm "
        "handled the leak?"
    )
    assert answer.found
    # the quote's first sentence opens the answer; the one saying what was unacceptable
    # follows it, within the same quote
    assert "in the dark for two weeks is not acceptable" in answer.text.splitlines()[0]
