"""What the second ranking stage knows about each candidate passage.

Everything is computed from the candidates alone (their text, the question, and document
frequencies from the lexical index), never from a copy of the whole archive.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from retrieval.lexical.tokens import QUESTION_STOPWORDS, stems, words
from retrieval.pointer import pointer_names
from retrieval.query import MOST_ACTIVE_ASKED, Expects, QueryIntent
from retrieval.search.amounts import (
    MONTHS,
    asks_age,
    asks_amount,
    asks_day,
    asks_duration,
    asks_money,
    asks_share,
    asks_time_of_day,
    gives_day,
    gives_kind_of_number,
    gives_money,
    gives_time_of_day,
    untold_money_kind,
)
from retrieval.search.countries import about_other_countries, is_country
from retrieval.search.kinds_of_name import name_word_asked, roles_asked, title_asked
from retrieval.search.nicknames import names_added, without_names_added
from retrieval.search.origins import origin_told
from retrieval.search.role_owners import only_others_role, role_owner_asked
from retrieval.search.written_otherwise import (
    NAME_RUN,
    describes_as_adjective,
    describing,
    held_otherwise,
)
from retrieval.sentences import sentence_spans
from retrieval.store import StoredChunk
from retrieval.tense import tells_done, told_as_to_come

FEATURES = (
    "bm25",  # BM25, divided by the best candidate's
    "cos",  # cosine similarity of question and passage
    "cos_gap",  # cosine minus the best candidate's (≤ 0)
    "coverage",  # rarity-weighted share of the question's words in the passage
    "sent_cov",  # the same, in the passage's best sentence (a proximity measure)
    "title_cov",  # the same, in the article's title
    "focus",  # coverage with each word weighted by how few of the story's passages hold it
    "sent_focus",  # the same, in the passage's best sentence
    "story",  # how well the passage's file matches as a whole (its best passage), 0…1
    "cos_story_gap",  # cosine minus the best of its file's passages (≤ 0)
    "story_cov",  # rarity-weighted share of the question's words somewhere in its file
    "story_missing",  # names and numbers of the question its file lacks ("2006", "Broadway"),
    # not those it types only to describe ("the Black Sabbath frontman")
    "type_match",  # its best sentence holds the kind of thing asked for (a number for "how
    # many"), one the question does not already name
    "lead",  # the article's opening passage (it sums the story up; details come later)
    "kind_match",  # article vs comment, as the question asks
    "comment_unasked",  # a reader's comment, for a question that does not ask about readers
    "person_match",  # written by (or in reply to) the person the question names
    "facts_match",  # a question about the file's details, and its details passage
    "rr_dense",  # 1 / (1 + dense rank)
    "rr_lex",  # 1 / (1 + lexical rank)
)

# A name: a run of capitalised words, with a title before it and the small words names hold
# ("Jeong Eun-bo", "Bank of England", "Mr Ghosn")
NAME = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady)\.? )?\b[A-Z][\w'’&.-]*"
    r"(?:\s+(?:(?:of|de|van|von|du|la|le|and|&) )?[A-Z][\w'’&.-]*)*"
)
_CALENDAR = re.compile(
    rf"(?i:(?:{MONTHS}|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\.?)"
)
_SENTENCE_ENDS = frozenset('.!?:;"“”‘’([—–-')  # a capitalised word after one opens a sentence
_CAUSES = (
    r"because|due to|owing to|as a result|result of|blam\w*|caused|amid|"
    # (not "since 1936", "since the 1970s", "since last year", "since he was a boy": a time)
    rf"since(?! (?:(?:early|late|mid-?|the|at least) )?(?:\d|{MONTHS}|then|childhood|"
    r"(?:last|this|that) (?:year|week|month|decade|season|summer|spring|autumn|winter|time)|"
    r"(?:he|she|they|I|we) (?:was|were) (?:a )?(?:boy|girl|child|children|young|teenager|"
    r"born)))|"
    r"in order to|reason\w*|thanks to|following|led to|driven by|prompted|fears?|"
    r"concerns?|so that|"
    # (not "to close after 120 years", "after 1995": a time, no cause)
    r"after(?! (?:(?:more than|nearly|almost|about|some|just|only) )?(?:\d[\d,.]*|an?|one|two|"
    r"three|four|five|six|seven|eight|nine|ten|\w+teen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|a hundred|several|many) ?(?:years?|months?|weeks?|days?|hours?|"
    r"minutes?|seasons?|decades?|centuries)\b)(?! (?:1[89]|20)\d\d\b)|"
    r"in protest|protest(?:s|ed|ing)? (?:at|against|over)|"
    r"in (?:a|an) (?:bid|attempt|effort) to|aim(?:ed|s)? (?:at|to)|the aim|"
    r"in response to|in retaliation|motivated by|to force|to avoid|to prevent|"
    r"(?<!was )(?<!were )(?<!is )(?<!are )meant(?! to\b)|"
    r"on (?:[\w-]+ ){1,3}grounds|so as to|for fear|on suspicion of|"
    r"put down to|attributed to|(?:an?|the|its|their) (?:effort|attempt|bid|move) to|"
    r"to give|t(?:ook|aken|akes?) (?:its|a) toll|for (?:allegedly )?(?!\w*thing\b)\w+ing|"
    r"as (?:[\w-]+ ){1,3}(?:rose|rises|fell|falls|grew|slowed|flagged|dropped|soared|"
    r"slumped)|"
    # "pulled out with an abdominal injury", "missed the game through illness"
    r"(?:with|through) (?:an? |his |her |their )?(?:[\w-]+ ){0,2}(?:injury|illness|virus|"
    r"infection|strain|bug)|"
    # "falling sales had made it impossible to keep going", "forced the club to sell"
    r"made it (?:too )?(?:impossible|difficult|hard|harder|necessary|unviable|uneconomic\w*|"
    r"untenable)|forc(?:ed|ing) (?:it|them|us|him|her|the [\w-]+) to|"
    r"left (?:it|them|us|him|her|the [\w-]+) (?:with )?no (?:choice|option|alternative)"
)
# What something was for ("the trip is designed to highlight"): no answer to what went wrong
_PURPOSES = r"(?:designed|intended|meant|geared) to|to highlight|to draw attention|purpose"
_CAUSE = re.compile(rf"\b({_CAUSES})\b", re.IGNORECASE)
# "what went wrong with the first game", "what held up the deal": a failure's cause is asked
_ASKS_FAILURE = re.compile(
    r"\b(went|gone|goes) wrong\b|\bwrong with\b|\bheld up\b|\bfail(ed|s|ure)?\b|\bflop",
    re.IGNORECASE,
)


@lru_cache(maxsize=1024)
def asks_failure(question: str) -> bool:
    """The question asks what went wrong (a cause, not a purpose)."""
    return bool(_ASKS_FAILURE.search(question))


ANSWER_PATTERNS: dict[Expects, re.Pattern[str]] = {
    "number": re.compile(
        r"\d(?:[\d,.]*\d)?|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
        r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|"
        r"billion|trillion|dozen|half|"
        r"third|quarter|double|doubled|twice|triple|tripled|both)\b",
        re.IGNORECASE,
    ),
    "date": re.compile(
        rf"\b(1[89]|20)\d\d\b|\b({MONTHS})\b|\b(monday|tuesday|wednesday|thursday|friday|"
        r"saturday|sunday|yesterday|today|tomorrow|ago|decade|century|spring|summer|autumn|"
        r"winter|weekend)\b|\b(last|next|this) (week|month|year)\b",
        re.IGNORECASE,
    ),
    # A name: a run of capitalised words ("Jeong Eun-bo", "Bank of England", "Mr Ghosn")
    "person": NAME,
    "place": NAME,
    "organisation": NAME,
    "entity": NAME,
    # A reason: "because", "due to", … and the ways news tells a cause without them: "fell 93%
    # as research costs rose", "put down to", "arrested on suspicion of", "sent off for putting
    # his finger to his lips", "an effort to raise cash", "has taken its toll", "to give them
    # time to reconsider", "poor design meant the game became a chore"; and a purpose: "the
    # trip is designed to highlight"
    "reason": re.compile(rf"\b({_CAUSES}|{_PURPOSES})\b", re.IGNORECASE),
    "quote": re.compile(r"[“\"]|\b(said|says|told|added|warned|argued|claimed|insisted|wrote)\b"),
    "facts": re.compile(r"\b(published|credited|byline|written by|comments?)\b", re.IGNORECASE),
}


@dataclass(frozen=True)
class Question:
    """The question as the features need it."""

    text: str
    intent: QueryIntent
    terms: tuple[str, ...]  # distinct content stems
    weights: Mapping[str, float]  # rarity weight of each term
    specific: frozenset[str] = frozenset()  # stems of its names and numbers
    unseen: frozenset[str] = frozenset()  # stems of its words the archive never holds

    @property
    def total_weight(self) -> float:
        return sum(self.weights.values())


# A question about what the editor's note says ("What does the editor think …?") is about its
# writer, as one naming a reader is about that reader's comments; not one about someone else's
# editor ("the Flight International editor", "the editor of The Times").
_EDITOR = re.compile(
    r"\b(?:the|its|this)\s+(?:editor|commentary)\b(?!\s+(?:of|at)\b)|\beditor'?s'?\s+note\b|"
    r"\beditorial\b",
    re.IGNORECASE,
)


def asks_editor(question: str) -> bool:
    return bool(_EDITOR.search(question))


# A capitalised word (with the capitalised parts hyphened to it: "July-September", not the
# "winning" of "OBE-winning") not opening a sentence, or a number.
_SPECIFIC = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’]*(?:-[A-Z0-9][\w'’]*)*|\b\d[\d,.]*\b")


# Words that name the same thing: a few abbreviations news writes out ("MPs" are "members of
# parliament", and sit in "the Commons"); stems, as ``stems`` makes them.
_SAME_NAMES = (
    "mp mps parliament parliamentarian lawmak legisl common",
    "pm prime",
    "tori conserv",
    "ceo chief",
    "tv televis telev telli",
    "gi gis soldier troop servicemen serviceman",
)
# A country's names and its people's adjectives (before the bar, after it): "the UK" in a
# question is not missing from a story that says "British", nor "Thai" from one that says
# "Thailand".
_PEOPLES = (
    "uk britain gb | british briton brit",
    "us usa america | american",
    "ussr | soviet",
    "england | english",
    "scotland | scottish scot",
    "wales | welsh",
    "ireland | irish",
    "france | french",
    "germany | german",
    "italy | italian",
    "spain | spanish",
    "portugal | portuguese",
    "netherlands holland | dutch",
    "belgium | belgian",
    "switzerland | swiss",
    "austria | austrian",
    "sweden | swedish swede",
    "norway | norwegian",
    "finland | finnish finn",
    "denmark | danish dane",
    "poland | polish",
    "czech | czech",
    "hungary | hungarian",
    "romania | romanian",
    "bulgaria | bulgarian",
    "greece | greek",
    "turkey | turkish",
    "serbia | serbian serb",
    "croatia | croatian croat",
    "ukraine | ukrainian",
    "russia | russian",
    "europe eu | european",
    "china | chinese",
    "japan | japanese",
    "korea | korean",
    "taiwan | taiwanese",
    "india | indian",
    "pakistan | pakistani",
    "bangladesh | bangladeshi",
    "afghanistan | afghan",
    "iran | iranian",
    "iraq | iraqi",
    "israel | israeli",
    "syria | syrian",
    "lebanon | lebanese",
    "jordan | jordanian",
    "egypt | egyptian",
    "libya | libyan",
    "morocco | moroccan",
    "saudi arabia | saudi",
    "kuwait | kuwaiti",
    "qatar | qatari",
    "thailand | thai",
    "malaysia | malaysian",
    "indonesia | indonesian",
    "philippines | filipino philippine",
    "vietnam | vietnamese",
    "singapore | singaporean",
    "australia | australian",
    "canada | canadian",
    "mexico | mexican",
    "brazil | brazilian",
    "argentina | argentine argentinian",
    "chile | chilean",
    "colombia | colombian",
    "cuba | cuban",
    "jamaica | jamaican",
    "nigeria | nigerian",
    "kenya | kenyan",
    "zimbabwe | zimbabwean",
    "ethiopia | ethiopian",
    "ghana | ghanaian",
)


def _stemmed(text: str) -> list[str]:
    return stems(words(text), QUESTION_STOPWORDS)


_GROUPS = [g.split() for g in _SAME_NAMES] + [_stemmed(p.replace("|", " ")) for p in _PEOPLES]
_SAME = {t: frozenset(g) for g in _GROUPS for t in g}


def same_name(term: str) -> frozenset[str]:
    """The stems that name the same thing as ``term`` (itself only, for most terms)."""
    return _SAME.get(term, frozenset((term,)))


# A title before a name pins nothing down ("Mr Blair" is "Tony Blair" in the story)
_TITLES = frozenset("mr mrs ms dr sir dame lord ladi prof".split())
# Capitals that name a kind of person or thing, not one ("which DJ", "a GP", "the AGM"; "MPs"
# and "the PM" are the same names as "parliament" and "prime minister", below)
_COMMON_INITIALISMS = frozenset(
    "dj djs md gp gps cd cds dvd dvds pc pcs pr hr agm ipo sms atm mp3".split()
)


# A people's adjective right after "which"/"what" describes the answer, not the event: "In
# which English county did the business start?" is not about a story that says "England".
DEMONYMS = frozenset(t for p in _PEOPLES for t in _stemmed(p.partition("|")[2]))
_ASKED_KIND = re.compile(r"\b(?i:which|what)\s+([A-Z][\w'’-]*)")


# A score on the way to the result ("the spot kick that put Wexcombe 2-1 up", "a 1-0 lead"):
# a match report tells the goals, seldom each score between them (the result it does tell)
_INTERIM_SCORE = re.compile(
    r"\b\d+-\d+(?= (?:up|down|ahead|behind|in front)\b)|\b\d+-\d+ (?=lead\b)", re.IGNORECASE
)
# "Number 10" (so capitalised: a rugby "number 10" is a fly-half) is Downing Street, not a
# name and a number the story lacks
_NUMBER_10 = re.compile(r"\b(?:Number|No\.?) (?:10|Ten)\b(?! shirt| jersey)")


# A product's version after its name: "Firefox 1.5", "Windows 3.1" (not "up 1.5%", "£2.5m")
_VERSION = re.compile(
    r"\b[A-Z][\w-]* (\d+\.\d+)\b(?![.,]?\d|\s?(?:%|per|[mkb]|bn|mn|million|billion))"
)


def versions(question: str) -> list[str]:
    """The versions of a product the question names ("1.5" of "Firefox 1.5")."""
    return [m.group(1) for m in _VERSION.finditer(question)]


def _gives_version(version: str, title: str, passages: Sequence[Candidate]) -> bool:
    pattern = re.compile(rf"(?<![\d.]){re.escape(version)}(?![.,]?\d)")
    return any(pattern.search(text) for text in (title, *(c.body for c in passages)))


def specific_terms(question: str) -> frozenset[str]:
    """Stems of the question's names (capitalised words not opening a sentence, without the
    titles before them and a people's adjective that says what kind of answer is asked for)
    and numbers: what pins it to one event."""
    question = _INTERIM_SCORE.sub(" ", _NUMBER_10.sub("Downing Street", question))
    found = " ".join(m.group(0) for m in _SPECIFIC.finditer(question.strip()))
    asked = " ".join(m.group(1) for m in _ASKED_KIND.finditer(question))
    kind = frozenset(stems(words(asked), QUESTION_STOPWORDS)) & DEMONYMS
    return frozenset(stems(words(found), QUESTION_STOPWORDS)) - _TITLES - _COMMON_INITIALISMS - kind


@lru_cache(maxsize=1024)
def forenames(question: str) -> Mapping[str, str]:
    """The stems of the words before the last of each name the question gives in several
    capitalised words, each mapped to that last word's stem: a story that names "Scholes"
    or "United" does not lack the "Paul" of "Paul Scholes" or the "Manchester" of
    "Manchester United" a question adds."""
    found: dict[str, str] = {}
    # (as typed: "Springbok (South Africa) Schalk Burger" is one run of capitals)
    for match in NAME_RUN.finditer(without_names_added(question)):
        parts = [stems(words(w), QUESTION_STOPWORDS) for w in match.group(0).split()]
        last = parts[-1][-1] if parts[-1] else None
        if last is None:
            continue
        for part in parts[:-1]:
            for stem in part:
                found.setdefault(stem, last)
    return found


def _named_by_last(question: Question, term: str, story_stems: frozenset[str]) -> bool:
    """``term`` opens a name whose last word the story holds and which that word singles out
    about as well (nearly as rare in the archive): "Paul" of "Paul Scholes" and "Anastasia"
    of "Anastasia Myskina" (7.21 and 6.99), not "Mittal" of "Mittal Steel" (7.50 and 6.07)."""
    last = forenames(question.text).get(term)
    weights = question.weights
    return (
        last is not None
        and bool(same_name(last) & story_stems)
        and weights.get(last, 0.0) >= NEARLY_AS_RARE * weights.get(term, 0.0)
    )


NEARLY_AS_RARE = 0.9


def rarity_weights(
    terms: Sequence[str], doc_freqs: Mapping[str, int], passages: int
) -> dict[str, float]:
    """log(1 + N / df) per term; a word the archive lacks weighs as much as the rarest."""
    ceiling = math.log(1 + max(1, passages))
    return {
        t: (math.log(1 + passages / doc_freqs[t]) if doc_freqs.get(t) else ceiling) for t in terms
    }


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    stems: frozenset[str]


@dataclass
class Candidate:
    """One passage of the first stage, with what is known about it."""

    chunk: StoredChunk
    body: str
    similarity: float = 0.0
    bm25: float = 0.0
    bm25_checked: bool = False  # asked the lexical index (0 = no shared word)
    dense_rank: int | None = None
    lexical_rank: int | None = None
    sentences: tuple[Sentence, ...] = ()
    stems: frozenset[str] = frozenset()
    best: int = 0  # index of the best sentence
    span: tuple[int, int] | None = None  # the window the cross-encoder liked best
    also_span: tuple[int, int] | None = None  # another it liked nearly as well
    focus: Mapping[str, float] | None = None  # the question's weights within its file
    # whether each sentence holds the kind of thing asked for, as far as worked out
    asked: dict[int, bool] = field(default_factory=dict)
    features: dict[str, float] | None = None
    score: float = 0.0
    relevance: float | None = None  # cross-encoder score, when it ran

    @property
    def meta(self) -> dict[str, object]:
        return self.chunk.metadata

    @property
    def position(self) -> int:
        """Its place among its file's passages (0 first)."""
        return int(str(self.meta.get("chunk_index") or 0))


