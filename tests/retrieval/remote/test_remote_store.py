"""The store on a real Chroma server: ingest, search, re-ingest, and a second bot process that
keeps answering across another process's re-ingest without serving stale text."""

from __future__ import annotations

from collections.abc import Callable
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


def test_ingest_and_search_go_through_the_server(
    remote_settings: Settings, chroma_server: ChromaProcess
) -> None:
    summary = Engine(remote_settings).ingest()
    assert sorted(summary.added) == ["000_88f28c69f322998a.txt", CHANGED]
    assert not summary.failed

    # A fresh engine (a new client) finds the passage: the data lives on the server ...
    fresh = Engine(remote_settings)
    hits = fresh.search(DEMAND, k=3)
    assert hits[0].source == "000_88f28c69f322998a.txt"
    assert "demanded a sharp increase" in hits[0].text
    stats = fresh.stats()
    assert stats.documents == 2 and stats.chunks == summary.chunks_written
    assert stats.store == f"Chroma server {chroma_server.address}"
    # ... in the server's folder, and no embedded store was created on the side.
    assert (chroma_server.path / "chroma.sqlite3").is_file()
    assert not remote_settings.store_path.exists()
    assert fresh.ingest().line().startswith("Nothing changed")


def test_a_running_second_process_sees_a_reingest_and_no_stale_text(
    remote_settings: Settings, search_process: Callable[[Settings], SearchProcess]
) -> None:
    writer = Engine(remote_settings)
    writer.ingest()
    reader = search_process(remote_settings)  # another bot, already answering
    assert OLD_TEXT in texts(reader.search(OLD_TEXT))
    assert NEW_TEXT not in texts(reader.search(NEW_TEXT))

    path = remote_settings.corpus_dir / CHANGED
    path.write_text(path.read_text(encoding="utf-8").replace(OLD_TEXT, NEW_TEXT), "utf-8")
    summary = writer.ingest()
    assert summary.updated == [CHANGED] and not summary.added

    # The writer itself and the process that searched before the re-ingest both see the new
    # text at once, and neither still returns the replaced text.
    assert NEW_TEXT in writer.search(NEW_TEXT, k=3)[0].text
    assert all(OLD_TEXT not in h.text for h in writer.search(OLD_TEXT, k=8))
    after_new = reader.search(NEW_TEXT)
    assert after_new[0]["source"] == CHANGED and NEW_TEXT in after_new[0]["text"]
    assert OLD_TEXT not in texts(reader.search(OLD_TEXT))
    assert reader.close() == 0


def test_the_auth_token_is_sent_with_every_request(
    recording_proxy: RecordingProxy, tmp_path: Path, corpus: Path
) -> None:
    server = ChromaServer("127.0.0.1", recording_proxy.port, token="s3cret-token")
    settings = make_settings(
        tmp_path, corpus_dir=corpus, chroma_server=server, collection=unique_collection()
    )
    engine = Engine(settings)
    assert len(engine.ingest().added) == 2
    assert engine.search(DEMAND, k=1)[0].source == "000_88f28c69f322998a.txt"
    assert len(recording_proxy.authorizations) > 5
    assert set(recording_proxy.authorizations) == {"Bearer s3cret-token"}
