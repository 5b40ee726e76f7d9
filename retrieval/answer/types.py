"""Typed answers and citations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from retrieval.search import Hit


@dataclass(frozen=True)
class Citation:
    n: int
    hit: Hit
    quote: str  # an exact substring of the stored passage (hit.text)
    also: str = ""  # another one the answer quotes after it, when it answers nearly as well

    @property
    def line(self) -> str:
        """``[2] 000_x.txt — comment 7.1 by CHUCKMAN``"""
        return f"[{self.n}] {self.hit.source} — {self.hit.location}"

    def public(self) -> dict[str, Any]:
        h = self.hit
        return {
            "n": self.n,
            "source": h.source,
            "kind": h.kind,
            "author": h.author,
            "thread_path": h.thread_path,
            "paragraph": h.paragraph,
            "quote": self.quote,
        } | ({"also": self.also} if self.also else {})


@dataclass(frozen=True)
class Answer:
    question: str
    text: str
    found: bool
    citations: tuple[Citation, ...] = ()
    nearest: tuple[Citation, ...] = ()  # offered when not found: near, but not an answer
    hits: tuple[Hit, ...] = field(default=(), repr=False)  # everything retrieved
    mode: Literal["extractive", "llm"] = "extractive"
    note: str | None = None  # e.g. why the LLM answer was replaced by the extractive one
    asked: str | None = None  # the question as searched, when a follow-up was rewritten

    def public(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "answer": self.text,
            "found": self.found,
            "citations": [c.public() for c in self.citations],
        }
        if self.nearest:
            data["nearest"] = [c.public() for c in self.nearest]
        if self.note:
            data["note"] = self.note
        return data

    def render_text(self) -> str:
        """Answer, then the numbered sources (terminal form)."""
        parts = [self.text]
        if self.note:
            parts.append(f"({self.note})")
        if self.citations:
            parts.append("\n".join(["Sources:", *(c.line for c in self.citations)]))
        if self.nearest:
            lines = (c.line.replace(f"[{c.n}]", "-", 1) for c in self.nearest)
            parts.append("\n".join(["Nearest sources (they do not answer it):", *lines]))
        return "\n\n".join(parts)
