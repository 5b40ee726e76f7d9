"""Whose words a question asks for by their role alone, and which passage reports them.

"According to Tallenbridge's chairman, what was to blame?", "what did the budget airline's boss
say would happen …?", "what did the head of the judging panel call the novel?": the speaker is
named only by what they are, in the asker's words, and the story introduces them in its own
("Chairman Alastair Brinscombe said", "Jetwyn chief executive Magnus Hedderwick said", "The
chairman of the judges, the critic Hester Quenby, said"). The cross-encoder reads the quote's
topic far more than whose words they are, and puts another speaker's paragraph first; a
passage in which someone of the role asked for speaks is moved before it (``speaks_in_role``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from retrieval.lexical.tokens import QUESTION_STOPWORDS, stems, words
from retrieval.search.features import Candidate, Question, Sentence, paragraph_beside

# Roles by the words either the asker or the story may call them
_ROLES: dict[str, tuple[str, ...]] = {
    "chair": ("chair", "chairman", "chairwoman", "chairperson", "convener", "president"),
    "boss": ("boss", "chief executive", "managing director", "chief", "ceo", "executive"),
    "analyst": ("analyst", "specialist", "expert", "strategist", "economist", "broker"),
    "captain": ("captain", "skipper"),
    "curator": ("curator", "keeper"),
    "coach": ("coach", "manager", "trainer"),
    "lawyer": ("lawyer", "solicitor", "barrister", "counsel", "legal representative"),
    "spokesperson": ("spokesman", "spokeswoman", "spokesperson"),
    "director": ("director",),
    "leader": ("leader",),
    "head": ("head", "headteacher", "head teacher", "headmaster", "headmistress"),
}
# What the asker may call a role the story names otherwise: the head or leader of a panel,
# a hearing or a group is its chair, the boss of a firm its chief executive
_ASKED_AS: dict[str, tuple[str, ...]] = {
    "head": ("chair", "head", "director", "boss"),
    "leader": ("chair", "leader", "head"),
    "boss": ("boss", "director"),
    "specialist": ("analyst",),
}
_WORDS = {word: role for role, names in _ROLES.items() for word in names}
_ROLE_WORD = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True)) + r")s?\b",
    re.IGNORECASE,
)
# Whose words: "what did <who> say/warn/…", "according to <who>,", "how did <who> react"
_WHO = re.compile(
    r"\bwhat (?:[a-z]+ ){0,2}?(?:did|does|do|has|have|had) (?P<a>.{1,60}?) "
    r"(?:say|said|tell|told|claim|argue|"
    r"write|wrote|reply|replied|respond|add|warn|think|fear|call|identify|predict|promise|"
    r"believe|make of|made of|describe)\b|"
    r"\baccording to (?P<b>[^,?;]{1,60}?)(?=[,?;]|\s*$)|"
    r"\b(?:does|did|do) (?P<c>.{1,60}?) (?:believe|think|say|fear|feel)\b",
    re.IGNORECASE,
)
# A description that ends with a name asks for that person ("chief executive Magnus
# Hedderwick"), by name (``speakers``)
_NAMED = re.compile(r"\b[A-Z][\w'’.-]*\s*$")
# The story's own speaking: "… said", "… told", "… warned"
_SAID = re.compile(
    r"\b(?:said|says|told|tells|warned|added|argued|claimed|insisted|described|called)\b",
    re.IGNORECASE,
)
# Someone's words as quoted, within one pair of double quotation marks
QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"")


@lru_cache(maxsize=1024)
def speaker_roles_asked(question: str) -> frozenset[str]:
    """The roles the one whose words the question asks for may be written as in a story, when
    the question gives their role and no name ("the broker's retail specialist": analyst)."""
    who = _described(question)
    if who is None:
        return frozenset()
    found = [m.group(1).lower() for m in _ROLE_WORD.finditer(who)]
    if not found:
        return frozenset()
    last = found[-1]  # the role itself, not what it heads ("head of the judging panel")
    return frozenset(_ASKED_AS.get(last, (_WORDS[last],)))


def _described(question: str) -> str | None:
    """How the question describes the one whose words it asks for, unless by name."""
    match = _WHO.search(question)
    if match is None:
        return None
    who = next(g for g in match.groups() if g is not None)
    return None if _NAMED.search(who) else who


@lru_cache(maxsize=1024)
def _description_stems(question: str) -> frozenset[str]:
    """The words of the speaker's description besides their role ("the Skelmoor committee's
    chair": skelmoor, committe), which say which of several such speakers it is."""
    who = _described(question) or ""
    return frozenset(stems(words(_ROLE_WORD.sub(" ", who)), QUESTION_STOPWORDS))


def speaks_in_role(roles: frozenset[str], candidate: Candidate) -> bool:
    """A sentence of the passage reports the words of someone it calls by one of ``roles``
    (outside what they are quoted saying): "Committee chairman Councillor Deirdre Pennycook
    said", "Caspar Wendlebury, retail analyst at Hanbury Lisle Securities, said"."""
    return _role_sentence(roles, candidate) is not None


