"""The two sample articles' overviews, checked against their parsed comment trees."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from discussion_reading import (
    assert_attributed_to_the_parsed_comments,
    attributions,
    exchanges,
    positions,
)

from retrieval.answer.attribution import OPINION_NOTE
from retrieval.documents import ParsedDocument
from retrieval.engine import Engine
from retrieval.parsing import parse_file

CORPUS = Path(__file__).resolve().parents[3] / "corpus"
REUTERS = "000_88f28c69f322998a.txt"
PRESS_TV = "001_a3f27b942b602c7e.txt"


def parsed(source: str) -> ParsedDocument:
    return parse_file(CORPUS / source, source=source)


def thread_sizes(doc: ParsedDocument) -> Counter[str]:
    return Counter(c.thread_path.split(".")[0] for c in doc.comments)


@pytest.mark.parametrize("source", [REUTERS, PRESS_TV])
def test_sample_overview_matches_the_parsed_tree(seeded_engine: Engine, source: str) -> None:
    doc = parsed(source)
    answer = seeded_engine.answerer.discussions.overview(source)
    headline, shape, *_ = answer.text.split("\n")
    named = {c.author for c in doc.comments if c.author}
    if named:
        assert headline.endswith(f": {len(doc.comments)} comments by {len(named)} commenters.")
    else:
        assert headline.endswith(f": {len(doc.comments)} comments, all anonymous.")
    tops = sum(1 for c in doc.comments if c.parent_path is None)
    assert shape == f"{tops} top-level comments and {len(doc.comments) - tops} replies."
    top, size = thread_sizes(doc).most_common(1)[0]
    assert f"Most active threads: comment {top} by " in answer.text
    assert f"({size} comments" in answer.text.split("Most active threads: ")[1].split(";")[0]
    grouped = [path for p in positions(answer) for path in p.paths]
    assert len(grouped) == len(set(grouped))  # a comment is in one position only
    assert set(grouped) <= {c.thread_path for c in doc.comments}
    parents = {c.thread_path: c.parent_path for c in doc.comments}
    for exchange in exchanges(answer):
        said = exchange[0][1]
        assert all(parents[path] == said for _, path, _ in exchange[1:])
    assert_attributed_to_the_parsed_comments(answer, doc)
    assert answer.text.endswith(OPINION_NOTE)


def test_reuters_overview_names_its_busiest_commenters(seeded_engine: Engine) -> None:
    doc = parsed(REUTERS)
    answer = seeded_engine.answerer.discussions.overview(REUTERS)
    assert "27 comments by 13 commenters" in answer.text
    counts = Counter(c.author for c in doc.comments if c.author)
    for name, n in counts.most_common(2):
        assert f"{name} ({n})" in answer.text
    assert len(exchanges(answer)) == 3
    # thread 7 (Nick Rhynes) is where readers push back most: it has an exchange
    assert any(e[0] == ("Nick Rhynes", "7", "said") for e in exchanges(answer))


def test_the_issue_question_gets_counts_positions_quotes_and_an_exchange(
    seeded_engine: Engine,
) -> None:
    answer = seeded_engine.ask("What do readers think of the US demand?")
    headline = answer.text.split("\n")[0]
    assert headline.startswith("What readers say about “US demand”:")
    assert "comments by" in headline and "commenters" in headline
    assert len(positions(answer)) >= 2
    assert exchanges(answer) and all(len(e) >= 2 for e in exchanges(answer))
    assert attributions(answer) and all(c.hit.kind == "comment" for c in answer.citations)
    for source in {c.hit.source for c in answer.citations}:
        cited = [c for c in answer.citations if c.hit.source == source]
        doc = parsed(source)
        for citation in cited:
            comment = next(c for c in doc.comments if c.thread_path == citation.hit.thread_path)
            assert citation.hit.author == comment.author
    assert OPINION_NOTE in answer.text


def test_whether_anyone_said_it_is_answered_by_the_comment_that_says_it_first(
    seeded_engine: Engine,
) -> None:
    # Mary E's "So Korea will be much better off as an ally of China" is in none of the
    # overview's positions: the first line quotes the comments the search finds saying it
    answer = seeded_engine.ask("Did any commenter want South Korea to ally with China and Russia?")
    first, headline, *_ = answer.text.split("\n")
    assert first.startswith("In the comments: Mary E (6) wrote “"), first
    assert "ally of China" in first
    assert headline.startswith("What readers say about")
    cited = answer.citations[0]
    assert cited.hit.author == "Mary E" and cited.quote in cited.hit.text
    assert_attributed_to_the_parsed_comments(answer, parsed(REUTERS))


def test_the_press_tv_question_is_about_that_article_only(seeded_engine: Engine) -> None:
    answer = seeded_engine.ask(
        "What were the main arguments in the comments on the Press TV story?"
    )
    assert answer.text.startswith(
        f"The reader discussion under “from Press TV, Tehran” ({PRESS_TV}): "
        "6 comments, all anonymous."
    )
    assert {c.hit.source for c in answer.citations} == {PRESS_TV}
    assert_attributed_to_the_parsed_comments(answer, parsed(PRESS_TV))


def test_who_argued_with_chuckman_walks_the_reply_tree(seeded_engine: Engine) -> None:
    doc = parsed(REUTERS)
    answer = seeded_engine.ask("Who argued with CHUCKMAN and what did they say?")
    his = [c.thread_path for c in doc.comments if c.author == "CHUCKMAN"]
    repliers = [
        c for c in doc.comments if c.parent_path in his and c.author not in (None, "CHUCKMAN")
    ]
    assert answer.text.startswith(f"Replies to CHUCKMAN: CHUCKMAN wrote {len(his)} comments")
    shown = {(a.who, a.path) for a in attributions(answer)}
    assert {(c.author, c.thread_path) for c in repliers} <= shown
    answered = {
        (c.author, c.thread_path)
        for c in doc.comments
        if c.thread_path in {p.parent_path for p in doc.comments if p.author == "CHUCKMAN"}
    }
    assert answered <= shown  # and the comments he answered: AriusArmenian (5), Nick Rhynes (7)
    assert_attributed_to_the_parsed_comments(answer, doc)
