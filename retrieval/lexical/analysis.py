"""A passage's sentences and their content stems, worked out once at ingest and stored in the
lexical index, so ranking a candidate never re-tokenises it."""

from __future__ import annotations

import json
from collections.abc import Collection

from retrieval.lexical.tokens import QUESTION_STOPWORDS, stems, words
from retrieval.sentences import sentence_spans

Analysis = tuple[tuple[int, int, Collection[str]], ...]


def analyse(body: str) -> Analysis:
    """(start, end, stems) of every sentence of a passage body."""
    spans = sentence_spans(body) or [(0, len(body))]
    return tuple((s, e, tuple(stems(words(body[s:e]), QUESTION_STOPWORDS))) for s, e in spans)


def encode(analysis: Analysis) -> bytes:
    return json.dumps([[s, e, " ".join(t)] for s, e, t in analysis]).encode("utf-8")


def decode(data: bytes) -> Analysis:
    """As ``analyse`` gave it, each sentence's stems as a set (as ranking reads them: a passage
    is decoded once, and read for many questions)."""
    return tuple((int(s), int(e), frozenset(t.split())) for s, e, t in json.loads(data))
