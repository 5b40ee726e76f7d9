"""Whose words a question asks for by name ("what did Michael Howard say …", "how did North
Korea react …"), and whether a passage reports any of theirs."""

from __future__ import annotations

import re
from collections.abc import Sequence

from retrieval.lexical.tokens import QUESTION_STOPWORDS, stems, words
from retrieval.search.features import Candidate, Question, forenames, paragraph_beside
from retrieval.search.speaker_roles import (
    QUOTED,
    ROLE_NEAR_NAME,
    speaker_roles_asked,
    speaking_names,
    speaks_in_role,
)

# Whose words a question asks for, by name: "what did Michael Howard say …", "how did North
# Korea react …", "what statement did China's foreign ministry put out …", "did X comment …"
_SPEAKER_ASKED = re.compile(
    r"\bwhat (?:did|does|do|has|have|had) (?P<a>.{1,60}?) (?:say|said|tell|told|claim|argue|"
    r"write|wrote|reply|replied|respond|add|warn|think|make of|made of)\b|"
    r"\bhow (?:did|does|do|has|have) (?P<b>.{1,60}?) (?:react|respond|reply|answer)|"
    r"\bwhat (?:statement|comment|response|reaction|message) (?:did|does|has|have) "
    r"(?P<c>.{1,60}?) (?:put out|issue|make|give|release|publish|send)|"
    r"\b(?:did|has|have) (?P<d>.{1,60}?) (?:comment|respond|react|reply)\b|"
    r"\bwhat was (?P<e>.{1,40}?)['’]s? (?:response|reaction|comment|message|statement)\b",
    re.IGNORECASE,
)
# … and a reason in someone's words: "why did Gordon Lisvane say …", "why, according to Ogilvie,
# …" (for what else "according to" someone asks, their words may be told in a paragraph that
# names them as "the lawmakers"; a reason asked is theirs)
_REASON_SPEAKER = re.compile(
    r"\bwhy (?:did|does|do|has|have|had) (?P<f>.{1,60}?) (?:say|said|think|believe|argue|"
    r"claim|feel|insist)\b|"
    r"\baccording to (?P<g>[^,?;]{1,60}?)(?=[,?;]|\s*$)",
    re.IGNORECASE,
)


def _speaker_slot(question: Question) -> re.Match[str] | None:
    """Where the question names the one whose words it asks for."""
    found = _SPEAKER_ASKED.search(question.text)
    if found is None and question.intent.expects == "reason":
        found = _REASON_SPEAKER.search(question.text)
    return found


