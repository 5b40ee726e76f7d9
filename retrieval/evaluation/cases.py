"""Golden-set and dev-set questions: what to ask, where the answer is, what it must say."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from retrieval.search import Hit


@dataclass(frozen=True)
class Case:
    question: str
    expected_source: str | None = None
    expected_phrase: str | None = None  # a phrase of the passage that answers it
    kind: str | None = None  # "article", "comment" or "facts"
    author: str | None = None
    answerable: bool = True
    answers: tuple[str, ...] = ()  # short answers; a good answer contains one of them
    type: str | None = None  # number, person, place, date, reason, quote, facts, …
    split: str = "tune"  # "tune" or "heldout"
    near_topic: bool = False  # an unanswerable news question about an event not in the archive
    id: str = ""


class EvalFileError(ValueError):
    """A golden-set line is not usable; the message names the line."""


def load_cases(path: Path) -> list[Case]:
    cases: list[Case] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row: dict[str, Any] = json.loads(line)
            question = str(row["question"]).strip()
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise EvalFileError(
                f"{path}:{number}: expected a JSON object with a 'question' ({exc})"
            ) from None
        phrase = row.get("expected_phrase")
        answers = row.get("answer") or ()
        cases.append(
            Case(
                question=question,
                expected_source=row.get("expected_source"),
                expected_phrase=phrase,
                kind=row.get("kind"),
                author=row.get("author"),
                answerable=bool(row.get("answerable", phrase is not None)),
                answers=tuple(str(a) for a in ([answers] if isinstance(answers, str) else answers)),
                type=row.get("type"),
                split=str(row.get("split") or "tune"),
                near_topic=bool(row.get("near_topic", False)),
                id=str(row.get("id") or f"{path.stem}:{number}"),
            )
        )
    return cases


def load_folder(folder: Path) -> list[Case]:
    """Every ``*.jsonl`` file of a folder, in name order."""
    return [case for path in sorted(folder.glob("*.jsonl")) for case in load_cases(path)]


def norm(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().casefold()


def matches(case: Case, hit: Hit) -> bool:
    """The passage is the expected one: right file (and kind, for a file's details) and it
    contains the expected phrase."""
    if case.expected_source and hit.source != case.expected_source:
        return False
    if case.kind == "facts" and hit.kind != "facts":
        return False
    if case.expected_phrase:
        return norm(case.expected_phrase) in norm(hit.text)
    return True


def contains_answer(case: Case, text: str) -> bool:
    """The text states one of the case's short answers (or, lacking them, its phrase)."""
    wanted = case.answers or ((case.expected_phrase,) if case.expected_phrase else ())
    body = norm(text)
    return any(re.search(rf"(?<!\w){re.escape(norm(a))}(?!\w)", body) for a in wanted)
