"""Keeping a host's lexical index in step with the store's manifest.

The manifest says which version of each file is committed; the index says which version it
holds. Files whose versions differ are re-read from the store (only those files' chunks) and
replaced in the index; files the manifest no longer has are dropped. A fresh host, or an index
lost or left behind by a crash, is brought up to date the same way, file by file.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from retrieval.lexical.index import LexicalIndex, LexicalWriter
from retrieval.store import ChunkStore, FileRecord, StoredChunk

log = logging.getLogger(__name__)
COMMIT_EVERY = 200  # files; a long catch-up becomes searchable as it goes


def out_of_step(
    lexical: LexicalIndex, manifest: dict[str, FileRecord], sources: Iterable[str] | None = None
) -> list[str]:
    """The sources (all, or just ``sources``) whose indexed version is not the committed one."""
    if sources is None:
        held = lexical.file_versions()
        wanted = set(manifest) | set(held)
    else:
        wanted = set(sources)
        held = lexical.file_versions(wanted)
    return sorted(
        s for s in wanted if (manifest[s].file_hash if s in manifest else None) != held.get(s)
    )


def apply(
    writer: LexicalWriter, store: ChunkStore, manifest: dict[str, FileRecord], sources: list[str]
) -> int:
    """Bring these sources' passages in the index to their committed versions; returns how
    many files were re-read from the store."""
    fetched = 0
    for done, source in enumerate(sources, start=1):
        record = manifest.get(source)
        if record is None:
            writer.remove_file(source)
        else:
            chunks = store.chunks_of(source, record.file_hash)
            if len(chunks) != record.chunks:  # being replaced right now: the next pass gets it
                log.info("skipping %s: %d of %d chunks stored", source, len(chunks), record.chunks)
                continue
            writer.put_file(record, chunks)
            fetched += 1
        if done % COMMIT_EVERY == 0:
            writer.commit()
    writer.commit()
    if fetched:
        log.info("lexical index: %d files brought up to date from the store", fetched)
    return fetched


def rebuild(writer: LexicalWriter, store: ChunkStore, manifest: dict[str, FileRecord]) -> set[str]:
    """Fill an index from scratch by paging through the whole collection once (a new host):
    each file is added as soon as all the chunks of its committed version have been read."""
    writer.clear()
    waiting: dict[str, list[StoredChunk]] = {}
    added: set[str] = set()
    for chunk in store.all_chunks():
        source = str(chunk.metadata.get("source", ""))
        record = manifest.get(source)
        if record is None or record.file_hash != chunk.metadata.get("file_hash"):
            continue  # not a committed version
        parts = waiting.setdefault(source, [])
        parts.append(chunk)
        if len(parts) == record.chunks:
            writer.put_file(record, sorted(parts, key=lambda c: c.metadata.get("chunk_index", 0)))
            del waiting[source]
            added.add(source)
            if len(added) % (COMMIT_EVERY * 10) == 0:
                writer.commit()
    writer.commit()
    log.info("lexical index: built from the store (%d files)", len(added))
    return added
