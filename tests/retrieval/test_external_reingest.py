"""A process holding the embedded store open sees an ingest run by another process."""

from __future__ import annotations

import subprocess
import sys

import pytest

from retrieval.engine import Engine
from retrieval.settings import Settings

FILE = "001_a3f27b942b602c7e.txt"


def ingest_elsewhere(settings: Settings) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.cli.entry",
            "ingest",
            "--store",
            str(settings.store_path),
            str(settings.corpus_dir),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )


@pytest.mark.parametrize("searched_before", [True, False])
def test_open_engine_answers_from_another_process_s_reingest(
    settings: Settings, searched_before: bool
) -> None:
    engine = Engine(settings)
    engine.ingest()
    if searched_before:
        assert engine.search("five billion dollars", 3)
    path = settings.corpus_dir / FILE
    path.write_text(
        path.read_text(encoding="utf-8").replace("five billion dollars", "nine gold elephants"),
        encoding="utf-8",
    )
    before = (engine.view.manifest_reads, engine.view.files_fetched)
    ingest_elsewhere(settings)

    hits = engine.search("nine gold elephants", 3)
    assert hits[0].source == FILE and "nine gold elephants" in hits[0].text
    texts = [h.text for h in engine.search("five billion dollars a year", 10)]
    assert not any("five billion dollars" in t for t in texts)
    # Nothing rebuilt: the other process brought this host's lexical index in step as it
    # ingested, so this one re-read neither the manifest nor any file's passages.
    assert (engine.view.manifest_reads, engine.view.files_fetched) == before == (0, 0)


def test_a_commenter_added_by_a_reingest_is_known_to_an_open_engine(settings: Settings) -> None:
    engine = Engine(settings)
    engine.ingest()
    question = "What did Zanzibar Quill say about Putin?"
    assert "Zanzibar Quill" not in engine.ask(question).text
    path = settings.corpus_dir / "000_88f28c69f322998a.txt"
    path.write_text(
        path.read_text(encoding="utf-8").replace("CHUCKMAN says", "Zanzibar Quill says"),
        encoding="utf-8",
    )
    engine.ingest()
    answer = engine.ask(question)
    assert answer.found
    assert "Zanzibar Quill" in answer.text.splitlines()[0]
