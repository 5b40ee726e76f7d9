"""Incremental ingestion: parse → chunk → embed → store, deciding by content hash.

Unchanged files are skipped, changed files have all their old chunks replaced, files gone
from an ingested folder are removed. Writes are batched; each batch's files become visible at
one manifest write, so a crash at any point leaves the previous committed state readable, and
the next ingest deletes whatever the crash left half-written.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from retrieval.chunking import Chunk, chunk_document
from retrieval.parsing import SkipFile, parse_file
from retrieval.store import ChunkStore, FileRecord

PIPELINE_VERSION = "corpusbot-pipeline-1"  # bump when parsing/chunking output changes
BATCH_CHUNKS = 256


class IngestError(RuntimeError):
    """The ingest cannot start; the message says why and what to do."""


class IngestProgress(Protocol):
    def start(self, total_files: int) -> None: ...
    def advance(self, source: str) -> None: ...
    def note(self, message: str) -> None: ...
    def finish(self) -> None: ...


class SilentProgress:
    def start(self, total_files: int) -> None:
        pass

    def advance(self, source: str) -> None:
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
    repaired_chunks: int = 0
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
            text += (
                f" Repaired an interrupted ingest ({self.repaired_chunks} stale chunks removed)."
            )
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
    """One ingest at a time on an embedded store (a lock file beside it)."""
    if store.settings.chroma_server is not None:
        yield
        return
    lock_path = store.settings.store_path / ".ingest.lock"
    with open(lock_path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IngestError(
                f"Another ingest is running on {store.settings.store_path}; wait for it to finish."
            ) from None
        handle.write(str(os.getpid()))
        handle.flush()
        yield


class _Batch:
    def __init__(self) -> None:
        self.chunks: list[Chunk] = []
        self.records: list[FileRecord] = []
        self.replaced: dict[str, str] = {}  # source -> old file hash


def ingest(
    store: ChunkStore, paths: Sequence[Path], progress: IngestProgress | None = None
) -> IngestSummary:
    """Bring the store in line with the given folders/files."""
    progress = progress or SilentProgress()
    started = time.perf_counter()
    summary = IngestSummary()
    files, roots = discover(paths)
    settings = store.settings
    with ingest_lock(store):
        store.reopen()  # another process may have written since this one opened the store
        manifest = store.manifest()
        summary.repaired_chunks = store.purge_uncommitted(manifest)
        progress.start(len(files))
        batch = _Batch()
        seen: set[str] = set()
        for file in files:
            seen.add(file.source)
            previous = manifest.get(file.source)
            try:
                data = file.path.read_bytes()
            except OSError as exc:
                summary.failed.append(f"{file.source}: cannot read ({exc.strerror or exc})")
                progress.advance(file.source)
                continue
            digest = file_hash(data, settings.chunk_chars)
            if previous is not None and previous.file_hash == digest:
                summary.unchanged.append(file.source)
                progress.advance(file.source)
                continue
            try:
                doc = parse_file(file.path, source=file.source, max_bytes=settings.max_file_bytes)
                chunks = chunk_document(doc, digest, settings.chunk_chars)
            except SkipFile as exc:
                summary.skipped.append(str(exc))
                progress.note(str(exc))
                if previous is not None:  # its old text is no longer what the file says
                    store.forget_files([file.source])
                    summary.removed.append(file.source)
                progress.advance(file.source)
                continue
            except Exception as exc:  # one bad file must not stop the run
                message = f"{file.source}: {type(exc).__name__}: {exc}"
                summary.failed.append(message)
                progress.note(f"failed {message}")
                progress.advance(file.source)
                continue
            for warning in doc.warnings:
                summary.warnings.append(warning)
                progress.note(warning)
            if not chunks:
                summary.skipped.append(f"skipped {file.source}: no answerable text")
                progress.advance(file.source)
                continue
            batch.chunks.extend(chunks)
            record = FileRecord(file.source, digest, doc.title, len(chunks), file.root, time.time())
            batch.records.append(record)
            if previous is not None:
                batch.replaced[file.source] = previous.file_hash
                summary.updated.append(file.source)
            else:
                summary.added.append(file.source)
            if len(batch.chunks) >= BATCH_CHUNKS:
                _flush(store, batch, summary)
                batch = _Batch()
            progress.advance(file.source)
        _flush(store, batch, summary)
        gone = [
            source
            for source, record in manifest.items()
            if record.root in roots and source not in seen
        ]
        store.forget_files(gone)
        summary.removed.extend(gone)
        if summary.changed:
            store.bump_generation()
        progress.finish()
    summary.seconds = time.perf_counter() - started
    return summary


def _flush(store: ChunkStore, batch: _Batch, summary: IngestSummary) -> None:
    """Write a batch's chunks, commit its files, then drop the versions they replace."""
    if not batch.records:
        return
    store.write_chunks(batch.chunks)
    store.commit_files(batch.records)
    for source, old_hash in batch.replaced.items():
        store.forget_version(source, old_hash)
    summary.chunks_written += len(batch.chunks)
