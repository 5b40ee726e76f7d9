"""The Press TV seed article: byline title, signed editor's note, boilerplate, dateline and
anonymous comments with bullet-marked replies."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.documents import ParsedDocument
from retrieval.parsing import parse_file

SEED = "001_a3f27b942b602c7e.txt"
CORPUS = Path(__file__).resolve().parents[3] / "corpus"

EXPECTED_TREE = [
    ("1", None, None, None),
    ("2", None, None, None),
    ("3", None, None, None),
    ("4", None, None, None),
    ("4.1", None, "4", None),
    ("4.2", None, "4", None),
]
BOILERPLATE_PHRASES = (
    "crowdfunded via PayPal",
    "Thanks for helping",
    "Click to donate",
    "All content herein",
    "Expressed opinions are NOT necessarily",
    "All images within",
    "Read Full Policy Notice",
    "First published",
)


@pytest.fixture(scope="module")
def doc() -> ParsedDocument:
    return parse_file(CORPUS / SEED, source=SEED)


def _comment(doc: ParsedDocument, path: str) -> str:
    return next(c.text for c in doc.comments if c.thread_path == path)


def test_comment_tree_is_exact(doc: ParsedDocument) -> None:
    tree = [(c.thread_path, c.author, c.parent_path, c.parent_author) for c in doc.comments]
    assert tree == EXPECTED_TREE


def test_title_byline_and_dateline(doc: ParsedDocument) -> None:
    assert doc.title == "from Press TV, Tehran"
    assert doc.layout == "scraped"
    assert doc.metadata == {"byline": "Press TV, Tehran", "published": "November 19, 2019"}
    assert doc.warnings == ()


def test_editor_note_paragraphs_are_signed_and_unwrapped(doc: ParsedDocument) -> None:
    notes = [p for p in doc.paragraphs if p.section == "editor_note"]
    assert [p.number for p in notes] == list(range(1, 9))
    assert {p.author for p in notes} == {"Jim W. Dean"}
    assert notes[0].text.startswith("The US has entered into another self-inflicted")
    assert notes[-1].text.endswith("and pay the bill, too, a barter deal for sand")
    assert not any("Jim W. Dean" in p.text or "]" in p.text or "[" in p.text for p in notes)


def test_body_paragraphs_follow_the_note(doc: ParsedDocument) -> None:
    body = [p for p in doc.paragraphs if p.section == "body"]
    assert [p.number for p in body] == list(range(9, 22))
    assert {p.author for p in body} == {None}
    assert body[0].text.startswith("The latest round of military cost-sharing talks")
    assert body[4].text == "The US blamed the South."
    assert body[-1].text == (
        "The Pentagon insists the troops are in South Korea to deter perceived threats from "
        "North Korea."
    )


def test_no_break_spaces_become_spaces(doc: ParsedDocument) -> None:
    assert "already in place. “The US believes" in doc.paragraphs[10].text
    assert not any("\u00a0" in p.text for p in doc.paragraphs)


def test_boilerplate_is_kept_out_of_answerable_text(doc: ParsedDocument) -> None:
    texts = [p.text for p in doc.paragraphs] + [c.text for c in doc.comments]
    for phrase in BOILERPLATE_PHRASES:
        assert not any(phrase in text for text in texts), phrase
    assert doc.boilerplate[0] == "Jim's Editor’s Notes are solely crowdfunded via PayPal"
    assert doc.boilerplate[-1] == "About VT - Read Full Policy Notice - Comment Policy"
    assert len(doc.boilerplate) == 5


def test_header_without_author_starts_the_comment_text(doc: ParsedDocument) -> None:
    first = _comment(doc, "1")
    assert first.startswith("well, well, there certainly is a pickle to chew on")
    assert first.endswith("why I don’t vote:http://www.youtube.com/watch?v=qxsQ7jJJcEA")
    assert first.count("\n") == 6
    assert "\n\n" not in first
    assert _comment(doc, "2").split("\n\n") == [
        "Dear South Korea,",
        "I am deeply sorry for the division I have caused between your brothers and sisters. "
        "We were led by religious zealots and foreign Monarchy who caused our incentive to "
        "military action against you. We are now waking up to the influence they had over us. "
        "Please be patient while we try to inform our leaders.",
        "Signed, US.",
        "PS, Love the culture,. and the people,…. I hope we can work it out together. So much "
        "to look forward to. HUGS !!!!",
    ]


def test_bullet_replies_have_their_own_text(doc: ParsedDocument) -> None:
    assert _comment(doc, "4").endswith(
        "I shall have a wee drum of a single malt… Another victory for peace!"
    )
    assert "Yes, I agree" not in _comment(doc, "4")
    assert _comment(doc, "4.1") == (
        "Yes, I agree with you regarding US troop numbers, the US could just leave 30 troops at "
        "the South Korean military base and the country would still be covered under the US "
        "security blanket. This would save both countries money."
    )
    reply = _comment(doc, "4.2").split("\n\n")
    assert len(reply) == 3
    assert reply[0].startswith("Was the very widely published issues")
    assert reply[0].split("\n")[1].startswith("China has put together an agreement")
    assert reply[-1].endswith(
        "will they make a very large point that their military bases should be closed first?"
    )
