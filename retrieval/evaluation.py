"""Golden-set evaluation: retrieval recall, citation correctness, refusals, latency."""

from __future__ import annotations

import json
import re
import statistics
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from retrieval.answer.types import Answer
from retrieval.engine import Engine
from retrieval.search import Hit


@dataclass(frozen=True)
class Case:
    question: str
    expected_source: str | None = None
    expected_phrase: str | None = None
    kind: str | None = None
    author: str | None = None
    answerable: bool = True


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
        cases.append(
            Case(
                question=question,
                expected_source=row.get("expected_source"),
                expected_phrase=phrase,
                kind=row.get("kind"),
                author=row.get("author"),
                answerable=bool(row.get("answerable", phrase is not None)),
            )
        )
    return cases


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def matches(case: Case, hit: Hit) -> bool:
    """The passage is the expected one: right file and it contains the expected phrase."""
    if case.expected_source and hit.source != case.expected_source:
        return False
    if case.expected_phrase:
        return _norm(case.expected_phrase) in _norm(hit.text)
    return True


@dataclass
class CaseResult:
    case: Case
    rank: int | None  # 1-based rank of the first matching hit in the top 5
    found: bool
    cited_expected: bool
    quotes_exact: bool
    seconds: float


@dataclass
class EvalReport:
    results: list[CaseResult] = field(default_factory=list)

    def _answerable(self) -> list[CaseResult]:
        return [r for r in self.results if r.case.answerable]

    def _offtopic(self) -> list[CaseResult]:
        return [r for r in self.results if not r.case.answerable]

    def figures(self) -> dict[str, float | int]:
        answerable = self._answerable()
        offtopic = self._offtopic()
        latencies = sorted(r.seconds * 1000 for r in self.results)

        def share(items: Sequence[CaseResult], ok: Iterable[bool]) -> float:
            return round(sum(ok) / len(items), 3) if items else 0.0

        answered = [r for r in answerable if r.found]
        return {
            "questions": len(self.results),
            "answerable": len(answerable),
            "off_topic": len(offtopic),
            "recall@1": share(answerable, (r.rank == 1 for r in answerable)),
            "recall@5": share(answerable, (r.rank is not None for r in answerable)),
            "mrr@5": round(sum(1 / r.rank for r in answerable if r.rank) / len(answerable), 3)
            if answerable
            else 0.0,
            "answered": share(answerable, (r.found for r in answerable)),
            "citation_correct": share(answered, (r.cited_expected for r in answered)),
            "quotes_exact": share(self.results, (r.quotes_exact for r in self.results)),
            "off_topic_refused": share(offtopic, (not r.found for r in offtopic)),
            "latency_p50_ms": round(statistics.median(latencies), 1) if latencies else 0.0,
            "latency_p95_ms": round(_percentile(latencies, 95), 1) if latencies else 0.0,
        }

    def misses(self) -> list[str]:
        lines = []
        for r in self.results:
            if r.case.answerable and (r.rank != 1 or not r.found or not r.cited_expected):
                lines.append(
                    f"rank={r.rank} found={r.found} cited={r.cited_expected}: {r.case.question}"
                )
            elif not r.case.answerable and r.found:
                lines.append(f"answered off-topic: {r.case.question}")
        return lines


def _percentile(sorted_values: Sequence[float], pct: float) -> float:
    if not sorted_values:
        return 0.0
    index = max(0, min(len(sorted_values) - 1, round(pct / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


def quotes_exact(answer: Answer) -> bool:
    return all(c.quote and c.quote in c.hit.text for c in (*answer.citations, *answer.nearest))


def evaluate(engine: Engine, cases: Sequence[Case]) -> EvalReport:
    report = EvalReport()
    for case in cases:
        hits = engine.search(case.question, 5)
        rank = next((i for i, h in enumerate(hits, start=1) if matches(case, h)), None)
        started = time.perf_counter()
        answer = engine.ask(case.question)
        seconds = time.perf_counter() - started
        cited = any(matches(case, c.hit) for c in answer.citations)
        report.results.append(
            CaseResult(case, rank, answer.found, cited, quotes_exact(answer), seconds)
        )
    return report
