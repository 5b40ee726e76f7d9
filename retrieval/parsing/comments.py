"""Rebuild the reader-comment tree from numbered, indented comment lines.

A marker line ("  3. Joe says", "    • 1) Yes, I agree…") opens a comment: number 1 is the
first reply to the deepest open comment indented less than it (or top-level comment 1);
number n > 1 is the next sibling of the open comment numbered n-1 with the same marker style
at the same indentation. Any line that fits neither rule is text of the current comment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from retrieval.documents import Comment

_MARKER = re.compile(
    r"^(?P<bullet>[•◦▪·]\s*)?(?P<number>\d{1,4})(?P<style>[.)])(?:\s+(?P<rest>.*))?$"
)
_SAYS = re.compile(r"^(?P<author>.+?)\s+says:?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class _Marker:
    number: int
    style: str
    indents: frozenset[int]  # the bullet's column and the number's column
    column: int  # where the number starts
    author: str | None
    first_line: str | None


@dataclass
class _Node:
    path: str
    number: int
    style: str
    indents: frozenset[int]
    column: int
    author: str | None
    parent: _Node | None
    lines: list[str] = field(default_factory=list)
    replies: int = 0


def is_comment_start(line: str) -> bool:
    """True for an indented line with the marker of a first comment ("  1. Vish says")."""
    marker = _marker(line)
    return marker is not None and min(marker.indents) >= 1 and marker.number == 1


def parse_comments(lines: Sequence[str]) -> tuple[Comment, ...]:
    """Parse the comment section (it starts at a comment-1 marker line) into a flat tree."""
    builder = _TreeBuilder()
    for line in lines:
        builder.feed(line.rstrip())
    return builder.comments()


class _TreeBuilder:
    """Feeds comment lines one by one and keeps the chain of open comments."""

    def __init__(self) -> None:
        self.nodes: list[_Node] = []
        self.open: list[_Node] = []  # the current comment and its ancestors
        self.top_level = 0
        self.says_headers: bool | None = None  # whether this site writes "Name says"
        self.after_text = False

    def feed(self, line: str) -> None:
        if not line.strip():
            if self.open:
                self.open[-1].lines.append("")
            self.after_text = False
            return
        marker = _marker(line)
        if marker is not None and self._looks_like_header(marker) and self._attach(marker):
            self.after_text = marker.first_line is not None
            return
        if self.open:
            self.open[-1].lines.append(line.strip())
        self.after_text = True

    def _looks_like_header(self, marker: _Marker) -> bool:
        """Numbered text lines are not headers: on "says" sites every header says "says";
        elsewhere a header follows a blank line or another header, never a text line."""
        if self.says_headers is None:
            return True
        if self.says_headers:
            return marker.author is not None
        return not self.after_text

    def _attach(self, marker: _Marker) -> bool:
        """Open a comment for ``marker``; False when it would break the numbering."""
        if marker.number == 1:
            depth = next(
                (d for d in reversed(range(len(self.open))) if self.open[d].column < marker.column),
                -1,
            )
            parent = self.open[depth] if depth >= 0 else None
            if (parent.replies if parent else self.top_level) > 0:
                return False
            keep = depth + 1
        else:
            keep = next(
                (d for d in reversed(range(len(self.open))) if _is_previous(self.open[d], marker)),
                -1,
            )
            if keep < 0:
                return False
            parent = self.open[keep].parent
        if parent is None:
            self.top_level += 1
            path = str(marker.number)
        else:
            parent.replies += 1
            path = f"{parent.path}.{marker.number}"
        node = _Node(
            path, marker.number, marker.style, marker.indents, marker.column, marker.author, parent
        )
        if marker.first_line:
            node.lines.append(marker.first_line)
        if self.says_headers is None:
            self.says_headers = marker.author is not None
        del self.open[keep:]
        self.open.append(node)
        self.nodes.append(node)
        return True

    def comments(self) -> tuple[Comment, ...]:
        return tuple(
            Comment(
                thread_path=node.path,
                author=node.author,
                text=_join(node.lines),
                parent_path=node.parent.path if node.parent else None,
                parent_author=node.parent.author if node.parent else None,
            )
            for node in self.nodes
        )


def _is_previous(node: _Node, marker: _Marker) -> bool:
    """True when ``node`` is the sibling just before ``marker`` (n-1, same style and indent)."""
    return (
        node.number == marker.number - 1
        and node.style == marker.style
        and bool(node.indents & marker.indents)
    )


def _marker(line: str) -> _Marker | None:
    line = line.expandtabs(4)
    body = line.lstrip(" ")
    indent = len(line) - len(body)
    match = _MARKER.match(body)
    if match is None:
        return None
    column = indent + match.start("number")
    rest = (match.group("rest") or "").strip()
    says = _SAYS.match(rest)
    return _Marker(
        number=int(match.group("number")),
        style=match.group("style"),
        indents=frozenset({indent, column}),
        column=column,
        author=says.group("author") if says else None,
        first_line=None if says else rest or None,
    )


def _join(lines: list[str]) -> str:
    """Blank-line-separated paragraphs joined by a blank line, inner line breaks kept."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    return "\n\n".join(paragraphs)