def paragraph_beside(
    candidate: Candidate, passages: Sequence[Candidate], step: int
) -> Candidate | None:
    """The passage ``step`` places after the candidate in its file and section (before it, for
    a negative step), among ``passages``."""
    meta = candidate.meta
    index = candidate.position + step
    for passage in passages:
        if (
            passage.meta.get("source") == meta.get("source")
            and passage.meta.get("section") == meta.get("section")
            and passage.position == index
        ):
            return passage
    return None


def _share(weights: Mapping[str, float], present: frozenset[str]) -> float:
    total = held = 0.0
    for term, weight in weights.items():  # one pass: it runs for every sentence read
        total += weight
        if term in present:
            held += weight
    return held / total if total else 0.0


def focus_weights(question: Question, passages: Sequence[Candidate]) -> dict[str, float]:
    """The question's word weights for telling apart passages of one file: a word every
    passage of the file holds (its topic) says nothing about which one answers."""
    n = len(passages)
    weights: dict[str, float] = {}
    for term, weight in question.weights.items():
        holding = sum(1 for c in passages if term in c.stems)
        weights[term] = weight * (1.0 - (holding - 1) / n if holding else 1.0)
    return weights


def analyse_text(candidate: Candidate) -> None:
    """Sentences and stems of the passage (and of its author names)."""
    stored = candidate.chunk.analysis
    if stored is None:
        text = candidate.body
        spans = sentence_spans(text) or [(0, len(text))]
        sentences = tuple(
            Sentence(s, e, frozenset(stems(words(text[s:e]), QUESTION_STOPWORDS))) for s, e in spans
        )
    else:
        sentences = tuple(Sentence(s, e, frozenset(t)) for s, e, t in stored)  # (no copy)
    names = " ".join(str(candidate.meta.get(k) or "") for k in ("author", "parent_author"))
    candidate.sentences = sentences
    candidate.stems = frozenset().union(
        *(s.stems for s in sentences),
        stems(words(names), QUESTION_STOPWORDS) if names.strip() else (),
    )


