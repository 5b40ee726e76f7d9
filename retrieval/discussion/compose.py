"""Discussion answers as text: counts, positions, exchanges and reply walks, every quote
attributed to its commenter and cited to its comment.

Plain text (no markup), like the other extractive answers; the renderers escape it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from retrieval.answer.attribution import OPINION_NOTE
from retrieval.answer.types import Answer
from retrieval.discussion.exchanges import Exchange, PersonReplies, Reply
from retrieval.discussion.overview import Overview
from retrieval.discussion.positions import Position, distinctive_words
from retrieval.discussion.quotes import (
    Ledger,
    Quote,
    Scorer,
    content_stems,
    density_scorer,
    overlap_scorer,
    quote,
)
from retrieval.discussion.recognise import Direction
from retrieval.discussion.stance import Stance, pushback_cues
from retrieval.discussion.tree import Discussion, Remark, headcount

MAX_POSITIONS = 4
QUOTES_PER_POSITION = 2
REPLIES_SHOWN = 6
CHAIN_SHOWN = 6
THREADS_SHOWN = 3
PARTICIPANTS_SHOWN = 5
PATHS_LISTED = 8

_VERB: dict[Stance, str] = {
    "pushback": "replied, pushing back:",
    "agrees": "replied, agreeing:",
    "replies": "replied:",
}


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"


def _at(remark: Remark, first: bool = True) -> str:
    """``CHUCKMAN (7.1)``; ``an anonymous reader (4.1)`` within a sentence."""
    who = remark.who if first or remark.author else remark.who.lower()
    return f"{who} ({remark.path})"


def _where(discussions: Sequence[Discussion]) -> str:
    if len(discussions) == 1:
        return discussions[0].label
    named = "; ".join(f"“{d.title or d.source}” ({len(d.remarks)})" for d in discussions)
    return f"{len(discussions)} articles: {named}"


def _paths(remarks: Sequence[Remark]) -> str:
    shown = [r.path for r in remarks[:PATHS_LISTED]]
    more = len(remarks) - len(shown)
    return ", ".join(shown) + (f", … {more} more" if more > 0 else "")


def _pushback_scorer() -> Scorer:
    return lambda sentence: 1.0 if pushback_cues(sentence) else 0.0


def _answer(question: str, lines: list[str], ledger: Ledger) -> Answer:
    hits = tuple(dict.fromkeys(c.hit for c in ledger.citations))
    return Answer(question, "\n".join(lines), True, ledger.citations, hits=hits)


# -- the overview ------------------------------------------------------------------------------
def _headline(overview: Overview) -> str:
    count = headcount(overview.remarks).phrase
    where = _where(overview.discussions)
    if not overview.topic:
        return f"The reader discussion under {where}: {count}."
    if overview.whole:
        return (
            f"What readers say about “{overview.topic}”: the discussion under {where} is about "
            f"it — {count}."
        )
    verb = "addresses" if len(overview.remarks) == 1 else "address"
    return f"What readers say about “{overview.topic}”: {count} under {where} {verb} it."


def _shape(overview: Overview) -> list[str]:
    """Threads and the most active commenters (for the whole discussion)."""
    lines: list[str] = []
    tops = [r for r in overview.remarks if r.parent is None]
    replies = len(overview.remarks) - len(tops)
    lines.append(
        f"{_plural(len(tops), 'top-level comment')} and {_plural(replies, 'reply', 'replies')}."
    )
    threads = []
    for discussion in overview.discussions:
        for top in discussion.tops:
            members = discussion.thread(top.path)
            if len(members) > 1:
                threads.append((top, members))
    threads.sort(key=lambda t: -len(t[1]))
    if threads:
        described = [
            f"comment {top.path} by {top.author or 'an anonymous reader'} "
            f"({headcount(members).phrase})"
            for top, members in threads[:THREADS_SHOWN]
        ]
        lines.append("Most active threads: " + "; ".join(described) + ".")
    counts = Counter(r.author for r in overview.remarks if r.author)
    if counts:
        active = sorted(counts.items(), key=lambda item: (-item[1], item[0].lower()))
        shown = ", ".join(f"{name} ({n})" for name, n in active[:PARTICIPANTS_SHOWN])
        lines.append(f"Most active commenters: {shown}.")
    return lines


def _quoted_members(position: Position, topic: str, ledger: Ledger) -> list[str]:
    wanted = content_stems(" ".join(position.words)) | content_stems(topic)
    score = density_scorer(wanted)
    lines: list[str] = []
    authors: set[str] = set()
    for remark in position.remarks:
        if remark.author is not None and remark.author in authors:
            continue
        lines.append(f"   {_at(remark)}: {ledger.quoted(quote(remark, score))}")
        if remark.author:
            authors.add(remark.author)
        if len(lines) == QUOTES_PER_POSITION:
            break
    return lines


def _positions(overview: Overview, ledger: Ledger) -> list[str]:
    found = list(overview.positions)
    if not found:
        return []
    grouped = [p for p in found if len(p.remarks) > 1]
    shown = grouped[:MAX_POSITIONS]
    if len(shown) < MAX_POSITIONS:
        shown += [p for p in found if len(p.remarks) == 1][: MAX_POSITIONS - len(shown)]
    lines = ["Positions (comments that say alike, largest group first):"]
    for number, position in enumerate(shown, start=1):
        count = headcount(position.remarks).phrase
        label = f"{position.label} — " if position.words else ""
        lines.append(f"{number}. {label}{count} ({_paths(position.remarks)})")
        lines.extend(_quoted_members(position, overview.topic, ledger))
    rest = [p for p in found if p not in shown]
    if rest:
        groups = [p for p in rest if len(p.remarks) > 1]
        single = sum(1 for p in rest if len(p.remarks) == 1)
        parts = []
        if groups:
            parts.append(_plural(len(groups), "smaller group"))
        if single == 1:
            parts.append("1 comment making a point of its own")
        elif single:
            parts.append(f"{single} comments making points of their own")
        lines.append("Also: " + " and ".join(parts) + ".")
    return lines


def exchange_line(exchange: Exchange, ledger: Ledger) -> str:
    """``A (7) said “…” [1]; B (7.1) replied “…” [2]``"""
    replies_text = " ".join(r.remark.text for r in exchange.replies)
    said = quote(exchange.comment, overlap_scorer(content_stems(replies_text)))
    parts = [f"{_at(exchange.comment)} said {ledger.quoted(said)}"]
    for reply in exchange.replies:
        answered = quote(reply.remark, _pushback_scorer() if reply.stance == "pushback" else None)
        parts.append(f"{_at(reply.remark, first=False)} replied {ledger.quoted(answered)}")
    return "- " + "; ".join(parts)


def _exchanges(overview: Overview, ledger: Ledger) -> list[str]:
    if not overview.exchanges:
        return []
    lines = [
        "Exchanges (a comment and the replies that push back on it):"
        if overview.pushback
        else "Exchanges (no reply pushes back; the comments with the most replies):"
    ]
    lines.extend(exchange_line(e, ledger) for e in overview.exchanges)
    return lines


def overview_answer(question: str, overview: Overview, leads: Sequence[Quote] = ()) -> Answer:
    """``leads``: the comments that say what "did anyone suggest …?" asks about, quoted first."""
    ledger = Ledger()
    lines = [_headline(overview)]
    if leads:
        said = "; ".join(f"{_at(q.remark)} wrote {ledger.quoted(q)}" for q in leads)
        lines.insert(0, f"In the comments: {said}.")
    if not overview.topic:
        lines.extend(_shape(overview))
    for section in (_positions(overview, ledger), _exchanges(overview, ledger)):
        if section:
            lines.append("")
            lines.extend(section)
    lines.extend(["", OPINION_NOTE])
    return _answer(question, lines, ledger)


# -- who replied to whom -----------------------------------------------------------------------
def _reply_line(reply: Reply, ledger: Ledger) -> str:
    score = _pushback_scorer() if reply.stance == "pushback" else None
    return (
        f"  {_at(reply.remark)} {_VERB[reply.stance]} {ledger.quoted(quote(reply.remark, score))}"
    )


def _received(found: PersonReplies, ledger: Ledger) -> list[str]:
    person = found.person
    written = _plural(len(found.written), "comment")
    if not found.received:
        lines = [f"Nobody replied to {person}'s {written} ({_paths(found.written)})."]
        for remark in found.written[:QUOTES_PER_POSITION]:
            lines.append(f"- {_at(remark)} said {ledger.quoted(quote(remark))}")
        return lines
    them = "it" if len(found.written) == 1 else "them"
    wrote = f"Replies to {person}: {person} wrote {written} ({_paths(found.written)})"
    single = found.reply_count == 1  # the one reply answers: who and what, in the first line
    if single:
        reply = _reply_line(found.received[0].replies[0], ledger).strip()
        headline = f"{wrote}; 1 reply answers {them}: {reply}"
    else:
        repliers = found.repliers
        who = f" ({', '.join(repliers)})" if repliers else ""
        readers = _plural(len(repliers), "reader") if repliers else "anonymous readers"
        replies = _plural(found.reply_count, "reply", "replies")
        headline = f"{wrote}; {replies} from {readers} answer {them}{who}."
    lines = [headline]
    for exchange in found.received:
        replies_text = " ".join(r.remark.text for r in exchange.replies)
        said = quote(exchange.comment, overlap_scorer(content_stems(replies_text)))
        lines.append(f"- {_at(exchange.comment)} said {ledger.quoted(said)}")
        if not single:
            lines.extend(_reply_line(r, ledger) for r in exchange.replies[:REPLIES_SHOWN])
        hidden = exchange.replies[REPLIES_SHOWN:]
        if hidden:
            lines.append(f"  … and {_plural(len(hidden), 'more reply', 'more replies')}.")
    return lines


def _answered(found: PersonReplies, ledger: Ledger, in_turn: bool) -> list[str]:
    person = found.person
    if not found.answered:
        return (
            []
            if in_turn
            else [f"{person} replied to nobody: all {person}'s comments start threads."]
        )
    people = list(dict.fromkeys(p.who for p, _ in found.answered))
    turn = " in turn" if in_turn else ""
    lines = [f"{person}{turn} replied to {_plural(len(people), 'reader')}:"]
    for parent, reply in found.answered[:REPLIES_SHOWN]:
        said = quote(parent, overlap_scorer(content_stems(reply.text)))
        answered = quote(reply, _pushback_scorer())
        lines.append(
            f"- {_at(parent)} said {ledger.quoted(said)}; "
            f"{_at(reply, first=False)} replied {ledger.quoted(answered)}"
        )
    return lines


def replies_answer(question: str, found: PersonReplies, direction: Direction) -> Answer:
    """Who answered the person ("to"), whom they answered ("from"), or both."""
    ledger = Ledger()
    if direction == "from":
        lines = _answered(found, ledger, in_turn=False)
    else:
        lines = _received(found, ledger)
        if direction == "both":
            lines.extend(_answered(found, ledger, in_turn=True))
    lines.append(OPINION_NOTE)
    return _answer(question, lines, ledger)


def count_answer(question: str, found: PersonReplies, direction: Direction) -> Answer:
    """How many comments the person wrote ("from"), or how many replies they drew ("to")."""
    ledger = Ledger()
    person, written = found.person, found.written
    comments = f"{_plural(len(written), 'comment')} ({_paths(written)})"
    if direction == "to":
        repliers = found.repliers
        who = (
            f" from {_plural(len(repliers), 'reader')} ({', '.join(repliers)})" if repliers else ""
        )
        replies = _plural(found.reply_count, "reply", "replies")
        lines = [f"{person}'s {comments} drew {replies}{who}."]
        if len(written) > 1 and found.received:  # which comment drew how many
            each = [
                f"comment {e.comment.path} drew {_plural(len(e.replies), 'reply', 'replies')}"
                for e in found.received
            ]
            lines[0] += f" Of those, {', '.join(each)}."
        shown = [e.comment for e in found.received]
    else:
        starts = sum(1 for r in written if r.parent is None)
        replies = _plural(len(written) - starts, "reply", "replies")
        threads = f"{starts or 'none'} starting a thread, {replies}"
        lines = [f"{person} wrote {comments}: {threads}."]
        shown = list(written)
    for remark in shown[:QUOTES_PER_POSITION]:
        lines.append(f"- {_at(remark)} said {ledger.quoted(quote(remark))}")
    lines.append(OPINION_NOTE)
    return _answer(question, lines, ledger)


# -- what two people argued about ----------------------------------------------------------------
def between_answer(
    question: str,
    one: str,
    other: str,
    chains: Sequence[Sequence[Remark]],
    background: list[Remark],
) -> Answer:
    ledger = Ledger()
    if not chains:
        text = f"{one} and {other} do not reply to each other in the comments."
        return Answer(question, text, False)
    members = [r for chain in chains for r in chain]
    words = distinctive_words(members, background)
    about = f"; the words that set their exchanges apart: {', '.join(words)}" if words else ""
    lines = [
        f"{one} and {other} answer each other in {_plural(len(chains), 'exchange')} "
        f"({_plural(len(members), 'comment')}){about}."
    ]
    for chain in chains:
        parts: list[str] = []
        previous: Remark | None = None
        for remark in chain[:CHAIN_SHOWN]:
            if previous is None:
                verb = "said"
            elif remark.parent == previous.path:
                verb = "replied"
            else:
                verb = f"replied to {remark.parent}"
            score = overlap_scorer(content_stems(" ".join(words)))
            who = _at(remark, first=previous is None)
            parts.append(f"{who} {verb} {ledger.quoted(quote(remark, score))}")
            previous = remark
        more = len(chain) - CHAIN_SHOWN
        tail = f" (… {_plural(more, 'more comment')})" if more > 0 else ""
        lines.append("- " + "; ".join(parts) + tail)
    lines.append(OPINION_NOTE)
    return _answer(question, lines, ledger)
