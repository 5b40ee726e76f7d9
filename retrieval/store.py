"""The Chroma store: chunk vectors (through langchain-chroma) and a manifest of ingested files.

Consistency model: a file's chunks carry its content hash; the manifest (a second, tiny
collection) records the hash of each file's *committed* version. Readers only see chunks
whose hash matches the manifest, so a file's new chunks appear, and its old ones disappear,
at the single manifest write that commits it. Chunks left behind by a crash are invisible and
are deleted by the next ingest (``purge_uncommitted``). A ``generation`` counter in the manifest
lets other processes notice that the store changed.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Concatenate, ParamSpec, TypeVar

import chromadb
import httpx
import numpy as np
import numpy.typing as npt
from chromadb.api import ClientAPI
from chromadb.api.shared_system_client import SharedSystemClient
from chromadb.config import Settings as ChromaSettings

from retrieval.chunking import Chunk
from retrieval.embedding import ChromaEmbeddingFunction, LangChainEmbeddings, load_embedder
from retrieval.settings import Settings

META_ID = "__store__"
PAGE = 5000


class StoreUnavailable(RuntimeError):
    """The store cannot be opened or reached; the message says what to do."""


class StoreModelMismatch(RuntimeError):
    """The store was built with another embedding model."""


@dataclass(frozen=True)
class FileRecord:
    source: str
    file_hash: str
    title: str
    chunks: int
    root: str
    ingested_at: float

    def to_metadata(self) -> dict[str, Any]:
        return {
            "kind": "file",
            "file_hash": self.file_hash,
            "title": self.title,
            "chunks": self.chunks,
            "root": self.root,
            "ingested_at": self.ingested_at,
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
        )


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


def open_client(settings: Settings) -> ClientAPI:
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    server = settings.chroma_server
    try:
        if server is None:
            settings.store_path.mkdir(parents=True, exist_ok=True)
            return chromadb.PersistentClient(
                path=str(settings.store_path), settings=chroma_settings
            )
        headers = {"Authorization": f"Bearer {server.token}"} if server.token else None
        client = chromadb.HttpClient(
            host=server.host,
            port=server.port,
            ssl=server.ssl,
            headers=headers,
            settings=chroma_settings,
        )
        client.heartbeat()
        return client
    except Exception as exc:
        raise StoreUnavailable(_unavailable_message(settings, exc)) from exc


def _unavailable_message(settings: Settings, exc: BaseException) -> str:
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

    _vectors: Any = None

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

    @property
    def vectors(self) -> Any:
        """The same collection as a LangChain vector store (writes).

        Imported on first use: langchain-chroma is slow to import and answering a question
        does not need it.
        """
        if self._vectors is None:
            from langchain_chroma import Chroma

            self._vectors = Chroma(
                client=self.client,
                collection_name=self.settings.collection,
                embedding_function=self.embeddings,
                collection_metadata={"hnsw:space": "cosine"},
            )
        return self._vectors

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
            self._vectors = None
            self.files: Any = self.client.get_or_create_collection(
                f"{settings.collection}_files", embedding_function=None
            )
        except Exception as exc:
            raise StoreUnavailable(_unavailable_message(settings, exc)) from exc

    # -- state ------------------------------------------------------------------------------
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

    @_server_call
    def bump_generation(self) -> int:
        generation = self.state().generation + 1
        self.files.upsert(
            ids=[META_ID],
            embeddings=[[1.0]],
            metadatas=[
                {
                    "kind": "meta",
                    "generation": generation,
                    "last_ingest": time.time(),
                    "embedding_model": self.settings.embedding_model,
                }
            ],
        )
        self.known_generation = generation
        return generation

    @_server_call
    def manifest(self) -> dict[str, FileRecord]:
        records: dict[str, FileRecord] = {}
        for ids, metas in self._pages(self.files, where={"kind": "file"}):
            for source, meta in zip(ids, metas, strict=True):
                records[source] = FileRecord.from_metadata(source, dict(meta))
        return records

    @_server_call
    def count_chunks(self) -> int:
        return int(self.chunks.count())

    # -- writes -----------------------------------------------------------------------------
    @_server_call
    def write_chunks(self, chunks: Sequence[Chunk]) -> None:
        """Embed and upsert chunks (invisible until their file is committed)."""
        if not chunks:
            return
        self.vectors.add_texts(
            texts=[c.content for c in chunks],
            metadatas=[c.metadata for c in chunks],
            ids=[c.id for c in chunks],
        )

    @_server_call
    def commit_files(self, records: Sequence[FileRecord]) -> None:
        """Make these files' current chunks the visible ones (one manifest write)."""
        if records:
            self.files.upsert(
                ids=[r.source for r in records],
                embeddings=[[1.0]] * len(records),
                metadatas=[r.to_metadata() for r in records],
            )

    @_server_call
    def forget_files(self, sources: Sequence[str]) -> None:
        """Hide files at once (manifest), then delete their chunks."""
        if not sources:
            return
        self.files.delete(ids=list(sources))
        for batch in _batched(list(sources), 100):
            self.chunks.delete(where={"source": {"$in": batch}})

    @_server_call
    @_server_call
    def forget_version(self, source: str, file_hash: str) -> None:
        """Delete the chunks of one version of a file (after a newer one was committed)."""
        self.chunks.delete(where={"$and": [{"source": source}, {"file_hash": file_hash}]})

    def purge_uncommitted(self, manifest: dict[str, FileRecord] | None = None) -> int:
        """Delete chunks no committed file version owns (left by a crash or a replacement)."""
        manifest = self.manifest() if manifest is None else manifest
        stale: list[str] = []
        for ids, metas in self._pages(self.chunks, where=None):
            for chunk_id, meta in zip(ids, metas, strict=True):
                record = manifest.get(str(meta.get("source", "")))
                if record is None or record.file_hash != meta.get("file_hash"):
                    stale.append(chunk_id)
        for batch in _batched(stale, 1000):
            self.vectors.delete(ids=batch)
        return len(stale)

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
            chunks.extend(StoredChunk(ids[i], docs[i] or "", dict(metas[i])) for i in keep)
            rows.append(vectors[keep])
            offset += len(ids)
        matrix = np.concatenate(rows) if rows else np.zeros((0, 384), dtype=np.float32)
        return chunks, matrix

    @_server_call
    def nearest(
        self, vector: Sequence[float], k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """Ids and cosine similarities (1 = same direction) of up to k nearest chunks, of any
        visibility: callers keep those their snapshot shows."""
        if k <= 0:
            return []
        got = self.chunks.query(
            query_embeddings=[np.asarray(vector, dtype=np.float32)],
            n_results=k,
            where=where,
            include=["distances"],
        )
        ids = got["ids"][0]
        dists = (got["distances"] or [[]])[0]
        return [(i, 1.0 - float(d)) for i, d in zip(ids, dists, strict=True)]

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


def _is_visible(meta: Any, manifest: dict[str, FileRecord]) -> bool:
    record = manifest.get(str(meta.get("source", "")))
    return record is not None and record.file_hash == meta.get("file_hash")


def _batched(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
