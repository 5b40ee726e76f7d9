"""An archive of one article with known threads: who replied to whom, three clear positions."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.documents import ParsedDocument
from retrieval.engine import Engine
from retrieval.parsing import parse_file
from retrieval.settings import Settings

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "discussion" / "congestion_charge.txt"


def corpus_with_fixture(base: Path) -> Path:
    """A corpus folder under ``base`` holding the congestion-charge article."""
    corpus = base / "corpus"
    corpus.mkdir()
    shutil.copy(FIXTURE, corpus / FIXTURE.name)
    return corpus


@pytest.fixture(scope="session")
def charge_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    base = tmp_path_factory.mktemp("charge")
    corpus = corpus_with_fixture(base)
    engine = Engine(
        Settings(data_dir=base / "data", corpus_dir=corpus, store_path=base / "data" / "chroma")
    )
    summary = engine.ingest()
    assert len(summary.added) == 1 and not summary.failed
    yield engine


@pytest.fixture(scope="session")
def charge_doc() -> ParsedDocument:
    return parse_file(FIXTURE, source=FIXTURE.name)
