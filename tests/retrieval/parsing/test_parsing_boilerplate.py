"""Page furniture is kept out of answerable text; prose that merely resembles it is kept."""

from __future__ import annotations

import pytest

from retrieval.parsing import parse_text

ARTICLE = "Headline\n\nFirst paragraph.\n\n{line}\n\nLast paragraph."


@pytest.mark.parametrize(
    "line",
    [
        "Click here to donate",
        "This blog is crowdfunded via PayPal and Patreon.",
        "Please support our work: donate via PayPal",
        "Thanks for helping!",
        "All content herein is owned by author exclusively.",
        "All images within are the full responsibility of the author.",
        "The opinions expressed here are not necessarily the views of this site.",
        "© 2020 Foo Media",
        "Copyright 2019 Reuters",
        "COPYRIGHT © EXAMPLE NEWS",
        "Example News 2021. All rights reserved.",
        "Home | About Us | Contact | Privacy Policy",
        "Share this:",
        "Share on Facebook",
        "Related Posts",
        "Tags: Korea, USA, troops",
    ],
)
def test_boilerplate_line_is_set_aside(line: str) -> None:
    doc = parse_text(ARTICLE.format(line=line), source="a.txt")
    assert [p.text for p in doc.paragraphs] == ["First paragraph.", "Last paragraph."]
    assert doc.boilerplate == (line,)


@pytest.mark.parametrize(
    "line",
    [
        "Copyright lawyers said the ruling was narrow.",
        "“Thanks for helping,” the mayor told the volunteers who cleared the beach.",
        "The school roof was crowdfunded by parents.",
        "Share this view? Most voters do not, a poll found on Tuesday.",
        "About 300 people - mostly students - joined the protest.",
        "Published on May 5, 2019, the report found that rents rose by a third.",
        "Sources say the deal is close.",
    ],
)
def test_prose_that_resembles_boilerplate_is_kept(line: str) -> None:
    doc = parse_text(ARTICLE.format(line=line), source="a.txt")
    assert [p.text for p in doc.paragraphs] == ["First paragraph.", line, "Last paragraph."]
    assert doc.boilerplate == ()
    assert doc.metadata == {}


def test_boilerplate_line_inside_a_paragraph_leaves_the_rest() -> None:
    doc = parse_text("Headline\n\nReal sentence here.\nClick to donate >>\n", source="a.txt")
    assert [p.text for p in doc.paragraphs] == ["Real sentence here."]
    assert doc.boilerplate == ("Click to donate >>",)


def test_reply_form_ends_the_article() -> None:
    doc = parse_text(
        "Headline\n\nThe story.\n\nLeave a comment\n\nName *\n\nEmail *\n\nPost Comment",
        source="a.txt",
    )
    assert [p.text for p in doc.paragraphs] == ["The story."]
    assert doc.boilerplate == ("Leave a comment", "Name *", "Email *", "Post Comment")


def test_credit_and_dateline_become_metadata_and_are_not_numbered() -> None:
    doc = parse_text(
        "Headline\n\nPosted on 3 March 2021 at 10:15\n\nThe story.\n\nSources: Reuters, AP\n",
        source="a.txt",
    )
    assert [(p.number, p.text) for p in doc.paragraphs] == [(1, "The story.")]
    assert doc.metadata == {"published": "3 March 2021", "credit": "Reuters, AP"}
    assert doc.layout == "scraped"
