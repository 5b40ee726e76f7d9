"""Corpus and user text shown literally: no mentions, no markdown, no link previews."""

from __future__ import annotations

import pytest

from bot.rendering.markup import (
    ZERO_WIDTH_SPACE as ZW,
)
from bot.rendering.markup import (
    escape_markdown,
    escape_markup,
    neutralize_mentions,
    truncate,
)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("hi @everyone and @here", f"hi @{ZW}everyone and @{ZW}here"),
        ("@Everyone", f"@{ZW}Everyone"),
        ("ping <@123> <@!123> <@&1> <#5>", f"ping <{ZW}@123> <{ZW}@!123> <{ZW}@&1> <{ZW}#5>"),
        ("</ask:99> <:wave:1> <a:dance:2> <t:1700000000:R>", None),
        ("a < b and c > d, mail@example.com", "a < b and c > d, mail@example.com"),
    ],
)
def test_mentions_are_neutralized(raw: str, shown: str | None) -> None:
    result = neutralize_mentions(raw)
    if shown is not None:
        assert result == shown
    assert "<@" not in result and "<#" not in result and "</" not in result
    assert "<:" not in result and "<a:" not in result and "<t:" not in result
    assert result.replace(ZW, "") == raw


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("**bold** *it* ~~gone~~ ||spoiler|| `code`", None),
        ("000_88f28c69f322998a.txt", "000_88f28c69f322998a.txt"),
        ("_leading and trailing_", "\\_leading and trailing\\_"),
        ("# heading\n> quote\n- item\n1. first", "\\# heading\n\\> quote\n\\- item\n1\\. first"),
        ("[click](https://evil.example)", "\\[click](https://evil.example)"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_markdown_is_escaped(raw: str, shown: str | None) -> None:
    result = escape_markdown(raw)
    if shown is not None:
        assert result == shown
    else:
        for char in "*~|`":
            assert char not in result.replace("\\" + char, "")


def test_links_are_wrapped_to_suppress_previews_and_kept_intact() -> None:
    text = "see https://example.com/a_b_*c*?x=1 and http://x.org."
    assert escape_markup(text) == "see <https://example.com/a_b_*c*?x=1> and <http://x.org.>"


def test_escape_markup_combines_both() -> None:
    assert escape_markup("**@everyone** <@1>") == f"\\*\\*@{ZW}everyone\\*\\* <{ZW}@1>"


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 10, "short"),
        ("one two three four", 12, "one two…"),
        ("abcdefghijklmnop", 8, "abcdefg…"),
        ("abc", 1, "…"),
    ],
)
def test_truncate_at_a_word_boundary(text: str, limit: int, expected: str) -> None:
    assert truncate(text, limit) == expected
    assert len(truncate(text, limit)) <= limit
