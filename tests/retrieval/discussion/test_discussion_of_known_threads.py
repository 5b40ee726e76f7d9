"""The overview and reply walks of an article whose threads are known: 11 comments by 7
commenters, three positions (the charge is a tax working families cannot afford; it cleans
the air; fund buses and trams first), and replies that push back."""

from __future__ import annotations

from discussion_reading import (
    assert_attributed_to_the_parsed_comments,
    attributions,
    exchanges,
    positions,
)

from retrieval.answer.attribution import OPINION_NOTE
from retrieval.documents import ParsedDocument
from retrieval.engine import Engine

SOURCE = "congestion_charge.txt"
TAX = {"1", "1.2", "2.1", "3.1", "3.3"}  # Alice, Chloe: a tax working families cannot afford
AIR = {"1.1", "1.2.1", "3"}  # Bruno, Farah: cleaner air, less asthma
BUSES = {"2", "2.2", "3.2"}  # Dev, Erin, Gus: buses and trams first


def test_overview_counts_the_parsed_comments_and_commenters(
    charge_engine: Engine, charge_doc: ParsedDocument
) -> None:
    answer = charge_engine.answerer.discussions.overview(SOURCE)
    named = {c.author for c in charge_doc.comments if c.author}
    assert (len(charge_doc.comments), len(named)) == (11, 7)
    assert answer.found and answer.mode == "extractive"
    assert answer.text.startswith(
        "The reader discussion under “City Council Approves Congestion Charge for the Centre” "
        "(congestion_charge.txt): 11 comments by 7 commenters."
    )
    assert "3 top-level comments and 8 replies." in answer.text
    assert (
        "Most active threads: comment 1 by Alice (4 comments by 3 commenters); "
        "comment 3 by Farah (4 comments by 4 commenters); "
        "comment 2 by Dev (3 comments by 3 commenters)."
    ) in answer.text
    assert "Most active commenters: Alice (3), Bruno (2), Chloe (2)" in answer.text
    assert answer.text.endswith(OPINION_NOTE)


def test_three_positions_group_the_comments_that_say_alike(charge_engine: Engine) -> None:
    answer = charge_engine.answerer.discussions.overview(SOURCE)
    shown = positions(answer)
    assert [set(p.paths) for p in shown] in ([TAX, AIR, BUSES], [TAX, BUSES, AIR])
    assert shown[0].count == "5 comments by 2 commenters"
    by_group = {frozenset(p.paths): p.label.lower() for p in shown}
    assert any(w in by_group[frozenset(TAX)] for w in ("tax", "afford"))
    assert any(w in by_group[frozenset(AIR)] for w in ("air", "asthma", "pollution"))
    assert any(w in by_group[frozenset(BUSES)] for w in ("buses", "trams"))
    assert "Also:" not in answer.text  # every comment is in one of the three


def test_exchanges_are_comments_with_the_replies_that_push_back(
    charge_engine: Engine, charge_doc: ParsedDocument
) -> None:
    answer = charge_engine.answerer.discussions.overview(SOURCE)
    shown = exchanges(answer)
    assert shown[0] == [
        ("Farah", "3", "said"),
        ("Chloe", "3.1", "replied"),
        ("Alice", "3.3", "replied"),
    ]
    assert [("Alice", "1", "said"), ("Bruno", "1.1", "replied")] in shown
    assert [("Dev", "2", "said"), ("Alice", "2.1", "replied")] in shown
    parents = {c.thread_path: c.parent_path for c in charge_doc.comments}
    for exchange in shown:
        said = exchange[0][1]
        assert all(parents[path] == said for _, path, verb in exchange[1:])
    # Chloe agreeing with Alice and Erin agreeing with Dev are not exchanges
    assert all(path not in {"1.2", "2.2"} for e in shown for _, path, _ in e)


def test_every_quote_is_exact_and_cited_to_its_author_and_path(
    charge_engine: Engine, charge_doc: ParsedDocument
) -> None:
    for answer in (
        charge_engine.answerer.discussions.overview(SOURCE),
        charge_engine.ask("What do readers think of the congestion charge?"),
        charge_engine.ask("Who argued with Chloe?"),
        charge_engine.ask("What did Bruno and Chloe argue about?"),
    ):
        assert_attributed_to_the_parsed_comments(answer, charge_doc)


