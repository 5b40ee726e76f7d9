"""What users type becomes a clean question, or a clear refusal."""

from __future__ import annotations

import pytest

from bot.exts.qa.questions import QuestionRejected, checked_question, clean_question


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("<@1100000000000000100> How much does the US demand?", "How much does the US demand?"),
        ("```python\nwhat did CHUCKMAN say?\n```", "what did CHUCKMAN say?"),
        (
            "`inline` **bold** __under__ *it* ~~strike~~ ||spoiler||",
            "inline bold under it strike spoiler",
        ),
        ("# Heading\n> quoted line\n- item", "Heading quoted line item"),
        ("[the article](https://example.com/x) says?", "the article says?"),
        ("@everyone @here <@&42> <#7> <:wave:123> </ask:9> what?", "what?"),
        ("file_names_stay 000_88f.txt", "file_names_stay 000_88f.txt"),
        ("  spaced \n\n out  ", "spaced out"),
    ],
)
def test_markup_is_stripped(raw: str, clean: str) -> None:
    assert clean_question(raw) == clean


def test_limits_are_explained() -> None:
    with pytest.raises(QuestionRejected, match="Ask me something about the archive"):
        checked_question("<@1> ** **", 1000)
    with pytest.raises(QuestionRejected, match=r"1,001 characters long; the limit is 1,000"):
        checked_question("x" * 1001, 1000)
    assert checked_question("x" * 1000, 1000) == "x" * 1000
