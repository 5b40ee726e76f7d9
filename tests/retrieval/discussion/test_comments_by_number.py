"""A comment asked for as the citations name it ("comment 3", "reply 1.2.1") or by its place
("the first commenter"): quoted, with who wrote it, whom it answers and who replied."""

from __future__ import annotations

import pytest

from retrieval.answer.attribution import OPINION_NOTE
from retrieval.discussion.numbered import asked_comment
from retrieval.engine import Engine

CHARGE = "“City Council Approves Congestion Charge for the Centre” (congestion_charge.txt)"
PRESS_TV = "001_a3f27b942b602c7e.txt"
REUTERS = "000_88f28c69f322998a.txt"


def test_a_comment_asked_by_number_is_quoted_with_its_writer_and_replies(
    charge_engine: Engine,
) -> None:
    answer = charge_engine.ask("What does comment 3 say?")
    assert answer.found
    first = answer.text.splitlines()[0]
    assert first.startswith(
        f"Under {CHARGE}, comment 3 by Farah claims: “Good plan. Cleaner air at last"
    )
    assert first.endswith("3 replies answer it: Chloe (3.1), Gus (3.2), Alice (3.3).")
    [cited] = answer.citations
    assert (cited.hit.thread_path, cited.hit.author) == ("3", "Farah")
    assert cited.quote in cited.hit.text
    assert answer.text.endswith(OPINION_NOTE)


def test_a_reply_by_number_says_whom_it_answers(charge_engine: Engine) -> None:
    answer = charge_engine.ask("Who wrote reply 1.2.1?")
    assert answer.text.startswith(
        f"Under {CHARGE}, reply 1.2.1 by Bruno, answering Chloe (1.2), claims: “"
    )
    assert "Nobody replied to it." in answer.text
    assert answer.citations[0].hit.thread_path == "1.2.1"


def test_the_first_and_the_last_comment_by_place(charge_engine: Engine) -> None:
    last = charge_engine.ask("What did the last commenter say?")
    assert last.text.startswith(f"Under {CHARGE}, the last comment (3) by Farah claims:")
    first = charge_engine.ask("What did the first commenter say?")
    assert first.text.startswith(f"Under {CHARGE}, the first comment (1) by Alice claims:")


def test_a_number_no_comment_has_says_how_the_comments_are_numbered(
    charge_engine: Engine,
) -> None:
    answer = charge_engine.ask("What does comment 12 say?")
    assert not answer.found and not answer.citations
    assert answer.text == (
        f"{CHARGE} has no comment 12: its comments are numbered 1 to 3, replies below them as 1.1."
    )


def test_with_a_point_named_only_the_comment_on_it_is_quoted(seeded_engine: Engine) -> None:
    answer = seeded_engine.ask("What did the first commenter say about Boeing?")
    assert answer.found
    assert [c.hit.source for c in answer.citations] == [PRESS_TV]  # not Vish's, on Reuters'
    assert "the first comment (1) by an anonymous reader claims:" in answer.text
    assert "Raytheon, GE, Lockheed and Boeing" in answer.citations[0].quote


def test_with_two_commented_articles_each_ones_comment_is_given(seeded_engine: Engine) -> None:
    answer = seeded_engine.ask("What does comment 3 say?")
    assert [c.hit.source for c in answer.citations] == [REUTERS, PRESS_TV]
    assert "comment 3 by Joe claims" in answer.text
    assert "comment 3 by an anonymous reader claims" in answer.text


def test_an_article_named_in_the_question_or_just_cited_decides_which(
    seeded_engine: Engine,
) -> None:
    named = seeded_engine.ask("Who replied to the last comment on the Press TV story?")
    assert [c.hit.source for c in named.citations] == [PRESS_TV]
    assert "2 replies answer it: an anonymous reader (4.1), an anonymous reader (4.2)." in (
        named.text
    )
    previous = seeded_engine.ask("How many American troops are stationed in South Korea?")
    assert previous.citations[0].hit.source == PRESS_TV
    followed = seeded_engine.ask("And what does comment 3 say?", previous)
    assert [c.hit.source for c in followed.citations] == [PRESS_TV]
    assert "US 50.000 troops" in followed.citations[0].quote


@pytest.mark.parametrize(
    "question",
    [
        "Who was the first commenter to mention Japan?",  # a search among the comments
        "How many comments does the Reuters story have?",
        "Did shares fall 3.5 per cent after the comment?",
        "What did the first minister say?",
        "Did he reply 2 days later?",
        "How many readers left a comment 3 times?",
    ],
)
def test_questions_that_do_not_point_at_one_comment_are_not_taken_for_it(question: str) -> None:
    assert asked_comment(question) is None
