"""The on-disk lexical index (tantivy): BM25 over the passages, with their stored text.

It is derived data, kept beside the store (or, with a Chroma server, on each host): one
document per passage plus one per file version it holds, so the index itself says which
version of each file it has. Searching reads posting lists from disk through the OS page
cache; nothing is loaded whole into memory, and a commit by another process is picked up by
``refresh`` without rebuilding anything.
"""

from __future__ import annotations

import json
import re
import shutil
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import tantivy

from retrieval.lexical import analysis
from retrieval.lexical.tokens import QUESTION_STOPWORDS, stems, tokenize
from retrieval.lexical.tokens import words as _words
from retrieval.store import FileRecord, StoredChunk

FORMAT = 6  # bump when the schema or what is indexed changes: the index is then rebuilt
WRITER_HEAP = 64_000_000
STATE_ID = "__state__"
WAIT_FOR_WRITER = 30.0  # seconds another process's short catch-up may hold the writer


class IndexBusy(RuntimeError):
    """Another process is writing the index right now."""


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("doc_type", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("source", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("file_hash", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("body", tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("author_key", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("parent_key", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("author_tag", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("kind", tokenizer_name="raw", index_option="basic")
    builder.add_bytes_field("content", stored=True, indexed=False)
    builder.add_bytes_field("meta", stored=True, indexed=False)
    builder.add_bytes_field("analysis", stored=True, indexed=False)
    builder.add_bytes_field("vector", stored=True, indexed=False)  # float16
    # File docs: how many reader comments the version has, its title's words and its name
    # lower-cased, so "the most commented" and "the Press TV story" need no scan of all files
    builder.add_unsigned_field("comments", stored=True, indexed=True, fast=True)
    builder.add_text_field("title_terms", tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("source_key", tokenizer_name="raw", index_option="basic")
    return builder.build()


SCHEMA = _schema()


def name_key(name: str) -> str:
    """How author names are matched: case- and spacing-insensitive."""
    return " ".join(name.casefold().split())


def lexical_text(content: str, metadata: dict[str, Any]) -> str:
    """What BM25 sees: who wrote the passage and the passage, not its context header (whose
    article title every chunk of a file shares and would make all of them match its words)."""
    names = " ".join(str(metadata.get(k) or "") for k in ("author", "parent_author"))
    return f"{names}\n{content.partition(chr(10))[2]}"


@dataclass(frozen=True)
class LexicalHit:
    chunk: StoredChunk
    score: float  # BM25


def _passage_document(chunk: StoredChunk, tokens: list[str]) -> tantivy.Document:
    meta = chunk.metadata
    author = str(meta.get("author") or "")
    parent = str(meta.get("parent_author") or "")
    doc = tantivy.Document(
        id=chunk.id,
        doc_type="passage",
        source=str(meta.get("source", "")),
        file_hash=str(meta.get("file_hash", "")),
        body=" ".join(tokens),
        kind=str(meta.get("kind") or "article"),
    )
    doc.add_bytes("content", chunk.content.encode("utf-8"))
    doc.add_bytes("meta", json.dumps(meta, ensure_ascii=False).encode("utf-8"))
    doc.add_bytes("analysis", analysis.encode(analysis.analyse(chunk.content.partition("\n")[2])))
    if chunk.vector is not None:
        doc.add_bytes("vector", np.asarray(chunk.vector, dtype=np.float16).tobytes())
    if author:
        doc.add_text("author_key", name_key(author))
        doc.add_text("author_tag", f"{meta.get('kind', 'article')}:{name_key(author)}")
    if parent:
        doc.add_text("parent_key", name_key(parent))
    return doc


def _file_document(record: FileRecord, comments: int) -> tantivy.Document:
    doc = tantivy.Document(
        id=f"file:{record.source}",
        doc_type="file",
        source=record.source,
        file_hash=record.file_hash,
        source_key=record.source.lower(),
        title_terms=" ".join(stems(_words(record.title), QUESTION_STOPWORDS)),
    )
    doc.add_unsigned("comments", comments)
    doc.add_bytes("meta", json.dumps(record.to_metadata(), ensure_ascii=False).encode("utf-8"))
    return doc


def comment_count(passages: Iterable[Mapping[str, Any]]) -> int:
    """Reader comments among a file's passages, given their metadata (a long comment's parts
    count once)."""
    return len({str(m.get("thread_path")) for m in passages if m.get("kind") == "comment"})


@dataclass(frozen=True)
class IndexedFile:
    """A file version as the index knows it: its record and its number of reader comments."""

    record: FileRecord
    comments: int


class LexicalIndex:
    """Thread-safe reads; writes through ``writer()`` (one writer per index at a time)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._open_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._index = self._open(folder)
        self._searcher = self._index.searcher()
        self._decoded = DecodedPassages(DECODED_PASSAGES)

    @staticmethod
    def _open(folder: Path) -> tantivy.Index:
        marker = folder / "corpusbot-format.json"
        try:
            current = json.loads(marker.read_text(encoding="utf-8")).get("format")
        except (OSError, ValueError):
            current = None
        if current != FORMAT and folder.exists():
            shutil.rmtree(folder)  # another format: rebuilt from the store by the caller
        folder.mkdir(parents=True, exist_ok=True)
        index = tantivy.Index(SCHEMA, path=str(folder), reuse=True)
        if current != FORMAT:
            marker.write_text(json.dumps({"format": FORMAT}), encoding="utf-8")
        return index

    def refresh(self) -> None:
        """See what was committed since (by this or another process)."""
        with self._open_lock:
            self._index.reload()
            self._searcher = self._index.searcher()

    @property
    def searcher(self) -> tantivy.Searcher:
        return self._searcher

    # -- reads ------------------------------------------------------------------------------
    def passage_count(self) -> int:
        return int(self._searcher.doc_freq("doc_type", "passage"))

    def doc_freqs(self, terms: Iterable[str]) -> dict[str, int]:
        searcher = self._searcher
        return {t: int(searcher.doc_freq("body", t)) for t in terms}

    def search(
        self,
        terms: Sequence[str],
        k: int,
        *,
        author: str | None = None,
        parent: str | None = None,
        kind: str | None = None,
    ) -> list[LexicalHit]:
        """The k best passages by BM25 over ``terms`` (any of them), optionally only those
        written by ``author``, in reply to ``parent`` or of this ``kind``."""
        distinct = list(dict.fromkeys(terms))
        if not distinct or k <= 0:
            return []
        query = _restricted(_any_term(distinct), _filters(author, parent, kind))
        searcher = self._searcher
        result = searcher.search(query, k, count=False)
        return [
            LexicalHit(self._decoded.get(searcher.doc(address)), float(score))
            for score, address in result.hits
        ]

    def count_where(
        self, *, author: str | None = None, parent: str | None = None, kind: str | None = None
    ) -> int:
        """How many passages pass these filters (at least one must be given)."""
        filters = _filters(author, parent, kind)
        if len(filters) == 1:
            return int(self._searcher.doc_freq(*filters[0]))
        result = self._searcher.search(_all_of(filters), 1, count=True)
        return int(getattr(result, "count", 0) or 0)

    def nearest_where(
        self,
        vector: npt.NDArray[np.float32],
        k: int,
        limit: int,
        terms: Sequence[str] = (),
        *,
        author: str | None = None,
        parent: str | None = None,
        kind: str | None = None,
    ) -> list[tuple[StoredChunk, float]]:
        """The k passages nearest to ``vector`` (cosine, from their stored vectors) among
        those that pass the filters: all of them when there are at most ``limit``, otherwise
        the ``limit`` best by BM25 over ``terms``. Only the k chosen are decoded whole."""
        filters = _filters(author, parent, kind)
        if not filters or k <= 0 or limit <= 0:
            return []
        searcher = self._searcher
        if self.count_where(author=author, parent=parent, kind=kind) > limit:
            distinct = list(dict.fromkeys(terms))
            if not distinct:
                return []
            query = _restricted(_any_term(distinct), filters)
        else:
            query = _all_of(filters)
        docs = [searcher.doc(address) for _, address in searcher.search(query, limit).hits]
        pairs = [(d, bytes(v)) for d in docs if (v := d.get_first("vector")) is not None]
        if not pairs:
            return []
        rows = np.frombuffer(b"".join(v for _, v in pairs), dtype=np.float16)
        similarities = rows.reshape(len(pairs), -1).astype(np.float32) @ vector
        best = np.argsort(-similarities)[:k]
        return [(self._decoded.get(pairs[i][0]), float(similarities[i])) for i in best]

    def scores_for(self, terms: Sequence[str], ids: Sequence[str]) -> dict[str, float]:
        """BM25 of these passages (absent: no shared word)."""
        distinct = list(dict.fromkeys(terms))
        if not distinct or not ids:
            return {}
        query = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, _any_term(distinct)),
                (
                    tantivy.Occur.Must,
                    tantivy.Query.const_score_query(
                        tantivy.Query.term_set_query(SCHEMA, "id", list(ids)), 0.0
                    ),
                ),
            ]
        )
        searcher = self._searcher
        result = searcher.search(query, len(ids), count=False)
        return {str(searcher.doc(address)["id"][0]): float(score) for score, address in result.hits}

    def fetch(self, ids: Iterable[str]) -> dict[str, StoredChunk]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        searcher = self._searcher
        query = tantivy.Query.term_set_query(SCHEMA, "id", wanted)
        result = searcher.search(query, len(wanted), count=False)
        found = (self._decoded.get(searcher.doc(address)) for _, address in result.hits)
        return {chunk.id: chunk for chunk in found}

    def terms_in_file(self, source: str, terms: Iterable[str]) -> frozenset[str]:
        """Which of ``terms`` (stems) some passage of ``source`` holds."""
        searcher = self._searcher
        in_file = tantivy.Query.term_query(SCHEMA, "source", source)
        found = set()
        for term in terms:
            query = tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.Must, in_file),
                    (tantivy.Occur.Must, tantivy.Query.term_query(SCHEMA, "body", term)),
                ]
            )
            if searcher.search(query, 1, count=False).hits:
                found.add(term)
        return frozenset(found)

    def names_its_source(self, source: str) -> bool:
        """The file's details say who published it (a credit or a byline)."""
        clauses = [
            (tantivy.Occur.Must, tantivy.Query.term_query(SCHEMA, "source", source)),
            (tantivy.Occur.Must, tantivy.Query.term_query(SCHEMA, "kind", "facts")),
            (
                tantivy.Occur.Must,
                tantivy.Query.boolean_query(
                    [
                        (tantivy.Occur.Should, tantivy.Query.term_query(SCHEMA, "body", term))
                        for term in ("credit", "bylin")
                    ]
                ),
            ),
        ]
        query = tantivy.Query.boolean_query(clauses)
        return bool(self._searcher.search(query, 1, count=False).hits)

    def passages_of(self, source: str, comments_up_to: int | None = None) -> list[StoredChunk]:
        """Every passage of one file the index holds, in reading order; without its comments
        when the file has more passages than ``comments_up_to``."""
        searcher = self._searcher
        clauses = [
            (tantivy.Occur.Must, tantivy.Query.term_query(SCHEMA, "source", source)),
            (tantivy.Occur.Must, tantivy.Query.term_query(SCHEMA, "doc_type", "passage")),
        ]
        limit = max(1, int(searcher.doc_freq("source", source)))
        if comments_up_to is not None and limit - 1 > comments_up_to:  # less its file document
            comment = tantivy.Query.term_query(SCHEMA, "kind", "comment")
            clauses.append((tantivy.Occur.MustNot, comment))
        result = searcher.search(tantivy.Query.boolean_query(clauses), limit, count=False)
        chunks = [self._decoded.get(searcher.doc(address)) for _, address in result.hits]
        return sorted(chunks, key=lambda c: int(c.metadata.get("chunk_index") or 0))

    def file_versions(self, sources: Iterable[str] | None = None) -> dict[str, str]:
        """source -> file hash of the file versions the index holds (all, or of ``sources``)."""
        searcher = self._searcher
        if sources is None:
            total = int(searcher.doc_freq("doc_type", "file"))
            query = tantivy.Query.term_query(SCHEMA, "doc_type", "file")
        else:
            ids = [f"file:{s}" for s in sources]
            total = len(ids)
            query = tantivy.Query.term_set_query(SCHEMA, "id", ids)
        if total == 0:
            return {}
        result = searcher.search(query, total, count=False)
        versions: dict[str, str] = {}
        for _, address in result.hits:
            doc = searcher.doc(address)
            versions[str(doc["source"][0])] = str(doc["file_hash"][0])
        return versions

    def generation(self) -> int | None:
        """The store generation this index is in step with (None: never brought in step)."""
        searcher = self._searcher
        result = searcher.search(tantivy.Query.term_query(SCHEMA, "id", STATE_ID), 1, count=False)
        for _, address in result.hits:
            return int(json.loads(bytes(searcher.doc(address)["meta"][0]))["generation"])
        return None

    def _files(self, query: tantivy.Query, limit: int, **order: Any) -> list[IndexedFile]:
        searcher = self._searcher
        found: list[IndexedFile] = []
        for _, address in searcher.search(query, limit, count=False, **order).hits:
            doc = searcher.doc(address)
            source = str(doc["source"][0])
            record = FileRecord.from_metadata(source, json.loads(bytes(doc["meta"][0])))
            found.append(IndexedFile(record, int(doc["comments"][0])))
        return found

    def file(self, source: str) -> IndexedFile | None:
        """The file version the index holds under ``source``, if any."""
        query = tantivy.Query.term_query(SCHEMA, "id", f"file:{source}")
        return next(iter(self._files(query, 1)), None)

    def file_count(self, *, commented: bool = False) -> int:
        """How many files (with reader comments, if ``commented``) the index holds."""
        if not commented:
            return int(self._searcher.doc_freq("doc_type", "file"))
        result = self._searcher.search(_COMMENTED, 1, count=True)
        return int(getattr(result, "count", 0) or 0)

    def most_commented(self, limit: int) -> list[IndexedFile]:
        """The files with the most reader comments, most first (ties: by name)."""
        found = self._files(_COMMENTED, limit, order_by_field="comments")
        return sorted(found, key=lambda f: (-f.comments, f.record.source))

    def files_titled(self, words: str, limit: int) -> list[IndexedFile]:
        """Files whose titles share words with ``words``, best first."""
        terms = list(dict.fromkeys(stems(_words(words), QUESTION_STOPWORDS)))
        if not terms:
            return []
        query = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, tantivy.Query.term_query(SCHEMA, "doc_type", "file")),
                (tantivy.Occur.Must, _any_term(terms, "title_terms")),
            ]
        )
        return self._files(query, limit)

    def files_named(self, name: str, limit: int) -> list[IndexedFile]:
        """Files whose path, or a folder's file name, starts with ``name`` (any case)."""
        wanted = name.strip().lower()
        if not wanted:
            return []
        pattern = f"(.*/)?{re.escape(wanted)}.*"
        return self._files(tantivy.Query.regex_query(SCHEMA, "source_key", pattern), limit)

    def author_count(self, kind: str, name: str) -> int:
        """How many passages of this kind ("comment", "article") ``name`` wrote."""
        return int(self._searcher.doc_freq("author_tag", f"{kind}:{name_key(name)}"))

    def author_spelling(self, name: str) -> str | None:
        """The name as the corpus spells it when some passage's author has it (matched
        case-insensitively); None otherwise."""
        searcher = self._searcher
        key = name_key(name)
        if not searcher.doc_freq("author_key", key):
            return None
        query = tantivy.Query.term_query(SCHEMA, "author_key", key)
        result = searcher.search(query, 1, count=False)
        for _, address in result.hits:
            meta = json.loads(bytes(searcher.doc(address)["meta"][0]))
            return str(meta.get("author") or "") or None
        return None

    # -- writes -----------------------------------------------------------------------------
    @contextmanager
    def writer(self, *, wait: bool = True) -> Iterator[LexicalWriter]:
        """The index's one writer; ``IndexBusy`` when another process holds it (or, with
        ``wait=False``, another thread of this one)."""
        if not self._write_lock.acquire(blocking=wait):
            raise IndexBusy(f"the lexical index {self.folder} is being written")
        try:
            deadline = time.monotonic() + (WAIT_FOR_WRITER if wait else 0.0)
            while True:
                try:
                    handle = self._index.writer(heap_size=WRITER_HEAP, num_threads=1)
                    break
                except ValueError as exc:  # tantivy's lock file is held by another process
                    if time.monotonic() >= deadline:
                        raise IndexBusy(
                            f"the lexical index {self.folder} is being written by another "
                            "process; try again when it has finished"
                        ) from exc
                    time.sleep(0.1)
            try:
                yield LexicalWriter(handle)
            except BaseException:
                handle.rollback()
                raise
            finally:
                handle.wait_merging_threads()  # ends the writer: releases tantivy's lock file
            self.refresh()
        finally:
            self._write_lock.release()


class LexicalWriter:
    """Replaces and removes whole file versions; ``commit`` makes them searchable at once."""

    def __init__(self, handle: tantivy.IndexWriter) -> None:
        self._handle = handle

    def put_file(self, record: FileRecord, chunks: Sequence[StoredChunk]) -> None:
        """Replace whatever the index holds of ``record.source`` with this version."""
        self.remove_file(record.source)
        self.add_passages(chunks)
        self.add_file(record, comment_count(c.metadata for c in chunks))

    def add_passages(self, chunks: Sequence[StoredChunk]) -> None:
        """Index a new version's passages (after ``remove_file`` of its file: a removal drops
        what was added before it)."""
        texts = [lexical_text(c.content, c.metadata) for c in chunks]
        for chunk, tokens in zip(chunks, tokenize(texts), strict=True):
            self._handle.add_document(_passage_document(chunk, tokens))

    def add_file(self, record: FileRecord, comments: int) -> None:
        """Index a new version's file entry, once all its passages are added."""
        self._handle.add_document(_file_document(record, comments))

    def remove_file(self, source: str) -> None:
        self._handle.delete_documents_by_term("source", source)

    def clear(self) -> None:
        self._handle.delete_all_documents()

    def set_generation(self, generation: int) -> None:
        """Record, in the same commit, the store generation the index is now in step with."""
        self._handle.delete_documents_by_term("id", STATE_ID)
        doc = tantivy.Document(id=STATE_ID, doc_type="state")
        doc.add_bytes("meta", json.dumps({"generation": generation}).encode("utf-8"))
        self._handle.add_document(doc)

    def commit(self) -> None:
        self._handle.commit()


def _filters(author: str | None, parent: str | None, kind: str | None) -> list[tuple[str, str]]:
    return [
        (field, value)
        for field, value in (
            ("author_key", name_key(author) if author else None),
            ("parent_key", name_key(parent) if parent else None),
            ("kind", kind),
        )
        if value
    ]


def _all_of(filters: Sequence[tuple[str, str]]) -> tantivy.Query:
    return tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, tantivy.Query.term_query(SCHEMA, f, v)) for f, v in filters]
    )


def _restricted(query: tantivy.Query, filters: Sequence[tuple[str, str]]) -> tantivy.Query:
    """``query``, scored as it is, over only the passages that pass ``filters``."""
    if not filters:
        return query
    return tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, query), (tantivy.Occur.Must, _all_of_unscored(filters))]
    )


