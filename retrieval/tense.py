"""Told as done or as yet to come.

A story written before an event tells it in the future: "the DS will launch in Europe on
11 March", "Microsoft is saving the official unveiling for the E3 show", "three executives
are set to leave". Asked later, in the past tense ("when did Nintendo release the DS in
Europe?", "how big a payoff did the executives get?"), such a sentence is no answer: the
launch may have slipped, the payoff is not told. A question about what someone said, planned
or expected is answered by reported words about the future, and one that asks in the future
(or about what was due, lined up, about to happen) by a sentence that tells it so; neither
is asked about a done event.
"""

from __future__ import annotations

import re

# Verbs of saying, thinking and planning: their object is often a future ("he said it will
# continue to be very successful"), and a sentence reporting them tells nothing done
_SPEECH = (
    r"say|said|says|tell|told|claim\w*|warn\w*|reckon\w*|think|thought|believe\w*|"
    r"announc\w*|argu\w*|describ\w*|call\w*|suggest\w*|urg\w*|fear\w*|worr\w*|rate[ds]?|"
    r"react\w*|respond\w*|admit\w*|explain\w*|comment\w*|complain\w*|insist\w*|quot\w*|"
    r"predict\w*|forecast\w*|hop\w*|expect\w*|want\w*|plan\w*|promis\w*|propos\w*|"
    r"intend\w*|aim\w*|wish\w*|add(?:s|ed)?|not(?:e|es|ed)|stat(?:e|es|ed)|report\w*|"
    r"confirm\w*|reveal\w*|indicat\w*|ask\w*|quip\w*|jok\w*|remark\w*|jibe\w*|boast\w*|"
    r"pledg\w*|vow\w*|messages?|speech\w*|words?"
)
# A question about words (the reasons someone gave: "what reasons did the owners give for
# shutting the paper?" asks what they said, of a closure still to come), plans, what is (or
# was) yet to come, or what is ("what is the train's top speed?": its "-ed" word is no verb)
_NOT_DONE_ASKED = re.compile(
    r"\b(?:is|are|does|do|has|have|reasons?|explanations?|excuses?|"
    r"will|would|could|might|may|shall|should|going to|to be|due|set to|being|about to|"
    rf"lined up|supposed|scheduled|next|upcoming|future|{_SPEECH})\b|['’]ll\b",
    re.IGNORECASE,
)
# Irregular past forms a done event is told in
_PAST_FORMS = (
    r"won|wrote|took|made|gave|got|sold|bought|became|beat|lost|came|went|began|ran|led|paid|"
    r"left|built|found|brought|chose|spent|rose|fell|grew|broke|sent|held|met|saw|hit|set up"
)
# Irregular past participles ("when was it first shown?")
_PARTICIPLES = (
    r"shown|given|taken|written|seen|chosen|begun|broken|done|drawn|thrown|grown|stolen|"
    r"driven|beaten|spoken|sworn|torn|worn|told|sold|held|paid|won|lost|made|built|found|"
    r"brought|sent|set up|put|cut|shut|hit"
)
# "Who won …", "when did …", "what was … appointed …"
_DONE_ASKED = re.compile(
    rf"\b(?:did|(?:was|were)\s+(?:[\w'’-]+\s+){{0,4}}?(?:\w+ed|{_PARTICIPLES})|"
    rf"(?:who|what|which)\s+(?:[\w'’-]+\s+){{0,2}}?(?:\w+ed|{_PAST_FORMS}))\b",
    re.IGNORECASE,
)
# What tells an event as still to come
_TO_COME = re.compile(
    # (not "plan to" nor "hope to": as often nouns, "a plan to fight the Aids epidemic")
    r"\b(?:will|shall|could|(?:is|are) (?:to|due|set to|expected to|scheduled|going to|saving|"
    r"poised|(?:planning|hoping|aiming|intending) to)|"
    r"next (?:week|month|year)|later this (?:year|month|week))\b|['’]ll\b",
    re.IGNORECASE,
)
# A verb in the past: an irregular form or one in "-ed" (not after a hyphen, "state-owned",
# nor opening an apposition, ", codenamed Xenon,")
_PAST = re.compile(rf"(?<!,\s)(?<!-)\b(was|were|had|did|{_PAST_FORMS}|[a-z]{{3,}}ed)\b", re.I)
# Words in "-ed" that tell no past event: saying and planning (as above), and adjectives
_NOT_PAST = re.compile(
    rf"(?:{_SPEECH}|need|indeed|hundred|speed|united|proceed|succeed|exceed|seed|breed|feed|"
    r"scheduled|supposed|slated|tipped|based|related|limited|interested|concerned|advanced|"
    r"detailed|dedicated|sophisticated|complicated|talented|experienced|qualified|renowned)",
    re.IGNORECASE,
)


def done_event_asked(question: str) -> bool:
    """The question asks, in the past tense, about something done ("when did Nintendo release
    the DS in Europe?", "who hosted the Oscars?"), not about words, plans or what was due."""
    return bool(_DONE_ASKED.search(question)) and not _NOT_DONE_ASKED.search(question)


# Someone's own words, which the story reports rather than tells ("I hope to put forward new
# proposals", said the negotiator who cut the talks short)
_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?|‘[^’]*’")


def tells_done(sentence: str) -> bool:
    """The sentence tells something done: a verb in the past that is no saying, planning nor
    adjective ("went on sale", "was written by", not "the company has announced")."""
    return any(not _NOT_PAST.fullmatch(m.group(1)) for m in _PAST.finditer(sentence))


def told_as_to_come(sentence: str) -> bool:
    """The sentence tells its event as still to come and tells nothing done: "the DS will
    launch in Europe on 11 March, the company has announced", not "the 28-year-old, who joined
    Rangers from Red Star, is expected in San Sebastian"."""
    return bool(_TO_COME.search(_QUOTED.sub(" ", sentence))) and not tells_done(sentence)
