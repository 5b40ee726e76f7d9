"""A reader's view of the store: this host's lexical index, kept in step with the manifest.

The lexical index holds exactly the committed version of every file (an ingest adds a file's
passages only after the manifest commit that makes them visible, and removes the version it
replaces at once), and records the store generation it is in step with. So a passage is
visible exactly when the index holds it, and every search starts with ``refresh()``: one small
read of the store's generation (with the embedded store, only when its database files were
written since the last read, or a second has passed). When another ingest (this process,
another one, or another host) committed since, only the files that changed are applied:
their manifest records are read, their passages fetched from the store into the index, and an
embedded Chroma client is re-opened if another process wrote it. Nothing is rebuilt, and the
whole manifest is read only by a host whose index was never brought in step.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from retrieval.lexical import sync
from retrieval.lexical.index import IndexBusy, LexicalIndex, LexicalWriter
from retrieval.store import ChunkStore

log = logging.getLogger(__name__)

# With the embedded store, the generation is read only when its database files were written
# since, or after this long (a file system that keeps coarse modification times).
RECHECK_SECONDS = 1.0


def lexical_folder(store: ChunkStore) -> Path:
    """Where this host keeps the store's lexical index (per collection instance, so a store
    re-created under the same name never reuses a stale index)."""
    settings = store.settings
    if settings.chroma_server is None:
        base = settings.store_path.parent / f"{settings.store_path.name}.lexical"
    else:  # the collection's id names it whatever address the server is reached at
        base = settings.data_dir / "lexical"
    return base / f"{settings.collection}-{store.chunks.id}"


class StoreView:
    def __init__(self, store: ChunkStore, lexical: LexicalIndex | None = None) -> None:
        self.store = store
        self.lexical = lexical or LexicalIndex(lexical_folder(store))
        self.generation = -1  # the store generation searches currently reflect
        # The embedded store's file signature when it was last found in step, and when
        self._signature: tuple[tuple[int, int] | None, ...] | None = None
        self._checked = 0.0
        self._lock = threading.RLock()
        # What keeping current cost so far (for logs and tests): whole-manifest reads, changed
        # file records applied, files whose passages were fetched from the store.
        self.manifest_reads = 0
        self.changes_applied = 0
        self.files_fetched = 0

    def refresh(self) -> None:
        """Apply whatever was committed since the last call (cheap when nothing was)."""
        signature = self.store.file_signature()  # taken first: a later write changes it
        now = time.monotonic()
        if (
            signature is not None
            and signature == self._signature
            and now - self._checked < RECHECK_SECONDS
        ):
            return  # the embedded store's files were not written since it was in step
        generation = self.store.state().generation
        if generation == self.generation:
            self._signature, self._checked = signature, now
            return
        with self._lock:
            if generation == self.generation:
                return
            if generation != self.store.known_generation:
                self.store.reopen()  # another process wrote the embedded store
                generation = self.store.known_generation
            if self.catch_up(generation):
                self.generation = generation

    def catch_up(self, generation: int) -> bool:
        """Bring the lexical index in step with ``generation``; False when another writer
        (an ingest on this host) holds it: that writer brings it in step itself."""
        lexical = self.lexical
        lexical.refresh()  # another process may have brought it in step already
        have = lexical.generation()
        if have is not None and have >= generation:
            return True
        try:
            with lexical.writer(wait=False) as writer:
                self.apply_changes(writer, have, generation)
        except IndexBusy:
            log.info("lexical index busy (an ingest is writing it); catching up later")
            return False
        return True

    def apply_changes(self, writer: LexicalWriter, have: int | None, generation: int) -> None:
        """Through ``writer``: what changed between generation ``have`` and ``generation``
        (everything when ``have`` is None)."""
        lexical = self.lexical
        if have is not None and have >= generation:
            return
        if have is None and generation == 0:  # a new, empty store
            stale, manifest = [], {}
        elif have is None:  # a new host (or a lost index): every file, once, in bulk
            manifest = self.store.manifest()
            self.manifest_reads += 1
            built = sync.rebuild(writer, self.store, manifest)
            self.files_fetched += len(built)
            stale = sorted(set(manifest) - built)  # being replaced while it was read
        else:
            changes = self.store.changes_since(have)
            self.changes_applied += len(changes)
            manifest = {r.source: r for r in changes if not r.removed}
            stale = sync.out_of_step(lexical, manifest, {r.source for r in changes})
        self.files_fetched += sync.apply(writer, self.store, manifest, stale)
        writer.set_generation(generation)
        writer.commit()

    @property
    def empty(self) -> bool:
        return self.lexical.passage_count() == 0
