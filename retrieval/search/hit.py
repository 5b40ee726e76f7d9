"""One retrieved passage, as answers, citations and renderers see it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from retrieval.store import StoredChunk


@dataclass(frozen=True)
class Hit:
    """One retrieved passage. ``text`` is the passage without its context header."""

    source: str
    title: str
    kind: str  # "article", "comment" or "facts"
    author: str | None
    thread_path: str | None
    paragraph: int | None
    text: str
    score: float  # the ranking score (higher is better; comparable within one search)
    similarity: float  # cosine similarity of question and passage (-1…1)
    lexical: float  # BM25 score (0 = no shared words)
    coverage: float = 0.0  # share of the question's words in the passage, weighted by rarity
    id: str = ""
    header: str = ""
    parent_author: str | None = None
    paragraph_end: int | None = None
    section: str = ""
    chunk_index: int = 0
    relevance: float | None = None  # the cross-encoder's score of the best window, if run
    best_span: tuple[int, int] | None = None  # the sentence(s) of ``text`` that answer best
    also_span: tuple[int, int] | None = None  # other sentence(s) that answer nearly as well
    signals: Mapping[str, float] = field(default_factory=dict, compare=False)  # ranking features
    part: int = 1  # a long paragraph or comment is stored in parts: this one's number …
    parts: int = 1  # … of this many

    def public(self) -> dict[str, Any]:
        """The fields of ``corpusbot search --json``."""
        data = asdict(self)
        return {
            k: data[k]
            for k in ("source", "title", "kind", "author", "thread_path", "paragraph", "text")
        } | {"score": round(self.score, 6)}

    @property
    def location(self) -> str:
        """Where in the file: "article ¶3", "editor's note ¶2", "comment 7.1 by CHUCKMAN",
        "article details"; a part of a long one says which ("comment 7.1.3 by DarkEyes, part 2
        of 2")."""
        part = f", part {self.part} of {self.parts}" if self.parts > 1 else ""
        if self.kind == "comment":
            by = f" by {self.author}" if self.author else " (anonymous)"
            return f"comment {self.thread_path}{by}{part}"
        if self.kind == "facts":
            return "article details"
        span = (
            f"¶{self.paragraph}"
            if not self.paragraph_end or self.paragraph_end == self.paragraph
            else f"¶{self.paragraph}–{self.paragraph_end}"
        )
        where = "editor's note" if self.section == "editor_note" else "article"
        return f"{where} {span}{part}"


def hit_from_chunk(
    chunk: StoredChunk,
    score: float = 0.0,
    similarity: float = 0.0,
    lexical: float = 0.0,
    coverage: float = 0.0,
) -> Hit:
    meta = chunk.metadata
    header, _, body = chunk.content.partition("\n")
    kind = str(meta.get("kind", "article"))
    numbered = kind == "article"
    return Hit(
        source=str(meta.get("source", "")),
        title=str(meta.get("title", "")),
        kind=kind,
        author=str(meta.get("author") or "") or None,
        thread_path=str(meta.get("thread_path") or "") or None,
        paragraph=(int(meta.get("paragraph") or 0) or None) if numbered else None,
        text=body,
        score=score,
        similarity=similarity,
        lexical=lexical,
        coverage=coverage,
        id=chunk.id,
        header=header,
        parent_author=str(meta.get("parent_author") or "") or None,
        paragraph_end=(int(meta.get("paragraph_end") or 0) or None) if numbered else None,
        section=str(meta.get("section", "")),
        chunk_index=int(meta.get("chunk_index") or 0),
        part=int(meta.get("part") or 1),
        parts=int(meta.get("parts") or 1),
    )
