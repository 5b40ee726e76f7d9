"""Is this a question about the discussion itself? Conservative on purpose.

Recognised:
- what readers as a group think or say ("What do readers think of the $5bn demand?", "Did
  anyone defend the US presence?", "What were the main arguments in the comments?", "Summarise
  the discussion", "What is the opinion on …?");
- who answered a named commenter ("Who replied to Mary E?", "Who argued with CHUCKMAN?");
- what two named commenters argued about ("What did Ilya and Joe argue about?");
- how many comments a named commenter wrote, or how many replies they drew ("How many comments
  did Ilya write?", "How many replies did Nick Rhynes get?").

Not recognised, so they get the ordinary answer: questions about one person's words ("What did
CHUCKMAN say about Putin?"), about one comment ("Which reader wrote a letter …?", "What does a
reply say about …?") and counts naming no commenter ("How many comments …?", answered by the
article details).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from retrieval.query import QueryIntent

Kind = Literal["overview", "replies", "between", "count"]
Direction = Literal["to", "from", "both"]  # replies to them, their replies, or both

_GROUP = (
    r"(?:readers|commenters|commentators|posters|people|others|everyone|everybody|folks|"
    r"the\s+comments|comments|the\s+replies|the\s+discussion|the\s+thread)"
)
_VIEW_VERB = (
    r"(?:think|thinking|thought|feel|feeling|felt|say|saying|said|make|made|believe|want|"
    r"argue|arguing|argued|write|writing|wrote|react|reacting|reacted|respond|responded|see|"
    r"view|discuss|discussing|discussed)"
)
_COLLECTIVE = re.compile(
    rf"\b(?:what|how)\s+(?:do|did|does|are|were|is|was)\s+(?:the\s+)?(?:other\s+|most\s+|many\s+)?"
    rf"{_GROUP}\s+(?:in\s+the\s+comments\s+)?{_VIEW_VERB}\b",
    re.IGNORECASE,
)
_ASPECT = re.compile(
    r"\b(?:arguments?|points?\s+(?:made|raised)|positions?|views?|opinions?|themes?|takes?|"
    r"sides?|reactions?|sentiments?|mood|consensus|tone|debate|verdict)\s+(?:\w+\s+){0,2}?"
    r"(?:in|of|among|from|under|below|across|by)\s+(?:the\s+)?(?:reader\s+)?"
    r"(?:comments?|comment\s+section|commenters|readers|discussion|thread|replies)\b|"
    r"\b(?:readers?|commenters?|reader|comment)['’]?s?['’]?\s+(?:views?|opinions?|reactions?|"
    r"positions?|arguments?|take|mood|verdict|consensus|sentiment)\b",
    re.IGNORECASE,
)
_SUMMARY = re.compile(
    # (a debate only among readers: "how did the political editor sum up the minister's
    # handling of the Commons debate?" asks what the editor said)
    r"\b(?:summar(?:y|ise|ize|ising|izing)|overview|gist|recap|rundown|sum\s+up)\b.{0,60}\b"
    r"(?:comments?|discussion|thread|readers|commenters|replies|debate\s+(?:in|among|below|"
    r"under)\s+(?:the\s+)?(?:comments?|readers|commenters|thread|article|story))\b|"
    r"\bwhat\s+(?:is|was|are|were)\s+(?:the\s+)?(?:discussion|comments?|thread|debate|"
    r"comment\s+section|readers|commenters)\s+(?:\w+\s+)?(?:about|like|saying)\b",
    re.IGNORECASE,
)
_ANYONE = re.compile(
    r"\b(?:did|does|do|has|have|is|was|were)\s+(?:anyone|anybody|someone|somebody|no\s*one|"
    r"any\s+(?:of\s+the\s+)?(?:readers?|commenters?)|(?:the\s+)?readers|(?:the\s+)?commenters)"
    r"\s+(?:in\s+the\s+comments\s+)?(?:defend|support|agree|disagree|criticis|criticiz|attack|"
    r"praise|side|argue|oppose|object|push|question|dispute|challenge|back|welcome|condemn|"
    r"blame|mock|like|dislike|approve|complain|want|think|believe|suggest|propose)\w*",
    re.IGNORECASE,
)
_OPINION = re.compile(
    r"^\W*what\s+(?:is|was|are|were)\s+(?:the\s+)?(?:general\s+|public\s+|overall\s+)?"
    r"(?:opinions?|views?)\s+(?:on|of|about|regarding)\b",
    re.IGNORECASE,
)
_WHO_ANSWERED = re.compile(
    r"\bwho\s+(?:else\s+|all\s+)?(?:replied|replies|responded|responds|answered|answers|reacted|"
    r"argued|argues|disagreed|disagrees|agreed|agrees|debated|quarrell?ed|clashed|fought|sided|"
    r"pushed\s+back|took\s+issue|objected|critici[sz]ed|attacked|defended|supported|"
    r"challenged|was\s+arguing|were\s+arguing|talked\s+back)\b|"
    r"\bwho(?:m)?\s+did\s+\S.{0,60}?\s+(?:reply|respond|answer|argue|disagree)\w*\b|"
    r"\b(?:replies|responses|reactions|answers|pushback)\s+(?:to|of|on)\b|"
    r"\b(?:did|does|has)\s+(?:anyone|anybody|someone|no\s*one|(?:the\s+)?readers|"
    r"(?:the\s+)?commenters)\s+(?:reply|respond|answer|react|argue|disagree|agree|push\s+back|"
    r"object)\w*\s+(?:to|with|on)\b",
    re.IGNORECASE,
)
_BOTH_WAYS = re.compile(
    r"\b(?:argu\w*|debat\w*|quarrel\w*|clash\w*|fought|fight\w*|disagree\w*|spar\w*)\b",
    re.IGNORECASE,
)
_THEIR_REPLIES = re.compile(  # whom they answered, not who answered them
    r"\bwho(?:m)?\s+did\s+\S.{0,60}?\s+(?:reply|respond|answer)\w*\b|"
    r"\b(?:reply|replies|replied|respond\w*|answer\w*)\s+(?:by|from)\b",
    re.IGNORECASE,
)
_BETWEEN = re.compile(
    r"\b(?:argu\w*|debat\w*|disagree\w*|fight|fought|clash\w*|discuss\w*|exchange\w*|"
    r"dispute\w*|quarrel\w*|spar\w*|bicker\w*|between)\b|\beach\s+other\b",
    re.IGNORECASE,
)
# How many comments a named commenter wrote ("from"), or how many replies they drew ("to").
_COUNT_WRITTEN = re.compile(
    r"\bhow\s+(?:many\s+(?:times|comments?|replies|posts?|messages?)|often)\s+"
    r"(?:did|does|do|has|have|had)\s+\S.{0,60}?\s+(?:write|wrote|written|post|posted|make|"
    r"made|leave|left|comment|commented|reply|replied|respond|responded|contribute|"
    r"contributed|submit|submitted|chime|chimed)\b|"
    r"\bhow\s+many\s+(?:comments?|replies|posts?)\s+(?:are|were|came|come)\s+(?:from|by)\b|"
    # the question inside a request: "… how many comments Ilya wrote"
    r"\bhow\s+many\s+(?:times|comments?|replies|posts?|messages?)\s+"
    r"(?!(?:did|does|do|has|have|had|are|were|is|was)\b)\S.{0,60}?\s+(?:(?:has|have|had)\s+)?"
    r"(?:wrote|written|posted|made|left|commented|replied|responded|contributed|submitted)\b",
    re.IGNORECASE,
)
_COUNT_RECEIVED = re.compile(
    r"\bhow\s+many\s+(?:direct\s+|separate\s+|different\s+)?(?:replies|responses|answers|"
    r"reactions)\s+(?:did|does|do|has|have|had)"
    r"\s+\S.{0,60}?\s+(?:get|got|gotten|receive|received|draw|drew|drawn|attract|attracted)\b|"
    r"\bhow\s+many\s+(?:replies|responses|answers|people|readers|commenters|times)\s+"
    r"(?:did\s+\S.{0,40}?\s+)?(?:replied|responded|answered|reply|respond|answer)\s+to\b|"
    r"\bhow\s+many\s+(?:replies|responses|answers|reactions)\s+"
    r"(?!(?:did|does|do|has|have|had)\b)\S.{0,60}?\s+(?:(?:has|have|had)\s+)?"
    r"(?:got|gotten|received|drew|drawn|attracted)\b",
    re.IGNORECASE,
)

# Questions about one comment, or counts: never a discussion overview.
_SINGLE = re.compile(
    r"^\W*(?:which|what)\s+(?:reader|commenter|comment|reply|person|user)\b|\bhow\s+many\b|"
    r"\b(?:a|one|the\s+first|the\s+last)\s+(?:reader|commenter|reply|comment)\b",
    re.IGNORECASE,
)

_ARTICLE_WORDS = re.compile(
    r"\b(?:on|in|under|about|for|of|below|beneath|to|from)\s+(?:the|this|that)\s+"
    r"(?P<words>[^?!.,;:]{1,80}?)\s+(?:story|article|piece|report|post|page|item|file)\b",
    re.IGNORECASE,
)
_NESTED_REFERENCE = re.compile(
    r"\b(?:on|in|under|about|for|of|below|beneath|to|from)\s+(?:the|this|that)\s+", re.IGNORECASE
)
_FILE_NAME = re.compile(r"\b[\w-]+\.(?:txt|md|markdown|html?)\b", re.IGNORECASE)
_QUOTED = re.compile(r"[“\"]([^”\"]{3,200})[”\"]")
_TOKEN = re.compile(r"\S+")
_EDGE = "\"“”‘’'?!.,;:()[]"
_FRAMING = frozenset(
    """what whats what's how do does did is are was were the a an this that these those of
    about on regarding concerning in under below across among from to for by with and or
    readers reader commenters commenter commentators posters people others everyone everybody
    folks comments comment section discussion discussions thread threads replies reply debate
    think thinking thought feel feeling felt say saying said make made believe want wanted
    argue arguing argued write writing wrote react reacting reacted respond responded see view
    discuss discussing discussed main key chief common different general overall public
    arguments argument points point positions position views opinions opinion themes theme
    takes take sides side reactions reaction sentiment sentiments mood consensus tone verdict
    summary summarise summarize summarising summarizing overview gist recap rundown sum up
    give me please tell there any anyone anybody someone somebody no one most many other
    all here generally so far like saying readers' reader's commenters' story article piece
    report post page raised""".split()
)


@dataclass(frozen=True)
class DiscussionQuestion:
    kind: Kind
    topic: str = ""  # the point asked about ("" = the whole discussion)
    people: tuple[str, ...] = ()  # commenters named, as the archive spells them
    article: str | None = None  # words naming the article ("Press TV", a file name)
    direction: Direction = "to"  # "argued with": both; "whom did X answer": from
    anyone: bool = False  # "did anyone suggest …?": whether some comment says it


def article_words(question: str) -> tuple[str | None, str]:
    """The words naming an article, if the question names one, and the question without them."""
    for pattern, group in ((_FILE_NAME, 0), (_QUOTED, 1), (_ARTICLE_WORDS, "words")):
        match = pattern.search(question)
        if match:
            rest = question[: match.start()] + " " + question[match.end() :]
            words = _NESTED_REFERENCE.split(match.group(group))[-1]  # "comments on the X"
            return words.strip(), rest
    return None, question


def topic_of(question: str, people: tuple[str, ...] = ()) -> str:
    """The point asked about: the question without its framing words ("" if nothing is left)."""
    for name in people:
        question = re.sub(re.escape(name) + r"(?:['’]s)?", " ", question, flags=re.IGNORECASE)
    kept: list[str] = []
    for token in _TOKEN.findall(question):
        word = token.strip(_EDGE)
        if word and word.lower() not in _FRAMING:
            kept.append(word)
    return " ".join(kept)


def asks_whether_anyone(question: str) -> bool:
    """ "Did anyone suggest …?" (whether some comment says it), not "What do readers think …?"."""
    match = _ANYONE.search(question)
    return match is not None and not _WH.search(question[: match.start()])


_WH = re.compile(r"\b(?:what|how|why|which|who|whom|where|when)\b", re.IGNORECASE)


def recognise(question: str, intent: QueryIntent) -> DiscussionQuestion | None:
    """The discussion question asked, or None for a question the ordinary answer handles."""
    people = tuple(dict.fromkeys(n for n in (intent.author, intent.replied_to) if n))
    if people and _COUNT_RECEIVED.search(question):
        return DiscussionQuestion("count", people=people[:1], direction="to")
    if people and _COUNT_WRITTEN.search(question):
        return DiscussionQuestion("count", people=people[:1], direction="from")
    if _SINGLE.search(question):
        return None
    article, rest = article_words(question)
    if len(people) >= 2 and _BETWEEN.search(question):
        return DiscussionQuestion("between", people=people[:2], article=article)
    collective = any(p.search(question) for p in (_COLLECTIVE, _ASPECT, _SUMMARY, _ANYONE))
    if people and (_WHO_ANSWERED.search(question) or collective):
        direction: Direction = (
            "from"
            if _THEIR_REPLIES.search(question)
            else "both"
            if _BOTH_WAYS.search(question)
            else "to"
        )
        return DiscussionQuestion(
            "replies", people=people[:1], article=article, direction=direction
        )
    if people:
        return None
    if collective or _OPINION.search(question):
        return DiscussionQuestion(
            "overview",
            topic=topic_of(rest),
            article=article,
            anyone=asks_whether_anyone(question),
        )
    return None
