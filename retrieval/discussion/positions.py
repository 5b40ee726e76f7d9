"""Positions: the comments grouped by what they say, largest group first.

Groups come from average-linkage clustering: the two closest groups merge until no two are
closer than ``MERGE_SIMILARITY`` on average. A comment is described by its (centred) vector
joined with the TF-IDF weights of its words, so two comments group when they mean and say
alike; a comment of very few words stays on its own. Each group is labelled with its most
distinctive words: those most of its comments use and the other comments of the discussion
do not.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from retrieval.discussion.archive import Vector
from retrieval.discussion.tree import Remark
from retrieval.discussion.vectors import RemarkKey, matrix
from retrieval.lexical.tokens import QUESTION_STOPWORDS, stems

MERGE_SIMILARITY = 0.12
WORD_WEIGHT = 0.7  # of the TF-IDF part against the vector part
MIN_GROUPED_WORDS = 4  # a comment with fewer content words is not grouped with others
LABEL_WORDS = 3
MAX_CLUSTERED = 400  # more comments than this: only the first (most relevant) are grouped

# Words of conversation that say nothing about a position.
_CHATTER = frozenset(
    "also always another anyone anything back because come even ever get gets getting go "
    "going gone good got great just know like lol look make many may much must need never new "
    "now oh ok okay one ones really right said say see seem seems since something still sure "
    "take thing things think though thought time way well whole yes yet imo will would "
    "mr mrs dear while first call called use used using interesting against cause caused "
    "lot lots bit kind sort".split()
)
_SURFACE = re.compile(r"[\w$£€%*]+(?:['’]\w+)?")


@dataclass(frozen=True)
class Position:
    remarks: tuple[Remark, ...]  # most central (most like the others) first
    words: tuple[str, ...]  # its most distinctive words

    @property
    def label(self) -> str:
        return ", ".join(self.words)


def cluster(vectors: Vector, stop: float = MERGE_SIMILARITY) -> list[list[int]]:
    """Average-linkage clustering of unit row vectors by cosine similarity (Lance–Williams
    updates, so a few hundred comments take milliseconds)."""
    n = len(vectors)
    groups: list[list[int]] = [[i] for i in range(n)]
    if n < 2:
        return groups
    similarity = (vectors @ vectors.T).astype(np.float64)
    np.fill_diagonal(similarity, -np.inf)
    alive = list(range(n))
    while len(alive) > 1:
        sub = similarity[np.ix_(alive, alive)]
        flat = int(np.argmax(sub))
        i, j = divmod(flat, len(alive))
        if sub[i, j] < stop:
            break
        a, b = alive[i], alive[j]
        size_a, size_b = len(groups[a]), len(groups[b])
        merged = (size_a * similarity[a] + size_b * similarity[b]) / (size_a + size_b)
        similarity[a, :] = merged
        similarity[:, a] = merged
        similarity[a, a] = -np.inf
        similarity[b, :] = -np.inf
        similarity[:, b] = -np.inf
        groups[a] = groups[a] + groups[b]
        groups[b] = []
        alive.remove(b)
    return [groups[i] for i in alive]


def _label_stems(text: str) -> list[str]:
    words = [w.lower() for w in _SURFACE.findall(text)]
    kept = [
        w
        for w in words
        if len(w) > 2
        and not w.isdigit()
        and w not in _CHATTER
        and not any(c in w for c in "'’*")  # contractions and starred-out words
    ]
    return stems(kept, QUESTION_STOPWORDS)


def word_weights(texts: Sequence[str], background: Sequence[str]) -> Vector:
    """Unit TF-IDF rows of ``texts`` (document frequencies from ``background``)."""
    counts = [Counter(_label_stems(t)) for t in texts]
    df: Counter[str] = Counter(s for t in background for s in set(_label_stems(t)))
    vocabulary = {s: i for i, s in enumerate(sorted({s for c in counts for s in c}))}
    rows = np.zeros((len(texts), max(1, len(vocabulary))), dtype=np.float32)
    total = max(len(background), 1)
    for i, counter in enumerate(counts):
        for stem, n in counter.items():
            rows[i, vocabulary[stem]] = (1 + math.log(n)) * math.log((1 + total) / (1 + df[stem]))
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    unit: Vector = (rows / np.maximum(norms, 1e-9)).astype(np.float32)
    return unit


def features(
    remarks: Sequence[Remark], vectors: Mapping[RemarkKey, Vector], background: Sequence[Remark]
) -> Vector:
    """What the clustering compares: vector and word weights, joined, unit length."""
    joined = np.hstack(
        [
            matrix([r.key for r in remarks], vectors),
            WORD_WEIGHT * word_weights([r.text for r in remarks], [r.text for r in background]),
        ]
    )
    unit: Vector = (
        joined / np.maximum(np.linalg.norm(joined, axis=1, keepdims=True), 1e-9)
    ).astype(np.float32)
    return unit


def _surface_forms(texts: Sequence[str]) -> dict[str, str]:
    """stem -> the spelling its comments use most ("Putin", "US", "troops")."""
    forms: dict[str, Counter[str]] = {}
    for text in texts:
        for word in _SURFACE.findall(text):
            stemmed = stems([word.lower()], QUESTION_STOPWORDS)
            if stemmed:
                forms.setdefault(stemmed[0], Counter())[word] += 1
    return {stem: counter.most_common(1)[0][0] for stem, counter in forms.items()}


def distinctive_words(
    members: Sequence[Remark], background: Sequence[Remark], limit: int = LABEL_WORDS
) -> tuple[str, ...]:
    """The words most of ``members`` use that the rest of ``background`` uses least."""
    inside = [set(_label_stems(r.text)) for r in members]
    member_keys = {r.key for r in members}
    outside = [set(_label_stems(r.text)) for r in background if r.key not in member_keys]
    df_in: Counter[str] = Counter(s for stems_ in inside for s in stems_)
    df_out: Counter[str] = Counter(s for stems_ in outside for s in stems_)
    shared = len(members) >= 2 and any(df_in[s] >= 2 for s in df_in)
    frequency: Counter[str] = Counter(s for r in members for s in _label_stems(r.text))

    def score(stem: str) -> tuple[float, int]:
        lift = df_in[stem] / len(members) - df_out[stem] / max(1, len(outside))
        return (lift, frequency[stem])

    candidates = [s for s in df_in if not shared or df_in[s] >= 2]
    best = sorted(candidates, key=lambda s: (-score(s)[0], -score(s)[1], s))
    forms = _surface_forms([r.text for r in members])
    chosen: list[str] = []
    for stem in best:
        word = forms.get(stem, stem)
        if not any(_related(word, other) for other in chosen):  # "Korea" and "Korean"
            chosen.append(word)
        if len(chosen) == limit:
            break
    return tuple(chosen)


def _related(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))


def positions(
    remarks: Sequence[Remark],
    vectors: Mapping[RemarkKey, Vector],
    background: Sequence[Remark],
) -> list[Position]:
    """The groups of ``remarks`` (those with a vector), largest first; ``background`` is what
    their words are compared with for the labels (the whole discussion)."""
    usable = [r for r in remarks if r.key in vectors][:MAX_CLUSTERED]
    if not usable:
        return []
    rows = features(usable, vectors, background)
    wordy = [i for i, r in enumerate(usable) if len(set(_label_stems(r.text))) >= MIN_GROUPED_WORDS]
    groups = [[wordy[i] for i in group] for group in cluster(rows[wordy])]
    groups += [[i] for i in range(len(usable)) if i not in set(wordy)]
    found: list[Position] = []
    for group in groups:
        members = [usable[i] for i in group]
        if len(group) > 1:
            inner = rows[group] @ rows[group].T
            centrality = (inner.sum(axis=1) - 1.0) / (len(group) - 1)
            order = sorted(range(len(group)), key=lambda i: (-centrality[i], group[i]))
            members = [members[i] for i in order]
        found.append(Position(tuple(members), distinctive_words(members, background)))
    first_seen = {r.key: i for i, r in enumerate(usable)}
    return sorted(found, key=lambda p: (-len(p.remarks), min(first_seen[r.key] for r in p.remarks)))
