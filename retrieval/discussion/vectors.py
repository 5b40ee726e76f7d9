"""One vector per comment, for grouping comments by what they say.

A comment's stored passages were embedded with a context header naming the article ("Reply
7.1 by CHUCKMAN to Nick Rhynes on “…”:"), which pulls every comment of an article towards its
title, short ones most. Subtracting the mean of the article's comments takes that shared
direction out, so what is left tells the comments apart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from retrieval.discussion.archive import Vector
from retrieval.discussion.tree import Discussion

RemarkKey = tuple[str, str]  # (source, thread path)


def _unit(vector: Vector) -> Vector:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


def raw_vectors(
    discussion: Discussion, passage_vectors: Mapping[str, Vector]
) -> dict[RemarkKey, Vector]:
    """Each comment's unit vector: the mean of its passages' (comments without any are left out)."""
    vectors: dict[RemarkKey, Vector] = {}
    for remark in discussion.remarks:
        rows = [passage_vectors[p.id] for p in remark.parts if p.id in passage_vectors]
        if rows:
            vectors[remark.key] = _unit(np.mean(np.stack(rows), axis=0).astype(np.float32))
    return vectors


def centred(vectors: Mapping[RemarkKey, Vector]) -> dict[RemarkKey, Vector]:
    """The vectors less their mean, made unit length again (one article's comments at a time)."""
    if len(vectors) < 2:
        return dict(vectors)
    mean = np.mean(np.stack(list(vectors.values())), axis=0)
    return {key: _unit((v - mean).astype(np.float32)) for key, v in vectors.items()}


def matrix(keys: Sequence[RemarkKey], vectors: Mapping[RemarkKey, Vector]) -> Vector:
    return np.stack([vectors[key] for key in keys]).astype(np.float32)