def _all_of_unscored(filters: Sequence[tuple[str, str]]) -> tantivy.Query:
    return tantivy.Query.const_score_query(_all_of(filters), 0.0)


def _any_term(terms: Sequence[str], field: str = "body") -> tantivy.Query:
    return tantivy.Query.boolean_query(
        [(tantivy.Occur.Should, tantivy.Query.term_query(SCHEMA, field, t)) for t in terms]
    )


# File docs with at least one reader comment
_COMMENTED = tantivy.Query.range_query(SCHEMA, "comments", tantivy.FieldType.Unsigned, 1, None)


DECODED_PASSAGES = 512  # decoded passages kept by a reader (~7 KB each)


class DecodedPassages:
    """The passages a reader decoded last (text, metadata, sentence stems, vector), by id. A
    passage's id is a hash of its file's content and its place in it, so a kept passage never
    goes stale, and the questions about one story decode its passages once."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[str, StoredChunk] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, doc: tantivy.Document) -> StoredChunk:
        key = str(doc["id"][0])
        with self._lock:
            chunk = self._items.get(key)
            if chunk is not None:
                self._items.move_to_end(key)
                return chunk
        chunk = _stored(doc)
        with self._lock:
            self._items[key] = chunk
            if len(self._items) > self._size:
                self._items.popitem(last=False)
        return chunk


def _stored(doc: tantivy.Document) -> StoredChunk:
    stored = doc.get_first("analysis")
    vector = doc.get_first("vector")
    return StoredChunk(
        str(doc["id"][0]),
        bytes(doc["content"][0]).decode("utf-8"),
        dict(json.loads(bytes(doc["meta"][0]))),
        analysis.decode(bytes(stored)) if stored is not None else None,
        np.frombuffer(bytes(vector), dtype=np.float16).astype(np.float32)
        if vector is not None
        else None,
    )
