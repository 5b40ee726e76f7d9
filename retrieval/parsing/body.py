"""Turn blocks of article lines into numbered paragraphs, boilerplate and metadata."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from retrieval.documents import Paragraph
from retrieval.parsing.boilerplate import credit_in, is_boilerplate, published_in
from retrieval.parsing.editor_note import mark_editor_notes


@dataclass(frozen=True)
class Body:
    """The answerable paragraphs of an article and what was set aside."""

    paragraphs: tuple[Paragraph, ...]
    boilerplate: tuple[str, ...] = ()
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


def build_body(blocks: Sequence[Sequence[str]]) -> Body:
    """Filter each block's lines, mark editor's notes and number what is left from 1."""
    boilerplate: list[str] = []
    metadata: dict[str, str] = {}
    texts: list[str] = []
    for block in blocks:
        kept = [line for line in _stripped(block) if _keep(line, boilerplate, metadata)]
        if kept:
            texts.append("\n".join(kept))
    parts, warnings = mark_editor_notes(texts)
    paragraphs = tuple(
        Paragraph(number, part.text, part.section, part.author)
        for number, part in enumerate(parts, start=1)
    )
    return Body(paragraphs, tuple(boilerplate), metadata, tuple(warnings))


def _stripped(block: Sequence[str]) -> list[str]:
    return [line.strip() for line in block if line.strip()]


def _keep(line: str, boilerplate: list[str], metadata: dict[str, str]) -> bool:
    """False for a line that is boilerplate, a credit or a dateline (recording it)."""
    if is_boilerplate(line):
        boilerplate.append(line)
        return False
    credit = credit_in(line)
    if credit is not None:
        known = metadata.get("credit")
        metadata["credit"] = credit if known is None else f"{known}; {credit}"
        return False
    published = published_in(line)
    if published is not None:
        metadata.setdefault("published", published)
        return False
    return True
