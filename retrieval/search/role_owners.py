"""Whose role a "who" question asks for, and a text that names only another body's holder.

"Who is the chief executive of the toffee maker Tillingham's?" asks for Tillingham's chief
executive; a story of the bid for it names the bidder's ("Oakhaven chief executive Dwight
Hollister said the bid was full and fair"), which is no answer. A sentence naming the role
without a body ("its chief executive, …", "the chief executive, …") or with the one asked
about ("Tillingham's chief executive") may be; one naming it only after another body's name
is not.
"""

from __future__ import annotations

import re
from functools import lru_cache

from retrieval.lexical.tokens import QUESTION_STOPWORDS, stems, words

_ROLE = (
    r"chief executive|managing director|finance director|chairman|chairwoman|chief operating "
    r"officer|general secretary|president|head coach|manager"
)
_NAME_RUN = r"[A-Z][\w'’&.-]*(?:\s+(?:of\s+|&\s+)?[A-Z][\w'’&.-]*)*"
# "who is Tillingham's chief executive", "who is the Blackwater chairman"
_OWNER_BEFORE = re.compile(
    rf"\b(?i:who\s+(?:is|was|are|were)\s+(?:the\s+)?)(?P<owner>{_NAME_RUN})\s+"
    rf"(?P<role>(?i:{_ROLE}))\b"
)
# "who is the chief executive of (the toffee maker) Tillingham's"
_OWNER_AFTER = re.compile(
    rf"\b(?i:who\s+(?:is|was|are|were)\s+(?:the\s+)?)(?P<role>(?i:{_ROLE}))\s+(?:of|at)\s+"
    rf"(?:the\s+)?"
    rf"(?:[a-z][\w'’-]*\s+){{0,3}}?(?P<owner>{_NAME_RUN})"
)
_POSSESSIVE = re.compile(r"['’]s?$")


@lru_cache(maxsize=1024)
def role_owner_asked(question: str) -> tuple[str, str] | None:
    """The role a "who is the … of …" question asks for and the name of the body it asks
    about, as typed ("chief executive", "Tillingham's"), if it asks so."""
    found = _OWNER_BEFORE.search(question) or _OWNER_AFTER.search(question)
    if found is None:
        return None
    return found.group("role").lower(), found.group("owner")


def only_others_role(text: str, role: str, owner: str) -> bool:
    """Every time the text names ``role`` it does so after the name of another body than
    ``owner`` ("Oakhaven chief executive …" for Tillingham's); False when it never names the
    role (the story may call it otherwise) or names it alone or with ``owner``."""
    asked = _stems(owner)
    found = list(re.finditer(rf"\b{re.escape(role)}\b", text, re.IGNORECASE))
    if not found:
        return False
    return all(_another_body(text[: m.start()], asked, owner) for m in found)


def _another_body(before: str, asked: frozenset[str], owner: str) -> bool:
    """The text before a role ends with the name of a body other than the one asked about."""
    run = re.search(rf"(?:^|[^\w'’])({_NAME_RUN})\s*$", before)
    if run is None:
        return False
    name = run.group(1)
    named = _stems(name)  # (none for "The", "Its": the role alone)
    if not named or named & asked:
        return False
    initials = "".join(w[0] for w in _POSSESSIVE.sub("", name).split()).lower()
    return initials != _POSSESSIVE.sub("", owner).lower()


def _stems(name: str) -> frozenset[str]:
    return frozenset(stems(words(_POSSESSIVE.sub("", name)), QUESTION_STOPWORDS))
