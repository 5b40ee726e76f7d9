"""Whose side a person is on, by the country written before their role: "South Korean
negotiator Jeong Eun-bo", "Brazil's lead negotiator, Ambassador Ricardo Tavares", "Chief US
negotiator James DeHart". A question asking for one country's person ("Who is South Korea's
chief negotiator?", "who headed the south african side") is answered by a passage naming that
country's, not the other side's, however alike the two read to the cross-encoder."""

from __future__ import annotations

import re
from functools import lru_cache

from retrieval.alternation import any_of

# Each country: its names and adjectives (lower case; the first is its key). Bare "Korea" is
# South Korea, as news writes it ("North Korea" is always named).
_COUNTRIES = (
    "south korea|south korean|south koreans|korea|korean|koreans|seoul",
    "north korea|north korean|north koreans|pyongyang",
    "united states|american|americans|washington",
    # the home nations field their own sides
    "britain|british|briton|britons|brit|brits|united kingdom|london",
    "england|english",
    "scotland|scottish|edinburgh",
    "wales|welsh|cardiff",
    "northern ireland|belfast",
    "ireland|irish|dublin",
    "france|french|paris",
    "germany|german|germans|berlin",
    "italy|italian|italians|rome",
    "spain|spanish|madrid",
    "portugal|portuguese|lisbon",
    "netherlands|dutch|holland|amsterdam",
    "belgium|belgian",  # not Brussels: in the news, mostly the EU
    "sweden|swedish|stockholm",
    "norway|norwegian|oslo",
    "finland|finnish|helsinki",
    "denmark|danish|copenhagen",
    "poland|polish|warsaw",
    "russia|russian|russians|moscow|kremlin",
    "ukraine|ukrainian|kiev|kyiv",
    "turkey|turkish|ankara",
    "greece|greek|athens",
    "japan|japanese|tokyo",
    "china|chinese|beijing",
    "taiwan|taiwanese|taipei",
    "india|indian|indians|delhi",
    "pakistan|pakistani|islamabad",
    "afghanistan|afghan|kabul",
    "iran|iranian|iranians|tehran",
    "iraq|iraqi|iraqis|baghdad",
    "israel|israeli|israelis",
    "palestinian|palestinians",
    "syria|syrian|damascus",
    "egypt|egyptian|cairo",
    "saudi arabia|saudi|riyadh",
    "south africa|south african|south africans|pretoria",
    "nigeria|nigerian|abuja",
    "kenya|kenyan|nairobi",
    "zimbabwe|zimbabwean|harare",
    "brazil|brazilian|brasilia",
    "argentina|argentine|argentinian|buenos aires",
    "mexico|mexican|mexico city",
    "canada|canadian|ottawa",
    "australia|australian|canberra",
    "new zealand|wellington",
    "indonesia|indonesian|jakarta",
    "philippines|philippine|filipino|manila",
    "thailand|thai|bangkok",
    "vietnam|vietnamese|hanoi",
    "austria|austrian|austrians|vienna",
    "switzerland|swiss|berne",
    "czech republic|czech|czechs|prague",
    "slovakia|slovak|slovakian|bratislava",
    "hungary|hungarian|hungarians|budapest",
    "romania|romanian|romanians|bucharest",
    "bulgaria|bulgarian|bulgarians",
    "serbia|serbian|serbs|belgrade",
    "croatia|croatian|croats|zagreb",
    "slovenia|slovenian|ljubljana",
    "estonia|estonian|tallinn",
    "latvia|latvian|riga",
    "lithuania|lithuanian|vilnius",
    "belarus|belarusian|minsk",
    "iceland|icelandic|reykjavik",
    "cyprus|cypriot|cypriots|nicosia",
    "lebanon|lebanese|beirut",
    "libya|libyan|libyans|tripoli",
    "morocco|moroccan|moroccans|rabat",
    "algeria|algerian|algerians|algiers",
    "sudan|sudanese|khartoum",
    "ethiopia|ethiopian|ethiopians|addis ababa",
    "ghana|ghanaian|ghanaians|accra",
    "uganda|ugandan|ugandans|kampala",
    "zambia|zambian|lusaka",
    "kuwait|kuwaiti|kuwaitis",
    "qatar|qatari",
    "kazakhstan|kazakh|astana",
    "uzbekistan|uzbek|tashkent",
    "malaysia|malaysian|malaysians|kuala lumpur",
    "singapore|singaporean",
    "bangladesh|bangladeshi|dhaka",
    "sri lanka|sri lankan|colombo",
    "nepal|nepalese|kathmandu",
    "burma|burmese|myanmar|rangoon",
    "cuba|cuban|cubans|havana",
    "venezuela|venezuelan|caracas",
    "colombia|colombian|colombians|bogota",
    "peru|peruvian|peruvians",
    "chile|chilean|chileans",
    "european union|eu|european commission",
)
# Written in capitals only ("us" is a pronoun)
_CAPITALISED = {
    "US": "united states",
    "U.S.": "united states",
    "USA": "united states",
    "UK": "britain",
    "the States": "united states",  # as British writers call it
    "The States": "united states",
    "EU": "european union",
}
_KEY = {name: group.split("|")[0] for group in _COUNTRIES for name in group.split("|")}
# (the longest name that fits: "south korean", not "korean" of it)
_COUNTRY = (
    r"(?:(?i:\b" + any_of(_KEY, ignore_case=True) + r"\b)|"
    r"(?<![\w.])" + any_of(_CAPITALISED) + r"(?![\w]))"
)
# Roles a side is represented by
_ROLE = (
    r"negotiators?|envoys?|ministers?|counterparts?|ambassadors?|officials?|presidents?|"
    r"leaders?|delegat(?:e|es|ion)|diplomats?|spokesman|spokeswoman|spokesperson|"
    r"representatives?|coach|manager|captain|chief|head|team|side|premier|chancellor|"
    r"secretary|general|commander"
)
# A country, its role within two words, then the person's name: "South Korea's chief
# negotiator, Sipho Mthembu", "Brazilian counterpart, Development Minister Paulo Saraiva",
# "Chief US negotiator James DeHart" (not "… to give the Korean side some time")
_SIDE = re.compile(
    rf"(?P<country>{_COUNTRY})(?:'s|’s)?\s+(?:[\w-]+\s+){{0,2}}?(?i:(?:{_ROLE}))\b,?\s+"
    r"[A-Z][\w'’.-]*"
)
_MENTION = re.compile(_COUNTRY)