def _role_sentence(roles: frozenset[str], candidate: Candidate) -> Sentence | None:
    if not roles or candidate.meta.get("kind") != "article":
        return None
    for sentence in candidate.sentences:
        text = QUOTED.sub(" ", candidate.body[sentence.start : sentence.end])
        if not _SAID.search(text):
            continue
        for match in _ROLE_WORD.finditer(text):
            word = match.group(1).lower()
            if _WORDS[word] in roles and not _heads_another(text, match):
                return sentence
    return None


def _heads_another(text: str, match: re.Match[str]) -> bool:
    """ "head coach": the role is the coach's, not a head's."""
    return match.group(1).lower() == "head" and bool(
        re.match(r"\s+(?:coach|teacher)", text[match.end() :])
    )


# Words reported by "he" or "she" (of someone named in the paragraph before) …
_BY_PRONOUN = re.compile(r"\b(?:he|she|they)\s+(?:said|says|added|told|warned)\b", re.IGNORECASE)
# … or by someone the passage calls by name ("Mr Svanberg, however, warned", "said Mr Macklin")
_BY_NAME = re.compile(
    r"\b([A-Z][\w'’-]+)(?:,[^,]{1,40},)?\s+(?:said|says|told|added|warned|argued|insisted)\b|"
    r"\b(?:said|says|added|warned)\s+(?:Mr|Mrs|Ms|Dr|Prof)?\.?\s*(?:[A-Z][\w'’-]+\s+)?"
    r"([A-Z][\w'’-]+)"
)
# (not a sentence's pronoun or its opening word: "He said", "The firm said")
_NOT_NAMES = frozenset("He She They It We I You This That These Those There The A An".split())
# Words between a name and the role that introduces it ("Tony Macklin, spokesman for …", "U.S.
# Defense Secretary Mark Esper")
ROLE_NEAR_NAME = 6


def speaking_names(text: str) -> set[str]:
    """The names (one word each: "Svanberg", "Macklin") the text says speak ("Mr Svanberg,
    however, warned", "said Mr Macklin"), not a pronoun nor a sentence's opening word."""
    return {n for m in _BY_NAME.finditer(text) for n in m.groups() if n and n not in _NOT_NAMES}


def _speaks_on(candidate: Candidate, passages: Sequence[Candidate], roles: frozenset[str]) -> bool:
    """The passage reports the words of someone of the role, introduced elsewhere in the story
    ("'The typical victim thinks …,' he said", after a paragraph introducing "Tessaline's chief
    technology officer"; "Mr Svanberg, however, warned …" of the story's "chief executive
    Carl-Henric Svanberg")."""
    text = QUOTED.sub(" ", candidate.body)
    names = speaking_names(text)
    story = [
        p
        for p in passages
        if p.meta.get("source") == candidate.meta.get("source") and p.meta.get("kind") == "article"
    ]
    if names and any(_introduced_in_role(name, p.body, roles) for name in names for p in story):
        return True
    if not _BY_PRONOUN.search(text):
        return False
    before = paragraph_beside(candidate, passages, -1)
    return before is not None and speaks_in_role(roles, before)


def _introduced_in_role(name: str, text: str, roles: frozenset[str]) -> bool:
    """The text calls the person ``name`` by one of ``roles``, a few words from the name."""
    for match in re.finditer(rf"\b{re.escape(name)}\b", text):
        near = text[max(0, match.start() - 60) : match.end() + 60].split()
        here = len(text[max(0, match.start() - 60) : match.start()].split())
        window = " ".join(near[max(0, here - ROLE_NEAR_NAME) : here + ROLE_NEAR_NAME + 1])
        if any(_WORDS[m.group(1).lower()] in roles for m in _ROLE_WORD.finditer(window)):
            return True
    return False


def role_speaker_first(
    question: Question, chosen: list[Candidate], lead: int, passages: Sequence[Candidate]
) -> list[Candidate]:
    """For a question asking the words of someone named by role alone, unless the first passage
    reports such a speaker's words (or goes on with those of one introduced in the paragraph
    before, among ``passages``): of the best ``lead`` passages in which someone of that role
    speaks, those of the first one's story, the one whose speaker is described most as the
    question describes them ("Committee chairman …" for "the Skelmoor committee's chair", not
    the action group's "Its chairman, …") comes first (the first of equals)."""
    roles = speaker_roles_asked(question.text)
    if not roles or not chosen:
        return chosen
    if speaks_in_role(roles, chosen[0]) or _speaks_on(chosen[0], passages, roles):
        return chosen
    described = _description_stems(question.text)
    best, best_score = None, -1
    story = chosen[0].meta.get("source")
    for index, c in enumerate(chosen[:lead]):
        if c.meta.get("source") != story:
            continue  # another story's speaker of that role is no nearer the one asked about
        sentence = _role_sentence(roles, c)
        if sentence is None:
            continue
        score = len(described & sentence.stems)
        if score > best_score:
            best, best_score = index, score
    if best is None or best == 0:
        return chosen
    moved, first = chosen[best], chosen[0]
    if first.relevance is not None:
        # the story asked about is the same: it answers as well as that story's best reading
        # (for the gate: the cross-encoder reads the topic, not whose words they are)
        moved.relevance = max(moved.relevance or first.relevance, first.relevance)
    return [moved, *chosen[:best], *chosen[best + 1 :]]
