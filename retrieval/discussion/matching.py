"""Which comments of an article address the point a question asks about.

- No point named ("What were the main arguments in the comments?"): all of them.
- The point is what the article itself is about (an article passage is at least
  ``SUBJECT_SIMILARITY`` from it): the whole discussion under it is about that point.
- Otherwise (a narrower point, "Putin", "Okinawa"): the comments close to it, at least
  ``FLOOR`` and within ``MARGIN`` of the closest, plus those that use all of its telling words
  (those not in most of the comments), or some of them while not far from it (``WORD_FLOOR``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from retrieval.discussion.archive import Vector
from retrieval.discussion.quotes import content_stems
from retrieval.discussion.tree import Discussion, Remark
from retrieval.search import Hit

SUBJECT_SIMILARITY = 0.40
FLOOR = 0.30
MARGIN = 0.12
WORD_FLOOR = 0.22
COMMON_WORD_SHARE = 0.5  # a word in more of the article's comments than this is not telling


@dataclass(frozen=True)
class Addressing:
    remarks: tuple[Remark, ...]  # in reading order
    whole: bool  # every comment of the article counts (no point, or the article's subject)


def _similarity(hits: Sequence[Hit], query: Vector, vectors: Mapping[str, Vector]) -> float:
    values = [float(vectors[h.id] @ query) for h in hits if h.id in vectors]
    return max(values, default=0.0)


def addressing(
    discussion: Discussion,
    article: Sequence[Hit],
    query: Vector | None,
    topic_stems: Collection[str],
    vectors: Mapping[str, Vector],
) -> Addressing:
    """The comments of ``discussion`` that address the point (``query`` is its vector; None
    when the question names no point). ``article`` is the file's other passages."""
    if query is None or _similarity(article, query, vectors) >= SUBJECT_SIMILARITY:
        return Addressing(discussion.remarks, whole=True)
    similarity = {r.key: _similarity(r.parts, query, vectors) for r in discussion.remarks}
    best = max(similarity.values(), default=0.0)
    cutoff = max(FLOOR, best - MARGIN)
    words = {r.key: content_stems(r.text) for r in discussion.remarks}
    total = max(1, len(discussion.remarks))
    telling = {
        s
        for s in topic_stems
        if sum(1 for w in words.values() if s in w) / total <= COMMON_WORD_SHARE
    }
    chosen = tuple(
        r
        for r in discussion.remarks
        if similarity[r.key] >= cutoff
        or (telling and telling <= words[r.key])
        or (similarity[r.key] >= WORD_FLOOR and telling & words[r.key])
    )
    return Addressing(chosen, whole=False)
