"""The Reuters seed article: title, body, credit and its full reader-comment tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.documents import ParsedDocument
from retrieval.parsing import parse_file

SEED = "000_88f28c69f322998a.txt"
CORPUS = Path(__file__).resolve().parents[3] / "corpus"

# (thread_path, author, parent_path, parent_author), written out by reading the file.
EXPECTED_TREE = [
    ("1", "Vish", None, None),
    ("2", "Séamus Ó Néill", None, None),
    ("3", "Joe", None, None),
    ("4", "Ilya", None, None),
    ("5", "AriusArmenian", None, None),
    ("5.1", "CHUCKMAN", "5", "AriusArmenian"),
    ("6", "Mary E", None, None),
    ("6.1", "bufallobiff", "6", "Mary E"),
    ("7", "Nick Rhynes", None, None),
    ("7.1", "CHUCKMAN", "7", "Nick Rhynes"),
    ("7.1.1", "Canosin", "7.1", "CHUCKMAN"),
    ("7.1.2", "DarkEyes", "7.1", "CHUCKMAN"),
    ("7.1.3", "DarkEyes", "7.1", "CHUCKMAN"),
    ("7.1.3.1", "Joe", "7.1.3", "DarkEyes"),
    ("7.1.4", "Nick Rhynes", "7.1", "CHUCKMAN"),
    ("7.1.5", "James Willy", "7.1", "CHUCKMAN"),
    ("7.2", "JustPassingThrough", "7", "Nick Rhynes"),
    ("7.2.1", "Ilya", "7.2", "JustPassingThrough"),
    ("7.3", "DarkEyes", "7", "Nick Rhynes"),
    ("7.4", "Ilya", "7", "Nick Rhynes"),
    ("7.4.1", "Joe", "7.4", "Ilya"),
    ("7.4.2", "Nick Rhynes", "7.4", "Ilya"),
    ("7.4.2.1", "Ilya", "7.4.2", "Nick Rhynes"),
    ("7.4.2.1.1", "Joe", "7.4.2.1", "Ilya"),
    ("7.4.2.1.1.1", "Ilya", "7.4.2.1.1", "Joe"),
    ("7.4.2.1.1.2", "Joe", "7.4.2.1.1", "Joe"),
    ("8", "CHUCKMAN", None, None),
]


@pytest.fixture(scope="module")
def doc() -> ParsedDocument:
    return parse_file(CORPUS / SEED, source=SEED)


def _comment(doc: ParsedDocument, path: str) -> str:
    return next(c.text for c in doc.comments if c.thread_path == path)


def test_comment_tree_is_exact(doc: ParsedDocument) -> None:
    tree = [(c.thread_path, c.author, c.parent_path, c.parent_author) for c in doc.comments]
    assert tree == EXPECTED_TREE


def test_title_layout_and_credit(doc: ParsedDocument) -> None:
    assert doc.title == (
        "US-South Korea Talks on Trump’s $5bn Troop Payment Demand Collapse After Just 80 Minutes"
    )
    assert doc.source == SEED
    assert doc.layout == "scraped"
    assert doc.metadata == {"credit": "Reuters"}
    assert doc.warnings == ()


def test_body_paragraphs_are_numbered_in_reading_order(doc: ParsedDocument) -> None:
    assert [p.number for p in doc.paragraphs] == list(range(1, 25))
    assert {p.section for p in doc.paragraphs} == {"body"}
    assert doc.paragraphs[0].text == (
        "$5bn is politically impossible for Seoul as South Koreans understand the US is on the "
        "peninsula for its own reasons"
    )
    assert doc.paragraphs[-1].text == (
        "Jeong declined to go into details of the negotiations but the Yonhap news agency "
        "reported the United States wanted South Korea to pay for more categories of expenses."
    )


def test_credit_and_reply_form_are_not_answerable(doc: ParsedDocument) -> None:
    texts = [p.text for p in doc.paragraphs] + [c.text for c in doc.comments]
    for furniture in ("Source: Reuters", "Leave A Reply", "Your email address"):
        assert not any(furniture in text for text in texts)
    assert doc.boilerplate == ("Leave A Reply", "Your email address will not be published.")


def test_first_comment_text_keeps_its_paragraphs(doc: ParsedDocument) -> None:
    assert _comment(doc, "1") == (
        "In Al Capone’s Chicago, this is called a mafia-style shakedown.\n\n"
        "America ain’t in South Korea for any altruistic reason.\n\n"
        "America is occupying South Korea as an imperial outpost to control NE Eurasia and "
        "threaten China and Russia.\n\n"
        "America always acts according to its own bloodthirsty interests–which it pathetically "
        "tries to disguise behind delusional self-serving deceptions.\n\n"
        "And in this case, America even demands to be PAID for it no less!"
    )


def test_last_comment_keeps_all_sixteen_paragraphs(doc: ParsedDocument) -> None:
    last = doc.comments[-1]
    paragraphs = last.text.split("\n\n")
    assert len(paragraphs) == 16
    assert paragraphs[0].startswith("The enduring situation of North and South Korea")
    assert paragraphs[-1] == (
        "Trump’s Korean initiative has turned into something as stupid and indecisive as his "
        "efforts in Iran or Syria or…you name it."
    )
    assert "Leave A Reply" not in last.text


def test_reply_text_is_separate_from_parent_text(doc: ParsedDocument) -> None:
    chuckman = _comment(doc, "5.1")
    assert chuckman.startswith(
        "Of course, you are right. In theoretical terms.\n\n“Kick the US out?”"
    )
    assert len(chuckman.split("\n\n")) == 8
    assert "CHUCKMAN" not in _comment(doc, "5")
    assert "Of course" not in _comment(doc, "5")


def test_inner_line_breaks_and_extra_blank_lines(doc: ParsedDocument) -> None:
    assert _comment(doc, "6").endswith("Just tell them:\nUS- GET OUT!!!")
    assert _comment(doc, "7.2") == (
        "you really live up to your avatar.\na real drainage ditch.\n\n"
        "A rhyne, rhine/rhyne, or reen is drainage ditch, or canal, used to turn areas of "
        "wetland at around sea level into useful pasture."
    )
    assert _comment(doc, "7.2.1") == "This factoid, will be good for my scrabble, thanks! 🙂"


def test_deepest_replies_have_their_own_text(doc: ParsedDocument) -> None:
    assert _comment(doc, "7.4.2.1.1.1").startswith("Agreed, but aside from financing")
    assert _comment(doc, "7.4.2.1.1.2").startswith("Yes and no. Reduction in imperial forces")
    assert _comment(doc, "7.4.2.1.1.2").endswith("there’s no turning back, the damage is done.")