def test_an_opinion_question_on_the_article_gets_the_overview(charge_engine: Engine) -> None:
    answer = charge_engine.ask("What do readers think of the congestion charge?")
    assert answer.text.startswith(
        "What readers say about “congestion charge”: the discussion under "
        "“City Council Approves Congestion Charge for the Centre” (congestion_charge.txt) is "
        "about it — 11 comments by 7 commenters."
    )
    assert len(positions(answer)) == 3 and exchanges(answer)


def test_a_narrower_point_counts_only_the_comments_on_it(charge_engine: Engine) -> None:
    answer = charge_engine.ask("What do readers say about asthma?")
    assert "3 comments by 2 commenters under" in answer.text.split("\n")[0]
    [group] = positions(answer)
    assert set(group.paths) == AIR


def test_who_replied_follows_the_reply_links(charge_engine: Engine) -> None:
    answer = charge_engine.ask("Who replied to Alice?")
    lines = answer.text.split("\n")
    assert lines[0] == (
        "Replies to Alice: Alice wrote 3 comments (1, 2.1, 3.3); "
        "2 replies from 2 readers answer them (Bruno, Chloe)."
    )
    assert lines[1].startswith("- Alice (1) said “")
    assert lines[2].startswith("  Bruno (1.1) replied, pushing back: “You are wrong")
    assert lines[3].startswith("  Chloe (1.2) replied, agreeing: “I agree with Alice")
    assert not any("Dev" in line or "Farah" in line for line in lines)  # Alice answered them


def test_argued_with_adds_the_comments_they_answered(charge_engine: Engine) -> None:
    answer = charge_engine.ask("Who argued with Chloe?")
    # one reply: who wrote it and what it says are the first line
    first = answer.text.split("\n")[0]
    assert "; 1 reply answers them: Bruno (1.2.1) replied, pushing back: “Nonsense." in first
    assert "Chloe in turn replied to 2 readers:" in answer.text
    shown = {(a.who, a.path) for a in attributions(answer)}
    assert {("Bruno", "1.2.1"), ("Alice", "1"), ("Farah", "3"), ("Chloe", "3.1")} <= shown


def test_what_two_commenters_argued_about_is_their_chain_of_replies(
    charge_engine: Engine,
) -> None:
    answer = charge_engine.ask("What did Bruno and Chloe argue about?")
    first, chain, *_ = answer.text.split("\n")
    assert first.startswith("Bruno and Chloe answer each other in 1 exchange (2 comments)")
    assert chain.startswith("- Chloe (1.2) said “") and "; Bruno (1.2.1) replied “" in chain


def test_two_commenters_who_never_replied_to_each_other(charge_engine: Engine) -> None:
    answer = charge_engine.ask("What did Dev and Farah argue about?")
    assert not answer.found and not answer.citations
    assert answer.text == "Dev and Farah do not reply to each other in the comments."


def test_whom_someone_replied_to_lists_their_replies(charge_engine: Engine) -> None:
    answer = charge_engine.ask("Who did Alice reply to?")
    lines = answer.text.split("\n")
    assert lines[0] == "Alice replied to 2 readers:"
    assert lines[1].startswith("- Dev (2) said “") and "; Alice (2.1) replied “" in lines[1]
    assert lines[2].startswith("- Farah (3) said “") and "; Alice (3.3) replied “" in lines[2]
    assert "Replies to Alice" not in answer.text


def test_how_many_comments_a_commenter_wrote_is_counted_from_the_thread(
    charge_engine: Engine, charge_doc: ParsedDocument
) -> None:
    written = [c.thread_path for c in charge_doc.comments if c.author == "Alice"]
    assert written == ["1", "2.1", "3.3"]
    for question in (
        "How many comments did Alice write?",
        "Can you tell me how many comments Alice wrote?",
    ):
        answer = charge_engine.ask(question)
        assert answer.text.split("\n")[0] == (
            "Alice wrote 3 comments (1, 2.1, 3.3): 1 starting a thread, 2 replies."
        ), question
        assert_attributed_to_the_parsed_comments(answer, charge_doc)


def test_how_many_replies_a_commenter_drew_counts_the_replies_to_them(
    charge_engine: Engine,
) -> None:
    for question in (
        "How many replies did Alice get?",
        "How many direct replies did Alice's first comment get?",
    ):
        answer = charge_engine.ask(question)
        assert answer.text.split("\n")[0] == (
            "Alice's 3 comments (1, 2.1, 3.3) drew 2 replies from 2 readers (Bruno, Chloe). "
            "Of those, comment 1 drew 2 replies."
        ), question
