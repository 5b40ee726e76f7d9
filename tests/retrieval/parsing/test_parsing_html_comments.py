"""Saved web pages keep their reader comments: the comment section becomes the comment tree
(authors, replies) and stays out of the article text."""

from __future__ import annotations

from pathlib import Path

from retrieval.chunking import chunk_document
from retrieval.parsing import parse_file, parse_text

PAGE = Path(__file__).resolve().parents[2] / "fixtures" / "web" / "ferry_article.html"


def test_the_comment_section_becomes_the_comment_tree() -> None:
    doc = parse_file(PAGE, source="ferry.html")
    assert doc.layout == "html"
    assert [(c.thread_path, c.author, c.parent_author) for c in doc.comments] == [
        ("1", "Hamish Gunn", None),
        ("1.1", "Isla Mackay", "Hamish Gunn"),
        ("2", "Torquil", None),
    ]
    hamish, isla, torquil = doc.comments
    assert hamish.text == (
        "Twelve pounds is daylight robbery for a twenty-minute crossing.\n\n"
        "The bakery on the island will lose its mainland customers."
    )
    assert isla.text == "Hamish, the engine has to be replaced or there will be no crossing at all."
    assert isla.parent_path == "1"
    assert torquil.text.startswith("Why not run a smaller boat in winter")


def test_the_article_has_no_comment_text_reply_form_or_metadata() -> None:
    doc = parse_file(PAGE, source="ferry.html")
    article = "\n".join(p.text for p in doc.paragraphs)
    assert len(doc.paragraphs) == 3
    assert article.startswith("The council-owned ferry company will double the return fare")
    for absent in ("daylight robbery", "Leave a Reply", "says:", "thoughts on", "Reply", "9:12"):
        assert absent not in article
    assert doc.metadata["byline"] == "Morag Lindsay"
    for comment in doc.comments:
        assert "says" not in comment.text and "Reply" not in comment.text
        assert "February" not in comment.text  # the date line is metadata


def test_comments_are_chunked_with_who_replied_to_whom() -> None:
    doc = parse_file(PAGE, source="ferry.html")
    chunks = chunk_document(doc, "hash", 1000)
    comments = [c for c in chunks if c.metadata["kind"] == "comment"]
    assert [c.metadata["author"] for c in comments] == ["Hamish Gunn", "Isla Mackay", "Torquil"]
    assert comments[1].content.startswith("Reply 1.1 by Isla Mackay to Hamish Gunn on ")


def test_schema_org_comments_and_pages_without_a_comment_section() -> None:
    page = """<!doctype html><html><head><title>Dam report</title></head><body>
    <article><p>The dam inspection found two cracks in the spillway.</p></article>
    <section class="comments">
      <div itemscope itemtype="https://schema.org/Comment">
        <span itemprop="author"><span itemprop="name">Ada</span></span>
        <p itemprop="text">Two cracks is two too many.</p>
        <div itemscope itemtype="https://schema.org/Comment">
          <span itemprop="author">Ben</span><div itemprop="text"><p>They are hairline.</p></div>
        </div>
      </div>
    </section></body></html>"""
    doc = parse_text(page, source="dam.html")
    assert [p.text for p in doc.paragraphs] == [
        "The dam inspection found two cracks in the spillway."
    ]
    assert [(c.thread_path, c.author, c.text) for c in doc.comments] == [
        ("1", "Ada", "Two cracks is two too many."),
        ("1.1", "Ben", "They are hairline."),
    ]
    plain = parse_text("<html><body><p>Only an article.</p></body></html>", source="a.html")
    assert plain.comments == () and [p.text for p in plain.paragraphs] == ["Only an article."]