def country_key(name: str) -> str:
    return _CAPITALISED.get(name) or _KEY.get(name.lower(), name.lower())


@lru_cache(maxsize=1024)
def asked_country(question: str) -> str | None:
    """The one country a question names (by name, adjective or capital), if exactly one."""
    found = countries_in(question)
    return next(iter(found)) if len(found) == 1 else None


def sides(text: str) -> frozenset[str]:
    """The countries whose representatives the text names after their role."""
    return frozenset(country_key(m.group("country")) for m in _SIDE.finditer(text))


def countries_in(text: str) -> frozenset[str]:
    """Every country the text names (by name, adjective or capital)."""
    return frozenset(country_key(m.group(0)) for m in _MENTION.finditer(text))


@lru_cache(maxsize=256)
def _mention_of(key: str) -> re.Pattern[str]:
    names = [n for n, k in _KEY.items() if k == key]
    capitals = [n for n, k in _CAPITALISED.items() if k == key]
    return re.compile(
        r"(?i:\b(?:"
        + "|".join(re.escape(n) for n in names)
        + r")\b)"
        + "".join(rf"|(?<![\w.]){re.escape(n)}(?!\w)" for n in capitals)
    )


def names_country(text: str, key: str) -> bool:
    """The text names the country ``key`` (by name, adjective or capital)."""
    return _mention_of(key).search(text) is not None


