"""Killing a real ingest process never leaves duplicates, half-replaced files or a broken
store, and the next ingest completes it."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from retrieval.engine import Engine
from retrieval.lexical.index import LexicalIndex
from retrieval.settings import Settings
from retrieval.store import ChunkStore, forget_cached_clients
from retrieval.view import lexical_folder
from tests.conftest import make_settings

WORDS = (
    "council budget river school minister harbour election farmers union storm bridge museum "
    "tariff hospital airline festival vaccine court railway mayor drought league"
).split()
FILES = 150


def write_corpus(folder: Path, version: str) -> None:
    folder.mkdir(exist_ok=True)
    rng = random.Random(7)
    for i in range(FILES):
        paragraphs = [
            " ".join(rng.choice(WORDS) for _ in range(45)).capitalize() + f" ({version} {i}.{p})."
            for p in range(3)
        ]
        (folder / f"story_{i:03d}.txt").write_text(
            f"Story {i} {version}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
        )


def start_ingest(corpus: Path, store: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli.entry", "ingest", "--store", str(store), str(corpus)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "EMBEDDING_THREADS": "1"},
    )


def kill_after(process: subprocess.Popen[str], files_done: int) -> None:
    """SIGKILL the ingest once its progress shows ``files_done`` files processed."""
    assert process.stderr is not None
    deadline = time.monotonic() + 120
    for line in process.stderr:
        match = re.search(r"(\d+)/\d+ files", line)
        if match and int(match.group(1)) >= files_done:
            break
        assert time.monotonic() < deadline, "the ingest made no progress"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "the ingest finished before it was killed"


def check_consistent(settings: Settings) -> tuple[dict[str, str], set[str]]:
    """Every committed file is visible exactly once, in one version; returns hashes and ids."""
    forget_cached_clients()  # the ingest ran in another process
    store = ChunkStore(settings)
    manifest = store.manifest()
    chunks, vectors = store.visible_chunks_with_vectors(manifest)
    assert len(vectors) == len(chunks)
    per_file = Counter(str(c.metadata["source"]) for c in chunks)
    for source, record in manifest.items():
        assert per_file[source] == record.chunks, f"{source} is half-written"
    positions = Counter((c.metadata["source"], c.metadata["chunk_index"]) for c in chunks)
    assert not positions or max(positions.values()) == 1, "a passage is visible twice"
    return {s: r.file_hash for s, r in manifest.items()}, {c.id for c in chunks}


def indexed_versions(settings: Settings) -> dict[str, str]:
    """The file versions the lexical index holds as the kill left it (no repair yet)."""
    forget_cached_clients()
    return LexicalIndex(lexical_folder(ChunkStore(settings))).file_versions()


def check_reader_sees_only_committed(settings: Settings, hashes: dict[str, str]) -> None:
    """A reader opened right after the kill finds only committed versions, and its lexical
    index is brought in step with the manifest."""
    forget_cached_clients()
    engine = Engine(settings)
    for hit in engine.search("council budget river school", 20):
        assert hit.id, "a hit without an id"
    assert engine.view.lexical.file_versions() == hashes


def run_ingest(corpus: Path, store: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli.entry", "ingest", "--store", str(store), str(corpus)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return done.stdout


@pytest.mark.slow
def test_killed_ingest_then_rerun_matches_a_clean_ingest(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, "v1")
    killed = make_settings(tmp_path / "killed")

    kill_after(start_ingest(corpus, killed.store_path), files_done=100)
    hashes, _ = check_consistent(killed)
    assert 0 < len(hashes) < FILES, "expected a partial ingest"
    indexed = indexed_versions(killed)
    assert set(indexed) <= set(hashes), "the lexical index holds a file never committed"
    assert all(indexed[s] == hashes[s] for s in indexed)
    check_reader_sees_only_committed(killed, hashes)

    out = run_ingest(corpus, killed.store_path)
    assert f"{FILES - len(hashes)} added" in out
    _, resumed_ids = check_consistent(killed)

    clean = make_settings(tmp_path / "clean")
    run_ingest(corpus, clean.store_path)
    _, clean_ids = check_consistent(clean)
    assert resumed_ids == clean_ids


@pytest.mark.slow
def test_killed_reingest_keeps_each_file_in_one_version(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, "v1")
    settings = make_settings(tmp_path / "store")
    run_ingest(corpus, settings.store_path)
    old_hashes, _ = check_consistent(settings)

    write_corpus(corpus, "v2")  # every file changes
    kill_after(start_ingest(corpus, settings.store_path), files_done=100)
    hashes, _ = check_consistent(settings)
    assert set(hashes) == set(old_hashes), "the old index lost files"
    replaced = [s for s in hashes if hashes[s] != old_hashes[s]]
    assert 0 < len(replaced) < FILES
    indexed = indexed_versions(settings)
    assert all(indexed[s] in (hashes[s], old_hashes[s]) for s in indexed), (
        "the lexical index holds a version that was never committed"
    )
    check_reader_sees_only_committed(settings, hashes)

    out = run_ingest(corpus, settings.store_path)
    assert f"{FILES - len(replaced)} updated" in out
    final, ids = check_consistent(settings)
    assert all(final[s] != old_hashes[s] for s in final)
    forget_cached_clients()
    store = ChunkStore(settings)
    assert store.count_chunks() == len(ids), "stale chunks were left behind"
