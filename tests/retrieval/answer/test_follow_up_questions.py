"""Follow-up questions read as the question they stand for, given the previous answer."""

from __future__ import annotations

import pytest
from fakes.hits import make_hit

from retrieval.answer.followup import resolve
from retrieval.answer.types import Answer, Citation

DAVIS_CUP = (
    "Spain won the Davis Cup for the second time in their history when Carlos Moya beat the "
    "USA's Andy Roddick in the fourth rubber in Seville."
)


def answered(question: str, quote: str, asked: str | None = None) -> Answer:
    hit = make_hit(source="sport_466.txt", title="Spain win Davis Cup", text=quote, similarity=0.7)
    return Answer(question, quote, True, (Citation(1, hit, quote),), asked=asked)


def test_a_pronoun_after_who_is_the_person_the_answer_named() -> None:
    previous = answered("Who won the Davis Cup in 2004?", DAVIS_CUP)
    resolved = resolve("Who did they beat?", previous)
    # not "Davis Cup", which the question gave: the first name the answer added
    assert resolved.text.startswith("Who did Carlos Moya beat?")
    assert "Davis Cup" in resolved.text  # and the topic the question was about
    assert resolved.author is None  # an article's person, not a commenter to filter by


def test_a_follow_up_of_a_follow_up_keeps_the_first_topic() -> None:
    previous = answered(
        "Who did they beat?", DAVIS_CUP, asked="Who did Carlos Moya beat? (won Davis Cup 2004)"
    )
    resolved = resolve("Where was it played?", previous)
    assert "Davis Cup" in resolved.text and "Moya" in resolved.text


def test_a_question_naming_its_own_person_is_not_rewritten() -> None:
    previous = answered("Who won the Davis Cup in 2004?", DAVIS_CUP)
    question = "Why did Tim Henman end his season early?"
    assert resolve(question, previous).text == question


def test_a_pronoun_stands_for_the_one_person_the_last_question_named() -> None:
    quote = "Chief US negotiator James DeHart said the Americans cut short the talks."
    previous = answered("What did he say?", quote, asked="What did James DeHart say? (US)")
    resolved = resolve("Did readers agree with him?", previous)
    assert resolved.text.startswith("Did readers agree with James DeHart?")
    previous = answered("Did Jeong Eun-bo blame the US?", quote)
    assert resolve("What did he say next?", previous).text.startswith("What did Jeong Eun-bo say")


TROOPS = "The United States keeps 28,500 troops in South Korea."


@pytest.mark.parametrize(
    ("before", "follow_up", "meant"),
    [
        (
            "How many US troops are in South Korea?",
            "and in Japan?",
            "How many US troops are in Japan?",
        ),
        (
            "Who is the US negotiator?",
            "what about the South Korean one?",
            "Who is the South Korean negotiator?",
        ),
        ("who led the american side", "And the Korean side?", "who led the Korean side"),
        (  # not the "US" of "US troops": the country written alike
            "How much does Japan pay towards US troops?",
            "And Germany?",
            "How much does Germany pay towards US troops?",
        ),
    ],
)
def test_and_another_country_asks_the_last_question_of_it(
    before: str, follow_up: str, meant: str
) -> None:
    for previous in (
        answered(before, TROOPS),
        Answer(before, "The archive doesn't cover that.", False),
    ):
        assert resolve(follow_up, previous).text == meant


@pytest.mark.parametrize(
    "follow_up",
    [
        "and the weather in Paris today?",  # more than a country
        "And China?",  # which of Japan and South Korea it stands for is not said
    ],
)
def test_a_country_that_does_not_plainly_replace_one_is_left_as_asked(follow_up: str) -> None:
    previous = answered("How much does Japan pay towards US troops in South Korea?", TROOPS)
    assert resolve(follow_up, previous).text == follow_up
