"""The few things the discussion answers read from the engine, in one place."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from retrieval.discussion.articles import Article
from retrieval.lexical.index import IndexedFile, LexicalIndex
from retrieval.query import QueryIntent
from retrieval.search import Hit, HybridSearcher

Vector = npt.NDArray[np.float32]
CANDIDATES = 50  # files considered for an article named by file name or title words


def _article(found: IndexedFile) -> Article:
    return Article(found.record.source, found.record.title, found.comments)


class Archive:
    """The committed passages, their vectors and the search, as the discussion code sees them."""

    def __init__(self, searcher: HybridSearcher) -> None:
        self.searcher = searcher

    def _current(self) -> LexicalIndex:
        view = self.searcher.view
        view.refresh()
        return view.lexical

    def version(self, source: str) -> tuple[str, str]:
        """(title, content hash) of one ingested file; ("", "") when there is none."""
        found = self._current().file(source)
        return (found.record.title, found.record.file_hash) if found else ("", "")

    def file_count(self, *, commented: bool = False) -> int:
        return self._current().file_count(commented=commented)

    def most_commented(self, limit: int) -> list[Article]:
        """The articles with the most reader comments, most first."""
        return [_article(f) for f in self._current().most_commented(limit)]

    def named(self, words: str) -> list[Article]:
        """Articles whose file name starts with ``words`` or whose title shares its words: the
        candidates ``articles.choose`` picks from, read from the index, not by listing every
        file."""
        lexical = self._current()
        found = lexical.files_named(words, CANDIDATES) + lexical.files_titled(words, CANDIDATES)
        return list({f.record.source: _article(f) for f in found}.values())

    def passages(self, source: str) -> list[Hit]:
        return self.searcher.passages_of(source)

    def vectors(self, ids: list[str]) -> dict[str, Vector]:
        return self.searcher.store.vectors_of(ids)

    def embed(self, text: str) -> Vector:
        return np.asarray(self.searcher.store.embeddings.embed_query(text), dtype=np.float32)

    def search(self, text: str, k: int) -> list[Hit]:
        return self.searcher.search(text, k)

    def retrieve(self, text: str, k: int) -> tuple[list[Hit], QueryIntent]:
        return self.searcher.retrieve(text, k)

    def intent(self, text: str) -> QueryIntent:
        return self.searcher.intent(text)
