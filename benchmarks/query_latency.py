"""Latency of `search` and extractive `ask`, and the cold start of a first answer.

    uv run python benchmarks/query_latency.py [--store PATH] [--questions 200]

Uses (or builds, if PATH is empty) a store holding the sample corpus plus
../shared/corpora/bbc-news, then times 200 questions: the golden set's, and questions made from
BBC headlines. Prints p50/p95 for search and ask, and the wall time of a fresh
`corpusbot ask` process (imports, model load, store open, first answer).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from retrieval.engine import Engine  # noqa: E402
from retrieval.settings import Settings  # noqa: E402

BBC = ROOT.parent / "shared" / "corpora" / "bbc-news"


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(pct / 100 * len(ordered)))]


def questions(count: int) -> list[str]:
    golden = [
        json.loads(line)["question"]
        for line in (ROOT / "eval" / "golden.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    rng = random.Random(1)
    headlines = [
        p.read_text(encoding="utf-8", errors="replace").split("\n", 1)[0].strip()
        for p in sorted(BBC.glob("*.txt"))
    ]
    made = [f"What happened: {h}?" for h in rng.sample(headlines, count)]
    return (golden + made)[:count]


def report(name: str, millis: list[float]) -> None:
    print(
        f"{name:<8} n={len(millis)}  p50 {statistics.median(millis):6.1f} ms  "
        f"p95 {percentile(millis, 95):6.1f} ms  max {max(millis):6.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="an embedded store to reuse or build")
    parser.add_argument("--questions", type=int, default=200)
    args = parser.parse_args()
    store = args.store or Path(tempfile.mkdtemp()) / "chroma"
    engine = Engine(Settings(store_path=store))
    summary = engine.ingest([ROOT / "corpus", BBC])
    print(f"store {store}: {summary.line()}")
    stats = engine.stats()
    print(f"{stats.documents} documents, {stats.chunks} chunks")

    qs = questions(args.questions)
    engine.search(qs[0])  # warm: models loaded, lexical index opened
    search_ms, ask_ms = [], []
    for q in qs:
        started = time.perf_counter()
        engine.search(q, 5)
        search_ms.append((time.perf_counter() - started) * 1000)
    for q in qs:
        started = time.perf_counter()
        engine.ask(q)
        ask_ms.append((time.perf_counter() - started) * 1000)
    report("search", search_ms)
    report("ask", ask_ms)

    cold = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "bot.cli.entry",
                "ask",
                "How much does the US demand?",
                "--store",
                str(store),
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        cold.append(time.perf_counter() - started)
    print(f"cold process, first answer: {' / '.join(f'{s:.2f} s' for s in cold)}")


if __name__ == "__main__":
    main()
