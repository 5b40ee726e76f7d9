"""Shared fixtures: a copy of the sample corpus, settings pointing into tmp, an ingested store."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from retrieval.engine import Engine
from retrieval.lexical import question_terms
from retrieval.query import Expects, QueryIntent
from retrieval.search.features import Question
from retrieval.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "corpus"
SEED_FILES = ("000_88f28c69f322998a.txt", "001_a3f27b942b602c7e.txt")
STORIES = ROOT / "tests" / "fixtures" / "stories"  # news stories written for the tests


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's .env or talks to a configured server."""
    for name in (
        "CHROMA_HOST",
        "CHROMA_PATH",
        "CORPUS_DIR",
        "CORPUSBOT_DATA_DIR",
        "DISCORD_TOKEN",
        "LLM_MODEL",
        "LLM_BASE_URL",
        "MIN_ANSWER_SCORE",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CORPUSBOT_ENV_FILE", str(tmp_path / "no.env"))


def make_settings(base: Path, **changes: object) -> Settings:
    settings = Settings(
        data_dir=base / "data",
        corpus_dir=base / "corpus",
        store_path=base / "data" / "chroma",
    )
    return settings.__class__(**{**settings.__dict__, **changes})  # type: ignore[arg-type]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A writable copy of the two seed files."""
    target = tmp_path / "corpus"
    target.mkdir()
    for name in SEED_FILES:
        shutil.copy(SEED_DIR / name, target / name)
    return target


@pytest.fixture
def settings(tmp_path: Path, corpus: Path) -> Settings:
    return make_settings(tmp_path, corpus_dir=corpus)


@pytest.fixture(scope="session")
def seeded_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """One ingest of the sample corpus shared by read-only tests."""
    base = tmp_path_factory.mktemp("seeded")
    engine = Engine(make_settings(base, corpus_dir=SEED_DIR))
    summary = engine.ingest()
    assert len(summary.added) == 2 and not summary.failed
    yield engine


def engine_with_stories(base: Path, stories: Mapping[str, str]) -> Engine:
    """An engine whose archive is the sample's Reuters article and ``stories`` (file name →
    text, written for the test), ingested."""
    corpus = base / "corpus"
    corpus.mkdir()
    shutil.copy(SEED_DIR / "000_88f28c69f322998a.txt", corpus)
    for name, text in stories.items():
        (corpus / name).write_text(text, encoding="utf-8")
    engine = Engine(make_settings(base, corpus_dir=corpus))
    engine.ingest()
    return engine


def engine_over_story(base: Path, story: str) -> Engine:
    """An engine whose archive is one story of ``tests/fixtures/stories``, ingested."""
    corpus = base / "corpus"
    corpus.mkdir()
    shutil.copy(STORIES / story, corpus / story)
    engine = Engine(make_settings(base, corpus_dir=corpus))
    engine.ingest()
    return engine


def question_expecting(text: str, expects: Expects) -> Question:
    """The question as the ranking's features read it, asking for ``expects``, each of its
    words weighted alike."""
    terms = tuple(question_terms(text))
    return Question(text, QueryIntent(expects=expects), terms, dict.fromkeys(terms, 3.0))
