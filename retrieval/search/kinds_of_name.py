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

from retrieval.lexical.tokens import QUESTION_STOPWORDS, stems

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


_NO_TITLE = r"(?!)"  # a role no title is written with

# (who does what, the title written with such a person's name, the role's words): "who
# manages the club that sold its striker?" is answered by "Thornmouth manager Stuart
# Kennaway", not by the striker's name; "who passed sentence on him?" by the judge's
_ROLES_DONE: tuple[tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (
        re.compile(rf"\bwho\s+(?:now\s+|currently\s+)?(?:{done})\b", re.IGNORECASE),
        re.compile(rf"\b(?:{title})\b"),
        re.compile(rf"\b(?:{role})\b", re.IGNORECASE),
    )
    for done, title, role in (
        # (not "who managed to score")
        (r"(?:manages|managed|is managing)(?!\s+to\b)", _NO_TITLE, r"manager|managers|boss"),
        (r"coaches|coached", _NO_TITLE, r"coach|coaches|manager|boss"),
        (r"captains|captained|skippers|skippered", _NO_TITLE, r"captain|skipper|captained"),
        (r"chairs|chaired|presides|presided", _NO_TITLE, r"chairman|chairwoman|chair|chairs"),
        # "who set up the studio …?": "Ewan Drummuir, who founded the company in 1998", not a
        # sentence naming its game
        (
            r"founded|co-founded|set up|established",
            _NO_TITLE,
            r"founded|founder|founders|co-founded|co-founder|co-founders|set up|established|"
            r"started",
        ),
        # "who is leading the campaign?" (not "who is leading the race": a place, no role)
        (
            r"(?:(?:is|are) (?:leading|heading|spearheading|fronting)|leads|heads|spearheads)"
            r"\s+(?:[\w'’-]+\s+){0,3}?(?:campaign|protest|group|movement|committee|inquiry|"
            r"investigation|review|delegation|association|coalition|talks|negotiations)s?",
            _NO_TITLE,
            r"leader|leaders|chairman|chairwoman|chair|organiser|organizer|convener|"
            r"co-ordinator|coordinator",
        ),
        # "who leads the union representing the drivers?": its general secretary or leader
        (
            r"(?:(?:is|are|was|were) (?:leading|heading|running)|leads|heads|runs|led|headed)"
            r"\s+(?:[\w'’-]+\s+){0,3}?(?:union|party|federation|confederation)s?",
            _NO_TITLE,
            r"general secretary|leader|leaders|president|chairman|chairwoman|chair|head",
        ),
        (
            r"sentenced|jailed|passed sentence|handed down",
            r"Judge|Justice|Recorder|Sheriff|Magistrate",
            r"judge|magistrate|recorder",
        ),
    )
)


@lru_cache(maxsize=1024)
def title_asked(question: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """For "which judge …", "which detective …", "who manages …": the title such a person's
    name is written with, and the role's own words (a sentence may name them as "the judge,
    Hilary Marchbanks" or "Thornmouth manager Stuart Kennaway")."""
    return next(
        (
            (title, role)
            for asked, title, role in (*_TITLES, *_ROLES_DONE)
            if asked.search(question)
        ),
        None,
    )


@lru_cache(maxsize=1024)
def name_word_asked(question: str) -> re.Pattern[str] | None:
    """The word a name of the kind asked for carries ("Council" for "which local authority"),
    when the question asks for one of those kinds."""
    return next((carried for asked, carried in _KINDS if asked.search(question)), None)


# Roles a story that tells who held them names in so many words (stories seldom write them
# another way): "who is Kieran Mallowby's agent?" asks about a story that mentions an agent,
# and one that never does cannot answer it, however well it tells the transfer; so for the
# captain, the referee, the goalkeeper, who designed or directed it. (Not "the boss", "in
# charge", "the union official": a story says "chief executive", "regional organiser".)
_ROLES_WRITTEN: tuple[tuple[re.Pattern[str], str, frozenset[str]], ...] = tuple(
    (
        re.compile(rf"\b(?:{asked})\b", re.IGNORECASE),
        role,
        frozenset(stems(written.split(), QUESTION_STOPWORDS)),
    )
    for asked, role, written in (
        (r"agents?", "agent", "agent agents"),
        (
            r"captains?|captained|skippers?|skippered",
            "captain",
            "captain captains captained captaincy skipper skippers skippered",
        ),
        (r"referees?|refereed", "referee", "referee referees refereed"),
        (r"goalkeepers?", "goalkeeper", "goalkeeper goalkeepers keeper"),
        (r"directed|directors?", "director", "directed director directors directing"),
        (
            r"designed|designers?|architects?",
            "designer",
            "designed designer designers design architect architects",
        ),
    )
)


@lru_cache(maxsize=1024)
def roles_asked(question: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The roles a "who" question asks about that a story answering it names in so many
    words: each role, and the stems it is written with."""
    return tuple(
        (role, written) for asked, role, written in _ROLES_WRITTEN if asked.search(question)
    )
