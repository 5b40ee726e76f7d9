"""A passage's sentences and their content stems, worked out once at ingest and stored in the
lexical index, so ranking a candidate never re-tokenises it."""

from __future__ import annotations

import json

from retrieval.lexical.tokens import QUESTION_STOPWORDS, stems, words
from retrieval.sentences import sentence_spans

Analysis = tuple[tuple[int, int, tuple[str, ...]], ...]


def analyse(body: str) -> Analysis:
    """(start, end, stems) of every sentence of a passage body."""
    spans = sentence_spans(body) or [(0, len(body))]
    return tuple((s, e, tuple(stems(words(body[s:e]), QUESTION_STOPWORDS))) for s, e in spans)


def encode(analysis: Analysis) -> bytes:
    return json.dumps([[s, e, " ".join(t)] for s, e, t in analysis]).encode("utf-8")


def decode(data: bytes) -> Analysis:
    return tuple((int(s), int(e), tuple(t.split())) for s, e, t in json.loads(data))
