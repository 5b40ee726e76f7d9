"""One article's comment tree, rebuilt from its committed comment passages.

A long comment is stored as several passages (parts); a ``Remark`` is the whole comment with
its parts, so counts are counts of comments and quotes can still be cut from one part.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from retrieval.search import Hit


def parent_path(path: str) -> str | None:
    """``"7.1.2"`` -> ``"7.1"``; a top-level comment has no parent."""
    return path.rsplit(".", 1)[0] if "." in path else None


@dataclass(frozen=True)
class Remark:
    """One reader comment: where it is in the thread, who wrote it, its passages."""

    source: str
    path: str  # "7.1.2" = reply 2 to reply 1 of comment 7
    author: str | None  # None: the page gave no name
    parent_author: str | None
    parts: tuple[Hit, ...]

    @property
    def parent(self) -> str | None:
        return parent_path(self.path)

    @property
    def top(self) -> str:
        """The top-level comment its thread starts with."""
        return self.path.split(".")[0]

    @property
    def text(self) -> str:
        return "\n".join(part.text for part in self.parts)

    @property
    def who(self) -> str:
        return self.author or "An anonymous reader"

    @property
    def key(self) -> tuple[str, str]:
        return (self.source, self.path)


@dataclass(frozen=True)
class Discussion:
    """The comments of one file, in reading order."""

    source: str
    title: str
    remarks: tuple[Remark, ...]

    @property
    def label(self) -> str:
        """``“Title” (000_x.txt)``, or the file name alone when it has no title."""
        return f"“{self.title}” ({self.source})" if self.title else self.source

    @cached_property
    def _by_path(self) -> dict[str, Remark]:
        return {r.path: r for r in self.remarks}

    @cached_property
    def _children(self) -> dict[str, list[Remark]]:
        children: dict[str, list[Remark]] = {}
        for remark in self.remarks:
            if remark.parent is not None:
                children.setdefault(remark.parent, []).append(remark)
        return children

    def remark(self, path: str) -> Remark | None:
        return self._by_path.get(path)

    def parent_of(self, remark: Remark) -> Remark | None:
        return self._by_path.get(remark.parent) if remark.parent else None

    def replies_to(self, remark: Remark) -> list[Remark]:
        """The direct replies to a comment, in reading order."""
        return list(self._children.get(remark.path, ()))

    def thread(self, top: str) -> list[Remark]:
        """Comment ``top`` and every reply under it."""
        return [r for r in self.remarks if r.top == top]

    @property
    def tops(self) -> list[Remark]:
        return [r for r in self.remarks if r.parent is None]

    def by(self, author: str) -> list[Remark]:
        return [r for r in self.remarks if r.author == author]


def discussion_from(source: str, title: str, passages: Sequence[Hit]) -> Discussion:
    """Group a file's comment passages (in reading order) into whole comments."""
    parts: dict[str, list[Hit]] = {}
    for hit in passages:
        if hit.kind == "comment" and hit.thread_path:
            parts.setdefault(hit.thread_path, []).append(hit)
    remarks = tuple(
        Remark(source, path, hits[0].author, hits[0].parent_author, tuple(hits))
        for path, hits in parts.items()
    )
    return Discussion(source, title, remarks)


@dataclass(frozen=True)
class Headcount:
    comments: int
    commenters: int  # distinct names
    anonymous: int  # comments without a name (their writers cannot be told apart)

    @property
    def phrase(self) -> str:
        """E.g. "27 comments by 14 commenters" or "6 comments, all anonymous"."""
        comments = _plural(self.comments, "comment")
        if not self.anonymous:
            return f"{comments} by {_plural(self.commenters, 'commenter')}"
        if not self.commenters:
            return f"{comments}, all anonymous" if self.comments > 1 else f"{comments}, anonymous"
        return (
            f"{comments} by {_plural(self.commenters, 'named commenter')} "
            f"and {self.anonymous} anonymous"
        )


def headcount(remarks: Sequence[Remark]) -> Headcount:
    named = {r.author for r in remarks if r.author}
    anonymous = sum(1 for r in remarks if not r.author)
    return Headcount(len(remarks), len(named), anonymous)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
