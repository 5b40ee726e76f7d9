"""Fixtures for the remote-store tests: real Chroma servers, always stopped afterwards.

Tests share one server and keep apart by using a collection of their own; a test that stops and
restarts its server gets its own (``own_chroma_server``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from retrieval.engine import Engine
from retrieval.settings import Settings
from tests.conftest import SEED_DIR, make_settings
from tests.retrieval.remote.chroma_process import (
    ChromaProcess,
    RecordingProxy,
    SearchProcess,
    running_chroma,
    running_proxy,
    server_env,
    unique_collection,
)


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChromaProcess]:
    """One server for the tests that only read and write their own collection."""
    with running_chroma(tmp_path_factory.mktemp("chroma-shared")) as server:
        yield server


@pytest.fixture
def own_chroma_server(tmp_path: Path) -> Iterator[ChromaProcess]:
    """A server this test may stop and restart (same port, same data folder)."""
    base = tmp_path / "chroma-own"
    base.mkdir()
    with running_chroma(base) as server:
        yield server


@pytest.fixture(autouse=True)
def _no_configured_server(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CHROMA_PORT", "CHROMA_AUTH_TOKEN", "CHROMA_SSL", "CHROMA_COLLECTION"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def remote_settings(chroma_server: ChromaProcess, tmp_path: Path, corpus: Path) -> Settings:
    """The sample corpus copy, stored in a fresh collection on the shared server."""
    return make_settings(
        tmp_path,
        corpus_dir=corpus,
        chroma_server=chroma_server.server,
        collection=unique_collection(),
    )


@pytest.fixture(scope="session")
def seeded_remote(
    chroma_server: ChromaProcess, tmp_path_factory: pytest.TempPathFactory
) -> Settings:
    """The sample corpus ingested once into a collection on the shared server (read-only)."""
    settings = make_settings(
        tmp_path_factory.mktemp("seeded-remote"),
        corpus_dir=SEED_DIR,
        chroma_server=chroma_server.server,
        collection=unique_collection(),
    )
    summary = Engine(settings).ingest()
    assert len(summary.added) == 2 and not summary.failed
    return settings


@pytest.fixture
def search_process(tmp_path: Path) -> Iterator[Callable[[Settings], SearchProcess]]:
    """Start second corpusbot processes for some settings; all are closed after the test."""
    started: list[SearchProcess] = []
    log = tmp_path / "second-process.log"

    def start(settings: Settings) -> SearchProcess:
        with log.open("ab") as stderr:
            process = SearchProcess(server_env(settings, tmp_path / "second-process"), stderr)
        started.append(process)
        return process

    yield start
    for process in started:
        process.close()


@pytest.fixture
def recording_proxy(chroma_server: ChromaProcess) -> Iterator[RecordingProxy]:
    with running_proxy(chroma_server.port) as proxy:
        yield proxy
