"""Choose the layout of a file and parse it with the matching parser."""

from __future__ import annotations

import dataclasses
from pathlib import Path, PurePosixPath
from typing import Literal

from retrieval.documents import ParsedDocument
from retrieval.parsing.decode import check_not_blank, normalise, read_text
from retrieval.parsing.html import parse_html
from retrieval.parsing.markdown import parse_markdown
from retrieval.parsing.scraped import parse_scraped

Kind = Literal["html", "markdown", "text"]

_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})


def parse_file(path: Path, *, source: str, max_bytes: int = 5_000_000) -> ParsedDocument:
    """Read, decode and parse one corpus file; raise SkipFile when it cannot be indexed."""
    decoded = read_text(path, source=source, max_bytes=max_bytes)
    document = parse_text(decoded.text, source=source)
    if not decoded.warnings:
        return document
    return dataclasses.replace(document, warnings=(*decoded.warnings, *document.warnings))


def parse_text(text: str, *, source: str) -> ParsedDocument:
    """Parse already-decoded text; ``source`` (a file name) helps choose the layout."""
    text = normalise(text)
    check_not_blank(text, source)
    kind = detect_kind(text, source)
    if kind == "html":
        return parse_html(text, source=source)
    if kind == "markdown":
        return parse_markdown(text, source=source)
    return parse_scraped(text, source=source)


def detect_kind(text: str, source: str) -> Kind:
    """HTML or Markdown by file extension, else by how the content starts; otherwise text."""
    suffix = PurePosixPath(source.replace("\\", "/")).suffix.lower()
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix in _MARKDOWN_SUFFIXES:
        return "markdown"
    head = text.lstrip()[:2048].lower()
    if head.startswith(("<!doctype html", "<html")) or (
        head.startswith(("<?xml", "<!--")) and "<html" in head
    ):
        return "html"
    if head.startswith("# "):
        return "markdown"
    return "text"
