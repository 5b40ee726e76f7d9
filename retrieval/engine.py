"""One object that owns the store and everything that reads it: the entry point for the
terminal commands and the Discord bot."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from retrieval.answer.answerer import Answerer
from retrieval.answer.types import Answer
from retrieval.ingest import IngestProgress, IngestSummary, ingest
from retrieval.memory import map_large_buffers, release_freed_memory, release_index_pages
from retrieval.search import Hit, HybridSearcher
from retrieval.settings import Settings
from retrieval.store import ChunkStore
from retrieval.view import StoreView


@dataclass(frozen=True)
class Stats:
    documents: int
    chunks: int
    last_ingest: float
    embedding_model: str
    store: str


class Engine:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._store: ChunkStore | None = None
        self._view: StoreView | None = None
        self._searcher: HybridSearcher | None = None
        self._answerer: Answerer | None = None
        self._opening = threading.RLock()  # two threads must not open the store twice
        map_large_buffers()  # an answer's peak memory is given back when it ends

    @property
    def store(self) -> ChunkStore:
        if self._store is None:
            with self._opening:
                if self._store is None:
                    self._store = ChunkStore(self.settings)
        return self._store

    @property
    def view(self) -> StoreView:
        if self._view is None:
            with self._opening:
                if self._view is None:
                    self._view = StoreView(self.store)
        return self._view

    @property
    def searcher(self) -> HybridSearcher:
        if self._searcher is None:
            with self._opening:
                if self._searcher is None:
                    self._searcher = HybridSearcher(
                        self.store, self.view, rerank=self.settings.rerank
                    )
        return self._searcher

    @property
    def answerer(self) -> Answerer:
        if self._answerer is None:
            with self._opening:
                if self._answerer is None:
                    self._answerer = Answerer(self.searcher, self.settings)
        return self._answerer

    def ask(self, question: str, previous: Answer | None = None) -> Answer:
        answer = self.answerer.ask(question, previous)
        release_freed_memory()  # a long-running bot stays at its working size
        release_index_pages(self.view.lexical.folder)
        return answer

    def ingest(
        self, paths: Sequence[Path] | None = None, progress: IngestProgress | None = None
    ) -> IngestSummary:
        return ingest(self.store, self.view, list(paths or [self.settings.corpus_dir]), progress)

    def search(self, question: str, k: int = 5) -> list[Hit]:
        return self.searcher.search(question, k)

    def stats(self) -> Stats:
        state = self.store.state()
        return Stats(
            documents=self.store.count_files(),
            chunks=self.store.count_chunks(),
            last_ingest=state.last_ingest,
            embedding_model=self.settings.embedding_model,
            store=self.settings.store_label,
        )
