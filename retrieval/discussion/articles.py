"""Choosing the article: by file name, by words of its title, or the one most commented on."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from retrieval.discussion.quotes import content_stems

# Words that describe any article, not one: "the Press TV story" is about "Press TV".
_GENERIC = content_stems("story article piece report post page item file news comments")
MIN_PREFIX = 3
LISTED = 10


@dataclass(frozen=True)
class Article:
    source: str
    title: str
    comments: int

    @property
    def line(self) -> str:
        """``000_x.txt — “Title” (27 comments)``"""
        title = f"“{self.title}”" if self.title else "untitled"
        noun = "comment" if self.comments == 1 else "comments"
        return f"{self.source} — {title} ({self.comments} {noun})"


def by_name(words: str, articles: Sequence[Article]) -> list[Article]:
    """The article whose file name is ``words`` (with or without its extension or folder), or
    the only one whose name starts with it."""
    wanted = words.strip().lower()
    if not wanted:
        return []
    for article in articles:
        path = PurePosixPath(article.source.lower())
        if wanted in (str(path), path.name, path.stem):
            return [article]
    if len(wanted) >= MIN_PREFIX:
        starting = [a for a in articles if PurePosixPath(a.source.lower()).name.startswith(wanted)]
        if len(starting) == 1:
            return starting
    return []


def by_title(words: str, articles: Sequence[Article]) -> list[Article]:
    """The articles whose titles hold the most of ``words`` (at least half of them), best
    first; several when they tie."""
    wanted = content_stems(words) - _GENERIC
    if not wanted:
        return []
    scores = {a.source: len(wanted & content_stems(a.title)) for a in articles}
    best = max(scores.values(), default=0)
    if best == 0 or best < math.ceil(len(wanted) / 2):
        return []
    return [a for a in articles if scores[a.source] == best]


def choose(words: str, articles: Sequence[Article]) -> list[Article]:
    """Candidates for ``words``: one when it is clear, several when titles tie, none."""
    return by_name(words, articles) or by_title(words, articles)


def listing(articles: Sequence[Article], total: int | None = None) -> str:
    """The articles with comments, most commented first, one a line (at most ``LISTED``, and
    how many more of the ``total`` there are)."""
    commented = sorted((a for a in articles if a.comments), key=lambda a: (-a.comments, a.source))
    lines = [f"- {a.line}" for a in commented[:LISTED]]
    more = (len(commented) if total is None else total) - len(lines)
    if more > 0:
        lines.append(f"- … and {more} more")
    return "\n".join(lines)
