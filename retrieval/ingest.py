"""Incremental ingestion: parse → chunk → embed → store, deciding by content hash.

Unchanged files are skipped, changed files have all their old chunks replaced (a passage
whose text is unchanged, say in a comment thread that grew, keeps its stored vector: only new
text is embedded), files gone from an ingested folder are removed. Three stages overlap
through bounded queues, so memory stays flat whatever the corpus size: a thread reads, parses
and chunks files; the calling thread embeds them a pool of files at a time; a thread writes
every few hundred embedded chunks to Chroma while the next ones embed, then (a pool's chunks
all stored) makes the pool's files visible at once with one manifest commit, then updates the
lexical index. A crash at any point leaves the previous committed state readable, and the
next ingest deletes whatever the crash left half-written.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

import numpy as np
import numpy.typing as npt

from retrieval.chunking import Chunk, chunk_document
from retrieval.lexical.index import IndexBusy, LexicalWriter, comment_count
from retrieval.parsing import SkipFile, parse_file
from retrieval.store import ChunkStore, FileRecord, PendingVersion, StoredChunk
from retrieval.view import StoreView

PIPELINE_VERSION = "corpusbot-pipeline-4"  # bump when parsing/chunking output changes
POOL_CHUNKS = 1024  # chunks of files committed together
FIRST_POOL_CHUNKS = 64
# Embedded chunks handed to the writer at a time: Chroma's cost per chunk falls with the size
# of a write (into a 100k store: ~2.1 s of CPU per 1,024 chunks written 64 at a time, ~1.5 s
# 256 at a time, about the same in one write of 1,024).
WRITE_CHUNKS = 256
QUEUED_FILES = 128  # parsed files waiting for the embedder
QUEUED_WRITES = 8  # writes waiting for the writer thread


BACKGROUND_NICE = 10  # how much lower the parse and write threads run than the embedder


def yield_cpu() -> None:
    """Lower the calling thread's priority: the embedder, the ingest's bottleneck, keeps both
    cores, and the parse and write threads use what it leaves (Linux; elsewhere a no-op)."""
    with suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICE)


class IngestError(RuntimeError):
    """The ingest cannot start; the message says why and what to do."""


class IngestProgress(Protocol):
    def start(self, total_files: int) -> None: ...
    def advance(self, source: str, passages: int = 0) -> None: ...
    def note(self, message: str) -> None: ...
    def finish(self) -> None: ...


class SilentProgress:
    def start(self, total_files: int) -> None:
        pass

    def advance(self, source: str, passages: int = 0) -> None:
        pass

    def note(self, message: str) -> None:
        pass

    def finish(self) -> None:
        pass


@dataclass
class IngestSummary:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # messages naming the file and reason
    failed: list[str] = field(default_factory=list)  # messages naming the file and error
    warnings: list[str] = field(default_factory=list)
    chunks_written: int = 0
    chunks_reused: int = 0  # of those, passages whose text was unchanged: vector kept, not embedded
    repaired_chunks: int = 0  # versions an interrupted ingest left, cleaned up
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.repaired_chunks)

    def line(self) -> str:
        head = "Ingest finished" if self.changed else "Nothing changed"
        text = (
            f"{head} in {self.seconds:.1f} s: {len(self.added)} added, {len(self.updated)} "
            f"updated, {len(self.removed)} removed, {len(self.unchanged)} unchanged, "
            f"{len(self.skipped)} skipped, {len(self.failed)} failed; "
            f"{self.chunks_written} chunks written"
            + (
                f" ({self.chunks_reused} unchanged, not embedded again)."
                if self.chunks_reused
                else "."
            )
        )
        if self.repaired_chunks:
            text += f" Repaired an interrupted ingest ({self.repaired_chunks} files cleaned up)."
        return text


@dataclass(frozen=True)
class SourceFile:
    path: Path
    source: str  # name in citations: path relative to the ingested folder
    root: str  # the folder it was found in ("" for a file named directly)


def discover(paths: Sequence[Path]) -> tuple[list[SourceFile], list[str]]:
    """Files under the given folders/files (hidden ones excluded), and the folders scanned."""
    found: list[SourceFile] = []
    roots: list[str] = []
    for raw in paths:
        path = raw.expanduser()
        if path.is_dir():
            root = path.resolve()
            roots.append(str(root))
            for file in sorted(root.rglob("*")):
                rel = file.relative_to(root)
                if file.is_file() and not any(p.startswith(".") for p in rel.parts):
                    found.append(SourceFile(file, rel.as_posix(), str(root)))
        elif path.is_file():
            found.append(SourceFile(path, path.name, ""))
        else:
            raise IngestError(
                f"{raw} does not exist: give a folder or file of articles (default: CORPUS_DIR)."
            )
    return found, roots


def file_hash(data: bytes, chunk_chars: int) -> str:
    digest = hashlib.sha256(f"{PIPELINE_VERSION}|{chunk_chars}|".encode())
    digest.update(data)
    return digest.hexdigest()


@contextmanager
def ingest_lock(store: ChunkStore) -> Iterator[None]:
    """One ingest at a time: a lock file beside an embedded store, a lease in a Chroma server's
    manifest collection (``retrieval/ingest_lock.py``)."""
    from retrieval.ingest_lock import IngestLocked, server_lease  # it imports this module

    if store.settings.chroma_server is not None:
        with server_lease(store):
            yield
        return
    lock_path = store.settings.store_path / ".ingest.lock"
    with open(lock_path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IngestLocked(
                f"Another ingest is running on {store.settings.store_path}; wait for it to finish."
            ) from None
        handle.write(str(os.getpid()))
        handle.flush()
        yield


@contextmanager
def _lexical_writer(view: StoreView) -> Iterator[LexicalWriter]:
    try:
        with view.lexical.writer() as writer:
            yield writer
    except IndexBusy as exc:
        raise IngestError(str(exc)) from exc


# -- stage 1: read, parse, chunk --------------------------------------------------------------
@dataclass(frozen=True)
class _Prepared:
    """A file whose new version is to be written."""

    record: FileRecord
    chunks: list[Chunk]
    replaces: str  # the committed version's hash, "" for a new file
    warnings: tuple[str, ...]
    # The replaced version's vectors of passages whose text is unchanged, by chunk position
    reused: dict[int, npt.NDArray[np.float32]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Settled:
    """A file that needs no chunks written."""

    source: str
    outcome: Literal["unchanged", "skipped", "failed", "remove"]
    message: str = ""


_Item = _Prepared | _Settled | None  # None: no more files


def _prepare_one(file: SourceFile, previous: FileRecord | None, store: ChunkStore) -> _Item:
    settings = store.settings
    try:
        data = file.path.read_bytes()
    except OSError as exc:
        return _Settled(
            file.source, "failed", f"{file.source}: cannot read ({exc.strerror or exc})"
        )
    digest = file_hash(data, settings.chunk_chars)
    if previous is not None and previous.file_hash == digest:
        return _Settled(file.source, "unchanged")
    try:
        doc = parse_file(file.path, source=file.source, max_bytes=settings.max_file_bytes)
        chunks = chunk_document(doc, digest, settings.chunk_chars)
    except SkipFile as exc:
        # A file that was ingested before no longer says what its old text said: remove it.
        return _Settled(file.source, "remove" if previous else "skipped", str(exc))
    except Exception as exc:  # one bad file must not stop the run
        return _Settled(file.source, "failed", f"{file.source}: {type(exc).__name__}: {exc}")
    if not chunks:
        message = f"skipped {file.source}: no answerable text"
        return _Settled(file.source, "remove" if previous else "skipped", message)
    record = FileRecord(file.source, digest, doc.title, len(chunks), file.root, time.time())
    if previous is None:
        return _Prepared(record, chunks, "", doc.warnings)
    reused = unchanged_vectors(store, previous, chunks)
    return _Prepared(record, chunks, previous.file_hash, doc.warnings, reused)


def unchanged_vectors(
    store: ChunkStore, previous: FileRecord, chunks: Sequence[Chunk]
) -> dict[int, npt.NDArray[np.float32]]:
    """The stored vectors of the committed version's passages whose text a new version keeps
    (a thread that gained a comment, a re-parse that changed one passage), by the new chunk's
    position: only the rest is embedded again."""
    old = {
        c.content: c.vector
        for c in store.chunks_of(previous.source, previous.file_hash)
        if c.vector is not None
    }
    return {n: old[c.content] for n, c in enumerate(chunks) if c.content in old}


def _put(out: queue.Queue[_Item], item: _Item, stop: threading.Event) -> bool:
    while not stop.is_set():
        try:
            out.put(item, timeout=0.2)
            return True
        except queue.Full:
            continue
    return False


def _prepare_all(
    files: list[SourceFile],
    manifest: dict[str, FileRecord],
    store: ChunkStore,
    out: queue.Queue[_Item],
    stop: threading.Event,
) -> None:
    yield_cpu()
    for file in files:
        if not _put(out, _prepare_one(file, manifest.get(file.source), store), stop):
            return
    _put(out, None, stop)


# -- stage 3: write ------------------------------------------------------------------------------
_Vectors = npt.NDArray[np.float32]
_Version = tuple[FileRecord, Sequence[Chunk], str]  # record, chunks, hash of the version replaced


def _versions(files: Sequence[_Prepared]) -> list[_Version]:
    return [(f.record, f.chunks, f.replaces) for f in files]


class _Writer:
    """Stores what the embedder hands over, in its own thread and in order: a pool's pending
    marks, its chunks a write at a time, then its commit. Re-raises its failure."""

    def __init__(self, store: ChunkStore, lexical: LexicalWriter) -> None:
        self.store = store
        self.lexical = lexical
        self.chunks_written = 0
        self.chunks_reused = 0
        self._queue: queue.Queue[Callable[[], None] | None] = queue.Queue(QUEUED_WRITES)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="ingest-writer", daemon=True)
        self._thread.start()

    def begin(self, files: Sequence[_Prepared]) -> None:
        versions = _versions(files)
        self._submit(lambda: begin_versions(self.store, self.lexical, versions))

    def chunks(self, chunks: Sequence[Chunk], vectors: _Vectors) -> None:
        self._submit(lambda: write_chunks(self.store, self.lexical, chunks, vectors))

    def commit(self, files: Sequence[_Prepared], reused: int = 0) -> None:
        """Commit the files once their chunks are stored (``reused`` of them not embedded)."""
        versions = _versions(files)

        def commit() -> None:
            self.chunks_written += commit_versions(self.store, self.lexical, versions)
            self.chunks_reused += reused

        self._submit(commit)

    def _submit(self, write: Callable[[], None]) -> None:
        while True:
            self.check()
            try:
                self._queue.put(write, timeout=0.2)
                return
            except queue.Full:
                continue

    def close(self) -> None:
        """Wait for every submitted write (or the first failure)."""
        if self._thread.is_alive():
            while True:
                try:
                    self._queue.put(None, timeout=0.2)
                    break
                except queue.Full:
                    if not self._thread.is_alive():
                        break
            self._thread.join()
        self.check()

    def check(self) -> None:
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        yield_cpu()
        try:
            while (write := self._queue.get()) is not None:
                write()
        except BaseException as exc:
            self._error = exc


def begin_versions(store: ChunkStore, lexical: LexicalWriter, versions: Sequence[_Version]) -> None:
    """Mark versions about to be written, so a crash before their commit is repaired, and drop
    their files' old passages from the lexical index's next commit."""
    store.mark_pending([PendingVersion(r.source, r.file_hash, old) for r, _, old in versions])
    for record, _, _ in versions:
        lexical.remove_file(record.source)


def write_chunks(
    store: ChunkStore, lexical: LexicalWriter, chunks: Sequence[Chunk], vectors: _Vectors
) -> None:
    """Store chunks of begun versions, and stage them for the lexical index's next commit
    (nothing is searchable before ``commit_versions``)."""
    store.write_chunks(chunks, vectors)
    lexical.add_passages(
        [
            StoredChunk(c.id, c.content, c.metadata, vector=v)
            for c, v in zip(chunks, vectors, strict=True)
        ]
    )


def commit_versions(store: ChunkStore, lexical: LexicalWriter, versions: Sequence[_Version]) -> int:
    """Make versions whose chunks are written visible: one manifest commit, the lexical index,
    then the replaced versions' deletion. Returns the chunks committed."""
    written, generation = store.commit_files([r for r, _, _ in versions])
    for record, (_, file_chunks, _) in zip(written, versions, strict=True):
        lexical.add_file(record, comment_count(c.metadata for c in file_chunks))
    lexical.set_generation(generation)
    lexical.commit()
    for record, _, old in versions:
        if old:
            store.forget_version(record.source, old)
    store.clear_pending([r.source for r, _, _ in versions])
    return sum(len(file_chunks) for _, file_chunks, _ in versions)


