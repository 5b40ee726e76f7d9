"""What a question asks for beyond its words: a named commenter, and article vs comments."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Kind = Literal["article", "comment"]

_ARTICLE = re.compile(
    r"\b(the (article|story|report|piece|text|editor'?s? note|author|journalist)|"
    r"article|reported|according to the)\b",
    re.IGNORECASE,
)
_COMMENTS = re.compile(
    r"\b(comments?|commenters?|readers?|repl(y|ies|ied)|responded|thread|"
    r"(people|someone|anyone) (say|said|claim|think|argue))\b",
    re.IGNORECASE,
)
_REPLY_TO = r"(?:repl(?:y|ies|ied)|respond(?:s|ed)?|answer(?:s|ed)?)\s+(?:to\s+)?"


@dataclass(frozen=True)
class QueryIntent:
    author: str | None = None  # the question is about what this person wrote
    replied_to: str | None = None  # the question is about replies to this person
    kind: Kind | None = None


def _name_pattern(name: str) -> re.Pattern[str]:
    flags = 0 if len(name) < 3 else re.IGNORECASE
    return re.compile(rf"(?<![\w]){re.escape(name)}(?:'s|’s)?(?![\w])", flags)


def analyse(question: str, authors: Iterable[str]) -> QueryIntent:
    """Find a known author's name and the kind of passage the question favours."""
    found: dict[str, int] = {}  # name -> position; longer names win overlapping matches
    taken: list[range] = []
    for name in sorted({a for a in authors if a}, key=len, reverse=True):
        for match in _name_pattern(name).finditer(question):
            span = range(match.start(), match.end())
            if not any(set(span) & set(other) for other in taken):
                found.setdefault(name, match.start())
                taken.append(span)
    names = sorted(found, key=found.__getitem__)
    named = names[0] if names else None
    author: str | None = None
    replied_to: str | None = None
    for name in names:
        before = question[: found[name]]
        if replied_to is None and re.search(_REPLY_TO + r"$", before, re.IGNORECASE):
            replied_to = name
        elif author is None:
            author = name
        elif replied_to is None:
            replied_to = name  # "what did Canosin say to CHUCKMAN"
    kind: Kind | None = None
    if named is not None or _COMMENTS.search(question):
        kind = "comment"
    if _ARTICLE.search(question) and not (named or _COMMENTS.search(question)):
        kind = "article"
    return QueryIntent(author=author, replied_to=replied_to, kind=kind)
