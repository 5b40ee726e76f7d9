"""`corpusbot health` against a real Chroma server: counts what is there, creates nothing."""

from __future__ import annotations

import chromadb
import pytest

from bot.cli import main
from retrieval.settings import Settings
from tests.retrieval.remote.chroma_process import ChromaProcess, unique_collection


def use_server(monkeypatch: pytest.MonkeyPatch, server: ChromaProcess, collection: str) -> None:
    monkeypatch.setenv("CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("CHROMA_PORT", str(server.port))
    monkeypatch.setenv("CHROMA_COLLECTION", collection)


def test_healthy_server_store_reports_its_counts(
    seeded_remote: Settings,
    chroma_server: ChromaProcess,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    use_server(monkeypatch, chroma_server, seeded_remote.collection)
    assert main(["health"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"ok: Chroma server {chroma_server.address} reachable, 2 documents, ")
    assert line.endswith(" chunks, model all-MiniLM-L6-v2-int8 loaded")


def test_health_creates_no_collection_on_the_server(
    chroma_server: ChromaProcess,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    collection = unique_collection()
    use_server(monkeypatch, chroma_server, collection)
    assert main(["health"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"ok: Chroma server {chroma_server.address} reachable, nothing ingested")
    client = chromadb.HttpClient(host="127.0.0.1", port=chroma_server.port)
    names = {c.name for c in client.list_collections()}
    assert collection not in names and f"{collection}_files" not in names
