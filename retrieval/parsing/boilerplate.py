"""Recognise page furniture that is not answerable text.

Boilerplate lines (reply forms, donation appeals, ownership and copyright notices, site
navigation) are kept out of paragraphs; credit lines ("Source: Reuters") and datelines
("First published … November 19, 2019") become metadata instead.
"""

from __future__ import annotations

import re


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# The reply form under an article: it ends the article and its comments.
_END_OF_PAGE = _rx(
    r"^(?:leave a (?:reply|comment)|post a comment|comments? (?:are|is) closed"
    r"|your email address will not be published)\b"
)

# (pattern, longest line it may match): long lines are prose, not page furniture.
_RULES: tuple[tuple[re.Pattern[str], int], ...] = (
    # reply form
    (_END_OF_PAGE, 120),
    (_rx(r"^required fields are marked\b"), 120),
    (_rx(r"^cancel reply$"), 20),
    # donation appeals
    (_rx(r"\b(?:click|tap)\s+(?:here\s+)?to\s+(?:donate|contribute)\b"), 400),
    (_rx(r"\bcrowd-?funded\b.*\b(?:paypal|patreon|donations?)\b"), 400),
    (_rx(r"\b(?:donate|donations?|support (?:us|our work))\b.*\b(?:paypal|patreon)\b"), 400),
    (_rx(r"^thanks?(?: you)? for (?:helping|your support)\W*$"), 60),
    (_rx(r"^(?:please )?donate\b.{0,40}$"), 60),
    # ownership and copyright notices
    (_rx(r"^all content herein is owned by\b"), 600),
    (_rx(r"\bowned by (?:the )?authors? exclusively\b"), 600),
    (_rx(r"^all images (?:within|herein|on this \w+)\b.*\bresponsibility\b"), 300),
    (_rx(r"\bopinions\b.{0,30}\bnot necessarily\b.{0,30}\bviews of\b"), 400),
    (_rx(r"^(?:copyright|©|\(c\))(?:\s*(?:©|\(c\)))?\s*(?:\d{4}\b|by\b|$)"), 300),
    (_rx(r"©"), 200),
    (_rx(r"\ball rights reserved\b"), 300),
    # navigation and sharing widgets
    (_rx(r"\bread full policy notice\b"), 200),
    (_rx(r"^share (?:this|on)\b.{0,40}$"), 60),
    (_rx(r"^(?:related|recent|popular) (?:posts|articles|stories|news)\W*$"), 40),
    (_rx(r"^(?:you (?:may|might) also like|read more|tags?\s*:.*|filed under\b.*)$"), 200),
)

_NAV_SEPARATOR = re.compile(r"\s+[-–—|·•»]\s+")
_NAV_WORD = _rx(
    r"\b(?:about|home|contact|privacy|policy|terms|subscribe|newsletter|advertise"
    r"|log ?in|sign (?:in|up)|comments?)\b"
)

_CREDIT = _rx(r"^(?:source|credit)s?\s*:\s*(?P<value>\S.{0,99}?)[\s.]*$")

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})"
)
_TIME = r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?)?"
# "– First published … November 19, 2019", "Posted on 3 March 2021 at 10:15", or a bare date.
_DATELINE = _rx(
    r"^[\W_]*(?:(?:(?:first|originally)\s+)?(?:published|posted)(?:\s+by\s+[^,]{1,40}?)?"
    rf"(?:\s+on)?[\W_]*)?(?P<date>{_DATE}){_TIME}[\W_]*$"
)


def ends_page(line: str) -> bool:
    """True for the reply-form line ("Leave A Reply") after which nothing is answerable."""
    text = line.strip()
    return len(text) <= 120 and bool(_END_OF_PAGE.match(text))


def is_boilerplate(line: str) -> bool:
    """True when the (stripped) line is page furniture rather than article text."""
    text = line.strip()
    if not text:
        return False
    if any(len(text) <= limit and rule.search(text) for rule, limit in _RULES):
        return True
    return _is_navigation(text)


def credit_in(line: str) -> str | None:
    """The credited source of a line like "Source: Reuters", else None."""
    text = line.strip()
    match = _CREDIT.match(text) if len(text) <= 120 else None
    return match.group("value") if match else None


def published_in(line: str) -> str | None:
    """The date of a dateline like "– First published … November 19, 2019", else None."""
    text = line.strip()
    match = _DATELINE.match(text) if len(text) <= 100 else None
    return match.group("date") if match else None


def _is_navigation(text: str) -> bool:
    """A short bar of links such as "About VT - Read Full Policy Notice - Comment Policy"."""
    parts = _NAV_SEPARATOR.split(text)
    if len(parts) < 3 or len(text) > 200 or any(len(part.split()) > 5 for part in parts):
        return False
    return sum(1 for part in parts if _NAV_WORD.search(part)) >= 2
