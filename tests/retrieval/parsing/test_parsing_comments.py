"""Comment threads whose text contains numbered lines, and editor's-note variants."""

from __future__ import annotations

from pathlib import Path

from retrieval.documents import ParsedDocument
from retrieval.parsing import parse_file, parse_text

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "parsing"


def _tree(doc: ParsedDocument) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(c.thread_path, c.author, c.parent_path, c.parent_author) for c in doc.comments]


def test_numbered_lines_in_named_comments_stay_text() -> None:
    """On a site whose headers read "Name says", numbered lines without "says" are text."""
    doc = parse_file(FIXTURES / "comment_lists_says.txt", source="lists.txt")
    assert _tree(doc) == [
        ("1", "Anna", None, None),
        ("1.1", "Bob", "1", "Anna"),
        ("2", "Carl", None, None),
    ]
    assert doc.comments[0].text == (
        "Two problems with this plan:\n"
        "1. first point: fees hit workers hardest\n"
        "2. second point: the buses are full already\n\n"
        "And one more thing:\n\n"
        "1. third point, on its own line after a blank line"
    )
    assert doc.comments[1].text == "I agree with the first point."
    assert doc.comments[2].text == "2. a numbered line with no first point before it"
    assert doc.boilerplate == ("Leave A Reply",)


def test_numbered_lines_in_anonymous_comments_stay_text() -> None:
    """Without "says", a list right under a text line, or a number that continues no list,
    is text; bullet replies and their siblings are still found."""
    doc = parse_file(FIXTURES / "comment_lists_anonymous.txt", source="lists.txt")
    assert _tree(doc) == [
        ("1", None, None, None),
        ("2", None, None, None),
        ("2.1", None, "2", None),
        ("2.2", None, "2", None),
        ("3", None, None, None),
    ]
    assert doc.comments[0].text == (
        "Two problems with this plan:\n1. fees hit workers hardest\n2. the buses are full already"
    )
    assert doc.comments[1].text == (
        "This is a second comment.\n\n3. a stray numbered line that continues no list"
    )
    assert doc.comments[3].text == "Another reply to the second comment,\nwith a second line."
    assert doc.comments[4].text == "A third comment."


def test_a_restarted_number_never_duplicates_a_thread_path() -> None:
    text = (
        "Headline\n\nThe story.\n\n"
        "  1. First comment.\n\n"
        "  2. Second comment.\n\n"
        "    1. A reply.\n\n"
        "  1. Numbering restarted by the page, not a new comment.\n\n"
        "    1. Another first reply after the restart.\n"
    )
    doc = parse_text(text, source="restart.txt")
    assert _tree(doc) == [
        ("1", None, None, None),
        ("2", None, None, None),
        ("2.1", None, "2", None),
    ]
    assert doc.comments[2].text == (
        "A reply.\n\n1. Numbering restarted by the page, not a new comment.\n\n"
        "1. Another first reply after the restart."
    )


def test_unindented_numbered_list_in_the_article_is_not_a_comment_section() -> None:
    doc = parse_text("Steps\n\n1. Boil water.\n2. Add rice.\n", source="steps.txt")
    assert doc.comments == ()
    assert [p.text for p in doc.paragraphs] == ["1. Boil water.\n2. Add rice."]


def test_single_paragraph_editor_note_without_signature() -> None:
    doc = parse_text(
        "Headline\n\n[Editor's note: this story was updated on Friday.]\n\nThe story.",
        source="n.txt",
    )
    assert [(p.number, p.section, p.author, p.text) for p in doc.paragraphs] == [
        (1, "editor_note", None, "this story was updated on Friday."),
        (2, "body", None, "The story."),
    ]


def test_editor_note_signed_after_a_dash() -> None:
    doc = parse_text(
        "Headline\n\n[ Editors note: First part.\n\nSecond part. — Gordon Duff ]\n\nThe story.",
        source="n.txt",
    )
    assert [(p.section, p.author, p.text) for p in doc.paragraphs] == [
        ("editor_note", "Gordon Duff", "First part."),
        ("editor_note", "Gordon Duff", "Second part."),
        ("body", None, "The story."),
    ]


def test_editor_note_that_never_closes_marks_one_paragraph_and_warns() -> None:
    doc = parse_text("Headline\n\n[ Editor’s Note: no end\n\nThe story.", source="n.txt")
    assert [p.section for p in doc.paragraphs] == ["editor_note", "body"]
    assert doc.paragraphs[0].text == "no end"
    assert doc.warnings == (
        "n.txt: an editor's note has no closing ']'; only its first paragraph is marked",
    )
