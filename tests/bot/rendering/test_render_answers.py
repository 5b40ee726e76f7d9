"""Answers rendered for Discord: attributed text, sources as [n] file — location."""

from __future__ import annotations

from fakes.hits import make_hit

from bot.rendering.answers import answer_messages, answer_text
from bot.rendering.limits import MESSAGE_CHARS
from bot.rendering.markup import ZERO_WIDTH_SPACE
from retrieval.answer.types import Answer, Citation
from retrieval.search import Hit


def hit(**fields: object) -> Hit:
    return make_hit(**{"paragraph": 3, **fields})


ARTICLE = hit()
COMMENT = hit(kind="comment", author="CHUCKMAN", thread_path="7.1", paragraph=None)


def test_found_answer_lists_its_sources() -> None:
    answer = Answer(
        question="q",
        text="The article reports: “x” [1]\nCommenter CHUCKMAN (reply 7.1) claims: “y” [2]",
        found=True,
        citations=(Citation(1, ARTICLE, "x"), Citation(2, COMMENT, "y")),
    )
    assert answer_text(answer) == (
        "The article reports: “x” [1]\nCommenter CHUCKMAN (reply 7.1) claims: “y” [2]\n\n"
        "**Sources**\n"
        "[1] 000_88f28c69f322998a.txt — article ¶3\n"
        "[2] 000_88f28c69f322998a.txt — comment 7.1 by CHUCKMAN"
    )


def test_not_found_answer_offers_nearest_sources_as_such() -> None:
    answer = Answer(
        question="q",
        text="The archive doesn't cover that.",
        found=False,
        nearest=(Citation(1, COMMENT, "y"),),
    )
    assert answer_text(answer) == (
        "The archive doesn't cover that.\n\n"
        "**Nearest sources** (they do not answer it):\n"
        "- 000_88f28c69f322998a.txt — comment 7.1 by CHUCKMAN"
    )


def test_note_and_question_echo_are_escaped() -> None:
    answer = Answer("q", "A “*x*” [1]", True, (Citation(1, ARTICLE, "*x*"),), note="LLM @here")
    text = answer_text(answer, question="**why** @everyone?")
    assert text.startswith(f"> **Q:** \\*\\*why\\*\\* @{ZERO_WIDTH_SPACE}everyone?\n\n")
    assert "A “\\*x\\*” [1]" in text and f"*(LLM @{ZERO_WIDTH_SPACE}here)*" in text


def test_corpus_mentions_in_answers_are_neutralized() -> None:
    quote = "@everyone must register, says <@123456789012345678>"
    answer = Answer(
        "q", f"The article reports: “{quote}” [1]", True, (Citation(1, ARTICLE, quote),)
    )
    text = answer_text(answer)
    assert "@everyone" not in text and "<@1" not in text


def test_long_answers_become_several_messages_at_line_boundaries() -> None:
    lines = [f"The article reports: “{'word ' * 60}{i}” [{i}]" for i in range(1, 20)]
    citations = tuple(Citation(i, ARTICLE, "w") for i in range(1, 20))
    parts = answer_messages(Answer("q", "\n".join(lines), True, citations))
    assert len(parts) > 3 and all(len(p) <= MESSAGE_CHARS for p in parts)
    for line in lines:
        assert sum(line in p for p in parts) == 1
    assert parts[-1].startswith("**Sources**") or "**Sources**" in parts[-1]
