"""Names people call teams, players and institutions, and short forms, that stories write in
full.

Chat users ask about "Spurs", "the Springboks" or "Fed"; a story writes "Tottenham", "South
Africa" and "Roger Federer". A question is searched with the full name written after the
nickname ("who did Spurs (Tottenham) draw?"), so the words and the meaning it is found by are
the story's, and a story that writes the full name does not lack the nickname.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from retrieval.alternation import any_of

# lower-case nickname (a word or words, as typed) → the name stories write
NICKNAMES: dict[str, str] = {
    # football clubs
    "spurs": "Tottenham",
    "gunners": "Arsenal",
    "red devils": "Manchester United",
    "toffees": "Everton",
    "magpies": "Newcastle",
    "toon": "Newcastle",
    "hammers": "West Ham",
    "villans": "Aston Villa",
    "baggies": "West Brom",
    "pompey": "Portsmouth",
    "canaries": "Norwich",
    "black cats": "Sunderland",
    "blades": "Sheffield United",
    "owls": "Sheffield Wednesday",
    "gers": "Rangers",
    "bhoys": "Celtic",
    "boro": "Middlesbrough",
    "addicks": "Charlton",
    "foxes": "Leicester",
    "hibees": "Hibernian",
    "hibs": "Hibernian",
    "jambos": "Hearts",
    # national sides
    "springbok": "South Africa",
    "springboks": "South Africa",
    "boks": "South Africa",
    "all black": "New Zealand",
    "all blacks": "New Zealand",
    "wallabies": "Australia",
    "wallaby": "Australia",
    "les bleus": "France",
    "azzurri": "Italy",
    "socceroos": "Australia",
    "baa-baas": "Barbarians",
    "three lions": "England",
    # people
    "fed": "Federer",
    "the special one": "Mourinho",
    "fergie": "Ferguson",
    "sir alex": "Ferguson",
    "becks": "Beckham",
    "golden balls": "Beckham",
    "posh": "Victoria Beckham",
    "wazza": "Rooney",
    "giggsy": "Giggs",
    "stevie g": "Gerrard",
    "king henry": "Henry",
    "sven": "Eriksson",
    "freddie": "Flintoff",
    "monty": "Montgomerie",
    "tiger tim": "Henman",
    "xtina": "Christina Aguilera",
    "j-lo": "Jennifer Lopez",
    "jlo": "Jennifer Lopez",
    "j.lo": "Jennifer Lopez",
    "macca": "McCartney",
    "dubya": "Bush",
    # institutions
    "the beeb": "BBC",
    "beeb": "BBC",
    "auntie": "BBC",
    "number 10": "Downing Street",
    "no 10": "Downing Street",
    "no. 10": "Downing Street",
    "the old lady of threadneedle street": "Bank of England",
    "threadneedle street": "Bank of England",
    # places named for who works there
    "whitehall": "civil service",
    "holyrood": "Scottish Parliament",
    "stormont": "Northern Ireland Assembly",
    "capitol hill": "Congress",
    # money
    "greenback": "dollar",
    "greenbacks": "dollars",
    # short forms the news writes out
    "hq": "headquarters",
    "ceo": "chief executive",
    "pm": "prime minister",
    "govt": "government",
    "mep": "member of the European Parliament",
    "meps": "members of the European Parliament",
    "gdp": "gross domestic product",
    "pvr": "personal video recorder",
    # awards
    "academy award": "Oscar",
    "academy awards": "Oscars",
}
_NICKNAME = re.compile(
    r"(?<![\w'’-])" + any_of(NICKNAMES, ignore_case=True) + r"(?![\w-])",
    re.IGNORECASE,
)
# Words too ("barn owls", "what spurs growth"): a nickname only typed with its capital,
# or in a question typed all in lower case (whose capitals say nothing)
_ALSO_WORDS = frozenset(
    [
        *"freddie sven spurs gunners toffees magpies hammers baggies".split(),
        *"canaries blades owls springbok springboks becks wallabies wallaby foxes".split(),
        *("black cats", "all black", "all blacks", "golden balls", "three lions"),
    ]
)
# Only with a capital, whatever the question: a rugby "number 10" is a fly-half, "fed up",
# "5 pm", "a posh hotel", "the full monty" are words
_NAMES_ONLY = frozenset({"number 10", "no 10", "no. 10", "fed", "pm", "posh", "auntie", "monty"})
# "the Fed" of business news is the Federal Reserve, and so is "Fed chairman Alan Greenspan"
_NOT_AFTER = {"fed": re.compile(r"(?i:\b(?:the|us|u\.s\.)\s*)$")}
_NOT_BEFORE = {
    "fed": re.compile(
        r"(?i:\s*(?:chair\w*|chief|governors?|boss|rates?|policy|funds?|officials?|minutes)\b)"
    )
}


@lru_cache(maxsize=1024)
def named_in_full(question: str, lower: bool = False) -> str:
    """The question with each nickname it holds followed by the name stories write, unless it
    gives that name itself: "who did Spurs draw?" → "who did Spurs (Tottenham) draw?". ``lower``:
    the question is typed all in lower case (the name is added so too)."""
    pieces: list[str] = []
    end = 0
    for match in _NICKNAME.finditer(question):
        before, after = question[: match.start()], question[match.end() :]
        full = _full_name(match.group(0), before, lower, after)
        if full is None or full.lower() in question.lower():
            continue
        pieces.append(question[end : match.end()])
        pieces.append(f" ({full.lower() if lower else full})")
        end = match.end()
    return "".join(pieces) + question[end:] if pieces else question


def _full_name(typed: str, before: str, lower: bool, after: str = "") -> str | None:
    key = typed.lower()
    capital = typed[:1].isupper()
    if (key in _NAMES_ONLY and not capital) or (key in _ALSO_WORDS and not (capital or lower)):
        return None
    if key in _NOT_AFTER and _NOT_AFTER[key].search(before):
        return None
    if key in _NOT_BEFORE and _NOT_BEFORE[key].match(after):
        return None
    return NICKNAMES.get(key)


def nicknames_held(question: str, story: str) -> frozenset[str]:
    """The words (lower case) of the question's nicknames and of the names it gives them
    (``named_in_full``) that the story writes the other way: "springbok" when the story writes
    "South Africa", "tottenham" when it writes only "Spurs" (a name the story may lack is typed
    with its capital)."""
    lowered = story.lower()
    held: set[str] = set()
    for match in _NICKNAME.finditer(question):
        typed = match.group(0).lower()
        full = _full_name(match.group(0), question[: match.start()], False, question[match.end() :])
        if full is None:
            continue
        if full.lower() in lowered:
            held.update(_WORDS.findall(typed))
        if re.search(rf"(?<![\w'’-]){re.escape(typed)}(?![\w-])", lowered):
            held.update(_WORDS.findall(full.lower()))
    return frozenset(held)


_WORDS = re.compile(r"[\w'’-]+")


def _written_after(question: str) -> Iterator[tuple[re.Match[str], str]]:
    """Each nickname of the question followed by the full name ``named_in_full`` wrote after
    it, with that name."""
    for match in _NICKNAME.finditer(question):
        full = NICKNAMES[match.group(0).lower()]
        if question[match.end() :].lower().startswith(f" ({full.lower()})"):
            yield match, full


@lru_cache(maxsize=1024)
def without_names_added(question: str) -> str:
    """The question as typed, without the full names ``named_in_full`` wrote after its
    nicknames ("Springbok (South Africa) Schalk Burger" → "Springbok Schalk Burger")."""
    for match, full in reversed(list(_written_after(question))):
        question = question[: match.end()] + question[match.end() + len(full) + 3 :]
    return question


@lru_cache(maxsize=1024)
def names_added(question: str) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """The words (lower case) of each nickname in the question and of the full name
    ``named_in_full`` wrote after it ("Spurs (Tottenham)"): one name, written two ways."""
    return tuple(
        (frozenset(_WORDS.findall(match.group(0).lower())), frozenset(_WORDS.findall(full.lower())))
        for match, full in _written_after(question)
    )
