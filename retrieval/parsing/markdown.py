"""The Markdown layout: "# Title", paragraphs, headings and list items, inline markup removed."""

from __future__ import annotations

import re

from retrieval.documents import ParsedDocument
from retrieval.parsing.body import build_body

_FRONT_MATTER_KEYS = {"title": "title", "date": "published", "author": "byline"}
_HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^(?:=+|-+)\s*$")
_RULE = re.compile(r"^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_FENCE = re.compile(r"^(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d{1,4}[.)])\s+(?P<text>.*)$")
_LINK_DEFINITION = re.compile(r"^\[[^\]]+\]:\s*\S+")
_INLINE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images -> alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # [text](url)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # <https://…>
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])"), r"\1"),  # backslash escapes
)


def parse_markdown(text: str, *, source: str) -> ParsedDocument:
    """Parse Markdown; the title is the first level-1 heading (or front matter, or first line)."""
    lines, metadata = _front_matter(text.split("\n"))
    title, blocks = _blocks(lines)
    title = title or metadata.pop("title", None)
    if title is None:
        title = blocks[0].pop(0) if blocks else ""
    metadata.pop("title", None)
    body = build_body(blocks)
    return ParsedDocument(
        source=source,
        title=title,
        paragraphs=body.paragraphs,
        boilerplate=body.boilerplate,
        metadata={**metadata, **body.metadata},
        layout="markdown",
        warnings=tuple(f"{source}: {warning}" for warning in body.warnings),
    )


def _blocks(lines: list[str]) -> tuple[str | None, list[list[str]]]:
    """Split into paragraphs (lists of lines); return the first level-1 heading separately."""
    title: str | None = None
    blocks: list[list[str]] = []
    current: list[str] = []
    fence: str | None = None

    def flush() -> None:
        nonlocal current
        if current:
            blocks.append(current)
        current = []

    for raw in lines:
        line = raw.strip()
        if fence is not None:
            if line.startswith(fence):
                fence = None
                flush()
            elif line:
                current.append(line)
            continue
        fence_match = _FENCE.match(line)
        heading = _HEADING.match(line)
        if fence_match:
            flush()
            fence = fence_match.group(1)
        elif _SETEXT.match(line) and len(current) == 1:
            text = current.pop()
            if line.startswith("=") and title is None:
                title = text
            else:
                blocks.append([text])
        elif not line or _RULE.match(line) or _LINK_DEFINITION.match(line):
            flush()
        elif heading:
            flush()
            text = _inline(heading.group("text"))
            if heading.group("level") == "#" and title is None:
                title = text
            elif text:
                blocks.append([text])
        elif item := _LIST_ITEM.match(line):
            flush()
            current.append(_inline(item.group("text")))
        else:
            current.append(_inline(line.lstrip("> ").strip() if line.startswith(">") else line))
    flush()
    return title, [block for block in blocks if any(part.strip() for part in block)]


def _front_matter(lines: list[str]) -> tuple[list[str], dict[str, str]]:
    """Strip a leading "---" block of ``key: value`` lines, keeping title, date and author."""
    if not lines or lines[0].strip() != "---":
        return lines, {}
    end = next((i for i in range(1, min(len(lines), 60)) if lines[i].strip() == "---"), None)
    if end is None:
        return lines, {}
    metadata: dict[str, str] = {}
    for line in lines[1:end]:
        key, _, value = line.partition(":")
        name = _FRONT_MATTER_KEYS.get(key.strip().lower())
        value = value.strip().strip("\"'")
        if name and value:
            metadata[name] = value
    return lines[end + 1 :], metadata


def _inline(text: str) -> str:
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text.strip()
