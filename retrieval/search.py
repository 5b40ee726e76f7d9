"""Hybrid retrieval: dense (Chroma) + lexical (BM25) candidates, fused by reciprocal rank,
boosted by what the question names (a commenter, the article or the comments), then
diversified so one long thread cannot fill every slot."""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, replace
from typing import Any

import numpy as np

from retrieval.query import QueryIntent, analyse
from retrieval.snapshot import Snapshot, load_or_build
from retrieval.store import ChunkStore, StoredChunk

RRF_K = 60
CANDIDATES = 40
PER_THREAD = 2  # at most this many hits from one comment thread (or one article) …
PER_SOURCE = 4  # … and from one file, unless nothing else matches


@dataclass(frozen=True)
class Hit:
    """One retrieved passage. ``text`` is the passage without its context header."""

    source: str
    title: str
    kind: str
    author: str | None
    thread_path: str | None
    paragraph: int | None
    text: str
    score: float  # fused rank score (higher is better; comparable within one search)
    similarity: float  # cosine similarity of question and passage (-1…1)
    lexical: float  # BM25 score (0 = no shared words)
    coverage: float = 0.0  # share of the question's words in the passage, weighted by rarity
    id: str = ""
    header: str = ""
    parent_author: str | None = None
    paragraph_end: int | None = None
    section: str = ""
    chunk_index: int = 0

    def public(self) -> dict[str, Any]:
        """The fields of ``corpusbot search --json``."""
        data = asdict(self)
        return {
            k: data[k]
            for k in ("source", "title", "kind", "author", "thread_path", "paragraph", "text")
        } | {"score": round(self.score, 6)}

    @property
    def location(self) -> str:
        """Where in the file: "article ¶3", "editor's note ¶2", "comment 7.1 by CHUCKMAN"."""
        if self.kind == "comment":
            by = f" by {self.author}" if self.author else " (anonymous)"
            return f"comment {self.thread_path}{by}"
        span = (
            f"¶{self.paragraph}"
            if not self.paragraph_end or self.paragraph_end == self.paragraph
            else f"¶{self.paragraph}–{self.paragraph_end}"
        )
        return f"editor's note {span}" if self.section == "editor_note" else f"article {span}"


def _hit(
    chunk: StoredChunk, score: float, similarity: float, lexical: float, coverage: float
) -> Hit:
    meta = chunk.metadata
    header, _, body = chunk.content.partition("\n")
    kind = str(meta.get("kind", "article"))
    return Hit(
        source=str(meta.get("source", "")),
        title=str(meta.get("title", "")),
        kind=kind,
        author=str(meta.get("author") or "") or None,
        thread_path=str(meta.get("thread_path") or "") or None,
        paragraph=int(meta.get("paragraph") or 0) or None if kind == "article" else None,
        text=body,
        score=score,
        similarity=similarity,
        lexical=lexical,
        coverage=coverage,
        id=chunk.id,
        header=header,
        parent_author=str(meta.get("parent_author") or "") or None,
        paragraph_end=int(meta.get("paragraph_end") or 0) or None if kind == "article" else None,
        section=str(meta.get("section", "")),
        chunk_index=int(meta.get("chunk_index") or 0),
    )


def _thread_key(hit: Hit) -> tuple[str, str]:
    if hit.kind == "comment" and hit.thread_path:
        return (hit.source, "c" + hit.thread_path.split(".")[0])
    return (hit.source, "article")


