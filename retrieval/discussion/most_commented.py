"""Which article drew the most comments: "Which article has the most comments?", "What is the
most discussed story?". The lexical index counts each file's comments, so this is one index
query, and the answer quotes each article's details passage (its comment count) as the source.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from retrieval.answer.types import Answer, Citation
from retrieval.discussion.articles import Article
from retrieval.facts import COMMENT_LINE
from retrieval.search import Hit

SHOWN = 3  # articles named in the answer, most commented first

_ASKED = re.compile(
    r"\b(?:which|what)\s+(?:article|story|report|piece|post)s?\s+(?:has|had|have|got|gets|"
    r"drew|draws|attracted|attracts|received|receives)\s+the\s+most\s+(?:comments|replies|"
    r"commenters|readers|reactions|discussion)\b|"
    r"\bmost[\s-](?:commented|discussed|debated)(?:\s+(?:on|upon))?\s+"
    r"(?:article|story|report|piece|post)s?\b",
    re.IGNORECASE,
)


def asks_most_commented(question: str) -> bool:
    return bool(_ASKED.search(question))


def most_commented_answer(
    question: str, articles: Sequence[Article], passages: Callable[[str], list[Hit]]
) -> Answer | None:
    """The most commented of ``articles`` (most first), each cited to the line of its details
    passage that counts its comments; None when no article has comments."""
    citations: list[Citation] = []
    lines: list[str] = []
    for article in [a for a in articles if a.comments][:SHOWN]:
        details = next((h for h in passages(article.source) if h.kind == "facts"), None)
        counted = COMMENT_LINE.search(details.text) if details is not None else None
        if details is None or counted is None:
            continue
        citations.append(Citation(len(citations) + 1, details, counted.group(0)))
        title = f"“{article.title}”" if article.title else "an untitled article"
        lines.append(f"{title} ({article.source}): “{counted.group(0)}” [{len(citations)}]")
    if not lines:
        return None
    first, *others = lines
    text = f"The most commented article is {first}"
    if others:
        text += "\nThen:\n" + "\n".join(f"- {line}" for line in others)
    return Answer(question, text, True, tuple(citations), hits=tuple(c.hit for c in citations))
