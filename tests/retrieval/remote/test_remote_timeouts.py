"""A Chroma server that accepts connections but never answers (hung) makes a command fail with
one clear line within seconds (CHROMA_TIMEOUT), and the bot answers "unavailable" instead of
hanging. `start` waits for a server that is not up yet (CHROMA_WAIT), then gives up clearly."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import main
from retrieval.engine import Engine
from retrieval.settings import ChromaServer, Settings
from retrieval.store import StoreUnavailable
from retrieval.store_wait import wait_for_store
from tests.conftest import make_settings
from tests.fakes.blackhole import blackhole
from tests.retrieval.remote.chroma_process import ChromaProcess, free_port, unique_collection

DEMAND = "How much does the US demand?"


@pytest.fixture
def hung_server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[int]:
    """CHROMA_HOST/PORT point at a server that never answers; CHROMA_TIMEOUT is 1 s."""
    with blackhole() as port:
        monkeypatch.setenv("CHROMA_HOST", "127.0.0.1")
        monkeypatch.setenv("CHROMA_PORT", str(port))
        monkeypatch.setenv("CHROMA_TIMEOUT", "1")
        monkeypatch.setenv("CHROMA_WAIT", "0")
        monkeypatch.setenv("CORPUSBOT_DATA_DIR", str(tmp_path / "data"))
        yield port


@pytest.mark.parametrize(
    "command", [["search", DEMAND], ["ask", DEMAND], ["ingest"], ["start"]], ids=lambda c: c[0]
)
def test_a_command_against_a_hung_server_fails_within_seconds(
    command: list[str],
    hung_server: int,
    corpus: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CORPUS_DIR", str(corpus))
    started = time.monotonic()
    code = main(command)
    elapsed = time.monotonic() - started
    err = capsys.readouterr().err
    assert code == 2 and elapsed < 8, (elapsed, err)
    [line] = err.splitlines()
    assert line.startswith(f"corpusbot: The Chroma server http://127.0.0.1:{hung_server} ")
    assert "did not answer in time (ReadTimeout" in line
    assert "CHROMA_TIMEOUT=1 s" in line and "raise CHROMA_TIMEOUT" in line


def test_health_reports_a_hung_server_as_unhealthy(
    hung_server: int, capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.monotonic()
    assert main(["health"]) == 1
    assert time.monotonic() - started < 8
    line = capsys.readouterr().out.strip()
    assert line.startswith("unhealthy: The Chroma server") and "did not answer in time" in line


def test_start_waits_for_the_server_then_gives_up_naming_the_fix(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    corpus: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    port = free_port()  # nothing listens
    monkeypatch.setenv("CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("CHROMA_PORT", str(port))
    monkeypatch.setenv("CHROMA_WAIT", "2")
    monkeypatch.setenv("CORPUS_DIR", str(corpus))
    monkeypatch.setenv("CORPUSBOT_DATA_DIR", str(tmp_path / "data"))
    assert main(["start"]) == 2
    lines = capsys.readouterr().err.splitlines()
    waits = [x for x in lines if x.startswith("corpusbot: waiting for the Chroma server")]
    assert len(waits) >= 2 and "(attempt 1, next in 0.5 s, giving up after 2 s)" in waits[0]
    assert lines[-1].startswith(
        f"corpusbot: Gave up waiting for the Chroma server http://127.0.0.1:{port} after"
    )
    assert "(CHROMA_WAIT=2)" in lines[-1] and "Start it" in lines[-1]


def test_waiting_ends_as_soon_as_the_server_answers(
    own_chroma_server: ChromaProcess, tmp_path: Path
) -> None:
    own_chroma_server.stop()
    settings = make_settings(
        tmp_path, chroma_server=own_chroma_server.server, collection=unique_collection()
    )
    said: list[str] = []
    outcome: list[BaseException | None] = []

    def wait() -> None:
        try:
            wait_for_store(settings, said.append, limit=60)
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    waiter = threading.Thread(target=wait)
    waiter.start()
    time.sleep(1.5)
    # Started from this thread: the server process dies with the thread that started it.
    own_chroma_server.start()
    started = time.monotonic()
    waiter.join(30)
    assert outcome == [None]
    assert time.monotonic() - started < 6  # back-off is at most 5 s
    assert said[0].startswith(f"waiting for the Chroma server {own_chroma_server.address}")
    assert said[-1] == f"the Chroma server {own_chroma_server.address} answers; going on"
    assert Engine(settings).stats().documents == 0


def test_a_running_engine_whose_server_hangs_fails_fast_then_recovers(
    tmp_path: Path, corpus: Path, chroma_server: ChromaProcess
) -> None:
    """The engine's open client gets time-outs too: a server that stops answering mid-way
    (here: the engine is pointed at a hung one) fails each call within CHROMA_TIMEOUT."""
    with blackhole() as port:
        settings: Settings = make_settings(
            tmp_path,
            corpus_dir=corpus,
            chroma_server=ChromaServer("127.0.0.1", port, timeout=1.0),
            collection=unique_collection(),
        )
        engine = Engine(settings)
        for _ in range(2):  # and again: nothing is left half-open
            started = time.monotonic()
            with pytest.raises(StoreUnavailable, match="did not answer in time"):
                engine.ask(DEMAND)
            assert time.monotonic() - started < 5