def write_versions(
    store: ChunkStore,
    lexical: LexicalWriter,
    versions: Sequence[_Version],
    vectors: _Vectors,
) -> int:
    """Write new versions of files (record, chunks, hash of the version each replaces or "")
    with their chunks' vectors, in order: pending marks, chunks, one manifest commit, the
    lexical index, then the replaced versions' deletion. Returns the chunks written."""
    begin_versions(store, lexical, versions)
    write_chunks(
        store, lexical, [c for _, file_chunks, _ in versions for c in file_chunks], vectors
    )
    return commit_versions(store, lexical, versions)


def remove_files(store: ChunkStore, lexical: LexicalWriter, sources: Sequence[str]) -> None:
    """Hide files (one manifest commit), then delete their chunks everywhere."""
    if not sources:
        return
    store.mark_pending([PendingVersion(s, "") for s in sources])
    _, generation = store.commit_files([], removed=sources)
    for source in sources:
        lexical.remove_file(source)
    lexical.set_generation(generation)
    lexical.commit()
    store.forget_chunks(sources)
    store.clear_pending(sources)


# -- the whole run -------------------------------------------------------------------------------
def ingest(
    store: ChunkStore,
    view: StoreView,
    paths: Sequence[Path],
    progress: IngestProgress | None = None,
) -> IngestSummary:
    """Bring the store (and this host's lexical index) in line with the given folders/files."""
    progress = progress or SilentProgress()
    started = time.perf_counter()
    summary = IngestSummary()
    files, roots = discover(paths)
    with ingest_lock(store):
        store.reopen()  # another process may have written since this one opened the store
        summary.repaired_chunks = store.repair()
        manifest = store.manifest(roots) | store.records([f.source for f in files])
        progress.start(len(files))
        with _lexical_writer(view) as lexical_writer:
            # In step with the store before this ingest writes to the index.
            view.apply_changes(lexical_writer, view.lexical.generation(), store.state().generation)
            _run(store, lexical_writer, files, roots, manifest, summary, progress)
        progress.finish()
    summary.seconds = time.perf_counter() - started
    return summary


