"""What a reader needs of one store generation, built once and cached on disk.

A snapshot holds the visible (committed) chunks, their vectors and their BM25 index. Building
it means reading every chunk from Chroma and tokenising it; a cold process instead loads the
cache written by whoever built that generation first (keyed by the collection's id and the
store generation, so a re-created store or a re-ingest never reuses a stale cache).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from retrieval.lexical import LexicalIndex
from retrieval.store import ChunkStore, FileRecord, StoredChunk

log = logging.getLogger(__name__)
FORMAT = 2  # bump when what is cached (or how BM25 tokenises) changes


def lexical_text(chunk: StoredChunk) -> str:
    """What BM25 sees: who wrote the passage and the passage, not the article title (which
    every chunk of a file shares and would make all of them match its words)."""
    meta = chunk.metadata
    names = " ".join(str(meta.get(k) or "") for k in ("author", "parent_author"))
    return f"{names}\n{chunk.content.partition(chr(10))[2]}"


class Snapshot:
    def __init__(
        self,
        generation: int,
        manifest: dict[str, FileRecord],
        chunks: list[StoredChunk],
        vectors: npt.NDArray[np.float32],
        lexical: LexicalIndex,
    ) -> None:
        self.generation = generation
        self.manifest = manifest
        self.chunks = chunks
        self.vectors = vectors
        self.lexical = lexical
        self.position = {c.id: i for i, c in enumerate(chunks)}
        authors = [str(c.metadata.get("author") or "") for c in chunks]
        kinds = [str(c.metadata.get("kind")) for c in chunks]
        self.authors = np.array(authors, dtype=object)
        self.parents = np.array(
            [str(c.metadata.get("parent_author") or "") for c in chunks], dtype=object
        )
        self.comment_authors = sorted(
            {a for a, k in zip(authors, kinds, strict=True) if a and k == "comment"}
        )
        self.article_authors = sorted(
            {a for a, k in zip(authors, kinds, strict=True) if a and k == "article"}
        )

    @classmethod
    def build(cls, store: ChunkStore, generation: int) -> Snapshot:
        manifest = store.manifest()
        chunks, vectors = store.visible_chunks_with_vectors(manifest)
        lexical = LexicalIndex([lexical_text(c) for c in chunks])
        return cls(generation, manifest, chunks, vectors, lexical)

    # -- disk cache -----------------------------------------------------------------------
    def save(self, folder: Path) -> None:
        """Write atomically (a temporary folder renamed into place); failures only log."""
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".tmp-"))
            data: dict[str, Any] = {
                "format": FORMAT,
                "generation": self.generation,
                "manifest": {s: r.to_metadata() for s, r in self.manifest.items()},
                "ids": [c.id for c in self.chunks],
                "contents": [c.content for c in self.chunks],
                "metadatas": [c.metadata for c in self.chunks],
            }
            (tmp / "chunks.json").write_text(json.dumps(data), encoding="utf-8")
            np.save(tmp / "vectors.npy", self.vectors)
            self.lexical.save(tmp / "bm25")
            if folder.exists() and Snapshot.load(folder, self.generation) is None:
                shutil.rmtree(folder, ignore_errors=True)  # an older format: replace it
            try:
                os.rename(tmp, folder)
            except OSError:  # another process wrote the same generation first
                shutil.rmtree(tmp, ignore_errors=True)
            for old in folder.parent.iterdir():
                if old != folder and old.name.startswith("gen-"):
                    shutil.rmtree(old, ignore_errors=True)
        except OSError as exc:
            log.warning("could not cache the search index in %s: %s", folder, exc)

    @classmethod
    def load(cls, folder: Path, generation: int) -> Snapshot | None:
        try:
            data = json.loads((folder / "chunks.json").read_text(encoding="utf-8"))
            if data.get("format") != FORMAT or data.get("generation") != generation:
                return None
            manifest = {
                s: FileRecord.from_metadata(s, meta) for s, meta in data["manifest"].items()
            }
            chunks = [
                StoredChunk(i, c, m)
                for i, c, m in zip(data["ids"], data["contents"], data["metadatas"], strict=True)
            ]
            vectors = np.load(folder / "vectors.npy")
            lexical = LexicalIndex.load(folder / "bm25")
        except (OSError, ValueError, KeyError) as exc:
            log.info("no usable search cache in %s (%s); rebuilding", folder, exc)
            return None
        return cls(generation, manifest, chunks, vectors, lexical)


def cache_folder(store: ChunkStore, generation: int) -> Path:
    settings = store.settings
    if settings.chroma_server is None:
        base = settings.store_path.parent / f"{settings.store_path.name}.cache"
    else:
        server = settings.chroma_server
        base = settings.data_dir / "cache" / f"{server.host}-{server.port}"
    return base / f"{settings.collection}-{store.chunks.id}" / f"gen-{generation}"


def load_or_build(store: ChunkStore, generation: int) -> Snapshot:
    folder = cache_folder(store, generation)
    cached = Snapshot.load(folder, generation)
    if cached is not None:
        return cached
    snapshot = Snapshot.build(store, generation)
    snapshot.save(folder)
    return snapshot
