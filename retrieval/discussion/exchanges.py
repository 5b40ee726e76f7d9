"""Who answered whom, read from the reply tree (parent/child links, not word overlap).

- ``notable_exchanges``: the comments whose replies push back on them, most contested first.
- ``replies_to_person``: every comment a person wrote with the replies it drew, and the
  comments that person answered.
- ``between``: the chains of comments in which two people answer each other.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from retrieval.discussion.stance import Stance, stance
from retrieval.discussion.tree import Discussion, Remark

EXCHANGES_SHOWN = 3
PUSHBACK_SHOWN = 2  # replies shown under one comment of an exchange


@dataclass(frozen=True)
class Reply:
    remark: Remark
    stance: Stance


@dataclass(frozen=True)
class Exchange:
    """A comment and (some of) the replies to it."""

    comment: Remark
    replies: tuple[Reply, ...]
    total_replies: int  # all direct replies by others, shown or not


def _answers(discussion: Discussion, remark: Remark) -> list[Reply]:
    """Direct replies by someone else (anonymous replies count as someone else)."""
    return [
        Reply(r, stance(r.text))
        for r in discussion.replies_to(remark)
        if r.author is None or r.author != remark.author
    ]


def notable_exchanges(
    discussions: Sequence[Discussion],
    within: Collection[tuple[str, str]] | None = None,
    limit: int = EXCHANGES_SHOWN,
    *,
    pushback: bool = True,
) -> list[Exchange]:
    """The comments with the most replies pushing back on them (ties: more replies, then
    earlier), each with its first ``PUSHBACK_SHOWN`` pushing replies. With ``within``, only
    exchanges that involve one of those comments. ``pushback=False``: the comments with the
    most replies of any kind, with their first replies."""
    ranked: list[tuple[tuple[int, int, int], Exchange]] = []
    order = 0
    for discussion in discussions:
        for remark in discussion.remarks:
            order += 1
            replies = _answers(discussion, remark)
            shown = [r for r in replies if r.stance == "pushback"] if pushback else replies
            if not shown:
                continue
            if within is not None and not (
                remark.key in within or any(r.remark.key in within for r in shown)
            ):
                continue
            exchange = Exchange(remark, tuple(shown[:PUSHBACK_SHOWN]), len(replies))
            ranked.append(((-len(shown), -len(replies), order), exchange))
    ranked.sort(key=lambda item: item[0])
    return [exchange for _, exchange in ranked[:limit]]


@dataclass(frozen=True)
class PersonReplies:
    person: str
    written: tuple[Remark, ...]  # everything the person wrote
    received: tuple[Exchange, ...]  # their comments that drew replies, with all the replies
    answered: tuple[tuple[Remark, Remark], ...]  # (someone's comment, the person's reply)

    @property
    def repliers(self) -> list[str]:
        """Who replied to them, in order of first reply (anonymous readers left out)."""
        names = [r.remark.author for e in self.received for r in e.replies if r.remark.author]
        return list(dict.fromkeys(names))

    @property
    def reply_count(self) -> int:
        return sum(len(e.replies) for e in self.received)


def replies_to_person(discussions: Sequence[Discussion], person: str) -> PersonReplies:
    written: list[Remark] = []
    received: list[Exchange] = []
    answered: list[tuple[Remark, Remark]] = []
    for discussion in discussions:
        for remark in discussion.by(person):
            written.append(remark)
            replies = _answers(discussion, remark)
            if replies:
                received.append(Exchange(remark, tuple(replies), len(replies)))
            parent = discussion.parent_of(remark)
            if parent is not None and parent.author != person:
                answered.append((parent, remark))
    return PersonReplies(person, tuple(written), tuple(received), tuple(answered))


def between(discussions: Sequence[Discussion], one: str, other: str) -> list[list[Remark]]:
    """Each chain of comments in which ``one`` and ``other`` answer each other directly, in
    reading order (a comment by one, a reply by the other, a reply to that, …)."""
    pair = {one, other}
    chains: list[list[Remark]] = []
    for discussion in discussions:
        links: dict[str, str] = {}  # reply path -> parent path, for replies across the pair
        for remark in discussion.remarks:
            parent = discussion.parent_of(remark)
            if (
                parent is not None
                and remark.author in pair
                and parent.author in pair
                and remark.author != parent.author
            ):
                links[remark.path] = parent.path
        root = {path: _first_of_chain(path, links) for path in links}
        groups: dict[str, list[Remark]] = {}
        for remark in discussion.remarks:
            start = root.get(remark.path) or (remark.path if remark.path in root.values() else None)
            if start is not None:
                groups.setdefault(start, []).append(remark)
        chains.extend(groups.values())
    return chains


def _first_of_chain(path: str, links: dict[str, str]) -> str:
    while path in links:
        path = links[path]
    return path