def _run(
    store: ChunkStore,
    lexical_writer: LexicalWriter,
    files: list[SourceFile],
    roots: list[str],
    manifest: dict[str, FileRecord],
    summary: IngestSummary,
    progress: IngestProgress,
) -> None:
    writer = _Writer(store, lexical_writer)
    stop = threading.Event()
    parsed: queue.Queue[_Item] = queue.Queue(QUEUED_FILES)
    reader = threading.Thread(
        target=_prepare_all,
        args=(files, manifest, store, parsed, stop),
        name="ingest-parse",
        daemon=True,
    )
    reader.start()
    to_remove: list[str] = []
    try:
        pool: list[_Prepared] = []
        pool_size, limit = 0, FIRST_POOL_CHUNKS  # the first pool is small: embedding starts soon
        while (item := parsed.get()) is not None:
            if isinstance(item, _Settled):
                _settle(item, summary, progress, to_remove)
                continue
            for warning in item.warnings:
                summary.warnings.append(warning)
                progress.note(warning)
            (summary.updated if item.replaces else summary.added).append(item.record.source)
            pool.append(item)
            pool_size += len(item.chunks)
            if pool_size >= limit:
                _embed_pool(store, writer, pool, progress)
                pool, pool_size, limit = [], 0, POOL_CHUNKS
        if pool:
            _embed_pool(store, writer, pool, progress, last=True)
        writer.close()
    finally:
        stop.set()
        reader.join()
    seen = {f.source for f in files}
    to_remove += [s for s, r in manifest.items() if r.root in roots and s not in seen]
    remove_files(store, lexical_writer, to_remove)
    summary.removed.extend(to_remove)
    summary.chunks_written = writer.chunks_written
    summary.chunks_reused = writer.chunks_reused


