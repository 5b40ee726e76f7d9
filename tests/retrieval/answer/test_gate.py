"""The "not in the archive" gate and its per-archive calibration."""

from __future__ import annotations

import numpy as np

from retrieval.answer.calibration import background_similarity, calibrated
from retrieval.answer.relevance import Gate
from retrieval.embedding import load_embedder
from retrieval.engine import Engine
from retrieval.query import QueryIntent
from retrieval.search import Hit


def hit(similarity: float, coverage: float = 0.0, author: str | None = None) -> Hit:
    return Hit(
        source="a.txt",
        title="t",
        kind="comment" if author else "article",
        author=author,
        thread_path="1" if author else None,
        paragraph=None if author else 1,
        text="x",
        score=0.0,
        similarity=similarity,
        lexical=0.0,
        coverage=coverage,
    )


def test_gate_needs_closeness_or_shared_rare_words_or_the_named_person() -> None:
    gate = Gate()
    assert gate.supports(hit(0.45))
    assert not gate.supports(hit(0.30))
    assert gate.supports(hit(0.20, coverage=0.7))
    assert not gate.supports(hit(0.10, coverage=0.9))
    ilya = QueryIntent(author="Ilya", kind="comment")
    assert gate.supports(hit(0.28, author="Ilya"), ilya)
    assert not gate.supports(hit(0.28, author="Joe"), ilya)


def test_archive_close_to_everything_raises_the_thresholds() -> None:
    base = Gate()
    assert calibrated(base, np.full(30, 0.05, dtype=np.float32)) == base
    busy = calibrated(base, np.linspace(0.2, 0.5, 30, dtype=np.float32))
    assert busy.strong > base.strong and busy.supported > base.supported
    assert not busy.supports(hit(0.42)) and base.supports(hit(0.42))


def test_background_is_measured_on_the_archive_vectors(seeded_engine: Engine) -> None:
    snap = seeded_engine.searcher.snapshot()
    background = background_similarity(snap.vectors, load_embedder())
    assert background.shape == (30,)
    assert float(background.max()) < 0.4  # two articles about troops answer no trivia


def test_off_topic_questions_are_refused_and_on_topic_answered(seeded_engine: Engine) -> None:
    for question in ("Who painted the Mona Lisa?", "How do I bake sourdough bread?"):
        assert not seeded_engine.ask(question).found, question
    for question in ("Why did the talks collapse?", "Who replied to Mary E?"):
        assert seeded_engine.ask(question).found, question
