"""Plain text, Markdown and saved HTML pages, and how the layout is chosen."""

from __future__ import annotations

from pathlib import Path

from retrieval.parsing import parse_file, parse_text

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "parsing"


def test_plain_article_without_comments() -> None:
    doc = parse_file(FIXTURES / "plain_article.txt", source="plain_article.txt")
    assert doc.layout == "plain"
    assert doc.title == "Harbour Bridge Reopens After Two Years of Repairs"
    assert [p.number for p in doc.paragraphs] == [1, 2, 3, 4]
    assert doc.paragraphs[0].text == (
        "The Harbour Bridge reopened to traffic on Monday after a two-year\n"
        "repair programme that cost the city 41 million euros."
    )
    assert (
        doc.paragraphs[3].text == "Tolls will stay at 2 euros for cars until the end of the year."
    )
    assert doc.comments == ()
    assert doc.boilerplate == ()
    assert doc.metadata == {}


def test_plain_title_is_first_non_empty_line_even_inside_a_block() -> None:
    doc = parse_text("\n\nShort note\nwith a second line.\n\nAnd more.", source="note.txt")
    assert doc.title == "Short note"
    assert [p.text for p in doc.paragraphs] == ["with a second line.", "And more."]


def test_markdown_article() -> None:
    doc = parse_file(FIXTURES / "article.md", source="article.md")
    assert doc.layout == "markdown"
    assert doc.title == "Rail Strike Ends After Nine Days"
    assert [p.text for p in doc.paragraphs] == [
        "Unions and the operator signed a deal on Friday, ending the longest\n"
        "rail strike in a decade. Read the full agreement.",
        "What changes",
        "Wages rise by 4 percent this year.",
        "Night shifts are capped at 10 hours.",
        '"Nobody wanted this to last," said union leader Tom Berg.',
        "timetable: normal from Monday",
    ]
    assert doc.metadata == {"credit": "AP"}
    assert doc.boilerplate == ("Share this:", "Copyright © 2023 Example Wire. All rights reserved.")


def test_markdown_recognised_by_leading_heading_and_front_matter_is_read() -> None:
    by_heading = parse_text("# Budget Passed\n\nThe *budget* passed.", source="budget.txt")
    assert by_heading.layout == "markdown"
    assert by_heading.title == "Budget Passed"
    assert [p.text for p in by_heading.paragraphs] == ["The budget passed."]
    front = parse_text(
        '---\ntitle: "Budget Passed"\ndate: 2020-01-02\nauthor: Kim Lee\n---\n\n'
        "The budget passed.\n",
        source="budget.markdown",
    )
    assert front.title == "Budget Passed"
    assert front.metadata == {"published": "2020-01-02", "byline": "Kim Lee"}
    assert [p.text for p in front.paragraphs] == ["The budget passed."]


def test_saved_html_page() -> None:
    doc = parse_file(FIXTURES / "saved_page.html", source="saved_page.html")
    assert doc.layout == "html"
    assert doc.title == "Flood Barrier Approved | Example News"
    assert doc.metadata == {"byline": "Lena Fischer", "published": "2021-03-04"}
    assert [p.text for p in doc.paragraphs] == [
        "The council approved a new flood barrier on the river Elm, costing €12 million.",
        "Work starts in May, the barrier should be ready\nbefore winter 2023.",
        "Who pays",
        "The city pays half.",
        "The region pays the rest & maintenance.",
    ]
    assert doc.boilerplate == ("Share this", "© 2021 Example News. All rights reserved.")
    everything = " ".join(p.text for p in doc.paragraphs)
    for dropped in ("tracking", "console", "color", "Home", "Storm damage", "Privacy"):
        assert dropped not in everything


def test_html_recognised_by_content_and_title_falls_back_to_h1() -> None:
    doc = parse_text(
        "<!doctype html><html><body><h1>Dam Opens</h1><p>Water flows.</p></body></html>",
        source="page.txt",
    )
    assert doc.layout == "html"
    assert doc.title == "Dam Opens"
    assert [p.text for p in doc.paragraphs] == ["Water flows."]


def test_htm_extension_selects_html() -> None:
    doc = parse_text("<p>Only a paragraph.</p>", source="old/page.HTM")
    assert doc.layout == "html"
    assert doc.title == "page"
    assert [p.text for p in doc.paragraphs] == ["Only a paragraph."]


def test_text_that_mentions_html_is_not_html() -> None:
    doc = parse_text("Why <html> tags matter\n\nA short essay.", source="essay.txt")
    assert doc.layout == "plain"
    assert doc.title == "Why <html> tags matter"