# A sentence that reports someone's words or reaction
_SPEECH = re.compile(
    r"\b(?:say|says|said|saying|tell|tells|told|warn\w*|add|adds|added|state[sd]?|statement|"
    r"call(?:s|ed)?|describ\w+|accus\w+|urg\w+|claim\w*|insist\w*|argu\w+|respon\w+|"
    r"react\w*|comment\w*|announc\w+|quot\w+|according to|spokes\w+|condemn\w*|"
    r"welcom\w+|criticis\w+|criticiz\w+|den(?:y|ies|ied)|vow\w*|promis\w+|speak\w*|spoke|"
    r"attribut\w+|blam\w+|explain\w*|acknowledg\w+|admit\w*|note[sd]?|express\w*|"
    r"stress\w*|suggest\w*|predict\w*|believ\w+|think\w*|thought|reckon\w*|"
    r"conced\w+|confirm\w*|reveal\w*|recall\w*|pledg\w+|"
    r"interview\w*|wrote|writ\w+|tweet\w*|remark\w*|repl\w+|answer\w*|"
    r"dismiss\w*|reject\w*|agree\w*|disagree\w*|prais\w+|thank\w*|apologi[sz]\w+)\b",
    re.IGNORECASE,
)
# … by someone a role may stand for ("a foreign ministry spokesman said") …
_ROLE = re.compile(
    r"\b(?:spokes\w+|official\w*|representative\w*|minister\w*|ministry|government|"
    r"agency|media)\b",
    re.IGNORECASE,
)
# … or a pronoun as the one who speaks ("she said", "he later told", "said he"; not the "it"
# of "had loved it"): the one a paragraph opens with may be named in the paragraph before (not
# one inside the quoted words: the "we" of "the principles we pursue," Jeong Eun-bo told…)
_PRONOUN_SPEAKS = re.compile(
    rf"\b(?:he|she|they|it|we|i)\s+(?:[a-z]+\s+){{0,2}}?{_SPEECH.pattern}|"
    rf"{_SPEECH.pattern}\s+(?:he|she|they)\b",
    re.IGNORECASE,
)
# Someone else named as the one speaking ("Ms Venning admitted", "Faizal Adams, said"): a
# pronoun after it stands for them
_OTHER_SPEAKS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady|Professor|Prof)\.?\s+[A-Z][\w'’-]+|"
    r"\b[A-Z][a-z]+\s+[A-Z][\w'’-]+),?\s+(?:[a-z]+\s+)?" + _SPEECH.pattern
)
_COMPASS = frozenset("north south east west".split())
# Whose words a story tells are not a speaker's: "what did the Reuters piece say …"
_WRITTEN_WORK = re.compile(
    r"\b(?:article|story|piece|report|item|version|editorial|column|blog|paper|newspaper|"
    r"book|film|movie|song|album|statement|document|letter|study|survey|research|figure|"
    r"data|poll|list|index|estimate|forecast|ranking|census|website|site|records?)s?\W*$",
    re.IGNORECASE,
)
# The capitalised words a speaker's description opens with, after "the" or "ex-"
_LEADING_NAME = re.compile(r"(?:(?:the|a|an)\s+)?(?:ex-|former\s+)?((?:[A-Z][\w'’.-]*\s*)+)")
# … or ends with, after a role, not after a preposition ("lawmakers in Seoul")
_TRAILING_NAME = re.compile(
    r"\b(?!(?:in|at|of|from|for|on|near|outside|inside|across)\b)[a-z][\w-]*\s+"
    r"((?:[A-Z][\w'’.-]*\s*)+)$"
)
# The role of someone named after what they work for: "the film's executive producer"
_ROLE_OF = re.compile(r"['’]s?\s+(?:[a-z][\w-]*\s+){0,3}([a-z][\w-]*)\W*$")
# … or after the place or body a name says they belong to: "the Hexley butcher" is the
# butcher ("Butcher Lorna Beckwith said …"), not anyone called Hexley
_ROLE_AFTER_NAME = re.compile(
    r"^(?:(?:the|a|an)\s+)?(?:[A-Z][\w'’.-]*\s+)+(?:[a-z][\w-]*\s+){0,2}([a-z][\w-]*)\W*$"
)


def reports_speech(text: str) -> bool:
    """The text tells of something said ("said", "told", "warned", "according to", …)."""
    return bool(_SPEECH.search(text))


def speaker_asked(question: Question) -> tuple[str, ...]:
    """The words of the name whose words or reaction the question asks for (the capitalised
    words that pin it down, in the slot of the one who speaks), none when it names no one so."""
    match = _speaker_slot(question)
    if match is None or question.intent.author or question.intent.replied_to:
        return ()
    who = next(g for g in match.groups() if g is not None)
    if _WRITTEN_WORK.search(who):
        return ()  # "what did the Reuters piece say …": the story's words
    # the name the description ends with ("ex-MTV presenter Adam Curry") or else opens with
    # ("North Korea's state media"), not a place that says which of them ("ruling party
    # lawmakers in Seoul")
    named = _TRAILING_NAME.search(who) or _LEADING_NAME.match(who)
    if named is None:
        return ()
    found = [re.sub(r"['’]s?$", "", w) for w in named.group(1).split()]
    return tuple(w for w in found if _pins(question, w))


def _pins(question: Question, word: str) -> bool:
    """The word is one of the question's names (not a title, not "which")."""
    stemmed = stems(words(word), QUESTION_STOPWORDS)
    return bool(stemmed) and set(stemmed) <= question.specific


_REFLEXIVE = frozenset("himself herself themselves itself themself".split())


def speaker_role(question: Question) -> frozenset[str]:
    """The stem of the role a "what did X's spokesman say" or "what did the Hexley butcher
    say" question gives its speaker."""
    match = _speaker_slot(question)
    if match is None:
        return frozenset()
    who = next(g for g in match.groups() if g is not None)
    role = _ROLE_OF.search(who) or _ROLE_AFTER_NAME.match(who)
    if role is None or role.group(1).lower() in _REFLEXIVE:
        return frozenset()  # "Ryan Moatsi himself" names no role
    return frozenset(stems(words(role.group(1)), QUESTION_STOPWORDS))


# Someone a named person's relation makes another person ("what did Kieran Dowsett's father
# say?"): words by the named one, or by his mother, are not the father's (a spokesman or a
# ministry speaks for the one it belongs to)
_RELATIONS = frozenset(
    stems(
        words(
            "father mother parents wife husband son daughter brother sister widow widower "
            "partner girlfriend boyfriend fiancee fiance family relatives lawyer solicitor "
            "barrister friend neighbour uncle aunt grandmother grandfather"
        ),
        QUESTION_STOPWORDS,
    )
)


