"""Where the asker read it: "according to the BBC article, …", "…, going by the Reuters intro",
"in the BBC report about Mittal Steel, …", "I was reading the BBC news - …". Such words say
which file, not what it says:

- a cross-encoder trained on search queries reads them as part of what is asked and rates the
  answering passage lower, so it reads the question without a leading or closing pointer
  (``without_source_pointer``);
- the outlet they name ("BBC") is not a name a story lacks when its file does not say who
  published it (a BBC story never says "BBC"), so ``pointer_names`` gives the words that name
  it, and the features leave them out for such files.
"""

from __future__ import annotations

import re
from functools import lru_cache

# What a reader calls a file
_DOCUMENT = (
    r"(?:article|story|report|piece|file|intro|introduction|text|write-?up|coverage|post|"
    r"repost|page|item|news story|website|site|preview|review|interview|column|blog|feature|"
    r"bulletin|profile|obituary)s?"
)
# Outlets named without a word for the file ("according to Reuters"); a person named so is who
# said it ("according to Peter Mandelson"), which the question asks about
OUTLETS = (
    r"BBC(?: News| Online| Sport| website)?|Reuters|AP|AFP|Associated Press|Press ?TV|CNN|"
    r"Sky News|Bloomberg|Xinhua|Yonhap|(?:the )?(?:Guardian|Times|Telegraph|Independent|"
    r"Observer)"
)
_LEAD_IN = (
    r"(?:according to|going by|judging by|based on|as per|per|as (?:reported|told|said|stated|"
    r"written) (?:by|in)|reported by|in|from|on)"
)
_NAMED = r"(?:(?:the|this|that)\s+)?(?P<named>(?:[\w'’.-]+\s+){0,3}?)"
# "…, according to the article", "… per the file", "…, according to the BBC"
_CLOSING = re.compile(
    rf",?\s+{_LEAD_IN}\s+(?:{_NAMED}{_DOCUMENT}(?:'s|’s)?|(?:the\s+)?(?P<outlet>{OUTLETS}))"
    r"(?=\s*[?.!]*\s*$)",
    re.IGNORECASE,
)
# "According to the BBC article, …", "In the Reuters story, …" (a comma after the file: "in the
# BBC story about Mittal Steel" names what it is about)
_OPENING = re.compile(
    rf"^\W*{_LEAD_IN}\s+(?:{_NAMED}{_DOCUMENT}|(?:the\s+)?(?P<outlet>{OUTLETS}))\s*,\s*",
    re.IGNORECASE,
)
# "the BBC article about …", "the BBC's report": the outlet before a word for the file
_OUTLET_FILE = re.compile(rf"\b(?P<outlet>{OUTLETS})(?:'s|’s)?\s+{_DOCUMENT}\b", re.IGNORECASE)
# "I was reading the BBC news - …", "saw on Reuters that …": the outlet read, heard or seen
_READ_IN = re.compile(
    r"\b(?:read|reading|saw|seen|seeing|heard|hearing|watched|watching|listening to)\s+"
    rf"(?:(?:it|this|that|something|somewhere)\s+)?(?:(?:on|in|from)\s+)?(?:the\s+)?"
    rf"(?P<outlet>{OUTLETS})",
    re.IGNORECASE,
)
# … opening the question, before a dash, a colon or a comma: "I was reading the BBC news - how
# many …", "Just saw this in the news: why …"
_OPENING_READ = re.compile(
    r"^\W*(?:i\s+)?(?:was\s+|am\s+|have\s+|'ve\s+|’ve\s+)?(?:just\s+)?(?:been\s+)?"
    r"(?:read|reading|saw|seen|heard|watched|watching)\s+(?:[\w'’.-]+\s+){0,4}?"
    rf"(?:news|{OUTLETS}|{_DOCUMENT})\s*(?:[-–—:;,]|\.\.\.)\s*",
    re.IGNORECASE,
)


def without_source_pointer(question: str) -> str:
    """The question without an opening or closing clause that only says where the asker read
    it (the first letter of what is left capitalised, as it was typed)."""
    stripped = _CLOSING.sub("", question).strip()
    opened = _OPENING.match(stripped) or _OPENING_READ.match(stripped)
    if opened:
        rest = stripped[opened.end() :]
        stripped = rest[:1].upper() + rest[1:] if question[:1].isupper() else rest
    return stripped if len(stripped.split()) >= 3 else question


@lru_cache(maxsize=1024)
def pointer_names(question: str) -> str:
    """The words of the question's pointers that name where it was read ("BBC", "Reuters"),
    joined by spaces ("" when it has none)."""
    found = []
    for pattern in (_CLOSING, _OPENING, _OUTLET_FILE, _READ_IN):
        for match in pattern.finditer(question):
            found += [g for g in match.groupdict().values() if g]
    return " ".join(found)
