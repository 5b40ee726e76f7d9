"""`corpusbot health` as Docker's HEALTHCHECK runs it: one line, exit 0 when the store and the
embedding model work, exit 1 (never 2, which Docker reserves) naming the problem otherwise."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import main
from retrieval.engine import Engine
from tests.conftest import ROOT

MODEL = "all-MiniLM-L6-v2-int8"


def health(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["health", *args])
    out = capsys.readouterr().out
    assert out.count("\n") == 1, out  # exactly one line
    return code, out.strip()


@pytest.fixture
def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port that accepts connections but never answers; its number."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield int(sock.getsockname()[1])


def test_healthy_store_reports_counts_and_the_loaded_model(
    seeded_engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    store = seeded_engine.settings.store_path
    code, line = health(capsys, "--store", str(store))
    assert code == 0
    match = re.fullmatch(
        rf"ok: embedded store {re.escape(str(store))} reachable, 2 documents, (\d+) chunks, "
        rf"model {MODEL} loaded",
        line,
    )
    assert match, line
    assert int(match[1]) == seeded_engine.store.count_chunks()


def test_a_store_that_does_not_exist_is_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "never-ingested"
    code, line = health(capsys, "--store", str(store))
    assert code == 0
    assert line.startswith(f"ok: embedded store {store} not created, nothing ingested yet")
    assert "run `corpusbot ingest`" in line and line.endswith(f"model {MODEL} loaded")
    assert not store.exists()


def test_unreachable_server_is_unhealthy_and_names_the_fix(
    unused_port: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("CHROMA_PORT", str(unused_port))
    code, line = health(capsys)
    assert code == 1
    assert line.startswith(
        f"unhealthy: Cannot reach the Chroma server http://127.0.0.1:{unused_port}"
    )
    assert "unset CHROMA_HOST" in line


def test_a_server_that_never_answers_is_unhealthy_within_the_timeout(
    silent_server: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("CHROMA_PORT", str(silent_server))
    code, line = health(capsys, "--timeout", "0.5")
    assert code == 1
    assert line == (
        f"unhealthy: no answer from the Chroma server http://127.0.0.1:{silent_server} within 0.5 s"
    )


def test_a_store_built_with_another_model_is_unhealthy(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("EMBEDDING_MODEL", "/models/other.onnx")
    code, line = health(capsys, "--store", str(seeded_engine.settings.store_path))
    assert code == 1
    assert line.startswith("unhealthy: ") and f"EMBEDDING_MODEL={MODEL}" in line


def test_an_unusable_setting_is_unhealthy_not_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CHROMA_HOST", "chroma")
    monkeypatch.setenv("CHROMA_PORT", "eight thousand")
    code, line = health(capsys)
    assert code == 1
    assert line.startswith("unhealthy: CHROMA_PORT must be a whole number")


def corpusbot_health(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli.entry", "health", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_process_exit_status_is_what_docker_reads(unused_port: int, tmp_path: Path) -> None:
    down = corpusbot_health(CHROMA_HOST="127.0.0.1", CHROMA_PORT=str(unused_port))
    assert down.returncode == 1 and down.stdout.startswith("unhealthy: ")
    assert "Traceback" not in down.stderr

    up = corpusbot_health("--store", str(tmp_path / "store"))
    assert up.returncode == 0 and up.stdout.startswith("ok: ")
