"""What a question asks for beyond its words: a named person, article vs comments, and the
kind of thing that answers it (a number, a date, a person, a place, a reason, a quote)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Kind = Literal["article", "comment"]
Expects = Literal["number", "date", "person", "place", "organisation", "reason", "quote", "facts"]

_ARTICLE = re.compile(
    r"\b(the (article|story|report|piece|text|editor'?s? note|author|journalist)|"
    r"article|reported|according to the)\b",
    re.IGNORECASE,
)
_COMMENTS = re.compile(
    r"\b(comments?|commenters?|commented|readers?|repl(y|ies|ied)|responded|thread|"
    r"(people|someone|anyone|anybody) (say|said|claim|think|argue))\b",
    re.IGNORECASE,
)
_REPLY_TO = r"(?:repl(?:y|ies|ied)|respond(?:s|ed)?|answer(?:s|ed)?)\s+(?:to\s+)?"

# The details of a file rather than its content: when, by whom, from where, how many comments.
_FACTS = re.compile(
    r"\b(when was (it|the \w+( \w+)?) (first )?(published|posted|written)|"
    r"publish(ed|ing)? (date|on)|"
    r"date of publication|who (wrote|signed|authored) the editor|"
    r"(which|what) (news )?(agency|wire|outlet|source|site|publication)|credited|byline|"
    r"headline|title of|how many (people|readers|users|commenters|comments|replies)|"
    r"number of (comments|commenters|replies))\b",
    re.IGNORECASE,
)
_EXPECTS: tuple[tuple[Expects, re.Pattern[str]], ...] = (
    ("facts", _FACTS),
    (
        "reason",
        re.compile(
            r"^\W*(why|how come)\b|\b(what|which) (caused|prompted|led to|made|drove|was behind|"
            r"is behind|reason|explanation|blamed)|\breason(s)? (for|why|behind)\b|"
            r"\bwhat (did|does|do) .{0,60}\b(blame|cite)\b|\bblamed? (on|for)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "date",
        re.compile(
            r"^\W*when\b|\b(what|which) (year|date|day|month|decade|season|time)\b|"
            r"\bhow long ago\b|\bsince when\b|\b(in|by) what year\b|"
            r"\bwhen (did|does|is|was|will)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "number",
        re.compile(
            r"\bhow (much|many|big|large|long|old|far|high|fast|often|tall|heavy)\b|"
            r"\b(what|which) (was|is|were|are) the (price|cost|figure|amount|total|number|size|"
            r"value|rate|share|margin|score|percentage|sum|fee)\b|"
            r"\bwhat (percentage|proportion|share|fraction|amount|sum|price|figure|score)\b|"
            r"\bby how much\b|\bhow much\b",
            re.IGNORECASE,
        ),
    ),
    (
        "quote",
        re.compile(
            r"\bwhat (did|does|do|has|have) .{1,80}\b(say|said|tell|told|claim|argue|write|"
            r"wrote|reply|replied|respond|add|warn|think|call)\b|\bwhat was .{0,40}'?s? "
            r"(response|reaction|comment|view|message)\b|\breact(ed)? to\b|\bhow did .{1,60} "
            r"(react|respond|describe)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "person",
        re.compile(
            r"^\W*(who|whom)\b|\bwho (is|was|were|are|will|would|has|had|did|does|won|said|"
            r"replied|wrote|led|leads|runs|ran)\b|\bwhose\b|\b(which|what) (man|woman|person|"
            r"player|minister|politician|actor|actress|singer|star|director|manager|coach|boss|"
            r"executive|chief|official|leader|commenter|reader|spokesman|spokeswoman|judge|"
            r"author|writer|presenter|chairman|captain|winner|economist|analyst)\b|"
            r"\bname (of )?the\b",
            re.IGNORECASE,
        ),
    ),
    (
        "place",
        re.compile(
            r"^\W*where\b|\bwhere (is|was|were|are|did|does|do|will|would|has|had)\b|"
            r"\b(which|what) (country|countries|city|cities|town|region|state|nation|venue|"
            r"stadium|island|continent|capital|market|markets|county|ground)\b|\bin which\b",
            re.IGNORECASE,
        ),
    ),
    (
        "organisation",
        re.compile(
            r"\b(which|what) (company|companies|firm|firms|club|team|group|agency|bank|"
            r"organisation|organization|party|network|channel|broadcaster|carrier|airline|"
            r"newspaper|paper|label|studio|band|body|union|regulator|operator|retailer|"
            r"maker|manufacturer|brand|business|institution|charity|court|committee|side|"
            r"station|publisher|magazine|website|service|giant|rival|chain|supplier)\b",
            re.IGNORECASE,
        ),
    ),
)


@dataclass(frozen=True)
class QueryIntent:
    author: str | None = None  # the question is about what this person wrote
    replied_to: str | None = None  # the question is about replies to this person
    kind: Kind | None = None
    expects: Expects | None = None  # what kind of thing answers it


def expects(question: str) -> Expects | None:
    """The kind of thing the question asks for, if it says."""
    for name, pattern in _EXPECTS:
        if pattern.search(question):
            return name
    return None


_SPAN_WORD = re.compile(r"\S+")
_EDGE = "\"“”‘’'?!.,;:()[]"
MAX_NAME_WORDS = 5


def _name_spans(question: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of every run of up to five words, without edge punctuation or a
    possessive "'s", longest first."""
    words = [(m.start(), m.end()) for m in _SPAN_WORD.finditer(question)]
    spans: list[tuple[int, int, str]] = []
    for size in range(min(MAX_NAME_WORDS, len(words)), 0, -1):
        for i in range(len(words) - size + 1):
            start, end = words[i][0], words[i + size - 1][1]
            text = question[start:end]
            while text and text[0] in _EDGE:
                text, start = text[1:], start + 1
            for suffix in ("'s", "’s"):
                if text.endswith(suffix):
                    text = text[: -len(suffix)]
            text = text.rstrip(_EDGE)
            if text:
                spans.append((start, start + len(text), text))
    return spans


def find_names(question: str, spelling: Callable[[str], str | None]) -> list[tuple[int, str]]:
    """Known names in the question as (position, name as the corpus spells it), in order.

    ``spelling`` returns the corpus's spelling of a name it knows (case-insensitive), or None.
    Names shorter than three characters must match case exactly.
    """
    taken: list[range] = []
    found: list[tuple[int, str]] = []
    for start, end, text in _name_spans(question):
        if any(start < r.stop and r.start < end for r in taken):
            continue
        name = spelling(text)
        if name is None or (len(name) < 3 and name != text):
            continue
        found.append((start, name))
        taken.append(range(start, end))
    return sorted(found)


def analyse(question: str, spelling: Callable[[str], str | None]) -> QueryIntent:
    """Find a known author's name and the kind of passage the question favours."""
    names = find_names(question, spelling)
    author: str | None = None
    replied_to: str | None = None
    for position, name in names:
        before = question[:position]
        if replied_to is None and re.search(_REPLY_TO + r"$", before, re.IGNORECASE):
            replied_to = name
        elif author is None:
            author = name
        elif replied_to is None:
            replied_to = name  # "what did Canosin say to CHUCKMAN"
    kind: Kind | None = None
    comments = _COMMENTS.search(question)
    if names or comments:
        kind = "comment"
    if _ARTICLE.search(question) and not (names or comments):
        kind = "article"
    return QueryIntent(author=author, replied_to=replied_to, kind=kind, expects=expects(question))
