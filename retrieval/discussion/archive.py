"""The few things the discussion answers read from the engine, in one place."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from retrieval.query import QueryIntent
from retrieval.search import Hit, HybridSearcher

Vector = npt.NDArray[np.float32]


class Archive:
    """The committed passages, their vectors and the search, as the discussion code sees them."""

    def __init__(self, searcher: HybridSearcher) -> None:
        self.searcher = searcher

    def files(self) -> dict[str, tuple[str, str]]:
        """source -> (title, content hash) of every ingested file, in file-name order."""
        view = self.searcher.view
        view.refresh()
        return {
            source: (record.title, record.file_hash)
            for source, record in sorted(view.lexical.file_records().items())
        }

    def passages(self, source: str) -> list[Hit]:
        return self.searcher.passages_of(source)

    def vectors(self, ids: list[str]) -> dict[str, Vector]:
        return self.searcher.store.vectors_of(ids)

    def embed(self, text: str) -> Vector:
        return np.asarray(self.searcher.store.embeddings.embed_query(text), dtype=np.float32)

    def search(self, text: str, k: int) -> list[Hit]:
        return self.searcher.search(text, k)

    def intent(self, text: str) -> QueryIntent:
        return self.searcher.intent(text)
