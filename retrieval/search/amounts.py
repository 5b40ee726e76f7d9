"""Which kind of number a question asks for, and whether a text gives one: "how many" a count, "how
much did they pay" a sum of money, "what proportion" a percentage or a fraction, "how long" a
time with its unit, "on what date" a day (not a year), "at what time" a time of day. A sentence
with a number of another kind does not answer it ("90 million handsets" is no answer to what
proportion of handsets are recycled)."""

from __future__ import annotations

import re
from functools import lru_cache

from retrieval.query import SUM_ASKED, TIME_OF_DAY_ASKED, asked_clause

# "How many…", "how much…", "what price…": an amount asked for in so many words
_ASKS_AMOUNT = re.compile(r"\bhow (much|many)\b|\bwhat price\b", re.IGNORECASE)
# … and an amount of money: "how much did they pay", not the 30% of the stake they bought
_ASKS_MONEY = re.compile(
    r"\bwhat price\b|\bhow much\b.*\b(pay|pays|paid|paying|cost|costs|costing|price|priced|"
    r"worth|spend|spends|spent|fee|fees|salary|compensation|fine|fined|charge|charges|charged|"
    r"earn|earns|earned|sell|sells|sold|buy|buys|bought|owe|owes|owed|owing|debts?|borrow|"
    r"borrows|borrowed|lend|lends|lent|loan|loans|invest|invests|invested|donate|donates|"
    r"donated|raise|raises|raised)\b|"
    # … or in so many words: "how much damage, in pounds, did the fire cause?"
    r"\bhow much\b.*\bin (?:US |American )?(?:dollars|euros|pounds|sterling|yen|yuan)\b",
    re.IGNORECASE,
)
_CURRENCIES = (
    r"dollars?|euros?|pounds?|pence|cents?|yen|yuan|zlotys?|kronor|kroner|krona|francs?|"
    r"roubles?|rubles?|rupees?|rand|pesos?|lira"
)
_MONEY = re.compile(
    rf"[$£€¥]|\b\d[\d,.]*\s?(bn|m|k)\b|\b({_CURRENCIES})\b|"
    r"\b(\d|million|billion|trillion)\S*\s+won\b",
    re.IGNORECASE,
)


# "What proportion of handsets…", "by what percentage…", "down to what share of GDP" (not a
# share price), "what portion of the population", "what per cent": a percentage or a fraction
# is asked for (not by a question that gives one: "how many jobs went after the 5% fall?")
_ASKS_SHARE = re.compile(
    r"\b(percentage|proportion|fraction|portion)\b|\b(what|how many)\s+(per ?cent\b|%)|"
    r"\b(what|which|how (big|large|small) a) share\b(?! (price|index|issue|option|sale))",
    re.IGNORECASE,
)
_SHARE = re.compile(
    r"\d\s?%|\d\s?(per ?cent|percent)\b|\b(half|halves|thirds?|quarters?|fifths?|sixths?|"
    r"sevenths?|eighths?|ninths?|tenths?|majority|minority)\b|"
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|\d+) (in|out of) (every )?\w+\b",
    re.IGNORECASE,
)


# "How long…", "for how many months…": a time (news rarely asks a length so)
_ASKS_DURATION = re.compile(
    r"\bhow long\b|\bhow many (years|months|weeks|days|hours|minutes|seconds|decades|"
    r"seasons|centuries|nights)\b",
    re.IGNORECASE,
)
# … and a time with its unit: "14 years", "an eight-year ban", "two hours and 40 minutes",
# "throughout the day" (in lower case: "Arash Day" is no time; "the last few miles" no time)
_DURATION = re.compile(
    r"\b(\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|several|few|many|"
    r"couple of|the|last|"
    r"next|past|half|half an?)[\s-]+(years?|months?|weeks?|days?|hours?|minutes?|mins|"
    r"seconds?|decades?|seasons?|centur(y|ies)|fortnights?|nights?)\b|\b\d+(hrs?|mins?)\b|"
    r"\bovernight\b"
)
# … but a time before or after something is no length of it ("sentenced one day after the
# campaign" tells nothing of how long the sentence is), unless that is asked ("how long after",
# "how long a gap between"); nor is a day named so ("in a day of action", "the day of the vote")
_OFFSET = re.compile(rf"(?:{_DURATION.pattern})\s+(?:after|before|later|earlier|ago)\b")
# … unless it is the length of something ("jailed for two and a half years after a labourer
# fell")
_FOR_A_TIME = re.compile(rf"\bfor\s+(?:[\w-]+\s+){{0,3}}?(?:{_DURATION.pattern})(?!\s+of\b)")
_NAMED_DAY = re.compile(r"\b(?:a|an|the)\s+(?:day|week|night|month|year)\s+of\b")
_ASKS_OFFSET = re.compile(
    r"\bhow long\b.*\b(?:after|before|ago|later|earlier|since|until|till|gap|between)\b",
    re.IGNORECASE,
)


