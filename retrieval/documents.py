"""The structured form of one corpus file, as the parser produces it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Section = Literal["body", "editor_note"]


@dataclass(frozen=True)
class Paragraph:
    """One answerable paragraph of the article, numbered from 1 in reading order."""

    number: int
    text: str
    section: Section = "body"
    author: str | None = None  # set when the paragraph is signed (e.g. an editor's note)


@dataclass(frozen=True)
class Comment:
    """One reader comment.

    ``thread_path`` is the dotted position in the thread: ``"7.1.2"`` is reply 2 to
    reply 1 of top-level comment 7. ``parent_path``/``parent_author`` are ``None`` for
    top-level comments; ``author``/``parent_author`` are ``None`` when the page gave no name.
    """

    thread_path: str
    author: str | None
    text: str
    parent_path: str | None = None
    parent_author: str | None = None

    @property
    def depth(self) -> int:
        return self.thread_path.count(".")


@dataclass(frozen=True)
class ParsedDocument:
    """A corpus file after parsing: title, article paragraphs and the comment tree (flattened,
    in reading order)."""

    source: str  # file name relative to the corpus root
    title: str
    paragraphs: tuple[Paragraph, ...]
    comments: tuple[Comment, ...] = ()
    boilerplate: tuple[str, ...] = ()  # lines recognised as boilerplate and kept out
    metadata: dict[str, str] = field(default_factory=dict)  # e.g. published, credit, byline
    layout: str = "plain"  # which parser recognised the file
    warnings: tuple[str, ...] = ()