# The line of an "article details" passage (``retrieval/facts.py``) each kind of question
# about a file's details asks for: the kind named first in the question wins ("which outlet is
# the story with Dean's editor's note taken from" asks for the outlet).
_FACT_LINES: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (re.compile(asked, re.IGNORECASE), re.compile(line))
    for asked, line in (
        (r"\b(editor'?s?'?( note)?|commentary|introduc\w*|signed)\b", r"\beditor's note\b"),
        (r"\b(headline|title|titled|called)\b", r"^Title:"),
        (r"\b(disclaimers?|notices?|crowd-?fund\w*|copyright)\b", r"\bnotice on the page\b"),
        (r"\b(when|date|published|posted)\b", r"\bfirst published on\b"),
        (
            r"\b(how many|number of)\b.*\b(comments?|commenters?|readers?|people|replies)\b|"
            r"\bcomment(s|ed|ers?)\b",
            r"\breader comments?\b",
        ),
        (
            r"\b(agency|agencies|wire|outlet|source|credited|supplied|publication|site|byline|"
            r"reporter|journalist|taken from|reproduced|republished|reprinted|syndicated|"
            r"broadcaster|network|channel|originally|come from|came from|comes from)\b|"
            r"^\W*where\b",
            r"\b(source is credited|byline reads)\b",
        ),
    )
)
_WROTE = re.compile(r"\b(wrote|written|author)\b", re.IGNORECASE)
# Who wrote it: its byline or its editor's note (a credited agency is where it came from)
_WRITER_LINE = re.compile(r"\b(byline reads|editor's note was written)\b")
# "How are the editor's notes paid for?": a notice on the page says, not the note's signature
_FUNDING = (
    re.compile(
        r"\b(funds?|funded|funding|pays?|paid|financ\w+|bankroll\w*|donat\w+|paypal|"
        r"crowd-?fund\w*)\b",
        re.IGNORECASE,
    ),
    re.compile(r"\bnotice on the page\b"),
)
# "Who commented the most?", "the most active commenter": asked before any other line
_MOST_ACTIVE = (re.compile(MOST_ACTIVE_ASKED, re.IGNORECASE), re.compile(r"\bmost active\b"))