# … or, for "how long", a length ("the 50km tunnel", "three miles long")
_LENGTH = re.compile(
    r"\b\d[\d,.]*\s?(?:km|kilometres?|kilometers?|miles?|metres?|meters?|m|ft|feet|yards?|"
    r"inches|cm|mm)\b|\b(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\w+ty)[\s-]"
    r"(?:kilometres?|kilometers?|miles?|metres?|meters?|feet|yards?)\b",
    re.IGNORECASE,
)


# "How old…", "at what age…": an age ("the 66-year-old alliance", "despite his 69 years",
# "Jacobsen, 21,", "aged 58", "at the age of 12")
_ASKS_AGE = re.compile(r"\bhow old\b|\bwhat age\b", re.IGNORECASE)
_NUMBER_WORD = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred"
)
_AGE = re.compile(
    rf"\b(?:\d{{1,3}}|(?:{_NUMBER_WORD})(?:-(?:{_NUMBER_WORD}))?)[\s-]years?[\s-]old\b|"
    r"\b(?:his|her|their|its) \d{1,3} years\b|\baged? \d{1,3}\b|\bage of \d{1,3}\b|"
    r"\b\d{1,3}(?:st|nd|rd|th) birthday\b|\bturn(?:s|ed)? \d{1,3}\b|"
    r"(?-i:[A-Z][\w'’-]*), \d{1,3},|\(\d{1,3}\)",
    re.IGNORECASE,
)


# "What was the (final, half-time) score…", "by what score…": a score ("19-13", "6-3 6-4"),
# which a crowd's size or a ground's capacity is not
_ASKS_SCORE = re.compile(
    r"\bwhat(?:'s| is| was| were)? (?:the )?(?:final |half-time |half time |full-time |"
    r"full time |aggregate )?(?:score|scoreline)\b|\bby what (?:score|scoreline)\b",
    re.IGNORECASE,
)
_SCORE = re.compile(r"\b\d{1,3}\s?[-–]\s?\d{1,3}\b(?![-–]\d)|\b(?:goalless|nil)\b", re.I)


@lru_cache(maxsize=1024)
def asks_score(question: str) -> bool:
    """The question asks for a game's score."""
    return bool(_ASKS_SCORE.search(question))


@lru_cache(maxsize=1024)
def asks_duration(question: str) -> bool:
    """The question asks how long something lasts."""
    return bool(_ASKS_DURATION.search(question))


@lru_cache(maxsize=1024)
def asks_share(question: str) -> bool:
    """The question asks what part of a whole (a percentage, a fraction)."""
    return bool(_ASKS_SHARE.search(question))


@lru_cache(maxsize=1024)
def asks_age(question: str) -> bool:
    """The question asks how old someone or something is."""
    return bool(_ASKS_AGE.search(question))


def asks_amount(question: str) -> bool:
    """ "How many…", "how much…", "what price…", "what fee…", "what was the score…"."""
    return bool(_ASKS_AMOUNT.search(question) or SUM_ASKED.search(question) or asks_score(question))


def asks_money(question: str) -> bool:
    """ "How much did they pay…", "what price…", "what transfer fee…", "what did it cost"; not
    "what percentage increase in wages…", which asks for a share of a sum."""
    if _ASKS_MONEY.search(question):
        return True
    return bool(SUM_ASKED.search(question)) and not asks_share(question)


def gives_money(text: str) -> bool:
    """The text gives a sum of money ("$5bn", "20 million won", "£750m")."""
    return bool(_MONEY.search(text))


