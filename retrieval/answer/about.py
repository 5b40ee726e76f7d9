"""What an article is about: "What is the Reuters article about?", "Summarise the story on
Mittal Steel". The answer is the article's opening paragraphs (a news story says what it is
about first), quoted and cited, from the article the question names: by its file name or title
words, else the file whose passages best match those words (its details passage names its
credited source and byline, so "the Reuters article" finds it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from retrieval.answer.types import Answer, Citation
from retrieval.search import Hit
from retrieval.sentences import clip, sentence_spans

LEAD_PASSAGES = 2  # opening passages quoted
LEAD_CHARS = 420  # of each, at most this much (whole sentences when they fit)

_ABOUT = re.compile(
    r"^\W*(?:what(?:'s|’s|\s+is|\s+was)|tell\s+me\s+what)\s+(?:the|this|that)\s+"
    r"(?P<about>[^?]{0,80}?)\s*\b(?:article|story|report|piece)\s+(?:about|on)\W*$|"
    r"^\W*what(?:'s|’s|\s+is|\s+was)\s+(?:the|this|that)\s+(?:article|story|report|piece)\s+"
    r"(?:on|about)\s+(?P<named>[^?]{1,80}?)\s+about\W*$|"
    r"^\W*(?:summari[sz]e|sum\s+up|give\s+me\s+the\s+gist\s+of)\s+(?:the|this|that)\s+"
    r"(?P<summary>[^?]{0,80}?)\s*\b(?:article|story|report|piece)\b(?:\s+(?:about|on)\s+"
    r"(?P<topic>[^?]{1,80}))?\W*$",
    re.IGNORECASE,
)


# Words that say which article without naming it: "the new article" is the one just cited.
_UNNAMED = frozenset(
    "new latest last first second recent current same other main whole above previous next "
    "one news this that".split()
)


def asked_about(question: str) -> str | None:
    """The words naming the article whose content is asked for ("" for "this article" or "the
    latest story"), or None for any other question."""
    match = _ABOUT.search(question.strip())
    if match is None:
        return None
    found = ("about", "named", "summary", "topic")
    words = next((match.group(g) for g in found if match.group(g)), "").strip()
    return "" if set(words.lower().split()) <= _UNNAMED else words


def lead_quote(hit: Hit) -> str:
    """The passage's opening sentences, up to ``LEAD_CHARS``: an exact substring of it."""
    text = hit.text
    spans = sentence_spans(text) or [(0, len(text))]
    end = spans[0][1]
    for _, sentence_end in spans[1:]:
        if sentence_end - spans[0][0] > LEAD_CHARS:
            break
        end = sentence_end
    start, end = clip(text, spans[0][0], end, limit=LEAD_CHARS)
    return text[start:end].strip()


def about_answer(question: str, source: str, passages: Callable[[str], list[Hit]]) -> Answer | None:
    """The opening passages of ``source``'s article text, quoted and cited."""
    article = [h for h in passages(source) if h.kind == "article" and h.section != "editor_note"]
    if not article:
        return None
    lead: Sequence[Hit] = sorted(article, key=lambda h: h.chunk_index)[:LEAD_PASSAGES]
    citations = [Citation(n, hit, lead_quote(hit)) for n, hit in enumerate(lead, 1)]
    title = f"“{lead[0].title}”" if lead[0].title else source
    quotes = " ".join(f"“{c.quote}” [{c.n}]" for c in citations)
    text = f"The article {title} ({source}) opens: {quotes}"
    return Answer(question, text, True, tuple(citations), hits=tuple(lead))
