"""What kind of name a "which …" question asks for, by the word such names carry.

"Which local authority gave the go-ahead?" is answered by a council's name ("North Vale
District Council"), "which watercourse overflowed?" by a river's, "which university did the
research?" by a university's: a sentence naming only the club, the town or the festival does
not hold the thing asked, however closely it tells the topic. So for the people whose title is
written with their name: "which judge sentenced him?" is answered by "Judge Hilary Marchbanks"
(or "the judge, Hilary Marchbanks"), not by the sentence naming the man in the dock.
"""

from __future__ import annotations

import re
from functools import lru_cache

# (what the question asks for, the word a name of that kind carries)
_KINDS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (
        re.compile(rf"\b(?:which|what)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{asked})\b", re.IGNORECASE),
        re.compile(rf"\b(?:{carried})\b"),
    )
    for asked, carried in (
        (r"local authority|local authorities|council|councils", r"Council"),
        (r"universit(?:y|ies)", r"University|College"),
        (r"schools?", r"School|Academy|College"),
        (r"hospitals?", r"Hospital|Infirmary"),
        (r"courts?", r"Court"),
        (r"airports?", r"Airport"),
        (r"rivers?|watercourse", r"River"),
        (r"police force|constabulary", r"Police|Constabulary"),
        (r"athletics club|athletic club|running club", r"Harriers|AC|Athletics? Club|Striders"),
    )
)


# (the role asked for, the title written before or after such a person's name)
_TITLES: tuple[tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (
        re.compile(
            rf"\b(?:which|what|who\s+(?:is|was|are|were)\s+the)\s+(?:[\w'’-]+\s+){{0,2}}?"
            rf"(?:{asked})\b",
            re.IGNORECASE,
        ),
        re.compile(rf"\b(?:{title})\b"),
        re.compile(rf"\b(?:{asked})\b", re.IGNORECASE),
    )
    for asked, title in (
        (r"judges?|magistrates?", r"Judge|Justice|Recorder|Sheriff|Magistrate"),
        (r"barristers?|lawyers?|silks?", r"QC|KC"),
        (
            r"detectives?|police officers?",
            r"Detective|Det|Inspector|Insp|Sergeant|Sgt|"
            r"Superintendent|Supt|Constable|DCI|DI|DS|PC",
        ),
        (r"professors?", r"Professor|Prof"),
        (r"bishops?|archbishops?", r"Bishop|Archbishop"),
        (r"senators?", r"Senator|Sen"),
        (r"coroners?", r"Coroner"),
    )
)


@lru_cache(maxsize=1024)
def title_asked(question: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """For "which judge …", "which detective …": the title such a person's name is written
    with, and the role's own word (a sentence may name them as "the judge, Hilary
    Marchbanks")."""
    return next(((title, role) for asked, title, role in _TITLES if asked.search(question)), None)


@lru_cache(maxsize=1024)
def name_word_asked(question: str) -> re.Pattern[str] | None:
    """The word a name of the kind asked for carries ("Council" for "which local authority"),
    when the question asks for one of those kinds."""
    return next((carried for asked, carried in _KINDS if asked.search(question)), None)