# Sums a story tells in so many words when it tells them at all: "How much redundancy pay will
# the staff receive?" is not answered by a story of the closure that gives only the savings it
# makes ("£60m of savings … voluntary redundancy"), "how much compensation was he paid?" not by
# what he spent. (Not a salary: "newly qualified nurses will start on £19,166 a year")
_MONEY_KINDS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (re.compile(asked, re.IGNORECASE), re.compile(told, re.IGNORECASE))
    for asked, told in (
        (
            r"\bredundancy (?:pay|payments?|packages?|money|terms)\b|\bseverance\b",
            r"\bredundancy (?:pay|payments?|packages?|money|terms|payouts?)\b|\bseverance\b|"
            r"\bpay-?offs?\b|\bpayouts?\b|\bcompensation\b",
        ),
        (
            r"\bcompensation\b",
            r"\bcompensat\w*|\bpay-?offs?\b|\bpayouts?\b|\bsettlement\b|\bdamages\b",
        ),
    )
)


def untold_money_kind(question: str, text: str) -> bool:
    """The question asks how much of a sum of a kind a story names when it gives it
    (redundancy pay, compensation) and the text never names that kind."""
    return any(asked.search(question) and not told.search(text) for asked, told in _MONEY_KINDS)


# "How many troops…": a count of things, which a sum of money or a ratio is not ("$5 billion
# worth of protection", "five times what it pays" tell nothing of how many troops); "how many
# dollars", "how many millions" ask for money, "how many times" for a ratio or a count of times
_ASKS_COUNT = re.compile(
    rf"\bhow many\b(?!\s+(more\s+)?(millions|billions|thousands|times|per ?cent|percent|"
    rf"{_CURRENCIES}|won)\b|\s*%)",
    re.IGNORECASE,
)
# The months, as a date names them (read without case)
MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
)
_SCALE = r"(?:\s?(?:bn|m|k)\b|\s+(?:hundred|thousand|million|billion|trillion)\b)"
_NOT_A_COUNT = re.compile(
    rf"[$£€¥]\s?\d[\d,.]*{_SCALE}?|"
    rf"\b(?:\d[\d,.]*|a|one|two|three|four|five|six|seven|eight|nine|ten|hundreds|thousands|"
    rf"millions|billions){_SCALE}?\s+(?:{_CURRENCIES})\b|"
    r"\b(?:\d[\d,.]*\s?(?:bn|m)|\d[\d,.]*\s+(?:million|billion|trillion))\s+won\b|"
    r"\b\w+(?:-|\s+)(?:times|fold)\b|\b(?:twice|double|doubled|triple|tripled|half)\b|"
    # nor a share ("31% of the vote" tells nothing of how many votes)
    r"\b\d[\d,.]*\s?(?:%|per\s?cent\b|percent\b)|"
    # nor is a date, a time of day or a name with a number ("Saturday 12 February at 2005
    # GMT", "in 2004", "BBC2", "PS2" tell nothing of how many watched)
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\b|\b(?:{MONTHS})\s+\d{{1,2}}\b(?!,\d)|"
    rf"\b(?:{MONTHS}|in|since|by|until|till|from|of|early|late|mid-?|summer|autumn|winter|"
    r"spring)\s+\d{4}\b|\b\d{4}s?(?=\s+(?:season|GMT|BST|election|Olympics|World Cup))|"
    r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,4}\s?(?:GMT|BST|am|pm)\b|\b[A-Za-z]+\d+\b|"
    # nor "no-one", "one another", "one day" (nobody, each other, some day)
    r"\bno-one\b|\bone (?:another|day)\b|"
    # nor a place in a chart or a league ("fell to number nine", "the top 10", "11th")
    rf"\b(?:number|no\.?)\s+(?:\d+|{_NUMBER_WORD})\b|\btop[\s-](?:\d+|{_NUMBER_WORD})\b|"
    r"\b\d+(?:st|nd|rd|th)\b|"
    # nor a length of time or an age ("has not stayed for over 70 years", "the 21-year-old"
    # tell nothing of how many launchers or hackers)
    r"\b(?:\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)[\s-]+(?:years?|"
    r"months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur(?:y|ies))\b(?:-old)?",
    re.IGNORECASE,
)
_COUNT = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|"
    r"dozens?|both)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1024)
