"""The "article details" passage: what the parser keeps out of the paragraphs (title, dates,
credited source, byline, the editor's note's signature) and the size of the discussion, in
plain sentences, so "when was it published?" or "how many people commented?" can be answered
and cited like any other passage."""

from __future__ import annotations

import re
from collections import Counter

from retrieval.documents import ParsedDocument

MOST_ACTIVE = 3  # the "most active" line names at least this many commenters (whole ties)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# The details line ``comment_sentence`` writes, as it reads in a stored passage
COMMENT_LINE = re.compile(r"^It has \d[\d,]* reader comments?\b.*$", re.MULTILINE)


def comment_sentence(doc: ParsedDocument) -> str:
    comments = doc.comments
    if not comments:
        return ""
    named = {c.author for c in comments if c.author}
    anonymous = sum(1 for c in comments if not c.author)
    threads = sum(1 for c in comments if c.parent_path is None)
    replies = len(comments) - threads
    who = (
        f" from {_plural(len(named), 'different named commenter')}"
        if named
        else ", all of them anonymous"
    )
    if named and anonymous:
        who += f" ({anonymous} anonymous)"
    return (
        f"It has {_plural(len(comments), 'reader comment')}{who}: "
        f"{_plural(threads, 'top-level comment')} and {_plural(replies, 'reply')}."
    ).replace("replys", "replies")


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"


def most_active_sentence(doc: ParsedDocument) -> str:
    """ "Its most active commenters were Joe and Ilya (5 comments each), then CHUCKMAN (3
    comments)." — the named commenters who wrote more than one comment, most first, whole
    ties at a time until ``MOST_ACTIVE`` are named (in order of their first comment)."""
    counts = Counter(c.author for c in doc.comments if c.author)
    groups: dict[int, list[str]] = {}
    for name, n in counts.items():  # insertion order: first comment first
        if n > 1:
            groups.setdefault(n, []).append(name)
    parts: list[str] = []
    named = 0
    for n in sorted(groups, reverse=True):
        if named >= MOST_ACTIVE:
            break
        names = groups[n]
        each = " each" if len(names) > 1 else ""
        parts.append(f"{_names(names)} ({_plural(n, 'comment')}{each})")
        named += len(names)
    if not parts:
        return ""
    lead = "commenters were" if len(groups[max(groups)]) > 1 else "commenter was"
    return f"Its most active {lead} {', then '.join(parts)}."


# The page's own furniture among the lines kept out of the paragraphs: no reader asks about it
_CHROME = re.compile(
    r"\b(?:leave a (?:reply|comment)|e-?mail address|required fields?|log ?in|sign ?in|"
    r"sign ?up|subscribe|cookies?|newsletter|read (?:the )?full policy|comment policy|"
    r"share this|follow us)\b",
    re.IGNORECASE,
)
NOTICE_MIN_WORDS = 5
NOTICES_MAX = 5  # a page's furniture the patterns miss stays short


def notice_lines(doc: ParsedDocument) -> list[str]:
    """The notices the page carries outside the story (a disclaimer, who funds the editor's
    notes), one line each, quoted: "who owns the content?" is answered from them."""
    notices = [
        f"A notice on the page reads: “{line.strip()}”"
        for line in doc.boilerplate
        if len(line.split()) >= NOTICE_MIN_WORDS and not _CHROME.search(line)
    ]
    return notices[:NOTICES_MAX]


def facts_text(doc: ParsedDocument) -> str:
    """The details passage of one file ("" when there is nothing beyond the title)."""
    meta = doc.metadata
    lines: list[str] = []
    if doc.title:
        lines.append(f"Title: “{doc.title}”.")
    if meta.get("published"):
        lines.append(f"It was first published on {meta['published']}.")
    if meta.get("credit"):
        lines.append(f"Its source is credited as {meta['credit']}.")
    if meta.get("byline"):
        lines.append(f"Its byline reads: {meta['byline']}.")
    signers = sorted({p.author for p in doc.paragraphs if p.section == "editor_note" and p.author})
    if signers:
        lines.append(f"The editor's note was written by {' and '.join(signers)}.")
    elif any(p.section == "editor_note" for p in doc.paragraphs):
        lines.append("It carries an unsigned editor's note.")
    discussion = comment_sentence(doc)
    if discussion:
        lines.append(discussion)
    if active := most_active_sentence(doc):
        lines.append(active)
    lines += notice_lines(doc)
    if len(lines) <= 1:  # a title alone adds nothing the article passages lack
        return ""
    return "\n".join(lines)
