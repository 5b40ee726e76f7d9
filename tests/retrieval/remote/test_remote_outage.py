"""The Chroma server is down: one clear line naming it and the fix, never a traceback; and a
running engine answers again as soon as the server is back, without a restart."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from retrieval.engine import Engine
from retrieval.settings import Settings
from retrieval.store import StoreUnavailable
from tests.conftest import ROOT, make_settings
from tests.retrieval.remote.chroma_process import ChromaProcess, free_port, unique_collection

DEMAND = "How much does the US demand?"
SOURCE = "001_a3f27b942b602c7e.txt"


def assert_names_server_and_fix(message: str, address: str) -> None:
    assert address in message
    assert "Start it" in message and "chroma run" in message
    assert "unset CHROMA_HOST" in message


@pytest.fixture
def dead_server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """CHROMA_HOST/CHROMA_PORT point at a port where nothing listens; its address."""
    port = free_port()
    monkeypatch.setenv("CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("CHROMA_PORT", str(port))
    monkeypatch.setenv("CORPUSBOT_DATA_DIR", str(tmp_path / "data"))
    return f"http://127.0.0.1:{port}"


@pytest.mark.parametrize(
    "command", [["ingest"], ["search", DEMAND], ["ask", DEMAND]], ids=lambda c: c[0]
)
def test_commands_print_one_line_naming_the_server_and_the_fix(
    command: list[str], dead_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(command)
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.count("\n") == 1 and captured.err.startswith("corpusbot: ")
    assert_names_server_and_fix(captured.err, dead_server)
    assert "Traceback" not in captured.err + captured.out


def test_a_real_process_exits_non_zero_without_a_traceback(dead_server: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli.entry", "search", DEMAND],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert_names_server_and_fix(done.stderr, dead_server)


def server_settings(server: ChromaProcess, tmp_path: Path, corpus: Path) -> Settings:
    """A fresh collection on ``server`` for a one-file corpus (one file keeps the ingest short)."""
    (corpus / "000_88f28c69f322998a.txt").unlink()
    return make_settings(
        tmp_path, corpus_dir=corpus, chroma_server=server.server, collection=unique_collection()
    )


def test_a_running_engine_reports_the_outage_and_answers_again_after_a_restart(
    own_chroma_server: ChromaProcess, tmp_path: Path, corpus: Path
) -> None:
    engine = Engine(server_settings(own_chroma_server, tmp_path, corpus))
    engine.ingest()
    assert engine.search(DEMAND, k=1)[0].source == SOURCE
    assert engine.ask(DEMAND).found

    own_chroma_server.stop()
    with pytest.raises(StoreUnavailable) as searching:
        engine.search(DEMAND, k=1)
    assert_names_server_and_fix(str(searching.value), own_chroma_server.address)
    with pytest.raises(StoreUnavailable):
        engine.ask(DEMAND)
    with pytest.raises(StoreUnavailable):
        engine.stats()
    with pytest.raises(StoreUnavailable):
        engine.ingest()

    own_chroma_server.start()  # same port, same data folder
    assert engine.search(DEMAND, k=1)[0].source == SOURCE
    assert engine.ask(DEMAND).found
    assert not engine.ingest().changed  # the server kept everything


def test_an_engine_started_while_the_server_is_down_works_once_it_is_up(
    own_chroma_server: ChromaProcess, tmp_path: Path, corpus: Path
) -> None:
    own_chroma_server.stop()
    engine = Engine(server_settings(own_chroma_server, tmp_path, corpus))
    with pytest.raises(StoreUnavailable) as opening:
        engine.search(DEMAND)
    assert_names_server_and_fix(str(opening.value), own_chroma_server.address)

    own_chroma_server.start()
    assert engine.ingest().added == [SOURCE]
    assert engine.search(DEMAND, k=1)[0].source == SOURCE
