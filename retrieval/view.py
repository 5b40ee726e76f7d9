"""A reader's view of the store: the committed manifest and the lexical index, kept current.

Every search starts with ``refresh()``: one small read of the store's generation. When another
ingest (this process, another one, or another host) committed since, only the files that
changed are applied: their manifest records are read, the lexical index is brought in step
for them, and an embedded Chroma client is re-opened if another process wrote it. Nothing is
rebuilt.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from retrieval.lexical import sync
from retrieval.lexical.index import IndexBusy, LexicalIndex
from retrieval.store import ChunkStore, FileRecord, StoredChunk

log = logging.getLogger(__name__)


def lexical_folder(store: ChunkStore) -> Path:
    """Where this host keeps the store's lexical index (per collection instance, so a store
    re-created under the same name never reuses a stale index)."""
    settings = store.settings
    if settings.chroma_server is None:
        base = settings.store_path.parent / f"{settings.store_path.name}.lexical"
    else:
        server = settings.chroma_server
        base = settings.data_dir / "lexical" / f"{server.host}-{server.port}"
    return base / f"{settings.collection}-{store.chunks.id}"


class StoreView:
    def __init__(self, store: ChunkStore, lexical: LexicalIndex | None = None) -> None:
        self.store = store
        self.lexical = lexical or LexicalIndex(lexical_folder(store))
        self.generation = -1
        self.manifest: dict[str, FileRecord] = {}
        self._behind: set[str] | None = None  # sources still to bring in step (None = all)
        self._lock = threading.RLock()
        # What keeping current cost so far (for logs and tests): whole-manifest reads, changed
        # file records applied, files whose passages were re-read from the store.
        self.manifest_reads = 0
        self.changes_applied = 0
        self.files_fetched = 0

    def refresh(self) -> None:
        """Apply whatever was committed since the last call (cheap when nothing was)."""
        generation = self.store.state().generation
        if generation == self.generation and not self._behind:
            return
        with self._lock:
            if generation == self.generation and not self._behind:
                return
            if generation != self.store.known_generation:
                self.store.reopen()  # another process wrote the embedded store
                generation = self.store.known_generation
            if self.generation < 0:
                self.manifest = self.store.manifest()
                self.manifest_reads += 1
                self._behind = None
            elif generation != self.generation:
                changes = self.store.changes_since(self.generation)
                for record in changes:
                    if record.removed:
                        self.manifest.pop(record.source, None)
                    else:
                        self.manifest[record.source] = record
                self.changes_applied += len(changes)
                self._behind = (self._behind or set()) | {r.source for r in changes}
            self.generation = generation
            self._catch_up()

    def _catch_up(self) -> None:
        lexical = self.lexical
        lexical.refresh()  # another process may have brought it in step already
        stale = sync.out_of_step(lexical, self.manifest, self._behind)
        if not stale:
            self._behind = set()
            return
        try:
            with lexical.writer(wait=False) as writer:
                self.files_fetched += sync.apply(writer, self.store, self.manifest, stale)
        except IndexBusy:
            log.info("lexical index busy (an ingest is writing it); %d files later", len(stale))
            self._behind = set(stale)
            return
        self._behind = set(sync.out_of_step(lexical, self.manifest, stale))

    def visible(self, chunk: StoredChunk) -> bool:
        """The chunk belongs to the committed version of its file."""
        record = self.manifest.get(str(chunk.metadata.get("source", "")))
        return record is not None and record.file_hash == chunk.metadata.get("file_hash")