def asks_count(question: str) -> bool:
    """The question asks how many things (not how many dollars)."""
    return bool(_ASKS_COUNT.search(question))


# "How many spectators turned up?", "how many staff does it employ?": a count of people, which
# a score ("23-20"), a measure ("a 42-metre penalty"), a number describing ("ten-man
# Marlbury") or a name ("National Division One") is not
_ASKS_HEADCOUNT = re.compile(
    r"\bhow many (?:[\w-]+ ){0,2}?(?:people|persons|spectators|fans|supporters|visitors|"
    r"viewers|listeners|readers|customers|passengers|residents|voters|members|staff|workers|"
    r"employees|jobs|patients|pupils|students|children|adults|troops|soldiers|officers|"
    r"delegates|protesters|demonstrators|marchers|runners|athletes|players|guests|tourists|"
    r"households|homes|users|subscribers|volunteers|migrants|refugees)\b|"
    r"\bhow many (?:[\w-]+ ){0,3}?(?:attended|turned up|turned out|came|watched|took part)\b",
    re.IGNORECASE,
)
_NOT_A_HEADCOUNT = re.compile(
    r"\b\d+-\d+\b|"
    # a number joined to a word describes ("ten-man Marlbury", "a three-day festival")
    r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty|forty|fifty|hundred)-(?!(?:one|two|three|four|five|six|seven|eight|nine)\b)"
    r"[a-z]+\b|"
    # a measure (not ``_LENGTH``: its bare "m" would take "5m fans" for five metres)
    r"\b\d[\d,.]*\s?(?:metres?|meters?|km|kilometres?|miles?|yards?|yd|feet|foot|ft|inches|cm|"
    r"mm|kg|kilos?|tonnes?|tons?|lbs?|mph|kph)\b|"
    r"\b[A-Z][a-z]+ (?:One|Two|Three|Four|Five)\b"
)


# "By how many votes did she win?", "by how many runs did Kent lose?": the margin, told as "by
# 73 votes", "a majority of 73", "a 73-vote margin", not the winner's own tally ("took 11,482
# votes")
_ASKS_MARGIN = re.compile(
    r"\bby how many (?:votes|seats|runs|wickets|points|goals|strokes|shots|lengths|places)\b",
    re.IGNORECASE,
)
_MARGIN = re.compile(
    r"\bby (?:just |only |a mere |a single |some |about |nearly |almost )?"
    r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|an?)\b|"
    r"\bmajority\b|\bmargin\b|\b\d[\d,]*-(?:vote|run|wicket|point|goal|stroke|shot|seat)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1024)
def asks_headcount(question: str) -> bool:
    """The question asks how many people (or of people's things: jobs, homes)."""
    return bool(_ASKS_HEADCOUNT.search(question))


@lru_cache(maxsize=4096)
def gives_headcount(text: str) -> bool:
    """``gives_count``, and the count is no score, measure or name."""
    return gives_count(_NOT_A_HEADCOUNT.sub(" ", text))


@lru_cache(maxsize=4096)
def gives_count(text: str) -> bool:
    """The text gives a number that is not a sum of money, a ratio, a date, a time of day nor
    part of a name ("BBC2")."""
    return bool(_COUNT.search(_NOT_A_COUNT.sub(" ", text)))


# "On what date…", "what day…": a day, which a year or a month is not ("in November 2003"
# does not say when he is due to be sentenced; "until 9 May", "on Friday" do)
_ASKS_DAY = re.compile(r"\b(?:what|which) (?:date|day)\b(?! of the (?:year|month)\b)", re.I)
_DAY = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\b|\b(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b|"
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tomorrow|"
    r"tonight|Christmas Day|Boxing Day|New Year's Day|Christmas Eve|New Year's Eve)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1024)
def asks_day(question: str) -> bool:
    """The question asks on what date or day something happens (not in what year)."""
    return bool(_ASKS_DAY.search(question))


def gives_day(text: str) -> bool:
    """The text names a day: a day of a month, a weekday, "today"."""
    return bool(_DAY.search(text))


# "At what time…": a time of day ("at about 6.15am", "2230GMT", "shortly after midnight",
# "on Monday afternoon"), which a day or a year is not
_TIME_OF_DAY = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}[:.]\d{2}\b|"
    r"\b\d{3,4}\s?(?:GMT|BST|UTC|CET|EST|hrs|hours)\b|\bo'clock\b|"
    r"\b(?:midnight|noon|midday|dawn|dusk|daybreak|nightfall|morning|afternoon|evening|"
    r"overnight|night)\b",
    re.IGNORECASE,
)