def _settle(
    item: _Settled, summary: IngestSummary, progress: IngestProgress, to_remove: list[str]
) -> None:
    if item.outcome == "unchanged":
        summary.unchanged.append(item.source)
    elif item.outcome == "failed":
        summary.failed.append(item.message)
        progress.note(f"failed {item.message}")
    else:
        summary.skipped.append(item.message)
        progress.note(item.message)
        if item.outcome == "remove":
            to_remove.append(item.source)
    progress.advance(item.source)


def _embed_pool(
    store: ChunkStore,
    writer: _Writer,
    pool: list[_Prepared],
    progress: IngestProgress,
    *,
    last: bool = False,
) -> None:
    """Embed a pool of files' chunks in one stream (every core busy until the pool ends),
    handing every ``WRITE_CHUNKS`` embedded chunks to the writer while the next ones embed; the
    files are committed together once all their chunks are stored. Chunks whose vectors are
    reused from the version they replace go to the writer first, without embedding. Near the
    end of the ``last`` pool of a run a write holds as many chunks as are left to embed, so
    only the last chunk is left to write once the embedding ends (nothing else overlaps that
    wait)."""
    writer.begin(pool)
    kept = [
        (n, c, f.reused[i])
        for n, f in enumerate(pool)
        for i, c in enumerate(f.chunks)
        if i in f.reused
    ]
    fresh = [
        (n, c) for n, f in enumerate(pool) for i, c in enumerate(f.chunks) if i not in f.reused
    ]
    chunks = [c for _, c, _ in kept] + [c for _, c in fresh]
    owner = [n for n, _, _ in kept] + [n for n, _ in fresh]
    left = [len(f.chunks) for f in pool]  # chunks of each file still to embed
    embedder = store.embeddings.embedder
    vectors = np.empty((len(chunks), embedder.dimension), dtype=np.float32)
    for row, (_, _, vector) in enumerate(kept):
        vectors[row] = vector
    for start in range(0, len(kept), WRITE_CHUNKS):
        end = min(start + WRITE_CHUNKS, len(kept))
        writer.chunks(chunks[start:end], vectors[start:end])
    for row in range(len(kept)):
        _done(pool, owner[row], left, progress)
    written = len(kept)  # chunks handed to the writer
    texts = [c.content for _, c in fresh]
    for n, vector in enumerate(embedder.embed_each(texts)):
        row = len(kept) + n
        vectors[row] = vector
        embedded, to_embed = row + 1, len(chunks) - row - 1
        due = min(WRITE_CHUNKS, to_embed) if last else WRITE_CHUNKS
        if embedded - written >= due or not to_embed:
            writer.chunks(chunks[written:embedded], vectors[written:embedded])
            written = embedded
        _done(pool, owner[row], left, progress)
    writer.commit(pool, reused=len(kept))


def _done(pool: list[_Prepared], owner: int, left: list[int], progress: IngestProgress) -> None:
    """One more chunk of file ``owner`` is embedded; a file counts as done once all are."""
    left[owner] -= 1
    if left[owner] == 0:
        item = pool[owner]
        progress.advance(item.record.source, len(item.chunks))
