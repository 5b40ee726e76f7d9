"""Reading a discussion answer the way a user does: its headline, position lines, exchange
lines and the "Name (path) … “quote” [n]" attributions, checked against a parsed file."""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.answer.types import Answer
from retrieval.documents import Comment, ParsedDocument

_POSITION = re.compile(
    r"^(\d+)\. (?:(?P<label>.+?) — )?(?P<count>\d+ comments?[^()]*) \((?P<paths>[^)]*)\)$"
)
_QUOTED = re.compile(
    r"(?P<who>[^;:“”\[\]]+?) \((?P<path>\d+(?:\.\d+)*)\)[^“]*“(?P<quote>.*?)” \[(?P<n>\d+)\]"
)
_SPOKE = re.compile(r"(?P<who>[^;“”\[\]]+?) \((?P<path>\d+(?:\.\d+)*)\) (?P<verb>said|replied)")


@dataclass(frozen=True)
class PositionLine:
    label: str
    count: str  # "5 comments by 2 commenters"
    paths: tuple[str, ...]


@dataclass(frozen=True)
class Attribution:
    who: str  # as written: a name or "An anonymous reader"
    path: str
    quote: str  # as shown (whitespace collapsed)
    n: int


def section(answer: Answer, heading: str) -> list[str]:
    """The lines after the line starting with ``heading``, up to the next blank line."""
    lines = answer.text.split("\n")
    start = next((i for i, line in enumerate(lines) if line.startswith(heading)), None)
    found: list[str] = []
    if start is None:
        return found
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        found.append(line)
    return found


def positions(answer: Answer) -> list[PositionLine]:
    found = []
    for line in section(answer, "Positions"):
        match = _POSITION.match(line)
        if match:
            found.append(
                PositionLine(
                    match["label"] or "",
                    match["count"],
                    tuple(p.strip() for p in match["paths"].split(",")),
                )
            )
    return found


def exchanges(answer: Answer) -> list[list[tuple[str, str, str]]]:
    """Each exchange line as [(who, path, "said"|"replied"), …]."""
    return [
        [(m["who"].strip(" -"), m["path"], m["verb"]) for m in _SPOKE.finditer(line)]
        for line in section(answer, "Exchanges")
        if line.startswith("- ")
    ]


def attributions(answer: Answer) -> list[Attribution]:
    return [
        Attribution(m["who"].strip(" -"), m["path"], m["quote"], int(m["n"]))
        for line in answer.text.split("\n")
        for m in _QUOTED.finditer(line)
    ]


def squashed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def comment_at(doc: ParsedDocument, path: str) -> Comment:
    return next(c for c in doc.comments if c.thread_path == path)


def assert_attributed_to_the_parsed_comments(answer: Answer, doc: ParsedDocument) -> None:
    """Every shown quote is cited to the comment (author, path) it is shown under, and is an
    exact substring of that stored passage and of the parsed comment."""
    shown = attributions(answer)
    assert shown, answer.text
    citations = {c.n: c for c in answer.citations}
    for attribution in shown:
        citation = citations[attribution.n]
        hit = citation.hit
        assert hit.kind == "comment" and hit.source == doc.source
        assert hit.thread_path == attribution.path
        comment = comment_at(doc, attribution.path)
        expected = comment.author or "An anonymous reader"
        assert attribution.who in (expected, expected.lower()), (attribution, expected)
        assert hit.author == comment.author
        assert citation.quote in hit.text
        assert squashed(citation.quote) == attribution.quote
        assert squashed(citation.quote) in squashed(comment.text)
    assert all(c.quote in c.hit.text for c in answer.citations)
