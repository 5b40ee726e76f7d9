"""The second and last ranking stages, and the diversification of comment threads.

Stage two is a weighted sum of the candidate features (``features.FEATURES``); the weights
were fitted on the tuning part of ``eval/dev`` (``benchmarks/fit_ranker.py``), and the figures
they reach are in the README. The last stage asks the cross-encoder about the best window of
each of the first few candidates and adds its score, weighted, to the stage-two score.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from retrieval.search.cross_encoder import CrossEncoder
from retrieval.search.features import FEATURES, Candidate, Question, sentence_score

# Fitted by benchmarks/fit_ranker.py on the tuning part of eval/dev (L2 0.01, chosen by
# 5-fold cross-validation); the cross-encoder's weight, how many candidates and windows it
# reads, by grid search on the same questions.
FITTED_FEATURES: Mapping[str, float] = {
    "bm25": 0.640,
    "cos": 0.237,
    "cos_gap": 2.302,
    "coverage": 0.535,
    "sent_cov": -0.035,
    "title_cov": 0.596,
    "focus": 0.201,
    "sent_focus": -0.204,
    "story": 0.038,
    "cos_story_gap": 0.320,
    "story_cov": 0.221,
    "story_missing": -1.416,
    "type_match": -0.011,
    "kind_match": 0.028,
    "comment_unasked": -0.617,
    "person_match": 0.858,
    "facts_match": 0.115,
    "rr_dense": 1.871,
    "rr_lex": 0.609,
}


@dataclass(frozen=True)
class RankerWeights:
    """Feature weights of stage two, and how the cross-encoder's logit is added."""

    features: Mapping[str, float] = field(default_factory=lambda: dict(FITTED_FEATURES))
    cross_encoder: float = 3.0  # per logit unit
    rerank_top: int = 6  # candidates the cross-encoder reads
    windows: int = 3  # windows per candidate it reads
    # Among what it read, a reader's comment yields to the article unless the question asks
    # about readers (comments are opinions, and a comment sentence can look like an answer).
    comment_penalty: float = 10.0

    def stage_two(self, candidate: Candidate) -> float:
        feats = candidate.features or {}
        return sum(self.features.get(name, 0.0) * feats.get(name, 0.0) for name in FEATURES)


DEFAULT_WEIGHTS = RankerWeights()

_SPEAKER_INTRO = re.compile(
    r"(\b(said|says|told|added|warned|explained|wrote|argued|noted|stated)\b[^.]{0,80}[.:]?$|:$)",
    re.IGNORECASE,
)
_PRONOUN_START = re.compile(r"^[\"“]?(he|she|they|it|this|that|these|those|his|her)\b", re.I)
SHORT_SENTENCE = 80


def introduces_speaker(sentence: str) -> bool:
    """ "X told a news conference." / "Kim Hong-kyun said the collapse sent a jarring message."
    — a sentence whose quote follows it."""
    return bool(_SPEAKER_INTRO.search(sentence))


def window(candidate: Candidate, index: int) -> tuple[int, int]:
    """The sentence at ``index`` with the neighbour it needs to be understood: the quote after
    a speaker's introduction ("X told a news conference."), the sentence before one that starts
    with a pronoun, the next one after a very short sentence."""
    sentences = candidate.sentences
    text = candidate.body
    start, end = sentences[index].start, sentences[index].end
    if candidate.meta.get("kind") == "facts":  # one fact a line
        return start, end
    sentence = text[start:end]
    if index + 1 < len(sentences) and (
        end - start < SHORT_SENTENCE or _SPEAKER_INTRO.search(sentence)
    ):
        end = sentences[index + 1].end
    elif index > 0 and _PRONOUN_START.match(sentence):
        start = sentences[index - 1].start
    return start, end


def windows_of(question: Question, candidate: Candidate, count: int) -> list[tuple[int, int]]:
    """The ``count`` best windows of a passage, best first, without repeats."""
    order = sorted(
        range(len(candidate.sentences)),
        key=lambda i: (-sentence_score(question, candidate, i, candidate.focus), i),
    )
    spans: list[tuple[int, int]] = []
    for index in order:
        span = window(candidate, index)
        if span not in spans:
            spans.append(span)
        if len(spans) == count:
            break
    return spans


def cross_encoder_text(candidate: Candidate, span: tuple[int, int]) -> str:
    """What the cross-encoder reads of a window: who says it or which article, then the text."""
    meta = candidate.meta
    text = candidate.body[span[0] : span[1]]
    if meta.get("kind") == "comment":
        author = str(meta.get("author") or "A reader")
        return f"{author} commented: {text}"
    title = str(meta.get("title") or "")
    return f"{title}. {text}" if title else text


def rerank(
    question: Question,
    candidates: Sequence[Candidate],
    encoder: CrossEncoder,
    weights: RankerWeights = DEFAULT_WEIGHTS,
) -> list[tuple[Candidate, tuple[int, int]]]:
    """Score the best windows of the first ``rerank_top`` candidates (already sorted by stage
    two) with the cross-encoder; each candidate's relevance is its best window's logit, and
    that window becomes its best span. Returns the windows read."""
    top = list(candidates[: weights.rerank_top])
    pairs = [(c, span) for c in top for span in windows_of(question, c, weights.windows)]
    if not pairs:
        return []
    logits = encoder.score(question.text, [cross_encoder_text(c, s) for c, s in pairs])
    best: dict[int, tuple[float, tuple[int, int]]] = {}
    for (candidate, span), logit in zip(pairs, logits.tolist(), strict=True):
        key = id(candidate)
        if key not in best or logit > best[key][0]:
            best[key] = (logit, span)
    floor = min(logit for logit, _ in best.values())
    for candidate in candidates[weights.rerank_top :]:
        # Not read: taken to answer no better than the worst candidate that was.
        unasked = (candidate.features or {}).get("comment_unasked", 0.0)
        candidate.score += weights.cross_encoder * floor - weights.comment_penalty * unasked
    for candidate in top:
        logit, span = best[id(candidate)]
        candidate.relevance = logit
        unasked = (candidate.features or {}).get("comment_unasked", 0.0)
        candidate.score += weights.cross_encoder * logit - weights.comment_penalty * unasked
        candidate.span = span
    return pairs


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))
