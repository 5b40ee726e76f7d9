"""A "how many" asks for a count, a "what proportion" for a part of a whole, a "how long" for
a time with its unit; a count is no sum of money nor a ratio ("$5 billion", "five times"): a
sentence holds what is asked only with the kind of number asked for (the ranking reads such
sentences first, and the answer quotes them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.query import expects
from retrieval.search import features as feat
from retrieval.search.amounts import asks_money, asks_time_of_day
from retrieval.search.features import Question
from retrieval.store import StoredChunk
from tests.conftest import STORIES, engine_with_stories, question_expecting

COUNT = "The mass of discarded phones has now reached 90 million handsets, the report says."
SHARE = "Of those swapped for newer models, only 25% get returned to mobile phone firms."


def _number_question(text: str) -> Question:
    return question_expecting(text, "number")


@pytest.mark.parametrize(
    "asked",
    [
        "What proportion of discarded handsets go back to the networks?",
        "what percentage of old phones are recycled",
        "What share of old phones do the networks get back?",
    ],
)
def test_a_part_of_a_whole_is_held_by_a_percentage_not_by_a_count(asked: str) -> None:
    question = _number_question(asked)
    assert feat.holds_asked_thing(question, SHARE)
    assert not feat.holds_asked_thing(question, COUNT)


@pytest.mark.parametrize(
    "held",
    [
        "Almost half of all handsets can now run the games.",
        "One in five phones is recycled.",
        "The plague killed a third of the population.",
    ],
)
def test_a_fraction_in_words_is_a_part_of_a_whole(held: str) -> None:
    question = _number_question("What proportion of phones are recycled?")
    assert feat.holds_asked_thing(question, held)


def test_a_count_still_answers_how_many_and_a_share_price_is_no_share() -> None:
    assert feat.holds_asked_thing(_number_question("How many phones go unused?"), COUNT)
    # a percentage the question gives is no percentage asked for
    after_fall = _number_question("How many handsets were dumped after the 5% fall in sales?")
    assert feat.holds_asked_thing(after_fall, COUNT)
    price = _number_question("At what share price did Standard Life float?")
    assert feat.holds_asked_thing(price, "It floated at 230p a share.")


@pytest.mark.parametrize(
    ("asked", "held", "not_held"),
    [
        (
            "For how many months do new customers get free calls?",
            "New customers get free evening calls for six months.",
            "The offer is limited to the first 50,000 people who sign up.",
        ),
        (
            "How long a ban did the sprinter get?",
            "The sprinter has received an eight-year ban for doping offences.",
            "She was one of 12 athletes named in the inquiry on Free Speech Day.",
        ),
        (
            "how long did the match go on for",
            "The match lasted two hours and 40 minutes.",
            "Henman took the first of his three match points with a service winner.",
        ),
        (
            "How long a gap did Radcliffe have between the Olympic marathon and New York?",
            "She will enter the unknown just 77 days after the Athens marathon.",
            "The pair were locked together for the last few miles of the race.",
        ),
        (
            # a time after something, or a day named so, is no length of the sentence
            "How long is the blogger's sentence?",
            "He has been jailed for 14 years on charges of spying.",
            "He was sentenced one day after a day of action for bloggers.",
        ),
        (
            "How long is the new rail tunnel under the Alps?",
            "The tunnel will run for 57km under the mountains.",
            "The tunnel will open in 2016 and cost 8bn francs.",
        ),
    ],
)
def test_how_long_is_held_by_a_time_or_a_length_with_its_unit(
    asked: str, held: str, not_held: str
) -> None:
    question = _number_question(asked)
    assert feat.holds_asked_thing(question, held)
    assert not feat.holds_asked_thing(question, not_held)


@pytest.mark.parametrize(
    "not_held",
    [
        "Trump has said the U.S. military presence there was “$5 billion worth of protection”.",
        "The US is seeking up to $5 billion a year, more than five times what Seoul pays.",
        "Seoul agreed to pay 1.04 trillion won ($890.54 million) this year, double the last deal.",
    ],
)
def test_how_many_troops_is_not_held_by_a_sum_of_money_or_a_ratio(not_held: str) -> None:
    question = _number_question("How many American troops are in South Korea?")
    assert not feat.holds_asked_thing(question, not_held)
    # a count beside the sum still answers, and money answers a question that asks for it
    with_count = f"{not_held} The US keeps 28,500 troops in the South."
    assert feat.holds_asked_thing(question, with_count)
    dollars = _number_question("How many dollars a year will it pay?")
    assert feat.holds_asked_thing(dollars, not_held)
    assert feat.holds_asked_thing(_number_question("How many times more is asked?"), not_held)


@pytest.mark.parametrize(
    "not_held",
    [
        "No More Mr Nasty is being shown on BBC2 on Saturday 12 February at 2005 GMT.",
        "The documentary, made in 2004, follows the Tory leader from March 3.",
        "Mr Howard says the claim would mean no-one from an immigrant family could lead.",
    ],
)
def test_how_many_watched_is_not_held_by_a_date_a_time_or_a_channel(not_held: str) -> None:
    question = _number_question("How many people watched the documentary on BBC2?")
    assert not feat.holds_asked_thing(question, not_held)
    assert feat.holds_asked_thing(question, f"{not_held} Some 3.2 million people watched it.")


@pytest.mark.parametrize(
    "not_held",
    [
        "Wexcombe Rovers beat ten-man Marlbury 3-1 at Ferris Park on Saturday.",
        "Pengelly kicked a 42-metre penalty to win it in National Division One.",
    ],
)
def test_how_many_spectators_is_not_held_by_a_score_a_measure_or_a_name(not_held: str) -> None:
    question = _number_question("How many spectators turned up at Ferris Park?")
    assert not feat.holds_asked_thing(question, not_held)
    assert feat.holds_asked_thing(question, f"{not_held} The attendance was 8,214.")
    assert feat.holds_asked_thing(question, "Twenty-five fans were turned away.")


def test_a_match_report_without_a_crowd_does_not_say_how_many_watched(tmp_path: Path) -> None:
    told = (STORIES / "cup_tie_report.txt").read_text(encoding="utf-8")
    untold = told.replace(" The attendance was 8,214.", "")
    assert untold != told
    engine = engine_with_stories(tmp_path, {"cup_tie_report.txt": untold})
    assert not engine.ask("How many spectators watched Wexcombe beat Marlbury?").found


def _lacks_amount(question: Question, body: str) -> bool:
    meta = {"source": "story.txt", "kind": "article", "title": ""}
    return feat.lacks_amount(question, feat.Candidate(StoredChunk("c1", body, meta), body))


@pytest.mark.parametrize(
    "asked",
    ["Exactly how much does Scottish rugby owe?", "How much did the club borrow from the bank?"],
)
def test_how_much_owed_or_borrowed_is_given_only_by_a_sum_of_money(asked: str) -> None:
    question = _number_question(asked)
    assert _lacks_amount(question, "We are still arguing 10 years on, he said.")
    assert not _lacks_amount(question, "The union's debts stand at £20m, he said.")


@pytest.mark.parametrize(
    "asked",
    [
        "What transfer fee did Chelsea pay Manchester City for Shaun Wright-Phillips?",
        "what was stuart rose's total pay package in his first year at marks & spencer",
        "What did Apple's iPod shuffle cost in the UK when it launched?",
        "what were the two satellites lost on the rocket insured for",
        "What was the Picasso sold for at auction?",
    ],
)
def test_a_fee_a_pay_package_or_what_it_cost_is_given_only_by_a_sum_of_money(asked: str) -> None:
    # asked by the money's noun or verb, not "how much": a team sheet's minutes are no answer
    assert expects(asked) == "number"
    question = _number_question(asked)
    assert _lacks_amount(
        question, "Man City: James, Mills (Wright-Phillips 83), Barton (Macken 68)."
    )
    assert not _lacks_amount(question, "The player moved for a fee of £21m, with add-ons.")


def test_redundancy_pay_or_compensation_is_given_only_where_the_story_names_it() -> None:
    # a story of the closure gives the savings it makes, not what the staff will be paid
    redundancy = _number_question("How much redundancy pay will the head office staff receive?")
    savings = "The firm will find £60m of savings; most jobs will go through voluntary redundancy."
    assert _lacks_amount(redundancy, savings)
    assert not _lacks_amount(redundancy, "Staff will get redundancy payments of up to £40,000.")
    compensation = _number_question("how much compensation does the rival county want")
    assert _lacks_amount(compensation, "The manager spent £14.5m on new players last summer.")
    assert not _lacks_amount(compensation, "Westmarch are seeking £40,000 in compensation.")


def test_a_cost_split_or_a_price_war_is_no_sum_of_money_asked_for() -> None:
    assert not asks_money("What kind of cost split did Seoul say it wanted?")
    assert not asks_money("What was the price war between the supermarkets about?")
    assert not asks_money("What was the cost of living index in March?")
    assert not asks_money("What was the water company fined for?")  # why, not how much


def test_a_percentage_rise_in_pay_asks_for_a_share_not_a_sum_of_money() -> None:
    # "wages" names a sum, but what is asked is a percentage of it: "a pay rise of 6.5%"
    # answers, with no sum of money in sight
    asked = "What percentage increase in wages are the nurses seeking?"
    assert not asks_money(asked)
    question = _number_question(asked)
    assert not _lacks_amount(question, "They are demanding a pay rise of 6.5% this year.")
    assert _lacks_amount(question, "They walked out for 48 hours on Tuesday morning.")
    assert asks_money("What starting salary do newly qualified nurses get?")


@pytest.mark.parametrize(
    "asked",
    [
        "How much damage, in pounds, did the fire at the paint depot cause?",
        "What penalty did the paint firm have to pay after an earlier accident?",
        "What damages was the newspaper ordered to hand over?",
    ],
)
def test_a_sum_in_pounds_a_penalty_or_damages_is_given_only_by_a_sum_of_money(
    asked: str,
) -> None:
    # "40 tonnes of paint" is a number, but no sum of pounds
    assert asks_money(asked)
    question = _number_question(asked)
    assert _lacks_amount(question, "The depot held about 40 tonnes of paint and solvent.")
    assert not _lacks_amount(question, "The firm was fined £30,000 in 2001 after a leak.")


def test_a_penalty_taken_in_a_game_is_no_sum_of_money() -> None:
    assert not asks_money("What penalty kick did Beckham miss against Turkey?")


def test_a_game_s_score_is_given_only_by_a_score() -> None:
    # a ground's capacity is no final score; "19-13" and a tennis set are
    question = _number_question("What was the final score when Munster played Biarritz?")
    capacity = "Real's ground holds 32,000, whereas Biarritz's has a capacity of just 12,667."
    assert _lacks_amount(question, capacity)
    assert not _lacks_amount(question, "Munster won 19-13 in San Sebastian.")
    tennis = _number_question("By what score did Nadal beat Federer?")
    assert feat.holds_asked_thing(tennis, "Nadal won 6-3 4-6 6-4 6-3 in Paris.")
    assert not feat.holds_asked_thing(tennis, "Nadal, 19, won in 2005 in front of 15,000.")


@pytest.mark.parametrize(
    "share", ["UKIP won 31% of the vote in Erewash.", "UKIP took 31 per cent of the vote."]
)
def test_how_many_votes_is_not_held_by_a_share_of_the_vote(share: str) -> None:
    question = _number_question("How many votes did Robert Kilroy-Silk get in Erewash?")
    assert not feat.holds_asked_thing(question, share)
    assert feat.holds_asked_thing(question, f"{share} He polled 9,950 votes.")
    # a share answers a question that asks for one
    assert feat.holds_asked_thing(_number_question("How many per cent of the vote?"), share)


@pytest.mark.parametrize(
    "not_held",
    [
        "The US forced the deployment of THAAD and has not stayed for over 70 years for Korea.",
        "The alliance has for seventy years formed a buffer against the North.",
        "The 21-year-old hacker was charged in October.",
    ],
)
def test_how_many_things_is_not_held_by_a_length_of_time_or_an_age(not_held: str) -> None:
    question = _number_question("How many launchers did the US deploy in South Korea?")
    assert not feat.holds_asked_thing(question, not_held)
    assert feat.holds_asked_thing(question, f"{not_held} It deployed six launchers there.")
    # a length of time still answers a question that asks for one
    assert feat.holds_asked_thing(_number_question("How many years has the US stayed?"), not_held)


def test_what_share_is_lacking_from_a_passage_with_only_counts_and_sums() -> None:
    question = _number_question("What share of South Koreans want the US troops withdrawn?")
    counts = "The US keeps 28,500 troops in the South and wants $5 billion a year."
    assert _lacks_amount(question, counts)
    assert not _lacks_amount(question, f"{counts} A poll found 54% want them withdrawn.")


@pytest.mark.parametrize(
    "held",
    [
        "Lewis kicked over his stool and sat on the piano, despite his 69 years.",
        "Lewis, 69, kicked over his stool.",
        "The 69-year-old kicked over his stool.",
        "Lewis, aged 69, kicked over his stool.",
    ],
)
def test_how_old_is_held_by_an_age(held: str) -> None:
    question = _number_question("How old is the piano wildman who kicked over his stool?")
    assert feat.holds_asked_thing(question, held)
    assert not feat.holds_asked_thing(question, "Lewis has recorded 40 albums since 1956.")


def test_a_place_in_a_chart_is_no_count_of_copies_sold() -> None:
    question = _number_question("How many copies has the game sold?")
    chart = "The game fell to number nine, and a new release missed the top ten, coming 11th."
    assert not feat.holds_asked_thing(question, chart)
    assert feat.holds_asked_thing(question, f"{chart} It has sold 20,000 copies.")


def test_how_long_is_not_lacking_from_a_time_told_without_a_number() -> None:
    question = _number_question("How long had the session originally been planned to run?")
    told = "They left after about an hour of talks scheduled to continue throughout the day."
    assert not _lacks_amount(question, told)
    assert _lacks_amount(question, "They left the fourth round of talks in Seoul on Tuesday.")


@pytest.mark.parametrize(
    "asked",
    [
        "What time did the Saltbeck crew set out to reach the stricken trawler?",
        "At what time was the lifeboat launched?",
    ],
)
def test_a_time_of_day_is_held_by_a_clock_time_not_by_a_year(asked: str) -> None:
    question = question_expecting(asked, "date")
    assert feat.holds_asked_thing(question, "The lifeboat was launched at 0215 GMT.")
    assert not feat.holds_asked_thing(question, "The lifeboat launched 41 times during 2004.")


FELL = "Pre-tax profits dropped 27% to £18.4m in the year to 31 December 2004."
ROSE = "Pre-tax profits rose 15% from a year ago to reach £546m."


def test_a_fall_asked_is_not_held_by_a_rise_nor_a_rise_by_a_fall() -> None:
    shrink = _number_question("how much did the firm's earnings before tax shrink, in percent")
    assert feat.holds_asked_thing(shrink, FELL)
    assert not feat.holds_asked_thing(shrink, ROSE)
    grow = _number_question("By how much did pre-tax profits go up?")
    assert feat.holds_asked_thing(grow, ROSE)
    assert not feat.holds_asked_thing(grow, FELL)
    turnout = _number_question("How many people turned up?")  # a count, not a rise
    assert feat.holds_asked_thing(turnout, "Attendance fell to 8,214.")
    # what a preface tells of is not what the clause that asks asks
    staff = _number_question(
        "the union body warned cutting whitehall jobs could backfire - how many civil servants "
        "did britain have at that point"
    )
    assert feat.holds_asked_thing(staff, "The civil service grew to 524,000 staff last year.")


def test_a_prison_term_before_what_led_to_it_is_a_length_of_time() -> None:
    question = _number_question("How long a prison term did Trevor Malzard get?")
    assert feat.holds_asked_thing(
        question, "A building firm boss has been jailed for two and a half years after a fall."
    )
    assert not feat.holds_asked_thing(question, "He was sentenced one day after the campaign.")


@pytest.mark.parametrize(
    "asked",
    [
        "what time did the young scottish hurdler clock when he won his heat",
        "What time did she run in the 800m final?",
    ],
)
def test_the_time_a_race_took_is_no_time_of_day(asked: str) -> None:
    assert not asks_time_of_day(asked)


@pytest.mark.parametrize(
    ("told", "held"),
    [
        ("Valley First has won the by-election by 73 votes after a recount.", True),
        ("She held the seat with a majority of 73.", True),
        ("Kent lost by nine wickets at Canterbury.", True),
        ("Morwenna Keast took 11,482 votes, ahead of Simon Treloar on 11,409.", False),
    ],
)
def test_by_how_many_votes_she_won_is_held_by_the_margin_not_her_tally(
    told: str, held: bool
) -> None:
    question = question_expecting("By how many votes did the former nurse win the seat?", "number")
    assert feat.holds_asked_thing(question, told) is held
