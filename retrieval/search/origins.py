"""When something began: "when was Tessaline Labs founded?" asks the date of its founding, "in what
year was the Main Stand built?" that of its building, "when did the soap first go on air?" that
of its first episode. A sentence giving another date of the story ("examined 2,400 PCs between
October and December 2004", "closed since 2002") does not answer; one telling the founding or
the building with its date does ("Pellowes, which was founded in 1811", "he set up Argonaut in
1982")."""

from __future__ import annotations

import re
from functools import lru_cache

# (not through a "whether" or an "if": "when will the council decide whether the homes can be
# built?" asks when it decides)
_WHEN = (
    r"\b(?:when|(?:what|which) (?:year|date|decade|century))\b"
    r"(?:(?!\b(?:whether|if)\b)[^?])*?"
)
# (what the question asks began, the words a sentence telling that beginning uses)
_ORIGINS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (re.compile(_WHEN + rf"\b(?:{asked})\b", re.IGNORECASE), re.compile(rf"\b(?:{told})", re.I))
    for asked, told in (
        (
            r"founded|established|set up|formed|incorporated",
            r"found(?:ed|ing|er)|co-found|establish|set (?:it )?up|formed|formation|incorporat|"
            r"creat|began|begun|start|launch|dat(?:es|ing|ed) (?:back )?(?:from|to)",
        ),
        (
            r"built|constructed|erected",
            r"built|construct|erect|opened|dat(?:es|ing|ed) (?:back )?(?:from|to)",
        ),
        (  # "when did the soap first go on air?": "since the first episode in 1987" (not any
            # first time: "when did Laura Ashley first list its shares?" is "floated … in 1995")
            r"first (?:(?:go|goes|went|gone) on air|air(?:ed)?|shown|broadcast|screened|"
            r"start(?:ed)?|began|begin|play(?:ed|ing)?|appear(?:ed)?|episode|series)",
            r"first|since|began|begun|start|launch|debut|premi[eè]r|introduc|found|opened|"
            r"set up",
        ),
    )
)


@lru_cache(maxsize=1024)
def origin_told(question: str) -> re.Pattern[str] | None:
    """The words a sentence telling the beginning asked about uses, when the question asks
    when something was founded or built."""
    return next((told for asked, told in _ORIGINS if asked.search(question)), None)
