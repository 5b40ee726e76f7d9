"""The scraped-article layout: title line, article body, numbered reader comments, reply form.

A file with none of the scraped features (comments, boilerplate, credit, dateline, editor's
note, byline) is reported as the plain layout: title = first non-empty line, paragraphs =
blank-line-separated blocks.
"""

from __future__ import annotations

from retrieval.documents import ParsedDocument
from retrieval.parsing.blocks import split_blocks
from retrieval.parsing.body import build_body
from retrieval.parsing.boilerplate import ends_page, is_boilerplate
from retrieval.parsing.comments import is_comment_start, parse_comments

_ELLIPSES = ("…", "...")


def parse_scraped(text: str, *, source: str) -> ParsedDocument:
    """Parse a scraped page (or a plain text file) that has at least one non-blank line."""
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.strip())
    title, metadata = _title(lines[first])
    rest = lines[first + 1 :]
    end = next((i for i, line in enumerate(rest) if _is_unindented(line) and ends_page(line)), None)
    end = len(rest) if end is None else end
    start = next((i for i in range(end) if is_comment_start(rest[i])), end)
    body = build_body(split_blocks(rest[:start]))
    comment_lines, page_furniture = _set_aside_boilerplate(rest[start:end])
    tail = [line.strip() for line in rest[end:] if line.strip()]
    comments = parse_comments(comment_lines)
    metadata.update(body.metadata)
    boilerplate = (*body.boilerplate, *page_furniture, *tail)
    scraped = bool(comments or boilerplate or metadata) or any(
        p.section == "editor_note" for p in body.paragraphs
    )
    return ParsedDocument(
        source=source,
        title=title,
        paragraphs=body.paragraphs,
        comments=comments,
        boilerplate=boilerplate,
        metadata=metadata,
        layout="scraped" if scraped else "plain",
        warnings=tuple(f"{source}: {warning}" for warning in body.warnings),
    )


def _title(line: str) -> tuple[str, dict[str, str]]:
    """The title without a leading ellipsis; "…from Press TV, Tehran" also gives a byline."""
    title = line.strip()
    for ellipsis in _ELLIPSES:
        if title.startswith(ellipsis):
            title = title[len(ellipsis) :].lstrip()
            break
    metadata: dict[str, str] = {}
    if title.lower().startswith("from ") and title[5:].strip():
        metadata["byline"] = title[5:].strip()
    return title, metadata


def _set_aside_boilerplate(lines: list[str]) -> tuple[list[str], list[str]]:
    """Blank out unindented boilerplate lines inside the comment section; return both parts."""
    kept: list[str] = []
    furniture: list[str] = []
    for line in lines:
        if _is_unindented(line) and is_boilerplate(line):
            furniture.append(line.strip())
            kept.append("")
        else:
            kept.append(line)
    return kept, furniture


def _is_unindented(line: str) -> bool:
    return bool(line) and not line[0].isspace()