def asks_time_of_day(question: str) -> bool:
    """The question asks at what time of day something happened."""
    return bool(TIME_OF_DAY_ASKED.search(question))


def gives_time_of_day(text: str) -> bool:
    """The text tells a time of day: a clock time, "midnight", "in the afternoon"."""
    return bool(_TIME_OF_DAY.search(text))


# Which way a number moved: "how much did the firm's earnings before tax shrink?" asks for a
# fall, and "pre-tax profits rose 15%" (another firm's, as often as not) tells a rise
_DOWN = re.compile(
    r"\b(?:f[ae]ll(?:s|ing|en)?|drop(?:s|ped|ping)?|down|declin\w*|slump\w*|shr[iau]nk\w*|"
    r"plung\w*|tumbl\w*|sli[dp]\w*|lost|los[se]s?|lower\w*|decreas\w*|reduc\w*|dip(?:s|ped)?|"
    r"sank|sink\w*|eas(?:ed|ing)|cut(?:s|ting)?|collaps\w*|halv\w*|weak\w*)\b",
    re.IGNORECASE,
)
_UP = re.compile(
    r"\b(?:r[io]s[ei]n?s?|rising|up|increas\w*|gr[eo]w(?:s|n|ing|th)?|jump\w*|climb\w*|"
    r"soar\w*|surg\w*|gain\w*|higher|boost\w*|doubl\w*|tripl\w*|ralli\w*|rally|lea[pd]t?\w*|"
    r"strength\w*)\b",
    re.IGNORECASE,
)


# (a question's "up" asks a rise only after "go": "how many turned up?" asks a count)
_NOT_A_RISE = re.compile(r"\b(?<!go )(?<!goes )(?<!went )(?<!gone )(?<!going )up\b", re.I)


def _direction(text: str) -> str | None:
    """ "down" or "up" when the text tells only one way a number moved."""
    down, up = bool(_DOWN.search(text)), bool(_UP.search(text))
    return None if down == up else "down" if down else "up"


@lru_cache(maxsize=1024)
def _direction_asked(question: str) -> str | None:
    """ "down" or "up" when the question asks how far something fell or rose, read in the
    clause that asks ("… warned cutting jobs could backfire - how many civil servants did
    Britain have?" asks a count); worked out once a question, not once a sentence."""
    return _direction(_NOT_A_RISE.sub(" ", asked_clause(question) or question))


def tells_other_direction(question: str, text: str) -> bool:
    """The question asks how far something fell (or rose), and the text tells only a rise (or
    only a fall)."""
    asked = _direction_asked(question)
    told = _direction(text) if asked is not None else None
    return told is not None and told != asked


def gives_kind_of_number(question: str, text: str) -> bool:
    """The text gives the kind of number the question asks for, when it asks for a part of a
    whole, a game's score, an age, a time ("how long": or a length), a count of things, a
    winning margin (any number will do otherwise), and not a rise for a fall."""
    if tells_other_direction(question, text):
        return False
    if asks_share(question) and not _SHARE.search(text):
        return False
    if asks_score(question) and not _SCORE.search(text):
        return False
    if asks_age(question) and not _AGE.search(text):
        return False
    if asks_count(question) and not asks_duration(question) and not gives_count(text):
        return False
    if asks_headcount(question) and not gives_headcount(text):
        return False  # "how many spectators": not the match's score
    if _ASKS_MARGIN.search(question) and not _MARGIN.search(text):
        return False  # "by how many votes did she win?": not her own tally
    if asks_duration(question):
        if _FOR_A_TIME.search(text):
            return True  # "jailed for two and a half years after …": a length, then a cause
        if not _ASKS_OFFSET.search(question):
            text = _OFFSET.sub(" ", text)
        text = _NAMED_DAY.sub(" ", text)
        return bool(_DURATION.search(text) or _LENGTH.search(text))
    return True
