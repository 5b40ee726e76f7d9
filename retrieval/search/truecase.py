"""Names in a question typed in lower case: "what did kim jong un say", "how many troops in
germany". The question's names and numbers a story lacks are found by their capitals
(``features.specific_terms``), so a lower-case word the candidate passages write only with a
capital, and never at the start of a sentence, is given its capital back; unless they write it
only before another capitalised word ("Budge Pountney") and the question does not name it next
to another name ("refused to budge"). A word the archive never holds, next to a part of a
person's name ("jong" after the "Kim" of "Kim Hong-kyun"), is part of that name, as it is when
typed in capitals."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from itertools import pairwise

from retrieval.lexical.tokens import QUESTION_STOPWORDS, stems
from retrieval.search.countries import countries_in
from retrieval.search.unnamed import asked_noun

_LOWER_WORD = re.compile(r"\b[a-z]{3,}\b")
_NAME_PART = re.compile(r"\b[a-z]{2,}\b")  # "un" of "kim jong un"
_NEXT_CAPITAL = re.compile(r"[ -][A-Z]")  # "Kim| Hong-kyun", "Jeong| Eun-bo"
_CAPITAL_BEFORE = re.compile(r"[A-Z][\w'’]*[ -]\Z")  # "President |Moon"
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an) \Z", re.IGNORECASE)
_MID_SENTENCE = frozenset(",;")  # a capital after these (or after a word) is not a sentence's
# Titles the archive capitalises before a name ("Defense Secretary Mark Esper", "President
# Moon") are not names themselves
_TITLES = frozenset(
    "secretary president minister chancellor senator governor mayor ambassador chairman "
    "chairwoman chief director editor general judge king queen prince princess lord lady "
    "prime deputy foreign defense defence state leader coach manager captain commissioner "
    "spokesman spokeswoman officer inspector professor doctor sergeant colonel admiral "
    "bishop pope father saint sir dame".split()
)


# Short forms typed without their apostrophe ("wouldnt", "whats"): words the archive may never
# hold, but no part of a name ("why wouldnt esper say" is about Mark Esper)
_CONTRACTIONS = frozenset(
    [
        f"{verb}nt"
        for verb in (
            "do does did is are was were has have had wo would could should ca must need ai"
        ).split()
    ]
    + "whats thats whos hows wheres whys whens theres heres im ive youre youve youll theyre "
    "theyve theyll hes shes weve".split()
)
_NO_NAME_PART = QUESTION_STOPWORDS | _CONTRACTIONS  # never a part of a name, whatever runs on
# How askers call someone they cannot name ("the guy who stood in for Dreyfuss"), though the
# archive writes some of these words only as names ("Guy Ritchie")
_SOMEONE = frozenset("guy guys bloke blokes chap chaps fella fellas lad lads".split())
_NOT_NAMES = _NO_NAME_PART | _TITLES | _SOMEONE  # words never given a capital back


def _mid_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] in _MID_SENTENCE)


def typed_in_lower_case(question: str) -> bool:
    return not any(ch.isupper() for ch in question[1:])


def truecased(question: str, texts: Iterable[str], unseen: frozenset[str] = frozenset()) -> str:
    """``question`` with the lower-case words that ``texts`` write only as names capitalised,
    and the words next to them whose stems are ``unseen`` (in no passage of the archive), if
    it is typed all in lower case: a capital the asker typed says which words are names
    ("Which US city …?" is not about a "City", though the archive writes "Manchester City").
    Nor is the kind of thing a "which …" question asks for ever a name: "which authority gets
    the final say?" is not about an "Authority", though the passages write only "the Greater
    London Authority"."""
    if not typed_in_lower_case(question):
        return question
    kind = asked_noun(question)  # "which authority …": the kind of thing asked, not a name
    asked = {
        w
        for w in _LOWER_WORD.findall(question)
        if w not in _NOT_NAMES and not (kind and w in (kind, f"{kind}s", f"{kind}es"))
    }
    if not asked:
        return question
    pattern = re.compile(r"\b(" + "|".join(sorted(asked)) + r")\b", re.IGNORECASE)
    capital: Counter[str] = Counter()
    plain: Counter[str] = Counter()
    in_name: Counter[str] = Counter()  # … as a part of a name of several words
    leading: Counter[str] = Counter()  # … before another capitalised word
    written: Counter[str] = Counter()  # with a capital, anywhere
    with_article: Counter[str] = Counter()  # … after "the" or "a" ("the Kremlin")
    for text in texts:
        for match in pattern.finditer(text):
            word = match.group(1)
            if word[0].islower():
                plain[word.lower()] += 1
                continue
            written[word.lower()] += 1
            if _mid_sentence(text, match.start()):
                capital[word.lower()] += 1
            first = bool(_NEXT_CAPITAL.match(text, match.end()))
            leading[word.lower()] += first
            after = _CAPITAL_BEFORE.search(text, max(0, match.start() - 40), match.start())
            if (first or after) and not word.isupper():  # not an initialism ("HIV Aids")
                in_name[word.lower()] += 1
            start = match.start()
            with_article[word.lower()] += bool(_ARTICLE_BEFORE.search(text, start - 4, start))
    names = {w for w in asked if capital[w] and not plain[w]}
    # A word written only as the first of a name's words ("Budge Pountney") is a name only
    # next to another ("google earth"): "refused to budge" is not about the rugby coach
    names -= {w for w in names if leading[w] == written[w] and not _beside_name(question, w, names)}
    # Nor is one the question writes after "the" or "a" when the passages never do: "the
    # levy" is a charge, not the novelist Andrea Levy ("the Kremlin" and "the Smiths" are
    # written so)
    names -= {
        w
        for w in names
        if not with_article[w]
        and re.search(rf"\b(?:the|a|an) {w}\b", question, re.IGNORECASE)
        and not _beside_name(question, w, names)
    }
    # A part of a person's name the archive writes ("Kim" of "Kim Hong-kyun", even opening a
    # sentence; not a country's "American") with a word the archive lacks running on from
    # it: a name it does not hold
    parts = {w for w in asked if in_name[w] and not plain[w] and not countries_in(w)}
    names |= _unseen_beside(question, parts, unseen)
    if not names:
        return question
    return _NAME_PART.sub(
        lambda m: m.group(0).title() if m.group(0) in names else m.group(0), question
    )


def _beside_name(question: str, word: str, names: set[str]) -> bool:
    """In the question, ``word`` comes right before or after one of ``names``."""
    return any(
        re.search(rf"\b(?:{w}[ -]{o}|{o}[ -]{w})\b", question)
        for other in names
        if other != word
        for w, o in [(re.escape(word), re.escape(other))]
    )


def _unseen_beside(question: str, capitalised: set[str], unseen: frozenset[str]) -> set[str]:
    """The words that run on from a word the archive writes with a capital (next to it, or to
    one of these) and that the archive never holds, with the words they run on from."""
    parts = list(_NAME_PART.finditer(question))
    found: set[str] = set()
    grew = True
    while grew:
        grew = False
        for left, right in pairwise(parts):
            if question[left.end() : right.start()] not in (" ", "-"):
                continue
            for word, other in ((left.group(0), right.group(0)), (right.group(0), left.group(0))):
                if word in found or (other not in capitalised and other not in found):
                    continue
                if word in _NO_NAME_PART:
                    continue
                stemmed = set(stems([word], QUESTION_STOPWORDS))
                if stemmed and stemmed <= unseen:
                    found |= {word, other}
                    grew = True
    return found