class HybridSearcher:
    """Thread-safe search over a store; notices other processes' re-ingests."""

    def __init__(self, store: ChunkStore) -> None:
        self.store = store
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()

    def snapshot(self) -> Snapshot:
        generation = self.store.state().generation
        current = self._snapshot
        if current is not None and current.generation == generation:
            return current
        with self._lock:
            if self._snapshot is None or self._snapshot.generation != generation:
                if generation != self.store.known_generation:
                    self.store.reopen()  # another process re-ingested since we opened it
                self._snapshot = load_or_build(self.store, generation)
            return self._snapshot

    def intent(self, question: str, snap: Snapshot | None = None) -> QueryIntent:
        snap = snap or self.snapshot()
        intent = analyse(question, snap.comment_authors + snap.article_authors)
        if intent.author and intent.author not in snap.comment_authors:
            return QueryIntent(author=intent.author, kind=None)
        return intent

    def next_passage(self, source: str, after_index: int, author: str | None) -> Hit | None:
        """The first passage of ``source`` after chunk ``after_index`` (by ``author`` if given)."""
        snap = self.snapshot()
        later = [
            (int(c.metadata.get("chunk_index") or 0), pos)
            for pos, c in enumerate(snap.chunks)
            if c.metadata.get("source") == source
            and int(c.metadata.get("chunk_index") or 0) > after_index
            and (author is None or c.metadata.get("author") == author)
        ]
        if not later:
            return None
        _, pos = min(later)
        return _hit(snap.chunks[pos], 0.0, 0.0, 0.0, 0.0)

    def search(self, question: str, k: int = 5, diversify: bool = True) -> list[Hit]:
        """The k best passages for a question, best first."""
        question = question.strip()
        if not question or k <= 0:
            return []
        snap = self.snapshot()
        if not snap.chunks:
            return []
        intent = self.intent(question, snap)
        size = len(snap.chunks)
        vector = self.store.embeddings.embed_query(question)
        ranked_lists: list[list[int]] = []
        similarity: dict[int, float] = {}
        lexical: dict[int, float] = {}

        def dense(where: dict[str, Any] | None) -> None:
            ranked: list[int] = []
            for chunk_id, sim in self.store.nearest(vector, min(CANDIDATES, size), where):
                pos = snap.position.get(chunk_id)
                if pos is not None:  # not visible: an uncommitted or replaced version
                    ranked.append(pos)
                    similarity[pos] = sim
            ranked_lists.append(ranked)

        def sparse(mask: np.ndarray[Any, Any] | None) -> None:
            top = snap.lexical.top(question, CANDIDATES, mask)
            for pos, score in top:
                lexical[pos] = score
            ranked_lists.append([pos for pos, _ in top])

        dense(None)
        sparse(None)
        person = intent.author or intent.replied_to
        if person:
            field = "author" if intent.author else "parent_author"
            dense({field: person})
            sparse((snap.authors if intent.author else snap.parents) == person)

        fused: dict[int, float] = {}
        for ranked in ranked_lists:
            for rank, pos in enumerate(ranked):
                fused[pos] = fused.get(pos, 0.0) + 1.0 / (RRF_K + rank + 1)
        for pos in fused:
            meta = snap.chunks[pos].metadata
            boost = 1.0
            if intent.kind and meta.get("kind") == intent.kind:
                boost *= 1.5
            if intent.author and meta.get("author") == intent.author:
                boost *= 2.0
            if intent.replied_to and meta.get("parent_author") == intent.replied_to:
                boost *= 2.0
            fused[pos] *= boost

        order = sorted(fused, key=lambda p: -fused[p])
        missing = [p for p in order if p not in similarity]
        if missing:  # lexical-only candidates still need a similarity for thresholds
            sims = snap.vectors[missing] @ np.asarray(vector, dtype=np.float32)
            similarity.update(zip(missing, sims.tolist(), strict=True))
        hits = [
            _hit(snap.chunks[p], fused[p], similarity[p], lexical.get(p, 0.0), 0.0) for p in order
        ]
        per_thread = PER_THREAD * 2 if person else PER_THREAD  # a named person's own thread
        chosen = _diversify(hits, k, per_thread) if diversify else hits[:k]
        terms = snap.lexical.terms(question)
        return [
            replace(h, coverage=snap.lexical.coverage(terms, snap.position[h.id])) for h in chosen
        ]


def _diversify(hits: list[Hit], k: int, per_thread_cap: int = PER_THREAD) -> list[Hit]:
    chosen: list[Hit] = []
    per_thread: dict[tuple[str, str], int] = {}
    per_source: dict[str, int] = {}
    overflow: list[Hit] = []
    for hit in hits:
        key = _thread_key(hit)
        if per_thread.get(key, 0) >= per_thread_cap or per_source.get(hit.source, 0) >= PER_SOURCE:
            overflow.append(hit)
            continue
        chosen.append(hit)
        per_thread[key] = per_thread.get(key, 0) + 1
        per_source[hit.source] = per_source.get(hit.source, 0) + 1
        if len(chosen) == k:
            return chosen
    return (chosen + overflow)[:k]
