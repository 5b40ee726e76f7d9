"""Structure-aware chunks: article paragraphs within a size budget, one chunk per comment,
and one "article details" passage per file (its title, dates, credits and comment counts).

Each chunk's stored text is a one-line context header ("Reply 7.1 by CHUCKMAN to Nick
Rhynes on “…”:") followed by the passage itself, so a chunk can be understood alone.
``Chunk.body`` is the passage without the header: quotes are taken from it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from langchain_text_splitters import RecursiveCharacterTextSplitter

from retrieval.documents import Comment, Paragraph, ParsedDocument
from retrieval.facts import facts_text

SHORT_PARAGRAPH_CHARS = 100  # shorter article paragraphs are merged with the next one


@dataclass(frozen=True)
class Chunk:
    id: str
    header: str
    body: str
    metadata: dict[str, Any]

    @property
    def content(self) -> str:
        """What is embedded, indexed and stored."""
        return f"{self.header}\n{self.body}"


def chunk_id(source: str, file_hash: str, position: str, body: str) -> str:
    """Stable id from the file's content hash, the chunk's position and its text."""
    key = "\x00".join((source, file_hash, position, body))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _splitter(max_chars: int) -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter(
        chunk_size=max_chars,
        chunk_overlap=max(0, max_chars // 10),
        separators=["\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " ", ""],
        keep_separator="end",
        strip_whitespace=True,
    )


def _quoted(title: str) -> str:
    return f"“{title}”" if title else "an untitled article"


def comment_header(comment: Comment, title: str) -> str:
    who = f" by {comment.author}" if comment.author else " (no author given)"
    if comment.parent_path is None:
        return f"Comment {comment.thread_path}{who} on {_quoted(title)}:"
    to = comment.parent_author or f"comment {comment.parent_path}"
    return f"Reply {comment.thread_path}{who} to {to} on {_quoted(title)}:"


def paragraph_header(first: Paragraph, last: Paragraph, title: str) -> str:
    where = f"¶{first.number}" if first is last else f"¶{first.number}–{last.number}"
    if first.section == "editor_note":
        signed = f" by {first.author}" if first.author else ""
        return f"Editor's note{signed} on {_quoted(title)} ({where}):"
    return f"Article {_quoted(title)} ({where}):"


def _group_paragraphs(paragraphs: tuple[Paragraph, ...], max_chars: int) -> list[list[Paragraph]]:
    """Consecutive paragraphs of one section; a very short one joins the paragraph after it."""
    groups: list[list[Paragraph]] = []
    pending: list[Paragraph] = []
    for para in paragraphs:
        if pending and (
            pending[-1].section != para.section
            or sum(len(p.text) for p in pending) + len(para.text) > max_chars
        ):
            groups.append(pending)
            pending = []
        pending.append(para)
        if sum(len(p.text) for p in pending) >= SHORT_PARAGRAPH_CHARS:
            groups.append(pending)
            pending = []
    if pending:
        groups.append(pending)
    return groups


def chunk_document(doc: ParsedDocument, file_hash: str, max_chars: int = 1000) -> list[Chunk]:
    """All chunks of one parsed file, in reading order."""
    splitter = _splitter(max_chars)
    chunks: list[Chunk] = []
    base = {"source": doc.source, "title": doc.title, "file_hash": file_hash}

    def add(header: str, text: str, position: str, meta: dict[str, Any]) -> None:
        parts = splitter.split_text(text) if len(text) > max_chars else [text]
        for i, part in enumerate(parts, start=1):
            head = header if len(parts) == 1 else f"{header[:-1]} (part {i} of {len(parts)}):"
            pos = position if len(parts) == 1 else f"{position}#{i}"
            metadata = {**base, **meta, "part": i, "parts": len(parts), "chunk_index": len(chunks)}
            chunks.append(Chunk(chunk_id(doc.source, file_hash, pos, part), head, part, metadata))

    for group in _group_paragraphs(doc.paragraphs, max_chars):
        first, last = group[0], group[-1]
        add(
            paragraph_header(first, last, doc.title),
            "\n\n".join(p.text for p in group),
            f"p{first.number}",
            {
                "kind": "article",
                "section": first.section,
                "author": first.author or "",
                "paragraph": first.number,
                "paragraph_end": last.number,
                "thread_path": "",
                "parent_author": "",
            },
        )
    facts = facts_text(doc)
    if facts:
        add(
            f"Article details of {_quoted(doc.title)}:",
            facts,
            "facts",
            {
                "kind": "facts",
                "section": "facts",
                "author": "",
                "paragraph": 0,
                "paragraph_end": 0,
                "thread_path": "",
                "parent_author": "",
            },
        )
    for comment in doc.comments:
        add(
            comment_header(comment, doc.title),
            comment.text,
            f"c{comment.thread_path}",
            {
                "kind": "comment",
                "section": "comments",
                "author": comment.author or "",
                "paragraph": 0,
                "paragraph_end": 0,
                "thread_path": comment.thread_path,
                "parent_author": comment.parent_author or "",
            },
        )
    return chunks
