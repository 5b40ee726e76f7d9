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

    @property
    def generation(self) -> int:
        """Changes whenever an ingest commits (caches are kept per generation)."""
        self.searcher.view.refresh()
        return self.searcher.view.generation

    def titles(self) -> dict[str, str]:
        """source -> title of every ingested file."""
        view = self.searcher.view
        view.refresh()
        return {source: record.title for source, record in sorted(view.manifest.items())}

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