# Regions a question may name where the story names a country of it: "which Scandinavian
# company?" is answered by a story about the Norwegian one.
_EUROPE = (
    "britain england scotland wales northern_ireland ireland france germany italy spain "
    "portugal netherlands belgium sweden norway finland denmark poland russia ukraine greece "
    "austria switzerland czech_republic slovakia hungary romania bulgaria serbia croatia "
    "slovenia estonia latvia lithuania belarus iceland cyprus european_union"
)
_REGIONS = {
    "scandinavia|scandinavian|scandinavians|nordic": "sweden norway denmark finland",
    "europe|european|europeans": _EUROPE,
    "asia|asian|asians|far east|far eastern": (
        "japan china taiwan india pakistan south_korea north_korea indonesia philippines "
        "thailand vietnam afghanistan malaysia singapore bangladesh sri_lanka nepal burma "
        "kazakhstan uzbekistan"
    ),
    "africa|african|africans": (
        "south_africa nigeria kenya zimbabwe egypt libya morocco algeria sudan ethiopia ghana "
        "uganda zambia"
    ),
    "latin america|latin american|south america|south american": (
        "brazil argentina mexico cuba venezuela colombia peru chile"
    ),
    "middle east|middle eastern|arab|arabs": (
        "iraq iran israel palestinian syria egypt saudi_arabia lebanon kuwait qatar libya"
    ),
    "north america|north american": "united_states canada mexico",
}
_REGION_NAMES = {name: names.split("|")[0] for names in _REGIONS for name in names.split("|")}
_REGION_MEMBERS = {
    names.split("|")[0]: tuple(k.replace("_", " ") for k in members.split())
    for names, members in _REGIONS.items()
}
_REGION = re.compile(
    r"\b" + any_of(_REGION_NAMES, ignore_case=True) + r"\b",
    re.IGNORECASE,
)


def regions_in(text: str) -> frozenset[str]:
    """Every region the text names ("Scandinavian", "the Middle East")."""
    return frozenset(_REGION_NAMES[m.group(0).lower()] for m in _REGION.finditer(text))


def names_region(text: str, region: str) -> bool:
    """The text names the region ``region``, or a country in it."""
    return region in regions_in(text) or any(
        names_country(text, key) for key in _REGION_MEMBERS[region]
    )


def places_named(text: str) -> list[tuple[str, str, str]]:
    """Each country and region the text names, as (its words as written, "country" or
    "region", its key): "Middle East" is ("Middle East", "region", "middle east")."""
    return [(m.group(0), "country", country_key(m.group(0))) for m in _MENTION.finditer(text)] + [
        (m.group(0), "region", _REGION_NAMES[m.group(0).lower()]) for m in _REGION.finditer(text)
    ]


def is_country(name: str) -> bool:
    """ "South Korean", "US", "Seoul's": a country's name, adjective or capital, nothing else
    ("The" before it, a full stop or a possessive after it is no part of it)."""
    if name in _CAPITALISED:
        return True
    bare = re.sub(r"^The\s+|(?:['’]s?)?\.?$", "", name)
    return bare in _CAPITALISED or bare.lower() in _KEY or bare.lower() == "america"


def is_initialism(name: str) -> bool:
    """ "US", "UK", "EU": a country written in capitals only."""
    return name in _CAPITALISED


def mentions(text: str) -> list[tuple[int, int]]:
    """Where the text names a country (by name, adjective or capital), in order."""
    return [m.span() for m in _MENTION.finditer(text)]


# A firm or a club a country's name or adjective describes ("the Swedish buyer", "the Austrian
# pump firm"): the country says whose it is, not where the event is
_DESCRIBED = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:firm|company|group|buyer|bidder|maker|manufacturer|producer|"
    r"bank|lender|insurer|carrier|airline|giant|rival|owner|operator|retailer|supplier|"
    r"investor|conglomerate|chain|business|club)s?\b",
    re.IGNORECASE,
)


def _event_countries(question: str) -> frozenset[str]:
    """The countries a question places its event in or between: not those that only say
    whose a firm or a club is."""
    return frozenset(
        country_key(m.group(0))
        for m in _MENTION.finditer(question)
        if not _DESCRIBED.match(question, m.end())
    )


def about_other_countries(question: str, text: str) -> bool:
    """The text names one of the question's countries but not another, and names a third in
    its place: "how many US troops are stationed in Germany?" is not answered by the 28,500
    American troops on South Korean soil. (A text naming none of the question's countries may
    imply them: "the Pentagon keeps 4,000 personnel at Osan, south of Seoul" answers how many
    US troops are at Osan. Nor do countries that only say whose a firm is count: "how much will
    the Swedish buyer save with the Austrian firm?" is answered by savings in Germany.)"""
    asked = _event_countries(question)
    if len(asked) < 2:  # one country asked cannot be swapped for another and kept
        return False
    told = countries_in(text)
    return bool(asked & told) and bool(asked - told) and bool(told - asked)
