"""``corpusbot add URL…`` and ``/add``: download article pages into ``CORPUS_DIR`` and ingest.

A page is downloaded and checked first (it must parse into article text, within the size
limits); only then is it written, under a file name derived from its address, and the corpus
ingested. If the ingest fails, the files are put back as they were: a page that cannot be
added changes nothing.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from retrieval.chunking import chunk_document
from retrieval.ingest import IngestSummary
from retrieval.parsing import SkipFile, parse_text
from retrieval.settings import Settings
from retrieval.web.fetch import FetchError, fetch_page
from retrieval.web.names import normalised_url, page_file_name


class CorpusNotWritable(RuntimeError):
    """``CORPUS_DIR`` cannot be written; the message says how to fix it."""


@dataclass(frozen=True)
class PreparedPage:
    url: str
    file_name: str
    content: str  # what is written: a provenance comment, then the page
    title: str
    paragraphs: int
    comments: int

    def line(self) -> str:
        return (
            f"{self.file_name}: {self.title!r} ({self.paragraphs} paragraphs, "
            f"{self.comments} comments) from {self.url}"
        )


@dataclass
class AddReport:
    added: list[PreparedPage] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # one message per refused URL
    summary: IngestSummary | None = None


def prepare_page(url: str, settings: Settings) -> PreparedPage:
    """Download ``url`` and check it would be ingested as an article; ``FetchError`` if not."""
    page = fetch_page(url, settings.add)
    name = page_file_name(page.url)
    provenance = normalised_url(page.url).replace("-->", "--%3E")
    content = f"<!-- saved by corpusbot add from {provenance} -->\n{page.text}"
    size = len(content.encode("utf-8"))
    if size > settings.max_file_bytes:
        raise FetchError(
            f"{page.url} is {size / 1_000_000:.1f} MB, over MAX_FILE_BYTES "
            f"({settings.max_file_bytes / 1_000_000:.1f} MB); raise MAX_FILE_BYTES to add it."
        )
    try:
        doc = parse_text(content, source=name)
    except SkipFile as exc:
        raise FetchError(f"{page.url} cannot be used: {exc.reason}.") from None
    if not doc.paragraphs or not chunk_document(doc, "check", settings.chunk_chars):
        raise FetchError(
            f"{page.url} has no article text to keep (no paragraphs found in the page). "
            "Pages that build their text with JavaScript cannot be added; save the article "
            "as a text file in CORPUS_DIR instead."
        )
    return PreparedPage(page.url, name, content, doc.title, len(doc.paragraphs), len(doc.comments))


def save_and_ingest(
    pages: Sequence[PreparedPage], corpus_dir: Path, ingest: Callable[[], IngestSummary]
) -> IngestSummary:
    """Write the pages into ``corpus_dir`` and run ``ingest``; on failure put the files back."""
    previous: dict[Path, bytes | None] = {}
    try:
        corpus_dir.mkdir(parents=True, exist_ok=True)
        for page in pages:
            path = corpus_dir / page.file_name
            if path not in previous:
                previous[path] = path.read_bytes() if path.exists() else None
            _write_atomically(path, page.content)
    except OSError as exc:
        _restore(previous)
        raise CorpusNotWritable(
            f"Cannot write to CORPUS_DIR {corpus_dir} ({exc.strerror or exc}). Make the folder "
            "writable for the user corpusbot runs as (in the Docker image uid 10001, e.g. "
            "`sudo chown -R 10001 corpus`), and mount it read-write."
        ) from exc
    try:
        return ingest()
    except BaseException:
        _restore(previous)
        raise


def add_pages(
    urls: Sequence[str], settings: Settings, ingest: Callable[[], IngestSummary]
) -> AddReport:
    """Prepare every URL (refusals are reported, not raised), then save and ingest the rest."""
    report = AddReport()
    for url in urls:
        try:
            report.added.append(prepare_page(url, settings))
        except FetchError as exc:
            report.failed.append(str(exc))
    if report.added:
        report.summary = save_and_ingest(report.added, settings.corpus_dir, ingest)
    return report


def _write_atomically(path: Path, content: str) -> None:
    # A hidden temporary name: neither an ingest nor the corpus watcher picks it up.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _restore(previous: dict[Path, bytes | None]) -> None:
    for path, data in previous.items():
        try:
            if data is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(data)
        except OSError:
            pass  # best effort: the next ingest makes the store match what is there
