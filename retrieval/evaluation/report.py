"""Running a question set against a system and the figures it reaches.

A system is anything with ``search(question, k)`` and ``ask(question)``: the engine, or the
plain BM25 baseline of the same store (``baseline.py``), so both are measured the same way in
the same run.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from retrieval.answer.types import Answer
from retrieval.evaluation.cases import Case, contains_answer, matches
from retrieval.search import Hit

RANKS = 5


class System(Protocol):
    def search(self, question: str, k: int = 5) -> list[Hit]: ...
    def ask(self, question: str) -> Answer: ...


@dataclass
class CaseResult:
    case: Case
    rank: int | None  # 1-based rank of the first matching hit in the top 5
    found: bool  # answered (not "the archive doesn't cover that")
    answer_ok: bool  # the answer states the expected short answer
    first_line_ok: bool  # … in its first line
    cited_expected: bool  # the answer cites the expected passage
    quotes_exact: bool
    search_seconds: float
    ask_seconds: float
    first_line: str = ""


def _share(items: Sequence[CaseResult], ok: Iterable[bool]) -> float:
    return round(sum(ok) / len(items), 3) if items else 0.0


def percentile(values: Sequence[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


@dataclass
class EvalReport:
    results: list[CaseResult] = field(default_factory=list)

    def answerable(self) -> list[CaseResult]:
        return [r for r in self.results if r.case.answerable]

    def off_topic(self) -> list[CaseResult]:
        return [r for r in self.results if not r.case.answerable]

    def figures(self) -> dict[str, float | int]:
        answerable = self.answerable()
        off = self.off_topic()
        near = [r for r in off if r.case.near_topic]
        answered = [r for r in answerable if r.found]
        search_ms = [r.search_seconds * 1000 for r in self.results]
        ask_ms = [r.ask_seconds * 1000 for r in self.results]
        return {
            "questions": len(self.results),
            "answerable": len(answerable),
            "off_topic": len(off),
            "recall@1": _share(answerable, (r.rank == 1 for r in answerable)),
            "recall@3": _share(
                answerable, (r.rank is not None and r.rank <= 3 for r in answerable)
            ),
            "recall@5": _share(answerable, (r.rank is not None for r in answerable)),
            "mrr@5": round(sum(1 / r.rank for r in answerable if r.rank) / len(answerable), 3)
            if answerable
            else 0.0,
            "answer_contains": _share(answerable, (r.answer_ok for r in answerable)),
            "first_line_contains": _share(answerable, (r.first_line_ok for r in answerable)),
            "citation_correct": _share(answered, (r.cited_expected for r in answered)),
            "quotes_exact": _share(self.results, (r.quotes_exact for r in self.results)),
            "answerable_refused": _share(answerable, (not r.found for r in answerable)),
            "off_topic_refused": _share(off, (not r.found for r in off)),
            "near_topic_refused": _share(near, (not r.found for r in near)),
            "search_p50_ms": round(statistics.median(search_ms), 1) if search_ms else 0.0,
            "search_p95_ms": round(percentile(search_ms, 95), 1),
            "ask_p50_ms": round(statistics.median(ask_ms), 1) if ask_ms else 0.0,
            "ask_p95_ms": round(percentile(ask_ms, 95), 1),
        }

    def misses(self) -> list[str]:
        lines = []
        for r in self.results:
            if r.case.answerable and (r.rank != 1 or not r.found or not r.first_line_ok):
                lines.append(
                    f"rank={r.rank} found={r.found} answer={r.answer_ok} "
                    f"first_line={r.first_line_ok}: {r.case.question}  ⇒  {r.first_line[:160]}"
                )
            elif not r.case.answerable and r.found:
                lines.append(f"answered off-topic: {r.case.question}  ⇒  {r.first_line[:160]}")
        return lines


def quotes_exact(answer: Answer) -> bool:
    return all(
        c.quote and c.quote in c.hit.text and c.also in c.hit.text
        for c in (*answer.citations, *answer.nearest)
    )


def evaluate(system: System, cases: Sequence[Case]) -> EvalReport:
    report = EvalReport()
    for case in cases:
        started = time.perf_counter()
        hits = system.search(case.question, RANKS)
        searched = time.perf_counter() - started
        rank = next((i for i, h in enumerate(hits, start=1) if matches(case, h)), None)
        started = time.perf_counter()
        answer = system.ask(case.question)
        asked = time.perf_counter() - started
        text = answer.text if answer.found else ""
        first = text.strip().splitlines()[0] if text.strip() else ""
        report.results.append(
            CaseResult(
                case,
                rank,
                answer.found,
                answer_ok=answer.found and contains_answer(case, text),
                first_line_ok=answer.found and contains_answer(case, first),
                cited_expected=any(matches(case, c.hit) for c in answer.citations),
                quotes_exact=quotes_exact(answer),
                search_seconds=searched,
                ask_seconds=asked,
                first_line=first,
            )
        )
    return report