# A passage that tells who came next says someone took over or is new in the post: that
# someone left ("will step down in January", "quit as Ajax boss last week") does not say who
# followed ("who succeeded Greenspan?", "who was appointed to replace Koeman?")
SUCCESSION_TOLD = re.compile(
    # ("succeeded in turning things round" is no succession)
    r"\b(?:succe(?:ed|eds|eded|eding)(?! in\b)|successor|predecessor|replac\w*|"
    r"t(?:ook|ake|akes|aking|aken) over|"
    r"(?:took|take|takes|taking) the helm|new (?:\w+ ){0,2}(?:leader|chair\w*|chief|head|boss|"
    r"manager|coach|president|director|executive|editor|captain|secretary|minister|bassist|"
    r"singer|drummer|guitarist|member)|appointed|elected|named as)\b",
    re.IGNORECASE,
)


ASKED_LINE = "asked_line"  # signal: a details passage holds the line the question asks for
LACKS_AMOUNT = "lacks_amount"  # signal: "how many" asked, and the passage does not give it
LACKS_NAME = "lacks_name"  # signal: a name asked, and the passage gives none (``unnamed``)
LACKS_DATE = "lacks_date"  # signal: "when" asked, and the passage tells no time
# signal: who came next asked, and no sentence tells someone new took over
UNTOLD_SUCCESSION = "untold_succession"
# signal: someone's words asked for by name, and the passage reports none of theirs
SPEAKER_SILENT = "speaker_silent"
# signal: something done asked about ("when did Nintendo release the DS in Europe?"), and the
# passage, an article's, tells it only as still to come (the story was written before it)
TOLD_TO_COME = "told_to_come"
# signal: how many of the names and numbers the asker typed (with capitals: a lower-case
# question's names are guesses) the passage's file lacks ("Ocean's Thirteen", "Macworld 2007"),
# not counting a people's adjective ("the Dutch club" describes a club the story names)
TYPED_NAMES_LACKING = "typed_names_lacking"
DEMONYM_MISSING = 0.5  # what a people's adjective the story lacks counts for in story_missing
# signal: the question's names and numbers its file lacks, but a people's adjective (what
# ``TYPED_NAMES_LACKING`` counts, for a question typed with capitals)
NAMES_MISSING = "names_missing"
# signal: a role "who" asks about ("who directed it?", "who is his agent?") that the passage's
# file never names
ROLE_UNNAMED = "role_unnamed"
# signal: the passage names one of the question's countries, not another it asks about, and a
# third in its place ("the US–South Korea talks" asked, the US's talks with Japan told)
OTHER_COUNTRIES = "other_countries"


