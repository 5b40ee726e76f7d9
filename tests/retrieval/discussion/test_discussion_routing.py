"""Which questions get a discussion answer: about the discussion as a whole, who replied to
whom, what readers think. Factual questions about one comment keep the ordinary answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retrieval.discussion.recognise import recognise
from retrieval.engine import Engine
from retrieval.query import analyse

GOLDEN = Path(__file__).resolve().parents[3] / "eval" / "golden.jsonl"

DISCUSSION_QUESTIONS = {
    "What do readers think of the $5bn demand?": "What readers say about “$5bn demand”",
    "Did anyone defend the US presence?": "What readers say about “defend US presence”",
    "Who argued with CHUCKMAN and what did they say?": "Replies to CHUCKMAN:",
    "What were the main arguments in the comments on the Press TV story?": (
        "The reader discussion under “from Press TV, Tehran”"
    ),
    "Who replied to Mary E?": "Replies to Mary E:",
    "What did Ilya and Joe argue about?": "Ilya and Joe answer each other in 2 exchanges",
    "Summarise the discussion": "The reader discussion under “US-South Korea Talks",
    "What are readers saying about Putin?": "What readers say about “Putin”",
}


@pytest.mark.parametrize("question", DISCUSSION_QUESTIONS)
def test_discussion_questions_get_a_discussion_answer(seeded_engine: Engine, question: str) -> None:
    answer = seeded_engine.ask(question)
    assert answer.found and answer.text.startswith(DISCUSSION_QUESTIONS[question])
    assert answer.citations and all(c.hit.kind == "comment" for c in answer.citations)


def test_what_one_commenter_said_keeps_the_ordinary_answer(seeded_engine: Engine) -> None:
    answer = seeded_engine.ask("What did CHUCKMAN say about Putin?")
    assert answer.text.startswith("Commenter CHUCKMAN (reply 7.1 to Nick Rhynes) claims: “")
    assert "Positions" not in answer.text and "Replies to" not in answer.text


def test_factual_golden_questions_are_not_discussion_questions(seeded_engine: Engine) -> None:
    discussions = seeded_engine.answerer.discussions
    cases = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    routed = [c["question"] for c in cases if discussions.answer(c["question"]) is not None]
    assert routed == ["Who replied to Mary E?"]


def test_an_opinion_question_the_comments_do_not_touch_is_not_covered(
    seeded_engine: Engine,
) -> None:
    answer = seeded_engine.ask("What do readers think of the World Cup?")
    assert not answer.found
    assert answer.text.splitlines() == [
        "No reader comment is about “World Cup”.",
        "The archive doesn't cover that.",
    ]


def test_readers_asked_about_what_only_the_article_covers_are_said_to_be_silent(
    seeded_engine: Engine,
) -> None:
    """The first line answers the question asked (what readers said: nothing); what the
    article says follows, as the article's."""
    answer = seeded_engine.ask("What did commenters say about James DeHart?")
    first, *rest = answer.text.splitlines()
    assert first == "No reader comment is about “James DeHart”."
    assert answer.found and rest[0].startswith("The article reports: ") and "DeHart" in rest[0]
    assert all(c.hit.kind != "comment" for c in answer.citations)


def test_a_follow_up_about_the_person_just_quoted_walks_their_replies(
    seeded_engine: Engine,
) -> None:
    first = seeded_engine.ask("What did CHUCKMAN say about Putin?")
    answer = seeded_engine.ask("Who replied to him?", first)
    assert answer.text.startswith("Replies to CHUCKMAN:")


def test_a_commenter_s_name_inside_a_longer_name_is_not_that_commenter(
    seeded_engine: Engine,
) -> None:
    # "Joe" comments on the Reuters story; Joe Biden does not
    assert seeded_engine.ask("Who replied to Joe?").text.startswith("Replies to Joe:")
    answer = seeded_engine.ask("Who replied to Joe Biden?")
    assert "Replies to Joe" not in answer.text
    assert seeded_engine.searcher.intent("What did Joe Biden say about Korea?").author is None


@pytest.mark.parametrize(
    "question", ["Which article has the most comments?", "What is the most discussed story?"]
)
def test_the_most_commented_article_is_named_with_its_count(
    seeded_engine: Engine, question: str
) -> None:
    answer = seeded_engine.ask(question)
    first = answer.text.splitlines()[0]
    assert first.startswith("The most commented article is “US-South Korea Talks")
    assert "27 reader comments" in first and "[1]" in first
    top = answer.citations[0]
    assert top.hit.source == "000_88f28c69f322998a.txt" and top.hit.location == "article details"
    assert all(c.quote in c.hit.text for c in answer.citations)
    assert "6 reader comments" in answer.text  # the other commented article, after it


@pytest.mark.parametrize(
    ("question", "discussion"),
    [
        (
            "how did the bbc's political editor sum up the minister's handling of the commons "
            "debate on the bill",
            False,  # what one person said of a debate in parliament
        ),
        ("Sum up the debate in the comments", True),
        ("Give me a summary of the discussion", True),
    ],
)
def test_summing_up_a_debate_is_a_discussion_question_only_among_readers(
    question: str, discussion: bool
) -> None:
    assert (recognise(question, analyse(question, lambda name: None)) is not None) is discussion
