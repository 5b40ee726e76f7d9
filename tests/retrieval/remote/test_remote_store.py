"""The store on a real Chroma server: ingest, search, re-ingest, and a second bot process that
keeps answering across another process's re-ingest without serving stale text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from retrieval.engine import Engine
from retrieval.settings import ChromaServer, Settings
from tests.conftest import make_settings
from tests.retrieval.remote.chroma_process import (
    ChromaProcess,
    RecordingProxy,
    SearchProcess,
    unique_collection,
)

CHANGED = "001_a3f27b942b602c7e.txt"
OLD_TEXT = "five billion dollars"
NEW_TEXT = "seven zillion doubloons"
DEMAND = "How much does the US demand?"


def texts(hits: list[dict[str, Any]]) -> str:
    return "\n".join(h["text"] for h in hits)


def test_ingested_passages_are_found_through_the_server(
    seeded_remote: Settings, chroma_server: ChromaProcess
) -> None:
    engine = Engine(seeded_remote)  # a new client: everything comes from the server
    hits = engine.search(DEMAND, k=3)
    assert hits[0].source == "000_88f28c69f322998a.txt"
    assert "seeking up to $5 billion a year" in hits[0].text  # the passage with the figure
    stats = engine.stats()
    assert stats.documents == 2 and stats.chunks > 20
    assert stats.store == f"Chroma server {chroma_server.address}"
    # The data is in the server's folder; no embedded store was created on the side.
    assert (chroma_server.path / "chroma.sqlite3").is_file()
    assert not seeded_remote.store_path.exists()
    assert engine.ingest().line().startswith("Nothing changed")


def test_a_running_second_process_sees_a_reingest_and_no_stale_text(
    remote_settings: Settings, search_process: Callable[[Settings], SearchProcess]
) -> None:
    (remote_settings.corpus_dir / "000_88f28c69f322998a.txt").unlink()  # one file is enough
    writer = Engine(remote_settings)
    assert writer.ingest().added == [CHANGED]
    reader = search_process(remote_settings)  # another bot, already answering
    assert OLD_TEXT in texts(reader.search(OLD_TEXT))
    assert NEW_TEXT not in texts(reader.search(NEW_TEXT))

    path = remote_settings.corpus_dir / CHANGED
    path.write_text(path.read_text(encoding="utf-8").replace(OLD_TEXT, NEW_TEXT), "utf-8")
    summary = writer.ingest()
    assert summary.updated == [CHANGED] and not summary.added

    # The writer and the process that searched before the re-ingest both find the new text at
    # once, and neither still returns the replaced text.
    assert NEW_TEXT in writer.search(NEW_TEXT, k=3)[0].text
    assert all(OLD_TEXT not in h.text for h in writer.search(OLD_TEXT, k=8))
    after_new = reader.search(NEW_TEXT)
    assert after_new[0]["source"] == CHANGED and NEW_TEXT in after_new[0]["text"]
    assert OLD_TEXT not in texts(reader.search(OLD_TEXT))
    assert reader.close() == 0


def test_the_auth_token_is_sent_with_every_request(
    recording_proxy: RecordingProxy, tmp_path: Path
) -> None:
    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "lighthouse.txt").write_text(
        "Lighthouse keepers strike\n\nThe lighthouse keepers of Brest stopped work on Monday "
        "over pay, the union said.",
        encoding="utf-8",
    )
    server = ChromaServer("127.0.0.1", recording_proxy.port, token="s3cret-token")
    settings = make_settings(
        tmp_path, corpus_dir=corpus, chroma_server=server, collection=unique_collection()
    )
    engine = Engine(settings)
    assert engine.ingest().added == ["lighthouse.txt"]  # writes ...
    hits = engine.search("Why did the lighthouse keepers strike?", k=1)  # ... and reads
    assert hits[0].source == "lighthouse.txt" and "over pay" in hits[0].text
    assert len(recording_proxy.authorizations) > 5
    assert set(recording_proxy.authorizations) == {"Bearer s3cret-token"}


def test_another_host_keeps_its_own_index_in_step_file_by_file(
    remote_settings: Settings, tmp_path: Path
) -> None:
    """Two hosts share the server; each has its own lexical index (its own data folder).
    The second reads the whole collection once, then only the files that changed."""
    writer = Engine(remote_settings)
    assert len(writer.ingest().added) == 2
    other_host = Engine(replace(remote_settings, data_dir=tmp_path / "other-host"))
    assert OLD_TEXT in texts([h.public() for h in other_host.search(OLD_TEXT, k=3)])
    view = other_host.view
    assert view.files_fetched == 2  # a new host: every file, once

    path = remote_settings.corpus_dir / CHANGED
    path.write_text(path.read_text(encoding="utf-8").replace(OLD_TEXT, NEW_TEXT), "utf-8")
    assert writer.ingest().updated == [CHANGED]

    hits = other_host.search(NEW_TEXT, k=3)
    assert hits[0].source == CHANGED and NEW_TEXT in hits[0].text
    assert view.files_fetched == 3  # the one changed file, not the collection again
    assert view.manifest_reads == 1
    assert all(OLD_TEXT not in h.text for h in other_host.search(OLD_TEXT, k=8))
