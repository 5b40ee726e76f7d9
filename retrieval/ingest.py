"""Incremental ingestion: parse → chunk → embed → store, deciding by content hash.

Unchanged files are skipped, changed files have all their old chunks replaced, files gone
from an ingested folder are removed. Three stages overlap through bounded queues, so memory
stays flat whatever the corpus size: a thread reads, parses and chunks files; the calling
thread embeds batches; a thread writes them (Chroma, then the manifest commit that makes a
batch's files visible at once, then the lexical index). A crash at any point leaves the
previous committed state readable, and the next ingest deletes whatever the crash left
half-written.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import queue
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

import numpy as np
import numpy.typing as npt

from retrieval.chunking import Chunk, chunk_document
from retrieval.lexical.index import IndexBusy, LexicalWriter
from retrieval.parsing import SkipFile, parse_file
from retrieval.store import ChunkStore, FileRecord, PendingVersion, StoredChunk
from retrieval.view import StoreView

PIPELINE_VERSION = "corpusbot-pipeline-2"  # bump when parsing/chunking output changes
BATCH_CHUNKS = 256
QUEUED_FILES = 64  # parsed files waiting for the embedder
QUEUED_BATCHES = 2  # embedded batches waiting for the writer


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
            f"{self.chunks_written} chunks written."
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
    return _Prepared(record, chunks, previous.file_hash if previous else "", doc.warnings)


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
@dataclass
class _Batch:
    files: list[_Prepared] = field(default_factory=list)
    size: int = 0

    def add(self, item: _Prepared) -> None:
        self.files.append(item)
        self.size += len(item.chunks)


class _Writer:
    """Writes embedded batches in its own thread, in order; re-raises its failure."""

    def __init__(self, store: ChunkStore, lexical: LexicalWriter) -> None:
        self.store = store
        self.lexical = lexical
        self.chunks_written = 0
        self._queue: queue.Queue[tuple[_Batch, npt.NDArray[np.float32]] | None] = queue.Queue(
            QUEUED_BATCHES
        )
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="ingest-writer", daemon=True)
        self._thread.start()

    def submit(self, batch: _Batch, vectors: npt.NDArray[np.float32]) -> None:
        while True:
            self.check()
            try:
                self._queue.put((batch, vectors), timeout=0.2)
                return
            except queue.Full:
                continue

    def close(self) -> None:
        """Wait for every submitted batch (or the first failure)."""
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
            while (item := self._queue.get()) is not None:
                self._write(*item)
        except BaseException as exc:
            self._error = exc

    def _write(self, batch: _Batch, vectors: npt.NDArray[np.float32]) -> None:
        versions = [(f.record, f.chunks, f.replaces) for f in batch.files]
        self.chunks_written += write_versions(self.store, self.lexical, versions, vectors)


def write_versions(
    store: ChunkStore,
    lexical: LexicalWriter,
    versions: Sequence[tuple[FileRecord, Sequence[Chunk], str]],
    vectors: npt.NDArray[np.float32],
) -> int:
    """Write new versions of files (record, chunks, hash of the version each replaces or "")
    with their chunks' vectors, in order: pending marks, chunks, one manifest commit, the
    lexical index, then the replaced versions' deletion. Returns the chunks written."""
    store.mark_pending([PendingVersion(r.source, r.file_hash, old) for r, _, old in versions])
    chunks = [c for _, file_chunks, _ in versions for c in file_chunks]
    store.write_chunks(chunks, vectors)
    written, generation = store.commit_files([r for r, _, _ in versions])
    row = 0
    for record, (_, file_chunks, _) in zip(written, versions, strict=True):
        stored = []
        for c in file_chunks:
            stored.append(StoredChunk(c.id, c.content, c.metadata, vector=vectors[row]))
            row += 1
        lexical.put_file(record, stored)
    lexical.set_generation(generation)
    lexical.commit()
    for record, _, old in versions:
        if old:
            store.forget_version(record.source, old)
    store.clear_pending([r.source for r, _, _ in versions])
    return len(chunks)


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
        batch = _Batch()
        while (item := parsed.get()) is not None:
            if isinstance(item, _Settled):
                _settle(item, summary, progress, to_remove)
                continue
            for warning in item.warnings:
                summary.warnings.append(warning)
                progress.note(warning)
            (summary.updated if item.replaces else summary.added).append(item.record.source)
            batch.add(item)
            if batch.size >= BATCH_CHUNKS:
                _embed_and_submit(store, writer, batch, progress)
                batch = _Batch()
        if batch.files:
            _embed_and_submit(store, writer, batch, progress)
        writer.close()
    finally:
        stop.set()
        reader.join()
    seen = {f.source for f in files}
    to_remove += [s for s, r in manifest.items() if r.root in roots and s not in seen]
    remove_files(store, lexical_writer, to_remove)
    summary.removed.extend(to_remove)
    summary.chunks_written = writer.chunks_written


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


def _embed_and_submit(
    store: ChunkStore, writer: _Writer, batch: _Batch, progress: IngestProgress
) -> None:
    texts = [c.content for f in batch.files for c in f.chunks]
    vectors = store.embeddings.embedder.embed(texts)
    writer.submit(batch, vectors)
    for item in batch.files:
        progress.advance(item.record.source, len(item.chunks))
