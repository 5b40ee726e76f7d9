"""Words as the lexical index sees them: lower-cased, English stop words out, British spellings
folded into American ones ("defence" and "defense", "organise" and "organize" are one word: a
news archive mixes both, and so do the people asking), Snowball stems.

The same function tokenises passages at ingest and questions at search time, so both sides
always agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

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


# British → American: "-ise"/"-yse" verbs and their forms, and the common word families that
# differ otherwise (the same fold on both sides, so a rare false pair costs nothing).
_ISE = re.compile(r"^(\w{3,})is(e|es|ed|ing|er|ers|ation|ations|ational)$")
_YSE = re.compile(r"^(\w{2,})ys(e|es|ed|ing|er|ers)$")
_FAMILIES = {
    **{
        base: base.replace("our", "or")
        for base in (
            "labour armour ardour behaviour candour clamour colour endeavour favour fervour "
            "flavour harbour honour humour neighbour odour parlour rancour rigour rumour "
            "saviour savour splendour tumour valour vapour vigour"
        ).split()
    },
    **{
        base: base[:-2] + "er"
        for base in "centre theatre metre litre fibre calibre spectre sombre lustre".split()
    },
    "defence": "defense",
    "offence": "offense",
    "licence": "license",
    "pretence": "pretense",
    "programme": "program",
    "manoeuvre": "maneuver",
    "catalogue": "catalog",
    "dialogue": "dialog",
    "analogue": "analog",
    "jewellery": "jewelry",
    "aluminium": "aluminum",
    "sceptic": "skeptic",
    "ageing": "aging",
    "grey": "gray",
    "mould": "mold",
    "plough": "plow",
    "paediatric": "pediatric",
    "orthopaedic": "orthopedic",
    "encyclopaedia": "encyclopedia",
    "foetus": "fetus",
    "oestrogen": "estrogen",
    "anaesthetic": "anesthetic",
}
_FAMILY = re.compile(rf"^({'|'.join(sorted(_FAMILIES, key=len, reverse=True))})")


@lru_cache(maxsize=65536)
def american(word: str) -> str:
    """The American spelling of a lower-cased word (the word itself when it has none)."""
    word = _FAMILY.sub(lambda m: _FAMILIES[m.group(1)], word, count=1)
    word = _ISE.sub(r"\1iz\2", word)
    return _YSE.sub(r"\1yz\2", word)


def stems(tokens: Iterable[str], stopwords: frozenset[str] = STOPWORDS) -> list[str]:
    kept = [american(t) for t in tokens if t not in stopwords]
    stemmed: list[str] = _STEMMER.stemWords(kept)
    return stemmed


def tokenize(texts: Sequence[str], stopwords: frozenset[str] = STOPWORDS) -> list[list[str]]:
    """One list of stems per text."""
    return [stems(words(text), stopwords) for text in texts]


def question_terms(question: str) -> list[str]:
    """The question's distinct content stems (question words left out), in order."""
    return list(dict.fromkeys(stems(words(question), QUESTION_STOPWORDS)))
