"""What a question asks for beyond its words: a named person, article vs comments, and the
kind of thing that answers it (a number, a date, a person, a place, a reason, a quote)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from retrieval.tense import done_event_asked

Kind = Literal["article", "comment"]
Expects = Literal[
    "number", "date", "person", "place", "organisation", "entity", "reason", "quote", "facts"
]

_ARTICLE = re.compile(
    r"\b(the (article|story|report|piece|text|editor'?s? note|author|journalist)|"
    r"article|reported|according to the)\b",
    re.IGNORECASE,
)
_COMMENTS = re.compile(
    r"\b(comments?|commenters?|commented|readers?|repl(y|ies|ied|ying)|respond(ed|ing)|thread|"
    r"(people|someone|anyone|anybody) (say|said|claim|think|argue))\b",
    re.IGNORECASE,
)
_REPLY_TO = (
    r"(?:(?:repl(?:y|ies|ied|ying)|respon(?:d|ds|ded|ding|se)|answer(?:s|ed|ing)?)\s+(?:to\s+)?|"
    # words said to someone: "Who told Nick Rhynes he was beside the point?"
    r"(?:tells?|told|said\s+to|ask(?:s|ed)?|call(?:s|ed)?|accus(?:e|es|ed)|"
    r"criticis(?:e|es|ed)|criticiz(?:e|es|ed)|mock(?:s|ed)?|thank(?:s|ed)?|correct(?:s|ed)?|"
    r"challeng(?:e|es|ed)|insult(?:s|ed)?|(?:dis)?agree(?:s|d)?\s+with|argu(?:e|es|ed)\s+with|"
    # … and words aimed at them: "Did anyone make fun of Nick Rhynes' username?"
    r"(?:ma(?:ke|kes|de|king)|pok(?:e|es|ed|ing))\s+fun\s+(?:of|at)|laugh(?:s|ed)?\s+at|"
    r"attack(?:s|ed)?|(?:take|takes|took)\s+issue\s+with|push(?:es|ed)?\s+back\s+(?:on|against)|"
    r"rebut(?:s|ted)?|(?:wr(?:ite|ites|ote|iting)|hit|hits|shot|fir(?:e|es|ed))\s+back\s+(?:to|at)|"
    r"(?:come|came)\s+back\s+at)\s+)"
)

# Who wrote the most comments: the article details name the most active commenters ("which
# article has the most comments" asks for an article, not a commenter).
MOST_ACTIVE_ASKED = (
    r"\bmost (active|prolific|frequent|vocal|talkative) (commenter|reader|poster|contributor)s?\b|"
    r"\b(commenter|reader|poster|contributor)s? (was|were|is|are) (the )?most (active|prolific|"
    r"frequent|vocal|talkative)\b|"
    r"\b(commented|posted|wrote|written|replied|responded)( the)? most\b|"
    r"\bwho\b.{0,30}\bmost (comments|replies|posts)\b"
)
# What a file is called when a question asks about it as a file
_PIECE = r"(article|story|piece|report|repost|post|item|version)"
# The details of a file rather than its content: when, by whom, from where, how many comments.
_FACTS = re.compile(
    MOST_ACTIVE_ASKED + "|"
    r"\b(when was (it|the \w+( \w+)?) (first )?(published|posted|written)|"
    r"publish(ed|ing)? (date|on)|"
    r"date of publication|who (wrote|signed|authored) the (editor|commentary|byline)|"
    r"(who|whom) (is|was) the ([\w'’-]+ ){0,3}editor(?! of\b)|"
    r"name of the ([\w'’-]+ ){0,3}editor(?! of\b)|"
    r"whose (commentary|editor'?s? note)|"
    r"(which|what) ([\w-]+ )?(news )?(agency|wire|outlet|source|site|publication)|credited|"
    r"byline|disclaimer|crowd-?funded|"
    r"(reproduced|republished|reprinted|syndicated|reposted) from|"
    rf"^\W*where (was|were|did|does) (it|the ([\w'’-]+ ){{0,6}}?{_PIECE})\b.{{0,40}}\b"
    r"(published|posted|appear\w*|run|come from|taken from)|"
    r"(funds?|funded|funding|pays? for|paid for|financ\w+|bankroll\w*)\b.{0,40}\b"
    r"editor(ial|'?s?'? notes?)|"
    r"editor(ial|'?s?'? notes?)\b.{0,40}\b(funded|paid for|financed|bankrolled|supported)|"
    r"(which|what) (broadcaster|network|channel|newspaper|station)\b.{0,40}\b"
    rf"{_PIECE}\b.{{0,30}}\b(comes?|came|taken|reproduced|republished|reprinted) from|"
    r"headline|title of|how many (different |distinct |unique |individual |reader )?(commenters|"
    r"comments|replies|(people|readers|users) (have )?(commented|posted|replied|responded))|"
    r"number of (comments|commenters|replies)|"
    r"(which|what) (article|story|report|piece)s? (has|had|have|got|drew|attracted|received) "
    r"the (most|fewest) (comments|replies|commenters|readers)|"
    r"most (commented|discussed)( on| upon)? (article|story|report|piece))\b",
    re.IGNORECASE,
)
# Nouns that name what a "which …" / "what …" question asks for.
_PERSON_NOUNS = (
    r"man|woman|person|people|player|players|minister|politician|actor|actress|singer|star|"
    r"director|manager|coach|boss|executive|chief|official|leader|commenter|reader|spokesman|"
    r"spokeswoman|judge|author|writer|presenter|chairman|captain|winner|economist|analyst|"
    r"royal|member|defender|striker|midfielder|goalkeeper|forward|winger|medallist|athlete|"
    r"president|mp|candidate|founder|designer|artist|musician|comedian|host|editor|"
    r"journalist|negotiator|lawyer|boxer|champion|jockey|trainer|chef|owner|ceo|referee|"
    r"scientist|expert|critic|campaigner|successor|predecessor|deputy|secretary|envoy|"
    r"ambassador|novelist|composer|producer|rapper|guitarist|drummer|frontman|"
    r"prime minister|chancellor|governor|senator|mayor|general|bishop|king|queen|prince|"
    r"princess|lord|lady|sir|dame|soldier|officer|policeman|policewoman|driver|victim|suspect|"
    r"pilot|passenger|student|pupil|teacher|doctor|nurse|worker|employee|boy|girl|child|son|"
    r"daughter|wife|husband|father|mother|brother|sister|fan|prisoner|defendant|businessman|"
    r"businesswoman|entrepreneur"
)
_PLACE_NOUNS = (
    r"country|countries|city|cities|town|region|state|nation|venue|stadium|island|continent|"
    r"capital|market|markets|county|ground|seat|constituency|area|village|province|district|"
    r"port|airport|street|building|hotel|prison|university|school|hospital|park|arena|"
    r"circuit|track|location|site|place"
)
_TIME_NOUNS = r"year|years|date|day|month|decade|season|time|period|week|era|century|age"
_AMOUNT_NOUNS = (
    r"price|cost|figure|amount|total|number|size|value|rate|share|margin|score|percentage|"
    r"sum|fee|budget|haul|salary|fine|bill|profit|loss|revenue|turnover|sales|fortune|debt|"
    r"deficit|tally|attendance|audience|majority|stake|wage|bid|offer|payout|prize|earnings|"
    r"capacity|sentence|growth|fall|rise|drop|increase|cut|jump|proportion|fraction|"
    r"distance|speed|height|weight|length|duration|population|count|ratio|odds|salaries|costs"
)
# A sum of money asked for by its noun or its verb: "what transfer fee did Chelsea pay…",
# "what was Stuart Rose's total pay package", "what did the iPod nano cost" (not "what was the
# price war about", nor a pay rise: a percentage)
MONEY_NOUNS = (
    r"fees?|price|cost|costs|salary|salaries|wages?|pay|pay package|payout|bonus|budget|bill|"
    r"fine|compensation|earnings|valuation|sum|damages|"
    # a penalty paid ("what penalty did the firm have to pay?"), not one taken in a game
    r"penalty(?! (?:kick|shoot-?out|spot|area|box|try|miss))"
)
SUM_ASKED = re.compile(
    r"\bwhat(?!\s+(?:kind|sort|type|form)s? of\b)(?:'s| is| was| were| are| will be| would be)? "
    rf"(?:[\w'’&.-]+ ){{0,4}}?(?:{MONEY_NOUNS})\b(?! (?:war|wars|cut|cuts|rise|rises|freeze|"
    r"talks|deal|dispute|structure|increase|increases|of living|split|splits|sharing|saving|"
    r"savings|control|controls|cutting|effective|base|model|gap|row)\b)|"
    r"\bwhat (?:did|does|do|will|would|could|might) "
    r"[^?]{1,60}\bcost\b|"
    # "what were the satellites insured for?", "what was the painting sold for?", "what is the
    # club worth?": a sum, asked at the question's end (not "what was the firm fined for?")
    r"\bwhat (?:is|was|are|were|will be|would be) [^?]{1,80}\b(?:(?:sold|bought|insured|"
    r"valued|priced|auctioned) (?:for|at)|worth)"
    r"(?:\s+(?:at|in|on|by|during|when|after|last|this)\b[^?]{0,40})?\W*$",
    re.IGNORECASE,
)
_ORGANISATION_NOUNS = (
    r"company|companies|firm|firms|club|clubs|team|teams|group|agency|bank|organisation|"
    r"organisations|organization|organizations|party|network|channel|broadcaster|carrier|"
    r"airline|newspaper|paper|label|studio|band|body|union|regulator|operator|retailer|"
    r"maker|manufacturer|carmaker|brand|business|institution|charity|court|committee|side|"
    r"station|publisher|magazine|website|service|giant|rival|chain|supplier|museum|gallery|"
    r"government|ministry|department|branch|council|outlet|agency|developer|insurer|"
    r"watchdog|authority|university|school|association|federation|league|show|programme|"
    r"film|movie|album|song|book|game|product|drug|country"
)
# The nouns a name may describe: "the Black Sabbath frontman", "the Ruhr football club", "his
# Carmarthenshire hometown", "the Entertainment Weekly critic"
KIND_NOUNS = "|".join((_PERSON_NOUNS, _PLACE_NOUNS, _ORGANISATION_NOUNS)) + r"|hometown|outfit"
# An optional word between "which"/"what" and its noun ("which Celtic defender"), not a verb
_MODIFIER = r"(?:(?!(?:is|was|are|were|did|does|do|has|have|had|will|would|can|could)\b)[\w'’-]+ )?"
# What a "what …" question that asks for a cause says the cause did ("what pushed Argonaut
# under", "what has annoyed Seifert")
_CAUSED = (
    r"pushed|forced|sparked|triggered|stopped|prevented|persuaded|convinced|inspired|"
    r"motivated|annoyed|angered|upset|fuell?ed"
)
# Verbs of saying: "what did X say / tell / warn …" asks for X's words
_SAYING = (
    r"say|said|tell|told|claim|argue|write|wrote|reply|replied|respond|add|warn|think|promise|"
    r"suggest|predict|admit|insist|complain"
)
# "What did the minister say about how much Seoul can afford?", "… say about who left first?",
# "what did he say explains how far the club has come?": the words said are asked for, not
# the amount or the person the words are about
_SAID_ABOUT = re.compile(
    rf"\bwhat (did|does|do|has|have|had) .{{1,80}}\b({_SAYING})\w*\s+"
    r"(about|on|regarding|over|as to|explains?|explained|shows?|showed|proves?|proved)\s+"
    r"(how|when|where|whether|who|what|which)\b",
    re.IGNORECASE,
)
_EXPECTS: tuple[tuple[Expects, re.Pattern[str]], ...] = (
    ("facts", _FACTS),
    ("quote", _SAID_ABOUT),
    (
        "reason",
        re.compile(
            r"(^|[,;:]\s*)\W*(why|how come)\b|\b(what|which)( \w+ly)? (caused?|causes|"
            rf"prompt(s|ed)?|leads?|led|made|makes?|drove|drives?|{_CAUSED})\b|"
            r"\b(what|which) (was behind|is behind|reasons?|explanations?|excuses?|factors?|"
            r"justifications?|blamed|dragged|sank|left)\b|\breason(s)? (for|why|behind)\b|"
            r"\b(motive|motivation|purpose|grounds)\b|"
            # "what was the point of Brown's tour", "what was the trip meant to achieve"
            r"\bwhat('s| is| was| were| are)? the (point|aim|goal|object|objective|idea) "
            r"(of|behind)\b|\b(meant|intended|designed|supposed|hoped?|hoping|aim(s|ed|ing)?) "
            r"to (achieve|accomplish|do)\b|\bwhat explains\b|"
            # "what went wrong with the first Blinx game", "what held up the deal"
            r"\bwhat (went|goes|has gone|had gone) wrong\b|\bwhat('s| is| was) wrong with\b|"
            r"\bwhat (held|holds|has held|is holding) up\b|"
            r"\bwhat (did|does|do) .{0,60}\b(blame|cite)\b|\bblamed? (on|for)\b|"
            r"\bwhat('s| is| was) (said to (be|have) )?(behind|driven|caused)\b|"
            # "what has annoyed …", "what's driving …", "what's thought to have sparked …"
            rf"\bwhat('s| has| had| have) ({_CAUSED}|made|led|driven)\b|"
            r"\bwhat('s| is| was| are| were) (causing|prompting|leading|making|driving|"
            r"pushing|forcing|sparking|triggering|stopping|preventing|fuel?ling|behind)\b|"
            r"\bwhat('s| is| was)? (thought|said|believed|reported|expected|understood|alleged|"
            r"likely|set) to (have )?(cause|prompt|lead|make|drive|push|force|spark|trigger|"
            rf"stop|prevent|{_CAUSED}|made|led|driven)\b|"
            # "what did BA say was behind …", "what do experts say is making …"
            r"\b(say|says|said|think|thinks|believe|believes) (was |is |were |are |had )?"
            r"(behind|to blame|caused|causing|prompted|sank|led to|triggered|sparked|drove|"
            r"driving|making)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "date",
        re.compile(
            rf"^\W*when\b|\b(what|which) ({_TIME_NOUNS})\b|\bhow long ago\b|\bsince when\b|"
            r"\b(in|by) what year\b|\bwhen (did|does|is|was|will|do|are|were)\b|\bby when\b|"
            r"\bover what period\b|\bhow far back\b|\bwhat('s| is| was) the (earliest|latest|"
            r"first|last) (year|date|day|month)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "number",
        re.compile(
            r"\bhow (much|many|big|large|long|old|far|high|fast|often|tall|heavy|deep|wide|"
            r"close)\b|\bby how much\b|\bwhat('s| is| was| were| are| will be)? (the )?"
            rf"{_MODIFIER}({_AMOUNT_NOUNS})\b|{SUM_ASKED.pattern}",
            re.IGNORECASE,
        ),
    ),
    (
        "quote",
        re.compile(
            rf"\bwhat (did|does|do|has|have|had) .{{1,80}}\b({_SAYING}|call|grumble|propose|"
            r"compare|describe|mean|make of|made of|joke|quip|boast|moan|concede|confess|lament|"
            r"scoff|retort|mock)\w*\b|"
            r"\bwhat was .{0,40}'?s? (response|reaction|comment|view|message|verdict|complaint|"
            r"warning|argument|answer|point)\b|\bhow (did|does|do|has|have) "
            r".{1,60}\b(react|respond|describe|rate|compare|pay tribute|sum up|celebrate|explain|"
            r"defend|justify|view|see|characteri[sz]e|put it|reply|answer)(?:e?d)?\b|"
            r"\b(verdict|complaint|metaphor)\b|\bdoes .{1,40} (think|believe|say)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "person",
        re.compile(
            r"^\W*(who|whom)\b|\bwho('s| is| was| were| are| will| would| has| had| did| does|"
            r" won| said| replied| wrote| led| leads| runs| ran| makes| made| owns| trains| "
            r"coaches| heads| founded)\b|\bwhose\b|\bname (of )?(the|a|an|this|that) "
            rf"{_MODIFIER}{_MODIFIER}({_PERSON_NOUNS})\b|\b(which|what) {_MODIFIER}"
            rf"{_MODIFIER}({_PERSON_NOUNS})\b|\b({_PERSON_NOUNS})\b[\w '’-]{{0,30}}['’]s name\b",
            re.IGNORECASE,
        ),
    ),
    (
        "place",
        re.compile(
            r"^\W*where\b|\bwhere('s| is| was| were| are| did| does| do| will| would| has| had)\b"
            rf"|\b(which|what) {_MODIFIER}{_MODIFIER}({_PLACE_NOUNS})\b|\b(in|from|to|at) which\b",
            re.IGNORECASE,
        ),
    ),
    (
        "organisation",
        re.compile(
            rf"\b(which|what) {_MODIFIER}{_MODIFIER}({_ORGANISATION_NOUNS})\b", re.IGNORECASE
        ),
    ),
    # "Which novelty act…", "what hobby…", "the name of…": a named thing, whatever its kind
    (
        "entity",
        re.compile(
            r"\bname of\b|\b(which|what) (?!(is|was|are|were|did|does|do|has|have|had|will|"
            r"would|can|could|should|about|if|kind|sort)\b)[a-z-]+\b",
            re.I,
        ),
    ),
)


# How something turned out: a story written before the end ("will fight the bans", "the
# Commission's investigation centres on…") does not answer "what ban did they eventually get?".
OUTCOME_ASKED = re.compile(
    r"\b(eventually|finally|ultimately|in the end|end(?:ed|s)? up|(?:go|goes|went) on to)\b",
    re.IGNORECASE,
)
# … but not in a clause that only places the asked thing in time ("where was he picked up
# before he ended up in Guantanamo?" asks where), nor of what is yet to come ("what did she
# say the US will end up as?" asks what was said), nor in one that only says which thing is
# meant ("how many publishers rejected the debut that went on to win?" asks how many)
_TIME_CLAUSE = re.compile(r"\s(?:before|after|until|till|when|since)\b[^,;?]*$", re.I)
_WHICH_IS_MEANT = re.compile(r"\w\s+(?:that|which|who)\s+(?:\w+\s+)?$", re.I)
_TO_COME = re.compile(r"(?:\b(?:will|would|could|might|may|shall)|['’]ll)\s+(?:\w+\s+)?$", re.I)


# "At what time did firefighters finally get the upper hand?": the time of day something ended
# is told only by a story written after it (one written before gives no time for it)
TIME_OF_DAY_ASKED = re.compile(
    r"\bat what time\b|\bwhat time of (?:the )?day\b|"
    # "what time did the crew set out?" (not "what time period", nor the time a race took:
    # "what time did the hurdler clock?")
    r"\bwhat time (?=(?:did|does|do|will|would|was|were|is|are|has|had)\b)"
    r"(?![^?]*\b(?:clock|clocked|clocks|run|ran|runs|record|recorded|post|posted|swim|swam|"
    r"finish|finished|achieve|achieved|set (?:a|an|the|his|her|their|its)|personal best)\b)",
    re.I,
)


# "Where did the Pellowes stock end up after the results came out?": where a market closed,
# which a story of that day tells (it is no outcome that only a later story knows)
_MARKET_CLOSE = re.compile(
    r"\b(?:shares?|stocks?|share price|stock price|index|ftse|dow|nasdaq|pound|dollar|euro|yen|"
    r"sterling|currency|bonds?|yields?|oil price)\b[^?]{0,40}?\bend(?:ed|s)? up\b",
    re.IGNORECASE,
)


def outcome_asked(question: str) -> bool:
    """The question asks how something turned out (in its main clause), not at what time of
    day it did nor where a market closed."""
    if TIME_OF_DAY_ASKED.search(question) or _MARKET_CLOSE.search(question):
        return False
    return any(
        not _TIME_CLAUSE.search(before)
        and not _TO_COME.search(before)
        and not _WHICH_IS_MEANT.search(before)
        for m in OUTCOME_ASKED.finditer(question)
        for before in [question[: m.start()]]
    )


# When a story came out or who wrote it: what only a file's details passage tells (a paragraph
# of the story that happens to hold a date or a name does not say so). Not a "report": as often
# one the story is about ("when will the inquiry's report be published?").
_THE_STORY = r"(?:the|this|that)\s+(?:[\w'’-]+\s+){0,3}?(?:article|story|piece|write-?up)"
FILE_DETAIL_ASKED = re.compile(
    rf"\b(?:when|what date|what day)\s+(?:was|were)\s+(?:it|{_THE_STORY})\s+"
    r"(?:[\w'’-]+\s+){0,6}?(?:first\s+)?(?:published|posted|put online)\b|"
    rf"\bwho\s+(?:wrote|authored|penned)\s+{_THE_STORY}\b|"
    r"\b(?:which|what)\s+(?:[\w'’-]+\s+){0,2}?(?:reporter|journalist|correspondent|writer|"
    rf"author)s?\s+(?:wrote|authored|penned|filed)\s+{_THE_STORY}\b|"
    rf"\b(?:author|byline|writer|reporter)\s+(?:of|on|for|behind)\s+{_THE_STORY}\b",
    re.IGNORECASE,
)
# Who came next (or before): "who took over as leader when Kennedy resigned?" is not answered
# by a story about Kennedy that tells no succession (a story written while he led); leaving a
# post, not a place ("who scored after Beckham left the pitch?" asks no such thing)
SUCCESSION_ASKED = re.compile(
    r"\b(?:after|when|once|since)\b[^?]{0,60}\b(?:st(?:ep|eps|epped|ood|ands) down|resign(?:ed|s)?|"
    r"quit|"
    r"left (?:the |his |her |their )?(?:post|job|club|office|role|company|band|party|board|"
    r"government|cabinet)|retire[ds]|(?:was|were) (?:sacked|fired|ousted|dropped))\b|"
    r"\b(?:replac(?:e|ed|es|ing)|succeed(?:ed|s)?(?! in\b)|successor|t(?:ook|ake|aken|akes) over "
    r"(?:from|as))\b|"
    # … or who came before: "who was chairman before Kinnock took on the role?"
    r"\bpredecessor\b|\bbefore\b[^?]{0,60}\b(?:t(?:ook|ake|akes|aking) (?:on|up|over)|"
    r"(?:was|were) (?:appointed|named|elected|made))\b",
    re.IGNORECASE,
)


# Offices a "who is/was … <office>?" question asks the holder of, each with how a passage that
# names the holder calls the office: "Who was South Korea's foreign minister?" is not
# answered by a passage about its negotiator. (Not "leader", "head" or "boss": a passage
# rarely names them so, "the future Russian leader" is Putin, "the head of the IETF" its chair.)
OFFICES: dict[str, str] = {
    "minister": r"minister|premier",
    "premier": r"premier|prime minister",
    "ambassador": r"ambassador|envoy",
    "envoy": r"envoy|ambassador",
    "secretary": r"secretar",
    "president": r"president",
    "chancellor": r"chancellor",
    "chairman": r"chair",
    "chairwoman": r"chair",
    "governor": r"governor",
    "mayor": r"mayor",
    "senator": r"senator",
    "coach": r"coach|manager|boss",
    "manager": r"manager|coach|boss",
    "captain": r"captain|skipper",
    "referee": r"referee|official",
    "director": r"director",
    "editor": r"editor",
    "spokesman": r"spokes",
    "spokeswoman": r"spokes",
    "founder": r"found",
    "negotiator": r"negotiat",
    "commissioner": r"commissioner",
    "judge": r"judge",
    "executive": r"executive|ceo|boss",
}
# … the office being the noun the question asks about: no clause or phrase comes before it
# ("Who is the man who met the president?" asks for no president)
_NOT_BEFORE_OFFICE = "who|whom|whose|that|which|and|or|in|at|on|with|to|for|by|from|about"
_BEFORE_OFFICE = rf"(?:(?!(?:{_NOT_BEFORE_OFFICE})\b)[\w'’.&-]+\s+)"
OFFICE_ASKED = re.compile(
    r"^\s*(?:who(?:'s|’s|\s+is|\s+was|\s+are|\s+were)|what(?:'s|’s|\s+is|\s+was) the name of)"
    rf"\s+{_BEFORE_OFFICE}{{0,4}}?(" + "|".join(OFFICES) + r")\b",
    re.IGNORECASE,
)


def office_asked(question: str) -> str | None:
    """The office whose holder a "who is/was …?" question asks for ("Who was South Korea's
    foreign minister?" → "minister"), if any."""
    match = OFFICE_ASKED.search(question)
    return match.group(1).lower() if match else None


# A court's ruling asked for: "what verdict did the jury reach?", "what prison sentence did he
# get?", "how long was she jailed for?" (a story written during the trial tells neither)
Ruling = Literal["verdict", "sentence"]
_RULINGS_ASKED: tuple[tuple[Ruling, re.Pattern[str]], ...] = (
    ("verdict", re.compile(r"\bwhat (?:was the |were the )?verdicts?\b", re.IGNORECASE)),
    (
        "sentence",
        re.compile(
            r"\bwhat (?:was the |were the )?(?:prison |jail )?sentences?\b(?! of\b)|"
            r"\bhow long (?:was|were|did|will) .{1,60}\b(?:jailed|sentenced|imprisoned|locked up|"
            r"in (?:jail|prison))\b",
            re.IGNORECASE,
        ),
    ),
)


# … but "what verdict did the analyst give on Korvane's gamble?" asks an opinion, unless a court
# is named
_OPINION_ON = re.compile(
    r"\bverdicts?\b[^?]*\b(?:give|gave|given|pass|passed|deliver\w*|offer\w*)\b[^?]*\bon\b", re.I
)
_COURT = re.compile(
    r"\b(?:jury|juries|jurors?|court|trial|judge|magistrates?|guilty|charges?|inquest|coroner|"
    r"tribunal|appeal)\b",
    re.I,
)


def ruling_asked(question: str) -> Ruling | None:
    """ "verdict" or "sentence", when the question asks for a court's."""
    ruling = next((ruling for ruling, asked in _RULINGS_ASKED if asked.search(question)), None)
    if ruling == "verdict" and _OPINION_ON.search(question) and not _COURT.search(question):
        return None
    return ruling


# A person's name asked for in so many words ("what was the name of the drunk soldier …?",
# "the victim's name"): a passage that names nobody does not answer, however close its topic
NAME_ASKED = re.compile(
    rf"\bname (?:of )?(?:the|a|an|this|that) {_MODIFIER}{_MODIFIER}(?:{_PERSON_NOUNS})\b|"
    rf"\b(?:{_PERSON_NOUNS})\b[\w '’-]{{0,30}}['’]s? name\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class QueryIntent:
    author: str | None = None  # the question is about what this person wrote
    replied_to: str | None = None  # the question is about replies to this person
    kind: Kind | None = None
    expects: Expects | None = None  # what kind of thing answers it
    outcome: bool = False  # it asks how something turned out ("what did they finally pay?")
    succession: bool = False  # it asks who followed someone ("who replaced X?")
    office: str | None = None  # it asks who holds this office ("who is the US ambassador?")
    file_detail: bool = False  # it asks when a story came out or who wrote it
    name_asked: bool = False  # it asks a person's name in so many words
    done_event: bool = False  # it asks in the past tense about something done ("who won?")
    ruling: Ruling | None = None  # it asks for a court's "verdict" or "sentence"


def expects(question: str) -> Expects | None:
    """The kind of thing the question asks for, if it says."""
    for name, pattern in _EXPECTS:
        if pattern.search(question):
            return name
    return None


_SPAN_WORD = re.compile(r"\S+")
_EDGE = "\"“”‘’'?!.,;:()[]"
MAX_NAME_WORDS = 5


def _name_spans(question: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of every run of up to five words, without edge punctuation or a
    possessive "'s", longest first."""
    words = [(m.start(), m.end()) for m in _SPAN_WORD.finditer(question)]
    spans: list[tuple[int, int, str]] = []
    for size in range(min(MAX_NAME_WORDS, len(words)), 0, -1):
        for i in range(len(words) - size + 1):
            start, end = words[i][0], words[i + size - 1][1]
            text = question[start:end]
            while text and text[0] in _EDGE:
                text, start = text[1:], start + 1
            for suffix in ("'s", "’s"):
                if text.endswith(suffix):
                    text = text[: -len(suffix)]
            text = text.rstrip(_EDGE)
            if text:
                spans.append((start, start + len(text), text))
    return spans


_NAME_GOES_ON = re.compile(r"[ \t]+(?!I\b)[A-Z][a-z]")  # a capitalised word follows


def find_names(question: str, spelling: Callable[[str], str | None]) -> list[tuple[int, str]]:
    """Known names in the question as (position, name as the corpus spells it), in order.

    ``spelling`` returns the corpus's spelling of a name it knows (case-insensitive), or None.
    Names shorter than three characters must match case exactly.
    """
    taken: list[range] = []
    found: list[tuple[int, str]] = []
    for start, end, text in _name_spans(question):
        if any(start < r.stop and r.start < end for r in taken):
            continue
        name = spelling(text)
        if name is None or (len(name) < 3 and name != text):
            continue
        if _NAME_GOES_ON.match(question, end):
            continue  # commenter "Joe" is not the Joe of "Joe Pasquale"
        found.append((start, name))
        taken.append(range(start, end))
    return sorted(found)


def analyse(question: str, spelling: Callable[[str], str | None]) -> QueryIntent:
    """Find a known author's name and the kind of passage the question favours."""
    names = find_names(question, spelling)
    author: str | None = None
    replied_to: str | None = None
    for position, name in names:
        before = question[:position]
        if replied_to is None and re.search(_REPLY_TO + r"$", before, re.IGNORECASE):
            replied_to = name
        elif author is None:
            author = name
        elif replied_to is None:
            replied_to = name  # "what did Canosin say to CHUCKMAN"
    kind: Kind | None = None
    comments = _COMMENTS.search(question)
    if names or comments:
        kind = "comment"
    if _ARTICLE.search(question) and not (names or comments):
        kind = "article"
    expected = expects(question)
    return QueryIntent(
        author=author,
        replied_to=replied_to,
        kind=kind,
        expects=expected,
        # "why did he end up hitting the bar?" says how it turned out and asks why
        outcome=expected != "reason" and outcome_asked(question),
        succession=expected == "person" and bool(SUCCESSION_ASKED.search(question)),
        office=office_asked(question),
        file_detail=bool(FILE_DETAIL_ASKED.search(question)),
        name_asked=expected == "person" and bool(NAME_ASKED.search(question)),
        # (words are reported as said, about what was then to come)
        done_event=expected != "quote" and done_event_asked(question),
        ruling=ruling_asked(question),
    )


_NAME_OF = re.compile(
    r"^\W*what(?P<verb>'s| is| was| are| were)\s+(?:the\s+)?names?\s+of\s+(?P<who>.+?)\W*$|"
    r"^\W*what(?P<verb2>'s| is| was)\s+(?P<who2>.+?)['’]s\s+names?\W*$",
    re.IGNORECASE,
)


def as_who_question(question: str) -> str:
    """ "What is the name of X?" / "What is X's name?" asked as "Who is X?": the words a
    cross-encoder trained on search queries reads best ("name" is in no answer)."""
    match = _NAME_OF.match(question)
    if not match:
        return question
    verb = (match.group("verb") or match.group("verb2")).replace("'s", " is")
    who = match.group("who") or match.group("who2")
    return f"Who{verb} {who}?"


# The clause that asks, in a question that first tells the story it is about ("Joachim
# Johansson beat Taylor Dent to win in Adelaide - where did the Swede win his very first
# title?", "In that piece about the Kremlin's tax crackdown, how far had shares slid?"): the
# last clause after a dash, a comma, a colon or a sentence's end that opens with a question
# word (after "and", "but" or a preposition). Not when what comes first is a question too
# ("How much did it cost, and who paid?"), says whose words are asked for ("According to the
# US envoy, why …") or narrows the question ("Apart from pay, what …").
_CLAUSE_BREAK = re.compile(r"\s+[-–—]+\s+|[,;:]\s+|[.?!]\s+(?=[A-Z])")
_ASKING = re.compile(
    r"(?:(?:and|but|so|then)\s+)?(?:(?:in|at|from|to|for|on|by|with|of|since|until|after|"
    r"before)\s+)?(?:who|whom|whose|what|which|where|when|why|how)\b",
    re.IGNORECASE,
)
_NOT_STORY = re.compile(
    r"^\W*(?:apart from|besides|other than|except|aside from|as well as|not counting|"
    r"excluding|including|instead of|rather than|according to|"
    r"who|whom|whose|what|which|where|why|how|"
    r"(?:when\s+)?(?:did|does|do|is|was|were|are|has|have|had|can|could|will|would|should))\b",
    re.IGNORECASE,
)
MIN_CLAUSE_WORDS = 4
MIN_STORY_WORDS = 3


def asked_clause(question: str) -> str | None:
    """The clause of the question that asks, when what comes before it tells which story (at
    least ``MIN_STORY_WORDS`` words) and it has ``MIN_CLAUSE_WORDS`` words or more."""
    later = [m.end() for m in _CLAUSE_BREAK.finditer(question) if _ASKING.match(question, m.end())]
    if not later or _NOT_STORY.match(question):
        return None
    clause, story = question[later[-1] :].strip(), question[: later[-1]]
    if len(clause.split()) < MIN_CLAUSE_WORDS or len(story.split()) < MIN_STORY_WORDS:
        return None
    return clause


# Framing a chat user puts before the question itself ("Can you tell me who …", "Is it true
# that …", "hey bot, …", "Quick question: …"): words no passage holds, which pull the
# question's vector away from its answer.
_GREETING = (
    r"(?:(?:hi|hello|hey|hiya|ok|okay|so|quick\s+q(?:uestion)?|question)(?:\s+(?:corpus)?bot)?|"
    r"corpusbot)"
)
# "hey bot, …" (a greeting is set aside when a mark follows it or the framing does: "So Solid
# Crew won what?" keeps its "So")
_GREETING_FIRST = re.compile(rf"^\W*{_GREETING}\b(?P<mark>\s*[,!.:;-]+)?\s*", re.IGNORECASE)
_PLEASE = re.compile(r"please\s+", re.IGNORECASE)
_FRAMING = re.compile(
    r"\W*(?:please\s+)?"
    r"(?:(?:can|could|would|will)\s+(?:you|someone|anyone)\s+(?:please\s+)?"
    r"(?:(?:tell|show|remind|explain\s+to)\s+me|find\s+out|check|look\s+up|let\s+me\s+know)\s+|"
    r"(?:do|does)\s+(?:you|anyone|anybody|someone)\s+know\s+|"
    r"i\s+(?:want|would\s+like|'d\s+like|’d\s+like|need)\s+to\s+know\s+|"
    r"i\s+(?:was\s+)?wonder(?:ing)?\s+|"
    r"(?:please\s+)?tell\s+me\s+|"
    r"is\s+it\s+(?:really\s+)?(?:true|correct|right|the\s+case|a\s+fact)\s+(?:that\s+)?)",
    re.IGNORECASE,
)


# … and the courtesy after it ("who runs Lionhead, please?", "… thanks"): a word the story
# lacks, which the gate would count against every passage
# ("who said thanks" asks who said it: a thanks follows the question's punctuation)
_COURTESY = re.compile(
    r"(?:[\s,;.!-]+(?:please|pls|plz)|(?:[,;-]|(?<=[?!.]))\s*(?:thanks|thank\s+you|thx|cheers)"
    r"(?:\s+(?:so\s+much|a\s+lot))?)\W*$",
    re.IGNORECASE,
)


SHOUTED_LETTERS = 8  # fewer letters all in capitals may be a name's ("NATO?")
_END_MARKS = re.compile(r"(?:\s*(?=[!?]*\?)[!?]{2,}|\s+\?)\s*$")  # "??", "?!", " ?": one "?"


def typed_plainly(question: str) -> str:
    """The question as if typed plainly: one typed all in capitals ("WHY DID BRITISH AIRWAYS
    PROFITS FALL?") in lower case, as its capitals say nothing of which words are names (they
    are found in the passages that write them, as for a question typed in lower case); and
    the marks at its end ("?!", "??") one question mark, which the models read alike."""
    letters = [ch for ch in question if ch.isalpha()]
    if len(letters) >= SHOUTED_LETTERS and not any(ch.islower() for ch in letters):
        question = question.lower()
    return _END_MARKS.sub("?", question)


def plain_question(question: str) -> str:
    """The question without the chat framing before it and the courtesy after it: "Is it true
    that the US has 800 bases?" is searched as "the US has 800 bases?", "Can you tell me who
    …" as "who …", "who runs Lionhead, please?" as "who runs Lionhead?"."""
    rest = question = typed_plainly(question)
    if courtesy := _COURTESY.search(question):
        rest = question[: courtesy.start()].rstrip()
        if "?" in courtesy.group(0) and not rest.endswith("?"):
            rest += "?"  # "…, please?"
    start = 0
    greeting = _GREETING_FIRST.match(rest)
    if greeting and (greeting.group("mark") or _FRAMING.match(rest, greeting.end())):
        start = greeting.end()
        if greeting.group("mark") and (please := _PLEASE.match(rest, start)):
            start = please.end()  # "hey, please who won"
    if framing := _FRAMING.match(rest, start):
        start = framing.end()
    rest = rest[start:].strip()
    return rest if len(rest.split()) >= 2 else question
