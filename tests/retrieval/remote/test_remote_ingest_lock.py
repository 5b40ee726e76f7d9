"""Two ingests against one real Chroma server never interleave: the second is refused with a
message saying who holds the lock, and the lease of a holder that died expires by itself."""

from __future__ import annotations

import dataclasses
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bot.cli import main
from retrieval.engine import Engine
from retrieval.ingest import SilentProgress
from retrieval.ingest_lock import LEASE_ID, IngestLocked
from retrieval.settings import Settings
from tests.conftest import ROOT
from tests.retrieval.remote.chroma_process import server_env
from tests.retrieval.test_ingest_crash import write_corpus


class HeldProgress(SilentProgress):
    """Keeps the ingest (and its lock) busy until released."""

    def __init__(self) -> None:
        self.holding = threading.Event()
        self.release = threading.Event()

    def start(self, total_files: int) -> None:
        self.holding.set()
        assert self.release.wait(30), "the test never released the ingest"


def test_a_second_ingest_is_refused_while_one_runs_then_runs(
    remote_settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    first, second = Engine(remote_settings), Engine(remote_settings)  # two clients
    held = HeldProgress()
    outcome: list[object] = []
    worker = threading.Thread(target=lambda: outcome.append(first.ingest(progress=held)))
    worker.start()
    try:
        assert held.holding.wait(60)
        with pytest.raises(IngestLocked) as refused:
            second.ingest()
        message = str(refused.value)
        assert message.startswith(
            f"Another ingest is running on the {remote_settings.store_label} (held by "
        )
        assert f"pid {os.getpid()}" in message and "wait for it to finish" in message

        # The command says the same in one line, exit status 2.
        server = remote_settings.chroma_server
        assert server is not None
        monkeypatch.setenv("CHROMA_HOST", server.host)
        monkeypatch.setenv("CHROMA_PORT", str(server.port))
        monkeypatch.setenv("CHROMA_COLLECTION", remote_settings.collection)
        monkeypatch.setenv("CORPUS_DIR", str(remote_settings.corpus_dir))
        assert main(["ingest"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "corpusbot: Another ingest is running on the" in err
    finally:
        held.release.set()
        worker.join(120)
    assert len(outcome[0].added) == 2  # type: ignore[attr-defined]
    assert not second.ingest().changed  # the lock was released: the second one runs
    assert not second.store.files.get(ids=[LEASE_ID])["ids"]


def start_ingest(settings: Settings, data: Path) -> subprocess.Popen[str]:
    env = server_env(settings, data) | {"INGEST_LEASE_SECONDS": "3", "EMBEDDING_THREADS": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli.entry", "ingest", str(settings.corpus_dir)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_the_lease_of_a_killed_ingest_expires_and_the_next_ingest_repairs_it(
    remote_settings: Settings, tmp_path: Path
) -> None:
    corpus = tmp_path / "many"
    write_corpus(corpus, "v1")
    settings = dataclasses.replace(remote_settings, corpus_dir=corpus)
    process = start_ingest(settings, tmp_path / "child")
    assert process.stderr is not None
    for line in process.stderr:  # the first progress line: it holds the lease and writes
        if re.search(r"\d+/\d+ files", line):
            break
    process.send_signal(signal.SIGKILL)
    process.wait(30)

    engine = Engine(settings)
    with pytest.raises(IngestLocked, match=r"its lock expires by itself in \d s"):
        engine.ingest()
    deadline = time.monotonic() + 10
    while True:  # within the lease (3 s) the dead holder's lock is gone
        try:
            summary = engine.ingest()
            break
        except IngestLocked:
            assert time.monotonic() < deadline, "the dead holder's lease never expired"
            time.sleep(0.5)
    assert len(summary.added) + len(summary.unchanged) == 150 and not summary.failed
    assert not engine.ingest().changed
