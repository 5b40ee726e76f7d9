"""One regular expression for many literal words, as a trie.

Python's ``re`` tries the alternatives of ``(?:south korea|south africa|…)`` one by one at
every position of the text: a list of three hundred country names made finding a passage's
countries cost ~1 µs a character, a millisecond a passage. Written as a trie
(``south (?:korea|africa)``), each position is rejected by its first letter. The trie tries
longer words before their prefixes, so it matches what the list sorted longest first would.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""  # the key of a trie node's "a word ends here"
_Trie = dict[str, "_Trie"]


def any_of(words: Iterable[str], *, ignore_case: bool = False) -> str:
    """A non-capturing pattern matching any of ``words`` (taken literally), the longest that
    fits first. With ``ignore_case`` the words are matched in any case: give them in lower
    case (the pattern itself must then be compiled with IGNORECASE, or wrapped in
    ``(?i:…)``)."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word.lower() if ignore_case else word:
            node = node.setdefault(char, {})
        node[_END] = {}
    if not trie:
        return "(?!)"
    return _pattern(trie)


def _pattern(node: _Trie) -> str:
    ends = _END in node
    branches = [re.escape(char) + _pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:  # a longer word first, this one if none fits
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
    return body
