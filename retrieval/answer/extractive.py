"""The default answer: the best sentences of the retrieved passages, attributed and cited.

The first line quotes the sentence the ranking found to answer best (the one holding the kind
of thing asked for, with the quote that follows when it introduces a speaker); the others add
what further passages that also pass the gate say. Each passage's other window that the
ranking found nearly as good is quoted after its best. No model, no network. Every quote is an
exact substring of a stored passage.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from retrieval.answer.attribution import OPINION_NOTE, speaker
from retrieval.answer.relevance import Gate, details_answer
from retrieval.answer.types import Answer, Citation
from retrieval.lexical import question_terms
from retrieval.lexical.tokens import QUESTION_STOPWORDS, stems, words
from retrieval.query import QueryIntent
from retrieval.search import Hit
from retrieval.search.features import names_a_person
from retrieval.search.ranker import (
    WINDOW_SCORE,
    introduces_speaker,
    quoted_by_pronoun,
    words_asked,
)
from retrieval.sentences import ANSWER_QUOTE_CHARS, OPENING_QUOTES, clip, sentence_spans

Continuation = Callable[[Hit], Hit | None]  # the passage right after a hit, in its file

MAX_PASSAGES = 3
NEAREST_OFFERED = 3
NOT_COVERED = "The archive doesn't cover that."
BESIDE_MARGIN = 2.0  # cross-encoder logit units
SAYS_WHO = "the paragraph before says who"
FIRST_LINE_CHARS = 600  # a second or third quote joins the first line only within this


def best_quote(hit: Hit, question_terms: set[str]) -> str:
    """The sentence(s) the ranking chose, else the sentence sharing most of the question's
    words (a very short one with the next)."""
    text = hit.text
    if hit.best_span is not None:
        start, end = clip(text, *hit.best_span, limit=ANSWER_QUOTE_CHARS)
        return text[start:end]
    spans = sentence_spans(text) or [(0, len(text))]
    scores = [
        len(question_terms & set(stems(words(text[s:e]), QUESTION_STOPWORDS))) for s, e in spans
    ]
    best = max(range(len(spans)), key=lambda i: (scores[i], -i))
    start, end = spans[best]
    if end - start < 60 and best + 1 < len(spans):
        end = spans[best + 1][1]
    start, end = clip(text, start, end)
    return text[start:end]


def _clause(hit: Hit, quote: str, n: int) -> str:
    return f"{speaker(hit)}: “{_inline(quote)}” [{n}]"


_INNER_QUOTES = str.maketrans({"“": "‘", "”": "’", '"': "'"})


def _inline(quote: str) -> str:
    """The quote on one line, its own double quotation marks made single (it is shown inside
    double ones)."""
    return re.sub(r"\s+", " ", quote).strip().translate(_INNER_QUOTES)


def quote_that_follows(
    hit: Hit, quote: str, following: Continuation | None, terms: set[str] | None = None
) -> Citation | None:
    """When the quote introduces a speaker ("X said the collapse sent a jarring message.")
    and nothing after it in its passage names anyone else ("Her freezers were ruined."), the
    quote that opens the next passage (numbered later): its first sentence, on through the
    later one of that paragraph sharing more of the question's words (``terms``) when there is
    one ('"We will give him a fair chance," he said. "The trust raised £85,000, and we want a
    supporter director."')."""
    begin = hit.text.find(quote.strip())
    if following is None or begin < 0:
        return None
    quoted = [(begin + start, begin + end) for start, end in sentence_spans(quote.strip())]
    intro = next(
        (end for start, end in reversed(quoted) if introduces_speaker(hit.text[start:end])), None
    )
    if intro is None or names_a_person(hit.text[intro:]):
        return None  # (the "he said" of the next passage may be someone named after it)
    after = following(hit)
    if after is None or after.kind != hit.kind:
        return None
    if not after.text.lstrip().startswith(OPENING_QUOTES):
        return None
    spans = sentence_spans(after.text)
    if not spans:
        return None
    start, end = clip(after.text, *spans[0], limit=ANSWER_QUOTE_CHARS)
    through = _sharing_most(after.text, spans, terms or set())
    if spans[through][1] - spans[0][0] <= ANSWER_QUOTE_CHARS:
        end = max(end, spans[through][1])
    return Citation(0, after, after.text[start:end])


def _sharing_most(text: str, spans: Sequence[tuple[int, int]], terms: set[str]) -> int:
    """The index of the sentence sharing the most of ``terms`` (the first of equals)."""
    shared = [len(terms & set(stems(words(text[s:e]), QUESTION_STOPWORDS))) for s, e in spans]
    return max(range(len(spans)), key=lambda i: (shared[i], -i))


_HE_OR_SHE = re.compile(r"\W*(?:he|she)\b", re.IGNORECASE)


def speaker_named_before(
    hit: Hit,
    quote: str,
    preceding: Continuation | None,
    intent: QueryIntent | None,
    question: str = "",
) -> Citation | None:
    """For "who …?", "what did … say?" or "why, according to …?", when the quote opens its
    passage and tells of "he" or "she" ("‘It’s upsetting …,’ he told Reuters.", "He left
    Capital FM this year"), the last sentence of the passage before that names someone ("Kim
    Hong-kyun, a former South Korean nuclear negotiator, said …"; not a later "He said he had
    taken a second job.")."""
    if preceding is None or intent is None:
        return None
    if intent.expects != "person" and not words_asked(intent.expects, question):
        return None
    if hit.kind != "article":  # a reader's passage before is another reader's, as often as not
        return None
    if hit.text[: hit.text.find(quote)].strip():
        return None
    if not (quoted_by_pronoun(quote) or _HE_OR_SHE.match(quote)):
        return None
    before = preceding(hit)
    if before is None or before.kind != "article" or before.section != hit.section:
        return None
    for span in reversed(sentence_spans(before.text)):  # the last that names someone
        start, end = clip(before.text, *span, limit=ANSWER_QUOTE_CHARS)
        sentence = before.text[start:end]
        if names_a_person(sentence):
            return Citation(0, before, sentence)
    return None


def answer_from_hits(
    question: str,
    hits: Sequence[Hit],
    gate: Gate | None = None,
    intent: QueryIntent | None = None,
    following: Continuation | None = None,
    preceding: Continuation | None = None,
) -> Answer:
    gate = gate or Gate()
    terms = set(question_terms(question))
    if not hits or not (
        gate.covered(hits, intent) or _covered_with_its_quote(hits, gate, intent, following, terms)
    ):
        return not_covered(question, hits)
    supported = [hits[0], *(h for h in hits[1:] if gate.supports(h, intent))]
    used = distinct(supported)[:MAX_PASSAGES]
    if details_answer(hits[0], hits):  # "who commented the most?": the details line says
        used = [h for h in used if details_answer(h, hits)]  # (and another file's, if asked)
    citations: list[Citation] = []
    lines: list[str] = []
    for hit in used:
        if any(c.hit.id == hit.id for c in citations):  # already quoted in the first line
            continue
        cited = Citation(len(citations) + 1, hit, best_quote(hit, terms))
        citations.append(cited)
        line = _clause(hit, cited.quote, cited.n)
        if lines:  # a further passage: with its window nearly as good, as the first line
            line = _also_quoted(line, cited, citations)
        else:
            more = quote_that_follows(hit, cited.quote, following, terms)
            if more is not None:
                more = Citation(len(citations) + 1, more.hit, more.quote)
                citations.append(more)
                line += f" “{_inline(more.quote)}” [{more.n}]"
            named = speaker_named_before(hit, cited.quote, preceding, intent, question)
            if named is not None:
                named = Citation(len(citations) + 1, named.hit, named.quote)
                citations.append(named)
                line += f" — {SAYS_WHO}: “{_inline(named.quote)}” [{named.n}]"
            line = _also_quoted(line, cited, citations)
            # (not the passage that says who speaks again: its naming sentence is quoted)
            others = [h for h in used[1:] if named is None or h.id != named.hit.id]
            if (beside := _nearly_as_good(hit, others)) is not None:  # another passage
                also = Citation(len(citations) + 1, beside, best_quote(beside, terms))
                extra = f" … “{_inline(also.quote)}” [{also.n}]"
                if len(line) + len(extra) <= FIRST_LINE_CHARS:
                    citations.append(also)
                    line += extra
        lines.append(line)
    if any(c.hit.kind == "comment" for c in citations):
        lines.append(OPINION_NOTE)
    return Answer(question, "\n".join(lines), True, tuple(citations), hits=tuple(hits))


def _covered_with_its_quote(
    hits: Sequence[Hit],
    gate: Gate,
    intent: QueryIntent | None,
    following: Continuation | None,
    terms: set[str],
) -> bool:
    """The best passage introduces a speaker whose quote opens the next passage (as
    ``quote_that_follows`` finds it), and the two, read as one, answer: "what method did the
    coxswain say they finally used?" is answered by 'Terence Ballamore, the coxswain, said …'
    with '"… in the end we had to bring them across on a line," he said.' (what the answer
    quotes)."""
    best = hits[0]
    more = quote_that_follows(best, best_quote(best, terms), following, terms)
    return more is not None and gate.supports(
        replace(best, text=f"{best.text} {more.quote}"), intent, hits
    )


def _also_quoted(line: str, cited: Citation, citations: list[Citation]) -> str:
    """``line`` with the other window of the cited passage that the ranking found nearly as
    good, while the line stays short enough (the citation records it)."""
    hit = cited.hit
    if hit.also_span is None:
        return line
    begin, end = clip(hit.text, *hit.also_span, limit=ANSWER_QUOTE_CHARS)
    extra = f" … “{_inline(hit.text[begin:end])}” [{cited.n}]"
    if len(line) + len(extra) > FIRST_LINE_CHARS:
        return line
    citations[cited.n - 1] = replace(cited, also=hit.text[begin:end])
    return line + extra


def distinct(hits: Sequence[Hit]) -> list[Hit]:
    """The hits without a second copy of a text already among them (a story the archive holds
    twice, a comment posted twice): the first, best ranked, copy is kept."""
    seen: set[str] = set()
    kept: list[Hit] = []
    for hit in hits:
        text = " ".join(hit.text.split())
        if text not in seen:
            seen.add(text)
            kept.append(hit)
    return kept


def _nearly_as_good(best: Hit, others: Sequence[Hit]) -> Hit | None:
    """Another passage of the same file and speaker that passed the gate and whose best window
    the cross-encoder scored within ``BESIDE_MARGIN`` of the best passage's: the first line
    quotes it too ("When did Jez San set up Argonaut?": "Jez San is one of the key figures in
    the UK's games industry …", then "He founded Argonaut in 1982 …" from the next paragraph)."""
    top = best.signals.get(WINDOW_SCORE)
    if top is None:
        return None
    for other in others:
        score = other.signals.get(WINDOW_SCORE)
        if (
            score is not None
            and score >= top - BESIDE_MARGIN
            and other.source == best.source
            and speaker(other) == speaker(best)
        ):
            return other
    return None


def not_covered(question: str, hits: Sequence[Hit]) -> Answer:
    nearest = tuple(
        Citation(n, h, best_quote(h, set()))
        for n, h in enumerate(distinct(hits)[:NEAREST_OFFERED], 1)
    )
    return Answer(question, NOT_COVERED, False, nearest=nearest, hits=tuple(hits))
