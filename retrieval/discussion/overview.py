"""The overview of a discussion: what addresses the point, grouped, and where readers clash."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from retrieval.discussion.archive import Vector
from retrieval.discussion.exchanges import Exchange, notable_exchanges
from retrieval.discussion.matching import Addressing
from retrieval.discussion.positions import Position, positions
from retrieval.discussion.tree import Discussion, Remark
from retrieval.discussion.vectors import RemarkKey


@dataclass(frozen=True)
class Overview:
    topic: str  # "" = the whole discussion
    discussions: tuple[Discussion, ...]  # the articles whose comments address it
    remarks: tuple[Remark, ...]  # the comments that address it, article by article
    whole: bool  # every comment of those articles counts
    positions: tuple[Position, ...]
    exchanges: tuple[Exchange, ...]
    pushback: bool  # the exchanges are replies pushing back (else: replies, none pushing back)

    @property
    def background(self) -> list[Remark]:
        return [r for d in self.discussions for r in d.remarks]


def build_overview(
    topic: str,
    scoped: Sequence[tuple[Discussion, Addressing]],
    vectors: Mapping[RemarkKey, Vector],
) -> Overview:
    kept = [(d, a) for d, a in scoped if a.remarks]
    discussions = tuple(d for d, _ in kept)
    remarks = tuple(r for _, a in kept for r in a.remarks)
    whole = all(a.whole for _, a in kept)
    background = [r for d in discussions for r in d.remarks]
    within = None if whole else {r.key for r in remarks}
    exchanges = notable_exchanges(discussions, within)
    pushback = bool(exchanges)
    if not exchanges:
        exchanges = notable_exchanges(discussions, within, pushback=False)
    return Overview(
        topic=topic,
        discussions=discussions,
        remarks=remarks,
        whole=whole,
        positions=tuple(positions(remarks, vectors, background)),
        exchanges=tuple(exchanges),
        pushback=pushback,
    )
