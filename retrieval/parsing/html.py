"""The HTML layout (a saved web page): title from <title> or the first <h1>, paragraphs from
<p>, <li> and heading text; scripts, styles, navigation, footers and forms are dropped. The
comment section (``html_comments``) is kept out of the article and becomes the comment tree."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import PurePosixPath

from retrieval.documents import ParsedDocument
from retrieval.parsing.body import build_body
from retrieval.parsing.html_comments import is_comment_section, parse_html_comments

_BLOCKS = frozenset(
    {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dt", "dd"}
    | {"figcaption", "td", "th", "caption"}
)
_SKIPPED = frozenset(
    {"script", "style", "noscript", "template", "svg", "nav", "footer", "aside", "form"}
    | {"iframe", "button", "select", "textarea"}
)
_VOID = frozenset({"br", "img", "hr", "meta", "link", "input", "wbr", "source", "area"})
_META = {"author": "byline", "article:published_time": "published", "date": "published"}
_SPACES = re.compile(r"[ \t\f\v]+")
_WHITESPACE = re.compile(r"\s+")


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.first_h1: str | None = None
        self.blocks: list[tuple[str, str]] = []  # (tag, text)
        self.metadata: dict[str, str] = {}
        self._skipping = 0
        self._in_title = False
        self._open: list[str] = []  # open block tags, innermost last
        self._buffer: list[str] = []
        self._comments: tuple[str, int] | None = None  # comment section: (tag, depth)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._comments is not None:  # parsed separately, not part of the article
            name, depth = self._comments
            self._comments = (name, depth + 1) if tag == name else self._comments
        elif is_comment_section(tag, {k.lower(): v or "" for k, v in attrs}):
            self._flush()
            self._comments = (tag, 1)
        elif tag in _SKIPPED:
            self._skipping += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "br":
            self._buffer.append("\n")
        elif tag == "meta":
            self._meta(dict(attrs))
        elif tag in _BLOCKS:
            self._flush()
            self._open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self._comments is not None:
            name, depth = self._comments
            if tag == name:
                self._comments = (name, depth - 1) if depth > 1 else None
        elif tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag == "title":
            self._in_title = False
        elif tag in _BLOCKS and tag in self._open:
            self._flush()
            while self._open and self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._skipping or self._comments is not None:
            return
        if self._in_title:
            self.title += data
        elif self._open:
            self._buffer.append(data if "pre" in self._open else _WHITESPACE.sub(" ", data))

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        text = _clean("".join(self._buffer))
        self._buffer = []
        if not text or not self._open:
            return
        tag = self._open[-1]
        if tag == "h1" and self.first_h1 is None:
            self.first_h1 = text
        self.blocks.append((tag, text))

    def _meta(self, attrs: dict[str, str | None]) -> None:
        key = (attrs.get("name") or attrs.get("property") or "").lower()
        content = (attrs.get("content") or "").strip()
        if key in _META and content:
            self.metadata.setdefault(_META[key], content)


def parse_html(text: str, *, source: str) -> ParsedDocument:
    """Parse a saved HTML page."""
    extractor = _Extractor()
    extractor.feed(text)
    extractor.close()
    title = _clean(extractor.title).replace("\n", " ") or extractor.first_h1
    title = title or PurePosixPath(source).stem
    blocks = [text.split("\n") for _, text in _without_title_heading(extractor.blocks, title)]
    body = build_body(blocks)
    return ParsedDocument(
        source=source,
        title=title,
        paragraphs=body.paragraphs,
        comments=parse_html_comments(text),
        boilerplate=body.boilerplate,
        metadata={**extractor.metadata, **body.metadata},
        layout="html",
        warnings=tuple(f"{source}: {warning}" for warning in body.warnings),
    )


def _without_title_heading(blocks: list[tuple[str, str]], title: str) -> list[tuple[str, str]]:
    """Drop the first <h1> when it repeats the title (e.g. "Talks collapse" in "Talks collapse |
    Site")."""
    for index, (tag, text) in enumerate(blocks):
        if tag == "h1":
            return blocks[:index] + blocks[index + 1 :] if text in title else blocks
    return blocks


def _clean(text: str) -> str:
    """Collapse runs of spaces; keep <br> line breaks; drop empty lines."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
