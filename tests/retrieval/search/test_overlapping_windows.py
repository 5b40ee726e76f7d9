"""A window the cross-encoder scores nearly as well as the best one, and sharing a sentence
with it, is quoted with it: the first line reads on to the sentence that answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from retrieval.engine import Engine
from retrieval.search import ranker
from retrieval.search.cross_encoder import CrossEncoder
from retrieval.search.features import Candidate, Question
from tests.conftest import make_settings

Read = tuple[Candidate, tuple[int, int], str]

STORY = """Vantor Steel plans job cuts after merger

Vantor Steel, the world's third-largest steelmaker, is to cut up to 6,000 jobs a year once \
its takeover of Allegheny Forge is complete, its chief executive said on Tuesday.

A Vantor Steel spokesman said that no decisions on job cuts have been made yet. "We are \
trying to build a steel industry that lasts, and that means investing in new furnaces," the \
spokesman said. Vantor Steel has operations in 11 countries. Many of its businesses - \
particularly those in eastern Europe - were previously state owned and have huge workforces. \
It employs 42,000 staff in Moldova alone, and has large operations in Poland and Brazil.

The company's shares rose 3% on the news.
"""
QUESTION = "In which country does Vantor Steel have 42,000 people on its payroll?"


def scored_like_the_cross_encoder_did(
    question: Question,
    encoder: CrossEncoder,
    pairs: Sequence[Read],
    names: Mapping[int, str] | None = None,
    by_source: Mapping[str, Sequence[Candidate]] | None = None,
) -> dict[ranker.Window, float]:
    """Logits as the real cross-encoder gave a steel story like this one: the window naming
    the firm and its "operations in 11 countries" best, the one with the answer 3 units
    below, the spokesman's words 4 below, the rest far below."""
    scores: dict[ranker.Window, float] = {}
    for candidate, span, _ in pairs:
        text = candidate.body[span[0] : span[1]]
        if "operations in 11 countries" in text:
            logit = 6.5
        elif "Moldova" in text:
            logit = 3.5
        elif "spokesman said" in text:
            logit = 2.5
        else:
            logit = -5.0
        scores[(id(candidate), span)] = logit
    return scores


@pytest.fixture
def engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "steel.txt").write_text(STORY, encoding="utf-8")
    engine = Engine(make_settings(tmp_path, corpus_dir=corpus))
    engine.ingest()
    monkeypatch.setattr(ranker, "_read", scored_like_the_cross_encoder_did)
    return engine


def test_the_first_line_reads_on_into_an_overlapping_window_nearly_as_good(
    engine: Engine,
) -> None:
    answer = engine.ask(QUESTION)
    assert answer.found
    first = answer.text.splitlines()[0]
    assert "operations in 11 countries" in first
    assert "42,000 staff in Moldova" in first
    quote = first.split("“")[1].split("”")[0]  # one quote, as the text runs
    assert "huge workforces. It employs 42,000 staff in Moldova" in quote
    assert all(c.quote in c.hit.text for c in answer.citations)