@lru_cache(maxsize=1024)
def asked_fact_line(question: str) -> re.Pattern[str] | None:
    """The details line a question about a file's details asks for, if it says."""
    if _MOST_ACTIVE[0].search(question):
        return _MOST_ACTIVE[1]
    if _FUNDING[0].search(question):
        return _FUNDING[1]
    named = [(m.start(), line) for asked, line in _FACT_LINES if (m := asked.search(question))]
    if named:
        return min(named, key=lambda found: found[0])[1]
    return _WRITER_LINE if _WROTE.search(question) else None


_OPEN_ENDED: frozenset[Expects] = frozenset({"reason", "quote", "facts"})
# Kinds of answer a sentence holds or lacks by its words (a reason or a quote is open-ended)
SHORT_ANSWERS: frozenset[Expects] = frozenset(
    {"number", "date", "person", "place", "organisation", "entity"}
)


def holds_asked_thing(question: Question, text: str, details: bool = False) -> bool:
    """The text holds the kind of thing the question asks for, and not only as the question's
    own words: a number other than the question's for "how many", a date for "when", a name
    the question does not give for "who", "where" or "which company"; a reason or a quote
    marker for "why" and "what did X say". A line of a details passage (``details``) holds it
    when it is the line the question names, whatever the question asks ("What is the name of
    the Press TV editor?" is the editor's note's line, not the title's)."""
    expects = question.intent.expects
    if (details or expects == "facts") and (line := asked_fact_line(question.text)) is not None:
        return bool(line.search(text))
    if expects is None or expects not in ANSWER_PATTERNS:
        return False
    if expects == "reason" and asks_failure(question.text):
        return bool(_CAUSE.search(text))  # what it was meant to do is not what went wrong
    if expects == "date" and asks_time_of_day(question.text):
        return gives_time_of_day(text)  # "at what time…": a day is not the time of day asked
    things = _answers_in(expects, text)
    if expects in _OPEN_ENDED or not things:
        return bool(things)
    if expects in _NAMES and (carried := name_word_asked(question.text)) is not None:
        return names_kind(question, text, carried)  # "which local authority": a council's name
    if expects == "person" and (titled := title_asked(question.text)) is not None:
        return names_titled(question, text, *titled)  # "which judge": Judge Hilary Marchbanks
    if (
        expects == "person"
        and (owned := role_owner_asked(question.text)) is not None
        and only_others_role(text, *owned)
    ):
        return False  # "Oakhaven chief executive …" for Tillingham's chief executive
    if expects == "place" and asks_location(question.text) and not names_a_place(question, text):
        return False  # "in which town is the studio based?": "its head, Nathaniel Gorringe" no
    if expects == "number" and not gives_kind_of_number(question.text, text):
        return False  # "what proportion…", "how long…": a count is not the answer
    if expects == "date" and asks_day(question.text) and not gives_day(text):
        return False  # "on what date…": a year or a month is not the day asked for
    if expects == "date" and (told := origin_told(question.text)) is not None:
        # "when was it founded?": a date told with the founding, not any of the story's
        return any(
            told.search(sentence) and ANSWER_PATTERNS["date"].search(sentence)
            for start, end in sentence_spans(text)
            for sentence in [text[start:end]]
        )
    return any(
        any(t not in question.weights for t in found) or (not found and expects == "number")
        for found in things
    )


_NAMES: frozenset[Expects] = frozenset({"place", "organisation", "entity"})


def names_kind(question: Question, text: str, carried: re.Pattern[str]) -> bool:
    """The text names a thing whose name carries the word (a "… Council" for "which local
    authority", not "Council" alone), other than one the question names."""
    return any(
        " " in (name := match.group(0))
        and carried.search(name)
        and any(t not in question.weights for t in _stems_of(name))
        for match in NAME.finditer(text)
    )


def names_titled(
    question: Question, text: str, title: re.Pattern[str], role: re.Pattern[str]
) -> bool:
    """The text names someone with the title asked for ("Judge Hilary Marchbanks" for "which
    judge"), or names the role asked for beside a name ("the judge, Hilary Marchbanks"),
    other than one the question names."""
    names = [
        match.group(0)
        for match in NAME.finditer(text)
        if any(t not in question.weights for t in _stems_of(match.group(0)))
    ]
    if any(" " in name and title.search(name) for name in names):
        return True
    return bool(names) and bool(role.search(text))


# Before a place's name: "in Brimscott", "at Mardle Park", "taken to Saltbeck Hospital", "off
# Lundy", "the town of Ravensholt"; after it (or ending it): "Cambridge-based"
_LOCATED_BEFORE = re.compile(
    r"\b(?:in|at|near|from|to|into|inside|outside|across|around|throughout|towards?|via|off|"
    r"within|beyond|between|on|(?:town|city|village|county|island|region|port|state|"
    r"province|suburb|borough|nation|country|kingdom|republic|district) of|"
    # "leave Okinawa", "fled Baghdad", "visited Tokyo"
    r"leave|leaving|left|flee|fled|fleeing|quit|visit|visited|visiting|invade|invaded|"
    r"enter|entered|reach|reached|tour|toured)\s+(?:the\s+)?"
    # "in eastern Europe", "in south-west England", "in central London"
    r"(?:(?:north|south|east|west)(?:ern|-east|-west|-eastern|-western)?|central|inner|"
    r"outer|rural|mainland|greater|downtown)?\s*"
    # "in the capital, Nairobi"
    r"(?:(?:[a-z]+\s+){0,2}?(?:capital|city|town|village|county|port|region|state|country|"
    r"province|island|suburb|borough|district),?\s+)?$",
    re.IGNORECASE,
)
# … or "-based", "-born", or a place's people or firms: "the Birmingham woman", "Yorkshire
# company Shepherds Purse"
_LOCATED_AFTER = re.compile(
    r"(?<!['’]s)(?:-based|-born|\s+(?:company|firm|group|business|man|woman|men|women|boy|"
    r"girl|teenager|pensioner|couple|family|resident|residents|student|plant|factory))\b"
)
# "Where …?", "in which town …?", "which town is it based in?": where something is or happened
# (not "which state …", "which seat …": a name in any place of the sentence answers those)
_ASKS_LOCATION = re.compile(
    r"^\W*where\b|\bwhere(?:['’]s| is| was| were| are| did| does| do| will| would| has| had)\b|"
    r"\b(?:in|at|from|to|near|into|outside) (?:which|what)\b|"
    r"\b(?:which|what) [\w\s'’-]{1,60}\b(?:in|at|from|near)\W*$",
    re.IGNORECASE,
)


