"""Words as the lexical index sees them: lower-cased, English stop words out, Snowball stems.

The same function tokenises passages at ingest and questions at search time, so both sides
always agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import Stemmer

_STEMMER = Stemmer.Stemmer("english")
# Words of two or more letters, and single digits ("5" in "$5 billion").
_TOKEN = re.compile(r"(?u)\b(?:\w\w+|\d)\b")
_INITIALISM = re.compile(r"\b(?:[A-Za-z]\.){2,}")

# Ranking keeps this short list (BM25's own weighting handles other common words).
STOPWORDS = frozenset(
    "a an and are as at be but by for if in into is it no not of on or such that the their "
    "then there these they this to was will with".split()
)
# For coverage (how much of the question a passage holds): also the words every question is
# made of, which say nothing about which passage answers it.
QUESTION_STOPWORDS = STOPWORDS | frozenset(
    "how much many what which who whom whose why when where does did do done doing have has "
    "had having was were been being am i me my we our you your he him his she her its them "
    "can could would should shall may might must about any some all also just so than too "
    "very from up out over after before again more most other own same only nor tell know "
    "said say says".split()
)


def fold_initialisms(text: str) -> str:
    """ "U.S." and "U.K." become "US" and "UK" so they match the spelling without dots."""
    return _INITIALISM.sub(lambda m: m.group(0).replace(".", ""), text)


def words(text: str) -> list[str]:
    """Lower-cased words of a text, before stop words and stemming."""
    return _TOKEN.findall(fold_initialisms(text).lower())


def stems(tokens: Iterable[str], stopwords: frozenset[str] = STOPWORDS) -> list[str]:
    kept = [t for t in tokens if t not in stopwords]
    stemmed: list[str] = _STEMMER.stemWords(kept)
    return stemmed


def tokenize(texts: Sequence[str], stopwords: frozenset[str] = STOPWORDS) -> list[list[str]]:
    """One list of stems per text."""
    return [stems(words(text), stopwords) for text in texts]


def question_terms(question: str) -> list[str]:
    """The question's distinct content stems (question words left out), in order."""
    return list(dict.fromkeys(stems(words(question), QUESTION_STOPWORDS)))
