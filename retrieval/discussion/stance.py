"""Whether a reply pushes back on the comment it answers, agrees with it, or just replies.

Cue words, not a model: a reply pushes back when it holds at least as many cues of
disagreement (a "you …?" challenge, "beside the point", "nonsense", "lol", "??") as of
agreement ("agreed", "you are right", "thanks"). Only ever used to pick and label which
replies to show; every shown reply is quoted, so a reader can judge.
"""

from __future__ import annotations

import re
from typing import Literal

Stance = Literal["pushback", "agrees", "replies"]

_PUSHBACK = re.compile(
    r"\b(wrong|nonsense|rubbish|garbage|bullshit|absurd|ridiculous|silly|stupid|idiot\w*|"
    r"ignorant|ingnorant|naive|delusional|propaganda|troll|shill|liars?|lies|lying|false|"
    r"untrue|not true|disagree\w*|nope|no way|hardly|beside the point|miss(?:ed|ing)? the point|"
    r"you presume|you assume|implying|so you|you really|fail to understand|"
    r"(?:don'?t|don’t|do not) (?:believe|think so|agree)|doubt|on the contrary|yes and no|"
    r"not so|how can anyone|how does anyone|seriously|lol|lmao|rofl)\b|\?\?",
    re.IGNORECASE,
)
_CHALLENGE = re.compile(r"[^.!?\n]*\byour?\b[^.!?\n]*\?", re.IGNORECASE)  # "So you presume …?"
_AGREEMENT = re.compile(
    r"\b(agreed|i agree|agree with you|you(?:'|’| a)re (?:right|correct)|exactly|well said|"
    r"spot on|so true|good point|thanks|thank you|indeed|absolutely|precisely)\b",
    re.IGNORECASE,
)


def pushback_cues(text: str) -> list[re.Match[str]]:
    return [*_PUSHBACK.finditer(text), *_CHALLENGE.finditer(text)]


def stance(reply: str) -> Stance:
    push = len(pushback_cues(reply))
    agree = len(_AGREEMENT.findall(reply))
    if push and push >= agree:
        return "pushback"
    if agree:
        return "agrees"
    return "replies"
