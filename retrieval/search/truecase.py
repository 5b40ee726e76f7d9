"""Names in a question typed in lower case: "what did kim jong un say", "how many troops in
germany". The question's names and numbers a story lacks are found by their capitals
(``features.specific_terms``); a lower-case word the candidate passages write only with a
capital, and never at the start of a sentence, is given its capital back."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from retrieval.lexical.tokens import QUESTION_STOPWORDS

_LOWER_WORD = re.compile(r"\b[a-z]{3,}\b")
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


def _mid_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] in _MID_SENTENCE)


def typed_in_lower_case(question: str) -> bool:
    return not any(ch.isupper() for ch in question[1:])


def truecased(question: str, texts: Iterable[str]) -> str:
    """``question`` with the lower-case words that ``texts`` write only as names capitalised,
    if it is typed all in lower case: a capital the asker typed says which words are names
    ("Which US city …?" is not about a "City", though the archive writes "Manchester City")."""
    if not typed_in_lower_case(question):
        return question
    asked = {w for w in _LOWER_WORD.findall(question) if w not in QUESTION_STOPWORDS | _TITLES}
    if not asked:
        return question
    pattern = re.compile(r"\b(" + "|".join(sorted(asked)) + r")\b", re.IGNORECASE)
    capital: Counter[str] = Counter()
    plain: Counter[str] = Counter()
    for text in texts:
        for match in pattern.finditer(text):
            word = match.group(1)
            if word[0].islower():
                plain[word.lower()] += 1
            elif _mid_sentence(text, match.start()):
                capital[word.lower()] += 1
    names = {w for w in asked if capital[w] and not plain[w]}
    if not names:
        return question
    return _LOWER_WORD.sub(
        lambda m: m.group(0).title() if m.group(0) in names else m.group(0), question
    )
