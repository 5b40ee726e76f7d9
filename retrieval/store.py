"""The Chroma store: chunk vectors and texts, and a manifest of ingested files.

Consistency model: a file's chunks carry its content hash; the manifest (a second, tiny
collection) records the hash of each file's *committed* version. Readers only see chunks
whose hash matches the manifest, so a file's new chunks appear, and its old ones disappear,
at the single manifest write that commits it. Before writing chunks an ingest records them as
*pending*; whatever a crash leaves behind is invisible and is deleted by the next ingest
(``repair``). Each commit bumps a ``generation`` counter and stamps the records it writes with
it (removed files leave a tombstone), so another process applies just what changed since the
generation it knows.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import chromadb
import httpx
import numpy as np
import numpy.typing as npt
from chromadb.api import ClientAPI
from chromadb.api.shared_system_client import SharedSystemClient
from chromadb.config import Settings as ChromaSettings

from retrieval.chroma_client import http_client, timed_out, timeout_message
from retrieval.chunking import Chunk
from retrieval.embedding import ChromaEmbeddingFunction, LangChainEmbeddings, load_embedder
from retrieval.settings import Settings

log = logging.getLogger(__name__)

META_ID = "__store__"
PENDING = "__pending__:"
PAGE = 5000
WRITE_BATCH = 1000
# A chunk's text is kept in its metadata, not as Chroma's "document": Chroma indexes every
# document for full-text search (an SQLite trigram index nothing here reads; the lexical index
# is this project's own), which was half of the store's CPU per write. Chunks written before
# are read from their document.
TEXT_KEY = "text"
# How many neighbours Chroma's vector index explores for a query (its default: 100). At 100 the
# passage nearest the question was missing from the 30 it returned for 2 % of the dev
# questions, and which ones depended on the last bits of the question's vector (they differ
# from one process to the next); at 400, 0.5 % (recall of the exact 30 nearest 0.968 → 0.996).
SEARCH_EF = 400
DATABASE_FILE = "chroma.sqlite3"  # the embedded store's database, in its folder


class StoreUnavailable(RuntimeError):
    """The store cannot be opened or reached; the message says what to do."""


class StoreModelMismatch(RuntimeError):
    """The store was built with another embedding model."""


@dataclass(frozen=True)
class FileRecord:
    """The committed version of one file. ``removed`` records (tombstones) tell readers that
    a file went away at ``generation``."""

    source: str
    file_hash: str
    title: str
    chunks: int
    root: str
    ingested_at: float
    generation: int = 0  # the store generation that committed this version
    removed: bool = False

    def to_metadata(self) -> dict[str, Any]:
        return {
            "kind": "removed" if self.removed else "file",
            "file_hash": self.file_hash,
            "title": self.title,
            "chunks": self.chunks,
            "root": self.root,
            "ingested_at": self.ingested_at,
            "generation": self.generation,
        }

    @staticmethod
    def from_metadata(source: str, meta: dict[str, Any]) -> FileRecord:
        return FileRecord(
            source=source,
            file_hash=str(meta["file_hash"]),
            title=str(meta.get("title", "")),
            chunks=int(meta.get("chunks", 0)),
            root=str(meta.get("root", "")),
            ingested_at=float(meta.get("ingested_at", 0.0)),
            generation=int(meta.get("generation", 0) or 0),
            removed=meta.get("kind") == "removed",
        )


@dataclass(frozen=True)
class PendingVersion:
    """A file version being written: its chunks exist but no manifest record commits them
    yet. ``replaces`` is the committed version it will replace (its chunks are deleted once
    the new one is committed)."""

    source: str
    file_hash: str
    replaces: str = ""


@dataclass(frozen=True)
class StoreState:
    generation: int
    last_ingest: float
    embedding_model: str


@dataclass(frozen=True)
class StoredChunk:
    id: str
    content: str
    metadata: dict[str, Any]
    # Sentence spans of the body and their stems, when read from the lexical index.
    analysis: tuple[tuple[int, int, Collection[str]], ...] | None = None
    vector: npt.NDArray[np.float32] | None = None  # its unit vector, when read with it


def open_client(settings: Settings) -> ClientAPI:
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    server = settings.chroma_server
    try:
        if server is None:
            settings.store_path.mkdir(parents=True, exist_ok=True)
            return chromadb.PersistentClient(
                path=str(settings.store_path), settings=chroma_settings
            )
        client = http_client(server, chroma_settings)  # with CHROMA_TIMEOUT time-outs
        client.heartbeat()
        return client
    except Exception as exc:
        raise StoreUnavailable(_unavailable_message(settings, exc)) from exc


def _unavailable_message(settings: Settings, exc: BaseException) -> str:
    if settings.chroma_server and timed_out(exc):
        return timeout_message(settings.chroma_server, settings.store_label, exc)
    if settings.chroma_server:
        return (
            f"Cannot reach the {settings.store_label} ({type(exc).__name__}: {exc}). "
            "Start it (e.g. `chroma run --host 127.0.0.1 --port 8000 --path data/chroma`), "
            "or unset CHROMA_HOST to use the embedded store."
        )
    return (
        f"Cannot open the {settings.store_label} ({type(exc).__name__}: {exc}). "
        "Check that the folder is writable, or point CHROMA_PATH / --store elsewhere."
    )


_P = ParamSpec("_P")
_R = TypeVar("_R")
# What the HTTP client raises when the Chroma server is down, restarting or unreachable.
CONNECTION_ERRORS = (httpx.TransportError, ConnectionError)


def _server_call(
    method: Callable[Concatenate[ChunkStore, _P], _R],
) -> Callable[Concatenate[ChunkStore, _P], _R]:
    """A lost connection to the Chroma server becomes ``StoreUnavailable`` naming the fix.

    Nothing is cached on failure, so the same object works again once the server is back.
    """

    @functools.wraps(method)
    def call(store: ChunkStore, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(store, *args, **kwargs)
        except CONNECTION_ERRORS as exc:
            raise StoreUnavailable(_unavailable_message(store.settings, exc)) from exc

    return call


_LOADER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="model-loader")


def forget_cached_clients() -> None:
    """Make the next embedded client re-read the store from disk.

    Chroma keeps one in-memory copy of an embedded store per process; writes by another
    process (an ingest run from the shell) are not seen by that copy.
    """
    SharedSystemClient.clear_system_cache()


class ChunkStore:
    """Chunk collection + file manifest collection in one Chroma database."""

    def __init__(self, settings: Settings, client: ClientAPI | None = None) -> None:
        self.settings = settings
        self.client = client or open_client(settings)
        # The model loads in the background while Chroma opens.
        self._embeddings = _LOADER.submit(
            lambda: LangChainEmbeddings(load_embedder(settings.embedding_model))
        )
        self._open_collections()
        self._check_model()
        # The generation this object's view of the store is current for: it opened or wrote it.
        self.known_generation = self.state().generation

    @property
    def chunks(self) -> Any:
        """The raw Chroma collection of chunks (reads, and filters LangChain lacks)."""
        return self._chunks

    @property
    def embeddings(self) -> LangChainEmbeddings:
        return self._embeddings.result()

    def reopen(self) -> None:
        """Pick up another process's writes (embedded store only; a server is always current)."""
        if self.settings.chroma_server is None:
            forget_cached_clients()
            self.client = open_client(self.settings)
            self._open_collections()
        self.known_generation = self.state().generation

    def _open_collections(self) -> None:
        settings = self.settings
        try:
            # Created first with our embedding function so the collection's stored config
            # names it: any Chroma client can then embed queries offline.
            client: Any = self.client  # chromadb's stubs reject a valid EmbeddingFunction
            self._chunks: Any = client.get_or_create_collection(
                settings.collection,
                embedding_function=ChromaEmbeddingFunction(settings.embedding_model),
                metadata={"hnsw:space": "cosine"},
            )
            self.files: Any = self.client.get_or_create_collection(
                f"{settings.collection}_files", embedding_function=None
            )
            _widen_search(self._chunks)
        except Exception as exc:
            raise StoreUnavailable(_unavailable_message(settings, exc)) from exc

    # -- state ------------------------------------------------------------------------------
    def file_signature(self) -> tuple[tuple[int, int] | None, ...] | None:
        """When and how big the embedded store's database files last were written (None for a
        server): unchanged, nothing committed since."""
        if self.settings.chroma_server is not None:
            return None
        database = self.settings.store_path / DATABASE_FILE
        return tuple(_written(database.with_name(database.name + end)) for end in ("", "-wal"))

    @_server_call
    def state(self) -> StoreState:
        got = self.files.get(ids=[META_ID], include=["metadatas"])
        meta = (got["metadatas"] or [{}])[0] if got["ids"] else {}
        meta = meta or {}
        return StoreState(
            generation=int(meta.get("generation", 0) or 0),
            last_ingest=float(meta.get("last_ingest", 0.0) or 0.0),
            embedding_model=str(meta.get("embedding_model", "")),
        )

    def _check_model(self) -> None:
        built_with = self.state().embedding_model
        if built_with and built_with != self.settings.embedding_model:
            raise StoreModelMismatch(
                f"The {self.settings.store_label} was built with the embedding model "
                f"{built_with!r}, not {self.settings.embedding_model!r}. Set "
                f"EMBEDDING_MODEL={built_with} or re-ingest into a new store (--store PATH)."
            )

    def _meta_record(self, generation: int) -> dict[str, Any]:
        return {
            "kind": "meta",
            "generation": generation,
            "last_ingest": time.time(),
            "embedding_model": self.settings.embedding_model,
        }

    @_server_call
    def manifest(self, roots: Sequence[str] | None = None) -> dict[str, FileRecord]:
        """Every committed file (tombstones left out), or those found under ``roots``."""
        where: dict[str, Any] = {"kind": "file"}
        if roots is not None:
            where = {"$and": [where, {"root": {"$in": list(roots)}}]} if roots else {"kind": "-"}
        records: dict[str, FileRecord] = {}
        for ids, metas in self._pages(self.files, where=where):
            for source, meta in zip(ids, metas, strict=True):
                records[source] = FileRecord.from_metadata(source, dict(meta))
        return records

    @_server_call
    def records(self, sources: Sequence[str]) -> dict[str, FileRecord]:
        """The committed records of these files (those that have one)."""
        found: dict[str, FileRecord] = {}
        for batch in _batched(list(dict.fromkeys(sources)), PAGE):
            got = self.files.get(ids=batch, include=["metadatas"])
            for source, meta in zip(got["ids"], got["metadatas"] or [], strict=True):
                if meta and meta.get("kind") == "file":
                    found[source] = FileRecord.from_metadata(source, dict(meta))
        return found

    @_server_call
    def count_files(self) -> int:
        got = self.files.get(where={"kind": "file"}, include=[])
        return len(got["ids"])

    @_server_call
    def changes_since(self, generation: int) -> list[FileRecord]:
        """Files committed or removed after ``generation`` (tombstones included)."""
        where = {
            "$and": [{"kind": {"$in": ["file", "removed"]}}, {"generation": {"$gt": generation}}]
        }
        return [
            FileRecord.from_metadata(source, dict(meta))
            for ids, metas in self._pages(self.files, where=where)
            for source, meta in zip(ids, metas, strict=True)
        ]

    @_server_call
    def count_chunks(self) -> int:
        return int(self.chunks.count())

    # -- writes -----------------------------------------------------------------------------
    @_server_call
    def write_chunks(self, chunks: Sequence[Chunk], vectors: npt.NDArray[np.float32]) -> None:
        """Upsert embedded chunks (invisible until their file is committed)."""
        for start in range(0, len(chunks), WRITE_BATCH):
            part = chunks[start : start + WRITE_BATCH]
            self.chunks.upsert(
                ids=[c.id for c in part],
                embeddings=vectors[start : start + WRITE_BATCH],
                metadatas=[{**c.metadata, TEXT_KEY: c.content} for c in part],
            )

    @_server_call
    def commit_files(
        self, records: Sequence[FileRecord], removed: Sequence[str] = ()
    ) -> tuple[list[FileRecord], int]:
        """Make these file versions the visible ones and hide the ``removed`` files, with the
        next store generation, in one manifest write. Returns the records as written and the
        generation."""
        generation = self.state().generation + 1
        now = time.time()
        written = [replace(r, generation=generation) for r in records]
        written += [
            FileRecord(s, "", "", 0, "", now, generation=generation, removed=True) for s in removed
        ]
        self.files.upsert(
            ids=[r.source for r in written] + [META_ID],
            embeddings=[[1.0]] * (len(written) + 1),
            metadatas=[r.to_metadata() for r in written] + [self._meta_record(generation)],
        )
        self.known_generation = generation
        return written, generation

    # -- writes in progress (what a crash can leave behind) --------------------------------
    @_server_call
    def mark_pending(self, versions: Sequence[PendingVersion]) -> None:
        """Record versions about to be written, so a crash before their commit is repaired."""
        if versions:
            self.files.upsert(
                ids=[f"{PENDING}{v.source}" for v in versions],
                embeddings=[[1.0]] * len(versions),
                metadatas=[
                    {
                        "kind": "pending",
                        "source": v.source,
                        "file_hash": v.file_hash,
                        "replaces": v.replaces,
                    }
                    for v in versions
                ],
            )

    @_server_call
    def pending(self) -> list[PendingVersion]:
        return [
            PendingVersion(
                str(meta["source"]), str(meta["file_hash"]), str(meta.get("replaces") or "")
            )
            for _, metas in self._pages(self.files, where={"kind": "pending"})
            for meta in metas
        ]

    @_server_call
    def clear_pending(self, sources: Sequence[str]) -> None:
        if sources:
            self.files.delete(ids=[f"{PENDING}{s}" for s in sources])

    @_server_call
    def forget_version(self, source: str, file_hash: str) -> None:
        """Delete the chunks of one version of a file (uncommitted, or replaced)."""
        self.chunks.delete(where={"$and": [{"source": source}, {"file_hash": file_hash}]})

    @_server_call
    def forget_chunks(self, sources: Sequence[str]) -> None:
        """Delete every chunk of these files (after their removal was committed)."""
        for batch in _batched(list(sources), 100):
            self.chunks.delete(where={"source": {"$in": batch}})

    def repair(self) -> int:
        """Finish or undo what an interrupted ingest left: chunks of versions never committed,
        and replaced versions not yet deleted. Returns how many versions were cleaned."""
        pending = self.pending()
        manifest = self.records([v.source for v in pending])
        for version in pending:
            committed = manifest.get(version.source)
            self.forget_other_versions(version.source, committed.file_hash if committed else "")
        self.clear_pending([v.source for v in pending])
        return len(pending)

    @_server_call
    def forget_other_versions(self, source: str, keep: str) -> None:
        """Delete every chunk of ``source`` not of version ``keep`` ("" = all of them)."""
        where: dict[str, Any] = {"source": source}
        if keep:
            where = {"$and": [where, {"file_hash": {"$ne": keep}}]}
        self.chunks.delete(where=where)

    # -- reads ------------------------------------------------------------------------------
    @_server_call
    def visible_chunks_with_vectors(
        self, manifest: dict[str, FileRecord]
    ) -> tuple[list[StoredChunk], npt.NDArray[np.float32]]:
        """Every committed chunk with its stored text and its unit vector (one row each)."""
        collection = self.chunks
        chunks: list[StoredChunk] = []
        rows: list[npt.NDArray[np.float32]] = []
        offset = 0
        while True:
            got = collection.get(
                limit=PAGE, offset=offset, include=["documents", "metadatas", "embeddings"]
            )
            ids = got["ids"]
            if not ids:
                break
            docs = got["documents"] or []
            metas = got["metadatas"] or []
            vectors = np.asarray(got["embeddings"], dtype=np.float32)
            keep = [i for i, meta in enumerate(metas) if _is_visible(meta, manifest)]
            chunks.extend(_stored_chunk(ids[i], docs[i] if docs else None, metas[i]) for i in keep)
            rows.append(vectors[keep])
            offset += len(ids)
        matrix = np.concatenate(rows) if rows else np.zeros((0, 384), dtype=np.float32)
        return chunks, matrix

    @_server_call
    def nearest(self, vector: Sequence[float], k: int) -> list[tuple[str, float]]:
        """Ids and cosine similarities (1 = same direction) of up to k nearest chunks, of any
        visibility: callers keep those of committed versions."""
        if k <= 0:
            return []
        got = self.chunks.query(
            query_embeddings=[np.asarray(vector, dtype=np.float32)],
            n_results=k,
            include=["distances"],
        )
        ids = got["ids"][0]
        dists = (got["distances"] or [[]])[0]
        return [(i, 1.0 - float(d)) for i, d in zip(ids, dists, strict=True)]

    @_server_call
    def vectors_of(self, ids: Sequence[str]) -> dict[str, npt.NDArray[np.float32]]:
        """The stored unit vectors of these chunks."""
        if not ids:
            return {}
        got = self.chunks.get(ids=list(ids), include=["embeddings"])
        rows = np.asarray(got["embeddings"], dtype=np.float32)
        return {chunk_id: rows[i] for i, chunk_id in enumerate(got["ids"])}

    def all_chunks(self) -> Iterator[StoredChunk]:
        """Every stored chunk (any version), page by page."""
        offset = 0
        while True:
            got = self._page(offset)
            ids = got["ids"]
            if not ids:
                return
            docs = got["documents"] or []
            metas = got["metadatas"] or []
            vectors = np.asarray(got["embeddings"], dtype=np.float32)
            for n, (i, m) in enumerate(zip(ids, metas, strict=True)):
                yield _stored_chunk(i, docs[n] if docs else None, m, vectors[n])
            offset += len(ids)

    @_server_call
    def _page(self, offset: int) -> Any:
        return self.chunks.get(
            limit=PAGE, offset=offset, include=["documents", "metadatas", "embeddings"]
        )

    @_server_call
    def chunks_of(self, source: str, file_hash: str) -> list[StoredChunk]:
        """Every stored chunk of one version of a file."""
        where = {"$and": [{"source": source}, {"file_hash": file_hash}]}
        chunks: list[StoredChunk] = []
        offset = 0
        while True:
            got = self.chunks.get(
                where=where,
                limit=PAGE,
                offset=offset,
                include=["documents", "metadatas", "embeddings"],
            )
            ids = got["ids"]
            if not ids:
                return chunks
            docs = got["documents"] or []
            metas = got["metadatas"] or []
            vectors = np.asarray(got["embeddings"], dtype=np.float32)
            chunks.extend(
                _stored_chunk(i, docs[n] if docs else None, m, vectors[n])
                for n, (i, m) in enumerate(zip(ids, metas, strict=True))
            )
            offset += len(ids)

    def _pages(
        self, collection: Any, where: dict[str, Any] | None
    ) -> Iterator[tuple[list[str], list[Any]]]:
        offset = 0
        while True:
            got = collection.get(where=where, limit=PAGE, offset=offset, include=["metadatas"])
            ids = got["ids"]
            if not ids:
                return
            yield list(ids), list(got["metadatas"] or [])
            offset += len(ids)


def _widen_search(collection: Any) -> None:
    """Give the collection's vector index the search breadth ``SEARCH_EF`` if it has less (the
    setting is kept in the collection: once per store)."""
    hnsw = (getattr(collection, "configuration_json", None) or {}).get("hnsw") or {}
    if hnsw and int(hnsw.get("ef_search") or 0) < SEARCH_EF:
        try:
            collection.modify(configuration={"hnsw": {"ef_search": SEARCH_EF}})
        except Exception as exc:  # searches still work, with the breadth it has
            log.warning("could not widen the vector index's search (%s): %s", SEARCH_EF, exc)


def _written(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def _stored_chunk(
    chunk_id: str,
    document: str | None,
    meta: Any,
    vector: npt.NDArray[np.float32] | None = None,
) -> StoredChunk:
    metadata = dict(meta or {})
    text = metadata.pop(TEXT_KEY, None)
    content = text if isinstance(text, str) else document or ""
    return StoredChunk(chunk_id, content, metadata, vector=vector)


def _is_visible(meta: Any, manifest: dict[str, FileRecord]) -> bool:
    record = manifest.get(str(meta.get("source", "")))
    return record is not None and record.file_hash == meta.get("file_hash")


def _batched(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