@lru_cache(maxsize=1024)
def asks_location(question: str) -> bool:
    """The question asks where something is or happened."""
    return bool(_ASKS_LOCATION.search(question))


def names_a_place(question: Question, text: str) -> bool:
    """The text names a place the question does not: a country (not its people's adjective),
    or a name written where a place goes (after "in", "at", "near", "to", …, or before
    "-based"). A person's or a firm's name in the subject ("Cobaltwing's studio head,
    Nathaniel Gorringe, said") is no answer to "where"."""
    for match in NAME.finditer(text):
        name = match.group(0)
        if not any(t not in question.weights for t in _stems_of(name)):
            continue
        if _CALENDAR.fullmatch(name):
            continue  # "on Friday"
        if _LOCATED_AFTER.match(text, match.end()) or "-based" in name or "-born" in name:
            return True
        if is_country(name) and not DEMONYMS.issuperset(_stems_of(name)):
            return True  # "Sweden", not "Greville's Dutch coach"
        if _LOCATED_BEFORE.search(text, max(0, match.start() - 48), match.start()):
            return True
    return False


def names_a_person(text: str) -> bool:
    """The text names someone (a run of capitalised words that is no country nor date)."""
    return bool(_answers_in("person", text))


def _folded(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A case-blind pattern written in lower case, to run over lower-cased text: the same
    matches, three times faster (Python's regular expressions fold every character's case
    at every position they try). None for a pattern that is not case-blind, or that holds an
    escape whose meaning lowering would change (``\\W``, ``\\D``, ``\\S``, ``\\B``)."""
    if not pattern.flags & re.IGNORECASE or re.search(r"\\[A-Z]", pattern.pattern):
        return None
    return re.compile(pattern.pattern.lower())


_FOLDED_PATTERNS: dict[Expects, re.Pattern[str]] = {
    expects: folded
    for expects, pattern in ANSWER_PATTERNS.items()
    if (folded := _folded(pattern)) is not None
}


@lru_cache(maxsize=4096)
def _answers_in(expects: Expects, text: str) -> tuple[tuple[str, ...], ...]:
    """The content stems of each thing of the kind ``expects`` the text holds (a name, a
    number, a date); for an open-ended kind (a reason, a quote), one empty entry when it holds
    a marker of it. Kept: a story's follow-up questions read the same sentences."""
    pattern = ANSWER_PATTERNS[expects]
    folded = _FOLDED_PATTERNS.get(expects)
    found: list[tuple[str, ...]] = []
    for match in folded.finditer(text.lower()) if folded else pattern.finditer(text):
        if expects in _OPEN_ENDED:
            return ((),)
        thing = match.group(0)
        if pattern is NAME and " " not in thing and _opens_sentence(text, match.start()):
            continue  # one capitalised word opening a sentence is not a name
        if expects == "person" and (is_country(thing) or _CALENDAR.fullmatch(thing)):
            continue  # "US officials", "South Korean lawmakers", "on Tuesday": nobody named
        found.append(_stems_of(thing))
    return tuple(found)


def _opens_sentence(text: str, start: int) -> bool:
    """Nothing but spaces between ``start`` and the text's start or a sentence's end."""
    before = start - 1
    while before >= 0 and text[before].isspace():
        before -= 1
    return before < 0 or text[before] in _SENTENCE_ENDS


@lru_cache(maxsize=16384)
def _stems_of(found: str) -> tuple[str, ...]:
    """The content stems of a name, number or date (the same few recur across sentences)."""
    return tuple(stems(words(found), QUESTION_STOPWORDS))


def is_details(candidate: Candidate) -> bool:
    """The file's details passage ("article details"), not a paragraph or a comment."""
    return candidate.meta.get("kind") == "facts"


def author_answers(question: Question, candidate: Candidate) -> bool:
    """The candidate is a reader's comment and the question asks which reader: its author is
    the person asked for ("Which commenter called the US a bully?"), whatever names its text
    holds."""
    intent = question.intent
    return (
        intent.kind == "comment"
        and intent.expects == "person"
        and intent.author is None
        and candidate.meta.get("kind") == "comment"
    )


def span_holds_asked(question: Question, candidate: Candidate, span: tuple[int, int]) -> bool:
    """A stretch of the candidate (a sentence, a window) holds what the question asks for: by
    its words (``holds_asked_thing``), or by its author (``author_answers``)."""
    details = is_details(candidate)
    # a details passage is read by its lines: a notice's later sentences are the notice's too
    start = candidate.body.rfind("\n", 0, span[0]) + 1 if details else span[0]
    return author_answers(question, candidate) or holds_asked_thing(
        question, candidate.body[start : span[1]], details
    )


def lacks_amount(question: Question, candidate: Candidate) -> bool:
    """The question asks "how many", "how much", "what share", "how old" or "how long" in so
    many words, and the passage gives no number of that kind besides the question's own (for a
    price or a cost, no sum of money; for a share, no percentage nor fraction; an age, a length
    of time), or gives another country's (``countries.about_other_countries``, over it and its
    title): what it says is not the answer."""
    text = question.text
    if question.intent.expects != "number" or not (
        asks_amount(text) or asks_share(text) or asks_age(text) or asks_duration(text)
    ):
        return False
    if asks_duration(text):  # told without a number too: "throughout the day", "an hour"
        if not gives_kind_of_number(text, candidate.body):
            return True
    elif not holds_asked_thing(question, candidate.body):
        return True
    if asks_money(question.text) and (
        not gives_money(candidate.body)
        # "how much redundancy pay …" of a story giving only the savings made
        or untold_money_kind(question.text, candidate.body)
    ):
        return True
    title = str(candidate.meta.get("title") or "")
    return about_other_countries(question.text, f"{title}\n{candidate.body}")


def lacks_date(question: Question, candidate: Candidate) -> bool:
    """The question asks when, and the passage tells no time besides the question's own (no
    year, month, day, season nor "ago"): "when is the film due out?" is not answered by a
    passage about the books it is made of."""
    return question.intent.expects == "date" and not holds_asked_thing(question, candidate.body)


def told_only_to_come(question: Question, candidate: Candidate) -> bool:
    """The question asks in the past tense about something done, and the passage (an
    article's) tells it as still to come in its best sentence ("the DS will launch in Europe
    on 11 March") and tells nothing done in any sentence holding the question's words (a story
    of the launch that says the DS "went on sale in Japan" still may not; one that says the
    song "was written by Mike Read" tells what was done). Not for a reason: a decision's cause is
    told before what it decides is done ("What prompted Kestlewood to drop its country routes?"
    is answered by "Kestlewood is to withdraw 14 rural bus routes after the county council cut
    its support")."""
    intent = question.intent
    if not intent.done_event or intent.expects == "reason":
        return False
    if (candidate.meta.get("kind") or "article") != "article":
        return False
    best = candidate.sentences[candidate.best]
    if not told_as_to_come(candidate.body[best.start : best.end]):
        return False
    asked = question.weights.keys()
    return not any(
        tells_done(candidate.body[s.start : s.end])
        for s in candidate.sentences
        if not s.stems.isdisjoint(asked)
    )


# Words that make a run of capitalised words a body, not a person ("Korean National Police")
_INSTITUTIONS = frozenset(
    stems(
        words(
            "police ministry department council party bank agency office association union "
            "commission committee court company corporation group university institute "
            "foundation federation league army navy forces service authority board parliament "
            "government assembly senate congress fund organisation organization trust society "
            "bureau press news television radio airways airlines hospital school college church"
        ),
        QUESTION_STOPWORDS,
    )
)


def lacks_name(question: Question, candidate: Candidate) -> bool:
    """The question asks a person's name in so many words ("what was the name of the drunk
    soldier …?") and the passage, an article's, names nobody besides the question's own names:
    no one but bodies ("Korean National Police"), countries and days."""
    if not question.intent.name_asked or candidate.meta.get("kind") == "comment":
        return False
    return not _names_someone_new(question, candidate.body)


def _names_someone_new(question: Question, text: str) -> bool:
    """The text names someone besides the question's own names (not a body, a country or a
    day)."""
    return any(
        found
        and not _INSTITUTIONS.intersection(found)
        and any(t not in question.weights for t in found)
        for found in _answers_in("person", text)
    )


def untold_succession(question: Question, candidate: Candidate) -> bool:
    """The question asks who came next or before ("who has the trust appointed to succeed
    Hugh Pendlecott?") and no sentence of the passage both tells a succession and names
    someone besides the question's own names (in it, or in the sentence before one opening
    with "he", "she" or "they": "He takes over from Koeman"). Beds "taken over by emergency
    admissions", in a story of the surgeon's resignation, tell no one's succession, nor does
    the bookmakers' favourite to succeed the manager (unless the question asks about
    favourites or candidates)."""
    if not question.intent.succession:
        return False
    texts = [candidate.body[s.start : s.end] for s in candidate.sentences] or [candidate.body]
    speculation_asked = bool(_SPECULATED.search(question.text))
    named_before = False
    for text in texts:
        named = _names_someone_new(question, text)
        if (
            (named or (named_before and _OPENS_WITH_PRONOUN.match(text)))
            and SUCCESSION_TOLD.search(text)
            and (speculation_asked or not _SPECULATED.search(text))
        ):
            return False
        named_before = named
    return True


_OPENS_WITH_PRONOUN = re.compile(r"\W*(?:he|she|they)\b", re.IGNORECASE)
# Who might come next, not who did ("Bookmakers have made Ian Cardew the 5-2 favourite to
# succeed Tolliver"): no succession told, unless that is what the question asks about
_SPECULATED = re.compile(
    r"\b(?:favourites?|tipped|front-?runners?|odds|bookmakers|bookies|candidates?|contenders?|"
    r"linked with|shortlist\w*|in the running)\b",
    re.IGNORECASE,
)


def asked_in_sentence(question: Question, candidate: Candidate, index: int) -> bool:
    """``span_holds_asked`` for one sentence of the candidate, worked out once a question."""
    held = candidate.asked.get(index)
    if held is None:
        sentence = candidate.sentences[index]
        held = candidate.asked[index] = span_holds_asked(
            question, candidate, (sentence.start, sentence.end)
        )
    return held


def sentence_score(
    question: Question,
    candidate: Candidate,
    index: int,
    weights: Mapping[str, float] | None = None,
) -> float:
    """How well one sentence answers: the question's words it holds (weighted by ``weights``,
    by default their rarity), and whether it holds the kind of thing asked for."""
    sentence = candidate.sentences[index]
    score = _share(question.weights if weights is None else weights, sentence.stems)
    if asked_in_sentence(question, candidate, index):
        score += _asked_bonus(question, candidate)
    return score


def _asked_bonus(question: Question, candidate: Candidate) -> float:
    """What holding the kind of thing asked for adds to a sentence's score: the details line
    asked for is the answer."""
    line = question.intent.expects == "facts" or asked_fact_line(question.text) is not None
    return 1.0 if is_details(candidate) and line else 0.25


def best_sentence(question: Question, candidate: Candidate, weights: Mapping[str, float]) -> int:
    """The index of the sentence with the best ``sentence_score`` (the first of equals). Whether
    a sentence holds the kind of thing asked for is worked out only for those whose words could
    still make them the best."""
    shares = [_share(weights, s.stems) for s in candidate.sentences]
    bonus = _asked_bonus(question, candidate)
    best, best_score = 0, -1.0
    for index in sorted(range(len(shares)), key=lambda i: (-shares[i], i)):
        if shares[index] + bonus < best_score:
            break  # nor can any after it
        score = shares[index] + (bonus if asked_in_sentence(question, candidate, index) else 0.0)
        if score > best_score or (score == best_score and index < best):
            best, best_score = index, score
    return best


FILES_CHECKED = 8  # files looked up in the index for the question's names their candidates lack


@lru_cache(maxsize=1024)
def _names_added_stems(question: str) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """The stems of each nickname of the question and of the full name written after it
    (worked out once a question: every file found for it asks)."""
    return tuple(
        (
            frozenset(stems(list(typed), QUESTION_STOPWORDS)),
            frozenset(stems(list(full), QUESTION_STOPWORDS)),
        )
        for typed, full in names_added(question)
    )


def _one_name_each(question: str, lacking: list[str]) -> list[str]:
    """``lacking`` (stems) with a nickname and the full name written after it ("Spurs
    (Tottenham)") as one name: held when the story writes either, missing once when it writes
    neither."""
    for typed, full in _names_added_stems(question):
        either_held = not typed <= set(lacking) or not full <= set(lacking)
        lacking = [t for t in lacking if t not in full and not (either_held and t in typed)]
    return lacking


def _preliminary(c: Candidate, best_bm25: float) -> float:
    return c.bm25 / best_bm25 + 2.0 * c.similarity


def compute(
    question: Question,
    candidates: Sequence[Candidate],
    file_terms: Callable[[str, frozenset[str]], frozenset[str]] | None = None,
    names_its_source: Callable[[str], bool] | None = None,
) -> None:
    """Fill in every candidate's features. ``file_terms(source, stems)`` tells which of the
    question's names and numbers a file holds outside the candidates; it is asked about the
    ``FILES_CHECKED`` files whose candidates match the question best (the rest, and all
    without it, are judged by their candidates alone). ``names_its_source(source)``: the
    file's details say who published it, so it can lack the outlet the question says it was
    read in ("according to the Reuters article"); a file that does not (a BBC story never
    says "BBC") cannot."""
    if not candidates:
        return
    best_bm25 = max(c.bm25 for c in candidates) or 1.0
    best_cos = max(c.similarity for c in candidates)
    intent = question.intent
    editor = intent.expects != "facts" and asks_editor(question.text)
    by_source: dict[str, list[Candidate]] = {}
    for c in candidates:
        if not c.sentences:
            analyse_text(c)
        by_source.setdefault(str(c.meta.get("source", "")), []).append(c)
    stories = {s: max(_preliminary(c, best_bm25) for c in p) for s, p in by_source.items()}
    best_story = max(stories.values()) or 1.0
    checked = set(sorted(stories, key=lambda s: -stories[s])[:FILES_CHECKED])
    # the outlet the question says it was read in
    pointed = frozenset(stems(words(pointer_names(question.text)), QUESTION_STOPWORDS))
    typed = without_names_added(question.text)  # (what describes is read as typed)
    roles = roles_asked(question.text) if question.intent.expects == "person" else ()
    for source, passages in by_source.items():
        focus = focus_weights(question, passages)
        story = stories[source] / best_story
        story_cos = max(c.similarity for c in passages)
        title = str(passages[0].meta.get("title") or "")
        title_stems = frozenset(stems(words(title), QUESTION_STOPWORDS))
        story_stems = frozenset().union(title_stems, *(c.stems for c in passages))
        story_cov = _share(question.weights, story_stems)
        lacking = [
            t
            for t in question.specific
            if not same_name(t) & story_stems and not _named_by_last(question, t, story_stems)
        ]
        if lacking and file_terms is not None and source in checked:
            # the names' last words too: a file that names "Myskina" only outside the
            # candidates does not lack the "Anastasia" of "Anastasia Myskina"
            lasts = [last for t in lacking if (last := forenames(question.text).get(t))]
            held = file_terms(source, frozenset().union(*map(same_name, [*lacking, *lasts])))
            lacking = [
                t
                for t in lacking
                if not same_name(t) & held and not _named_by_last(question, t, held)
            ]
        if lacking and source in checked:
            written = held_otherwise(question.text, lacking, [title, *(c.body for c in passages)])
            lacking = [t for t in lacking if t not in written]
        if set(lacking) & pointed and not (names_its_source and names_its_source(source)):
            lacking = [t for t in lacking if t not in pointed]
        # a name typed only to describe ("the Black Sabbath frontman") is not one it lacks
        lacking = [t for t in lacking if not describing(typed, t)]
        lacking = _one_name_each(question.text, lacking)
        # a version the story does not give ("Firefox 1.5" in a story of Firefox 1.0: the index
        # reads "1" and "5" apart, and the story holds both)
        lacking += [v for v in versions(question.text) if not _gives_version(v, title, passages)]
        # a role "who" asks about that the story never names ("who is Mallowby's agent?")
        unnamed_roles = [
            role
            for role, written in roles
            if not written & story_stems
            and not (file_terms is not None and source in checked and file_terms(source, written))
        ]
        lacking += unnamed_roles
        # a people's adjective typed to describe counts half: a question often adds one ("the
        # Swedish equipment maker", "the American sprinter") that the story never needs to say
        story_missing = sum(
            (
                DEMONYM_MISSING
                if t in DEMONYMS and describes_as_adjective(question.text, t)
                else 1.0
                for t in lacking
            ),
            0.0,
        )
        for c in passages:
            c.focus = focus
            c.best = best_sentence(question, c, focus)
            best = c.sentences[c.best]
            kind = str(c.meta.get("kind") or "article")
            matched_type = asked_in_sentence(question, c, c.best)
            lead = kind == "article" and int(str(c.meta.get("paragraph") or 0)) <= 1
            person = (
                (intent.author is not None and c.meta.get("author") == intent.author)
                or (
                    intent.replied_to is not None
                    and c.meta.get("parent_author") == intent.replied_to
                )
                or (editor and c.meta.get("section") == "editor_note")
            )
            c.features = {
                "bm25": c.bm25 / best_bm25,
                "cos": c.similarity,
                "cos_gap": c.similarity - best_cos,
                "coverage": _share(question.weights, c.stems),
                "sent_cov": _share(question.weights, best.stems),
                "title_cov": _share(question.weights, title_stems),
                "focus": _share(focus, c.stems),
                "sent_focus": _share(focus, best.stems),
                "story": story,
                "cos_story_gap": c.similarity - story_cos,
                "story_cov": story_cov,
                "story_missing": story_missing,
                NAMES_MISSING: float(sum(t not in DEMONYMS for t in lacking)),
                "type_match": 1.0 if matched_type else 0.0,
                "lead": 1.0 if lead else 0.0,
                "kind_match": 1.0 if intent.kind is not None and kind == intent.kind else 0.0,
                "comment_unasked": 1.0 if kind == "comment" and intent.kind != "comment" else 0.0,
                "person_match": 1.0 if person else 0.0,
                "facts_match": 1.0 if intent.expects == "facts" and kind == "facts" else 0.0,
                "rr_dense": 1.0 / (1 + c.dense_rank) if c.dense_rank is not None else 0.0,
                "rr_lex": 1.0 / (1 + c.lexical_rank) if c.lexical_rank is not None else 0.0,
            }
            if unnamed_roles:
                c.features[ROLE_UNNAMED] = 1.0
            if (intent.expects == "facts" or intent.file_detail) and kind == "facts":
                # not a ranking feature: the details line the question asks for is there
                c.features[ASKED_LINE] = 1.0 if matched_type else 0.0