def _relation_speaks(question: Question) -> bool:
    """The question asks for the words of a named person's relation ("X's father")."""
    match = _speaker_slot(question)
    if match is None:
        return False
    role = _ROLE_OF.search(next(g for g in match.groups() if g is not None))
    return role is not None and bool(
        _RELATIONS & set(stems(words(role.group(1)), QUESTION_STOPWORDS))
    )


def _as_written(word: str) -> str:
    """A pattern for a word of a name: an abbreviation with or without its full stops ("US"
    is "U.S." in a Reuters story, "UN" "U.N."), in capitals (not the "us" of "told us")."""
    if word.isupper() and 2 <= len(word) <= 4 and word.isalpha():
        return "(?-i:" + r"\.?".join(map(re.escape, word)) + r"\.?)"
    return re.escape(word)


def _stem(word: str) -> str:
    stemmed = stems(words(word), QUESTION_STOPWORDS)
    return stemmed[0] if stemmed else word.lower()


def _introduced_as(name: str, text: str, said_by: re.Pattern[str], role: frozenset[str]) -> bool:
    """The text introduces ``name`` (a surname that speaks: "Esper said") with the speaker's
    name or role a few words from it ("U.S. Defense Secretary Mark Esper", for "the US defence
    secretary")."""
    for match in re.finditer(rf"\b{re.escape(name)}\b", text):
        # (within its paragraph)
        before = text[max(0, match.start() - 80) : match.start()].rsplit("\n", 1)[-1]
        after = text[match.end() : match.end() + 80].split("\n", 1)[0]
        near = " ".join([*before.split()[-ROLE_NEAR_NAME:], *after.split()[:ROLE_NEAR_NAME]])
        if said_by.search(near) or role & set(stems(words(near), QUESTION_STOPWORDS)):
            return True
    return False


def speaker_silent(
    question: Question, candidate: Candidate, passages: Sequence[Candidate] = ()
) -> bool:
    """The question asks what someone it names said or how they reacted, and no sentence of
    the passage, an article's, reports words by them: by name, by a role that may stand for
    them, or by a pronoun once they are named (in the passage, or in the paragraph before it
    among ``passages``; taken as named when that paragraph is not at hand). "How did North
    Korea react to the breakdown?" is not answered by "… a buffer against North Korean
    aggression", nor by what a South Korean negotiator said."""
    speaker = speaker_asked(question)
    if not speaker or candidate.meta.get("kind") != "article":
        return False
    if speaks_in_role(speaker_roles_asked(question.text), candidate):
        return False  # "the Skelmoor committee's chair": "Committee chairman … said"
    # a name is written by its last word ("Mr Howard" is Michael Howard), but a compass
    # point is part of it ("South Korea" is not North Korea); a forename alone will do too
    # (the asker may misspell the rest: "Kim Hongkyun")
    first = forenames(question.text)
    forename = {w for w in speaker if _stem(w) in first and _stem(w) not in _COMPASS}
    written = [w for w in speaker if w not in forename]  # as written: "North Korean" is not it
    if _relation_speaks(question):  # "Kieran Dowsett's father": only the father is him
        forename, written = set(), []
    # a person's name before "'s" is not them speaking ("Moatsi's agent, Faizal Adams, said")
    owned = r"(?!['’]s\b)" if forename else ""
    said_by = re.compile(
        r"(?<!\w)" + r"\s+".join(map(_as_written, written)) + r"(?!\w)" + owned
        if written
        else r"(?!)",
        re.IGNORECASE,
    )
    given = frozenset(_stem(w) for w in forename)
    role = speaker_role(question)
    before = paragraph_beside(candidate, passages, -1)
    named_before = before is None or bool(
        said_by.search(before.body) or (given | role) & before.stems
    )
    introductions = f"{before.body if before else ''}\n{candidate.body}"
    for sentence in candidate.sentences:
        text = candidate.body[sentence.start : sentence.end]
        told = QUOTED.sub(" ", text)  # (a name inside the quoted words is not who speaks)
        named = bool(
            said_by.search(told)
            or (given and given & set(stems(words(told), QUESTION_STOPWORDS)))
            or role & sentence.stems
            or any(
                _introduced_as(name, introductions, said_by, role) for name in speaking_names(told)
            )
        )
        if _SPEECH.search(text) and (
            named or _ROLE.search(text) or (_PRONOUN_SPEAKS.search(told) and named_before)
        ):
            return False
        if named:
            named_before = True
        elif _OTHER_SPEAKS.search(told):
            named_before = False  # "Ms Venning admitted …": her "she said" is not theirs
    return True
