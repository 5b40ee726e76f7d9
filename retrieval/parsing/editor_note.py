"""Find a bracketed editor's note ("[ Editor’s Note: … Jim W. Dean ]") among paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.documents import Section

_OPEN = re.compile(r"^\[\s*editor(?:['’‘`´]?\s?s)?\s+notes?\s*:?\s*", re.IGNORECASE)
_NAME = r"[A-Z][\w’'-]*\.?(?:\s+[A-Z][\w’'-]*\.?){1,3}"
# A signature glued to the last word ("…for sandJim W. Dean ]") or set off by a dash.
_SIGNED = (
    re.compile(rf"^(?P<text>.*?[a-z0-9.,;:!?”\"’)])(?P<name>{_NAME})\s*\]\s*$", re.DOTALL),
    re.compile(rf"^(?P<text>.*?)\s*[—–-]+\s*(?P<name>{_NAME})\s*\]\s*$", re.DOTALL),
)


@dataclass(frozen=True)
class Part:
    """A paragraph's text with its section and signature."""

    text: str
    section: Section = "body"
    author: str | None = None


def mark_editor_notes(texts: list[str]) -> tuple[list[Part], list[str]]:
    """Label editor's-note paragraphs; return the parts and warnings (e.g. an unclosed note)."""
    parts: list[Part] = []
    warnings: list[str] = []
    index = 0
    while index < len(texts):
        opening = _OPEN.match(texts[index])
        if opening is None:
            parts.append(Part(texts[index]))
            index += 1
            continue
        end = next((j for j in range(index, len(texts)) if texts[j].rstrip().endswith("]")), None)
        if end is None:
            warnings.append(
                "an editor's note has no closing ']'; only its first paragraph is marked"
            )
            end = index
        note = texts[index : end + 1]
        note[0] = note[0][opening.end() :]
        note[-1], author = _close(note[-1])
        parts.extend(Part(text, "editor_note", author) for text in note if text.strip())
        index = end + 1
    return parts, warnings


def _close(text: str) -> tuple[str, str | None]:
    """Remove the closing bracket and a signature before it."""
    if not text.rstrip().endswith("]"):
        return text, None
    for pattern in _SIGNED:
        match = pattern.match(text)
        if match:
            return match.group("text").rstrip(), match.group("name")
    return text.rstrip()[:-1].rstrip(), None
